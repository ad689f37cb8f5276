//! Bringing a highlight into view.

use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Scrolls the segment that starts at code point `start` to the middle of the window, unless it
/// is already in view (the middle keeps it clear of the header and of a notice at the bottom).
pub fn reveal(article: &Element, start: usize) {
    let selector = format!("[data-s=\"{start}\"]");
    if let Ok(Some(segment)) = article.query_selector(&selector) {
        let rect = segment.get_bounding_client_rect();
        let height = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        if rect.top() >= 0.0 && rect.bottom() <= height * 0.8 {
            return;
        }
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        options.set_behavior(ScrollBehavior::Instant);
        segment.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
