//! DOM selection → code points. Every highlight segment in the article is a `<span>` with
//! `data-s`/`data-e` (its code point range); a DOM point is located by the segment it falls in
//! plus how far into the segment it is. When the segment is one text node (as Gloss renders
//! it) that is the point's UTF-16 offset, and [`TextIndex`] does the one conversion; when
//! something split the text (a translation or accessibility extension), a `Range` from the
//! segment's start to the point measures it. (Where annotations are painted as CSS highlights,
//! a "segment" here is a line's span, or one of its few: the same attributes, the same code.)

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::model::offsets::{normalize_selection, TextIndex};
use crate::state::Selection;

/// Reads the window's selection against the article element.
pub fn read(article: &Element, index: &TextIndex, whole_words: bool) -> Selection {
    let Some(selection) = window_selection() else {
        return Selection::None;
    };
    if selection.range_count() == 0 || selection.is_collapsed() {
        return Selection::None;
    }
    let (Some(anchor), Some(focus)) = (selection.anchor_node(), selection.focus_node()) else {
        return Selection::None;
    };
    let a = locate(article, index, &anchor, selection.anchor_offset());
    let b = locate(article, index, &focus, selection.focus_offset());
    let (a, b) = match (a, b) {
        (Place::Inside(a), Place::Inside(b)) => (a, b),
        (Place::Inside(a), Place::Before) | (Place::Before, Place::Inside(a)) => (a, 0),
        (Place::Inside(a), Place::After) | (Place::After, Place::Inside(a)) => (a, index.len_cp()),
        (Place::Before, Place::After) | (Place::After, Place::Before) => (0, index.len_cp()),
        _ => return Selection::Outside,
    };
    match normalize_selection(index, a, b, whole_words) {
        Some(span) => Selection::Span(span),
        None => Selection::Blank,
    }
}

/// Reads one point of the article as a selection would, changing nothing: run once while
/// the page is idle so the first real selection finds this code already compiled.
pub fn rehearse(article: &Element, index: &TextIndex) {
    let first = article
        .query_selector("[data-s]")
        .ok()
        .flatten()
        .and_then(|segment| segment.first_child());
    if let Some(node) = first {
        let _ = locate(article, index, &node, 0);
    }
}

/// The caret (the selection's focus) as a code point, when it is in the article's text.
pub fn caret(article: &Element, index: &TextIndex) -> Option<usize> {
    let selection = window_selection()?;
    if selection.range_count() == 0 {
        return None;
    }
    let node = selection.focus_node()?;
    match locate(article, index, &node, selection.focus_offset()) {
        Place::Inside(cp) => Some(cp),
        _ => None,
    }
}

/// The code point of the character under the pointer at `(x, y)` (client pixels), when it is
/// in the article's text: where annotations are painted as highlights there is no element to
/// ask. The browser gives the caret position nearest the point; of the characters on either
/// side of it, the one whose box holds the point is the one under the pointer (none when the
/// pointer is beside the text, past a line's end or between paragraphs).
pub fn char_at_point(article: &Element, index: &TextIndex, x: f64, y: f64) -> Option<usize> {
    let document = gloo::utils::document();
    let position = document.caret_position_from_point(x as f32, y as f32)?;
    let node = position.offset_node()?;
    if node.node_type() != Node::TEXT_NODE || !article.contains(Some(&node)) {
        return None;
    }
    let text = js_sys::JsString::from(node.node_value()?);
    let units = text.length();
    let offset = position.offset().min(units);
    // A high surrogate: the first UTF-16 unit of a character outside the BMP.
    let high =
        |at: u32| (f64::from(0xD800_u16)..f64::from(0xDC00_u16)).contains(&text.char_code_at(at));
    // The character starting at `offset`, and the one ending there.
    let after = (offset < units).then(|| (offset, offset + if high(offset) { 2 } else { 1 }));
    let before = offset.checked_sub(1).map(|last| {
        let start = if last > 0 && high(last - 1) {
            last - 1
        } else {
            last
        };
        (start, offset)
    });
    let range = document.create_range().ok()?;
    for (start, end) in [after, before].into_iter().flatten() {
        let end = end.min(units);
        if range.set_start(&node, start).is_err() || range.set_end(&node, end).is_err() {
            continue;
        }
        let rect = range.get_bounding_client_rect();
        let inside = rect.left() <= x && x < rect.right() && rect.top() <= y && y < rect.bottom();
        if inside {
            if let Place::Inside(cp) = locate(article, index, &node, start) {
                return Some(cp);
            }
        }
    }
    None
}

/// After marking: a collapsed caret at code point `cp` of the article (in the line
/// `block_start` starts), so the next Shift + arrow goes on from the end of what was just
/// marked. Only while the article has the focus (marking from the keyboard): placing a caret in
/// it would take the focus from a toolbar button, so then the selection is only cleared.
pub fn place_caret(article: &Element, index: &TextIndex, block_start: usize, cp: usize) {
    if !has_focus(article) {
        if let Some(selection) = window_selection() {
            let _ = selection.remove_all_ranges();
        }
        return;
    }
    let line = article
        .query_selector(&format!("[data-block=\"{block_start}\"]"))
        .ok()
        .flatten();
    if let (Some(selection), Some((node, offset))) = (
        window_selection(),
        line.and_then(|l| point_at(&l, index, cp)),
    ) {
        let _ = selection.collapse_with_offset(Some(&node), offset);
    }
}

/// The window's selection, as code points of one line: taken before the line's segments are
/// replaced, and put back after (a caret or a selection in a removed text node would otherwise
/// jump elsewhere; see `ui::article::fill`).
pub struct KeptSelection {
    anchor: End,
    focus: End,
}

/// One end of the selection: where it was in the DOM, and its code point when in the line.
struct End {
    node: Node,
    offset: u32,
    in_line: Option<usize>,
}

impl KeptSelection {
    /// The selection's ends, if either lies in `line` (a block element of the article).
    /// Only while the article has the focus: putting a selection back into it would take the
    /// focus from wherever the person is (a button, the list).
    pub fn take(line: &Element, index: &TextIndex) -> Option<KeptSelection> {
        if !has_focus(line) {
            return None;
        }
        let selection = window_selection()?;
        if selection.range_count() == 0 {
            return None;
        }
        let end = |node: Node, offset: u32| {
            let in_line = line
                .contains(Some(&node))
                .then(|| match locate(line, index, &node, offset) {
                    Place::Inside(cp) => Some(cp),
                    _ => None,
                })
                .flatten();
            End {
                node,
                offset,
                in_line,
            }
        };
        let anchor = end(selection.anchor_node()?, selection.anchor_offset());
        let focus = end(selection.focus_node()?, selection.focus_offset());
        (anchor.in_line.is_some() || focus.in_line.is_some())
            .then_some(KeptSelection { anchor, focus })
    }

    /// Puts the selection back where it was, if the line's change moved an end of it: an end in
    /// a text node still in the line stays as it is, one whose node went is placed again at its
    /// code point.
    pub fn restore(self, line: &Element, index: &TextIndex) {
        let moved = |end: &End| {
            end.in_line.is_some()
                && !(end.node.node_type() == Node::TEXT_NODE && line.contains(Some(&end.node)))
        };
        if !moved(&self.anchor) && !moved(&self.focus) {
            return;
        }
        let place = |end: End| match end.in_line {
            Some(cp) if moved(&end) => point_at(line, index, cp),
            _ => Some((end.node, end.offset)),
        };
        if let (Some(selection), Some((a, ao)), Some((f, fo))) =
            (window_selection(), place(self.anchor), place(self.focus))
        {
            let _ = selection.set_base_and_extent(&a, ao, &f, fo);
        }
    }
}

/// Whether the focus is in the editable text holding `element` (the article, or one of its
/// lines).
fn has_focus(element: &Element) -> bool {
    let host = element.closest("[contenteditable]").ok().flatten();
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    match (host, active) {
        (Some(host), Some(active)) => host.contains(Some(&active)),
        _ => false,
    }
}

fn window_selection() -> Option<web_sys::Selection> {
    web_sys::window().and_then(|w| w.get_selection().ok().flatten())
}

/// The DOM point of code point `cp` in `line`: in the segment that ends at or contains it (the
/// end of a highlight rather than the start of what follows, and never in the hidden line
/// breaks), as a UTF-16 offset into its text.
fn point_at(line: &Element, index: &TextIndex, cp: usize) -> Option<(Node, u32)> {
    let segments = line.children();
    let mut found = None;
    for i in 0..segments.length() {
        let Some(segment) = segments.item(i) else {
            continue;
        };
        let (Some(s), Some(e)) = (
            data_offset(&segment, "data-s"),
            data_offset(&segment, "data-e"),
        ) else {
            continue;
        };
        let line_break = segment.class_name() == "br";
        if (s < cp && cp <= e && !line_break) || (s == cp && found.is_none()) {
            found = Some((segment, s));
            if s < cp {
                break;
            }
        }
    }
    let (segment, s) = found?;
    let offset = index.utf16_of_cp(cp).saturating_sub(index.utf16_of_cp(s));
    match segment.first_child() {
        Some(text) if text.node_type() == Node::TEXT_NODE => Some((text, offset as u32)),
        _ => Some((segment.into(), 0)),
    }
}

/// Whether the window's selection is empty (a plain click, not a drag).
pub fn is_collapsed() -> bool {
    window_selection().is_none_or(|s| s.range_count() == 0 || s.is_collapsed())
}

enum Place {
    Inside(usize),
    Before,
    After,
    Unknown,
}

fn data_offset(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}

/// The segment element (`[data-s]`) a node sits in, if any.
fn segment_of(node: &Node) -> Option<Element> {
    let element = match node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    element.closest("[data-s]").ok().flatten()
}

fn locate(article: &Element, index: &TextIndex, node: &Node, offset: u32) -> Place {
    if !article.contains(Some(node)) {
        // A range over the article's contents says whether the point lies before or after it
        // (an ancestor of the article, with an offset, can be either).
        let order = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_range().ok())
            .and_then(|r| r.select_node_contents(article).ok().map(|()| r))
            .and_then(|r| r.compare_point(node, offset).ok());
        return match order {
            Some(o) if o < 0 => Place::Before,
            Some(o) if o > 0 => Place::After,
            _ => Place::Unknown,
        };
    }
    if node.node_type() == Node::TEXT_NODE {
        let Some(segment) = segment_of(node) else {
            return Place::Unknown;
        };
        let Some(start) = data_offset(&segment, "data-s") else {
            return Place::Unknown;
        };
        if segment.first_child().as_ref() == Some(node) {
            return Place::Inside(index.cp_after_utf16(start, offset as usize));
        }
        return match text_before(&segment, node, offset) {
            Some(text) => Place::Inside(start + text.chars().count()),
            None => Place::Unknown,
        };
    }
    // An element point: before its child number `offset`, or at its end.
    let Some(element) = node.dyn_ref::<Element>() else {
        return Place::Unknown;
    };
    let children = element.child_nodes();
    let found = match children.item(offset) {
        Some(child) => first_segment(&child).and_then(|s| data_offset(&s, "data-s")),
        None => last_segment(element).and_then(|s| data_offset(&s, "data-e")),
    };
    match found {
        Some(cp) => Place::Inside(cp),
        // At the end of a node with no segment after it: the end of whatever came before.
        None => last_segment(element)
            .and_then(|s| data_offset(&s, "data-e"))
            .map_or(Place::Unknown, Place::Inside),
    }
}

/// The text from the start of `segment` to the point `(node, offset)` inside it.
fn text_before(segment: &Element, node: &Node, offset: u32) -> Option<String> {
    let range = gloo::utils::document().create_range().ok()?;
    range.set_start(segment, 0).ok()?;
    range.set_end(node, offset).ok()?;
    Some(String::from(range.to_string()))
}

fn first_segment(node: &Node) -> Option<Element> {
    let element = match node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => return segment_of(node),
    };
    if element.has_attribute("data-s") {
        return Some(element);
    }
    element.query_selector("[data-s]").ok().flatten()
}

fn last_segment(element: &Element) -> Option<Element> {
    if element.has_attribute("data-s") {
        return Some(element.clone());
    }
    let all = element.query_selector_all("[data-s]").ok()?;
    all.item(all.length().checked_sub(1)?)?
        .dyn_into::<Element>()
        .ok()
}
