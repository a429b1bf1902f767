//! The window in Vietnamese, in a test process of its own: the language spoken is the
//! process's (until issue 25 move 3 takes it out of the engine).

use crate::kit;

use flowdeck::i18n::Language;
use flowdeck::ui::{Message, Screen, compose, settings};
use iced::Theme;
use iced_test::Error;
use kit::window::{Window, busy_events, paste};

fn vi() -> Language {
    Language::parse("vi").expect("Vietnamese has a file")
}

/// Choosing Vietnamese in Settings changes the window at once and is saved; Compose and the
/// Queue then speak Vietnamese, plurals and numbers included (snapshots, light and dark).
#[test]
fn choosing_vietnamese_changes_the_window_at_once_and_is_remembered() -> Result<(), Error> {
    // The language spoken is the process's: Vietnamese in a test process of its own.
    if !kit::alone() {
        return Ok(());
    }
    let mut w = Window::new();
    flowdeck::i18n::set(Language::ENGLISH);
    w.deliver([Message::Show(Screen::Settings)]);
    let _ = w.ui().find("Language")?;
    w.run_tasks(Message::Settings(settings::Message::Language(vi())));
    assert_eq!(flowdeck::i18n::current(), vi());
    {
        let mut ui = w.ui();
        let _ = ui.find("Ngôn ngữ")?;
        let _ = ui.find("Cài đặt")?;
        let _ = ui.find("Ngôn ngữ giờ là Tiếng Việt.")?;
    }
    // The banner shown since the start is said again in Vietnamese.
    let banners = &w.running().banners;
    assert!(
        banners
            .iter()
            .any(|b| b.starts_with("Không có kho khoá (tests have no keyring)")),
        "{banners:?}"
    );
    assert!(
        !banners.iter().any(|b| b.starts_with("No keyring")),
        "{banners:?}"
    );
    let file = w.running().started.paths.config_file.clone();
    let saved = std::fs::read_to_string(&file).expect("the settings file is written");
    assert!(saved.contains("language = \"vi\""), "{saved}");
    assert_eq!(
        w.running()
            .started
            .settings
            .ui
            .language
            .as_ref()
            .map(|t| t.as_str()),
        Some(vi().code())
    );

    let paste = paste(
        "Một con cáo đỏ đi qua tuyết mới\nCảnh quay từ trên cao: phố cổ Hà Nội lúc bình minh\nPhi hành gia trồng cây trên mặt trăng",
    );
    w.deliver([
        Message::Show(Screen::Compose),
        Message::Compose(paste),
        Message::Compose(compose::Message::Copies(2)),
    ]);
    {
        let mut ui = w.ui();
        let _ = ui.find("Lời nhắc")?;
        let _ = ui.find("Tạo video  (Ctrl+Enter)")?;
        let _ = ui.find("3 cảnh × 2 bản = 6 video, khoảng 120 tín dụng, trên 3 tài khoản")?;
    }
    w.snapshot(&Theme::Light, "compose-vi-light")?;
    w.snapshot(&Theme::Dark, "compose-vi-dark")?;
    w.deliver([Message::Engine(busy_events()), Message::Show(Screen::Queue)]);
    {
        let mut ui = w.ui();
        let _ = ui.find("Hàng đợi (2)")?;
        let _ = ui.find("xong")?;
        let _ = ui.find("thất bại")?;
        let _ = ui.find("sẵn sàng · Pro · 9.960 tín dụng")?;
        // Reasons made below the window (a provider's refusal, a lane's wait) speak it too.
        let _ = ui.find(
            "Bộ lọc an toàn của Google đã từ chối lời nhắc này hoặc video của nó \
             (PUBLIC_ERROR_UNSAFE_GENERATION)",
        )?;
        let _ = ui.find(
            "đang chờ trình duyệt: hãy mở hồ sơ trình duyệt đã ghép nối với tài khoản này (có \
             tiện ích flowdeck)",
        )?;
        let _ = ui.find("1,5 MiB / 3,0 MiB")?;
    }
    w.snapshot(&Theme::Light, "queue-vi-light")?;
    w.snapshot(&Theme::Dark, "queue-vi-dark")?;
    Ok(())
}

/// In Vietnamese a finished take's actions keep each label on one line ("Nâng cấp" broke in
/// two before): a row too narrow for them wraps between buttons, never inside one.
#[test]
fn queue_actions_keep_each_label_on_one_line_in_vietnamese() -> Result<(), Error> {
    use flowdeck::engine::Event;
    use flowdeck::model::TakeState;
    use kit::window::{batch_of, info, take};
    if !kit::alone() {
        return Ok(());
    }
    flowdeck::i18n::set(vi());
    let mut w = Window::with_lanes(["alice"]);
    let Event::Take(mut done) = take(1, 1, TakeState::Done, "alice", None) else {
        unreachable!()
    };
    (done.upscalable, done.revisable) = (true, true);
    w.deliver([
        Message::Engine(vec![
            batch_of(1, "boats", vec![info(1, 1, "a paper boat")]),
            Event::Take(done),
        ]),
        Message::Show(Screen::Queue),
    ]);
    let mut ui = w.ui();
    let one_line = ui.find("Mở")?.bounds().height;
    for label in ["Nâng cấp", "Sửa lại", "Thư mục"] {
        let height = ui.find(label)?.bounds().height;
        assert!(
            height <= one_line + 1.0,
            "{label}: {height} px, one line is {one_line}"
        );
    }
    Ok(())
}

/// What Compose says just happened ("Imported 2 scenes…") is said again in the language chosen
/// after it happened, not left in the one spoken then.
#[test]
fn what_just_happened_follows_a_language_switch() -> Result<(), Error> {
    if !kit::alone() {
        return Ok(());
    }
    flowdeck::i18n::set(Language::ENGLISH);
    let mut w = Window::new();
    w.running().compose.notice = Some(flowdeck::msg!(
        "compose-imported",
        scenes = 2,
        file = "two.txt"
    ));
    let _ = w.ui().find("Imported 2 scenes from two.txt.")?;
    w.run_tasks(Message::Settings(settings::Message::Language(vi())));
    w.deliver([Message::Show(Screen::Compose)]);
    let _ = w.ui().find("Đã nhập 2 cảnh từ two.txt.")?;
    Ok(())
}
