//! Sync through CouchDB's replication model, without the browser: the database layout
//! ([`layout`]), revisions ([`rev`]), what this browser knows of the database ([`replica`]),
//! what to send ([`outgoing`]), how what arrives joins the library ([`incoming`]), and the
//! server's answers read into types ([`wire`]). The app's `sync` module only makes the HTTP
//! calls these describe and hands their answers to the reducer.
//!
//! The rules, in short:
//! - each annotation is its own database document, written only by the person who made it; an
//!   article's text is another; so two people never write the same document;
//! - Gloss writes the way a replicator does (`_bulk_docs` with `new_edits: false`), making each
//!   revision from its parent and content: a batch sent twice is stored once, and the same
//!   person's two devices changing one annotation from one revision make a CouchDB conflict;
//! - a conflict shows the newer version (by `updated_at`; CouchDB's own winner when equal) and
//!   keeps the other until the person chooses; the choice is written over the database's
//!   winner and the other leaves are deleted;
//! - the checkpoint (`since`) and the known revisions are stored only once the library they
//!   describe is stored, so nothing is ever taken as received before it is kept.

pub mod incoming;
pub mod layout;
pub mod outgoing;
pub mod replica;
pub mod rev;
pub mod wire;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use incoming::Applied;
pub use outgoing::{Batch, Sending, Sent};
pub use replica::{Conflict, Known, KnownArticle, Replica};
pub use rev::Rev;

/// One document from the changes feed: its winning revision and body, and, when the database
/// holds a conflict, the other leaf revisions' bodies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: String,
    pub rev: Rev,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<(Rev, serde_json::Value)>,
}

/// Why sync stopped, in words for the person. Local work is never touched by any of these.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SyncError {
    #[error("the database did not accept this user name and password")]
    WrongPassword,
    #[error("signed out: sign in again in Sync")]
    SignedOut,
    #[error("you may not write to this database ({0}). Ask its administrator to make you a member; your work stays in this browser")]
    Forbidden(String),
    #[error("you are signed in as {0}, who is not a member of this database. Ask its administrator to add you; your work stays in this browser")]
    NotMember(String),
    #[error("there is no database at this address: check the Database URL")]
    NoDatabase,
    #[error("the Database URL must be a path on this site (such as /db/team) or an address on the origin this build allows")]
    BadUrl,
    #[error("give Your name first: it tells your work from your colleagues'")]
    NoName,
    #[error("the server answered {status}: {reason}")]
    Server { status: u16, reason: String },
    #[error("the server's answer could not be read ({0})")]
    Unreadable(String),
}

impl SyncError {
    /// Whether trying again later may help (a server error may pass; a refusal will not).
    pub fn retry_helps(&self) -> bool {
        matches!(self, SyncError::Server { .. } | SyncError::Unreadable(_))
    }
}

/// How the connection to the database is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Link {
    /// No database configured: Gloss works in this browser only.
    #[default]
    Off,
    /// Signing in, or reading the database for the first time.
    Connecting,
    /// Exchanging changes; `pending` is how many changes the server still has for us.
    Online { pending: u64 },
    /// The server cannot be reached; changes wait in the browser.
    Offline,
    /// Stopped for a reason the person must see; tried again later when it may help.
    Failed(SyncError),
}
