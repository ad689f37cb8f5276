//! "Export" → "ClaimReview": a small dialog asks who reviewed the claims ("Your name", kept for
//! next time), says how many claims go into the file and how many are left out (or, when no
//! claim has a verdict, why there is nothing to export), and "Export" downloads
//! `<title>.claimreview.json`. The file is the core's (`formats::claimreview`).

use yew::prelude::*;

use super::layers::{input_value, YourNameField};
use super::modal::Modal;
use super::store::Latest;
use crate::dom;
use crate::formats::claimreview::{self, Tally};
use crate::state::{Action, Notice};

#[derive(Properties, PartialEq)]
pub struct ClaimReviewProps {
    /// The open article's rated and unrated claims; `None` when no article is open.
    pub tally: Option<Tally>,
    /// "Export" chosen, with the name typed.
    pub on_export: Callback<String>,
    pub on_cancel: Callback<MouseEvent>,
}

#[component]
pub fn ClaimReviewDialog(props: &ClaimReviewProps) -> Html {
    let name_ref = use_node_ref();
    let name = use_memo((), |_| dom::settings::reviewer_name());
    let why_not = match props.tally {
        None => Some("No article is open to export.".to_owned()),
        Some(tally) => tally.refusal().map(|e| e.to_string()),
    };
    let onsubmit = {
        let on_export = props.on_export.clone();
        let name_ref = name_ref.clone();
        let allowed = why_not.is_none();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if allowed {
                on_export.emit(input_value(&name_ref));
            }
        })
    };
    html! {
        <Modal labelled_by="claimreview-title">
            <h2 id="claimreview-title">{ "Export ClaimReview" }</h2>
            <form {onsubmit} novalidate=true>
                <p class="field-help">
                    { "Each claim with a verdict becomes a schema.org ClaimReview (JSON-LD) for a fact check's page. Add the page's address (url) when you publish it." }
                </p>
                <YourNameField
                    node_ref={name_ref}
                    value={(*name).clone()}
                    placeholder={AttrValue::from("Optional: the reviewer named in the file")}
                />
                { match (&why_not, props.tally) {
                    (Some(reason), _) => html! {
                        <p class="claimreview-count why-not" role="status">{ reason.clone() }</p>
                    },
                    (None, Some(tally)) => html! {
                        <p class="claimreview-count" role="status">{ tally.preview() }</p>
                    },
                    (None, None) => html! {},
                } }
                <div class="dialog-actions">
                    <button type="button" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
                    <button type="submit" class="primary" disabled={why_not.is_some()}>{ "Export" }</button>
                </div>
            </form>
        </Modal>
    }
}

/// "Export" in the dialog: keeps the name for next time, writes the file and offers it, closes
/// the dialog and says how many claims went in and how many were left out. A failure is said,
/// never an empty file offered.
#[hook]
pub fn use_claimreview_export(latest: Latest) -> Callback<String> {
    use_callback((), move |name: String, _| {
        dom::settings::set_reviewer_name(&name);
        let state = latest.borrow().clone();
        let result = match state.article.as_ref() {
            None => Err("No article is open to export.".to_owned()),
            Some(article) => claimreview::export(&article.shown, &name, dom::now())
                .map_err(|e| e.to_string())
                .and_then(|reviews| {
                    let file = &reviews.file;
                    dom::download::offer_bytes(&file.name, file.mime, &file.bytes)
                        .map(|()| reviews.tally)
                }),
        };
        state.dispatch(Action::CloseDialog);
        state.dispatch(Action::Notify(match result {
            Ok(tally) => Notice::hint(tally.done()),
            Err(reason) => Notice::error(reason),
        }));
    })
}
