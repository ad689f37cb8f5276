//! Bringing a highlight into view.

use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, Window};

/// Scrolls the segment that starts at code point `start` to the middle of what the window shows
/// of the text, unless it is already in view there (the middle keeps it clear of the header and
/// of a notice at the bottom). In a narrow window the sidebar is a sheet over the bottom of the
/// window: the page's bottom scroll padding says how tall, and the browser centres the segment
/// in the part above it.
pub fn reveal(article: &Element, start: usize) {
    super::lines::flush();
    let selector = format!("[data-s=\"{start}\"]");
    if let (Ok(Some(segment)), Some(window)) =
        (article.query_selector(&selector), web_sys::window())
    {
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
