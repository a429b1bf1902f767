//! The window, headless: iced_test's Simulator on the real views and update functions, with
//! snapshot hashes of the main screens (ICED_TEST_BACKEND=tiny-skia), and an end-to-end
//! `.ice` run of the real program against the demo simulator.

use crate::kit;
use flowdeck::words::Said;

use std::path::PathBuf;

use flowdeck::engine::{BatchCounts, Event, LaneHealth, TakeUpdate};
use flowdeck::model::{Aspect, Model, TakeState};
use flowdeck::store::config::ProviderKind;
use flowdeck::ui::compose::{self, AccountChoice, Compose};
use flowdeck::ui::{Message, Screen, accounts, queue, settings};
use iced::keyboard::key::Named;
use iced::{Settings as IcedSettings, Theme};
use iced_test::selector::id;
use iced_test::{Error, Simulator};

use kit::window::{
    ACCOUNTS, Window, assigned, batch_of, busy_events, done, info, made_on_alice, no_thumbs, paste,
    scenes, take, temp,
};

fn choices() -> Vec<AccountChoice> {
    ACCOUNTS
        .iter()
        .map(|n| AccountChoice {
            name: n.to_string(),
            credits: Some(1000),
            plan: Some(flowdeck::provider::flow::Plan::Pro),
            unsupported: None,
            cost_each: Some(20),
            resolutions: vec![flowdeck::model::Resolution::P720],
            durations: vec![8],
            usd_each: None,
        })
        .collect()
}

/// Compose drawn alone (no thumbnails), for the simulated user.
fn compose_ui<'a>(
    compose: &'a Compose,
    accounts: &'a [AccountChoice],
) -> Simulator<'a, compose::Message> {
    Simulator::with_size(
        IcedSettings::default(),
        (1100.0, 800.0),
        compose.view(accounts, false, no_thumbs()),
    )
}

/// Enter pressed with `modifiers` held.
fn enter(modifiers: iced::keyboard::Modifiers) -> iced::Event {
    iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(Named::Enter),
        modified_key: iced::keyboard::Key::Named(Named::Enter),
        physical_key: iced::keyboard::key::Physical::Code(iced::keyboard::key::Code::Enter),
        location: iced::keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    })
}

#[test]
fn typing_prompts_and_clicking_generate_makes_the_right_request() -> Result<(), Error> {
    let mut compose = Compose::new(PathBuf::from("/videos/out"));
    let accounts = choices();
    // Options chosen in the form.
    for m in [
        compose::Message::Copies(2),
        compose::Message::Aspect(Aspect::Portrait),
        compose::Message::Account("bob".into(), false),
    ] {
        let _ = compose.update(m, &accounts, "{slug}_{take}");
    }
    let mut ui = compose_ui(&compose, &accounts);
    let _ = ui.click(id("prompts"))?;
    let _ = ui.typewrite("A red fox in the snow");
    let _ = ui.tap_key(Named::Enter);
    let _ = ui.typewrite("Cảnh quay phố cổ Hà Nội");
    let _ = ui.click("Generate  (Ctrl+Enter)")?;
    let mut request = None;
    for m in ui.into_messages() {
        if let compose::Action::Generate(spec) = compose.update(m, &accounts, "{slug}_{take}") {
            request = Some(spec);
        }
    }
    let spec = request.expect("Generate produced a request");
    let prompts: Vec<&str> = spec.scenes.iter().map(|s| s.prompt.as_str()).collect();
    assert_eq!(
        prompts,
        ["A red fox in the snow", "Cảnh quay phố cổ Hà Nội"]
    );
    assert!(
        spec.scenes
            .iter()
            .all(|s| s.copies == 2 && s.aspect == Aspect::Portrait && s.model == Model::Veo31Fast)
    );
    assert_eq!(spec.accounts, ["alice", "carol"]);
    assert_eq!(spec.out_dir, PathBuf::from("/videos/out"));
    assert_eq!(
        compose.estimate(&accounts).0,
        "2 scenes × 2 copies = 4 videos, about 80 credits, over 2 accounts"
    );
    Ok(())
}

#[test]
fn compose_offers_each_model_s_lengths_and_prices_gemini_in_dollars() -> Result<(), Error> {
    let mut accounts = choices();
    accounts.push(AccountChoice {
        name: "g1".into(),
        credits: None,
        plan: None,
        unsupported: None,
        cost_each: None,
        resolutions: flowdeck::model::Resolution::ALL.to_vec(),
        durations: (3..=10).collect(),
        usd_each: Some(0.8),
    });
    let mut compose = Compose::new(PathBuf::from("/videos/out"));
    compose.model = Model::OmniFlash;
    let _ = compose.update(paste("one\ntwo"), &accounts, "{slug}_{take}");
    assert_eq!(
        compose.offered_durations(&accounts),
        (3..=10).collect::<Vec<u8>>()
    );
    assert_eq!(
        compose.offered_resolutions(&accounts),
        flowdeck::model::Resolution::ALL.to_vec()
    );
    let (line, _) = compose.estimate(&accounts);
    assert!(line.contains("about $1.60 on the Gemini API"), "{line}");
    // Only Flow accounts chosen: 8 seconds, 720p, no dollars.
    compose.excluded.insert("g1".into());
    assert_eq!(compose.offered_durations(&accounts), [8]);
    assert!(!compose.estimate(&accounts).0.contains('$'));
    let mut ui = compose_ui(&compose, &accounts);
    let _ = ui.find("Seconds")?;
    Ok(())
}

#[test]
fn ctrl_enter_in_the_editor_generates_and_empty_prompts_are_refused() -> Result<(), Error> {
    let accounts = choices();
    let mut compose = Compose::new(PathBuf::from("/videos/out"));
    let mut ui = compose_ui(&compose, &accounts);
    let _ = ui.click(id("prompts"))?;
    let _ = ui.simulate([enter(iced::keyboard::Modifiers::CTRL)]);
    let messages: Vec<compose::Message> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, compose::Message::Generate)),
        "{messages:?}"
    );
    for m in messages {
        assert!(matches!(
            compose.update(m, &accounts, "{slug}_{take}"),
            compose::Action::None
        ));
    }
    assert_eq!(compose.error.as_deref(), Some("the file holds no prompts"));
    let mut ui = compose_ui(&compose, &accounts);
    let _ = ui.find("the file holds no prompts")?;
    Ok(())
}

#[test]
fn engine_events_move_lanes_and_takes_through_their_states() -> Result<(), Error> {
    let mut w = Window::new();
    w.deliver([Message::Engine(busy_events()), Message::Show(Screen::Queue)]);
    let mut ui = w.ui();
    for expected in [
        "waiting for browser",
        "waiting for the browser: open the browser profile paired with this account (with the \
         flowdeck extension)",
        "Connect a browser",
        "cooling down 30 s",
        "ready · Pro · 9,960 credits",
        "done",
        "downloading",
        "1.5 MiB / 3.0 MiB",
        "generating",
        "for 0:00",
        "failed",
        "Google's safety filter refused this prompt or its video (PUBLIC_ERROR_UNSAFE_GENERATION)",
        "001_a-red-fox_1.mp4",
        "1 of 4 on disk · 1 failed · 2 in progress",
        "Retry",
    ] {
        let _ = ui.find(expected)?;
    }
    // "Connect a browser" on the lane opens the pairing on the Accounts screen.
    let _ = ui.click("Connect a browser")?;
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages.iter().any(
            |m| matches!(m, Message::Lanes(flowdeck::ui::lanes::Message::Connect(a)) if a == "bob")
        ),
        "{messages:?}"
    );
    w.deliver_in_rt(messages);
    w.deliver_in_rt([Message::Accounts(accounts::Message::Pair("bob".into()))]);
    let _ = w.ui().find("Connect a browser: bob")?;
    // Escape closes it.
    w.deliver([Message::Key(flowdeck::ui::Key::Escape)]);
    assert!(w.running().accounts.dialog.is_none());
    // Lost creates looked up in an account's listing are told in a banner.
    w.deliver([Message::Engine(vec![Event::Reconciled {
        account: "alice".into(),
        found: 2,
        absent: 1,
    }])]);
    assert!(
        w.running().banners.iter().any(|b| b.contains(
            "looked up 3 create(s) whose answer was lost: 2 found on the account (going on, \
                 not paid twice), 1 never made"
        )),
        "{:?}",
        w.running().banners
    );
    // A lane held after Flow flagged unusual activity offers to resume it.
    w.deliver([
        Message::Engine(vec![Event::Lane {
            account: "carol".into(),
            health: LaneHealth::Held {
                reason: flowdeck::message::Message::verbatim(
                    "Flow flagged unusual activity on this account",
                ),
            },
            in_flight: 0,
        }]),
        Message::Show(Screen::Queue),
    ]);
    let mut ui = w.ui();
    let _ = ui.find("Flow flagged unusual activity on this account")?;
    let _ = ui.click("Resume")?;
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages.iter().any(
            |m| matches!(m, Message::Lanes(flowdeck::ui::lanes::Message::Resume(a)) if a == "carol")
        ),
        "{messages:?}"
    );
    // The batch finishing is shown in the tab bar once the request settles.
    w.deliver([Message::Settled(
        1,
        Ok(BatchCounts {
            done: 3,
            failed: 1,
            ..BatchCounts::default()
        }),
    )]);
    let mut ui = w.ui();
    let _ = ui.find("Last batch: 3 of 4 videos on disk")?;
    Ok(())
}

/// An account Google sent to "Confirm it's you" says so on its lane, in words, and says
/// nothing of it once the page is normal again.
#[test]
fn a_lane_google_sent_to_a_check_says_it_needs_its_person() -> Result<(), Error> {
    let mut w = Window::new();
    let lane = |health| {
        Message::Engine(vec![Event::Lane {
            account: "bob".into(),
            health,
            in_flight: 0,
        }])
    };
    let reason = flowdeck::provider::flow::transport::needs_you("/about");
    w.deliver([
        Message::Engine(busy_events()),
        lane(LaneHealth::NeedsYou {
            reason: reason.clone(),
        }),
    ]);
    {
        let mut ui = w.ui();
        let _ = ui.find("needs you: open Flow in this browser")?;
        let _ = ui.find(reason.said().as_str())?;
    }
    assert!(
        reason
            .said()
            .contains("Google sent this browser's Flow tab to /about")
    );
    w.deliver([lane(LaneHealth::Ready)]);
    let mut ui = w.ui();
    assert!(ui.find("needs you: open Flow in this browser").is_err());
    Ok(())
}

/// The start-up check (`flowdeck doctor`) speaks on each lane: briefly when all is well, the
/// whole sentence (with where to report it) when a service answered in an unknown shape.
#[test]
fn each_lane_shows_what_the_start_up_check_said() -> Result<(), Error> {
    use flowdeck::ops::doctor::Verdict;
    let mut w = Window::new();
    let moved = Verdict::UnknownShape(flowdeck::message::Message::verbatim(
        "HTTP 200: nzlxg: the credits answer has no balance",
    ));
    let signed_out = Verdict::SignedOut(flowdeck::message::Message::verbatim(
        "this account must sign in again",
    ));
    w.deliver([
        Message::Doctor(
            "alice".into(),
            Verdict::Works(flowdeck::message::Message::verbatim("Pro plan")),
        ),
        Message::Doctor("bob".into(), moved.clone()),
        Message::Doctor("carol".into(), signed_out.clone()),
    ]);
    let mut ui = w.ui();
    let _ = ui.find("checked: works")?;
    let _ = ui.find(moved.line().said().as_str())?;
    let _ = ui.find(signed_out.line().said().as_str())?;
    assert!(moved.line().said().contains("report it"));
    Ok(())
}

/// An extension's file is the story so far: its Queue row says which scenes it holds (from the
/// engine's fact, worded here); a scene's own clip says nothing of the kind.
#[test]
fn an_extension_s_row_says_which_scenes_its_file_holds() -> Result<(), Error> {
    let mut w = Window::new();
    let finished = |t: i64, holds: Vec<u32>| {
        let path = PathBuf::from(format!("/videos/b/00{t}_1.mp4"));
        Event::Take(TakeUpdate {
            failure: None,
            revisable: true,
            holds,
            ..done(t, "g1", path, 3 << 20)
        })
    };
    w.deliver([
        Message::Engine(vec![
            batch_of(
                1,
                "story",
                scenes(&[
                    "she opens the door",
                    "she steps into the rain",
                    "she reaches the café",
                ]),
            ),
            finished(1, vec![]),
            finished(2, vec![1, 2]),
            finished(3, vec![1, 2, 3]),
        ]),
        Message::Show(Screen::Queue),
    ]);
    let mut ui = w.ui();
    let _ = ui.find("holds scenes 1–2")?;
    let _ = ui.find("holds scenes 1–3")?;
    assert!(
        ui.find("holds scenes 1").is_err(),
        "the first scene holds itself only"
    );
    Ok(())
}

#[test]
fn a_finished_omni_take_offers_revise_and_the_dialog_sends_an_instruction() -> Result<(), Error> {
    let mut w = Window::new();
    let finished = |take: i64, revisable: bool| {
        let path = PathBuf::from(format!("/videos/b/00{take}_fox_1.mp4"));
        Event::Take(TakeUpdate {
            revisable,
            ..done(take, "g1", path, 3 << 20)
        })
    };
    w.deliver([
        Message::Engine(vec![
            batch_of(1, "foxes", scenes(&["a fox on Flow", "a fox in the snow"])),
            finished(1, false),
            finished(2, true),
        ]),
        Message::Show(Screen::Queue),
    ]);
    // Only the Omni take has the button.
    let messages = w.click("Revise")?;
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Queue(queue::Message::Revise(2))]
        ),
        "{messages:?}"
    );
    w.deliver_in_rt(messages);
    {
        let mut ui = w.ui();
        // Named as its row names it (scene.copy).
        let _ = ui.find("Revise 002.1")?;
        let _ = ui.find("Was: a fox in the snow")?;
        let _ = ui.find(
            "A new video made on g1 with the same model, shape and length; it costs like any \
             other take. The original stays as it is.",
        )?;
    }
    w.snapshot(&Theme::Light, "revise-light")?;
    // An empty instruction is refused in the dialog, nothing is sent.
    w.press("Send revision")?;
    let _ = w.ui().find("Say how the video should change.")?;
    // Typed and sent: the engine is asked once; its refusal stays in the dialog.
    let mut ui = w.ui();
    let _ = ui.click(id("revise-input"))?;
    let _ = ui.typewrite("make it night");
    let _ = ui.click("Send revision")?;
    let messages: Vec<Message> = ui.into_messages().collect();
    w.deliver(messages);
    let dialog = w
        .running()
        .revise
        .clone()
        .expect("still open while sending");
    assert_eq!(dialog.instruction, "make it night");
    assert!(dialog.sending);
    w.deliver([Message::Revised(Err("there is no take 2".into()))]);
    let _ = w.ui().find("there is no take 2")?;
    // Recorded: the dialog closes and the queue shows the new batch.
    w.deliver([Message::Revised(Ok(2))]);
    assert!(w.running().revise.is_none());
    assert_eq!(w.running().screen, Screen::Queue);
    // Escape closes it too.
    w.deliver([
        Message::Queue(queue::Message::Revise(2)),
        Message::Key(flowdeck::ui::Key::Escape),
    ]);
    assert!(w.running().revise.is_none());
    Ok(())
}

#[test]
fn the_accounts_form_checks_what_is_typed() -> Result<(), Error> {
    let mut w = Window::new();
    w.deliver([Message::Show(Screen::Accounts)]);
    // Flow (the default provider): a name and, optionally, the Google account.
    let cases: [(&str, &str, &str); 4] = [
        ("", "", "an account has an empty name"),
        ("alice", "", "there is already an account \"alice\""),
        ("bad/name", "", "may hold only letters"),
        ("new one", "not-an-email", "is not an email address"),
    ];
    for (name, email, error) in cases {
        w.deliver([
            Message::Accounts(accounts::Message::Name(name.into())),
            Message::Accounts(accounts::Message::Email(email.into())),
        ]);
        w.press("Add and connect a browser")?;
        assert!(
            w.shows(error),
            "expected \"{error}\" for ({name:?}, {email:?})"
        );
    }
    // Flow accounts have no secret to type: no field for one.
    assert!(!w.shows("API key"));
    // A good one opens the pairing link for its browser.
    w.deliver([
        Message::Accounts(accounts::Message::Name("studio".into())),
        Message::Accounts(accounts::Message::Email("me@example.com".into())),
    ]);
    let messages = w.click("Add and connect a browser")?;
    w.deliver_in_rt(messages);
    assert!(w.shows("Connect a browser: studio"));
    assert!(w.shows("Waiting for the flowdeck extension"));
    let (url, check) = match &w.running().accounts.dialog {
        Some(accounts::Dialog::Pair { url, check, .. }) => (url.clone(), check.clone()),
        other => panic!("no pairing dialog: {other:?}"),
    };
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    // The check code the person types into the extension's popup: shown here, not in the link.
    assert!(
        w.shows(&check) && w.shows("type this code into its popup"),
        "no check code shown"
    );
    assert!(!url.contains(&check.replace('-', "")), "{url}");
    w.deliver([Message::Accounts(accounts::Message::Close)]);

    // Gemini: an API key, checked for its shape and never shown.
    w.deliver([
        Message::Accounts(accounts::Message::Provider(ProviderKind::Gemini)),
        Message::Accounts(accounts::Message::Name("g1".into())),
        Message::Accounts(accounts::Message::Secret("hello world".into())),
    ]);
    w.press("Add account")?;
    assert!(w.shows("an API key has no spaces in it"));
    w.deliver([Message::Accounts(accounts::Message::Secret(
        "AIza-very-secret-key-000000000000".into(),
    ))]);
    {
        let mut ui = w.ui();
        assert!(
            ui.find("AIza-very-secret-key-000000000000").is_err(),
            "the key is shown in clear"
        );
    }

    // Vertex: a project, a region and a key file, each checked before anything is kept.
    let dir = temp("vertex-form");
    let user = dir.join("user.json");
    std::fs::write(
        &user,
        r#"{"type":"authorized_user","refresh_token":"1//x"}"#,
    )
    .expect("file");
    let key = dir.join("sa.json");
    std::fs::write(
        &key,
        r#"{"type":"service_account","client_email":"fd@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n","token_uri":"https://oauth2.googleapis.com/token"}"#,
    )
    .expect("file");
    w.deliver([
        Message::Accounts(accounts::Message::Provider(ProviderKind::Vertex)),
        Message::Accounts(accounts::Message::Name("v1".into())),
    ]);
    assert!(w.shows("Vertex AI User role"));
    let user = user.display().to_string();
    let key = key.display().to_string();
    let cases: [(&str, &str, &str, &str); 4] = [
        ("", "", "", "needs project"),
        ("my project", "", "", "is not a Google Cloud project id"),
        (
            "my-project",
            "Europe West",
            "",
            "is not a Google Cloud region",
        ),
        ("my-project", "", &user, "not a service-account key"),
    ];
    for (project, location, file, error) in cases {
        w.deliver([
            Message::Accounts(accounts::Message::Project(project.into())),
            Message::Accounts(accounts::Message::Location(location.into())),
            Message::Accounts(accounts::Message::KeyFile(file.into())),
        ]);
        w.press("Add account")?;
        assert!(
            w.shows(error),
            "expected \"{error}\" for ({project:?}, {location:?}, {file:?})"
        );
    }
    w.deliver([
        Message::Accounts(accounts::Message::Project("my-project".into())),
        Message::Accounts(accounts::Message::Location("europe-west4".into())),
        // A fixed path for the picture; the real one is typed after.
        Message::Accounts(accounts::Message::KeyFile(
            "/home/me/keys/studio-sa.json".into(),
        )),
    ]);
    w.snapshot(&Theme::Light, "vertex-form-light")?;
    w.deliver([Message::Accounts(accounts::Message::KeyFile(key.clone()))]);
    w.press("Add account")?;
    let form = &w.running().accounts;
    assert!(form.form_error.is_none(), "{:?}", form.form_error);
    assert!(form.busy, "the account is being added");
    Ok(())
}

#[test]
fn the_settings_form_explains_bad_values() -> Result<(), Error> {
    let mut w = Window::new();
    w.deliver([
        Message::Show(Screen::Settings),
        Message::Settings(settings::Message::Concurrency("0".into())),
        Message::Settings(settings::Message::Template("{batch}/{slug}.mp4".into())),
        Message::Settings(settings::Message::Downloads("many".into())),
        Message::Settings(settings::Message::Save),
    ]);
    {
        let mut ui = w.ui();
        let _ = ui.find("videos at once per account must be between 1 and 32")?;
        let _ = ui.find("the template needs {take} (or {seed}) so copies get their own files")?;
        let _ = ui.find("downloads at once must be a number")?;
        let _ = ui.find("fix the fields marked in red first")?;
    }
    w.deliver([
        Message::Settings(settings::Message::Concurrency("3".into())),
        Message::Settings(settings::Message::Template(
            "{batch}/{slug}_{take}.mp4".into(),
        )),
        Message::Settings(settings::Message::Downloads("2".into())),
    ]);
    assert!(!w.running().settings.problems().any());
    Ok(())
}

#[test]
fn snapshots_of_the_main_screens() -> Result<(), Error> {
    let mut w = Window::new();
    w.deliver([
        Message::Compose(paste(
            "A red fox walking through fresh snow\nCảnh quay từ trên cao: phố cổ Hà Nội lúc bình minh\nAstronaut planting a tree on the moon",
        )),
        Message::Compose(compose::Message::Copies(2)),
    ]);
    w.snapshot(&Theme::Light, "compose-light")?;
    w.deliver([Message::Engine(busy_events()), Message::Show(Screen::Queue)]);
    w.snapshot(&Theme::Light, "queue-light")?;
    w.snapshot(&Theme::Dark, "queue-dark")?;
    w.deliver([Message::Show(Screen::Accounts)]);
    w.snapshot(&Theme::Light, "accounts-light")?;
    w.deliver([Message::Show(Screen::Settings)]);
    w.snapshot(&Theme::Dark, "settings-dark")?;
    Ok(())
}

/// The real program (real engine, real tasks, real subscriptions) against the demo
/// simulator: prompts in, Generate, videos on disk.
#[test]
fn end_to_end_prompts_in_videos_on_disk() -> Result<(), Error> {
    let _turn = crate::kit::DEMO_FOLDER.blocking_lock();
    let before = std::time::SystemTime::now();
    iced_test::run(
        // In English whatever this machine's language (the .ice file expects English words).
        flowdeck::ui::application(flowdeck::ui::Options {
            language: Some(flowdeck::i18n::Language::ENGLISH),
            ..flowdeck::ui::Options::default()
        }),
        format!("{}/tests/ice", env!("CARGO_MANIFEST_DIR")),
    )?;
    // Find the demo's output folder made by this run and check the videos.
    // The demo's own folder, emptied when this run's demo started.
    let demo = flowdeck::sim::demo::folder().expect("a cache folder");
    let fresh = std::fs::metadata(&demo)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= before);
    assert!(fresh, "the demo folder {demo:?} was not made by this run");
    let videos: Vec<PathBuf> = kit::child::walk(&demo.join("videos"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "mp4"))
        .collect();
    assert_eq!(videos.len(), 2, "{videos:?}");
    for v in &videos {
        let bytes = std::fs::read(v).expect("video");
        assert_eq!(&bytes[4..8], b"ftyp");
        assert_eq!(bytes.len(), 3 << 20);
        assert!(v.with_extension("json").exists(), "no sidecar for {v:?}");
    }
    std::fs::remove_dir_all(&demo).ok();
    Ok(())
}

#[test]
fn big_batches_are_paged_and_filtered() -> Result<(), Error> {
    let mut w = Window::new();
    let takes = (1..=120)
        .map(|i| info(i, i as u32, &format!("scene {i}")))
        .collect();
    let mut events = vec![batch_of(1, "big", takes)];
    events.push(take(7, 7, TakeState::Assigned, "alice", None));
    events.push(take(
        7,
        7,
        TakeState::Failed,
        "alice",
        Some("refused for a reason"),
    ));
    w.deliver([Message::Engine(events), Message::Show(Screen::Queue)]);
    let messages: Vec<Message> = {
        let mut ui = w.ui();
        let _ = ui.find("rows 1–50 of 120")?;
        assert!(ui.find("scene 51").is_err(), "only one page is drawn");
        let _ = ui.click("Next ›")?;
        ui.into_messages().collect()
    };
    w.deliver(messages);
    let messages: Vec<Message> = {
        let mut ui = w.ui();
        let _ = ui.find("rows 51–100 of 120")?;
        let _ = ui.find("scene 51")?;
        let _ = ui.click("Needs a look")?;
        ui.into_messages().collect()
    };
    w.deliver(messages);
    let mut ui = w.ui();
    let _ = ui.find("rows 1–1 of 1")?;
    let _ = ui.find("refused for a reason")?;
    Ok(())
}

/// A prompt, a label and a refusal reason holding control characters (a terminal title, a
/// bidi override, a line break) are drawn with those characters shown, on one line.
#[test]
fn control_characters_in_prompts_and_reasons_are_shown() -> Result<(), Error> {
    let mut w = Window::new();
    let events = vec![
        batch_of(1, "odd\u{202e}label", scenes(&["\u{1b}]0;pwned\u{7}lake"])),
        take(1, 1, TakeState::Assigned, "alice", None),
        take(
            1,
            1,
            TakeState::Failed,
            "alice",
            Some("refused\nforged line \u{1b}[2J"),
        ),
    ];
    w.deliver([Message::Engine(events), Message::Show(Screen::Queue)]);
    let mut ui = w.ui();
    let _ = ui.find("\\u001b]0;pwned\\u0007lake")?;
    let _ = ui.find("refused\\nforged line \\u001b[2J")?;
    let _ = ui.find("odd\\u202elabel")?;
    Ok(())
}

/// An account is not called ready before a check answered; one that could not start has a
/// card saying why, the same words as the banner.
#[test]
fn accounts_are_ready_only_once_checked_and_the_sidebar_agrees_with_the_banner() -> Result<(), Error>
{
    use flowdeck::ops::doctor::Verdict;
    let why = "the API key variable FD_DAVE_KEY is not set";
    let mut w = Window::with_problems(vec![("dave".into(), why.into())]);
    {
        let mut ui = w.ui();
        let _ = ui.find("checking…")?;
        assert!(ui.find("ready").is_err(), "nothing was checked yet");
        let _ = ui.find("cannot start")?;
        let _ = ui.find(why)?;
        let _ = ui.find(format!("Account dave cannot start: {why}").as_str())?;
    }
    w.deliver([Message::Doctor(
        "alice".into(),
        Verdict::Works(flowdeck::message::Message::verbatim("Pro plan")),
    )]);
    let mut ui = w.ui();
    let _ = ui.find("ready")?;
    Ok(())
}

/// Where no file dialog can open, Import says so and offers a path field that imports.
#[test]
fn without_a_file_dialog_import_offers_a_path_field() -> Result<(), Error> {
    let accounts = choices();
    let mut compose = Compose::new(PathBuf::from("/videos/out"));
    compose.dialogs = Err("this desktop has no file-dialog service".into());
    assert!(matches!(
        compose.update(compose::Message::Import, &accounts, "{slug}_{take}"),
        compose::Action::Run(_)
    ));
    assert!(
        compose
            .notice
            .as_ref()
            .is_some_and(|n| n.said().starts_with("No file dialog can open here")),
        "{:?}",
        compose.notice
    );
    let file = temp("import").join("scenes.txt");
    std::fs::write(&file, "one\ntwo\n").expect("write");
    {
        let mut ui = compose_ui(&compose, &accounts);
        let _ = ui.find("Prompt file")?;
        let _ = ui.click(id("import-path"))?;
        let _ = ui.typewrite(file.to_str().expect("utf8"));
        let _ = ui.click("Import")?;
        let messages: Vec<compose::Message> = ui.into_messages().collect();
        for m in messages {
            let _ = compose.update(m, &accounts, "{slug}_{take}");
        }
    }
    // The typed path went to the importer (which reads it off the UI thread), and none of it
    // landed in the prompts.
    assert!(compose.import_path.is_none());
    assert!(compose.error.is_none(), "{:?}", compose.error);
    assert_eq!(compose.editor.text().trim(), "");
    let read = flowdeck::store::import::read_file(&file, flowdeck::store::import::TextMode::Lines)
        .expect("read");
    assert_eq!(read.len(), 2);
    // No Browse button beside the folder field; were it pressed, it says so, pointing at the
    // field.
    {
        let mut ui = compose_ui(&compose, &accounts);
        let _ = ui.find("Output folder")?;
        assert!(
            ui.find("Browse…").is_err(),
            "Browse is shown with no dialog"
        );
    }
    let _ = compose.update(compose::Message::Browse, &accounts, "{slug}_{take}");
    assert!(
        compose
            .notice
            .as_ref()
            .is_some_and(|n| n.said().contains("Output folder field"))
    );
    Ok(())
}

/// Spending again is asked for, with the cost: Generate with prompts the last batch made, and
/// a retry of a take the service refused for its policy. Cancel sends nothing.
#[test]
fn spending_again_asks_first_and_shows_the_cost() -> Result<(), Error> {
    use flowdeck::store::ledger::Change;
    use flowdeck::ui::Spend;
    let mut w = Window::new();
    // The last batch made "a red fox".
    w.deliver([Message::Engine(vec![batch_of(
        1,
        "first",
        scenes(&["a red fox"]),
    )])]);
    w.running().last = Some((1, None));
    w.deliver([
        Message::Compose(paste("a red fox\na new scene")),
        Message::Compose(compose::Message::Generate),
    ]);
    let question = w
        .running()
        .confirm
        .as_ref()
        .map(|c| c.question.clone())
        .expect("asked before generating again");
    assert!(
        question.contains("1 of these 2 prompts") && question.contains("credits"),
        "{question}"
    );
    {
        let mut ui = w.ui();
        let _ = ui.find("Generate again")?;
    }
    w.deliver([Message::Confirm(false)]);
    assert!(w.running().confirm.is_none());
    assert_eq!(w.running().screen, Screen::Compose, "nothing was sent");

    // A policy refusal, retried.
    let (_, takes) = w.batch("b", "a #unsafe scene", 1, PathBuf::from("/videos"));
    let id = takes[0].id;
    let refused = Change::error(
        "policy",
        flowdeck::message::Message::verbatim("PUBLIC_ERROR_UNSAFE_GENERATION"),
    );
    w.record(id, vec![assigned("alice"), (TakeState::Failed, refused)]);
    let ledger = w.ledger();
    let record =
        w.rt.block_on(ledger.take(id))
            .expect("take")
            .expect("there");
    w.deliver([Message::SpendChecked(Spend::Retry(id), Ok(vec![record]))]);
    let question = w
        .running()
        .confirm
        .as_ref()
        .map(|c| c.question.clone())
        .expect("asked before retrying a refusal");
    for words in [
        "refused for the service's policy",
        "PUBLIC_ERROR_UNSAFE_GENERATION",
        "credits",
    ] {
        assert!(question.contains(words), "{question}");
    }
    let mut ui = w.ui();
    let _ = ui.find("Send again")?;
    Ok(())
}

/// Tabs `n` times through `view` the way the window does (iced's focus_next), then presses
/// Enter; what the focused control sent.
fn tab_then_enter<'a, M: Clone>(
    rt: &tokio::runtime::Runtime,
    view: iced::Element<'a, M>,
    n: usize,
) -> Vec<M> {
    use iced::advanced::renderer::Headless;
    use iced::advanced::widget::operation::{Operation, Outcome, focusable};
    use iced_runtime::user_interface::{Cache, UserInterface};
    let mut renderer = rt
        .block_on(<iced::Renderer as Headless>::new(
            iced::Font::with_name("Fira Sans"),
            iced::Pixels(16.0),
            Some("tiny-skia"),
        ))
        .expect("renderer");
    let mut ui = UserInterface::build(
        view,
        iced::Size::new(1100.0, 800.0),
        Cache::default(),
        &mut renderer,
    );
    for _ in 0..n {
        let mut op: Box<dyn Operation> = Box::new(focusable::focus_next::<()>());
        loop {
            ui.operate(&renderer, op.as_mut());
            match op.finish() {
                Outcome::Chain(next) => op = next,
                _ => break,
            }
        }
    }
    let mut messages = Vec::new();
    let _ = ui.update(
        &[enter(iced::keyboard::Modifiers::empty())],
        iced::mouse::Cursor::Unavailable,
        &mut renderer,
        &mut iced::advanced::clipboard::Null,
        &mut messages,
    );
    messages
}

/// Tab reaches every control of Compose in reading order (buttons, boxes, menus and fields,
/// not only the fields), skips disabled ones, and Enter does what a click would.
#[test]
fn tab_moves_through_every_control_in_reading_order() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let accounts = choices();
    let mut compose = Compose::new(PathBuf::from("/videos/out"));
    // Where a folder dialog can open (Browse is shown only there).
    compose.dialogs = Ok(());
    let said = |n: usize| {
        let messages = tab_then_enter(&rt, compose.view(&accounts, false, no_thumbs()), n);
        match messages.first() {
            Some(compose::Message::Paragraphs(_)) => "paragraphs".to_string(),
            Some(compose::Message::Import) => "import".into(),
            Some(compose::Message::Edit(_)) => "prompts".into(),
            Some(compose::Message::Model(_)) => "model".into(),
            Some(compose::Message::Aspect(_)) => "aspect".into(),
            Some(compose::Message::Copies(_)) => "copies".into(),
            Some(compose::Message::Duration(_)) => "seconds".into(),
            Some(compose::Message::Resolution(_)) => "resolution".into(),
            Some(compose::Message::SeedMode(m)) => format!("seed {m:?}"),
            Some(compose::Message::Mode(m)) => format!("mode {m:?}"),
            Some(compose::Message::Browse) => "browse".into(),
            Some(compose::Message::Account(a, _)) => format!("account {a}"),
            Some(compose::Message::Generate) => "generate".into(),
            Some(other) => format!("{other:?}"),
            None => "nothing".into(),
        }
    };
    let order: Vec<String> = (1..=20).map(said).collect();
    let want = [
        "paragraphs",
        "import",
        "prompts",
        "model",
        "aspect",
        "copies",
        "seconds",
        "resolution",
        "seed Random",
        "seed Fixed",
    ];
    assert_eq!(&order[..want.len()], &want[..], "{order:?}");
    // Then the seed field, the modes, the folder field, Browse, each account and Generate.
    let rest: Vec<&str> = order[want.len()..].iter().map(String::as_str).collect();
    let pos = |s: &str| rest.iter().position(|x| *x == s);
    let (parallel, browse, alice, generate) = (
        pos("mode Parallel").expect("mode"),
        pos("browse").expect("browse"),
        pos("account alice").expect("account"),
        pos("generate").expect("generate"),
    );
    assert!(
        parallel < browse && browse < alice && alice < generate,
        "{order:?}"
    );

    // A disabled button is not a stop: Tab goes from the first to the third.
    #[derive(Debug, Clone, PartialEq)]
    enum M {
        A,
        B,
        C,
    }
    let row = || -> iced::Element<'static, M> {
        iced::widget::row![
            flowdeck::ui::focus::button(iced::widget::text("a")).on_press(M::A),
            flowdeck::ui::focus::button(iced::widget::text("b")).on_press_maybe(None::<M>),
            flowdeck::ui::focus::button(iced::widget::text("c")).on_press(M::C),
        ]
        .into()
    };
    assert_eq!(tab_then_enter(&rt, row(), 1), vec![M::A]);
    assert_eq!(tab_then_enter(&rt, row(), 2), vec![M::C]);
    let _ = M::B;
}

#[test]
fn history_exports_a_batch_as_csv_beside_its_videos() -> Result<(), Error> {
    let mut w = Window::new();
    let out = temp("export");
    w.batch("cảnh", "con mèo", 2, out.clone());
    w.deliver([Message::Show(Screen::History)]);
    w.run_tasks(Message::History(flowdeck::ui::history::Message::Refresh));
    let clicked = w.click("Export CSV")?;
    assert_eq!(clicked.len(), 1, "one click, one message");
    for m in clicked {
        w.run_tasks(m);
    }
    let file = out.join("batch-1-results.csv");
    let text = std::fs::read_to_string(&file).expect("the CSV is written");
    assert_eq!(
        text.lines().count(),
        3,
        "a header and a row per take: {text}"
    );
    assert!(
        text.contains("con mèo") && text.contains("queued"),
        "{text}"
    );
    let mut ui = w.ui();
    let _ = ui.find(format!("Results saved to {}", file.display()).as_str())?;
    Ok(())
}

#[test]
fn run_next_puts_a_waiting_scene_first_and_says_so() -> Result<(), Error> {
    use flowdeck::model::{BatchSpec, Mode, Scene};
    // One lane whose browser never connects: what is submitted waits in the engine's queue.
    let mut w = Window::with_lanes(["alice"]);
    let engine = w.running().started.engine.clone();
    let ledger = w.ledger();
    let scenes = ["first", "second", "third"]
        .map(|p| Scene::new(p, Model::Veo31Fast, Aspect::Landscape, 1))
        .to_vec();
    let batch =
        w.rt.block_on(engine.submit(BatchSpec {
            label: "order".into(),
            scenes,
            out_dir: temp("next"),
            template: "{slug}_{take}.mp4".into(),
            accounts: Vec::new(),
            mode: Mode::Parallel,
            caps: Default::default(),
        }))
        .expect("submitted");
    let takes = w.rt.block_on(ledger.batch_takes(batch)).expect("takes");
    w.deliver([
        Message::Engine(vec![batch_of(
            batch,
            "order",
            takes
                .iter()
                .map(|t| info(t.id, t.scene_index, &t.prompt))
                .collect(),
        )]),
        Message::Show(Screen::Queue),
    ]);
    let clicked = w.click("Run next")?;
    assert!(
        matches!(&clicked[..], [Message::Queue(queue::Message::RunNext(t))] if *t == takes[0].id),
        "the first row's button: {clicked:?}"
    );
    w.run_tasks(Message::Queue(queue::Message::RunNext(takes[2].id)));
    // A take made from pictures says which, under its prompt.
    let mut pictured = info(99, 4, "the tide comes in");
    pictured.from.pictures = vec![flowdeck::msg!("inputs-start-file", file = "shore.png")];
    w.deliver([Message::Engine(vec![batch_of(
        batch + 1,
        "pictures",
        vec![pictured],
    )])]);
    {
        let mut ui = w.ui();
        let _ = ui.find("start: shore.png")?;
    }
    assert_eq!(w.running().board.next_up, vec![takes[2].id]);
    let mut ui = w.ui();
    let _ = ui.find("next in line")?;
    Ok(())
}

#[test]
fn upscale_asks_which_size_and_sends_a_4k_upscale_on_the_take_s_account() -> Result<(), Error> {
    use flowdeck::model::Resolution;
    let mut w = Window::with_lanes(["alice"]);
    let ledger = w.ledger();
    // A finished 720p Flow video on alice, as the ledger keeps it.
    let (batch, takes) = w.batch("boats", "a paper boat", 1, temp("upscale"));
    let id = takes[0].id;
    let remote = flowdeck::model::RemoteRef::from_json(
        r#"{"provider":"flow","name":"m1","project_id":"project","workflow":"w1","api":"batchexecute"}"#,
    )
    .expect("a Flow handle");
    w.record(
        id,
        made_on_alice(remote.clone(), temp("upscale").join("boat.mp4"), 1),
    );
    let mut update = match take(id, 1, TakeState::Done, "alice", None) {
        Event::Take(u) => u,
        _ => unreachable!(),
    };
    update.upscalable = true;
    w.deliver([
        Message::Engine(vec![
            batch_of(batch, "boats", vec![info(id, 1, "a paper boat")]),
            Event::Take(update),
        ]),
        Message::Show(Screen::Queue),
    ]);
    w.press("Upscale")?;
    let question = w
        .running()
        .confirm
        .as_ref()
        .map(|c| c.question.clone())
        .expect("asks which size");
    assert!(
        question.contains("on alice") && question.contains("4K: 50 credits"),
        "{question}"
    );
    let chose = w.click("Upscale to 4K")?;
    let banners = w.running().banners.clone();
    for m in chose {
        w.run_tasks(m);
    }
    assert_eq!(w.running().banners, banners, "no error came back");
    let newest = w.rt.block_on(ledger.batches()).expect("batches")[0].id;
    assert_ne!(newest, batch, "a new batch");
    let up =
        w.rt.block_on(ledger.batch_takes(newest))
            .expect("takes")
            .remove(0);
    assert_eq!(
        (up.resolution, up.source.clone(), up.account.as_deref()),
        (
            Some(Resolution::K4),
            Some(flowdeck::model::Source::Upscale(remote)),
            None
        ),
        "4K, from the original, waiting for alice's lane"
    );
    let meta =
        w.rt.block_on(ledger.batch_meta(newest))
            .expect("meta")
            .expect("there");
    assert_eq!(meta.accounts, vec!["alice".to_string()]);
    Ok(())
}

/// A finished video shows its first frame in its row (decoded from the file); clicking it
/// opens a larger preview with Play and Show in folder; Escape closes it. A file that cannot
/// be decoded shows no picture, and its preview says why.
#[test]
fn finished_videos_show_their_first_frame_and_open_a_preview() -> Result<(), Error> {
    use flowdeck::ui::thumbs::Thumb;
    let mut w = Window::new();
    let dir = temp("thumbs");
    let video = dir.join("001_a-red-fox_1.mp4");
    let clip = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sim/clip.mp4");
    std::fs::copy(&clip, &video).expect("copy");
    let broken = dir.join("002_a-broken-file_1.mp4");
    std::fs::write(&broken, b"not a video").expect("write");
    let finished = |take: i64, path: &PathBuf| Event::Take(done(take, "alice", path.clone(), 1000));
    let events = vec![
        batch_of(1, "foxes", scenes(&["A red fox", "A broken file"])),
        finished(1, &video),
        finished(2, &broken),
    ];
    w.run_tasks(Message::Engine(events));
    w.deliver([Message::Show(Screen::Queue)]);
    match w.running().thumbs.get(&video) {
        Some(Thumb::Ready { width, height, .. }) => assert_eq!((*width, *height), (160, 90)),
        other => panic!("no thumbnail: {other:?}"),
    }
    assert!(matches!(
        w.running().thumbs.get(&broken),
        Some(Thumb::Failed(_))
    ));
    // The thumbnail sits left of the row's number: click it.
    let clicked = {
        let mut ui = w.ui();
        for row in ["001.1", "002.1"] {
            let at = ui.find(row)?.visible_bounds().expect("visible");
            ui.point_at(iced::Point::new(at.x - 10.0 - 32.0, at.center_y()));
            let _ = ui.simulate(iced_test::simulator::click());
            // The broken one (002) has nothing to click.
        }
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(
        matches!(clicked.as_slice(), [Message::Queue(queue::Message::Preview(p))] if *p == video),
        "{clicked:?}"
    );
    for m in clicked {
        w.run_tasks(m);
    }
    match w.running().thumbs.preview() {
        Some((p, Thumb::Ready { width, .. })) => {
            assert_eq!(p, video.as_path());
            assert_eq!(
                *width, 192,
                "the clip is smaller than a preview: shown whole"
            );
        }
        other => panic!("no preview: {other:?}"),
    }
    let played = {
        let mut ui = w.ui();
        let _ = ui.find("001_a-red-fox_1.mp4")?;
        let _ = ui.find("Show in folder")?;
        ui.click("Play")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(
        matches!(played.as_slice(), [Message::Queue(queue::Message::Open(p))] if *p == video),
        "{played:?}"
    );
    w.deliver([Message::Key(flowdeck::ui::Key::Escape)]);
    assert!(w.running().thumbs.preview().is_none());
    w.run_tasks(Message::Queue(queue::Message::Preview(broken.clone())));
    let why = flowdeck::ui::thumbs::decode(&broken, 720).unwrap_err();
    let mut ui = w.ui();
    let _ = ui.find(format!("No picture: {why}").as_str())?;
    Ok(())
}

/// Issue 28: a batch of 2,000 finished takes decodes the first frames of the rows the Queue
/// shows (a page of 50), not of every take; paging through all of it keeps at most
/// `thumbs::KEEP`, the page on screen always among them.
#[test]
fn a_big_batch_decodes_thumbnails_for_the_rows_shown_only() {
    use flowdeck::ui::thumbs::KEEP;
    let mut w = Window::new();
    let dir = temp("big-thumbs");
    let path = |t: i64| dir.join(format!("{t}.mp4"));
    let takes: Vec<_> = (1..=2000).map(|t| info(t, t as u32, "a lantern")).collect();
    let mut events = vec![batch_of(1, "lanterns", takes)];
    events.extend((1..=2000).map(|t| Event::Take(done(t, "alice", path(t), 1000))));
    w.run_tasks(Message::Engine(events));
    assert_eq!(w.running().thumbs.kept(), queue::PAGE);
    assert!(w.running().thumbs.get(&path(50)).is_some());
    assert!(w.running().thumbs.get(&path(51)).is_none());
    for page in 1..40 {
        w.run_tasks(Message::Queue(queue::Message::Page(1, page)));
        let t = w.running();
        assert!(t.thumbs.kept() <= KEEP, "{} kept", t.thumbs.kept());
        for row in [page * 50 + 1, page * 50 + 50] {
            assert!(t.thumbs.get(&path(row as i64)).is_some(), "row {row}");
        }
    }
    assert!(
        w.running().thumbs.get(&path(1)).is_none(),
        "the first page was let go"
    );
}

/// Issue 28: a year of history is shown a page of 25 batches at a time, newest first, with
/// the way to the older ones.
#[test]
fn history_shows_a_page_of_batches_at_a_time() -> Result<(), Error> {
    let mut w = Window::new();
    let out = temp("history-pages");
    for n in 1..=30 {
        w.batch(&format!("episode {n:02}"), "a lantern", 1, out.clone());
    }
    w.deliver([Message::Show(Screen::History)]);
    w.run_tasks(Message::History(flowdeck::ui::history::Message::Refresh));
    let next = {
        let mut ui = w.ui();
        let _ = ui.find("batches 1–25 of 30")?;
        let _ = ui.find("episode 30")?;
        let _ = ui.find("episode 06")?;
        assert!(
            ui.find("episode 05").is_err(),
            "older batches wait on the next page"
        );
        let _ = ui.click("Next ›")?;
        ui.into_messages().collect::<Vec<_>>()
    };
    for m in next {
        w.run_tasks(m);
    }
    let mut ui = w.ui();
    let _ = ui.find("batches 26–30 of 30")?;
    let _ = ui.find("episode 01")?;
    assert!(ui.find("episode 06").is_err());
    Ok(())
}

/// History shows the first frames of a past batch's finished videos, each opening a preview.
#[test]
fn history_shows_a_past_batch_s_first_frames() -> Result<(), Error> {
    use flowdeck::ui::thumbs::Thumb;
    let mut w = Window::new();
    let out = temp("history-thumbs");
    let (_, takes) = w.batch("lanterns", "a lantern", 2, out.clone());
    // The first copy finished (its file is a real clip); the second is still queued.
    let video = out.join("lantern_1.mp4");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sim/clip.mp4"),
        &video,
    )
    .expect("copy");
    let remote = flowdeck::model::RemoteRef::from_json(
        r#"{"provider":"flow","name":"m1","project_id":"p","workflow":"w1","api":"batchexecute"}"#,
    )
    .expect("a Flow handle");
    w.record(takes[0].id, made_on_alice(remote, video.clone(), 1000));
    w.deliver([Message::Show(Screen::History)]);
    w.run_tasks(Message::History(flowdeck::ui::history::Message::Refresh));
    assert!(matches!(
        w.running().thumbs.get(&video),
        Some(Thumb::Ready { .. })
    ));
    // The strip sits under the batch's line: click where its one picture is.
    let clicked = {
        let mut ui = w.ui();
        let label = ui.find("lanterns")?;
        let at = label.visible_bounds().expect("visible");
        let below = ui.find("Open folder")?.visible_bounds().expect("visible");
        // The strip starts at the card's left edge, one row below the buttons.
        ui.point_at(iced::Point::new(
            at.x + 20.0,
            below.y + below.height + 6.0 + 27.0,
        ));
        let _ = ui.simulate(iced_test::simulator::click());
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(
        matches!(
            clicked.as_slice(),
            [Message::History(flowdeck::ui::history::Message::Preview(p))] if *p == video
        ),
        "{clicked:?}"
    );
    Ok(())
}

/// Compose's picture slots: click a scene's slot, drop a picture on the window, and the scene
/// starts from it (its thumbnail in the slot); a picture that cannot be sent is refused with
/// the reason; an end without a start is named on its scene; × takes a picture out.
#[test]
fn pictures_dropped_on_a_scene_s_slots_go_with_that_scene() -> Result<(), Error> {
    use flowdeck::ui::compose::Slot;
    use flowdeck::ui::thumbs::Thumb;
    let mut w = Window::new();
    let pics = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    let (wide, tall, tiny) = (
        pics.join("wide.png"),
        pics.join("tall.jpg"),
        pics.join("tiny.png"),
    );
    w.deliver([Message::Compose(paste(
        "A harbour at dawn\nA harbour at dusk",
    ))]);
    let clicked = w.click("+ Start")?;
    assert!(
        matches!(clicked.as_slice(), [Message::Compose(compose::Message::Arm(p, Slot::Start))] if p == "A harbour at dawn"),
        "{clicked:?}"
    );
    for m in clicked {
        w.run_tasks(m);
    }
    w.run_tasks(Message::FileDropped(wide.clone()));
    assert!(matches!(
        w.running().thumbs.get(&wide),
        Some(Thumb::Ready { .. })
    ));
    let scenes = w.running().compose.scenes().expect("scenes");
    assert_eq!(scenes[0].inputs.start.as_ref(), Some(&wide));
    assert!(scenes[1].inputs.is_empty());
    w.snapshot(&Theme::Light, "compose-pictures-light")?;
    // A picture too small to send is refused, and the slot stays empty.
    w.deliver([
        Message::Compose(compose::Message::Arm("A harbour at dawn".into(), Slot::End)),
        Message::FileDropped(tiny.clone()),
    ]);
    let why = flowdeck::store::import::check_picture(&tiny).unwrap_err();
    let mut ui = w.ui();
    let _ = ui.find(format!("That picture cannot be sent: {}", why.said()).as_str())?;
    drop(ui);
    assert_eq!(
        w.running().compose.scenes().expect("scenes")[0].inputs.end,
        None
    );
    // An end picture alone is named on its scene.
    w.deliver([
        Message::Compose(compose::Message::Arm("A harbour at dusk".into(), Slot::End)),
        Message::FileDropped(tall.clone()),
    ]);
    // × takes the first scene's start picture out (banners, which also close with ×, first
    // go away).
    while !w.running().banners.is_empty() {
        w.deliver([Message::Dismiss(0)]);
    }
    let mut ui = w.ui();
    let _ = ui.find("an end image needs a start image too.")?;
    ui.click("×")?;
    let removed: Vec<_> = ui.into_messages().collect();
    w.deliver(removed);
    let scenes = w.running().compose.scenes().expect("scenes");
    assert_eq!(scenes[0].inputs.start, None);
    assert_eq!(scenes[1].inputs.end.as_ref(), Some(&tall));
    Ok(())
}

/// Issue 26: Settings edits the caps over all accounts (a wrong one is explained; Save keeps
/// them and gives them to Compose and the running engine), Compose says how many videos would
/// wait, and a take held by budget says which cap holds it in the Queue.
#[test]
fn spending_caps_are_edited_in_settings_weighed_in_compose_and_named_in_the_queue()
-> Result<(), Error> {
    use flowdeck::model::{Amount, CapScope};
    use settings::CapField;
    let mut w = Window::with_lanes(["alice"]);
    w.deliver([
        Message::Show(Screen::Settings),
        Message::Settings(settings::Message::Cap(CapField::DayCredits, "-5".into())),
    ]);
    {
        let mut ui = w.ui();
        let _ = ui.find(
            "A cap must be a whole number of credits or an amount of dollars, 0 or more \
             (empty: no cap)",
        )?;
    }
    assert!(w.running().settings.problems().any());
    w.deliver([Message::Settings(settings::Message::Cap(
        CapField::DayCredits,
        "100".into(),
    ))]);
    w.run_tasks(Message::Settings(settings::Message::Save));
    assert_eq!(w.running().started.settings.budget.day_credits, Some(100));
    let file = w.running().started.paths.config_file.clone();
    let saved = flowdeck::store::config::Settings::load(&file).expect("the settings file");
    assert_eq!(saved.budget.day_credits, Some(100));
    // Compose weighs the estimate against the day's cap (40 of it spent today).
    w.running().compose.spent_today.credits = 40;
    let running = w.running();
    let (_, warnings) = running.compose.estimate(&choices());
    assert!(warnings.is_empty(), "nothing typed yet: {warnings:?}");
    w.deliver([Message::Compose(paste(&"a lantern on a lake\n".repeat(5)))]);
    let (_, warnings) = w.running().compose.estimate(&choices());
    assert_eq!(
        warnings,
        [
            "cap 100 credits a day (60 credits left today): 2 of these 5 videos will wait, \
          held by budget"
        ]
    );
    let (batch, takes) = w.batch("caps", "a paper boat", 1, temp("caps"));
    let id = takes[0].id;
    w.deliver([
        Message::Engine(vec![
            batch_of(batch, "caps", vec![info(id, 1, "a paper boat")]),
            Event::BudgetHeld {
                batch,
                takes: vec![id],
                cap: CapScope::Day,
                limit: Amount::Credits(100),
                spent: Amount::Credits(90),
            },
        ]),
        Message::Show(Screen::Queue),
    ]);
    {
        let mut ui = w.ui();
        let _ = ui.find("held by budget: today's cap is 100 credits, 90 credits spent")?;
    }
    w.deliver([Message::Engine(vec![Event::BudgetReleased {
        batch,
        takes: vec![id],
    }])]);
    let mut ui = w.ui();
    assert!(
        ui.find("held by budget: today's cap is 100 credits, 90 credits spent")
            .is_err()
    );
    Ok(())
}
