//! Work going out: "Export" → "Gloss JSON" (the open article) and "Export library".

use yew::prelude::*;

use super::store::Latest;
use crate::dom;
use crate::formats::{gloss, time};
use crate::model::Document;
use crate::state::{Action, Notice};

/// Offers `documents` as one Gloss JSON download; a failure is said, never an empty file.
fn offer(name: &str, documents: &[&Document]) -> Result<(), String> {
    let json = gloss::export(documents, dom::now()).map_err(|e| capitalised(&e.to_string()))?;
    dom::download::offer(name, "application/json", &json)
}

fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>() + "."
    })
}

/// The open article as `<title>.gloss.json`.
#[hook]
pub fn use_export_article(latest: Latest) -> Callback<()> {
    use_callback((), move |(), _| {
        let state = latest.borrow().clone();
        let result = match state.article.as_ref() {
            None => Err("No article is open to export.".to_owned()),
            Some(article) => offer(&gloss::file_name(&article.doc.title), &[&article.doc]),
        };
        if let Err(reason) = result {
            state.dispatch(Action::Notify(Notice::error(reason)));
        }
    })
}

/// Every article in the library as `gloss-library-<date>.gloss.json`.
#[hook]
pub fn use_export_library(latest: Latest) -> Callback<()> {
    use_callback((), move |(), _| {
        let state = latest.borrow().clone();
        let mut docs: Vec<&Document> = state.library.values().map(|d| &**d).collect();
        docs.sort_by(|a, b| a.title.cmp(&b.title));
        let date = time::to_rfc3339(dom::now());
        let name = format!(
            "gloss-library-{}.gloss.json",
            date.get(..10).unwrap_or("export")
        );
        if let Err(reason) = offer(&name, &docs) {
            state.dispatch(Action::Notify(Notice::error(reason)));
        }
    })
}
