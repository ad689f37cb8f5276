//! The find bar's highlights, drawn with the CSS Custom Highlight API: DOM ranges over the
//! article's text registered under a name (`::highlight(gloss-find)` in styles/find.css), so
//! no paragraph of the article renders again and no text node is touched. Browsers without the
//! API still find and count; they only show no highlights. web-sys has no bindings for the
//! API: it is reached through `js_sys::Reflect`.
//!
//! The ranges of all matches are `StaticRange`s: a browser keeps every live `Range` up to date
//! on every change to the page, and with thousands of them marking all the matches (which
//! redraws their lines) took seconds. Static ones are drawn again after each change instead.
//! Only the current match, which is scrolled to, is a live `Range`.
//!
//! A range's ends come from the article's own layout, not from reading the page: line `i` of
//! the text is the `i`-th `[data-block]` element, and its children are its segments in order
//! (see `ui::article`), each one text node. Thousands of matches are turned into ranges a slice
//! at a time, each slice its own task, so typing in a long article makes no long frame.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCollection, Node, NodeList, Range};

use crate::model::find::Found;
use crate::model::layout::{Block, Segment};
use crate::model::offsets::TextIndex;
use crate::model::Span;

/// Every match.
pub const ALL: &str = "gloss-find";
/// The match stepped to.
pub const CURRENT: &str = "gloss-find-current";

/// Matches turned into ranges per task.
const SLICE: usize = 800;

/// The article's layout, as the page shows it.
pub struct Layout {
    pub article: Element,
    pub index: Rc<TextIndex>,
    pub blocks: Rc<[Block]>,
    pub segments: Rc<[Rc<[Segment]>]>,
}

/// Draws one search's matches: registers the highlight at once, adds their ranges a slice per
/// task, and makes the range of any one match on demand (the current one, before its slice).
pub struct Painter {
    layout: Layout,
    found: Rc<Found>,
    lines: Option<NodeList>,
    highlight: Option<JsValue>,
    /// The `StaticRange` of each match drawn so far, in order.
    ranges: RefCell<Vec<JsValue>>,
    stopped: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
}

impl Painter {
    /// Starts drawing `found` (replacing what the highlight showed).
    pub fn start(layout: Layout, found: Rc<Found>) -> Rc<Painter> {
        // The matches' ranges are made in the lines' text nodes: every line written first.
        crate::dom::lines::flush();
        let lines = layout.article.query_selector_all("[data-block]").ok();
        let highlight = new_highlight(0);
        if let Some(h) = &highlight {
            register(ALL, h);
        }
        let painter = Rc::new(Painter {
            layout,
            found,
            lines,
            highlight,
            ranges: RefCell::new(Vec::new()),
            stopped: Cell::new(false),
            timer: RefCell::new(None),
        });
        Painter::paint_slice(&painter);
        painter
    }

    /// Stops adding ranges (a newer search is being drawn).
    pub fn stop(&self) {
        self.stopped.set(true);
        self.timer.borrow_mut().take();
    }

    pub fn found(&self) -> &Rc<Found> {
        &self.found
    }

    fn paint_slice(painter: &Rc<Painter>) {
        if painter.stopped.get() {
            return;
        }
        let from = painter.ranges.borrow().len();
        let to = (from + SLICE).min(painter.found.spans.len());
        let spans = painter.found.spans.get(from..to).unwrap_or_default();
        let mut line: Option<(usize, Option<HtmlCollection>)> = None;
        let mut built = Vec::with_capacity(spans.len());
        let constructor = Reflect::get(&js_sys::global(), &"StaticRange".into())
            .ok()
            .and_then(|c| c.dyn_into::<Function>().ok());
        let keys =
            ["startContainer", "startOffset", "endContainer", "endOffset"].map(JsValue::from);
        for &span in spans {
            // A match that cannot be drawn still takes its place, so match `i` is range `i`.
            let range = painter
                .ends(span, &mut line)
                .zip(constructor.as_ref())
                .and_then(|(ends, constructor)| ends.static_range(constructor, &keys))
                .unwrap_or(JsValue::NULL);
            if let (Some(h), false) = (&painter.highlight, range.is_null()) {
                call(h, "add", &Array::of1(&range));
            }
            built.push(range);
        }
        painter.ranges.borrow_mut().extend(built);
        if to < painter.found.spans.len() {
            let next = Rc::clone(painter);
            *painter.timer.borrow_mut() =
                Some(Timeout::new(0, move || Painter::paint_slice(&next)));
        }
    }

    /// A live range over match `i`, for showing it apart and scrolling to it.
    pub fn range(&self, i: usize) -> Option<Range> {
        let span = *self.found.spans.get(i)?;
        self.ends(span, &mut None)?.live()
    }

    /// Where `span` (within one line) starts and ends in the page, reusing the line's children
    /// from the last call while the spans stay in that line.
    fn ends(&self, span: Span, line: &mut Option<(usize, Option<HtmlCollection>)>) -> Option<Ends> {
        let layout = &self.layout;
        let i = layout
            .blocks
            .partition_point(|b| b.start <= span.start)
            .checked_sub(1)?;
        if line.as_ref().is_none_or(|(at, _)| *at != i) {
            let children = self
                .lines
                .as_ref()
                .and_then(|lines| lines.item(u32::try_from(i).ok()?))
                .and_then(|node| node.dyn_into::<Element>().ok())
                .map(|element| element.children());
            *line = Some((i, children));
        }
        let children = line.as_ref()?.1.as_ref()?;
        let segments = layout.segments.get(i)?;
        Some(Ends {
            start: point(&layout.index, segments, children, span.start, false)?,
            end: point(&layout.index, segments, children, span.end, true)?,
        })
    }
}

/// A match's two DOM points.
struct Ends {
    start: (Node, u32),
    end: (Node, u32),
}

impl Ends {
    fn live(&self) -> Option<Range> {
        let range = gloo::utils::document().create_range().ok()?;
        range.set_start(&self.start.0, self.start.1).ok()?;
        range.set_end(&self.end.0, self.end.1).ok()?;
        Some(range)
    }

    /// `new StaticRange({startContainer, startOffset, endContainer, endOffset})`, the four
    /// names passed in once for many ranges.
    fn static_range(&self, constructor: &Function, keys: &[JsValue; 4]) -> Option<JsValue> {
        let init = js_sys::Object::new();
        let values = [
            JsValue::from(&self.start.0),
            self.start.1.into(),
            JsValue::from(&self.end.0),
            self.end.1.into(),
        ];
        for (key, value) in keys.iter().zip(values) {
            Reflect::set(&init, key, &value).ok()?;
        }
        Reflect::construct(constructor, &Array::of1(&init)).ok()
    }
}

/// The DOM point of code point `cp` of a line: in the segment that contains it (or, for the
/// end of a range, the one it ends), as a UTF-16 offset into that segment's text node.
fn point(
    index: &TextIndex,
    segments: &[Segment],
    children: &HtmlCollection,
    cp: usize,
    end: bool,
) -> Option<(Node, u32)> {
    let k = if end {
        segments.partition_point(|s| s.span.end < cp)
    } else {
        segments.partition_point(|s| s.span.end <= cp)
    };
    let segment = segments.get(k)?;
    let text = children.item(u32::try_from(k).ok()?)?.first_child()?;
    let offset = index
        .utf16_of_cp(cp)
        .saturating_sub(index.utf16_of_cp(segment.span.start));
    Some((text, u32::try_from(offset).ok()?))
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

/// A new, empty highlight; a higher `priority` paints over a lower one where they meet.
fn new_highlight(priority: i32) -> Option<JsValue> {
    registry()?;
    let constructor: Function = Reflect::get(&js_sys::global(), &"Highlight".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let highlight = Reflect::construct(&constructor, &Array::new()).ok()?;
    let _ = Reflect::set(&highlight, &"priority".into(), &priority.into());
    Some(highlight)
}

fn register(name: &str, highlight: &JsValue) {
    if let Some(registry) = registry() {
        call(&registry, "set", &Array::of2(&name.into(), highlight));
    }
}

/// Shows `range` alone as the current match.
pub fn show_current(range: &Range) {
    if let Some(highlight) = new_highlight(1) {
        call(&highlight, "add", &Array::of1(range));
        register(CURRENT, &highlight);
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
