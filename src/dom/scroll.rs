//! Bringing a highlight into view.

use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, Window};

/// Scrolls the segment that starts at code point `start` to the middle of what the window shows
/// of the text, unless it is already in view there (the middle keeps it clear of the header and
/// of a notice at the bottom). In a narrow window the sidebar is a sheet over the bottom of the
/// window: the page's bottom scroll padding says how tall, and the browser centres the segment
/// in the part above it.
pub fn reveal(article: &Element, start: usize) {
    super::lines::flush();
    if let (Some(segment), Some(window)) = (segment_at(article, start), web_sys::window()) {
        let rect = segment.get_bounding_client_rect();
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let shown = (height - covered_below(&window)).min(height * 0.8);
        if rect.top() >= 0.0 && rect.bottom() <= shown {
            return;
        }
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        options.set_behavior(ScrollBehavior::Instant);
        segment.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The span that starts at code point `start`, or else (annotations painted as highlights,
/// where a line is one span or a few) the one that contains it.
fn segment_at(article: &Element, start: usize) -> Option<Element> {
    let selector = format!("[data-s=\"{start}\"]");
    if let Ok(Some(exact)) = article.query_selector(&selector) {
        return Some(exact);
    }
    let all = article.query_selector_all("[data-s]:not(.br)").ok()?;
    let start_of = |i: u32| -> Option<usize> {
        all.item(i)?
            .dyn_into::<Element>()
            .ok()?
            .get_attribute("data-s")?
            .parse()
            .ok()
    };
    let (mut low, mut high) = (0, all.length());
    while low < high {
        let mid = low + (high - low) / 2;
        if start_of(mid)? <= start {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    all.item(low.checked_sub(1)?)?.dyn_into::<Element>().ok()
}

/// How much of the window's bottom the page covers (its `scroll-padding-bottom`, in pixels).
fn covered_below(window: &Window) -> f64 {
    window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|root| window.get_computed_style(&root).ok().flatten())
        .and_then(|style| style.get_property_value("scroll-padding-bottom").ok())
        // The browser's own parser ("384px" → 384; "auto" → NaN): Rust's float parser would
        // add kilobytes to the download for this one number.
        .map(|value| js_sys::parse_float(&value))
        .filter(|px| px.is_finite())
        .unwrap_or(0.0)
}
