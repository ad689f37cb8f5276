//! DOM selection → code points. Every highlight segment in the article is a `<span>` with
//! `data-s`/`data-e` (its code point range); a DOM point is located by the segment it falls in
//! plus how far into the segment it is. When the segment is one text node (as Gloss renders
//! it) that is the point's UTF-16 offset, and [`TextIndex`] does the one conversion; when
//! something split the text (a translation or accessibility extension), a `Range` from the
//! segment's start to the point measures it.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::model::offsets::{normalize_selection, TextIndex};
use crate::state::Selection;

/// Reads the window's selection against the article element.
pub fn read(article: &Element, index: &TextIndex, whole_words: bool) -> Selection {
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else {
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

/// Clears the window's text selection (after it became an annotation).
pub fn clear() {
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.remove_all_ranges();
    }
}

/// Whether the window's selection is empty (a plain click, not a drag).
pub fn is_collapsed() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_none_or(|s| s.range_count() == 0 || s.is_collapsed())
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
