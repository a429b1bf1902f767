//! Repainting what iced's tiny-skia renderer would leave stale. The renderer repaints only the
//! damage it finds between two frames, and it finds too little in two places: a label centred
//! in its box (a menu's chosen option) is damaged from its middle down, so the old option's
//! top half stays; and text allowed past its box (a Vietnamese diacritic above an editor's
//! first line) is never damaged at all. `whole` marks a widget's box, a little beyond it,
//! changed whenever what the widget shows changes (its `generation`): an invisible quad that
//! differs between the two frames, which the renderer repaints in full.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Quad};
use iced::advanced::widget::{Operation, Tree, Widget};
use iced::advanced::{Clipboard, Shell, overlay};
use iced::{Color, Element, Event, Length, Rectangle, Size, Theme, Vector, mouse};

/// How far past its box a widget's text may paint (a stacked diacritic, a focus ring).
const MARGIN: f32 = 6.0;

struct Whole<'a, Message> {
    content: Element<'a, Message>,
    generation: u64,
}

/// `content`, repainted in full (and `MARGIN` around) whenever `generation` changes.
pub fn whole<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    generation: u64,
) -> Element<'a, Message> {
    Element::new(Whole {
        content: content.into(),
        generation,
    })
}

/// A generation for what `shown` says: the same words, the same generation.
pub fn generation_of(shown: &impl std::fmt::Debug) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{shown:?}").hash(&mut h);
    h.finish()
}

/// The generation as a colour nobody sees (alpha 0) that differs when it does.
fn invisible(generation: u64) -> Color {
    let part = |shift: u32| ((generation >> shift) & 0xffff) as f32 / 65535.0;
    Color {
        r: part(0),
        g: part(16),
        b: part(32),
        a: 0.0,
    }
}

impl<Message> Widget<Message, Theme, iced::Renderer> for Whole<'_, Message> {
    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
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
        use iced::advanced::Renderer as _;
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
        renderer.fill_quad(
            Quad {
                bounds: layout.bounds().expand(MARGIN),
                ..Quad::default()
            },
            invisible(self.generation),
        );
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
