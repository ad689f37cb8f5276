//! Files coming in: articles opened (the "Open file" input, or a dropped text) and annotations
//! imported ("Import annotations", or a dropped file in a format Gloss reads, told from its
//! content). Reading and parsing happen here, before anything is dispatched; the reducer only
//! merges what was parsed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use super::store::Dispatcher;
use crate::dom;
use crate::formats::{self, Arrival};
use crate::model::text::{decode_text, prepare_article};
use crate::state::{Action, Notice};

/// The readers under way: a reader dropped before it finishes cancels its read.
type Readers = Rc<RefCell<Vec<FileReader>>>;

/// Opens one file's bytes as an article, or says by name why it is not one; whether it opened.
fn open_article(dispatcher: &Dispatcher, name: String, bytes: Result<Vec<u8>, String>) -> bool {
    let result = bytes
        .and_then(|b| decode_text(&b).map_err(|e| e.to_string()))
        .and_then(|text| prepare_article(&text, "", Some(&name)).map_err(|e| e.to_string()));
    match result {
        Ok(prepared) => {
            dispatcher.dispatch(Action::OpenDocument(prepared.into_document(dom::now())));
            true
        }
        Err(reason) => {
            dispatcher.dispatch(Action::Notify(Notice::error(format!(
                "“{name}” was not opened. {reason}"
            ))));
            false
        }
    }
}

/// After several articles opened at once: where they all are.
fn opened_several(dispatcher: &Dispatcher, opened: usize) {
    if opened > 1 {
        dispatcher.dispatch(Action::Notify(Notice::hint(format!(
            "Opened {opened} articles; all of them are in the Library."
        ))));
    }
}

/// Opens each file as an article; a file that is not one is reported by name.
#[hook]
pub fn use_open_files(dispatcher: Dispatcher) -> Callback<Vec<web_sys::File>> {
    let readers: Readers = use_mut_ref(Vec::new);
    use_callback((), move |files: Vec<web_sys::File>, _| {
        let total = files.len();
        let opened = Rc::new(Cell::new(0));
        let dispatcher = dispatcher.clone();
        dom::files::read_each(files, Rc::clone(&readers), move |name, bytes| {
            if open_article(&dispatcher, name, bytes) {
                opened.set(opened.get() + 1);
                if total > 1 {
                    opened_several(&dispatcher, opened.get());
                }
            }
        });
    })
}

/// Files at least this large (together) take long enough to read that the person is told
/// while they are ("Importing …").
const SAY_IMPORTING_BYTES: usize = 256 * 1024;

/// Hands what several files turned out to be to the reducer: annotations to merge, and
/// (dropped files only) articles to open. The page stays responsive: the files are parsed in a
/// task of their own, after a frame that shows "Importing …" for large ones, and handed to the
/// reducer (which merges and draws them) in a task after the next frame.
fn arrive(files: Vec<(String, Result<Vec<u8>, String>)>, dropped: bool, dispatcher: &Dispatcher) {
    let at = dom::now();
    let mut readable = Vec::new();
    for (name, bytes) in files {
        match bytes {
            Ok(bytes) => readable.push((name, bytes)),
            Err(reason) => {
                dispatcher.dispatch(Action::import_file(name, Err::<Vec<u8>, _>(reason), at))
            }
        }
    }
    if readable.is_empty() {
        return;
    }
    let said = readable.iter().map(|(_, b)| b.len()).sum::<usize>() >= SAY_IMPORTING_BYTES;
    if said {
        let names: Vec<String> = readable.iter().map(|(n, _)| format!("“{n}”")).collect();
        dispatcher.dispatch(Action::Notify(Notice::hint(format!(
            "Importing {}…",
            names.join(", ")
        ))));
    }
    let dispatcher = dispatcher.clone();
    dom::tasks::after_paint(move || {
        let arrivals = formats::import_files(readable, dropped, at);
        // A frame in between: a key pressed while the files were parsed is answered on screen.
        dom::tasks::after_paint(move || {
            let mut opened = 0;
            // An import says what it did, in place of "Importing …"; articles opened say nothing.
            if said && !arrivals.iter().any(|a| matches!(a, Arrival::Import { .. })) {
                dispatcher.dispatch(Action::DismissNotice);
            }
            for arrival in arrivals {
                match arrival {
                    Arrival::Import { name, file } => dispatcher.dispatch(Action::Import {
                        name,
                        file: file.map_err(|e| e.to_string()),
                        at,
                    }),
                    Arrival::Article { name, bytes } => {
                        opened += usize::from(open_article(&dispatcher, name, Ok(bytes)));
                    }
                }
            }
            opened_several(&dispatcher, opened);
        });
    });
}

/// Files over the size limit are refused before a byte of them is read.
fn refuse_large(files: Vec<web_sys::File>, dispatcher: &Dispatcher) -> Vec<web_sys::File> {
    let mut small = Vec::new();
    for file in files {
        if file.size() > formats::MAX_FILE_BYTES as f64 {
            dispatcher.dispatch(Action::Import {
                name: file.name(),
                file: Err(format!(
                    "the file is too large ({} MB; Gloss imports files up to {} MB)",
                    (file.size() / 1_048_576.0).round(),
                    formats::MAX_FILE_BYTES / 1_048_576
                )),
                at: dom::now(),
            });
        } else {
            small.push(file);
        }
    }
    small
}

/// Imports the chosen files ("Import annotations"): every format Gloss reads, told from the
/// content; a brat `.txt` and `.ann` chosen together are one article.
#[hook]
pub fn use_import_files(dispatcher: Dispatcher) -> Callback<Vec<web_sys::File>> {
    let readers: Readers = use_mut_ref(Vec::new);
    use_callback((), move |files: Vec<web_sys::File>, _| {
        let small = refuse_large(files, &dispatcher);
        let dispatcher = dispatcher.clone();
        dom::files::read_all(small, Rc::clone(&readers), move |files| {
            arrive(files, false, &dispatcher)
        });
    })
}

/// Files dropped anywhere on the window: annotation files (told from their content) are
/// imported, a brat `.txt` with its `.ann` too; any other file opens as an article.
#[hook]
pub fn use_file_drop(dispatcher: Dispatcher) {
    let readers: Readers = use_mut_ref(Vec::new);
    use_effect_with((), move |_| {
        let listeners = dom::files::on_drop(move |files| {
            let small = refuse_large(files, &dispatcher);
            let dispatcher = dispatcher.clone();
            dom::files::read_all(small, Rc::clone(&readers), move |files| {
                arrive(files, true, &dispatcher)
            });
        });
        move || drop(listeners)
    });
}
