//! Writing a line's segments into its block element, and putting off the lines out of sight
//! when an article opens.
//!
//! Each line of the article is a block whose `<span data-s data-e>` segments are written here
//! rather than rendered as virtual DOM (see `ui::article::Paragraph`). When an article opens,
//! the first lines are written at once and the rest a slice per frame, top down ([`Line::show`]),
//! so a long article is on screen after the first screenful's work and the page answers input
//! while the rest is written. Anything that needs a line's spans (scrolling to a highlight,
//! drawing search matches) calls [`flush`] first, which writes every line still waiting.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::NodeRef;

use super::paint;

use crate::model::layout::Block;
use crate::model::offsets::TextIndex;
use crate::model::Span;

/// A segment as the block shows it: its code points and its classes.
pub type Shown = (Span, String);

/// A range painted over the line's text with the mark highlights of its bits (see
/// `dom::paint`).
pub type Painted = (Span, u16);

/// How long one slice of waiting lines may take, in ms: well inside a frame.
const SLICE_MS: f64 = 8.0;

/// One line's block and what it shows.
pub struct Line {
    node: NodeRef,
    index: Rc<TextIndex>,
    block: Block,
    shown: RefCell<Vec<Shown>>,
    /// The ranges painted over it, and the `StaticRange` registered for each.
    painted: RefCell<Vec<Painted>>,
    ranges: RefCell<Vec<(u16, JsValue)>>,
    /// Written at least once (a line can have no segments at all).
    written: Cell<bool>,
    /// What to write when its turn comes, while it waits.
    waiting: RefCell<Option<(Vec<Shown>, Vec<Painted>)>>,
}

thread_local! {
    /// The lines waiting to be written, top down, and whether a slice is asked for.
    static WAITING: RefCell<(VecDeque<Rc<Line>>, bool)> = const { RefCell::new((VecDeque::new(), false)) };
}

impl Line {
    pub fn new(node: NodeRef, index: Rc<TextIndex>, block: Block) -> Line {
        Line {
            node,
            index,
            block,
            shown: RefCell::new(Vec::new()),
            painted: RefCell::new(Vec::new()),
            ranges: RefCell::new(Vec::new()),
            written: Cell::new(false),
            waiting: RefCell::new(None),
        }
    }

    /// Shows `next` in the line, with the ranges `painted` over it: at once when `now` or once
    /// the line has been written, else when its turn comes (a later call before then only
    /// changes what will be written).
    pub fn show(self: &Rc<Line>, next: Vec<Shown>, painted: Vec<Painted>, now: bool) {
        if self.written.get() || now {
            self.waiting.borrow_mut().take();
            self.write(next, painted);
            return;
        }
        let queued = self.waiting.borrow_mut().replace((next, painted)).is_some();
        if !queued {
            WAITING.with(|w| {
                let mut w = w.borrow_mut();
                w.0.push_back(Rc::clone(self));
                if !w.1 {
                    w.1 = true;
                    super::tasks::after_paint(write_slice);
                }
            });
        }
    }

    /// Writes what waits for this line now (nothing when it has been written).
    fn write_waiting(&self) {
        let waiting = self.waiting.borrow_mut().take();
        if let Some((next, painted)) = waiting {
            self.write(next, painted);
        }
    }

    fn write(&self, next: Vec<Shown>, painted: Vec<Painted>) {
        // A line whose block is gone (another article opened) is dropped.
        let Some(element) = self.node.cast::<Element>() else {
            return;
        };
        let rewritten = !self.written.get() || *self.shown.borrow() != next;
        if rewritten {
            fill(
                &element,
                &self.index,
                self.block,
                &self.shown.borrow(),
                &next,
            );
            *self.shown.borrow_mut() = next;
            self.written.set(true);
        }
        if rewritten || *self.painted.borrow() != painted {
            self.unpaint();
            self.paint(&element, &painted);
            *self.painted.borrow_mut() = painted;
        }
    }

    /// Registers a range over each of `painted` with its highlights. A range's ends are in
    /// the text nodes of the spans the line is written as (`shown`): the one that contains its
    /// start and the one that contains its end.
    fn paint(&self, element: &Element, painted: &[Painted]) {
        if painted.is_empty() {
            return;
        }
        let Some(ranges) = paint::StaticRanges::new() else {
            return;
        };
        let shown = self.shown.borrow();
        let children = element.children();
        let index = &self.index;
        let point = |cp: usize, end: bool| -> Option<(web_sys::Node, u32)> {
            let k = if end {
                shown.partition_point(|(s, _)| s.end < cp)
            } else {
                shown.partition_point(|(s, _)| s.end <= cp)
            };
            let (span, _) = shown.get(k)?;
            let text = children.item(u32::try_from(k).ok()?)?.first_child()?;
            let offset = index
                .utf16_of_cp(cp)
                .saturating_sub(index.utf16_of_cp(span.start));
            Some((text, u32::try_from(offset).ok()?))
        };
        let mut registered = self.ranges.borrow_mut();
        for &(span, bits) in painted {
            let made = point(span.start, false)
                .zip(point(span.end, true))
                .and_then(|(start, end)| ranges.make((&start.0, start.1), (&end.0, end.1)));
            if let Some(range) = made {
                paint::add_mark(bits, &range);
                registered.push((bits, range));
            }
        }
    }

    /// Takes the line's ranges out of their highlights.
    fn unpaint(&self) {
        for (bits, range) in self.ranges.borrow_mut().drain(..) {
            paint::remove_mark(bits, &range);
        }
    }
}

/// A line leaving the page (its article closed) takes its ranges with it.
impl Drop for Line {
    fn drop(&mut self) {
        self.unpaint();
    }
}

/// Writes every line still waiting, now.
pub fn flush() {
    while let Some(line) = WAITING.with(|w| w.borrow_mut().0.pop_front()) {
        line.write_waiting();
    }
}

/// Writes waiting lines for a slice of time, then asks for the next slice after a frame.
fn write_slice() {
    let started = js_sys::Date::now();
    loop {
        let Some(line) = WAITING.with(|w| w.borrow_mut().0.pop_front()) else {
            WAITING.with(|w| w.borrow_mut().1 = false);
            return;
        };
        line.write_waiting();
        if js_sys::Date::now() - started > SLICE_MS {
            break;
        }
    }
    super::tasks::after_paint(write_slice);
}

/// Writes a line's segments into its block: all of them (and the hidden line breaks) the first
/// time, afterwards only those between the unchanged ones at either end, so the browser keeps
/// the rest as they are (re-shaping every run of a line costs more than the change itself).
/// When only classes changed (an annotation selected, a label changed) the spans stay and get
/// their new classes. Text goes in escaped: markup in an article is shown, never
/// interpreted.
///
/// The caret or selection stays where it was: in a span that stays it is untouched; in one
/// that is replaced it is put back at the same code point (the browser would move it to the
/// line's start, and the next Shift + arrow would go on from there).
fn fill(
    element: &Element,
    index: &TextIndex,
    block: Block,
    shown: &[(Span, String)],
    next: &[(Span, String)],
) {
    // The first fill replaces nothing: no caret can be in the line yet.
    let kept = if shown.is_empty() {
        None
    } else {
        super::selection::KeptSelection::take(element, index)
    };
    replace_segments(element, index, block, shown, next);
    if let Some(kept) = kept {
        kept.restore(element, index);
    }
}

fn replace_segments(
    element: &Element,
    index: &TextIndex,
    block: Block,
    shown: &[(Span, String)],
    next: &[(Span, String)],
) {
    let Some(document) = element.owner_document() else {
        return;
    };
    let span = |class: &str, range: Span| -> Option<Element> {
        let span = document.create_element("span").ok()?;
        span.set_class_name(class);
        span.set_attribute("data-s", &range.start.to_string())
            .ok()?;
        span.set_attribute("data-e", &range.end.to_string()).ok()?;
        span.set_text_content(Some(index.slice(range)));
        Some(span)
    };
    let rebuild = shown.is_empty()
        || element.child_element_count() as usize
            != shown.len() + usize::from(block.end > block.content_end);
    if rebuild {
        // The whole line as one string of markup, parsed by the browser at once: creating
        // each span, its attributes and its text through separate calls crossed into the
        // browser (and decoded a string) four times a segment, most of the cost of opening
        // or importing a long article. The text is escaped, so markup in it is shown as text.
        // The markup parser would change a NUL or a CR: such a line is built node by node.
        let whole = Span {
            start: block.start,
            end: block.end,
        };
        if !index.slice(whole).contains(['\0', '\r']) {
            element.set_inner_html(&line_markup(index, block, next));
            return;
        }
    }
    let fragment = document.create_document_fragment();
    if rebuild {
        for (range, class) in next {
            if let Some(node) = span(class, *range) {
                let _ = fragment.append_child(&node);
            }
        }
        if block.end > block.content_end {
            let breaks = Span {
                start: block.content_end,
                end: block.end,
            };
            if let Some(node) = span("br", breaks) {
                let _ = fragment.append_child(&node);
            }
        }
        element.set_text_content(None);
        let _ = element.append_child(&fragment);
        return;
    }
    let same = |a: &(Span, String), b: &(Span, String)| a == b;
    let head = shown
        .iter()
        .zip(next)
        .take_while(|(a, b)| same(a, b))
        .count();
    let tail = shown[head..]
        .iter()
        .rev()
        .zip(next[head..].iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let children = element.children();
    let (old_middle, new_middle) = (
        &shown[head..shown.len() - tail],
        &next[head..next.len() - tail],
    );
    if old_middle.len() == new_middle.len()
        && old_middle.iter().zip(new_middle).all(|(a, b)| a.0 == b.0)
    {
        for (i, (_, class)) in new_middle.iter().enumerate() {
            if let Some(child) = children.item((head + i) as u32) {
                child.set_class_name(class);
            }
        }
        return;
    }
    // Remove the old middle, from its last entry back to its first.
    for i in (head..shown.len() - tail).rev() {
        if let Some(child) = children.item(i as u32) {
            child.remove();
        }
    }
    for (range, class) in &next[head..next.len() - tail] {
        if let Some(node) = span(class, *range) {
            let _ = fragment.append_child(&node);
        }
    }
    let before = children.item(head as u32);
    let _ = element.insert_before(&fragment, before.as_ref().map(|e| e.as_ref()));
}

/// A line's segments (and its hidden line breaks) as markup: `<span class data-s data-e>`
/// around each segment's text, escaped.
fn line_markup(index: &TextIndex, block: Block, next: &[(Span, String)]) -> String {
    let breaks = (block.end > block.content_end).then_some((
        Span {
            start: block.content_end,
            end: block.end,
        },
        "br",
    ));
    let whole = Span {
        start: block.start,
        end: block.end,
    };
    let mut out = String::with_capacity(index.slice(whole).len() + 48 * (next.len() + 1));
    for (range, class) in next
        .iter()
        .map(|(range, class)| (*range, class.as_str()))
        .chain(breaks)
    {
        out.push_str("<span class=\"");
        push_escaped(&mut out, class);
        out.push_str("\" data-s=\"");
        out.push_str(&range.start.to_string());
        out.push_str("\" data-e=\"");
        out.push_str(&range.end.to_string());
        out.push_str("\">");
        push_escaped(&mut out, index.slice(range));
        out.push_str("</span>");
    }
    out
}

/// `text` with the characters that mean something in markup written as references.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn markup_in_the_text_is_escaped() {
        let mut out = String::new();
        push_escaped(&mut out, "a <b> & \"c\" — é");
        assert_eq!(out, "a &lt;b&gt; &amp; &quot;c&quot; — é");
    }

    #[test]
    fn a_line_becomes_one_span_per_segment_then_its_breaks() {
        let text = "Ab <i>\n\nNext";
        let index = TextIndex::new(text.into());
        let block = Block {
            start: 0,
            content_end: 6,
            end: 8,
        };
        let seg = |start, end, class: &str| (Span { start, end }, class.to_owned());
        let html = line_markup(&index, block, &[seg(0, 2, "seg mk"), seg(2, 6, "seg")]);
        assert_eq!(
            html,
            "<span class=\"seg mk\" data-s=\"0\" data-e=\"2\">Ab</span>\
             <span class=\"seg\" data-s=\"2\" data-e=\"6\"> &lt;i&gt;</span>\
             <span class=\"br\" data-s=\"6\" data-e=\"8\">\n\n</span>"
        );
    }
}
