//! What the page keeps in local storage: the user's program (so a reload never loses it) and
//! the run settings. Storage may be missing or full (private windows, sandboxed iframes):
//! then nothing is kept and nothing breaks.

const SOURCE_KEY: &str = "interleave.source";
const SETTINGS_KEY: &str = "interleave.settings";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_source() -> Option<String> {
    storage()?.get_item(SOURCE_KEY).ok()?
}

pub fn save_source(source: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(SOURCE_KEY, source);
    }
}

pub fn load_settings() -> Option<String> {
    storage()?.get_item(SETTINGS_KEY).ok()?
}

pub fn save_settings(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(SETTINGS_KEY, text);
    }
}
