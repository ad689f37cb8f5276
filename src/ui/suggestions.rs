//! The sidebar's "Suggestions" section: how many of each label are shown, "Accept all" per
//! label, and the selected suggestion's text, kind and speaker with "Accept" and "Reject".

use yew::prelude::*;

use crate::model::Label;

/// The selected suggestion as the section shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen {
    /// "Suggested quote".
    pub kind: AttrValue,
    pub label: Label,
    pub text: AttrValue,
    /// Who said it (a quote's speaker), when known.
    pub speaker: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct SuggestionsProps {
    /// Shown suggestions per label, in `Label::ALL` order.
    pub counts: [usize; 3],
    pub chosen: Option<Chosen>,
    pub on_accept_all: Callback<Label>,
    pub on_accept: Callback<()>,
    pub on_reject: Callback<()>,
    pub on_hide: Callback<()>,
}

#[component]
pub fn SuggestionsPanel(props: &SuggestionsProps) -> Html {
    let count = |label: Label| {
        Label::ALL
            .iter()
            .position(|&l| l == label)
            .and_then(|i| props.counts.get(i))
            .copied()
            .unwrap_or(0)
    };
    let total: usize = props.counts.iter().sum();
    let accept_all = [Label::Quote, Label::Actor].into_iter().map(|label| {
        let n = count(label);
        let onclick = props.on_accept_all.reform(move |_: MouseEvent| label);
        html! {
            <button
                type="button"
                class={classes!("sg-all", format!("label-{}", label.slug()))}
                disabled={n == 0}
                {onclick}
            >
                { format!("Accept all {}s ({n})", label.slug()) }
            </button>
        }
    });
    let counts = Label::ALL.into_iter().filter(|&l| count(l) > 0).map(|l| {
        let n = count(l);
        html! {
            <li class={classes!("sg-count", format!("label-{}", l.slug()))}>
                <span class="swatch" aria-hidden="true"></span>
                { format!("{n} {}{}", l.slug(), if n == 1 { "" } else { "s" }) }
            </li>
        }
    });
    let on_accept = props.on_accept.reform(|_: MouseEvent| ());
    let on_reject = props.on_reject.reform(|_: MouseEvent| ());
    let on_hide = props.on_hide.reform(|_: MouseEvent| ());
    html! {
        <section class="suggestions" aria-labelledby="suggestions-title">
            <div class="sg-head">
                <h3 id="suggestions-title" class="sg-title">{ "Suggestions" }</h3>
                <button type="button" class="sg-hide" onclick={on_hide}>{ "Hide suggestions" }</button>
            </div>
            if total == 0 {
                <p class="side-empty">{ "No suggestions left for this article." }</p>
            } else {
                <ul class="sg-counts" aria-label="Suggestions shown">{ for counts }</ul>
            }
            // Always there (disabled at 0): the button just pressed does not vanish.
            <div class="sg-actions">{ for accept_all }</div>
            if let Some(chosen) = props.chosen.clone() {
                <div class={classes!("sg-chosen", format!("label-{}", chosen.label.slug()))}>
                    <p class="sg-kind">{ chosen.kind.clone() }</p>
                    <blockquote class="sg-text">{ chosen.text.clone() }</blockquote>
                    if let Some(speaker) = chosen.speaker.clone() {
                        <p class="sg-speaker">{ "Said by " }<strong>{ speaker }</strong></p>
                    }
                    <div class="sg-actions">
                        <button type="button" class="sg-accept" onclick={on_accept} aria-keyshortcuts="Enter">{ "Accept" }</button>
                        <button type="button" class="sg-reject" onclick={on_reject} aria-keyshortcuts="Delete Backspace">{ "Reject" }</button>
                    </div>
                </div>
            } else if total > 0 {
                <p class="sg-help">{ "N / P: next / previous suggestion. Enter accepts, Delete rejects." }</p>
            }
        </section>
    }
}
