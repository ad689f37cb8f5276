//! What this browser knows of the database: for every database document it exchanged, the
//! revision and the hash of the content at that moment; the checkpoint in the changes feed;
//! annotations that arrived before their article; conflicts waiting for the person. Kept in
//! browser storage beside the library (the head under one key, each article's part under its
//! own, so a change to one article writes one small record), and written only when every
//! document it describes is stored: it never claims more than the library holds.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::rev::Rev;
use crate::model::{Annotation, AnnotationId, DocumentId};

/// A database document as last exchanged: its revision, and the hash of its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    pub rev: Rev,
    pub hash: String,
}

/// The hash [`Known`] holds for a deleted document.
pub const DELETED: &str = "deleted";

/// What was last exchanged for one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownArticle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Known>,
    /// Every annotation exchanged, with who made it (only one's own are ever sent).
    #[serde(default)]
    pub annotations: BTreeMap<AnnotationId, KnownAnnotation>,
    /// Each person's turned-down suggestions and curation places, by name.
    #[serde(default)]
    pub extras: BTreeMap<String, Known>,
    /// The library document's revision when nothing was left to send for it: while the
    /// document stays at that revision, it is not compared again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_at: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownAnnotation {
    #[serde(flatten)]
    pub known: Known,
    pub by: String,
}

/// An annotation written on two devices from the same revision: the newer version is shown,
/// `other` is kept here until the person chooses ("keep this one / the other").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub article: DocumentId,
    pub other: Annotation,
    /// The revision the database chose as the winner: the kept version is written over it.
    pub winner: Rev,
    /// The database's other leaf revisions: each gets a deletion once the person chose.
    pub losers: Vec<Rev>,
    /// Chosen, and waiting to be sent.
    #[serde(default)]
    pub chosen: bool,
}

/// A database document that arrived before the article it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    pub article: DocumentId,
    pub change: super::Change,
}

/// Everything this browser knows of one database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    /// The database's URL: another database starts afresh.
    pub database: String,
    /// The changes feed's checkpoint: everything before it is in the library.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<serde_json::Value>,
    #[serde(skip)]
    pub articles: BTreeMap<DocumentId, Rc<KnownArticle>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiting: Vec<Waiting>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conflicts: BTreeMap<AnnotationId, Conflict>,
    /// Articles deleted from this library: the team's copy stays in the database, and changes
    /// to them are not taken again.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub dropped: BTreeSet<DocumentId>,
    /// Leaf revisions of articles to delete (two titles written at once: the database's
    /// winner is kept), by database id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prune: Vec<(String, Rev)>,
}

impl Replica {
    /// A replica of a database nothing was exchanged with yet.
    pub fn new(database: &str) -> Replica {
        Replica {
            database: database.to_owned(),
            ..Replica::default()
        }
    }

    /// The head record (everything but the articles' parts).
    pub fn encode_head(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// One article's part.
    pub fn encode_article(known: &KnownArticle) -> String {
        serde_json::to_string(known).unwrap_or_default()
    }

    /// Reads the stored head and parts; a part that cannot be read is left out (its article is
    /// compared afresh: content already equal is recognised by its hash and not sent again).
    pub fn decode(
        head: &str,
        parts: impl IntoIterator<Item = (DocumentId, String)>,
    ) -> Result<Replica, String> {
        let mut replica: Replica = serde_json::from_str(head).map_err(|e| e.to_string())?;
        for (id, text) in parts {
            if let Ok(part) = serde_json::from_str::<KnownArticle>(&text) {
                replica.articles.insert(id, Rc::new(part));
            }
        }
        Ok(replica)
    }

    /// The part of one article (empty when nothing was exchanged for it).
    pub fn article(&self, id: DocumentId) -> Rc<KnownArticle> {
        self.articles.get(&id).cloned().unwrap_or_default()
    }

    /// The article an exchanged annotation belongs to.
    pub fn article_of(&self, id: AnnotationId) -> Option<DocumentId> {
        self.articles
            .iter()
            .find(|(_, part)| part.annotations.contains_key(&id))
            .map(|(doc, _)| *doc)
    }
}

/// The key the app stores an article's part under.
pub fn part_key(id: DocumentId) -> String {
    format!("sync:{id}")
}

/// The key the app stores the head under.
pub const HEAD_KEY: &str = "sync";
