//! The browser edge: the only code besides `ui/` that touches `web_sys`. Kept thin: it reads
//! what the browser says and hands plain values to the model.

pub mod download;
pub mod files;
pub mod focus;
pub mod lifecycle;
pub mod lines;
pub mod paint;
pub mod scroll;
pub mod selection;
pub mod settings;
pub mod tasks;
pub mod time;

/// Milliseconds since the epoch from the browser clock.
pub fn now() -> crate::model::Timestamp {
    crate::model::Timestamp(js_sys::Date::now() as i64)
}
