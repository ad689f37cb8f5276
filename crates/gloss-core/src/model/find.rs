//! Find: every place a query occurs in an article, as code point spans, left to right and
//! never overlapping, for the find bar to highlight and for "Mark all" to mark.
//!
//! Matching ignores case by folding each character to one character (the first of its
//! lowercase), so a match covers exactly as many code points as the query and offsets never
//! drift, whatever the text holds ('İ' lowercases to two characters; here it folds to 'i').
//! "Whole words" keeps the matches that neither start nor end inside a word, by the same word
//! rules (UAX #29) that snap a selection to whole words, a possessive aside as there ("Putin"
//! is found in "Putin’s").
//!
//! Fast enough to run on every key typed in a 1,000,000-character article: the text is folded
//! once ([`Haystack`]) and searched with the standard library's substring search; a query such
//! as "e" is cut off at [`MAX_MATCHES`].

use unicode_segmentation::UnicodeSegmentation;

use super::Span;

/// The most matches found and highlighted: beyond it the count reads "10,000+".
pub const MAX_MATCHES: usize = 10_000;

/// How far (in bytes) around a point the word rules look to tell whether it is inside a word.
const WORD_WINDOW: usize = 96;

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindOptions {
    pub match_case: bool,
    pub whole_words: bool,
}

/// The matches of one search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// In text order, not overlapping; at most the limit asked for.
    pub spans: Vec<Span>,
    /// Whether there were more than the limit.
    pub more: bool,
}

/// A text made ready to search many times (the find bar searches on every key): the text and
/// its case-folded twin, character for character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Haystack {
    text: String,
    folded: String,
    /// Whether every character folds to one of the same length in bytes.
    same_bytes: bool,
}

/// The character `c` compares as when case is ignored: the first character of its lowercase
/// (one character for one, so offsets stay put), and the final sigma as any other sigma.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c.to_lowercase().next().unwrap_or(c) {
        'ς' => 'σ',
        lower => lower,
    }
}

fn fold_str(s: &str) -> String {
    fold_checked(s).0
}

/// `s` folded, and whether every character kept its length in bytes. ASCII runs are folded a
/// byte at a time (most news text is mostly ASCII).
fn fold_checked(s: &str) -> (String, bool) {
    if s.is_ascii() {
        return (s.to_ascii_lowercase(), true);
    }
    let mut out = String::with_capacity(s.len());
    let mut same = true;
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        out.push_str(&run.to_ascii_lowercase());
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            let f = fold(c);
            same &= f.len_utf8() == c.len_utf8();
            out.push(f);
        }
        rest = chars.as_str();
    }
    (out, same)
}

impl Haystack {
    pub fn new(text: &str) -> Haystack {
        let folded = fold_str(text);
        let same_bytes =
            text.is_ascii() || text.chars().all(|c| fold(c).len_utf8() == c.len_utf8());
        Haystack {
            text: text.to_owned(),
            folded,
            same_bytes,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Up to `limit` matches of `query`, as [`find`] says.
    pub fn find(&self, query: &str, options: FindOptions, limit: usize) -> Found {
        let (hay, needle) = if options.match_case {
            (self.text.as_str(), query.to_owned())
        } else {
            (self.folded.as_str(), fold_str(query))
        };
        // Byte offsets in `hay` are byte offsets in the text too, unless folding changed a
        // character's length: then the text's are walked alongside.
        let aligned = options.match_case || self.same_bytes;
        let query_cps = needle.chars().count();
        let mut found = Found::default();
        if needle.is_empty() {
            return found;
        }
        // Where the search stands: byte `at` of `hay`, code point `cp`, byte `text_at` of the
        // text (the same character).
        let (mut at, mut cp, mut text_at) = (0usize, 0usize, 0usize);
        let mut from = 0usize;
        while let Some(offset) = hay.get(from..).and_then(|rest| rest.find(needle.as_str())) {
            let byte = from + offset;
            let moved = count_chars(hay.get(at..byte).unwrap_or(""));
            cp += moved;
            text_at = if aligned {
                byte
            } else {
                text_at + byte_at_char(self.text.get(text_at..).unwrap_or(""), moved)
            };
            at = byte;
            let end = byte + needle.len();
            let whole = !options.whole_words || {
                let text_end = if aligned {
                    end
                } else {
                    text_at + byte_at_char(self.text.get(text_at..).unwrap_or(""), query_cps)
                };
                !inside_word(&self.text, text_at) && ends_word(&self.text, text_end)
            };
            if whole {
                if found.spans.len() == limit {
                    found.more = true;
                    break;
                }
                found.spans.push(Span {
                    start: cp,
                    end: cp + query_cps,
                });
                from = end;
            } else {
                // Not a whole word here: the next try starts one character on.
                let step = hay
                    .get(byte..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
                from = byte + step;
            }
        }
        found
    }
}

/// Every match of `query` in `text`, as code point spans, left to right, never overlapping
/// (after a match the search goes on from its end), with no limit.
pub fn find(text: &str, query: &str, options: FindOptions) -> Vec<Span> {
    Haystack::new(text).find(query, options, usize::MAX).spans
}

fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The byte offset of character `n` of `s` (its length when `s` is shorter).
fn byte_at_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// Whether byte `at` of `text` lies strictly inside a word (a UAX #29 word segment holding a
/// letter or digit): then a whole-word match cannot start or end there.
pub fn inside_word(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    let (Some(prev), Some(next)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    // The common case, decided without the word rules: two ASCII letters or digits are always
    // one word; ASCII that cannot join words (space, most punctuation) always parts them.
    if prev.is_ascii() && next.is_ascii() {
        let joins = |c: char| matches!(c, '.' | ',' | ':' | ';' | '\'' | '_');
        if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
            return true;
        }
        if !joins(prev) && !joins(next) {
            return false;
        }
    }
    if plain_letter(prev) && plain_letter(next) {
        return true;
    }
    // Otherwise: the word segments of a window around the point, started at a character
    // boundary (the rules need only a little context on either side).
    let lo = floor_char(text, at.saturating_sub(WORD_WINDOW));
    let hi = ceil_char(text, at.saturating_add(WORD_WINDOW));
    let Some(window) = text.get(lo..hi) else {
        return false;
    };
    let mut seg_start = lo;
    for seg in window.split_word_bounds() {
        let seg_end = seg_start + seg.len();
        if seg_start < at && at < seg_end {
            return seg.chars().any(char::is_alphanumeric);
        }
        if seg_start >= at {
            break;
        }
        seg_start = seg_end;
    }
    false
}

/// Whether a whole-word match may end at byte `at`: not inside a word, or before a
/// possessive ("Putin" in "Putin’s"), which snapping leaves out of a selection too.
pub fn ends_word(text: &str, at: usize) -> bool {
    if !inside_word(text, at) {
        return true;
    }
    let rest = text.get(at..).unwrap_or("");
    let after = ["'s", "'S", "’s", "’S"]
        .into_iter()
        .find_map(|p| rest.strip_prefix(p).map(|r| text.len() - r.len()));
    let stem = text.get(..at).and_then(|b| b.chars().next_back());
    matches!((after, stem), (Some(end), Some(stem)) if stem.is_alphanumeric() && !inside_word(text, end))
}

/// A letter or digit of the Latin, Greek or Cyrillic alphabets: two of them side by side are
/// always one word (UAX #29: ALetter and Numeric join), without running the word rules.
fn plain_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (matches!(c, '\u{C0}'..='\u{24F}' | '\u{386}'..='\u{3FF}' | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}')
            && c.is_alphabetic())
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// "3 of 12", "12 matches", "10,000+ matches", "No matches": the find bar's count.
pub fn count_text(found: &Found, current: Option<usize>) -> String {
    let total = found.spans.len();
    let plus = if found.more { "+" } else { "" };
    match (total, current) {
        (0, _) => "No matches".to_owned(),
        (n, Some(i)) if i < n => format!("{} of {}{plus}", thousands(i + 1), thousands(n)),
        (1, _) if !found.more => "1 match".to_owned(),
        (n, _) => format!("{}{plus} matches", thousands(n)),
    }
}

/// A count with thousands separated by commas: 10,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
