//! Work going out: "Export" → a format for the open article, "Export library" → a format for
//! every article, and the Label Studio labelling config. The file is written by the core
//! (`formats::export`); a failure is said, never an empty file offered.

use yew::prelude::*;

use super::store::Latest;
use crate::dom;
use crate::formats::{self, ExportFile, Format, Scope};
use crate::model::layers::signed;
use crate::model::Document;
use crate::state::{Action, Notice};

fn offer(file: &ExportFile) -> Result<(), String> {
    dom::download::offer_bytes(&file.name, file.mime, &file.bytes)
}

fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>() + "."
    })
}

/// What "Export" and "Export library" do: the chosen format, for the open article or for
/// every article (by title). Every annotation leaves signed: one made here before a name was
/// given carries "Your name" (when there is one), so a colleague importing it sees whose it is.
#[hook]
pub fn use_export(latest: Latest) -> Callback<(Format, Scope)> {
    use_callback((), move |(format, scope): (Format, Scope), _| {
        let state = latest.borrow().clone();
        let me = state.me.as_deref();
        let result = match scope {
            Scope::Article => match state.article.as_ref() {
                None => Err("No article is open to export.".to_owned()),
                Some(article) => {
                    let signed = signed(&article.doc, me);
                    let doc = signed.as_ref().unwrap_or(&article.doc);
                    formats::export(format, &[doc], scope, &doc.title, dom::now())
                        .map_err(|e| capitalised(&e.to_string()))
                }
            },
            Scope::Library => {
                let signed: Vec<Option<Document>> =
                    state.library.values().map(|d| signed(d, me)).collect();
                let mut docs: Vec<&Document> = state
                    .library
                    .values()
                    .zip(&signed)
                    .map(|(d, s)| s.as_ref().unwrap_or(d))
                    .collect();
                docs.sort_by(|a, b| a.title.cmp(&b.title));
                if docs.is_empty() {
                    Err("The library is empty: there is nothing to export.".to_owned())
                } else {
                    formats::export(format, &docs, scope, "", dom::now())
                        .map_err(|e| capitalised(&e.to_string()))
                }
            }
        };
        if let Err(reason) = result.and_then(|file| offer(&file)) {
            state.dispatch(Action::Notify(Notice::error(reason)));
        }
    })
}

/// The Label Studio labelling config, its own download.
#[hook]
pub fn use_export_config(latest: Latest) -> Callback<()> {
    use_callback((), move |(), _| {
        if let Err(reason) = offer(&formats::label_studio_config()) {
            latest
                .borrow()
                .dispatch(Action::Notify(Notice::error(reason)));
        }
    })
}
