//! The find bar's highlights, drawn with the CSS Custom Highlight API: DOM ranges over the
//! article's text registered under a name (`::highlight(gloss-find)` in styles/find.css), so
//! no paragraph of the article renders again and no text node is touched. Browsers without the
//! API still find and count; they only show no highlights. web-sys has no bindings for the
//! API: it is reached through `js_sys::Reflect`.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Range};

use crate::dom;
use crate::model::layout::Block;
use crate::model::offsets::TextIndex;
use crate::model::Span;

/// Every match.
pub const ALL: &str = "gloss-find";
/// The match stepped to.
pub const CURRENT: &str = "gloss-find-current";

/// DOM ranges for `spans` (in text order) over the article element's lines. A span whose line
/// is not in the page is passed over.
pub fn ranges(article: &Element, index: &TextIndex, blocks: &[Block], spans: &[Span]) -> Vec<Range> {
    let Ok(lines) = article.query_selector_all("[data-block]") else {
        return Vec::new();
    };
    let document = gloo::utils::document();
    let mut out = Vec::with_capacity(spans.len());
    // The line of the last span: matches come in text order, many in the same line.
    let mut line: Option<(usize, Element)> = None;
    for &span in spans {
        let Some(i) = blocks.partition_point(|b| b.start <= span.start).checked_sub(1) else {
            continue;
        };
        if line.as_ref().is_none_or(|(at, _)| *at != i) {
            line = u32::try_from(i)
                .ok()
                .and_then(|n| lines.item(n))
                .and_then(|node| node.dyn_into::<Element>().ok())
                .map(|element| (i, element));
        }
        let Some((_, element)) = line.as_ref() else {
            continue;
        };
        let (Some((start, start_offset)), Some((end, end_offset))) = (
            dom::selection::point_at(element, index, span.start),
            dom::selection::point_at(element, index, span.end),
        ) else {
            continue;
        };
        let Ok(range) = document.create_range() else {
            continue;
        };
        if range.set_start(&start, start_offset).is_ok() && range.set_end(&end, end_offset).is_ok() {
            out.push(range);
        }
    }
    out
}

/// The page's highlight registry (`CSS.highlights`), when the browser has one.
fn registry() -> Option<JsValue> {
    let css = Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let highlights = Reflect::get(&css, &"highlights".into()).ok()?;
    (!highlights.is_undefined()).then_some(highlights)
}

fn call(target: &JsValue, method: &str, args: &Array) -> Option<JsValue> {
    let function: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    Reflect::apply(&function, target, args).ok()
}

/// Shows `ranges` as the highlight `name` (replacing what it showed); a higher `priority`
/// paints over a lower one where they meet.
pub fn show(name: &str, ranges: &[Range], priority: i32) {
    let (Some(registry), Ok(constructor)) = (
        registry(),
        Reflect::get(&js_sys::global(), &"Highlight".into()),
    ) else {
        return;
    };
    let Ok(constructor) = constructor.dyn_into::<Function>() else {
        return;
    };
    let args: Array = ranges.iter().collect();
    if let Ok(highlight) = Reflect::construct(&constructor, &args) {
        let _ = Reflect::set(&highlight, &"priority".into(), &priority.into());
        call(&registry, "set", &Array::of2(&name.into(), &highlight));
    }
}

/// Removes the highlight `name`.
pub fn clear(name: &str) {
    if let Some(registry) = registry() {
        call(&registry, "delete", &Array::of1(&name.into()));
    }
}

/// Scrolls the match `range` into the middle of the window, unless it is in view already
/// (below the header and the find bar, above a sheet or the window's bottom).
pub fn reveal(range: &Range) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = range.get_bounding_client_rect();
    if rect.height() > 0.0 && rect.top() >= 140.0 && rect.bottom() <= height * 0.6 {
        return;
    }
    let element = range
        .start_container()
        .ok()
        .and_then(|node| match node.dyn_ref::<Element>() {
            Some(e) => Some(e.clone()),
            None => node.parent_element(),
        });
    if let Some(element) = element {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Instant);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
