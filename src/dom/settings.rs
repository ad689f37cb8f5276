//! The person's own settings kept in this browser. For now one: the name they sign their
//! work with ("Your name", the ClaimReview's reviewer). Kept in `localStorage` under
//! `gloss.your-name`, in one place, so it can move to the shared settings the teams work brings.

const YOUR_NAME: &str = "gloss.your-name";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The name last given, or an empty string (never given, or storage blocked).
pub fn your_name() -> String {
    local_storage()
        .and_then(|s| s.get_item(YOUR_NAME).ok().flatten())
        .unwrap_or_default()
}

/// Keeps `name` (trimmed) for next time; a blank name forgets it. Blocked storage is not an
/// error: the name is only a convenience.
pub fn set_your_name(name: &str) {
    if let Some(storage) = local_storage() {
        let name = name.trim();
        let _ = if name.is_empty() {
            storage.remove_item(YOUR_NAME)
        } else {
            storage.set_item(YOUR_NAME, name)
        };
    }
}
