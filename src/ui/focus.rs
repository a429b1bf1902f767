//! Keyboard focus for every control, not only text fields: iced 0.14 lets Tab reach text
//! inputs and editors alone. A `ring` around a button, checkbox, radio or menu makes it a Tab
//! stop while it is enabled (a disabled control shows no pointer, and is skipped), draws a
//! ring while focused, and turns Enter or Space into the click the control already answers.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Quad};
use iced::advanced::widget::operation::{Focusable, Operation};
use iced::advanced::widget::{Tree, Widget, tree};
use iced::advanced::{Clipboard, Shell, overlay};
use iced::keyboard::{self, key};
use iced::{Border, Color, Element, Event, Length, Point, Rectangle, Size, Theme, Vector, mouse};

#[derive(Debug, Default)]
struct State {
    focused: bool,
}

impl Focusable for State {
    fn is_focused(&self) -> bool {
        self.focused
    }

    fn focus(&mut self) {
        self.focused = true;
    }

    fn unfocus(&mut self) {
        self.focused = false;
    }
}

/// A control that Tab can reach.
pub struct Ring<'a, Message> {
    content: Element<'a, Message>,
    /// What Enter or Space sends; a click on the control when none.
    activate: Option<Message>,
}

/// Makes `control` a Tab stop (see the module's comment).
pub fn ring<'a, Message: Clone + 'a>(
    control: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    Element::new(Ring {
        content: control.into(),
        activate: None,
    })
}

/// A menu as a Tab stop: a menu's list cannot be walked with keys, so Enter or Space picks
/// the option after the chosen one (`next`), round and round. The menu is repainted in full
/// when its option changes (`next` changes with it): see `repaint`.
pub fn cycling<'a, Message: Clone + std::fmt::Debug + 'a>(
    menu: impl Into<Element<'a, Message>>,
    next: Option<Message>,
) -> Element<'a, Message> {
    let shown = super::repaint::generation_of(&next);
    Element::new(Ring {
        content: super::repaint::whole(menu, shown),
        activate: next,
    })
}

/// The option after `current` in `options`, wrapping; the first when `current` is not there.
pub fn after<T: Clone + PartialEq>(options: &[T], current: &T) -> Option<T> {
    let i = options
        .iter()
        .position(|o| o == current)
        .map_or(0, |i| i + 1);
    options.get(i % options.len().max(1)).cloned()
}

fn center(bounds: Rectangle) -> mouse::Cursor {
    mouse::Cursor::Available(Point::new(
        bounds.x + bounds.width / 2.0,
        bounds.y + bounds.height / 2.0,
    ))
}

impl<Message: Clone> Widget<Message, Theme, iced::Renderer> for Ring<'_, Message> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        let bounds = layout.bounds();
        // Enabled controls show a pointer over themselves; disabled ones are not Tab stops.
        let enabled = self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            center(bounds),
            &bounds,
            renderer,
        ) == mouse::Interaction::Pointer;
        let state = tree.state.downcast_mut::<State>();
        if enabled {
            operation.focusable(None, bounds, state);
        } else {
            state.focused = false;
        }
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        let focused = tree.state.downcast_ref::<State>().focused;
        match event {
            // A click anywhere moves focus away from the keyboard's stop.
            Event::Mouse(mouse::Event::ButtonPressed(_)) => {
                tree.state.downcast_mut::<State>().focused = false;
            }
            Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. })
                if focused
                    && modifiers.is_empty()
                    && matches!(
                        key.as_ref(),
                        keyboard::Key::Named(key::Named::Enter | key::Named::Space)
                    ) =>
            {
                if let Some(m) = &self.activate {
                    shell.publish(m.clone());
                    shell.capture_event();
                    return;
                }
                // The click the control answers, at its middle: a press and a release, each
                // in a shell of its own (a captured press would hide the release).
                let at = center(layout.bounds());
                for e in [
                    mouse::Event::ButtonPressed(mouse::Button::Left),
                    mouse::Event::ButtonReleased(mouse::Button::Left),
                ] {
                    let mut published = Vec::new();
                    let mut inner = Shell::new(&mut published);
                    self.content.as_widget_mut().update(
                        &mut tree.children[0],
                        &Event::Mouse(e),
                        layout,
                        at,
                        renderer,
                        clipboard,
                        &mut inner,
                        viewport,
                    );
                    let redraw = inner.redraw_request();
                    drop(inner);
                    shell.request_redraw_at(redraw);
                    for m in published {
                        shell.publish(m);
                    }
                }
                tree.state.downcast_mut::<State>().focused = true;
                shell.capture_event();
                return;
            }
            _ => {}
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
        if tree.state.downcast_ref::<State>().focused {
            use iced::advanced::Renderer as _;
            let b = layout.bounds().expand(3.0);
            renderer.fill_quad(
                Quad {
                    bounds: b,
                    border: Border {
                        color: super::style::tones(theme).active,
                        width: 2.0,
                        radius: 5.0.into(),
                    },
                    ..Quad::default()
                },
                Color::TRANSPARENT,
            );
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, iced::Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

/// iced's button as a Tab stop: the same builder, made a [`ring`] when it becomes an element.
pub fn button<'a, Message: Clone + 'a>(
    content: impl Into<Element<'a, Message>>,
) -> Button<'a, Message> {
    Button(iced::widget::button(content))
}

pub struct Button<'a, Message>(iced::widget::Button<'a, Message>);

impl<'a, Message: Clone + 'a> Button<'a, Message> {
    pub fn style(
        self,
        style: impl Fn(&Theme, iced::widget::button::Status) -> iced::widget::button::Style + 'a,
    ) -> Self {
        Button(self.0.style(style))
    }

    pub fn on_press(self, message: Message) -> Self {
        Button(self.0.on_press(message))
    }

    pub fn on_press_maybe(self, message: Option<Message>) -> Self {
        Button(self.0.on_press_maybe(message))
    }

    pub fn padding(self, padding: impl Into<iced::Padding>) -> Self {
        Button(self.0.padding(padding))
    }

    pub fn width(self, width: impl Into<Length>) -> Self {
        Button(self.0.width(width))
    }
}

impl<'a, Message: Clone + 'a> From<Button<'a, Message>> for Element<'a, Message> {
    fn from(b: Button<'a, Message>) -> Self {
        ring(b.0)
    }
}
