//! What the page keeps in local storage: the program in the editor (so a reload never loses
//! it), the user's own program while a gallery scenario is open, which scenario that is, and
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

const DRAFT_KEY: &str = "interleave.draft";
const SCENARIO_KEY: &str = "interleave.scenario";

/// The user's own program, put aside while a gallery scenario is in the editor.
pub fn load_draft() -> Option<String> {
    storage()?.get_item(DRAFT_KEY).ok()?
}

pub fn save_draft(source: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(DRAFT_KEY, source);
    }
}

/// The slug of the scenario the editor was loaded from (`None`: the user's own program).
pub fn load_scenario() -> Option<String> {
    storage()?.get_item(SCENARIO_KEY).ok()?
}

pub fn save_scenario(slug: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match slug {
            Some(slug) => s.set_item(SCENARIO_KEY, slug),
            None => s.remove_item(SCENARIO_KEY),
        };
    }
}
