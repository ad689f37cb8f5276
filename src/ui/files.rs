//! Files coming in: articles opened (the "Open file" input, or a drop) and Gloss JSON imported
//! ("Import annotations", or a drop of a `.json`). Reading and parsing happen here, before
//! anything is dispatched; the reducer only merges what was parsed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use super::store::Dispatcher;
use crate::dom;
use crate::formats::gloss;
use crate::model::text::{decode_text, prepare_article};
use crate::state::{Action, Notice};

/// The readers under way: a reader dropped before it finishes cancels its read.
type Readers = Rc<RefCell<Vec<FileReader>>>;

/// Opens each file as an article; a file that is not one is reported by name.
#[hook]
pub fn use_open_files(dispatcher: Dispatcher) -> Callback<Vec<web_sys::File>> {
    let readers: Readers = use_mut_ref(Vec::new);
    use_callback((), move |files: Vec<web_sys::File>, _| {
        let total = files.len();
        let opened = Rc::new(Cell::new(0));
        let dispatcher = dispatcher.clone();
        dom::files::read_each(files, Rc::clone(&readers), move |name, bytes| {
            let result = bytes
                .and_then(|b| decode_text(&b).map_err(|e| e.to_string()))
                .and_then(|text| {
                    prepare_article(&text, "", Some(&name)).map_err(|e| e.to_string())
                });
            match result {
                Ok(prepared) => {
                    opened.set(opened.get() + 1);
                    dispatcher.dispatch(Action::OpenDocument(prepared.into_document(dom::now())));
                    if total > 1 && opened.get() > 1 {
                        dispatcher.dispatch(Action::Notify(Notice::hint(format!(
                            "Opened {} articles; all of them are in the Library.",
                            opened.get()
                        ))));
                    }
                }
                Err(reason) => dispatcher.dispatch(Action::Notify(Notice::error(format!(
                    "“{name}” was not opened. {reason}"
                )))),
            }
        });
    })
}

/// Imports each Gloss JSON file: read, checked and parsed here, then dispatched.
#[hook]
pub fn use_import_files(dispatcher: Dispatcher) -> Callback<Vec<web_sys::File>> {
    let readers: Readers = use_mut_ref(Vec::new);
    use_callback((), move |files: Vec<web_sys::File>, _| {
        // Refuse an oversized file before reading a byte of it.
        let mut small = Vec::new();
        for file in files {
            if file.size() > gloss::MAX_FILE_BYTES as f64 {
                dispatcher.dispatch(Action::Import {
                    name: file.name(),
                    file: Err(format!(
                        "the file is too large ({} MB; Gloss imports files up to {} MB)",
                        (file.size() / 1_048_576.0).round(),
                        gloss::MAX_FILE_BYTES / 1_048_576
                    )),
                    at: dom::now(),
                });
            } else {
                small.push(file);
            }
        }
        let dispatcher = dispatcher.clone();
        dom::files::read_each(small, Rc::clone(&readers), move |name, bytes| {
            let contents = bytes.and_then(|b| {
                String::from_utf8(b).map_err(|_| "the file is not UTF-8 text".to_owned())
            });
            dispatcher.dispatch(Action::import_file(name, contents, dom::now()));
        });
    })
}

/// Files dropped anywhere on the window: `.json` files are imported, the others opened.
#[hook]
pub fn use_file_drop(open: Callback<Vec<web_sys::File>>, import: Callback<Vec<web_sys::File>>) {
    use_effect_with((), move |_| {
        let listeners = dom::files::on_drop(move |files| {
            let (json, text): (Vec<web_sys::File>, Vec<web_sys::File>) = files
                .into_iter()
                .partition(|f| f.name().to_lowercase().ends_with(".json"));
            if !json.is_empty() {
                import.emit(json);
            }
            if !text.is_empty() {
                open.emit(text);
            }
        });
        move || drop(listeners)
    });
}
