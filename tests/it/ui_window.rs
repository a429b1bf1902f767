//! The window at the size it opens at (1240×700), repainting what changes, and the desktop
//! around it (issue 24's window items).

use crate::kit;

use flowdeck::ui::{Message, compose};
use iced_test::Error;
use iced_test::selector::id;
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
    let _ = ui.find("Paragraphs")?;
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
