//! The labelled set on disk: `tests/fixtures/suggest/{dev,heldout}/NAME.{src,txt,gloss.json}`,
//! read back through gloss-core's own import (what a person importing the file would get).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use gloss_core::formats;
use gloss_core::formats::parsed::ParsedDocument;
use gloss_core::model::{Entity, EntityId, Label};

use crate::build::{AT, INDIRECT};
use crate::score::{GoldActor, GoldQuote, Truth};

/// Which part of the set an article is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Split {
    /// Tuned on: the rules' author reads these.
    Dev,
    /// Never read by the rules' author: the figures that count.
    Heldout,
}

impl Split {
    pub const ALL: [Split; 2] = [Split::Dev, Split::Heldout];

    pub fn dir(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Heldout => "heldout",
        }
    }
}

/// The set's folder in this repository.
pub fn set_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/suggest")
}

/// Why the set did not read.
#[derive(Debug)]
pub enum GoldError {
    Io(PathBuf, std::io::Error),
    Import(PathBuf, String),
    /// The file imported with problems (each in words), or not as one article.
    Problems(PathBuf, Vec<String>),
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GoldError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            GoldError::Import(p, e) => write!(f, "{}: {e}", p.display()),
            GoldError::Problems(p, list) => write!(f, "{}: {}", p.display(), list.join("; ")),
        }
    }
}

impl std::error::Error for GoldError {}

/// One article's name (its file stem) in a split.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub split: Split,
    pub name: String,
}

impl Entry {
    pub fn path(&self, ext: &str) -> PathBuf {
        set_dir()
            .join(self.split.dir())
            .join(format!("{}.{ext}", self.name))
    }
}

/// Every article of the set (each has a `.src`), by split then name.
pub fn entries() -> Result<Vec<Entry>, GoldError> {
    let mut out = Vec::new();
    for split in Split::ALL {
        let dir = set_dir().join(split.dir());
        let read = std::fs::read_dir(&dir).map_err(|e| GoldError::Io(dir.clone(), e))?;
        for item in read {
            let path = item.map_err(|e| GoldError::Io(dir.clone(), e))?.path();
            if let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".src"))
            {
                out.push(Entry {
                    split,
                    name: name.to_owned(),
                });
            }
        }
    }
    out.sort();
    Ok(out)
}

/// An article of the set with its gold.
#[derive(Clone, Debug)]
pub struct Article {
    pub entry: Entry,
    pub document: ParsedDocument,
    /// The people and organisations the file lists (its actors' entities).
    pub entities: Vec<Entity>,
    pub truth: Truth,
}

/// Reads an article's `.gloss.json` through `formats::import`; any problem is an error.
pub fn load(entry: &Entry) -> Result<Article, GoldError> {
    let path = entry.path("gloss.json");
    let bytes = std::fs::read(&path).map_err(|e| GoldError::Io(path.clone(), e))?;
    let parsed =
        formats::import(&bytes, AT).map_err(|e| GoldError::Import(path.clone(), e.to_string()))?;
    let mut problems: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    if parsed.documents.len() != 1 || !parsed.loose.is_empty() {
        problems.push(format!("{} articles, expected one", parsed.documents.len()));
    }
    let entities = parsed.entities;
    let document = match (problems.is_empty(), parsed.documents.into_iter().next()) {
        (true, Some(d)) => d,
        _ => return Err(GoldError::Problems(path, problems)),
    };
    let truth = truth(&document);
    Ok(Article {
        entry: entry.clone(),
        document,
        entities,
        truth,
    })
}

/// The gold of a document: quotes (indirect by their note) with their speaker's entity, and
/// actor mentions with theirs (entities numbered in order of first use).
pub fn truth(doc: &ParsedDocument) -> Truth {
    let mut number: BTreeMap<EntityId, usize> = BTreeMap::new();
    let mut entity_no = |id: Option<EntityId>| -> usize {
        // An actor without an entity stands for itself: a number no other mention has.
        let key = id.unwrap_or(EntityId(uuid::Uuid::from_u128(
            number.len() as u128 + (1 << 100),
        )));
        let next = number.len();
        *number.entry(key).or_insert(next)
    };
    let annotations: Vec<_> = doc.incoming.iter().map(|i| &i.annotation).collect();
    let mut actor_entity = BTreeMap::new();
    let mut actors = Vec::new();
    for a in annotations.iter().filter(|a| a.label == Label::Actor) {
        let e = entity_no(a.entity);
        actor_entity.insert(a.id, e);
        actors.push(GoldActor {
            span: a.span,
            entity: e,
        });
    }
    let quotes = annotations
        .iter()
        .filter(|a| a.label == Label::Quote)
        .map(|a| GoldQuote {
            span: a.span,
            indirect: a.note == INDIRECT,
            speaker: a.source.and_then(|s| actor_entity.get(&s).copied()),
        })
        .collect();
    Truth { quotes, actors }
}

/// Every article of the set.
pub fn load_all() -> Result<Vec<Article>, GoldError> {
    entries()?.iter().map(load).collect()
}
