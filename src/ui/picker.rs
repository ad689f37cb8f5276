//! The source picker: who said the selected quote or claim. A filter field over the article's
//! people (the most mentioned first), in the combobox pattern: type to filter, arrows move,
//! Enter or a click picks, Escape cancels. Not modal: a click on an actor highlight in the
//! article picks it too (the app sends such clicks to the reducer as picks).

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::dom;
use crate::model::AnnotationId;
use crate::state::Candidate;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub candidates: Rc<[Candidate]>,
    /// The actor mention picked.
    pub on_pick: Callback<AnnotationId>,
    pub on_cancel: Callback<()>,
}

/// The candidates whose name holds `filter` (any case), in their order.
fn matching<'a>(candidates: &'a [Candidate], filter: &str) -> Vec<&'a Candidate> {
    let filter = filter.trim().to_lowercase();
    candidates
        .iter()
        .filter(|c| filter.is_empty() || c.name.to_lowercase().contains(&filter))
        .collect()
}

#[component]
pub fn SourcePicker(props: &PickerProps) -> Html {
    let filter = use_state(String::new);
    let active = use_state(|| 0usize);
    let input = use_node_ref();
    // Focus goes into the field on opening, and back where it was on closing.
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            let before = dom::focus::active();
            if let Some(field) = input.cast::<HtmlElement>() {
                let _ = field.focus();
            }
            move || {
                if let Some(before) = before {
                    dom::focus::give_back(&before);
                }
            }
        });
    }
    let shown = matching(&props.candidates, &filter);
    let count = shown.len();
    let current = (*active).min(count.saturating_sub(1));
    let picked = shown.get(current).map(|c| c.actor);
    let oninput = {
        let filter = filter.clone();
        let active = active.clone();
        Callback::from(move |event: InputEvent| {
            let field: HtmlInputElement = event.target_unchecked_into();
            filter.set(field.value());
            active.set(0);
        })
    };
    let onkeydown = {
        let active = active.clone();
        let on_pick = props.on_pick.clone();
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                active.set((current + 1).min(count.saturating_sub(1)));
            }
            "ArrowUp" => {
                event.prevent_default();
                active.set(current.saturating_sub(1));
            }
            "Enter" => {
                event.prevent_default();
                if let Some(actor) = picked {
                    on_pick.emit(actor);
                }
            }
            "Escape" => {
                event.prevent_default();
                on_cancel.emit(());
            }
            _ => {}
        })
    };
    let options = shown.iter().enumerate().map(|(i, c)| {
        let actor = c.actor;
        let onclick = props.on_pick.reform(move |_: MouseEvent| actor);
        // A press must not take the focus from the field before the click lands.
        let onmousedown = Callback::from(|event: MouseEvent| event.prevent_default());
        let mentions = if c.mentions == 1 {
            "1 mention".to_owned()
        } else {
            format!("{} mentions", c.mentions)
        };
        html! {
            <li
                id={format!("source-option-{i}")}
                role="option"
                class={classes!("picker-option", (i == current).then_some("is-active"))}
                aria-selected={(i == current).to_string()}
                {onclick}
                {onmousedown}
            >
                <span class="picker-name">{ c.name.clone() }</span>
                <span class="picker-count">{ mentions }</span>
            </li>
        }
    });
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="picker">
            <label class="picker-label" for="source-filter">{ "Who said it?" }</label>
            <input
                ref={input}
                id="source-filter"
                type="text"
                role="combobox"
                aria-expanded="true"
                aria-controls="source-options"
                aria-autocomplete="list"
                aria-activedescendant={(count > 0).then(|| format!("source-option-{current}"))}
                autocomplete="off"
                placeholder="Filter by name"
                value={(*filter).clone()}
                {oninput}
                {onkeydown}
            />
            <ul id="source-options" role="listbox" aria-label="Actors in this article" class="picker-list">
                { for options }
            </ul>
            if count == 0 {
                <p class="picker-empty">{ "No actor by that name. Mark the name as an Actor first (select it, press 3)." }</p>
            }
            <p class="picker-hint">
                { "Enter picks, Escape cancels. Or click an actor in the article." }
                <button type="button" class="small" onclick={cancel}>{ "Cancel" }</button>
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnnotationId;

    fn c(n: u128, name: &str) -> Candidate {
        Candidate {
            actor: AnnotationId(uuid::Uuid::from_u128(n)),
            entity: None,
            name: name.into(),
            mentions: 1,
        }
    }

    #[test]
    fn filter_keeps_order_and_ignores_case() {
        let all = [
            c(1, "Dmitry Peskov"),
            c(2, "Vladimir Putin"),
            c(3, "Donald Trump"),
        ];
        let names = |f: &str| -> Vec<String> {
            matching(&all, f)
                .into_iter()
                .map(|c| c.name.clone())
                .collect()
        };
        assert_eq!(
            names(""),
            ["Dmitry Peskov", "Vladimir Putin", "Donald Trump"]
        );
        assert_eq!(names("PU"), ["Vladimir Putin"]);
        assert_eq!(
            names(" d"),
            ["Dmitry Peskov", "Vladimir Putin", "Donald Trump"]
        );
        assert!(names("xyz").is_empty());
    }
}
