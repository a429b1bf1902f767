//! The window at the size it opens at (1240×700), repainting what changes, and the desktop
//! around it (issue 24's window items).

use crate::kit;

use flowdeck::ui::{Message, compose};
use iced_test::Error;
use iced_test::selector::id;
use kit::window::repaint::Painter;
use kit::window::{Window, temp};

/// A banner as long as the demo's, three lines at this width.
const LONG_BANNER: &str = "Demo mode: three simulated Flow accounts, each played by a built-in stand-in for the browser extension, and one Gemini API account making Gemini Omni Flash videos (omni-flash runs on all four); nothing is sent to Google. Prompts containing #unsafe are refused, to show how that looks.";

/// Twelve scenes imported from a file under a three-line banner, at the size the window opens
/// at: the prompt editor keeps at least six lines (the page scrolls instead), and the import's
/// confirmation is in sight, whole.
#[test]
fn compose_at_the_size_it_opens_keeps_six_lines_and_the_confirmation_in_sight() -> Result<(), Error>
{
    let mut w = Window::new();
    w.running().banners.push(LONG_BANNER.into());
    let file = temp("twelve").join("twelve.txt");
    let prompts: Vec<String> = (1..=12)
        .map(|n| format!("Scene number {n}: a long slow shot of a harbour at dawn with boats"))
        .collect();
    std::fs::write(&file, prompts.join("\n")).expect("write");
    w.run_tasks(Message::Compose(compose::Message::ImportFile(file)));
    let mut ui = w.ui_as_opened();
    let editor = ui.find(id("prompts"))?;
    let shown = editor.visible_bounds().expect("the editor is on screen");
    // Six lines of 16 px text at 1.3, and the editor's padding.
    assert!(
        shown.height >= 6.0 * 16.0 * 1.3,
        "the editor is squeezed to {shown:?}"
    );
    let said = ui.find("Imported 12 scenes from twelve.txt.")?;
    let (whole, seen) = (said.bounds(), said.visible_bounds());
    let seen = seen.expect("the confirmation is on screen");
    assert!(
        seen.height + 0.5 >= whole.height,
        "the confirmation is cut off: {seen:?} of {whole:?}"
    );
    assert!(whole.y + whole.height <= flowdeck::store::window::DEFAULT.1);
    Ok(())
}

/// The window painted as its compositor does, one frame after another, against each frame
/// painted whole: a pixel that differs is a ghost.
fn ghosts_after(
    w: &mut Window,
    change: Vec<Message>,
    theme: &iced::Theme,
    (width, height): (f32, f32),
) -> Option<iced::Rectangle> {
    let mut painter = Painter::new(iced::Size::new(width, height));
    painter.frame(w.app.view(), theme);
    w.deliver(change);
    painter.frame(w.app.view(), theme);
    let whole = painter.whole(w.app.view(), theme);
    painter.ghosts(&whole)
}

/// A menu changed from the keyboard (Space on a focused menu picks the next option) is
/// repainted whole: iced's tiny-skia renderer finds a centred label's damage from its middle
/// down, so the old option's top half stayed ("System" over "Light") until hovered.
#[test]
fn a_menu_changed_with_the_keyboard_is_repainted_whole() {
    let mut w = Window::new();
    for theme in [iced::Theme::Light, iced::Theme::Dark] {
        let next = if w.running().compose.aspect == flowdeck::model::Aspect::Landscape {
            flowdeck::model::Aspect::Portrait
        } else {
            flowdeck::model::Aspect::Landscape
        };
        let ghosts = ghosts_after(
            &mut w,
            vec![Message::Compose(compose::Message::Aspect(next))],
            &theme,
            flowdeck::store::window::DEFAULT,
        );
        assert_eq!(ghosts, None, "old pixels left in {theme:?}");
    }
}

/// Lines scrolled in the prompt editor leave nothing above its top border: iced's tiny-skia
/// renderer lets the editor's text paint past its box (a Vietnamese diacritic above the first
/// line) but repaints only the box's inside, so the editor is repainted with a margin after
/// each change.
#[test]
fn lines_scrolled_in_the_prompt_editor_leave_no_ghosts() {
    use iced::widget::text_editor::{Action, Motion};
    let mut w = Window::new();
    w.running().banners.push(LONG_BANNER.into());
    let many: Vec<String> = (1..=40)
        .map(|n| format!("Scene {n}: Ấp Bắc, quay chậm; a harbour at dawn"))
        .collect();
    w.deliver([Message::Compose(kit::window::paste(&many.join("\n")))]);
    let edit = |a: Action| vec![Message::Compose(compose::Message::Edit(a))];
    // Scrolled to the end in a shorter window, then the window made taller (the editor
    // grows and shows more lines above), at heights that leave each part of a line over.
    let (width, opened) = flowdeck::store::window::DEFAULT;
    for height in (0..21).map(|i| opened - i as f32) {
        let mut shorter = Painter::new(iced::Size::new(width, height - 30.0));
        shorter.frame(w.app.view(), &iced::Theme::Light);
        w.deliver(edit(Action::Move(Motion::DocumentEnd)));
        for lines in [-1, -3, 2] {
            let scroll = edit(Action::Scroll { lines });
            let ghosts = ghosts_after(&mut w, scroll, &iced::Theme::Light, (width, height));
            assert_eq!(
                ghosts, None,
                "old pixels left after scrolling {lines} lines at {height} px"
            );
        }
    }
}

/// A video the desktop could not open is said so, with its path and a button that copies it.
#[test]
fn a_video_no_program_opens_is_said_with_its_path_to_copy() -> Result<(), Error> {
    let mut w = Window::new();
    let video = std::path::PathBuf::from("/videos/flowdeck/b/001_a-red-fox_1.mp4");
    let why = format!(
        "No program here opens .mp4 files; the video is at {}",
        video.display()
    );
    w.deliver([Message::Opened(Err(flowdeck::ui::platform::Unopened {
        path: video.clone(),
        why: why.clone(),
    }))]);
    let mut ui = w.ui_as_opened();
    let _ = ui.find(why.as_str())?;
    ui.click("Copy path")?;
    let copied: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(copied.as_slice(), [Message::CopyPath(p)] if *p == video),
        "{copied:?}"
    );
    w.deliver([Message::DismissUnopened]);
    assert!(w.ui_as_opened().find(why.as_str()).is_err());
    Ok(())
}
