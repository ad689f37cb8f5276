//! Names in the text: runs of capitalised words ("Russian President Vladimir Putin"), titles
//! and roles dropped from their front ("Vladimir Putin"), a possessive from their end
//! ("Trump’s" → "Trump"), leading articles and sentence-initial common words left out
//! ("While", "The"), and an organisation's lower-case head kept ("the Valmora foreign
//! ministry" → "Valmora foreign ministry").

use std::collections::HashSet;

use super::cues::{self, LOCATIVE, MOTION, NOT_NAMES, ORG_DESCRIPTORS, ORG_HEADS, ORG_HEAD_ADJECTIVES};
use super::places;
use super::scan::{strip_possessive, Scan};

/// A name found in the text, before it is judged an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Name {
    /// Code points of the name, possessive ending excluded.
    pub start: usize,
    pub end: usize,
    /// Its tokens, `first..last`.
    pub first: usize,
    pub last: usize,
    /// The name's words in lower case, joined by single spaces.
    pub key: String,
    /// Roles said of it right before it ("spokesman", "minister"), by family.
    pub roles: Vec<String>,
    /// Its first word opens a sentence (or a quotation, or is in the headline), so its capital
    /// proves nothing.
    pub initial: bool,
    /// It is a lower-case-headed organisation ("Valmora foreign ministry") or was described
    /// as one ("group", "company").
    pub org: bool,
    /// "the" comes right before it.
    pub after_the: bool,
    /// It stands where a place stands ("in Moscow", "flew to Vardø").
    pub locative: bool,
    /// A role word follows it ("the Putin spokesman"): it modifies, it does not speak.
    pub before_role: bool,
}

/// Small words allowed inside a name ("Ludwig van Beethoven", "Bank of England").
const CONNECTORS: &[&str] = &[
    "de", "van", "von", "der", "den", "del", "della", "da", "di", "du", "la", "le", "bin",
    "ibn", "al", "el", "ter", "of", "for",
];

/// Capitalised or all-caps words that are abbreviations of no actor.
const NOT_ACRONYMS: &[&str] = &["tv", "gdp", "ai", "ok", "pm", "am", "id", "phd", "covid"];

pub(super) struct Finder<'a> {
    scan: &'a Scan,
    /// Every word that appears in lower case somewhere: a capitalised one at a sentence's
    /// start is then a common word.
    lower_words: HashSet<String>,
    /// Code point where the headline ends (0 when there is none).
    headline_end: usize,
}

impl<'a> Finder<'a> {
    pub fn new(scan: &'a Scan, headline_end: usize) -> Finder<'a> {
        let lower_words = (0..scan.tokens.len())
            .filter(|&i| scan.token(i).is_some_and(|t| t.word) && !scan.is_capitalised(i))
            .map(|i| scan.tok_text(i))
            .collect();
        Finder {
            scan,
            lower_words,
            headline_end,
        }
    }

    /// Every name, in text order.
    pub fn names(&self) -> Vec<Name> {
        let mut out = Vec::new();
        let n = self.scan.tokens.len();
        let mut i = 0;
        while i < n {
            if !self.scan.is_capitalised(i) {
                i += 1;
                continue;
            }
            let last = self.run_end(i);
            self.cut(i, last, &mut out);
            i = last;
        }
        out
    }

    fn has_possessive(&self, i: usize) -> bool {
        let t = self.scan.tok_text(i);
        strip_possessive(&t).len() != t.len()
    }

    /// The end (exclusive token index) of the capitalised run starting at `first`.
    fn run_end(&self, first: usize) -> usize {
        let s = self.scan;
        let mut last = first + 1;
        loop {
            if self.has_possessive(last - 1) {
                return last;
            }
            let next_para = s.token(last).is_none_or(|t| t.para_start);
            if next_para || !s.spaced_before(last) {
                return last;
            }
            if s.is_capitalised(last) {
                last += 1;
                continue;
            }
            let connector = CONNECTORS.contains(&s.tok_text(last).as_str());
            let word_after = s.is_capitalised(last + 1) && s.spaced_before(last + 1);
            let of_ok = !matches!(s.tok_text(last).as_str(), "of" | "for")
                || cues::ORG_WORDS.contains(&s.lower(last - 1).as_str())
                || cues::is_role(&s.lower(last - 1));
            if connector && word_after && of_ok {
                last += 2;
                continue;
            }
            return last;
        }
    }

    /// Whether token `i` starts a sentence, a quotation or a bracket, or lies in the headline.
    fn is_initial(&self, i: usize) -> bool {
        let s = self.scan;
        if s.token(i).is_some_and(|t| t.start < self.headline_end) {
            return true;
        }
        if s.sentence(i).is_some_and(|sent| sent.first == i) {
            return true;
        }
        let prev = i.checked_sub(1);
        !s.spaced_before(i) && prev.and_then(|p| s.punct(p)).is_some_and(super::scan::is_opening_punct)
    }

    /// Turns the capitalised run `first..last` into names: leading articles and common words,
    /// titles and roles dropped; a trailing organisation head added.
    fn cut(&self, mut first: usize, last: usize, out: &mut Vec<Name>) {
        let s = self.scan;
        let mut initial = self.is_initial(first);
        let mut roles: Vec<String> = self.roles_before(first);
        let mut after_the = first
            .checked_sub(1)
            .is_some_and(|p| s.lower(p) == "the" && s.spaced_before(first));
        // Leading common words: "The", "While", a sentence-initial "Opposition".
        while first < last {
            let w = s.lower(first);
            let common = NOT_NAMES.contains(&w.as_str())
                || (initial && first + 1 < last && self.lower_words.contains(&w))
                || (first + 1 < last && places::is_demonym(&w));
            if !common {
                break;
            }
            after_the = w == "the";
            first += 1;
            initial = self.scan.token(first).is_some_and(|t| t.start < self.headline_end);
        }
        // Titles: everything up to the last role word before the final word.
        if let Some(t) = (first..last.saturating_sub(1))
            .rev()
            .find(|&k| cues::is_role(&s.lower(k)))
        {
            for k in first..=t {
                if cues::is_role(&s.lower(k)) {
                    roles.push(cues::role_family(&s.lower(k)).to_owned());
                }
            }
            first = t + 1;
            initial = false;
            after_the = false;
            // "Secretary of State Marco Rubio": the office's "of State" goes with the title.
            if s.tok_text(first) == "of" && first + 2 < last {
                first += 2;
            }
        }
        if first >= last {
            return;
        }
        let words: Vec<String> = (first..last).map(|k| s.lower(k)).collect();
        if words.iter().all(|w| cues::is_role(w) || NOT_NAMES.contains(&w.as_str())) {
            return;
        }
        if let [only] = words.as_slice() {
            if places::is_demonym(only) || NOT_ACRONYMS.contains(&only.as_str()) {
                return;
            }
            if only == "may" && self.month_context(first) {
                return;
            }
            if only.chars().count() < 2 {
                return;
            }
        }
        let (Some(start_tok), Some(end_tok)) = (s.token(first), s.token(last - 1)) else {
            return;
        };
        let end_text = s.tok_text(last - 1);
        let end = end_tok.end - (end_text.chars().count() - strip_possessive(&end_text).chars().count());
        let mut name = Name {
            start: start_tok.start,
            end,
            first,
            last,
            key: words.join(" "),
            roles,
            initial,
            org: self.described_as_org(first),
            after_the,
            locative: self.locative_before(first),
            before_role: !self.has_possessive(last - 1) && cues::is_role(&s.lower(last)),
        };
        self.extend_org_head(&mut name);
        out.push(name);
    }

    /// "May" the month: after a date word or before a number.
    fn month_context(&self, i: usize) -> bool {
        let s = self.scan;
        let before = i.checked_sub(1).map(|p| s.lower(p)).unwrap_or_default();
        matches!(
            before.as_str(),
            "in" | "on" | "of" | "since" | "until" | "by" | "from" | "to" | "last" | "next"
                | "early" | "late" | "mid" | "this" | "end"
        ) || s.tok_text(i + 1).chars().all(|c| c.is_ascii_digit()) && !s.tok_text(i + 1).is_empty()
    }

    /// Role words among the three words before a name ("Putin spokesman Dmitry Peskov",
    /// "Its director, Sanna Kivelä"), by family.
    fn roles_before(&self, first: usize) -> Vec<String> {
        let s = self.scan;
        let mut roles = Vec::new();
        let mut k = first;
        let mut commas = 0;
        for _ in 0..4 {
            let Some(p) = k.checked_sub(1) else { break };
            k = p;
            match s.punct(p) {
                Some(',') if commas == 0 && p + 1 == first => {
                    commas += 1;
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            let w = s.lower(p);
            if cues::is_role(&w) {
                roles.push(cues::role_family(&w).to_owned());
            } else if s.is_capitalised(p) || NOT_NAMES.contains(&w.as_str()) {
                break;
            }
        }
        roles
    }

    /// Described as an organisation right before: "Environmental group X", "The operator, X".
    fn described_as_org(&self, first: usize) -> bool {
        let s = self.scan;
        let mut p = first.checked_sub(1);
        if p.and_then(|p| s.punct(p)) == Some(',') {
            p = p.and_then(|p| p.checked_sub(1));
        }
        p.is_some_and(|p| ORG_DESCRIPTORS.contains(&s.lower(p).as_str()))
    }

    /// "in X", "at X", "flew to X", "from X".
    fn locative_before(&self, first: usize) -> bool {
        let s = self.scan;
        let Some(p) = first.checked_sub(1) else {
            return false;
        };
        let w = s.lower(p);
        if LOCATIVE.contains(&w.as_str()) || w == "from" {
            return true;
        }
        let before = p.checked_sub(1).map(|q| s.lower(q)).unwrap_or_default();
        w == "to" && MOTION.contains(&before.as_str())
    }

    /// "Valmora foreign ministry": a name, optional adjectives, a lower-case organisation noun.
    fn extend_org_head(&self, name: &mut Name) {
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
                name.before_role = false;
            }
            return;
        }
    }
}
