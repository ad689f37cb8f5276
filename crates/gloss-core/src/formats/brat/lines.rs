//! The `.ann` lines as brat reads them (brat's `server/src/annotation.py`): each line's id says
//! its kind, `T` (text), `R` (relation), `N` (normalization), `#` (note), `A` (the Verdict,
//! Annotator and Curated attributes) and the kinds Gloss counts and skips.

/// What Gloss does not read, by kind of line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Other {
    Relation,
    Event,
    Attribute,
    Equivalence,
}

/// One line of a `.ann`, read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Entry<'a> {
    /// `T`: a type on spans of the text, with the text brat repeats (when the line has it).
    Text {
        id: &'a str,
        kind: &'a str,
        fragments: Vec<(u64, u64)>,
        text: Option<&'a str>,
    },
    /// `#`: a note (`AnnotatorNotes`, or another comment type) on the annotation `target`.
    Note {
        kind: &'a str,
        target: &'a str,
        text: &'a str,
    },
    /// `R`: a relation of type `kind` from `arg1` to `arg2`.
    Relation {
        id: &'a str,
        kind: &'a str,
        arg1: &'a str,
        arg2: &'a str,
    },
    /// `N`: the annotation `target` stands for `id` in the database `db`, named `text`.
    Normalization {
        id: &'a str,
        target: &'a str,
        db: &'a str,
        key: &'a str,
        text: &'a str,
    },
    /// `A`: a claim's verdict, the attribute `Verdict` of `target` (see `checks`).
    Verdict {
        id: &'a str,
        target: &'a str,
        value: Option<&'a str>,
    },
    /// `A`: who made `target` (the attribute `Annotator`, see `layer`).
    Annotator {
        id: &'a str,
        target: &'a str,
        value: Option<&'a str>,
    },
    /// `A`: `target` is in the curated layer (the attribute `Curated`, see `layer`).
    Curated {
        id: &'a str,
        target: &'a str,
        value: Option<&'a str>,
    },
    /// A kind of line Gloss counts and skips.
    Other(Other),
    /// Not a brat line, and why.
    Malformed(String),
}

/// A line's number (from 1) and what it holds. Blank lines are left out.
pub(super) fn parse(ann: &str) -> Vec<(usize, Entry<'_>)> {
    ann.split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| (n, entry(line)))
        .collect()
}

fn entry(line: &str) -> Entry<'_> {
    let split = line
        .split_once('\t')
        .filter(|(id, _)| !id.contains(char::is_whitespace));
    let Some((id, rest)) = split else {
        return Entry::Malformed(
            "its id is not followed by a tab (brat separates the id, the annotation and its text by tabs)"
                .into(),
        );
    };
    let (data, text) = match rest.split_once('\t') {
        Some((data, text)) => (data, Some(text)),
        None => (rest, None),
    };
    match id.chars().next() {
        Some('T') if is_id(id) => text_entry(id, data, text),
        Some('#') if is_id(id) => match data.split_whitespace().collect::<Vec<_>>().as_slice() {
            &[kind, target] => Entry::Note {
                kind,
                target,
                text: text.unwrap_or(""),
            },
            _ => Entry::Malformed(
                "a note line should read “#1<TAB>AnnotatorNotes T1<TAB>text”".into(),
            ),
        },
        Some('R') if is_id(id) => match super::links::relation(data) {
            Ok((kind, arg1, arg2)) => Entry::Relation {
                id,
                kind,
                arg1,
                arg2,
            },
            Err(reason) => Entry::Malformed(reason),
        },
        Some('E') if is_id(id) => Entry::Other(Other::Event),
        Some('A' | 'M') if is_id(id) => super::checks::attribute(id, data)
            .or_else(|| super::layer::attribute(id, data))
            .unwrap_or(Entry::Other(Other::Attribute)),
        Some('N') if is_id(id) => match super::links::normalization(data) {
            Ok((target, db, key)) => Entry::Normalization {
                id,
                target,
                db,
                key,
                text: text.unwrap_or(""),
            },
            Err(reason) => Entry::Malformed(reason),
        },
        Some('*') if id == "*" => Entry::Other(Other::Equivalence),
        _ => Entry::Malformed(format!(
            "“{}” is not a brat id (a letter T, R, E, A, M, N or # and a number)",
            crate::model::text::excerpt(id, 20)
        )),
    }
}

/// brat's ids: letters (or `#` and letters) and a number, then anything.
fn is_id(id: &str) -> bool {
    let rest = id.strip_prefix('#').unwrap_or(id);
    let letters = rest.chars().take_while(char::is_ascii_alphabetic).count();
    let after = rest.get(letters..).unwrap_or("");
    (letters > 0 || id.starts_with('#')) && after.starts_with(|c: char| c.is_ascii_digit())
}

fn text_entry<'a>(id: &'a str, data: &'a str, text: Option<&'a str>) -> Entry<'a> {
    let malformed = || {
        Entry::Malformed(format!(
            "{id} should read “{id}<TAB>Type start end<TAB>text” (fragments joined by “;”), not “{}”",
            crate::model::text::excerpt(data, 40)
        ))
    };
    let Some((kind, spans)) = data.split_once(' ') else {
        return malformed();
    };
    let mut fragments = Vec::new();
    for fragment in spans.split(';') {
        let numbers: Vec<&str> = fragment.split_whitespace().collect();
        let &[start, end] = numbers.as_slice() else {
            return malformed();
        };
        let (Ok(start), Ok(end)) = (start.parse::<u64>(), end.parse::<u64>()) else {
            return malformed();
        };
        fragments.push((start, end));
    }
    if kind.trim().is_empty() {
        return malformed();
    }
    Entry::Text {
        id,
        kind,
        fragments,
        text,
    }
}

/// Whether `text` is a brat `.ann`: its first line that is not blank is a brat line (a
/// letter naming the kind of line, digits, a tab), and so is at least half of its first 100.
/// An article, Gloss's CSV and JSON have no tab there.
pub fn looks_like_ann(text: &str) -> bool {
    let looks = |line: &str| {
        let mut chars = line.chars();
        matches!(
            chars.next(),
            Some('T' | 'R' | 'E' | 'A' | 'N' | 'M' | '#' | '*')
        ) && chars
            .find(|c| !c.is_ascii_digit())
            .is_some_and(|c| c == '\t')
    };
    let mut lines = text
        .split('\n')
        .filter(|line| !line.trim().is_empty())
        .take(100);
    let Some(first) = lines.next() else {
        return false;
    };
    if !looks(first) {
        return false;
    }
    let (mut total, mut brat) = (1usize, 1usize);
    for line in lines {
        total += 1;
        brat += usize::from(looks(line));
    }
    brat * 2 >= total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_by_kind() {
        let ann = "T1\tClaim 0 4\tRain\r\n\n#1\tAnnotatorNotes T1\tchecked\nR1\tCause Arg1:T1 Arg2:T2\t\nE1\tAttack:T2\nA1\tNegated E1\nM2\tSpeculation E1\nN1\tReference T1 Wikipedia:534366\tBarack\n*\tEquiv T1 T2\nT2 Claim 0 4\tRain\nX1\tfoo\nT3\tClaim 1 2;x\tz\nT4\tQuote 0 1;2 3\n";
        let got = parse(ann);
        let kinds: Vec<(usize, &Entry)> = got.iter().map(|(n, e)| (*n, e)).collect();
        assert_eq!(
            kinds.first(),
            Some(&(
                1,
                &Entry::Text {
                    id: "T1",
                    kind: "Claim",
                    fragments: vec![(0, 4)],
                    text: Some("Rain")
                }
            ))
        );
        assert_eq!(
            got.get(1),
            Some(&(
                3,
                Entry::Note {
                    kind: "AnnotatorNotes",
                    target: "T1",
                    text: "checked"
                }
            ))
        );
        let others: Vec<Other> = got
            .iter()
            .filter_map(|(_, e)| match e {
                Entry::Other(o) => Some(*o),
                _ => None,
            })
            .collect();
        assert_eq!(
            others,
            [
                Other::Event,
                Other::Attribute,
                Other::Attribute,
                Other::Equivalence
            ]
        );
        assert!(got.iter().any(|(n, e)| *n == 4
            && *e
                == Entry::Relation {
                    id: "R1",
                    kind: "Cause",
                    arg1: "T1",
                    arg2: "T2"
                }));
        assert!(got.iter().any(|(n, e)| *n == 8
            && *e
                == Entry::Normalization {
                    id: "N1",
                    target: "T1",
                    db: "Wikipedia",
                    key: "534366",
                    text: "Barack"
                }));
        let malformed: Vec<usize> = got
            .iter()
            .filter(|(_, e)| matches!(e, Entry::Malformed(_)))
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(malformed, [10, 11, 12]);
        assert!(matches!(
            got.last(),
            Some((13, Entry::Text { fragments, text: None, .. })) if fragments == &[(0, 1), (2, 3)]
        ));
    }

    #[test]
    fn ann_is_told_from_other_text() {
        for (text, want) in [
            ("T1\tClaim 0 4\tRain\n", true),
            ("\n\n#1\tAnnotatorNotes T1\tx\n", true),
            ("*\tEquiv T1 T2\n", true),
            ("T1\tClaim 0 4\tRain\nbroken line\n", true),
            ("", false),
            ("The minister said so.\nT1\tx\n", false),
            ("Tanks rolled in.\tYes", false),
            ("T1\tx\na\nb\nc\n", false),
            ("\u{FEFF}article_id,title,date\r\n", false),
        ] {
            assert_eq!(looks_like_ann(text), want, "{text:?}");
        }
    }
}
