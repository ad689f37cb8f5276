//! Dialogs: a new article from pasted text, and the keyboard shortcuts (both in a [`Modal`]).

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::modal::Modal;
use crate::dom;
use crate::keys::SHORTCUTS;
use crate::model::text::{prepare_article, MAX_ARTICLE_BYTES};
use crate::model::Document;

#[derive(Properties, PartialEq)]
pub struct NewArticleProps {
    pub on_load: Callback<Document>,
    pub on_cancel: Callback<MouseEvent>,
}

/// "New article": a title and the text; bad input keeps the dialog open with a reason.
#[component]
pub fn NewArticleDialog(props: &NewArticleProps) -> Html {
    let title_ref = use_node_ref();
    let text_ref = use_node_ref();
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let on_load = props.on_load.clone();
        let error = error.clone();
        let title_ref = title_ref.clone();
        let text_ref = text_ref.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let title = title_ref
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let text = text_ref
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            match prepare_article(&text, &title, None) {
                Ok(prepared) => on_load.emit(prepared.into_document(dom::now())),
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    html! {
        <Modal labelled_by="new-article-title">
            <h2 id="new-article-title">{ "New article" }</h2>
            <form {onsubmit} novalidate=true>
                <label class="field">
                    <span>{ "Title" }</span>
                    <input ref={title_ref} type="text" placeholder="Optional: the first words are used otherwise" />
                </label>
                <label class="field">
                    <span>{ "Article text" }</span>
                    <textarea ref={text_ref} rows="14" placeholder="Paste the article here. A leading “date 2025-03-14” becomes the article's date." />
                </label>
                <p class="field-help">{ format!("Plain text, up to {} MB. Paragraphs one per line.", MAX_ARTICLE_BYTES / (1024 * 1024)) }</p>
                if let Some(message) = (*error).clone() {
                    <p class="notice error" role="alert">{ message }</p>
                }
                <div class="dialog-actions">
                    <button type="button" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
                    <button type="submit" class="primary">{ "Load article" }</button>
                </div>
            </form>
        </Modal>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub on_close: Callback<MouseEvent>,
}

/// The `?` dialog, from the same table the key handler uses.
#[component]
pub fn ShortcutsDialog(props: &ShortcutsProps) -> Html {
    html! {
        <Modal labelled_by="shortcuts-title">
            <h2 id="shortcuts-title">{ "Keyboard shortcuts" }</h2>
            <table class="shortcuts">
                <tbody>
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr>
                    }) }
                </tbody>
            </table>
            <div class="dialog-actions">
                <button type="button" class="primary" onclick={props.on_close.clone()}>{ "Close" }</button>
            </div>
        </Modal>
    }
}
