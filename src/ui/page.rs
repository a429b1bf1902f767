//! A page that fills the height it is given, one of its parts (the prompt editor) taking what
//! the others leave, but never less than its minimum: when the window is too short the page
//! grows taller than the window and scrolls, instead of squeezing that part to nothing.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, Widget};
use iced::advanced::{Clipboard, Shell, overlay, renderer};
use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector, mouse};

/// Which part stretches, and the least height it keeps.
#[derive(Debug, Clone, Copy)]
pub struct Stretch {
    pub index: usize,
    pub min: f32,
}

pub struct Page<'a, Message> {
    parts: Vec<Element<'a, Message>>,
    stretch: Stretch,
    /// The height to fill (the visible height of the scrollable around the page).
    height: f32,
    spacing: f32,
}

pub fn page<'a, Message>(
    parts: Vec<Element<'a, Message>>,
    stretch: Stretch,
    height: f32,
    spacing: f32,
) -> Element<'a, Message>
where
    Message: 'a,
{
    Element::new(Page {
        parts,
        stretch,
        height,
        spacing,
    })
}

impl<Message> Widget<Message, Theme, iced::Renderer> for Page<'_, Message> {
    fn children(&self) -> Vec<Tree> {
        self.parts.iter().map(Tree::new).collect()
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(&self.parts);
    }

    fn size(&self) -> Size<Length> {
        Size::new(Length::Fill, Length::Shrink)
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        let width = limits.max().width;
        let loose = layout::Limits::new(Size::ZERO, Size::new(width, f32::INFINITY));
        let mut nodes: Vec<Option<layout::Node>> = self
            .parts
            .iter_mut()
            .zip(&mut tree.children)
            .enumerate()
            .map(|(i, (part, tree))| {
                (i != self.stretch.index)
                    .then(|| part.as_widget_mut().layout(tree, renderer, &loose))
            })
            .collect();
        let gaps = self.spacing * self.parts.len().saturating_sub(1) as f32;
        let others: f32 = nodes.iter().flatten().map(|n| n.size().height).sum();
        let tall = (self.height - others - gaps).max(self.stretch.min);
        if let (Some(part), Some(tree)) = (
            self.parts.get_mut(self.stretch.index),
            tree.children.get_mut(self.stretch.index),
        ) {
            let exact = layout::Limits::new(Size::new(0.0, tall), Size::new(width, tall));
            nodes[self.stretch.index] = Some(part.as_widget_mut().layout(tree, renderer, &exact));
        }
        let mut y = 0.0;
        let children: Vec<layout::Node> = nodes
            .into_iter()
            .flatten()
            .map(|n| {
                let h = n.size().height;
                let n = n.move_to((0.0, y));
                y += h + self.spacing;
                n
            })
            .collect();
        let used = (y - self.spacing).max(0.0);
        layout::Node::with_children(Size::new(width, used.max(self.height)), children)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        operation.container(None, layout.bounds());
        operation.traverse(&mut |operation| {
            for ((part, state), layout) in self
                .parts
                .iter_mut()
                .zip(&mut tree.children)
                .zip(layout.children())
            {
                part.as_widget_mut()
                    .operate(state, layout, renderer, operation);
            }
        });
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
        for ((part, state), layout) in self
            .parts
            .iter_mut()
            .zip(&mut tree.children)
            .zip(layout.children())
        {
            part.as_widget_mut().update(
                state, event, layout, cursor, renderer, clipboard, shell, viewport,
            );
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.parts
            .iter()
            .zip(&tree.children)
            .zip(layout.children())
            .map(|((part, state), layout)| {
                part.as_widget()
                    .mouse_interaction(state, layout, cursor, viewport, renderer)
            })
            .max()
            .unwrap_or_default()
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
        for ((part, state), layout) in self
            .parts
            .iter()
            .zip(&tree.children)
            .zip(layout.children())
            .filter(|(_, layout)| layout.bounds().intersects(viewport))
        {
            part.as_widget()
                .draw(state, renderer, theme, style, layout, cursor, viewport);
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
        overlay::from_children(
            &mut self.parts,
            tree,
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}
