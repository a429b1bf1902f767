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

/// The size the window opens at.
fn opened() -> (f32, f32) {
    flowdeck::store::window::DEFAULT
}

/// `found` is drawn whole inside the window as it opens.
fn in_sight(found: iced::Rectangle, seen: Option<iced::Rectangle>, what: &str) {
    let (w, h) = opened();
    let seen = seen.unwrap_or_else(|| panic!("{what} is not on screen"));
    assert!(
        seen.width + 0.5 >= found.width && seen.height + 0.5 >= found.height,
        "{what} is cut: {seen:?} of {found:?}"
    );
    assert!(
        found.x + found.width <= w && found.y + found.height <= h,
        "{what} is outside the window: {found:?}"
    );
}

/// An account whose lane waits for its browser keeps its Remove button in sight, at the
/// size the window opens at and at the smallest it can be made.
#[test]
fn an_account_waiting_for_its_browser_keeps_remove_in_sight() -> Result<(), Error> {
    let mut w = Window::new();
    w.running().started.settings.accounts.truncate(1);
    w.deliver([
        Message::Engine(vec![flowdeck::engine::Event::Lane {
            account: "alice".into(),
            health: flowdeck::engine::LaneHealth::WaitingForBrowser {
                reason: flowdeck::msg!("flow-waiting-browser"),
            },
            in_flight: 0,
        }]),
        Message::Show(flowdeck::ui::Screen::Accounts),
    ]);
    for (width, height) in [opened(), flowdeck::store::window::MIN] {
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            (width, height),
            w.app.view(),
        );
        let remove = ui.find("Remove")?;
        let (found, seen) = (remove.bounds(), remove.visible_bounds());
        assert!(
            seen.is_some_and(|s| s.width + 0.5 >= found.width)
                && found.x + found.width <= width - 16.0,
            "Remove is cut at {width}: {found:?}"
        );
    }
    Ok(())
}

/// A theme chosen in Settings applies at once, as a language does, and is saved; what Save
/// or a choice says stays in sight below the form.
#[test]
fn a_theme_applies_at_once_and_what_settings_say_is_in_sight() -> Result<(), Error> {
    use flowdeck::store::config::ThemeChoice;
    use flowdeck::ui::settings;
    let mut w = Window::new();
    w.deliver([Message::Show(flowdeck::ui::Screen::Settings)]);
    w.run_tasks(Message::Settings(settings::Message::Theme(
        settings::Theme(ThemeChoice::Dark),
    )));
    assert_eq!(w.app.theme(), Some(iced::Theme::Dark));
    let file = w.running().started.paths.config_file.clone();
    let saved = flowdeck::store::config::Settings::load(&file).expect("saved");
    assert_eq!(saved.ui.theme, ThemeChoice::Dark);
    let mut ui = w.ui_as_opened();
    let said = ui.find("The theme is now Dark.")?;
    in_sight(
        said.bounds(),
        said.visible_bounds(),
        "the theme's confirmation",
    );
    drop(ui);
    w.run_tasks(Message::Settings(settings::Message::Save));
    let mut ui = w.ui_as_opened();
    let said = ui.find("Saved. Pacing changes apply from the next start; file names apply now.")?;
    in_sight(said.bounds(), said.visible_bounds(), "Saved");
    Ok(())
}

/// A finished video's preview is as wide as its dialog, whatever the video's size (the demo's
/// are 192×108), and the dialog fits the window.
#[test]
fn a_preview_fills_its_dialog_and_fits_the_window() -> Result<(), Error> {
    let mut w = Window::new();
    let video = temp("preview").join("001_a-red-fox_1.mp4");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sim/clip.mp4"),
        &video,
    )
    .expect("copy");
    w.run_tasks(Message::Queue(flowdeck::ui::queue::Message::Preview(
        video.clone(),
    )));
    let mut ui = w.ui_as_opened();
    let picture = ui.find(id("preview-picture"))?.bounds();
    assert!(picture.width >= 700.0, "the preview is small: {picture:?}");
    let close = ui.find("Close")?;
    in_sight(
        close.bounds(),
        close.visible_bounds(),
        "the preview's Close",
    );
    Ok(())
}

/// With no account to make videos, Generate is off and says why.
#[test]
fn generate_is_off_without_accounts_and_says_why() -> Result<(), Error> {
    let mut w = Window::new();
    w.running().choices.clear();
    w.deliver([Message::Compose(kit::window::paste("A red fox"))]);
    w.running().choices.clear();
    let mut ui = w.ui_as_opened();
    let _ = ui.find("Generate needs an account: add one in Accounts.")?;
    ui.click("Generate  (Ctrl+Enter)")?;
    let sent: Vec<Message> = ui.into_messages().collect();
    assert!(sent.is_empty(), "{sent:?}");
    Ok(())
}

/// Where no file dialog opens, a picture slot takes a typed path too (not only a drop).
#[test]
fn without_a_file_dialog_a_picture_slot_takes_a_typed_path() -> Result<(), Error> {
    let mut w = Window::new();
    let wide =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/wide.png");
    w.deliver([Message::Compose(kit::window::paste("A harbour at dawn"))]);
    let clicked = w.click("+ Start")?;
    w.deliver(clicked);
    let typed = {
        let mut ui = w.ui_as_opened();
        let _ = ui.find("Start picture for “A harbour at dawn”:")?;
        let _ = ui.click(id("picture-path"))?;
        let _ = ui.typewrite(wide.to_str().expect("utf8"));
        ui.click("Use")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    w.deliver(typed);
    let scenes = w.running().compose.scenes().expect("scenes");
    assert_eq!(scenes[0].inputs.start.as_ref(), Some(&wide));
    Ok(())
}

/// The pairing link is shown whole: its field is as wide as the link.
#[test]
fn the_pairing_link_is_shown_whole() -> Result<(), Error> {
    let mut w = Window::new();
    let url = "http://127.0.0.1:17613/pair/3f9a1c27d04e4b6aa8e1f2c3d4b5a697".to_string();
    w.deliver([Message::Show(flowdeck::ui::Screen::Accounts)]);
    w.running().accounts.dialog = Some(flowdeck::ui::accounts::Dialog::Pair {
        account: "alice".into(),
        url: url.clone(),
        check: "428-913".into(),
        outcome: None,
    });
    let field = w.ui_as_opened().find(id("pair-url"))?.bounds();
    // The link drawn as the field draws it (its text size, iced's default).
    let link = iced_test::Simulator::with_size(
        iced::Settings::default(),
        opened(),
        iced::Element::<()>::from(iced::widget::text(url.clone()).size(16)),
    )
    .find(url.as_str())?
    .bounds();
    assert!(
        field.width >= link.width + 10.0,
        "the field ({}) is narrower than the link ({})",
        field.width,
        link.width
    );
    Ok(())
}

/// Each account's card counts its takes this session, as it says, and tells those on disk
/// from those being made (a take being generated moves the bar before it is downloaded).
#[test]
fn account_cards_count_this_session_on_disk_and_being_made() -> Result<(), Error> {
    let mut w = Window::new();
    w.deliver([Message::Engine(kit::window::busy_events())]);
    let mut ui = w.ui_as_opened();
    // alice: take 1 on disk, take 4 generating; bob: take 2 downloading.
    let _ = ui.find("This session: 1 of 2 on disk, 1 being made")?;
    let _ = ui.find("This session: 0 of 1 on disk, 1 being made (1.5 MiB / 3.0 MiB)")?;
    Ok(())
}

/// One numbering everywhere: the Revise dialog names a take as its row does (scene.copy),
/// and the Queue and History show each batch's number, the one `flowdeck export N` takes.
#[test]
fn takes_and_batches_are_named_as_the_command_line_names_them() -> Result<(), Error> {
    use flowdeck::ui::{Screen, history, queue};
    let mut w = Window::new();
    let mut thirteenth = kit::window::info(13, 2, "A lighthouse at dawn");
    thirteenth.copy = 2;
    w.deliver([
        Message::Engine(vec![kit::window::batch_of(
            7,
            "lighthouses",
            vec![thirteenth],
        )]),
        Message::Show(Screen::Queue),
    ]);
    let _ = w.ui_as_opened().find("002.2")?;
    let _ = w.ui_as_opened().find("Batch 7")?;
    w.deliver([Message::Queue(queue::Message::Revise(13))]);
    let _ = w.ui_as_opened().find("Revise 002.2")?;
    w.deliver([Message::Key(flowdeck::ui::Key::Escape)]);
    let (batch, _) = w.batch("foxes", "a fox", 1, temp("numbers"));
    w.deliver([Message::Show(Screen::History)]);
    w.run_tasks(Message::History(history::Message::Refresh));
    let _ = w.ui_as_opened().find(format!("Batch {batch}").as_str())?;
    Ok(())
}

/// Notes coming and going below the prompts move neither Generate nor the editor.
#[test]
fn notes_coming_and_going_move_neither_generate_nor_the_editor() -> Result<(), Error> {
    let mut w = Window::new();
    w.running().banners.push(LONG_BANNER.into());
    w.deliver([Message::Compose(kit::window::paste(
        "A red fox\nA lighthouse",
    ))]);
    let place = |w: &Window| -> Result<(iced::Rectangle, iced::Rectangle), Error> {
        let mut ui = w.ui_as_opened();
        let generate = ui.find("Generate  (Ctrl+Enter)")?.bounds();
        let editor = ui.find(id("prompts"))?.bounds();
        Ok((generate, editor))
    };
    let (generate, editor) = place(&w)?;
    w.running().compose.notice = Some(flowdeck::msg!(
        "compose-imported",
        scenes = 2,
        file = "two.txt"
    ));
    w.running().compose.error = Some("That picture cannot be sent: it is too small.".into());
    let (generate_now, editor_now) = place(&w)?;
    assert_eq!(generate_now, generate, "Generate moved");
    assert_eq!(
        (editor_now.x, editor_now.y),
        (editor.x, editor.y),
        "the editor moved"
    );
    Ok(())
}
