//! Bringing a highlight into view.

use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Scrolls the segment that starts at code point `start` into view, if it is not already.
pub fn reveal(article: &Element, start: usize) {
    let selector = format!("[data-s=\"{start}\"]");
    if let Ok(Some(segment)) = article.query_selector(&selector) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Nearest);
        options.set_behavior(ScrollBehavior::Instant);
        segment.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
