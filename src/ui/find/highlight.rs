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
//! A range's ends come from the article's own layout: line `i` of the text is the `i`-th
//! `[data-block]` element, and its children are `<span data-s data-e>` in order, each one text
//! node (one per segment, or a few per line where annotations are painted as highlights: see
//! `dom::paint`). Thousands of matches are turned into ranges a slice
//! at a time, each slice its own task, so typing in a long article makes no long frame.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCollection, Node, NodeList, Range};

use crate::dom::paint::{self, StaticRanges};
use crate::model::find::Found;
use crate::model::layout::Block;
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
        let highlight = paint::new_highlight(0);
        if let Some(h) = &highlight {
            paint::register(ALL, h);
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
        let mut line: Option<(usize, Option<LineSpans>)> = None;
        let mut built = Vec::with_capacity(spans.len());
        let ranges = StaticRanges::new();
        for &span in spans {
            // A match that cannot be drawn still takes its place, so match `i` is range `i`.
            let range = painter
                .ends(span, &mut line)
                .zip(ranges.as_ref())
                .and_then(|(ends, ranges)| {
                    ranges.make((&ends.start.0, ends.start.1), (&ends.end.0, ends.end.1))
                })
                .unwrap_or(JsValue::NULL);
            if let (Some(h), false) = (&painter.highlight, range.is_null()) {
                paint::call(h, "add", &Array::of1(&range));
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

    /// Where `span` (within one line) starts and ends in the page, reusing the line's spans
    /// (and where each starts) from the last call while the matches stay in that line.
    fn ends(&self, span: Span, line: &mut Option<(usize, Option<LineSpans>)>) -> Option<Ends> {
        let layout = &self.layout;
        let i = layout
            .blocks
            .partition_point(|b| b.start <= span.start)
            .checked_sub(1)?;
        if line.as_ref().is_none_or(|(at, _)| *at != i) {
            let spans = self
                .lines
                .as_ref()
                .and_then(|lines| lines.item(u32::try_from(i).ok()?))
                .and_then(|node| node.dyn_into::<Element>().ok())
                .map(|element| LineSpans::of(&element));
            *line = Some((i, spans));
        }
        let spans = line.as_ref()?.1.as_ref()?;
        Some(Ends {
            start: spans.point(&layout.index, span.start, false)?,
            end: spans.point(&layout.index, span.end, true)?,
        })
    }
}

/// A line's spans and the code point each starts at (its `data-s`), read once per line.
struct LineSpans {
    children: HtmlCollection,
    starts: Vec<usize>,
}

impl LineSpans {
    fn of(line: &Element) -> LineSpans {
        let children = line.children();
        let starts = (0..children.length())
            .map_while(|k| children.item(k)?.get_attribute("data-s")?.parse().ok())
            .collect();
        LineSpans { children, starts }
    }

    /// The DOM point of code point `cp`: in the span that contains it (or, for the end of a
    /// range, the one it ends), as a UTF-16 offset into that span's text node.
    fn point(&self, index: &TextIndex, cp: usize, end: bool) -> Option<(Node, u32)> {
        let k = self
            .starts
            .partition_point(|&s| s < cp || (!end && s == cp))
            .checked_sub(1)?;
        let start = *self.starts.get(k)?;
        let text = self.children.item(u32::try_from(k).ok()?)?.first_child()?;
        let offset = index
            .utf16_of_cp(cp)
            .saturating_sub(index.utf16_of_cp(start));
        Some((text, u32::try_from(offset).ok()?))
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
}

/// Shows `range` alone as the current match.
pub fn show_current(range: &Range) {
    if let Some(highlight) = paint::new_highlight(1) {
        paint::call(&highlight, "add", &Array::of1(range));
        paint::register(CURRENT, &highlight);
    }
}

/// Removes the highlight `name`.
pub fn clear(name: &str) {
    paint::clear(name);
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
