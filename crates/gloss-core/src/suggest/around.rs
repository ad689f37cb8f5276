//! What stands around a name: a determiner before it ("the Lindqvist harbour bridge"), a
//! noun after it, a preposition that puts it in a place ("in Moscow"), and an organisation's
//! lower-case head ("the Valmora foreign ministry").

use super::cues::{self, LOCATIVE, MOTION, ORG_DESCRIPTORS, ORG_HEADS, ORG_HEAD_ADJECTIVES};
use super::names::{Finder, Name};
use super::scan::strip_possessive;

impl Finder<'_> {
    /// "the", "a", "its" before the name, perhaps with lower-case words between ("the
    /// planned Higashi-Kaminato station").
    pub(super) fn determiner_before(&self, first: usize) -> bool {
        let s = self.scan;
        let mut k = first;
        for _ in 0..3 {
            let Some(p) = k.checked_sub(1) else {
                return false;
            };
            k = p;
            let w = s.lower(k);
            if matches!(w.as_str(), "the" | "a" | "an" | "its" | "their" | "this") {
                return true;
            }
            if s.punct(k).is_some() || s.is_capitalised(k) {
                return false;
            }
        }
        false
    }

    /// A lower-case noun follows ("the Lindqvist harbour bridge"), not a verb or an
    /// organisation's description ("the Bürgerbund group").
    pub(super) fn modifies_noun(&self, next: usize) -> bool {
        let s = self.scan;
        let w = s.lower(next);
        s.token(next).is_some_and(|t| t.word)
            && !s.is_capitalised(next)
            && s.spaced_before(next)
            && cues::cue(&w).is_none()
            && !cues::AUXILIARIES.contains(&w.as_str())
            && !ORG_DESCRIPTORS.contains(&w.as_str())
            && !cues::BETWEEN_SUBJECT_AND_CUE.contains(&w.as_str())
            && !matches!(
                w.as_str(),
                "and"
                    | "or"
                    | "of"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "who"
                    | "which"
                    | "that"
                    | "by"
                    | "from"
                    | "as"
            )
            && !w.ends_with("ed")
    }

    /// "in X", "at X", "in the X", "in nearby X", "flew to X", "from X", "between X and Y",
    /// "the people of X".
    pub(super) fn locative_before(&self, first: usize) -> bool {
        let s = self.scan;
        let Some(mut p) = first.checked_sub(1) else {
            return false;
        };
        let mut w = s.lower(p);
        if matches!(w.as_str(), "and" | "or") {
            // "between Valmora and Eastreach": the name before "and" tells.
            let mut q = p;
            while q > 0 && s.is_capitalised(q - 1) {
                q -= 1;
            }
            return q < p && self.locative_before(q);
        }
        if matches!(
            w.as_str(),
            "the" | "nearby" | "neighbouring" | "neighboring" | "central" | "downtown" | "rural"
        ) {
            let Some(q) = p.checked_sub(1) else {
                return false;
            };
            p = q;
            w = s.lower(p);
            if w == "of" {
                return false;
            }
        }
        if LOCATIVE.contains(&w.as_str()) || w == "from" || w == "between" {
            return true;
        }
        let before = p.checked_sub(1).map(|q| s.lower(q)).unwrap_or_default();
        if w == "of" && p + 1 == first {
            // "the people of Kaminato", not "the government of Viktor Orbán".
            return !s.is_capitalised(first + 1)
                && before != "president"
                && !cues::is_role(&before);
        }
        w == "to" && MOTION.contains(&before.as_str())
    }

    /// "Valmora foreign ministry": a name, optional adjectives, a lower-case organisation noun.
    pub(super) fn extend_org_head(&self, name: &mut Name) {
        let s = self.scan;
        if name.end != s.token(name.last - 1).map_or(0, |t| t.end) {
            return;
        }
        let mut k = name.last;
        let mut words = Vec::new();
        while k < name.last + 3 && s.spaced_before(k) {
            let w = s.tok_text(k);
            if ORG_HEAD_ADJECTIVES.contains(&w.as_str()) {
                words.push(w);
                k += 1;
                continue;
            }
            if ORG_HEADS.contains(&strip_possessive(&w)) {
                let Some(t) = s.token(k) else { return };
                let stem = strip_possessive(&w);
                words.push(stem.to_owned());
                name.end = t.start + stem.chars().count();
                name.last = k + 1;
                name.key = format!("{} {}", name.key, words.join(" "));
                name.org = true;
                name.locative = false;
                name.modifies = false;
                name.before_role = false;
            }
            return;
        }
    }
}
