//! Who said it. A **speaker pattern** is a cue with its subject, in the quotation's sentence:
//! - after a direct quotation: “…,” X said / said X / she said / the spokesman added;
//! - before it: X said: “…” / X told reporters that …: “…” / According to X, “…”;
//! - apposition: "Kremlin spokesman Dmitry Peskov said" (the name nearest the cue), "X, <a
//!   description>, said" (the name before the description).
//!
//! The subject is a name (that mention is the speaker; a place that speaks becomes an actor
//! there), a pronoun (he/she: the nearest earlier person named outside a quotation; it/they:
//! the nearest organisation), or a role ("the spokesman", "The Putin spokesman"): the nearest
//! earlier mention of someone introduced with that role, else the nearest person. A quotation
//! with no pattern in its sentence continues the paragraph's previous speaker.

use super::actors::{ActorKind, Actors};
use super::cues::{self, Cue, Referent};
use super::scan::Scan;

/// What an attribution names as the speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Subject {
    /// A mention, by index.
    Named(usize),
    Pronoun(Referent),
    Role(String),
    /// Someone the text does not name ("officials said", "the council said").
    Unnamed,
}

/// The context the speaker rules read.
pub(super) struct Speakers<'a> {
    pub scan: &'a Scan,
    pub actors: &'a Actors,
    /// Code point spans of the direct quotations, in text order.
    pub quoted: &'a [(usize, usize)],
}

impl Speakers<'_> {
    pub fn inside_quote(&self, point: usize) -> bool {
        let i = self.quoted.partition_point(|&(_, end)| end <= point);
        self.quoted.get(i).is_some_and(|&(s, _)| s <= point)
    }

    /// The subject of the cue at token `cue`, looking left first, not before token `floor`.
    pub fn subject(&self, cue: usize, floor: usize) -> Option<Subject> {
        let word = self.scan.lower(cue);
        if cues::is_participle(&word) {
            return self.nearest_left(cue, floor).map(Subject::Named);
        }
        match self.left_subject(cue, floor) {
            Some(found) => Some(found),
            None => self.right_subject(cue),
        }
    }

    /// The nearest mention left of `token` in its sentence, outside quotations.
    fn nearest_left(&self, token: usize, floor: usize) -> Option<usize> {
        let s = self.scan;
        let mut k = token;
        while k > floor {
            k -= 1;
            if let Some(m) = self.actors.ending_at(k + 1) {
                let start = self.actors.get(m).map_or(0, |m| m.start);
                if !self.inside_quote(start) && !self.actors.get(m).is_some_and(|m| m.before_role) {
                    return Some(m);
                }
            }
            if s.punct(k) == Some(';') {
                return None;
            }
        }
        None
    }

    /// Left of the cue: a name, a pronoun or a role, with a few words allowed between
    /// ("Putin himself said") and a description set off by commas ("X, 54, said").
    fn left_subject(&self, cue: usize, floor: usize) -> Option<Subject> {
        let s = self.scan;
        let mut k = cue;
        let mut steps = 0;
        while k > floor && steps < 6 {
            k -= 1;
            steps += 1;
            if let Some(m) = self.actors.ending_at(k + 1) {
                return Some(Subject::Named(m));
            }
            if let Some(c) = s.punct(k) {
                if c != ',' || k + 1 != cue {
                    return (steps > 1).then_some(Subject::Unnamed);
                }
                // "X, <description>, said": the name before the description.
                let mut j = k;
                for _ in 0..12 {
                    let Some(p) = j.checked_sub(1).filter(|&p| p >= floor) else {
                        return None;
                    };
                    j = p;
                    if s.punct(j) == Some(',') {
                        return self.actors.ending_at(j).map(Subject::Named);
                    }
                    if s.punct(j).is_some() {
                        return None;
                    }
                }
                return None;
            }
            let w = s.lower(k);
            if let Some(r) = cues::pronoun(&w) {
                return Some(Subject::Pronoun(r));
            }
            if cues::is_role(&w) {
                return Some(Subject::Role(cues::role_family(&w).to_owned()));
            }
            if matches!(w.as_str(), "and" | "but" | "then") {
                // "X cut the ribbon and told reporters": the subject of the first verb.
                return self.nearest_left(k, floor).map(Subject::Named);
            }
            if !cues::BETWEEN_SUBJECT_AND_CUE.contains(&w.as_str()) {
                return Some(Subject::Unnamed);
            }
        }
        None
    }

    /// Right of the cue: "said Kessler", "said he", "said the spokesman", "according to X".
    fn right_subject(&self, cue: usize) -> Option<Subject> {
        let s = self.scan;
        let mut k = cue + 1;
        if s.lower(cue) == "according" {
            k += 1;
        }
        if s.lower(k) == "the" {
            k += 1;
        }
        if let Some(m) = self.actors.starting_at(k) {
            if !self.actors.get(m).is_some_and(|m| m.before_role) {
                return Some(Subject::Named(m));
            }
            k = self.actors.get(m).map_or(k, |m| m.last);
        }
        let w = s.lower(k);
        if let Some(r) = cues::pronoun(&w) {
            return Some(Subject::Pronoun(r));
        }
        if cues::is_role(&w) {
            return Some(Subject::Role(cues::role_family(&w).to_owned()));
        }
        None
    }

    /// The mention a subject stands for, before code point `at`.
    pub fn resolve(&self, subject: &Subject, at: usize) -> Option<usize> {
        match subject {
            Subject::Named(m) => Some(*m),
            Subject::Unnamed => None,
            Subject::Pronoun(Referent::Person) => self.nearest_before(at, |m| {
                m.kind == ActorKind::Person
            }),
            Subject::Pronoun(Referent::Organisation) => self.nearest_before(at, |m| {
                m.kind == ActorKind::Organisation
            }),
            Subject::Role(role) => self
                .nearest_before(at, |m| {
                    self.actors
                        .entities
                        .get(m.entity)
                        .is_some_and(|e| e.roles.contains(role))
                })
                .or_else(|| self.nearest_before(at, |m| m.kind == ActorKind::Person)),
        }
    }

    fn nearest_before(
        &self,
        at: usize,
        fits: impl Fn(&super::actors::Mention) -> bool,
    ) -> Option<usize> {
        let end = self.actors.mentions.partition_point(|m| m.start < at);
        (0..end).rev().find(|&i| {
            self.actors.get(i).is_some_and(|m| {
                !m.before_role && !self.inside_quote(m.start) && fits(m)
            })
        })
    }

    /// The cue kind of token `i`, when it is a cue ("according" only before "to").
    pub fn cue_at(&self, i: usize) -> Option<Cue> {
        let w = self.scan.lower(i);
        if w == "according" {
            return (self.scan.lower(i + 1) == "to").then_some(Cue::Other);
        }
        cues::cue(&w)
    }
}
