//! The first start of an installed copy (issue 27 item 5): with no account set up the window
//! opens on a welcome whose four steps each lead somewhere in one click, and which is gone once
//! an account exists.

use crate::kit;

use flowdeck::store::config::ProviderKind;
use flowdeck::ui::{Message, Phase, Screen, accounts};
use iced::Theme;
use iced_test::Error;
use kit::window::Window;

const TITLE: &str = "Welcome to flowdeck";
const STEPS: [&str; 4] = [
    "Try the demo",
    "Add a Flow account",
    "Add a Gemini API key",
    "Add a Vertex AI project",
];

/// With nothing set up, the window opens on the welcome: its title, a sentence and the four
/// steps, whole and in sight at the size the window opens at, in place of Compose and the
/// sidebar (which would only say there is nothing).
#[test]
fn a_first_start_opens_on_the_welcome_and_its_four_steps_are_in_sight() -> Result<(), Error> {
    let mut w = Window::first_start();
    assert_eq!(w.running().screen, Screen::Compose);
    {
        let mut ui = w.ui_as_opened();
        let _ = ui.find(TITLE)?;
        let (_, height) = flowdeck::store::window::DEFAULT;
        for step in STEPS {
            let found = ui.find(step)?;
            let seen = found.visible_bounds().expect("the step is on screen");
            assert!(
                seen.height + 0.5 >= found.bounds().height && seen.y + seen.height <= height,
                "{step} is cut off: {seen:?}"
            );
        }
        assert!(ui.find("No accounts yet: add one in Accounts.").is_err());
        assert!(ui.find("Prompts").is_err(), "Compose is drawn too");
    }
    w.snapshot(&Theme::Light, "welcome-light")?;
    w.snapshot(&Theme::Dark, "welcome-dark")?;
    Ok(())
}

/// Each account step opens Accounts on its provider's form, a free name suggested; the Flow
/// step's form names the extension folder that came with flowdeck and opens it.
#[test]
fn each_welcome_step_opens_accounts_on_its_provider_s_form() -> Result<(), Error> {
    let cases = [
        (STEPS[1], ProviderKind::Flow, "Add and connect a browser"),
        (STEPS[2], ProviderKind::Gemini, "API key"),
        (STEPS[3], ProviderKind::Vertex, "Google Cloud project"),
    ];
    for (step, provider, field) in cases {
        let mut w = Window::first_start();
        assert!(
            w.ui().find(field).is_err(),
            "{field:?} shown before {step:?}"
        );
        w.press(step)?;
        let r = w.running();
        assert_eq!(
            (r.screen, r.accounts.provider),
            (Screen::Accounts, provider)
        );
        assert_eq!(r.accounts.name, provider.to_string());
        assert!(
            w.ui().find(field).is_ok(),
            "{step:?} did not lead to {field:?}"
        );
    }
    // The Flow form: where the extension is, and a button that opens that folder.
    let mut w = Window::first_start();
    w.press(STEPS[1])?;
    let dir = flowdeck::platform::extension_dir().expect("the checkout's extension");
    assert!(w.shows(&dir.display().to_string()), "no extension folder");
    assert!(w.shows("Load unpacked"));
    let sent = w.click("Open folder")?;
    assert!(
        matches!(&sent[..], [Message::Accounts(accounts::Message::OpenFolder(p))] if *p == dir),
        "{sent:?}"
    );
    Ok(())
}

/// A flowdeck whose extension folder is not beside it says so, and where to look.
#[test]
fn the_flow_form_says_when_the_extension_folder_is_missing() -> Result<(), Error> {
    let mut w = Window::first_start();
    w.running().accounts.extension = None;
    w.press(STEPS[1])?;
    assert!(w.shows("The extension folder was not found next to flowdeck"));
    assert!(w.click("Open folder").is_err());
    Ok(())
}

/// Adding an account (a Gemini key, against the simulator) ends the welcome: Compose is back,
/// with the account in the sidebar.
#[test]
fn the_welcome_is_gone_once_an_account_is_added() -> Result<(), Error> {
    let mut w = Window::first_start();
    let sim = w.rt.block_on(kit::sim(|c| kit::gemini_only(c, &["gem"])));
    let key = sim.account("gem").expect("gem").secret.expose().to_string();
    w.running().started.settings.gemini.api_url = sim.api_url();
    w.press(STEPS[2])?;
    w.deliver([Message::Accounts(accounts::Message::Secret(key))]);
    let add = w.click("Add account")?;
    for m in add {
        w.run_tasks(m);
    }
    let r = w.running();
    assert_eq!(r.accounts.form_error, None);
    assert_eq!(r.started.settings.accounts.len(), 1);
    w.deliver([Message::Show(Screen::Compose)]);
    assert!(!w.shows(TITLE), "the welcome is still shown");
    assert!(w.shows("Prompts") && w.shows("gemini"));
    Ok(())
}

/// A window with accounts opens on Compose, never on the welcome.
#[test]
fn a_window_with_accounts_never_shows_the_welcome() -> Result<(), Error> {
    let mut w = Window::new();
    for screen in [Screen::Compose, Screen::Accounts, Screen::Compose] {
        w.deliver([Message::Show(screen)]);
        assert!(!w.shows(TITLE), "the welcome on {screen:?}");
    }
    assert!(w.shows("Prompts"));
    Ok(())
}

/// "Try the demo" starts the demo in this window, as `flowdeck --demo` does; while another
/// demo holds its folder, the welcome says why and stays.
#[test]
fn try_the_demo_starts_it_in_this_window_or_says_why_not() -> Result<(), Error> {
    let _turn = kit::DEMO_FOLDER.blocking_lock();
    let folder = flowdeck::sim::demo::folder().expect("a cache folder");
    std::fs::create_dir_all(&folder).expect("the demo folder");
    let mut w = Window::first_start();
    {
        let _other = flowdeck::store::lock::EngineLock::acquire(&folder, "another demo")
            .expect("the demo folder's lock");
        for m in w.click(STEPS[0])? {
            w.run_tasks(m);
        }
        assert!(w.running().started.demo.is_none());
        assert!(w.shows("The demo could not start"), "no reason given");
        assert!(w.shows(TITLE));
    }
    for m in w.click(STEPS[0])? {
        w.run_tasks(m);
    }
    let Phase::Ready(r) = &w.app.phase else {
        panic!("the window is not ready");
    };
    assert!(r.started.demo.is_some(), "not the demo");
    assert_eq!(w.app.title(), "flowdeck (demo)");
    assert!(!w.shows(TITLE), "the welcome over the demo");
    assert!(w.shows("Demo mode") && w.shows("demo-ana"));
    Ok(())
}
