//! The HTTP calls sync makes, through `fetch`: each returns the answer's text, or why there is
//! none. What the text means is the core's (`gloss_core::sync::wire`). Cookies go with every
//! request (CouchDB's session cookie); no password is kept anywhere.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCredentials, RequestInit, Response};

/// Why a request brought no answer to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The server could not be reached (offline, refused, the connection dropped).
    Network,
    /// Cancelled here (disconnecting).
    Aborted,
    /// The server answered with this status and body.
    Status(u16, String),
    /// A 2xx answer that is not what CouchDB writes (a captive portal's page, a proxy's):
    /// why, as the core read it.
    Unreadable(gloss_core::sync::SyncError),
}

/// A request that can be cancelled (the changes feed's long wait).
pub struct Call {
    controller: Option<AbortController>,
}

impl Call {
    pub fn new() -> Call {
        Call {
            controller: AbortController::new().ok(),
        }
    }

    pub fn abort(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }

    fn aborted(&self) -> bool {
        self.controller
            .as_ref()
            .is_some_and(|c| c.signal().aborted())
    }

    /// `method url` with an optional body and content type; the answer's text when the status
    /// is 2xx.
    pub async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<(&str, &str)>,
    ) -> Result<String, Failure> {
        let init = RequestInit::new();
        init.set_method(method);
        init.set_credentials(RequestCredentials::Include);
        let headers = Headers::new().map_err(|_| Failure::Network)?;
        let _ = headers.set("Accept", "application/json");
        if let Some((content_type, text)) = body {
            let _ = headers.set("Content-Type", content_type);
            init.set_body(&JsValue::from_str(text));
        }
        init.set_headers(&headers);
        if let Some(c) = &self.controller {
            init.set_signal(Some(&c.signal()));
        }
        let request = Request::new_with_str_and_init(url, &init).map_err(|_| Failure::Network)?;
        let window = web_sys::window().ok_or(Failure::Network)?;
        let answer = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(|e| {
                let aborted = e
                    .dyn_ref::<web_sys::DomException>()
                    .is_some_and(|d| d.name() == "AbortError");
                if aborted {
                    Failure::Aborted
                } else {
                    Failure::Network
                }
            })?;
        let response: Response = answer.dyn_into().map_err(|_| Failure::Network)?;
        let text = match response.text() {
            Ok(promise) => read_text(promise).await,
            Err(_) => None,
        };
        let Some(text) = text else {
            // Cancelled here while the body was read, or the body broke off (the server went
            // away mid-answer).
            return Err(if self.aborted() {
                Failure::Aborted
            } else {
                Failure::Network
            });
        };
        if response.ok() {
            Ok(text)
        } else {
            Err(Failure::Status(response.status(), text))
        }
    }
}

impl Default for Call {
    fn default() -> Self {
        Call::new()
    }
}

async fn read_text(promise: Promise) -> Option<String> {
    JsFuture::from(promise).await.ok()?.as_string()
}

/// One request that nothing cancels.
pub async fn send(method: &str, url: &str, body: Option<(&str, &str)>) -> Result<String, Failure> {
    Call::new().send(method, url, body).await
}
