//! Telling other tabs what this tab wrote (BroadcastChannel), so an article open in two tabs
//! shows the same annotations, and hearing what they wrote.

use gloo::events::EventListener;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::model::DocumentId;

const CHANNEL: &str = "gloss";

/// What one tab tells the others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    Saved { id: DocumentId, revision: u64 },
    Deleted { id: DocumentId },
}

/// A channel to the other tabs; `None` where the browser has none.
pub struct Channel {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl Channel {
    pub fn open(on_message: impl Fn(Message) + 'static) -> Option<Channel> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let message = event
                .dyn_ref::<MessageEvent>()
                .and_then(|e| e.data().as_string())
                .and_then(|s| serde_json::from_str::<Message>(&s).ok());
            if let Some(message) = message {
                on_message(message);
            }
        });
        Some(Channel {
            channel,
            _listener: listener,
        })
    }

    pub fn send(&self, message: &Message) {
        if let Ok(text) = serde_json::to_string(message) {
            let _ = self.channel.post_message(&text.into());
        }
    }
}
