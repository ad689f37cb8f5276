//! Actors as people: the name a mention stands for ("Kremlin spokesman Dmitry Peskov" →
//! "Dmitry Peskov"), the key mentions are grouped by, which entity a newly marked mention
//! joins, and the repair of a document's links (sources and entities) after a read.

use std::collections::{BTreeMap, BTreeSet};

use super::{Annotation, AnnotationId, Document, Entity, EntityId, Label};

/// Words that say what a person is rather than who: dropped from the front of a mention,
/// together with everything before them ("Russian President", "Kremlin spokesman").
const TITLES: &[&str] = &[
    "admiral",
    "ambassador",
    "archbishop",
    "bishop",
    "capt",
    "captain",
    "ceo",
    "chairman",
    "chairwoman",
    "chancellor",
    "col",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "dame",
    "director",
    "dr",
    "emir",
    "envoy",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "king",
    "lady",
    "lawmaker",
    "lord",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "mx",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rep",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sheikh",
    "sir",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "vice-president",
];

/// Words dropped from the front of a name: "the White House" is "White House".
const ARTICLES: &[&str] = &["the", "a", "an"];

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// A word without a possessive ending: "Putin's" and "Putin’s" are "Putin", "Jones'" "Jones".
fn without_possessive(word: &str) -> &str {
    for ending in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    for ending in ["s'", "s’"] {
        if word.ends_with(ending) {
            return word.trim_end_matches(['\'', '’']);
        }
    }
    word
}

/// The name a mention stands for: titles, honorifics and articles dropped from its front,
/// possessives and surrounding punctuation from its end, white space made single. Keeps the
/// mention's case. A mention that is all title ("the President") keeps its words.
pub fn display_name(mention: &str) -> String {
    let words: Vec<&str> = mention.split_whitespace().collect();
    let mut from = 0;
    for (i, word) in words.iter().enumerate() {
        let b = bare(word);
        if i + 1 < words.len() && TITLES.contains(&b.as_str()) {
            from = i + 1;
        }
    }
    while from + 1 < words.len()
        && words
            .get(from)
            .is_some_and(|w| ARTICLES.contains(&bare(w).as_str()))
    {
        from += 1;
    }
    let kept = words.get(from..).unwrap_or_default();
    let last = kept.len().saturating_sub(1);
    let name: Vec<&str> = kept
        .iter()
        .enumerate()
        .map(|(i, w)| if i == last { without_possessive(w) } else { w })
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '“' | '”' | '"' | '(' | ')'))
        })
        .filter(|w| !w.is_empty())
        .collect();
    let name = name.join(" ");
    if name.is_empty() {
        mention.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        name
    }
}

/// What mentions are grouped by: the display name in lower case, without punctuation.
pub fn name_key(name: &str) -> String {
    display_name(name)
        .split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entity a newly marked actor mention joins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Group {
    /// An entity of the same document; `rename` when the mention gives it a fuller name
    /// ("Putin" marked first, then "Vladimir Putin").
    Joined {
        id: EntityId,
        rename: Option<String>,
    },
    /// An entity of another document in the library with the same name.
    Library(Entity),
    /// A new entity with this name.
    New(String),
}

/// The entity a mention with text `mention` joins in `doc`, given the entities of the rest of
/// the library (`library`, any order; the first with the same name wins):
/// - the document's entity with the same name, or with a mention of the same name;
/// - for a one-word mention, the document's entity whose (longer) name ends with that word,
///   the one with the most mentions when several do;
/// - for a longer mention, the document's one-word entity that is its last word;
/// - the library's entity with the same name;
/// - otherwise a new entity.
pub fn group<'a>(
    mention: &str,
    doc: &Document,
    library: impl IntoIterator<Item = &'a Entity>,
) -> Group {
    let key = name_key(mention);
    let name = display_name(mention);
    // Every key each of the document's entities is known by, and how often it is mentioned.
    let mut keys: BTreeMap<EntityId, (BTreeSet<String>, usize)> = doc
        .entities
        .iter()
        .map(|e| (e.id, (BTreeSet::from([name_key(&e.name)]), 0)))
        .collect();
    for a in &doc.annotations {
        if let Some(entry) = a.entity.and_then(|e| keys.get_mut(&e)) {
            entry.0.insert(name_key(doc.quote(a.span)));
            entry.1 += 1;
        }
    }
    if let Some((&id, _)) = keys.iter().find(|(_, (k, _))| k.contains(&key)) {
        return Group::Joined { id, rename: None };
    }
    let words: Vec<&str> = key.split(' ').collect();
    if let [only] = words.as_slice() {
        let best = keys
            .iter()
            .filter(|(_, (k, _))| {
                k.iter()
                    .any(|k| k.contains(' ') && k.rsplit(' ').next() == Some(only))
            })
            .max_by_key(|(_, (_, count))| *count);
        if let Some((&id, _)) = best {
            return Group::Joined { id, rename: None };
        }
    } else if let Some(last) = words.last() {
        let short = keys
            .iter()
            .find(|(_, (k, _))| k.iter().all(|k| !k.contains(' ')) && k.contains(*last));
        if let Some((&id, _)) = short {
            return Group::Joined {
                id,
                rename: Some(name),
            };
        }
    }
    if let Some(e) = library.into_iter().find(|e| name_key(&e.name) == key) {
        return Group::Library(e.clone());
    }
    Group::New(name)
}

/// A link a read could not keep, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedLink {
    pub annotation: AnnotationId,
    pub reason: &'static str,
}

impl Document {
    /// Makes the document's links hold: a source is an actor of this document (a source
    /// elsewhere, or on an actor, is dropped: links can then never form a cycle), only actors
    /// have entities, every entity an actor uses is listed once (one named after the mention
    /// when missing), and no entity is listed that no actor uses. Returns what was dropped.
    pub fn repair_links(&mut self) -> Vec<DroppedLink> {
        let actors: BTreeSet<AnnotationId> = self
            .annotations
            .iter()
            .filter(|a| a.label == Label::Actor)
            .map(|a| a.id)
            .collect();
        let mut dropped = Vec::new();
        for a in &mut self.annotations {
            if let Some(source) = a.source {
                let reason = if a.label == Label::Actor {
                    Some("an actor cannot have a source")
                } else if source == a.id {
                    Some("its source is itself")
                } else if !actors.contains(&source) {
                    Some("its source is not an actor of the same article")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    a.source = None;
                    dropped.push(DroppedLink {
                        annotation: a.id,
                        reason,
                    });
                }
            }
            if a.label != Label::Actor {
                a.entity = None;
            }
        }
        let mut seen = BTreeSet::new();
        self.entities.retain(|e| seen.insert(e.id));
        let used: BTreeSet<EntityId> = self.annotations.iter().filter_map(|a| a.entity).collect();
        self.entities.retain(|e| used.contains(&e.id));
        let missing: Vec<Entity> = self
            .annotations
            .iter()
            .filter_map(|a| {
                let id = a.entity?;
                (!seen.contains(&id)).then(|| Entity {
                    id,
                    name: display_name(self.quote(a.span)),
                })
            })
            .collect();
        for e in missing {
            if seen.insert(e.id) {
                self.entities.push(e);
            }
        }
        dropped
    }

    /// The quotes and claims whose source is `actor`.
    pub fn attributed_to(&self, actor: AnnotationId) -> impl Iterator<Item = &Annotation> {
        self.annotations
            .iter()
            .filter(move |a| a.source == Some(actor))
    }

    /// The actor mentions of an entity, in text order.
    pub fn mentions_of(&self, entity: EntityId) -> impl Iterator<Item = &Annotation> {
        self.annotations
            .iter()
            .filter(move |a| a.entity == Some(entity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_drop_titles_honorifics_and_possessives() {
        let cases = [
            ("President Vladimir Putin", "Vladimir Putin"),
            ("Russian President Vladimir Putin", "Vladimir Putin"),
            ("Putin", "Putin"),
            ("Mr Putin", "Putin"),
            ("Mr. Witkoff", "Witkoff"),
            ("Putin's", "Putin"),
            ("Putin’s", "Putin"),
            ("Putin spokesman Dmitry Peskov", "Dmitry Peskov"),
            ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
            ("America’s Middle East Envoy Steve Witkoff", "Steve Witkoff"),
            ("the White House", "White House"),
            ("the President", "President"),
            ("President", "President"),
            ("Martin Luther King", "Martin Luther King"),
            ("  Dr   Ana   Lima,  ", "Ana Lima"),
            ("the Joneses'", "Joneses"),
        ];
        for (mention, want) in cases {
            assert_eq!(display_name(mention), want, "{mention}");
        }
    }

    #[test]
    fn keys_ignore_case_and_punctuation() {
        assert_eq!(name_key("President VLADIMIR Putin's"), "vladimir putin");
        assert_eq!(name_key("Mr. Putin"), name_key("putin"));
        assert_ne!(name_key("Putin"), name_key("Peskov"));
    }
}
