//! "Who said what": one row per person or organisation, with the quotes and claims attributed
//! to them, for the open article or the whole library; the bar chart's layout ([`chart`]) and
//! the CSV download ([`csv`]).
//!
//! A quote or claim counts for the entity of its source: `Annotation.source` names an actor
//! mention in the same document, and that mention's `entity` is the person. Identity is the
//! [`EntityId`], across the library: the same id in two documents is one row, named as the
//! most recently updated document carrying it names it.
//!
//! Actors marked before entities existed have none. Their mentions group by
//! [`name_key`] of their text; such a group joins the entity row with the same name key when
//! exactly one entity in scope has it (old and new articles about the same person make one
//! row), and stays a row of its own otherwise (two different entities with one name are never
//! guessed between).
//!
//! Quotes and claims without a source, or whose source is not an actor of their document,
//! are in no row. Entities that are mentioned but have no quote or claim attributed have a
//! row with zero counts: they sort after every row with some (the view shows who was
//! mentioned but not quoted, and the chart leaves them out).

pub mod chart;
pub mod csv;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::model::entity::{display_name, name_key};
use crate::model::offsets::TextIndex;
use crate::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, EntityId, Label, Timestamp,
};

/// What the table covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One article (the open one).
    Article(DocumentId),
    /// Every article in the library.
    Library,
}

/// What a row stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKey {
    /// An entity, the same across the library.
    Entity(EntityId),
    /// Actor mentions without an entity, grouped by [`name_key`] of their text.
    Name(String),
}

impl RowKey {
    /// A stable string for the row (keys in the view, ids in the page).
    pub fn slug(&self) -> String {
        match self {
            RowKey::Entity(id) => format!("entity-{id}"),
            RowKey::Name(key) => format!("name-{key}"),
        }
    }
}

/// One quote or claim, with where it is and who said it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub document: DocumentId,
    pub title: String,
    pub date: Option<ArticleDate>,
    pub annotation: AnnotationId,
    pub label: Label,
    /// The quote or claim's text.
    pub text: String,
    /// The text of the actor mention it is attributed to ("Mr Peskov").
    pub mention: String,
}

/// One person or organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub key: RowKey,
    pub name: String,
    /// Claims attributed.
    pub claims: usize,
    /// Quotes attributed.
    pub quotes: usize,
    /// Actor mentions in scope.
    pub mentions: usize,
    /// The quotes and claims: articles by date (undated last), then title; text order within.
    pub items: Vec<Item>,
}

impl Row {
    /// Quotes and claims together.
    pub fn total(&self) -> usize {
        self.claims + self.quotes
    }

    /// How many are attributed with `label` (an actor label counts none).
    pub fn count(&self, label: Label) -> usize {
        match label {
            Label::Claim => self.claims,
            Label::Quote => self.quotes,
            Label::Actor => 0,
        }
    }
}

/// The labels a row counts, in the order the view, the chart and the CSV show them.
pub const COUNTED: [Label; 2] = [Label::Quote, Label::Claim];

/// The documents `scope` covers, most recently updated last (later names win).
fn in_scope(library: &BTreeMap<DocumentId, Rc<Document>>, scope: Scope) -> Vec<&Document> {
    let mut docs: Vec<&Document> = match scope {
        Scope::Article(id) => library.get(&id).map(|d| &**d).into_iter().collect(),
        Scope::Library => library.values().map(|d| &**d).collect(),
    };
    docs.sort_by_key(|d| (d.updated_at, d.id));
    docs
}

/// A row being built, with the time its name was taken from.
struct Building {
    row: Row,
    named_at: Option<(Timestamp, DocumentId)>,
}

impl Building {
    fn new(key: RowKey) -> Building {
        Building {
            row: Row {
                key,
                name: String::new(),
                claims: 0,
                quotes: 0,
                mentions: 0,
                items: Vec::new(),
            },
            named_at: None,
        }
    }

    /// Takes `name` when it comes from a more recently updated document than the current one.
    fn name(&mut self, name: &str, doc: &Document) {
        let at = (doc.updated_at, doc.id);
        if self.named_at.is_none_or(|named| at >= named) && !name.trim().is_empty() {
            self.row.name = name.trim().to_owned();
            self.named_at = Some(at);
        }
    }

    fn add(&mut self, item: Item) {
        match item.label {
            Label::Claim => self.row.claims += 1,
            Label::Quote => self.row.quotes += 1,
            Label::Actor => return,
        }
        self.row.items.push(item);
    }

    fn absorb(&mut self, other: Building) {
        self.row.claims += other.row.claims;
        self.row.quotes += other.row.quotes;
        self.row.mentions += other.row.mentions;
        self.row.items.extend(other.row.items);
    }
}

/// The key of an actor mention's row (`mention`: its text), before no-entity groups join
/// entities.
fn key_of(actor: &crate::model::Annotation, mention: &str) -> RowKey {
    match actor.entity {
        Some(id) => RowKey::Entity(id),
        None => RowKey::Name(name_key(mention)),
    }
}

/// One row per entity in `scope`, sorted by total (most first), then name (case ignored).
pub fn table(library: &BTreeMap<DocumentId, Rc<Document>>, scope: Scope) -> Vec<Row> {
    let mut rows: BTreeMap<RowKey, Building> = BTreeMap::new();
    for doc in in_scope(library, scope) {
        // Texts by code point through an index of the article (from the start of the text for
        // each one, a library's table took seconds), and its actors by id.
        let actors: BTreeMap<AnnotationId, &Annotation> = doc
            .annotations
            .iter()
            .filter(|a| a.label == Label::Actor)
            .map(|a| (a.id, a))
            .collect();
        if actors.is_empty() {
            continue;
        }
        let index = TextIndex::new(Rc::clone(&doc.text));
        for actor in doc.annotations.iter().filter(|a| a.label == Label::Actor) {
            let key = key_of(actor, index.slice(actor.span));
            let row = rows
                .entry(key.clone())
                .or_insert_with(|| Building::new(key.clone()));
            row.row.mentions += 1;
            // An entity's name from the document carrying it; a mention's own name only for
            // mentions without an entity, or until a document names the entity.
            match actor.entity.and_then(|e| doc.entity(e)) {
                Some(entity) => row.name(&entity.name, doc),
                None if actor.entity.is_none() || row.named_at.is_none() => {
                    row.name(&display_name(index.slice(actor.span)), doc)
                }
                None => {}
            }
        }
        for said in &doc.annotations {
            let Some(actor) = said
                .source
                .and_then(|s| actors.get(&s).copied())
                .filter(|_| said.label != Label::Actor)
            else {
                continue;
            };
            let mention = index.slice(actor.span);
            let key = key_of(actor, mention);
            let row = rows
                .entry(key.clone())
                .or_insert_with(|| Building::new(key.clone()));
            row.add(Item {
                document: doc.id,
                title: doc.title.clone(),
                date: doc.date,
                annotation: said.id,
                label: said.label,
                text: index.slice(said.span).to_owned(),
                mention: mention.trim().to_owned(),
            });
        }
    }
    join_names_to_entities(&mut rows);
    let mut rows: Vec<Row> = rows.into_values().map(|b| b.row).collect();
    for row in &mut rows {
        sort_items(&mut row.items, library);
    }
    rows.sort_by(|a, b| {
        b.total()
            .cmp(&a.total())
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.key.cmp(&b.key))
    });
    rows
}

/// Moves each no-entity group into the one entity row whose name has the same key.
fn join_names_to_entities(rows: &mut BTreeMap<RowKey, Building>) {
    let mut by_key: BTreeMap<String, Vec<RowKey>> = BTreeMap::new();
    for (key, b) in rows.iter() {
        if matches!(key, RowKey::Entity(_)) {
            by_key
                .entry(name_key(&b.row.name))
                .or_default()
                .push(key.clone());
        }
    }
    let names: Vec<String> = rows
        .keys()
        .filter_map(|k| match k {
            RowKey::Name(n) => Some(n.clone()),
            RowKey::Entity(_) => None,
        })
        .collect();
    for name in names {
        let Some([target]) = by_key.get(&name).map(Vec::as_slice) else {
            continue;
        };
        let Some(group) = rows.remove(&RowKey::Name(name)) else {
            continue;
        };
        if let Some(entity) = rows.get_mut(target) {
            entity.absorb(group);
        }
    }
}

/// Articles by date (undated last), then title, then id; text order within an article.
fn sort_items(items: &mut [Item], library: &BTreeMap<DocumentId, Rc<Document>>) {
    let start = |item: &Item| {
        library
            .get(&item.document)
            .and_then(|d| d.annotation(item.annotation))
            .map_or(0, |a| a.span.start)
    };
    items.sort_by_cached_key(|item| {
        (
            item.date.is_none(),
            item.date,
            item.title.to_lowercase(),
            item.document,
            start(item),
            item.annotation,
        )
    });
}

/// The rows whose name contains `needle` (case ignored, white space at the ends ignored).
pub fn filter(rows: &[Row], needle: &str) -> Vec<Row> {
    let needle = needle.trim().to_lowercase();
    rows.iter()
        .filter(|r| needle.is_empty() || r.name.to_lowercase().contains(&needle))
        .cloned()
        .collect()
}

/// How many quotes and claims in `scope` have no source (shown under the table, so a person
/// knows what is not counted).
pub fn unattributed(library: &BTreeMap<DocumentId, Rc<Document>>, scope: Scope) -> usize {
    in_scope(library, scope)
        .into_iter()
        .map(|doc| {
            let actors: BTreeSet<AnnotationId> = doc
                .annotations
                .iter()
                .filter(|a| a.label == Label::Actor)
                .map(|a| a.id)
                .collect();
            doc.annotations
                .iter()
                .filter(|a| a.label != Label::Actor)
                .filter(|a| !a.source.is_some_and(|s| actors.contains(&s)))
                .count()
        })
        .sum()
}
