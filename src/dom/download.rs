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

fn offer_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let fail = |what: &str| format!("The file could not be offered for download ({what}).");
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(parts, &options)
        .map_err(|_| fail("no blob"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| fail("no object URL"))?;
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
