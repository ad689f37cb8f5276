//! Fact-checking the selected claim, in its details: the Verdict menu, and its Sources (links
//! with a note each) with "Add source", which asks for the link in a small dialog. A link that is
//! not an `http(s)://` address is refused there with the reason, and nothing is added. Nothing is
//! ever fetched from a link: it is an `<a>` a reader may follow, in a new tab.

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::modal::Modal;
use crate::model::verdict::{check_source, check_url, Evidence, SourceError, NOT_CHECKED};
use crate::model::{AnnotationId, Timestamp, Verdict};
use crate::state::{Action, EvidenceChange};

/// The Verdict menu's id: `V` puts the focus there.
pub const VERDICT_ID: &str = "verdict";

/// What the fact-check controls ask for, of the selected claim.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckCommand {
    Verdict(Option<Verdict>),
    Source(EvidenceChange),
}

/// The action a fact-check command asks for, on the claim it was given for (the reducer
/// refuses a check on anything but a claim, in words).
pub fn check_action(id: AnnotationId, command: CheckCommand, at: Timestamp) -> Action {
    match command {
        CheckCommand::Verdict(verdict) => Action::SetVerdict { id, verdict, at },
        CheckCommand::Source(change) => Action::ChangeEvidence { id, change, at },
    }
}

/// Puts the focus on the Verdict menu (`V`); false when there is none.
pub fn focus_verdict() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(VERDICT_ID))
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(el).ok())
        .is_some_and(|el| el.focus().is_ok())
}

#[derive(Properties, PartialEq)]
pub struct CheckingProps {
    /// The claim: every command names it, so one sent from a dialog still open when the
    /// selection changed reaches the claim it was opened for.
    pub id: AnnotationId,
    pub verdict: Option<Verdict>,
    pub evidence: Vec<Evidence>,
    pub on_check: Callback<(AnnotationId, CheckCommand)>,
}

/// Which source the dialog is for: a new one, or the one at this place in the list.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Editing {
    New,
    At(usize),
}

/// A claim's verdict and sources (keyed by the claim: another selection closes its dialog).
#[component]
pub fn Checking(props: &CheckingProps) -> Html {
    let id = props.id;
    let on_check = props.on_check.reform(move |command| (id, command));
    let editing = use_state(|| None::<Editing>);
    let select_ref = use_node_ref();
    let add_ref = use_node_ref();
    // The menu shows the claim's verdict after an undo or a change elsewhere, not only as
    // first rendered.
    {
        let select_ref = select_ref.clone();
        use_effect_with(props.verdict, move |verdict| {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                select.set_value(verdict.map_or("", Verdict::slug));
            }
        });
    }
    let on_verdict = on_check.reform(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        CheckCommand::Verdict(Verdict::from_slug(&select.value()))
    });
    let option = |slug: &'static str, name: &'static str, on: bool| {
        html! { <option value={slug} selected={on}>{ name }</option> }
    };
    let open = |what: Editing| {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(Some(what)))
    };
    let sources = props.evidence.iter().enumerate().map(|(i, e)| {
        let label = e.label().to_owned();
        // The removed link's buttons go: the focus goes to "Add source", not to the page.
        let remove = {
            let on_check = on_check.clone();
            let add_ref = add_ref.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(add) = add_ref.cast::<HtmlElement>() {
                    let _ = add.focus();
                }
                on_check.emit(CheckCommand::Source(EvidenceChange::Remove(i)));
            })
        };
        html! {
            <li class="source" key={e.url.clone()}>
                <span class="source-line">
                    { link(e) }
                    <button type="button" class="small" onclick={open(Editing::At(i))} aria-haspopup="dialog" aria-label={format!("Edit source {label}")}>{ "Edit" }</button>
                    <button type="button" class="small" onclick={remove} aria-label={format!("Remove source {label}")}>{ "Remove" }</button>
                </span>
                if !e.note.is_empty() {
                    <span class="source-note">{ e.note.clone() }</span>
                }
            </li>
        }
    });
    let dialog = (*editing).map(|what| {
        let close = {
            let editing = editing.clone();
            Callback::from(move |()| editing.set(None))
        };
        let on_done = {
            let on_check = on_check.clone();
            let close = close.clone();
            Callback::from(move |e: Evidence| {
                on_check.emit(CheckCommand::Source(match what {
                    Editing::New => EvidenceChange::Add(e),
                    Editing::At(i) => EvidenceChange::Replace(i, e),
                }));
                close.emit(());
            })
        };
        let (initial, others): (Option<Evidence>, Vec<Evidence>) = match what {
            Editing::New => (None, props.evidence.clone()),
            Editing::At(i) => (props.evidence.get(i).cloned(), others(&props.evidence, i)),
        };
        let body = html! { <SourceDialog {initial} {others} {on_done} on_cancel={close} /> };
        match body_element() {
            Some(host) => create_portal(body, host),
            None => body,
        }
    });
    let count = props.evidence.len();
    html! {
        <div class="check" role="group" aria-label="Fact-check">
            <div class="check-row">
                // Named by its label alone (a label around it would add the chosen option).
                <span class="check-verdict">
                    <label class="links-key" for={VERDICT_ID}>{ "Verdict" }</label>
                    <select ref={select_ref} id={VERDICT_ID} class={classes!(props.verdict.map(|v| format!("v-{}", v.slug())))} onchange={on_verdict} title="Press V to come here">
                        { option("", NOT_CHECKED, props.verdict.is_none()) }
                        { for Verdict::ALL.into_iter().map(|v| option(v.slug(), v.name(), props.verdict == Some(v))) }
                    </select>
                </span>
                <button ref={add_ref.clone()} type="button" class="small" onclick={open(Editing::New)} aria-haspopup="dialog">{ "Add source" }</button>
            </div>
            if count > 0 {
                <ul class="sources" aria-label="Sources">{ for sources }</ul>
            }
            { dialog.unwrap_or_default() }
        </div>
    }
}

/// A source as a link opening in a new tab that learns nothing of Gloss (`noopener
/// noreferrer`). One whose address is not a web address (it cannot come from the dialog; an
/// edited file could hold one) is shown as text, never as an `href`.
fn link(e: &Evidence) -> Html {
    if check_url(&e.url).is_ok() {
        html! {
            <a class="source-link" href={e.url.clone()} target="_blank" rel="noopener noreferrer" title={e.url.clone()}>{ e.label().to_owned() }</a>
        }
    } else {
        html! { <span class="source-link is-refused" title="Not a web address: not a link">{ e.label().to_owned() }</span> }
    }
}

/// The other sources (all but the one at `except`).
fn others(evidence: &[Evidence], except: usize) -> Vec<Evidence> {
    evidence
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != except)
        .map(|(_, e)| e.clone())
        .collect()
}

fn body_element() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .body()
        .map(web_sys::Element::from)
}

#[derive(Properties, PartialEq)]
struct SourceDialogProps {
    /// The source being edited, or `None` for a new one.
    initial: Option<Evidence>,
    /// The claim's other sources (one address is one source).
    others: Vec<Evidence>,
    on_done: Callback<Evidence>,
    on_cancel: Callback<()>,
}

/// "Add source" (or "Edit source"): its address (required), title and note. What was typed
/// stays when the address is refused; the message says why, beside the field.
#[component]
fn SourceDialog(props: &SourceDialogProps) -> Html {
    let refusal = use_state(|| None::<SourceError>);
    let url_ref = use_node_ref();
    let title_ref = use_node_ref();
    let note_ref = use_node_ref();
    // An edited source's values go in once, as it opens: the fields are the person's after
    // that (a render never puts back what they typed over).
    {
        let (url_ref, title_ref, note_ref) = (url_ref.clone(), title_ref.clone(), note_ref.clone());
        let initial = props.initial.clone();
        use_effect_with((), move |_| {
            if let Some(e) = initial {
                let set = |r: &NodeRef, v: &str| {
                    if let Some(f) = r.cast::<HtmlInputElement>() {
                        f.set_value(v);
                    }
                };
                set(&url_ref, &e.url);
                set(&title_ref, &e.title);
                if let Some(f) = note_ref.cast::<HtmlTextAreaElement>() {
                    f.set_value(&e.note);
                }
            }
        });
    }
    let onsubmit = {
        let refusal = refusal.clone();
        let (url_ref, title_ref, note_ref) = (url_ref.clone(), title_ref.clone(), note_ref.clone());
        let others = props.others.clone();
        let on_done = props.on_done.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|f| f.value())
                    .or_else(|| r.cast::<HtmlTextAreaElement>().map(|f| f.value()))
                    .unwrap_or_default()
            };
            let checked = check_source(
                &others,
                &value(&url_ref),
                &value(&title_ref),
                &value(&note_ref),
            );
            match checked {
                Ok(e) => on_done.emit(e),
                Err(why) => {
                    refusal.set(Some(why));
                    if let Some(field) = url_ref.cast::<HtmlInputElement>() {
                        let _ = field.focus();
                    }
                }
            }
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    // Escape closes it (and nothing else: the page's keys do not see it).
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                on_cancel.emit(());
            }
        })
    };
    let (heading, done) = if props.initial.is_some() {
        ("Edit source", "Save")
    } else {
        ("Add source", "Add")
    };
    let invalid = refusal.is_some();
    html! {
        <Modal labelled_by="source-dialog-title">
            <form class="source-form" {onsubmit} {onkeydown} novalidate=true>
                <h2 id="source-dialog-title">{ heading }</h2>
                <p class="field-help">{ "A link to what the claim was checked against. Gloss never opens or fetches it; readers can follow it." }</p>
                <label class="field" for="source-url">{ "Source URL" }</label>
                <input
                    ref={url_ref}
                    id="source-url"
                    class="source-field"
                    type="url"
                    required=true
                    data-autofocus="true"
                    placeholder="https://"
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={invalid.then_some("source-url-error")}
                />
                if let Some(why) = refusal.as_ref() {
                    <p class="field-error" id="source-url-error" role="alert">{ why.to_string() }</p>
                }
                <label class="field" for="source-title">{ "Source title" }</label>
                <input ref={title_ref} id="source-title" class="source-field" type="text" />
                <label class="field" for="source-note">{ "Source note" }</label>
                <textarea ref={note_ref} id="source-note" class="source-field" rows="2" />
                <div class="dialog-actions">
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                    <button type="submit" class="primary">{ done }</button>
                </div>
            </form>
        </Modal>
    }
}
