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
    let (Some(target), Some(window)) = (target_at(article, start), web_sys::window()) else {
        return;
    };
    let rect = match &target {
        Target::Span(span) => span.get_bounding_client_rect(),
        Target::Range(range) => range.get_bounding_client_rect(),
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let shown = (height - covered_below(&window)).min(height * 0.8);
    if rect.top() >= 0.0 && rect.bottom() <= shown {
        return;
    }
    match target {
        Target::Span(span) => {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Center);
            options.set_behavior(ScrollBehavior::Instant);
            span.scroll_into_view_with_scroll_into_view_options(&options);
        }
        // Its line's middle, where the line may be taller than the window.
        Target::Range(_) => {
            let middle = (height - covered_below(&window)) / 2.0;
            window.scroll_by_with_x_and_y(0.0, rect.top() + rect.height() / 2.0 - middle);
        }
    }
}

/// What to bring into view for code point `start`.
enum Target {
    /// The span that starts there.
    Span(Element),
    /// Its first character, in the span that holds it (annotations painted as highlights,
    /// where a line is one span or a few).
    Range(web_sys::Range),
}

fn target_at(article: &Element, start: usize) -> Option<Target> {
    let selector = format!("[data-s=\"{start}\"]:not(.br)");
    if let Ok(Some(exact)) = article.query_selector(&selector) {
        return Some(Target::Span(exact));
    }
    let span = holding(article, start)?;
    let from: usize = span.get_attribute("data-s")?.parse().ok()?;
    let text = span.first_child()?;
    // UTF-16 units from the span's start to `start`, and the first character's.
    let value = text.node_value()?;
    let mut chars = value.chars();
    let offset: usize = chars
        .by_ref()
        .take(start.saturating_sub(from))
        .map(char::len_utf16)
        .sum();
    let width = chars.next().map_or(0, char::len_utf16);
    let range = gloo::utils::document().create_range().ok()?;
    range.set_start(&text, u32::try_from(offset).ok()?).ok()?;
    range
        .set_end(&text, u32::try_from(offset + width).ok()?)
        .ok()?;
    Some(Target::Range(range))
}

/// The span whose code points hold `start`: the line it is in (its block starts at or before
/// it), then that line's spans.
fn holding(article: &Element, start: usize) -> Option<Element> {
    let lines = article.query_selector_all("[data-block]").ok()?;
    let line_start = |i: u32| -> Option<usize> {
        lines
            .item(i)?
            .dyn_into::<Element>()
            .ok()?
            .get_attribute("data-block")?
            .parse()
            .ok()
    };
    let (mut low, mut high) = (0, lines.length());
    while low < high {
        let mid = low + (high - low) / 2;
        if line_start(mid)? <= start {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    let line = lines
        .item(low.checked_sub(1)?)?
        .dyn_into::<Element>()
        .ok()?;
    let spans = line.children();
    (0..spans.length())
        .filter_map(|i| spans.item(i))
        .find(|span| {
            let at = |name: &str| {
                span.get_attribute(name)
                    .and_then(|v| v.parse::<usize>().ok())
            };
            span.class_name() != "br"
                && at("data-s").is_some_and(|s| s <= start)
                && at("data-e").is_some_and(|e| start < e)
        })
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
