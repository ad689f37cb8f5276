//! Files in: reading what the person opened or dropped.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use gloo::file::File;
use wasm_bindgen::JsCast;
use web_sys::DragEvent;

/// The files of a file input or a drop, as a list.
pub fn list(files: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// Reads every file's bytes; `done` gets `(file name, bytes or a reason)` per file, in order
/// of completion. The readers are kept in `keep` until they finish: a dropped reader cancels.
pub fn read_each(
    files: Vec<web_sys::File>,
    keep: Rc<RefCell<Vec<FileReader>>>,
    done: impl Fn(String, Result<Vec<u8>, String>) + 'static,
) {
    let done = Rc::new(done);
    for file in files {
        let file = File::from(file);
        let name = file.name();
        let done = Rc::clone(&done);
        let reader = gloo::file::callbacks::read_as_bytes(&file, move |result| {
            done(
                name,
                result.map_err(|e| format!("The file could not be read ({e}).")),
            );
        });
        keep.borrow_mut().push(reader);
    }
}

/// A file's bytes, or why they could not be read.
pub type Read = Result<Vec<u8>, String>;

/// Reads every file's bytes and gives them to `done` all at once, in the order given, when the
/// last read ends (files chosen or dropped together belong together: a brat `.txt` and `.ann`).
pub fn read_all(
    files: Vec<web_sys::File>,
    keep: Rc<RefCell<Vec<FileReader>>>,
    done: impl FnOnce(Vec<(String, Read)>) + 'static,
) {
    let total = files.len();
    let names: Vec<String> = files.iter().map(web_sys::File::name).collect();
    let results: Rc<RefCell<Vec<Option<Read>>>> = Rc::new(RefCell::new(vec![None; total]));
    let done = Rc::new(RefCell::new(Some(done)));
    for (i, file) in files.into_iter().enumerate() {
        let results = Rc::clone(&results);
        let done = Rc::clone(&done);
        let names = names.clone();
        let reader = gloo::file::callbacks::read_as_bytes(&File::from(file), move |result| {
            let complete = {
                let mut slots = results.borrow_mut();
                if let Some(slot) = slots.get_mut(i) {
                    *slot = Some(result.map_err(|e| format!("The file could not be read ({e}).")));
                }
                slots.iter().all(Option::is_some)
            };
            if !complete {
                return;
            }
            let Some(done) = done.borrow_mut().take() else {
                return;
            };
            let gathered = results
                .borrow_mut()
                .drain(..)
                .zip(names)
                .map(|(bytes, name)| {
                    (
                        name,
                        bytes.unwrap_or_else(|| Err("The file could not be read.".to_owned())),
                    )
                })
                .collect();
            done(gathered);
        });
        keep.borrow_mut().push(reader);
    }
}

/// Listens for files dropped anywhere on the window (and lets them be dropped): `on_files`
/// gets the dropped files, never an empty list. Dropping the returned listeners stops it.
pub fn on_drop(
    on_files: impl Fn(Vec<web_sys::File>) + 'static,
) -> Option<(EventListener, EventListener)> {
    let window = web_sys::window()?;
    let over = EventListener::new_with_options(
        &window,
        "dragover",
        EventListenerOptions::enable_prevent_default(),
        |event| event.prevent_default(),
    );
    let drop = EventListener::new_with_options(
        &window,
        "drop",
        EventListenerOptions::enable_prevent_default(),
        move |event| {
            event.prevent_default();
            let files = event
                .dyn_ref::<DragEvent>()
                .and_then(DragEvent::data_transfer)
                .and_then(|t| t.files())
                .map(|f| list(&f))
                .unwrap_or_default();
            if !files.is_empty() {
                on_files(files);
            }
        },
    );
    Some((over, drop))
}
