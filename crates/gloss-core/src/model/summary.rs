//! What the Library shows of one article: its title, date, counts per label and per annotator,
//! claims checked and last change. Worked out from the document's record alone (never its
//! text), and only once per version of the document: [`Summaries`] keeps each one until the
//! document changes, so opening the Library or typing in its filter walks no annotation.

use std::collections::HashMap;
use std::rc::Rc;

use super::layers::layers;
use super::verdict::checked_claims;
use super::{Document, DocumentId, Label, Timestamp};

/// One Library row's words, apart from the time of the last change (the browser formats that).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub id: DocumentId,
    pub title: String,
    /// "2026-05-19", when the article has a date.
    pub date: Option<String>,
    /// "2 claims · 1 quote · 0 actors".
    pub counts: String,
    /// "Ana 26 · Ben 24 · Curated 30", when more than one layer holds annotations.
    pub layers: Option<String>,
    /// "1 of 3 claims checked", when the article has claims.
    pub checked: Option<String>,
    pub updated_at: Timestamp,
}

impl Summary {
    /// `doc`'s row; `me` ("Your name") names one's own layer.
    pub fn of(doc: &Document, me: Option<&str>) -> Summary {
        Summary {
            id: doc.id,
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()),
            counts: counts_text(doc),
            layers: layers_text(doc, me),
            checked: checked_text(doc),
            updated_at: doc.updated_at,
        }
    }
}

fn counts_text(doc: &Document) -> String {
    Label::ALL
        .iter()
        .zip(doc.counts())
        .map(|(label, n)| format!("{n} {}{}", label.slug(), if n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn layers_text(doc: &Document, me: Option<&str>) -> Option<String> {
    let marked: Vec<String> = layers(doc, me)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(layer, n)| format!("{} {n}", layer.name(me)))
        .collect();
    (marked.len() > 1).then(|| marked.join(" · "))
}

fn checked_text(doc: &Document) -> Option<String> {
    let (checked, claims) = checked_claims(&doc.annotations);
    let noun = if claims == 1 { "claim" } else { "claims" };
    (claims > 0).then(|| format!("{checked} of {claims} {noun} checked"))
}

/// Rows made from documents, each kept until its document changes.
///
/// A document is the same version when it is the same `Rc` (the reducer shares unchanged
/// documents between states and replaces a changed one). Its revision alone would not do: a
/// merge from another tab can keep the revision and change the contents. The entry holds that
/// `Rc`, so its allocation cannot be reused by another document while the entry lives;
/// [`Summaries::forget_others`] drops entries of documents no longer in the library.
pub struct Summaries<T> {
    me: Option<String>,
    entries: HashMap<DocumentId, (Rc<Document>, Rc<T>)>,
}

impl<T> Default for Summaries<T> {
    fn default() -> Self {
        Summaries {
            me: None,
            entries: HashMap::new(),
        }
    }
}

impl<T> Summaries<T> {
    /// `doc`'s row, made by `make` only when `doc` (or `me`) changed since the last call.
    pub fn get(
        &mut self,
        doc: &Rc<Document>,
        me: Option<&str>,
        make: impl FnOnce(&Document, Option<&str>) -> T,
    ) -> Rc<T> {
        if self.me.as_deref() != me {
            self.me = me.map(str::to_owned);
            self.entries.clear();
        }
        match self.entries.get(&doc.id) {
            Some((held, row)) if Rc::ptr_eq(held, doc) => Rc::clone(row),
            _ => {
                let row = Rc::new(make(doc, me));
                self.entries
                    .insert(doc.id, (Rc::clone(doc), Rc::clone(&row)));
                row
            }
        }
    }

    /// Drops the rows of documents `keep` says are gone.
    pub fn forget_others(&mut self, keep: impl Fn(&DocumentId) -> bool) {
        self.entries.retain(|id, _| keep(id));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
