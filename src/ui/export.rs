//! Work going out: "Export" → a format for the open article, "Export library" → a format for
//! every article, and the Label Studio labelling config. The file is written by the core
//! (`formats::export`); a failure is said, never an empty file offered.
//!
//! "Export library" → Gloss JSON (the library's backup, the largest file Gloss writes) is
//! written a piece at a time (`formats::gloss::Writer`): a few articles per task, each piece
//! handed to the browser at once and dropped from the wasm memory, so no task runs long, the
//! memory stays near the file's size, and the person can go on working meanwhile.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::store::Latest;
use crate::dom;
use crate::dom::download::Parts;
use crate::formats::gloss::Writer;
use crate::formats::{self, ExportFile, Format, Scope};
use crate::model::layers::signed;
use crate::model::{Document, Timestamp};
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

/// A library's texts at least this large (together) take long enough to export that the person
/// is told while they are ("Exporting …").
const SAY_EXPORTING_BYTES: usize = 256 * 1024;

/// How long one task of a library export writes articles before it lets the browser paint
/// and answer input (a task over 50 ms is one a person notices).
const TASK_BUDGET_MS: f64 = 8.0;

/// What "Export" and "Export library" do: the chosen format, for the open article or for
/// every article (by title). Every annotation leaves signed: one made here before a name was
/// given carries "Your name" (when there is one), so a colleague importing it sees whose it is.
#[hook]
pub fn use_export(latest: Latest) -> Callback<(Format, Scope)> {
    // Whether a library export is under way (a second one waits for it to finish).
    let busy = use_mut_ref(|| false);
    use_callback((), move |(format, scope): (Format, Scope), _| {
        let state = latest.borrow().clone();
        if (format, scope) == (Format::Gloss, Scope::Library) && !state.library.is_empty() {
            if *busy.borrow() {
                state.dispatch(Action::Notify(Notice::hint(
                    "The library is being exported already; its download comes when it is done.",
                )));
            } else {
                export_library(latest.clone(), Rc::clone(&busy));
            }
            return;
        }
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

/// A library export to Gloss JSON under way: the library as it was when the person asked
/// (later edits are in the next export, never half in this one), the next article to write,
/// and the pieces handed to the browser so far.
struct LibraryExport {
    /// Every article, by title.
    docs: Vec<Rc<Document>>,
    next: usize,
    /// `None` until the file's envelope is written (in the first task).
    writer: Option<Writer>,
    parts: Parts,
    me: Option<Rc<str>>,
    at: Timestamp,
    latest: Latest,
    busy: Rc<RefCell<bool>>,
    /// The "Exporting …" notice, when one was shown.
    said: Option<Notice>,
}

/// Starts "Export library" → Gloss JSON: "Exporting …" (for a large library) now; the file's
/// envelope, each few articles, the download and the end each in a task of its own after the
/// next frame, so that no task runs long.
fn export_library(latest: Latest, busy: Rc<RefCell<bool>>) {
    let state = latest.borrow().clone();
    let at = dom::now();
    let mut docs: Vec<Rc<Document>> = state.library.values().cloned().collect();
    docs.sort_by(|a, b| a.title.cmp(&b.title));
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let said = (bytes >= SAY_EXPORTING_BYTES)
        .then(|| Notice::hint(format!("Exporting the library ({} articles)…", docs.len())));
    if let Some(notice) = &said {
        state.dispatch(Action::Notify(notice.clone()));
    }
    *busy.borrow_mut() = true;
    let job = LibraryExport {
        docs,
        next: 0,
        writer: None,
        parts: Parts::new(Format::Gloss.mime()),
        me: state.me.clone(),
        at,
        latest,
        busy,
        said,
    };
    dom::tasks::after_paint(move || job.step());
}

impl LibraryExport {
    /// One task's work: the envelope (the first time), else articles for about
    /// [`TASK_BUDGET_MS`] (at least one); then the rest is queued in a task of its own. After
    /// the last article, the file is offered, and the export ends in the task after.
    fn step(mut self) {
        let Some(writer) = self.writer.as_mut() else {
            let refs: Vec<&Document> = self.docs.iter().map(|d| &**d).collect();
            // Signing at export changes no entity, so the unsigned articles give the same list.
            let started = Writer::start(&refs, self.at)
                .map_err(|e| capitalised(&e.to_string()))
                .and_then(|(writer, first)| self.parts.push(&first).map(|()| writer));
            drop(refs);
            match started {
                Ok(writer) => self.writer = Some(writer),
                Err(reason) => return self.finish(Err(reason)),
            }
            return dom::tasks::next_task(move || self.step());
        };
        let began = js_sys::Date::now();
        while let Some(doc) = self.docs.get(self.next) {
            let signed = signed(doc, self.me.as_deref());
            let piece = writer
                .document(signed.as_ref().unwrap_or(doc))
                .map_err(|e| capitalised(&e.to_string()))
                .and_then(|bytes| self.parts.push(&bytes));
            if let Err(reason) = piece {
                return self.finish(Err(reason));
            }
            self.next += 1;
            if js_sys::Date::now() - began >= TASK_BUDGET_MS {
                break;
            }
        }
        if self.next < self.docs.len() {
            return dom::tasks::next_task(move || self.step());
        }
        let LibraryExport {
            writer,
            mut parts,
            at,
            latest,
            busy,
            said,
            ..
        } = self;
        let end = writer.map(Writer::end).unwrap_or_default();
        let name = Format::Gloss.file_name(Scope::Library, "", at);
        let offered = parts.push(&end).and_then(|()| parts.offer(&name));
        dom::tasks::next_task(move || finish(&latest, &busy, said.as_ref(), offered));
    }

    fn finish(self, result: Result<(), String>) {
        finish(&self.latest, &self.busy, self.said.as_ref(), result);
    }
}

/// Ends a library export: "Exporting …" goes (if it is still what the page says), or the
/// reason the file could not be written is said in its place.
fn finish(
    latest: &Latest,
    busy: &RefCell<bool>,
    said: Option<&Notice>,
    result: Result<(), String>,
) {
    *busy.borrow_mut() = false;
    let state = latest.borrow().clone();
    match result {
        Ok(()) => {
            if said.is_some() && state.notice.as_ref() == said {
                state.dispatch(Action::DismissNotice);
            }
        }
        Err(reason) => state.dispatch(Action::Notify(Notice::error(reason))),
    }
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
