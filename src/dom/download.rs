//! Files out: handing the person a file to save.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `contents` as a download named `name`. `Err` carries a sentence for the person.
pub fn offer(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&contents.into());
    offer_parts(name, mime, &parts)
}

/// Offers `bytes` (a zip, a file with a byte-order mark) as a download named `name`.
pub fn offer_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    offer_parts(name, mime, &parts)
}

fn fail(what: &str) -> String {
    format!("The file could not be offered for download ({what}).")
}

/// A blob of `parts` (byte arrays or blobs), typed `mime`.
fn blob_of(parts: &js_sys::Array, mime: &str) -> Result<Blob, String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(parts, &options).map_err(|_| fail("no blob"))
}

fn offer_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    offer_blob(name, &blob_of(parts, mime)?)
}

/// Bytes of [`Parts`] gathered before they are joined into a blob of their own.
const BATCH_BYTES: usize = 4 * 1024 * 1024;

/// A file handed to the browser a piece at a time (the library's Gloss JSON): each piece is
/// copied out of the wasm memory as it comes (the caller drops its bytes at once), and every
/// few MiB the pieces gathered become a blob of their own, so the browser holds the file about
/// once, as blobs, and never as one string or one array.
pub struct Parts {
    mime: &'static str,
    /// The blobs made so far, in order.
    blobs: js_sys::Array,
    /// Pieces not yet in a blob.
    pending: js_sys::Array,
    pending_bytes: usize,
}

impl Parts {
    pub fn new(mime: &'static str) -> Parts {
        Parts {
            mime,
            blobs: js_sys::Array::new(),
            pending: js_sys::Array::new(),
            pending_bytes: 0,
        }
    }

    /// The next piece of the file. `Err` carries a sentence for the person.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.pending.push(&js_sys::Uint8Array::from(bytes).into());
        self.pending_bytes += bytes.len();
        if self.pending_bytes >= BATCH_BYTES {
            self.seal()?;
        }
        Ok(())
    }

    /// Joins the pieces gathered into one blob.
    fn seal(&mut self) -> Result<(), String> {
        if self.pending.length() > 0 {
            self.blobs.push(&blob_of(&self.pending, self.mime)?.into());
            self.pending = js_sys::Array::new();
            self.pending_bytes = 0;
        }
        Ok(())
    }

    /// Offers the whole file as a download named `name`.
    pub fn offer(mut self, name: &str) -> Result<(), String> {
        self.seal()?;
        offer_blob(name, &blob_of(&self.blobs, self.mime)?)
    }
}

fn offer_blob(name: &str, blob: &Blob) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob).map_err(|_| fail("no object URL"))?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("no link"))?
        .dyn_into()
        .map_err(|_| fail("no link"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Give the browser a moment to start the download before the URL is released.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
