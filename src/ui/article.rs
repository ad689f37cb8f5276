//! The article: title and date above, then the text, one paragraph component per line so a
//! change re-renders only the paragraphs whose highlights changed. The `<article>` element holds
//! exactly the article's text: no badges or label names inside it, so copying gives the text.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::highlights::segment_class;
use crate::dom;
use crate::model::layout::{Block, Segment};
use crate::model::offsets::TextIndex;
use crate::model::{AnnotationId, Span};

/// Paragraphs per chunk (see `ArticleView`).
const CHUNK: usize = 24;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub title: AttrValue,
    pub date: Option<AttrValue>,
    pub index: Rc<TextIndex>,
    pub blocks: Rc<[Block]>,
    pub segments: Rc<[Rc<[Segment]>]>,
    pub selected: Option<AnnotationId>,
    /// Where the selected annotation is, so only the lines it reaches render again.
    pub selected_span: Option<Span>,
    /// What the selection outlines besides itself (a quote's source; an actor's other
    /// mentions and what they said), with where each is.
    pub related: Rc<[(AnnotationId, Span)]>,
    /// Where the selected suggestion is, if one is (drawn with its own ring).
    #[prop_or_default]
    pub suggestion: Option<Span>,
    /// Suggestions are still being drawn into the text (`aria-busy`).
    #[prop_or_default]
    pub busy: bool,
    pub node_ref: NodeRef,
    /// A plain click (no text selected) at a segment's start, or `None` outside any highlight.
    pub on_click_point: Callback<Option<usize>>,
}

#[component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    // The text is focusable and caret-navigable (contenteditable) so a keyboard user can select
    // with Shift + arrows; every attempt to change it is refused here.
    {
        let node_ref = props.node_ref.clone();
        use_effect_with((), move |_| {
            let listeners: Vec<EventListener> = node_ref
                .cast::<Element>()
                .map(|element| {
                    let mut listeners: Vec<EventListener> =
                        ["beforeinput", "paste", "cut", "drop", "dragstart"]
                            .into_iter()
                            .map(|kind| {
                                EventListener::new_with_options(
                                    &element,
                                    kind,
                                    EventListenerOptions::enable_prevent_default(),
                                    |event| event.prevent_default(),
                                )
                            })
                            .collect();
                    // An input method's composition cannot be refused through `beforeinput`:
                    // leaving the text ends it before it changes anything.
                    let article = element.clone();
                    listeners.push(EventListener::new(
                        &element,
                        "compositionstart",
                        move |_| {
                            if let Some(html) = article.dyn_ref::<web_sys::HtmlElement>() {
                                let _ = html.blur();
                            }
                        },
                    ));
                    listeners
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }

    let onclick = {
        let on_click_point = props.on_click_point.clone();
        Callback::from(move |event: MouseEvent| {
            if !dom::selection::is_collapsed() {
                return;
            }
            let segment = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("[data-s].mk, [data-s].sg").ok().flatten());
            let point = segment
                .and_then(|s| s.get_attribute("data-s"))
                .and_then(|s| s.parse().ok());
            on_click_point.emit(point);
        })
    };

    // A highlight names its labels (and a rated claim's verdict) when the pointer rests on it
    // (the browser's tooltip), written when it is hovered rather than into every segment up
    // front, and again when its classes changed since.
    let onmouseover = Callback::from(|event: MouseEvent| {
        let segment = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest(".mk, .sg").ok().flatten());
        if let Some(segment) = segment {
            let title = super::highlights::title_of(&segment.class_name());
            if segment.get_attribute("title").as_deref() != Some(title.as_str()) {
                let _ = segment.set_attribute("title", &title);
            }
        }
    });

    // Paragraphs come in chunks; a chunk off screen is neither laid out nor painted
    // (`content-visibility: auto`), the browser watches a few hundred chunks rather than
    // thousands of paragraphs, and after an edit only the chunk it touched renders again.
    let selected = props.selected.zip(props.selected_span);
    let chunks = (0..props.blocks.len()).step_by(CHUNK).map(|first| {
        let last = (first + CHUNK).min(props.blocks.len());
        let region = props
            .blocks
            .get(first)
            .zip(props.blocks.get(last.saturating_sub(1)))
            .map(|(head, tail)| Span {
                start: head.start,
                end: tail.end,
            });
        let selected = selected.filter(|(_, span)| region.is_some_and(|r| overlaps(*span, r)));
        let related = reaching(&props.related, region);
        let suggestion = props
            .suggestion
            .filter(|span| region.is_some_and(|r| overlaps(*span, r)));
        html! {
            <Chunk
                key={first}
                index={Rc::clone(&props.index)}
                blocks={Rc::clone(&props.blocks)}
                segments={Rc::clone(&props.segments)}
                {first}
                {last}
                {selected}
                {related}
                {suggestion}
            />
        }
    });

    html! {
        <section class="reader" aria-label="Article">
            <header class="doc-head">
                <h2 class="doc-title" id="doc-title">{ props.title.clone() }</h2>
                if let Some(date) = props.date.clone() {
                    <time class="doc-date" datetime={date.clone()}>{ date }</time>
                }
            </header>
            // Kept an `<article>` (role `article`), contenteditable so the caret and Shift +
            // arrows work: the browser exposes it as focusable, editable rich text, so a screen
            // reader switches to its focus mode there and the arrows move the real caret.
            // ARIA allows neither `aria-readonly` nor `aria-multiline` on `article` (axe:
            // aria-allowed-attr, critical), and Chromium dropped both from what it tells screen
            // readers. `role="textbox"` allows them, but ARIA in HTML does not allow that role on
            // `<article>` (axe: aria-allowed-role), and even then Chromium 156 reports the
            // contenteditable field as not read-only (checked in its accessibility tree).
            // `aria-roledescription` would swap the well-known "article" for a made-up name and
            // still not say read-only. So the role stays, named by the title, and a description
            // (announced on focus) says what no attribute can here: the text cannot be changed,
            // and how to select and mark it.
            <article
                ref={props.node_ref.clone()}
                class="doc-text"
                contenteditable="true"
                spellcheck="false"
                autocorrect="off"
                autocapitalize="off"
                translate="no"
                aria-labelledby="doc-title"
                aria-describedby="doc-text-help"
                aria-busy={props.busy.then_some("true")}
                {onclick}
                {onmouseover}
            >
                { for chunks }
            </article>
            // Hidden: read only through `aria-describedby` (a description may come from a hidden
            // element), not a second time when reading the page.
            <p id="doc-text-help" hidden=true>
                { "Read only: the text cannot be changed. Move with the arrow keys, select with Shift and the arrow keys, then press 1, 2 or 3 to mark a claim, a quote or an actor. J and K move between annotations; Enter selects the one at the caret." }
            </p>
        </section>
    }
}

/// Whether two spans share a code point, or a span touches an empty one.
fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
        || (a.start == a.end && b.start <= a.start && a.start <= b.end)
}

#[derive(Properties)]
struct ChunkProps {
    index: Rc<TextIndex>,
    blocks: Rc<[Block]>,
    segments: Rc<[Rc<[Segment]>]>,
    /// The chunk's blocks: `blocks[first..last]`.
    first: usize,
    last: usize,
    /// The selected annotation, only when it reaches this chunk.
    selected: Option<(AnnotationId, Span)>,
    /// The annotations the selection outlines that reach this chunk.
    related: Vec<(AnnotationId, Span)>,
    /// The selected suggestion, only when it reaches this chunk.
    suggestion: Option<Span>,
}

/// Equal when the chunk would render the same: its own lines' segments are the same `Rc`s
/// (the list of all lines is new after every edit; most of its entries are not).
impl PartialEq for ChunkProps {
    fn eq(&self, other: &Self) -> bool {
        fn own(p: &ChunkProps) -> &[Rc<[Segment]>] {
            p.segments.get(p.first..p.last).unwrap_or_default()
        }
        self.first == other.first
            && self.last == other.last
            && self.selected == other.selected
            && self.related == other.related
            && self.suggestion == other.suggestion
            && Rc::ptr_eq(&self.index, &other.index)
            && Rc::ptr_eq(&self.blocks, &other.blocks)
            && own(self).len() == own(other).len()
            && own(self)
                .iter()
                .zip(own(other))
                .all(|(a, b)| Rc::ptr_eq(a, b))
    }
}

#[component]
fn Chunk(props: &ChunkProps) -> Html {
    let blocks = props
        .blocks
        .get(props.first..props.last)
        .unwrap_or_default();
    let segments = props
        .segments
        .get(props.first..props.last)
        .unwrap_or_default();
    let paragraphs = blocks.iter().zip(segments.iter()).map(|(block, segments)| {
        let span = Span {
            start: block.start,
            end: block.content_end,
        };
        let selected = props
            .selected
            .filter(|(_, s)| overlaps(*s, span))
            .map(|(id, _)| id);
        let related: Vec<AnnotationId> = reaching(&props.related, Some(span))
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let suggestion = props.suggestion.filter(|s| overlaps(*s, span));
        html! {
            <Paragraph
                key={block.start}
                index={Rc::clone(&props.index)}
                block={*block}
                segments={Rc::clone(segments)}
                {selected}
                {related}
                {suggestion}
            />
        }
    });
    html! { <div class="chunk">{ for paragraphs }</div> }
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

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub index: Rc<TextIndex>,
    pub block: Block,
    pub segments: Rc<[Segment]>,
    /// The selected annotation, only when it touches this paragraph.
    pub selected: Option<AnnotationId>,
    /// The annotations the selection outlines that touch this paragraph.
    pub related: Vec<AnnotationId>,
    /// The selected suggestion, only when it touches this paragraph.
    #[prop_or_default]
    pub suggestion: Option<Span>,
}

/// One line of the text with its highlights. Each line is its own block, so an edit re-lays out
/// only its line, and lines off screen are skipped entirely (`content-visibility: auto`). The
/// line breaks after it stay in the DOM (so the article's text content is exactly the text)
/// but are not displayed: the block's margin shows them. Each segment is a `<span data-s
/// data-e>` carrying its code point range: how the selection code finds offsets without
/// counting characters.
///
/// The segments are written into the block directly (see [`fill`]) rather than rendered as
/// virtual DOM: a long article has tens of thousands of them, and keeping a virtual node for
/// each cost more memory than the text itself.
#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    let node = use_node_ref();
    // What the block shows now, so a change replaces only the segments that differ. The effect
    // depends on the segments and the selection only: a paragraph is keyed by where its line
    // starts and the whole view by the document, so its block and text never change under it.
    let shown = use_mut_ref(Vec::<(Span, String)>::new);
    {
        let node = node.clone();
        let index = Rc::clone(&props.index);
        let block = props.block;
        use_effect_with(
            (
                Rc::clone(&props.segments),
                props.selected,
                props.related.clone(),
                props.suggestion,
            ),
            move |(segments, selected, related, suggestion)| {
                if let Some(element) = node.cast::<Element>() {
                    let next: Vec<(Span, String)> = segments
                        .iter()
                        .map(|s| (s.span, segment_class(s, *selected, related, *suggestion)))
                        .collect();
                    fill(&element, &index, block, &shown.borrow(), &next);
                    *shown.borrow_mut() = next;
                }
            },
        );
    }
    let block = props.block;
    let newlines = block.end - block.content_end;
    let data_block = block.start.to_string();
    // A line followed by one line break is a <div>, by a blank line (or more) a <p>: what the
    // browser's copy puts between blocks then matches the text's own line breaks.
    let class = classes!("para", format!("gap-{}", newlines.min(4)));
    if newlines >= 2 {
        html! { <p ref={node} {class} data-block={data_block} /> }
    } else {
        html! { <div ref={node} {class} data-block={data_block} /> }
    }
}

/// The entries of `related` whose span reaches `region`.
fn reaching(related: &[(AnnotationId, Span)], region: Option<Span>) -> Vec<(AnnotationId, Span)> {
    related
        .iter()
        .filter(|(_, span)| region.is_some_and(|r| overlaps(*span, r)))
        .copied()
        .collect()
}

/// Writes a line's segments into its block: all of them (and the hidden line breaks) the first
/// time, afterwards only those between the unchanged ones at either end, so the browser keeps
/// the rest as they are (re-shaping every run of a line costs more than the change itself).
/// When only classes changed (an annotation selected, a label changed) the spans stay and get
/// their new classes. Text goes in as text nodes: markup in an article is shown, never
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
        dom::selection::KeptSelection::take(element, index)
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

#[cfg(test)]
mod tests {
    use super::*;

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
