//! Painting the window as its tiny-skia compositor does: only what changed since the last
//! frame (the damage iced computes from the two frames' layers) is repainted over the last
//! frame's pixels. A repainted frame must equal the same frame painted whole; any pixel that
//! differs is a ghost the user would see.

use iced::advanced::renderer::Style;
use iced::{Element, Rectangle, Size, Theme, mouse};
use iced_runtime::user_interface::{Cache, UserInterface};
use iced_tiny_skia::Layer;
use iced_tiny_skia::graphics::{Viewport, damage};

/// The window's buffer between frames, and what it was drawn from.
pub struct Painter {
    size: Size,
    renderer: iced::Renderer,
    cache: Option<Cache>,
    last: Option<Vec<Layer>>,
    pub pixels: Vec<u8>,
}

impl Painter {
    pub fn new(size: Size) -> Painter {
        Painter {
            size,
            // The font the window and iced_test's simulator draw with.
            renderer: iced::Renderer::new(iced::Font::with_name("Fira Sans"), iced::Pixels(16.0)),
            cache: Some(Cache::default()),
            last: None,
            pixels: vec![0; (size.width * size.height * 4.0) as usize],
        }
    }

    /// Lays out and draws `view` (as the runtime does for a frame); its layers.
    fn layers<M>(&mut self, view: Element<'_, M>, theme: &Theme) -> Vec<Layer> {
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = UserInterface::build(view, self.size, cache, &mut self.renderer);
        let mut messages = Vec::new();
        let _ = ui.update(
            &[iced::Event::Window(iced::window::Event::RedrawRequested(
                std::time::Instant::now(),
            ))],
            mouse::Cursor::Unavailable,
            &mut self.renderer,
            &mut iced::advanced::clipboard::Null,
            &mut messages,
        );
        ui.draw(
            &mut self.renderer,
            theme,
            &Style {
                text_color: theme.palette().text,
            },
            mouse::Cursor::Unavailable,
        );
        self.cache = Some(ui.into_cache());
        self.renderer.layers().to_vec()
    }

    fn draw(&mut self, pixels: &mut [u8], damage: &[Rectangle], theme: &Theme) {
        let (w, h) = (self.size.width as u32, self.size.height as u32);
        let mut pixmap = tiny_skia::PixmapMut::from_bytes(pixels, w, h).expect("pixmap");
        let mut mask = tiny_skia::Mask::new(w, h).expect("mask");
        let viewport = Viewport::with_physical_size(iced::Size::new(w, h), 1.0);
        self.renderer.draw(
            &mut pixmap,
            &mut mask,
            &viewport,
            damage,
            theme.palette().background,
        );
    }

    /// The next frame, `view`, repainted where iced finds damage (all of it the first time).
    pub fn frame<M>(&mut self, view: Element<'_, M>, theme: &Theme) {
        let layers = self.layers(view, theme);
        let whole = Rectangle::with_size(self.size);
        let found = match &self.last {
            Some(last) => damage::diff(last, &layers, |l| vec![l.bounds], Layer::damage),
            None => vec![whole],
        };
        if !found.is_empty() {
            let regions = damage::group(found, whole);
            let mut pixels = std::mem::take(&mut self.pixels);
            self.draw(&mut pixels, &regions, theme);
            self.pixels = pixels;
        }
        self.last = Some(layers);
    }

    /// `view` painted whole, on a fresh buffer.
    pub fn whole<M>(&mut self, view: Element<'_, M>, theme: &Theme) -> Vec<u8> {
        let _ = self.layers(view, theme);
        let mut pixels = vec![0; self.pixels.len()];
        self.draw(&mut pixels, &[Rectangle::with_size(self.size)], theme);
        pixels
    }

    /// Where the buffer differs from `whole`: the bounding box of the differing pixels.
    pub fn ghosts(&self, whole: &[u8]) -> Option<Rectangle> {
        let w = self.size.width as usize;
        let mut found: Option<(usize, usize, usize, usize)> = None;
        for (i, (a, b)) in self.pixels.chunks(4).zip(whole.chunks(4)).enumerate() {
            if a != b {
                let (x, y) = (i % w, i / w);
                found = Some(match found {
                    None => (x, y, x, y),
                    Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
                });
            }
        }
        found.map(|(x0, y0, x1, y1)| Rectangle {
            x: x0 as f32,
            y: y0 as f32,
            width: (x1 - x0 + 1) as f32,
            height: (y1 - y0 + 1) as f32,
        })
    }
}
