//! Which names are actors, and which mentions are the same actor.
//!
//! - A **place** is a name the list of places knows, or one the text puts in a place ("in X",
//!   "flew to X") and never gives a role. A place is an actor only where it speaks (see
//!   `speakers`).
//! - An **organisation** has an organisation word in its name ("Nordlys Ferries", "White
//!   House"), is described as one ("group", "operator"), or is "the X" acting ("the Kremlin
//!   said"). "the X" before a common noun ("the Lindqvist harbour bridge") is no actor.
//! - Everyone else named is a **person**. A one-word name at the start of a sentence counts only
//!   when the text names it elsewhere too (so "While" or "Environmental" never do).
//! - Mentions share an entity by name, and a surname joins the full name it ends
//!   ("Witkoff" → "Steve Witkoff"). Actors already marked are known names: each of their
//!   mentions in the text is found, at a sentence's start too.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::cues::{self, ORG_WORDS};
use super::names::Name;
use super::places;
use super::scan::Scan;

/// What an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ActorKind {
    Person,
    Organisation,
    Place,
}

/// One mention of a person, organisation or place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mention {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
    pub entity: usize,
    pub kind: ActorKind,
    pub before_role: bool,
    /// It is an actor the person already marked (not suggested again).
    pub marked: bool,
}

/// An actor across its mentions.
#[derive(Clone, Debug, Default)]
pub(super) struct EntityInfo {
    pub roles: BTreeSet<String>,
}

pub(super) struct Actors {
    /// In text order.
    pub mentions: Vec<Mention>,
    pub entities: Vec<EntityInfo>,
}

impl Actors {
    /// The mention whose last token is `token - 1`.
    pub fn ending_at(&self, token: usize) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.last < token);
        self.mentions
            .get(i)
            .is_some_and(|m| m.last == token)
            .then_some(i)
    }

    /// The mention whose first token is `token`.
    pub fn starting_at(&self, token: usize) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.first < token);
        self.mentions
            .get(i)
            .is_some_and(|m| m.first == token)
            .then_some(i)
    }

    pub fn get(&self, i: usize) -> Option<&Mention> {
        self.mentions.get(i)
    }
}

/// Keys of the names the person already marked as actors, and their spans.
pub(super) struct Marked {
    pub spans: Vec<(usize, usize)>,
}

fn last_word(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

fn next_is_action(scan: &Scan, token: usize) -> bool {
    let w = scan.lower(token);
    scan.punct(token).is_some()
        || cues::cue(&w).is_some()
        || cues::AUXILIARIES.contains(&w.as_str())
        || w.is_empty()
}

pub(super) fn build(scan: &Scan, mut names: Vec<Name>, marked: &Marked) -> Actors {
    let marked_keys: HashSet<String> = marked
        .spans
        .iter()
        .map(|&(s, e)| crate::model::entity::name_key(&scan.text(s, e)))
        .filter(|k| !k.is_empty())
        .collect();
    add_marked_names(scan, &mut names, marked, &marked_keys);
    // Names the text gives with a capital where the capital proves something.
    let mut confirmed: HashSet<String> = HashSet::new();
    for n in &names {
        if !n.initial || n.key.contains(' ') {
            confirmed.insert(n.key.clone());
            confirmed.insert(last_word(&n.key).to_owned());
        }
    }
    for k in &marked_keys {
        confirmed.insert(k.clone());
        confirmed.insert(last_word(k).to_owned());
    }
    names.retain(|n| n.key.contains(' ') || !n.initial || confirmed.contains(n.key.as_str()));
    names.retain(|n| {
        let ending = last_word(&n.key);
        n.org || !n.key.contains(' ') || !cues::NOT_ACTOR_ENDINGS.contains(&ending)
    });

    let mut roles: HashMap<&str, BTreeSet<String>> = HashMap::new();
    let mut org: HashSet<&str> = HashSet::new();
    let mut locative: HashSet<&str> = HashSet::new();
    for n in &names {
        roles.entry(&n.key).or_default().extend(n.roles.iter().cloned());
        let acting_the = n.after_the && !n.before_role && next_is_action(scan, n.last);
        let org_word = n.key.split(' ').any(|w| ORG_WORDS.contains(&w));
        if n.org || org_word || acting_the {
            org.insert(&n.key);
        }
        if n.locative {
            locative.insert(&n.key);
        }
    }
    let has_roles = |k: &str| roles.get(k).is_some_and(|r| !r.is_empty());
    let kind_of = |k: &str| {
        if places::is_known_place(k) {
            ActorKind::Place
        } else if org.contains(k) {
            ActorKind::Organisation
        } else if locative.contains(k) && !has_roles(k) {
            ActorKind::Place
        } else {
            ActorKind::Person
        }
    };
    // Full names of people, by their last word: the entity a surname joins.
    let mut entity_of: HashMap<String, usize> = HashMap::new();
    let mut entities: Vec<EntityInfo> = Vec::new();
    let mut surname: HashMap<&str, usize> = HashMap::new();
    for n in names.iter().filter(|n| n.key.contains(' ')) {
        if kind_of(&n.key) == ActorKind::Person && !entity_of.contains_key(&n.key) {
            entity_of.insert(n.key.clone(), entities.len());
            surname.entry(last_word(&n.key)).or_insert(entities.len());
            entities.push(EntityInfo::default());
        }
    }
    let mut mentions = Vec::with_capacity(names.len());
    for n in &names {
        let mut kind = kind_of(&n.key);
        let joined = (!n.key.contains(' ') && kind != ActorKind::Organisation)
            .then(|| surname.get(n.key.as_str()).copied())
            .flatten();
        if joined.is_some() {
            kind = ActorKind::Person;
        }
        // "the Lindqvist harbour bridge": a name that only modifies a common noun.
        if kind == ActorKind::Person
            && joined.is_none()
            && n.after_the
            && !n.before_role
            && !has_roles(&n.key)
            && !next_is_action(scan, n.last)
        {
            continue;
        }
        let entity = match joined {
            Some(e) => e,
            None => *entity_of.entry(n.key.clone()).or_insert_with(|| {
                entities.push(EntityInfo::default());
                entities.len() - 1
            }),
        };
        if let Some(info) = entities.get_mut(entity) {
            info.roles.extend(n.roles.iter().cloned());
        }
        mentions.push(Mention {
            start: n.start,
            end: n.end,
            first: n.first,
            last: n.last,
            entity,
            kind,
            before_role: n.before_role,
            marked: marked.spans.contains(&(n.start, n.end)),
        });
    }
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    mentions.dedup_by_key(|m| m.start);
    Actors { mentions, entities }
}

/// Adds every occurrence of an already marked actor's name that the capital rule missed (the
/// marked spans themselves included), as a name that needs no more proof.
fn add_marked_names(scan: &Scan, names: &mut Vec<Name>, marked: &Marked, keys: &HashSet<String>) {
    if keys.is_empty() {
        return;
    }
    let covered: HashSet<usize> = names.iter().map(|n| n.first).collect();
    let mut extra = Vec::new();
    let n = scan.tokens.len();
    let key_words: Vec<Vec<&str>> = keys.iter().map(|k| k.split(' ').collect()).collect();
    for i in 0..n {
        if covered.contains(&i) || !scan.token(i).is_some_and(|t| t.word) {
            continue;
        }
        for words in &key_words {
            let len = words.len();
            let fits = words
                .iter()
                .enumerate()
                .all(|(k, w)| scan.lower(i + k) == *w && (k == 0 || scan.spaced_before(i + k)));
            let (Some(first), Some(last)) = (scan.token(i), scan.token(i + len - 1)) else {
                continue;
            };
            if !fits {
                continue;
            }
            let text = scan.tok_text(i + len - 1);
            let cut = text.chars().count()
                - super::scan::strip_possessive(&text).chars().count();
            extra.push(Name {
                start: first.start,
                end: last.end - cut,
                first: i,
                last: i + len,
                key: words.join(" "),
                roles: Vec::new(),
                initial: false,
                org: false,
                after_the: false,
                locative: false,
                before_role: false,
            });
            break;
        }
    }
    for &(s, e) in &marked.spans {
        let first = scan.token_at(s);
        if names.iter().chain(&extra).any(|n| n.start < e && s < n.end) {
            continue;
        }
        let last = scan.token_at(e.saturating_sub(1)) + 1;
        extra.push(Name {
            start: s,
            end: e,
            first,
            last,
            key: crate::model::entity::name_key(&scan.text(s, e)),
            roles: Vec::new(),
            initial: false,
            org: false,
            after_the: false,
            locative: false,
            before_role: false,
        });
    }
    names.extend(extra);
    names.sort_by_key(|n| (n.start, std::cmp::Reverse(n.end)));
}
