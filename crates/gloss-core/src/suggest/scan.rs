//! The article cut into what the rules look at: code points, word and punctuation tokens,
//! paragraphs and sentences. Every index is a code point; nothing here slices a `str`.

/// One token: a word (letters, digits, marks, with inner apostrophes, hyphens and dots) or a
/// single punctuation character. White space is never a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub word: bool,
    /// The first token after a line break (a new paragraph) or of the text.
    pub para_start: bool,
}

/// A sentence: tokens `first..last` (token indexes, half-open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Sentence {
    pub first: usize,
    pub last: usize,
}

/// The article, scanned once.
pub(super) struct Scan {
    pub chars: Vec<char>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// For each token, the sentence it is in.
    pub sentence_of: Vec<usize>,
}

/// Combining marks continue a word ("e" + U+0301 is one letter to a reader).
pub(super) fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Characters that join two word characters into one word: "America’s", "al-Assad", "U.S",
/// "140,000" (digits only), "a.m".
fn joins(prev: char, c: char, next: char) -> bool {
    match c {
        '\'' | '’' | '-' | '‐' | '.' => is_word_char(prev) && is_word_char(next),
        ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "col", "capt", "lt",
    "prof", "rev", "no", "mt", "vs", "sgt", "maj", "cmdr", "adm", "insp", "det", "fr", "mx",
];

impl Scan {
    pub fn new(text: &str) -> Scan {
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(&chars);
        let mut scan = Scan {
            chars,
            tokens,
            sentences: Vec::new(),
            sentence_of: Vec::new(),
        };
        scan.split_sentences();
        scan
    }

    pub fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    pub fn token(&self, i: usize) -> Option<Token> {
        self.tokens.get(i).copied()
    }

    /// The text of code points `start..end`.
    pub fn text(&self, start: usize, end: usize) -> String {
        self.chars.get(start..end).unwrap_or_default().iter().collect()
    }

    /// The text of token `i` ("" past the end).
    pub fn tok_text(&self, i: usize) -> String {
        self.token(i)
            .map(|t| self.text(t.start, t.end))
            .unwrap_or_default()
    }

    /// Token `i` in lower case, a trailing possessive dropped.
    pub fn lower(&self, i: usize) -> String {
        strip_possessive(&self.tok_text(i)).to_lowercase()
    }

    /// The single character of punctuation token `i`.
    pub fn punct(&self, i: usize) -> Option<char> {
        let t = self.token(i)?;
        (!t.word).then(|| self.char_at(t.start)).flatten()
    }

    pub fn is_capitalised(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| t.word)
            && self
                .char_at(self.token(i).map_or(0, |t| t.start))
                .is_some_and(|c| c.is_uppercase())
    }

    /// Whether there is white space (or nothing) between token `i - 1` and token `i`.
    pub fn spaced_before(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|p| self.token(p)), self.token(i)) {
            (Some(p), Some(t)) => p.end < t.start,
            _ => true,
        }
    }

    /// The index of the token containing or starting after code point `point`.
    pub fn token_at(&self, point: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= point)
    }

    pub fn sentence(&self, token: usize) -> Option<Sentence> {
        self.sentence_of
            .get(token)
            .and_then(|&s| self.sentences.get(s))
            .copied()
    }

    fn split_sentences(&mut self) {
        let mut first = 0;
        let n = self.tokens.len();
        for i in 0..n {
            let next_para = self.token(i + 1).is_some_and(|t| t.para_start);
            if next_para || i + 1 == n || self.ends_sentence(i) {
                self.sentences.push(Sentence { first, last: i + 1 });
                first = i + 1;
            }
        }
        self.sentence_of = vec![0; n];
        for (s, sentence) in self.sentences.iter().enumerate() {
            for slot in self
                .sentence_of
                .get_mut(sentence.first..sentence.last)
                .unwrap_or_default()
            {
                *slot = s;
            }
        }
    }

    /// Whether a sentence ends after token `i`: terminal punctuation (then any closing marks or
    /// brackets), white space, and a capital, digit or opening mark next.
    fn ends_sentence(&self, i: usize) -> bool {
        let terminal = |k: usize| matches!(self.punct(k), Some('.' | '!' | '?' | '…'));
        let closing_after_terminal = self.punct(i).is_some_and(is_closing_punct)
            && !self.spaced_before(i)
            && i.checked_sub(1).is_some_and(terminal);
        if !terminal(i) && !closing_after_terminal {
            return false;
        }
        // A closing mark glued to the stop ends the sentence after it.
        if self.punct(i + 1).is_some_and(is_closing_punct) && !self.spaced_before(i + 1) {
            return false;
        }
        if self.punct(i) == Some('.') {
            let prev = i.checked_sub(1);
            let abbreviation = prev.is_some_and(|p| {
                let t = self.tok_text(p);
                !self.spaced_before(i)
                    && (ABBREVIATIONS.contains(&t.to_lowercase().as_str())
                        || t.contains('.')
                        || t.chars().count() == 1 && t.chars().all(char::is_uppercase))
            });
            if abbreviation {
                return false;
            }
        }
        if !self.spaced_before(i + 1) {
            return false;
        }
        let Some(next) = self.token(i + 1) else {
            return true;
        };
        self.char_at(next.start)
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || is_opening_punct(c))
    }
}

/// Closing quotation marks and brackets that may follow a sentence's final punctuation.
pub(super) fn is_closing_punct(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | '»' | '«' | '“' | '‘' | '」' | '』' | ')' | ']')
}

pub(super) fn is_opening_punct(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '»' | '„' | '‚' | '「' | '『' | '(' | '[')
}

/// A word without a possessive ending ("Putin’s" → "Putin", "dockworkers’" → "dockworkers").
pub(super) fn strip_possessive(word: &str) -> &str {
    for ending in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(chars.len() / 5);
    let mut i = 0;
    let mut para_start = true;
    let at = |k: usize| chars.get(k).copied().unwrap_or(' ');
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            if c == '\n' {
                para_start = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let word = is_word_char(c);
        if word {
            i += 1;
            while let Some(&d) = chars.get(i) {
                if is_word_char(d) || joins(at(i.wrapping_sub(1)), d, at(i + 1)) {
                    i += 1;
                } else {
                    break;
                }
            }
        } else {
            i += 1;
        }
        tokens.push(Token {
            start,
            end: i,
            word,
            para_start,
        });
        para_start = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_dots() {
        let scan = Scan::new("America’s U.S. envoy met Mr. Witkoff at 9 a.m. on 140,000 cafe\u{301}s.");
        let words: Vec<String> = (0..scan.tokens.len()).map(|i| scan.tok_text(i)).collect();
        assert_eq!(
            words,
            [
                "America’s", "U.S", ".", "envoy", "met", "Mr", ".", "Witkoff", "at", "9", "a.m",
                ".", "on", "140,000", "cafe\u{301}s", "."
            ]
        );
        assert_eq!(scan.sentences.len(), 1);
    }

    #[test]
    fn sentences_end_at_stops_before_capitals_and_at_paragraphs() {
        let scan = Scan::new("He left. “Yes.” She said so\nNew one? no. Done");
        let firsts: Vec<String> = scan
            .sentences
            .iter()
            .map(|s| scan.tok_text(s.first))
            .collect();
        assert_eq!(firsts, ["He", "“", "She", "New", "Done"]);
    }
}
