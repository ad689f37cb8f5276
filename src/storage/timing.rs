//! A debug hook for measuring what a save costs the main thread: when the page has an array
//! `window.glossSaveTimings` (the benchmark and the tests define it before the app starts),
//! every save pushes the milliseconds it spent on the main thread (encoding, and the work
//! between its requests; not the time IndexedDB spends off it). Without the array nothing is
//! recorded.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `performance.now()`, or 0 where there is none.
pub fn now() -> f64 {
    let global = js_sys::global();
    let Ok(performance) = Reflect::get(&global, &"performance".into()) else {
        return 0.0;
    };
    Reflect::get(&performance, &"now".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(&performance).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Adds a save's main-thread milliseconds to `window.glossSaveTimings`, if the page has it.
pub fn report_save(ms: f64) {
    let Ok(list) = Reflect::get(&js_sys::global(), &"glossSaveTimings".into()) else {
        return;
    };
    if let Some(list) = list.dyn_ref::<Array>() {
        list.push(&JsValue::from_f64(ms));
    }
}
