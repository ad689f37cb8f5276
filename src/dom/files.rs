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
