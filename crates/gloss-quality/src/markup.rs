//! The markup a gold article is written in (`NAME.src`): the article's text with inline tags.
//!
//! - `[Dmitry Peskov|peskov]`: an actor mention; after `|` the key of the person or
//!   organisation it stands for. `[Peskov]` alone has the key `peskov` (the text, lower-cased,
//!   spaces turned into `-`).
//! - `{…|peskov}`: a direct quote said by `peskov`, linked to the nearest mention of that key
//!   that starts before the quote; `{…|peskov+}` links the first mention after the quote ends
//!   ("“…,” said Peskov"). `{…}` alone is a quote whose speaker the text does not name.
//! - `{~…|peskov}`: the same for an indirect quote (its note is `indirect`).
//!
//! Tags nest (an actor inside a quote). `[`, `]`, `{`, `}` and `|` are never text; `~` is a tag
//! only right after `{`. Offsets are code points of the text with the tags taken out.

use std::fmt;

/// What a tag marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagKind {
    Actor,
    DirectQuote,
    IndirectQuote,
}

/// Which mention of the speaker a quote links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The nearest mention starting before the quote.
    Before,
    /// The first mention starting after the quote ends.
    After,
}

/// One tag, its span in the untagged text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub kind: TagKind,
    pub start: usize,
    pub end: usize,
    /// An actor's key; a quote's speaker key (empty: no speaker named).
    pub key: String,
    pub which: Which,
}

/// The text with the tags taken out, and the tags in the order they close.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub tags: Vec<Tag>,
}

/// Why a source did not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkupError {
    Unopened {
        close: char,
        line: usize,
    },
    Unclosed {
        open: char,
        line: usize,
    },
    Mismatched {
        open: char,
        close: char,
        line: usize,
    },
    StrayBar {
        line: usize,
    },
    Empty {
        line: usize,
    },
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkupError::Unopened { close, line } => {
                write!(f, "line {line}: `{close}` closes no tag")
            }
            MarkupError::Unclosed { open, line } => {
                write!(f, "line {line}: the tag opened by `{open}` is never closed")
            }
            MarkupError::Mismatched { open, close, line } => {
                write!(
                    f,
                    "line {line}: `{close}` closes the tag opened by `{open}`"
                )
            }
            MarkupError::StrayBar { line } => write!(f, "line {line}: `|` outside a tag"),
            MarkupError::Empty { line } => write!(f, "line {line}: a tag around no text"),
        }
    }
}

impl std::error::Error for MarkupError {}

struct Open {
    open: char,
    kind: TagKind,
    start: usize,
    line: usize,
    /// `Some` once `|` was read: the key so far.
    key: Option<String>,
}

/// The key a mention without `|key` gets.
pub fn default_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// Reads a source.
pub fn parse(src: &str) -> Result<Marked, MarkupError> {
    let mut text = String::with_capacity(src.len());
    let mut len = 0usize;
    let mut line = 1usize;
    let mut stack: Vec<Open> = Vec::new();
    let mut tags = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(key) = stack.last_mut().and_then(|o| o.key.as_mut()) {
            if c != ']' && c != '}' {
                key.push(c);
                continue;
            }
        }
        match c {
            '[' => stack.push(Open {
                open: c,
                kind: TagKind::Actor,
                start: len,
                line,
                key: None,
            }),
            '{' => {
                let kind = if chars.peek() == Some(&'~') {
                    chars.next();
                    TagKind::IndirectQuote
                } else {
                    TagKind::DirectQuote
                };
                stack.push(Open {
                    open: c,
                    kind,
                    start: len,
                    line,
                    key: None,
                });
            }
            '|' => match stack.last_mut() {
                Some(o) => o.key = Some(String::new()),
                None => return Err(MarkupError::StrayBar { line }),
            },
            ']' | '}' => {
                let o = stack
                    .pop()
                    .ok_or(MarkupError::Unopened { close: c, line })?;
                let fits = (o.open == '[') == (c == ']');
                if !fits {
                    return Err(MarkupError::Mismatched {
                        open: o.open,
                        close: c,
                        line,
                    });
                }
                if o.start == len {
                    return Err(MarkupError::Empty { line });
                }
                let written = o.key.map(|k| k.trim().to_owned());
                let (key, which) = match (o.kind, written) {
                    (TagKind::Actor, None) => {
                        let inner: String = text.chars().skip(o.start).collect();
                        (default_key(&inner), Which::Before)
                    }
                    (_, Some(k)) if k.ends_with('+') => {
                        (k.trim_end_matches('+').to_owned(), Which::After)
                    }
                    (_, k) => (k.unwrap_or_default(), Which::Before),
                };
                tags.push(Tag {
                    kind: o.kind,
                    start: o.start,
                    end: len,
                    key,
                    which,
                });
            }
            _ => {
                if c == '\n' {
                    line += 1;
                }
                text.push(c);
                len += 1;
            }
        }
    }
    match stack.pop() {
        Some(o) => Err(MarkupError::Unclosed {
            open: o.open,
            line: o.line,
        }),
        None => Ok(Marked { text, tags }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(kind: TagKind, start: usize, end: usize, key: &str, which: Which) -> Tag {
        Tag {
            kind,
            start,
            end,
            key: key.into(),
            which,
        }
    }

    #[test]
    fn reads_tags_into_spans_of_the_untagged_text() {
        use TagKind::*;
        use Which::*;
        let cases: &[(&str, &str, &str, Vec<Tag>)] = &[
            ("plain", "no tags", "no tags", vec![]),
            (
                "actor, default key",
                "[Ana Lo] said",
                "Ana Lo said",
                vec![tag(Actor, 0, 6, "ana-lo", Before)],
            ),
            (
                "actor, own key",
                "Mr [Lo|ana-lo].",
                "Mr Lo.",
                vec![tag(Actor, 3, 5, "ana-lo", Before)],
            ),
            (
                "quote before",
                "“{Yes|lo}”",
                "“Yes”",
                vec![tag(DirectQuote, 1, 4, "lo", Before)],
            ),
            (
                "quote after",
                "“{Yes,|lo+}” said",
                "“Yes,” said",
                vec![tag(DirectQuote, 1, 5, "lo", After)],
            ),
            (
                "no speaker",
                "“{Yes}”",
                "“Yes”",
                vec![tag(DirectQuote, 1, 4, "", Before)],
            ),
            (
                "indirect",
                "said {~it rained|lo}.",
                "said it rained.",
                vec![tag(IndirectQuote, 5, 14, "lo", Before)],
            ),
            (
                "nested, astral",
                "🇳🇴 {[Lo] is 🙂|x}",
                "🇳🇴 Lo is 🙂",
                vec![
                    tag(Actor, 3, 5, "lo", Before),
                    tag(DirectQuote, 3, 10, "x", Before),
                ],
            ),
        ];
        for (name, src, text, tags) in cases {
            let marked = parse(src).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&marked.text, text, "{name}");
            assert_eq!(&marked.tags, tags, "{name}");
        }
    }

    #[test]
    fn refuses_broken_tags_with_the_line() {
        let cases: &[(&str, MarkupError)] = &[
            (
                "a]",
                MarkupError::Unopened {
                    close: ']',
                    line: 1,
                },
            ),
            ("\n[a", MarkupError::Unclosed { open: '[', line: 2 }),
            (
                "[a}",
                MarkupError::Mismatched {
                    open: '[',
                    close: '}',
                    line: 1,
                },
            ),
            ("a|b", MarkupError::StrayBar { line: 1 }),
            ("[]", MarkupError::Empty { line: 1 }),
        ];
        for (src, want) in cases {
            assert_eq!(parse(src).as_ref(), Err(want), "{src}");
        }
    }
}
