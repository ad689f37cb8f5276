//! Files in: reading what the person opened or dropped.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::file::File;

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
