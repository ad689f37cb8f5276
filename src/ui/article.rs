//! The article: title and date above, then the text, one paragraph component per line so a
//! change re-renders only the paragraphs whose highlights changed. The `<article>` element holds
//! exactly the article's text: no badges or label names inside it, so copying gives the text.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::highlights::{painted, segment_class};
use crate::dom;
use crate::dom::lines::Line;
use crate::model::layout::{Block, Segment};
use crate::model::offsets::TextIndex;
use crate::model::{AnnotationId, Span};

/// Paragraphs per chunk (see `ArticleView`).
const CHUNK: usize = 24;
/// The lines written as soon as an article opens (a screenful and more); the rest follow a
/// slice per frame (see `dom::lines`).
const AT_ONCE: usize = 3 * CHUNK;

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
        let (node_ref, index) = (props.node_ref.clone(), Rc::clone(&props.index));
        let (blocks, segments) = (Rc::clone(&props.blocks), Rc::clone(&props.segments));
        Callback::from(move |event: MouseEvent| {
            if !dom::selection::is_collapsed() {
                return;
            }
            let point = if dom::paint::with_highlights() {
                // Painted as highlights: the character under the pointer says where, and the
                // layout what is there.
                let x = f64::from(event.client_x());
                let y = f64::from(event.client_y());
                node_ref
                    .cast::<Element>()
                    .and_then(|article| dom::selection::char_at_point(&article, &index, x, y))
                    .and_then(|cp| marked_at(&blocks, &segments, cp))
                    .map(|segment| segment.span.start)
            } else {
                event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|e| e.closest("[data-s].mk, [data-s].sg").ok().flatten())
                    .and_then(|s| s.get_attribute("data-s"))
                    .and_then(|s| s.parse().ok())
            };
            on_click_point.emit(point);
        })
    };

    // A highlight names its labels (and a rated claim's verdict) when the pointer rests on it
    // (the browser's tooltip), written when it is hovered rather than into every segment up
    // front, and again when its classes changed since. Painted as highlights, the line's span
    // under the pointer takes the title of the highlight under it (and a pointer cursor).
    let onmouseover = Callback::from(|event: MouseEvent| {
        if dom::paint::with_highlights() {
            return;
        }
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
    let onmousemove = {
        let (node_ref, index) = (props.node_ref.clone(), Rc::clone(&props.index));
        let (blocks, segments) = (Rc::clone(&props.blocks), Rc::clone(&props.segments));
        Callback::from(move |event: MouseEvent| {
            let (Some(article), Some(target)) = (
                node_ref.cast::<Element>(),
                event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|e| e.closest("[data-s]").ok().flatten()),
            ) else {
                return;
            };
            let x = f64::from(event.client_x());
            let y = f64::from(event.client_y());
            let title = dom::selection::char_at_point(&article, &index, x, y)
                .and_then(|cp| marked_at(&blocks, &segments, cp))
                .map(|segment| {
                    super::highlights::title_of(&segment_class(segment, None, &[], None))
                });
            match title {
                Some(title) => {
                    if target.get_attribute("title").as_deref() != Some(title.as_str()) {
                        let _ = target.set_attribute("title", &title);
                        let _ = target.set_attribute("data-over", "");
                    }
                }
                None => {
                    if target.has_attribute("data-over") {
                        let _ = target.remove_attribute("title");
                        let _ = target.remove_attribute("data-over");
                    }
                }
            }
        })
    };

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
                // Only painted as highlights: with spans, moving the pointer calls nothing.
                onmousemove={dom::paint::with_highlights().then_some(onmousemove)}
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
    let paragraphs =
        blocks
            .iter()
            .zip(segments.iter())
            .enumerate()
            .map(|(i, (block, segments))| {
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
                        at_once={props.first + i < AT_ONCE}
                    />
                }
            });
    html! { <div class="chunk">{ for paragraphs }</div> }
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
    /// Written as soon as it is rendered; otherwise, the first time, when its turn comes among
    /// the lines out of sight (see `dom::lines`).
    #[prop_or(true)]
    pub at_once: bool,
}

/// One line of the text with its highlights. Each line is its own block, so an edit re-lays out
/// only its line, and lines off screen are skipped entirely (`content-visibility: auto`). The
/// line breaks after it stay in the DOM (so the article's text content is exactly the text)
/// but are not displayed: the block's margin shows them. Each segment is a `<span data-s
/// data-e>` carrying its code point range: how the selection code finds offsets without
/// counting characters. (Painted as CSS highlights, a line is one such span or a few: see
/// `dom::paint`.)
///
/// The segments are written into the block directly (see `dom::lines`) rather than rendered as
/// virtual DOM: a long article has tens of thousands of them, and keeping a virtual node for
/// each cost more memory than the text itself.
#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    let node = use_node_ref();
    // The block and what it shows now, so a change replaces only the segments that differ. The
    // effect depends on the segments and the selection only: a paragraph is keyed by where its
    // line starts and the whole view by the document, so its block and text never change under it.
    let line = {
        let node = node.clone();
        let index = Rc::clone(&props.index);
        let block = props.block;
        use_memo((), move |_| Rc::new(Line::new(node, index, block)))
    };
    {
        let at_once = props.at_once;
        use_effect_with(
            (
                Rc::clone(&props.segments),
                props.selected,
                props.related.clone(),
                props.suggestion,
            ),
            move |(segments, selected, related, suggestion)| {
                if dom::paint::with_highlights() {
                    let (next, painted) = painted(segments, *selected, related, *suggestion);
                    line.show(next, painted, at_once);
                } else {
                    let next: Vec<(Span, String)> = segments
                        .iter()
                        .map(|s| (s.span, segment_class(s, *selected, related, *suggestion)))
                        .collect();
                    line.show(next, Vec::new(), at_once);
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

/// The segment holding code point `cp` when it shows an annotation or a suggestion.
fn marked_at<'a>(
    blocks: &[Block],
    segments: &'a [Rc<[Segment]>],
    cp: usize,
) -> Option<&'a Segment> {
    let i = blocks.partition_point(|b| b.start <= cp).checked_sub(1)?;
    let line = segments.get(i)?;
    let k = line.partition_point(|s| s.span.end <= cp);
    line.get(k)
        .filter(|s| s.span.start <= cp)
        .filter(|s| !s.marks.is_empty() || s.suggested.is_some())
}

/// The entries of `related` whose span reaches `region`.
fn reaching(related: &[(AnnotationId, Span)], region: Option<Span>) -> Vec<(AnnotationId, Span)> {
    related
        .iter()
        .filter(|(_, span)| region.is_some_and(|r| overlaps(*span, r)))
        .copied()
        .collect()
}
