//! Pairs of quotation marks, every common style: “…” "…" ‘…’ '…' «…» »…« „…“ „…” ‚…‘ 「…」 『…』.
//!
//! Only outermost pairs are returned: marks nested inside a quotation stay part of it. A pair
//! never crosses a paragraph break, except a quotation that runs over several paragraphs where
//! each paragraph opens with the same mark and only the last one closes.

use super::scan::is_word_char;

/// The styles of quotation marks, by their opening mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Curly,
    Low,
    Straight,
    Single,
    LowSingle,
    StraightSingle,
    Guillemets,
    ReversedGuillemets,
    Corner,
    WhiteCorner,
}

const STYLES: usize = 10;

impl Style {
    fn index(self) -> usize {
        self as usize
    }

    fn of_opening(c: char) -> Option<Style> {
        Some(match c {
            '“' => Style::Curly,
            '„' => Style::Low,
            '"' => Style::Straight,
            '‘' => Style::Single,
            '‚' => Style::LowSingle,
            '\'' => Style::StraightSingle,
            '«' => Style::Guillemets,
            '»' => Style::ReversedGuillemets,
            '「' => Style::Corner,
            '『' => Style::WhiteCorner,
            _ => return None,
        })
    }

    fn closes(self, c: char) -> bool {
        match self {
            Style::Curly => c == '”',
            Style::Low => c == '“' || c == '”',
            Style::Straight => c == '"',
            Style::Single => c == '’',
            Style::LowSingle => c == '‘' || c == '’',
            Style::StraightSingle => c == '\'',
            Style::Guillemets => c == '»',
            Style::ReversedGuillemets => c == '«',
            Style::Corner => c == '」',
            Style::WhiteCorner => c == '』',
        }
    }

    /// Single marks double as apostrophes: a closing one must not sit inside a word.
    fn is_single(self) -> bool {
        matches!(
            self,
            Style::Single | Style::LowSingle | Style::StraightSingle
        )
    }

    /// Guillemets and corner brackets may have a space inside (« Bonjour »).
    fn space_inside(self) -> bool {
        matches!(
            self,
            Style::Guillemets | Style::ReversedGuillemets | Style::Corner | Style::WhiteCorner
        )
    }
}

/// A pair of quotation marks: the code points of the opening and the closing mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pair {
    pub open: usize,
    pub close: usize,
}

fn at(chars: &[char], i: Option<usize>) -> char {
    i.and_then(|i| chars.get(i)).copied().unwrap_or(' ')
}

/// Whether the mark at `i` opens a quotation: it starts a word (nothing word-like before it)
/// and text follows it.
fn opens(chars: &[char], i: usize, style: Style) -> bool {
    let prev = at(chars, i.checked_sub(1));
    let next = at(chars, Some(i + 1));
    if is_word_char(prev) || (next.is_whitespace() && !style.space_inside()) {
        return false;
    }
    match style {
        Style::Straight | Style::StraightSingle => {
            prev.is_whitespace() || "([{—–-:/".contains(prev) || super::scan::is_opening_punct(prev)
        }
        _ => !next.is_whitespace() || style.space_inside(),
    }
}

/// Whether the character at `i` closes a quotation of `style`.
fn closes(chars: &[char], i: usize, style: Style) -> bool {
    let Some(&c) = chars.get(i) else {
        return false;
    };
    if !style.closes(c) {
        return false;
    }
    if style.is_single() {
        let prev = at(chars, i.checked_sub(1));
        let next = at(chars, Some(i + 1));
        return !prev.is_whitespace() && !is_word_char(next);
    }
    true
}

/// Where the paragraph after the line break at `i` starts (its first non-space code point).
fn next_paragraph(chars: &[char], i: usize) -> usize {
    let mut k = i;
    while chars.get(k).is_some_and(|c| c.is_whitespace()) {
        k += 1;
    }
    k
}

/// The closing mark for the opening mark at `open`, or where the search gave up.
fn find_close(chars: &[char], open: usize, style: Style) -> Result<usize, usize> {
    let mut j = open + 1;
    while let Some(&c) = chars.get(j) {
        if c == '\n' {
            let k = next_paragraph(chars, j);
            let same = chars.get(k).and_then(|&m| Style::of_opening(m)) == Some(style);
            if same && k > j {
                j = k + 1;
                continue;
            }
            return Err(j);
        }
        if closes(chars, j, style) {
            return Ok(j);
        }
        j += 1;
    }
    Err(j)
}

/// Every outermost pair of quotation marks, in text order. Linear: a failed search for a
/// style's closing mark is remembered, so no later opening mark of that style searches the
/// same stretch again.
pub(super) fn pairs(chars: &[char]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut no_close_before = [0usize; STYLES];
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let Some(style) = Style::of_opening(c) else {
            i += 1;
            continue;
        };
        let known_fail = no_close_before
            .get(style.index())
            .is_some_and(|&until| i < until);
        if known_fail || !opens(chars, i, style) {
            i += 1;
            continue;
        }
        match find_close(chars, i, style) {
            Ok(close) => {
                out.push(Pair { open: i, close });
                i = close + 1;
            }
            Err(until) => {
                if let Some(slot) = no_close_before.get_mut(style.index()) {
                    *slot = until;
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        pairs(&chars)
            .iter()
            .map(|p| chars.get(p.open + 1..p.close).unwrap_or_default().iter().collect())
            .collect()
    }

    #[test]
    fn styles() {
        let cases: &[(&str, &[&str])] = &[
            ("a “b c” d", &["b c"]),
            ("a \"b c\" d", &["b c"]),
            ("a ‘b c’ d", &["b c"]),
            ("a 'b c' d", &["b c"]),
            ("a «b c» d", &["b c"]),
            ("a « b c » d", &[" b c "]),
            ("a »b c« d", &["b c"]),
            ("a „b c“ d", &["b c"]),
            ("a „b c” d", &["b c"]),
            ("a ‚b c‘ d", &["b c"]),
            ("a 「b c」 d", &["b c"]),
            ("a 『b c』 d", &["b c"]),
            ("“outer ‘inner’ end”", &["outer ‘inner’ end"]),
            ("America’s ‘peace’ isn’t", &["peace"]),
            ("“We tried,” she said, “and failed.”", &["We tried,", "and failed."]),
            ("“never closed\n\nnext", &[]),
            ("“one\n\n“two\n\n“three.”", &["one\n\n“two\n\n“three."]),
            ("it's 5' tall and 'quoted'", &["quoted"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(inner(text), *want, "{text:?}");
        }
    }
}
