//! The window's size, remembered between runs in the data folder (`window.json`): state, not a
//! setting, so it stays out of the settings file people edit.

use std::path::{Path, PathBuf};

/// The size the window opens at the first time: within a 1366×768 screen with its panels.
pub const DEFAULT: (f32, f32) = (1240.0, 700.0);
/// The smallest size the screens are laid out for.
pub const MIN: (f32, f32) = (980.0, 640.0);

pub fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("window.json")
}

/// The remembered size, within sane bounds; the default when there is none (or it is damaged).
pub fn load(file: &Path) -> (f32, f32) {
    let read = std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| Some((v["width"].as_f64()? as f32, v["height"].as_f64()? as f32)));
    match read {
        Some((w, h)) if w.is_finite() && h.is_finite() => {
            (w.clamp(MIN.0, 7680.0), h.clamp(MIN.1, 4320.0))
        }
        _ => DEFAULT,
    }
}

/// Remembers `size`, replacing the file whole (a crash leaves the old one, never half a file).
pub fn save(file: &Path, size: (f32, f32)) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        crate::store::private::create_dir(dir)?;
    }
    let tmp = file.with_extension("json.part");
    let text = serde_json::json!({"width": size.0.round(), "height": size.1.round()}).to_string();
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_is_remembered_and_bad_files_give_the_default() {
        let dir = std::env::temp_dir().join(format!("flowdeck-window-{}", uuid::Uuid::new_v4()));
        let f = file(&dir);
        assert_eq!(load(&f), DEFAULT);
        save(&f, (1111.4, 666.6)).expect("save");
        assert_eq!(load(&f), (1111.0, 667.0));
        save(&f, (10.0, 10.0)).expect("save");
        assert_eq!(load(&f), MIN);
        std::fs::write(&f, "{not json").expect("write");
        assert_eq!(load(&f), DEFAULT);
        std::fs::remove_dir_all(&dir).ok();
        // The first size fits a 1366×768 screen with a title bar and a panel.
        assert!(DEFAULT.0 <= 1366.0 && DEFAULT.1 <= 768.0 - 60.0);
    }
}
