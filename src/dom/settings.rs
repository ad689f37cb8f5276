//! The person's own settings kept in this browser (`localStorage`): the name they sign their
//! work with ("Your name", `gloss.your-name`: it names their layer), and the reviewer last
//! named in a ClaimReview export (`gloss.reviewer-name`; it starts as Your name, and changing it
//! there does not change whose work is whose).

const YOUR_NAME: &str = "gloss.your-name";
const REVIEWER: &str = "gloss.reviewer-name";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    local_storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Keeps `value` (trimmed) under `key`; blank forgets it. Blocked storage is not an error:
/// these are conveniences (the annotations themselves carry the names).
fn set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let value = value.trim();
        let _ = if value.is_empty() {
            storage.remove_item(key)
        } else {
            storage.set_item(key, value)
        };
    }
}

/// The name last given, or an empty string (never given, or storage blocked).
pub fn your_name() -> String {
    get(YOUR_NAME).unwrap_or_default()
}

/// Keeps `name` for next time; a blank name forgets it.
pub fn set_your_name(name: &str) {
    set(YOUR_NAME, name);
}

/// The reviewer last named in a ClaimReview export, else Your name.
pub fn reviewer_name() -> String {
    get(REVIEWER).unwrap_or_else(your_name)
}

pub fn set_reviewer_name(name: &str) {
    set(REVIEWER, name);
}

const SYNC_URL: &str = "gloss.sync-url";
const SYNC_USER: &str = "gloss.sync-user";
const SYNC_ON: &str = "gloss.sync-on";

/// The database last connected to, and the user name signed in with (never the password: the
/// server's session cookie stands for it), and whether sync is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncSettings {
    pub url: String,
    pub user: String,
    pub on: bool,
}

pub fn sync_settings() -> SyncSettings {
    SyncSettings {
        url: get(SYNC_URL).unwrap_or_default(),
        user: get(SYNC_USER).unwrap_or_default(),
        on: get(SYNC_ON).is_some(),
    }
}

pub fn set_sync_settings(settings: &SyncSettings) {
    set(SYNC_URL, &settings.url);
    set(SYNC_USER, &settings.user);
    set(SYNC_ON, if settings.on { "on" } else { "" });
}
