//! The desktop window (iced). The only part of flowdeck that knows about iced.

pub mod accounts;
mod app;
pub mod board;
pub mod boot;
pub mod compose;
pub mod focus;
pub mod history;
pub mod lanes;
pub mod link;
mod page;
pub mod platform;
pub mod queue;
mod repaint;
pub mod revise;
pub mod settings;
mod style;
pub mod thumbs;
pub mod welcome;

pub use app::spend::Spend;
pub use app::{App, Key, Message, Phase, Running, Screen};
pub use boot::Options;

use iced::window;

/// The app icon, 64×64 RGBA (made from `assets/flowdeck.svg`).
const ICON: &[u8] = include_bytes!("../../assets/icon-64.rgba");

/// True when a display server can be reached (always true on Windows and macOS).
pub fn has_display() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// The window as an iced application, for `run` and for end-to-end tests.
pub fn application(
    options: Options,
) -> iced::Application<impl iced::Program<State = App, Message = Message, Theme = iced::Theme>> {
    // The size the window had when it was last closed (or one that fits a 1366×768 screen).
    let size = crate::store::paths::Paths::resolve(options.config.clone())
        .map(|p| crate::store::window::load(&crate::store::window::file(&p.data_dir)))
        .unwrap_or(crate::store::window::DEFAULT);
    let boot_options = options.clone();
    let demo = Options {
        demo: true,
        ..options
    };
    iced::application(
        move || App::boot(boot_options.clone()),
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .presets([iced::Preset::new("Demo", move || App::boot(demo.clone()))])
    .window(window::Settings {
        size: iced::Size::new(size.0, size.1),
        min_size: Some(iced::Size::new(
            crate::store::window::MIN.0,
            crate::store::window::MIN.1,
        )),
        icon: window::icon::from_rgba(ICON.to_vec(), 64, 64).ok(),
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: "flowdeck".into(),
            ..Default::default()
        },
        ..window::Settings::default()
    })
}

/// Opens the window; returns the process exit code.
pub fn run(options: Options) -> i32 {
    // The language is already settled (`cli::early_language`); boot applies the setting again.
    if !has_display() {
        eprintln!("{}", crate::t!("window-no-display"));
        return 2;
    }
    // winit panics instead of returning an error when the display cannot be opened.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| application(options).run());
    std::panic::set_hook(previous);
    match result {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            eprintln!(
                "{}",
                crate::t!("window-could-not-start", why = e.to_string())
            );
            1
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let short = what.split(':').next().unwrap_or("unknown error");
            eprintln!("{}", crate::t!("window-cannot-open", why = short));
            2
        }
    }
}
