//! The disagreements of the open article side by side: for each place where the annotators'
//! marks differ, one lane per annotator with the words around it and their marks highlighted
//! (and who they say is speaking), the curated layer's lane, and the choices that settle it.

use std::rc::Rc;

use yew::prelude::*;

use gloss_core::agree::disagree::{Choice, Item};
use gloss_core::model::offsets::TextIndex;
use gloss_core::model::{AnnotationId, Document, Span};
use gloss_core::state::curating::Settled;

/// Code points of context on each side of a disagreement.
const CONTEXT: usize = 60;

#[derive(Properties, PartialEq)]
pub struct DisagreementProps {
    pub doc: Rc<Document>,
    /// The text's index: lanes cut the text by code point without walking it from the start.
    pub index: Rc<TextIndex>,
    pub names: Rc<[String]>,
    pub item: Rc<Item<AnnotationId>>,
    pub settled: Settled,
    /// Its place in the list (1-based) and the list's length.
    pub number: usize,
    pub of: usize,
    pub selected: bool,
    pub on_choose: Callback<Choice>,
    pub on_select: Callback<()>,
}

/// The words around `item` with `marks` highlighted, as pieces of text.
fn lane(index: &TextIndex, item: &Item<AnnotationId>, marks: &[Span], class: &str) -> Html {
    let len = index.len_cp();
    let from = item.span.start.saturating_sub(CONTEXT);
    let to = (item.span.end + CONTEXT).min(len);
    let mut cuts: Vec<usize> = vec![from, to];
    for m in marks {
        cuts.extend([m.start.clamp(from, to), m.end.clamp(from, to)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let pieces = cuts.windows(2).filter_map(|w| {
        let (&a, &b) = (w.first()?, w.get(1)?);
        let span = Span::new(a, b)?;
        let text = index.slice(span).to_owned();
        let marked = marks.iter().any(|m| m.start <= a && b <= m.end);
        Some(if marked {
            html! { <mark class={classes!("lane-mark", class.to_owned())}>{ text }</mark> }
        } else {
            html! { { text } }
        })
    });
    html! {
        <>
            if from > 0 { { "…" } }
            { for pieces }
            if to < len { { "…" } }
        </>
    }
}

/// Who a quote or claim is attributed to, for its lane.
fn speakers(doc: &Document, ids: &[AnnotationId]) -> String {
    let names: Vec<String> = ids
        .iter()
        .filter_map(|id| doc.annotation(*id))
        .filter_map(|a| a.source.and_then(|s| doc.annotation(s)))
        .map(|actor| doc.actor_name(actor))
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("said by {}", names.join(", "))
    }
}

#[component]
pub fn Disagreement(props: &DisagreementProps) -> Html {
    let doc = &props.doc;
    let item = &props.item;
    let label = item.label;
    let names: Vec<&str> = props.names.iter().map(String::as_str).collect();
    let class = format!("m-{}", label.slug());
    let lanes = item.versions.iter().enumerate().map(|(i, marks)| {
        let spans: Vec<Span> = marks.iter().map(|m| m.span).collect();
        let ids: Vec<AnnotationId> = marks.iter().map(|m| m.key).collect();
        let said = speakers(doc, &ids);
        html! {
            <div class="lane">
                <span class="lane-name">{ names.get(i).copied().unwrap_or("?") }</span>
                <span class="lane-text">
                    if spans.is_empty() {
                        <em class="lane-none">{ "marked nothing here" }</em>
                    } else {
                        { lane(&props.index, item, &spans, &class) }
                    }
                    if !said.is_empty() {
                        <span class="lane-said">{ format!(" — {said}") }</span>
                    }
                </span>
            </div>
        }
    });
    let curated = match &props.settled {
        Settled::Open => html! { <em class="lane-none">{ "not settled yet" }</em> },
        Settled::LeftOut => html! { <em class="lane-none">{ "left out (neither kept)" }</em> },
        Settled::Kept(ids) => {
            let spans: Vec<Span> = ids
                .iter()
                .filter_map(|id| doc.annotation(*id))
                .map(|a| a.span)
                .collect();
            let said = speakers(doc, ids);
            html! {
                <>
                    { lane(&props.index, item, &spans, &class) }
                    if !said.is_empty() {
                        <span class="lane-said">{ format!(" — {said}") }</span>
                    }
                </>
            }
        }
    };
    let keep = (0..item.versions.len()).map(|i| {
        let name = names.get(i).copied().unwrap_or("?");
        let disabled = item.versions.get(i).is_none_or(Vec::is_empty);
        html! {
            <button type="button" {disabled} onclick={props.on_choose.reform(move |_| Choice::Keep(i))}>
                { format!("Keep {name}'s") }
            </button>
        }
    });
    let heading_id = format!("disagreement-{}", props.number);
    let onfocusin = props.on_select.reform(|_: FocusEvent| ());
    html! {
        <section
            class={classes!("disagreement", props.selected.then_some("selected"), (props.settled != Settled::Open).then_some("settled"))}
            aria-labelledby={heading_id.clone()}
            aria-current={props.selected.then_some("true")}
            tabindex="-1"
            data-index={props.number.to_string()}
            {onfocusin}
        >
            <h4 id={heading_id}>
                { format!("{} {} of {}: {} — {}", label.name(), props.number, props.of, item.kind.describe(&names), match props.settled {
                    Settled::Open => "open",
                    Settled::Kept(_) => "curated",
                    Settled::LeftOut => "left out",
                }) }
            </h4>
            <div class="lanes">
                { for lanes }
                <div class="lane curated-lane">
                    <span class="lane-name">{ "Curated" }</span>
                    <span class="lane-text">{ curated }</span>
                </div>
            </div>
            <div class="choices" role="group" aria-label="Settle this disagreement">
                { for keep }
                <button type="button" onclick={props.on_choose.reform(|_| Choice::Both)}>{ "Keep both" }</button>
                <button type="button" onclick={props.on_choose.reform(|_| Choice::Neither)}>{ "Keep neither" }</button>
            </div>
        </section>
    }
}
