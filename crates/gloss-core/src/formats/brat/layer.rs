//! Whose layer an annotation is in, in brat's terms: attributes, declared in `annotation.conf`
//! as brat wants every attribute to be.
//!
//! ```text
//! A3<TAB>Annotator T1 Ana_Ruiz
//! A4<TAB>Curated T2
//! ```
//!
//! - `Annotator`, a multi-valued attribute whose values are the names of the people whose
//!   annotations the export holds: `Annotator<TAB>Arg:Claim|Quote|Actor, Value:Ana_Ruiz|Ben`.
//! - `Curated`, a binary attribute (no value): the annotation is in the curated layer, and its
//!   `Annotator` is who curated it.
//!
//! brat's `annotation.conf` reads a value list as words separated by `|`, a list of arguments
//! separated by `,`, and no white space in either; so a name is written as one such word: a
//! space as `_`, and `_`, `%`, `,`, `|`, other white space and control characters
//! percent-encoded (UTF-8, `%5F` for `_`). Reading undoes exactly that, so every name comes
//! back as it was; a value another tool wrote without escapes reads as itself, `_` as a space.

use std::collections::BTreeMap;

use super::lines::Entry;
use crate::formats::foreign::ForeignDocument;
use crate::formats::whose::Whose;
use crate::model::{AnnotationId, Document};

/// The attributes' names.
pub const ANNOTATOR: &str = "Annotator";
pub const CURATED: &str = "Curated";

/// The `[attributes]` lines of `annotation.conf`: `Curated` always (brat's editor then offers
/// it), `Annotator` with the names `names` (none: no line, as brat wants a value list).
pub(super) fn conf_lines(names: &[String]) -> String {
    let mut out = String::new();
    if !names.is_empty() {
        let values: Vec<String> = names.iter().map(|n| encode(n)).collect();
        out.push_str(&format!(
            "{ANNOTATOR}\tArg:Claim|Quote|Actor, Value:{}\n",
            values.join("|")
        ));
    }
    out.push_str(&format!("{CURATED}\tArg:Claim|Quote|Actor\n"));
    out
}

/// A name as one word of brat's configuration and `.ann`.
pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            ' ' => out.push('_'),
            '_' | '%' | ',' | '|' => percent(c, &mut out),
            c if c.is_whitespace() || c.is_control() => percent(c, &mut out),
            c => out.push(c),
        }
    }
    out
}

fn percent(c: char, out: &mut String) {
    let mut bytes = [0u8; 4];
    for b in c.encode_utf8(&mut bytes).bytes() {
        out.push_str(&format!("%{b:02X}"));
    }
}

/// A name from an `Annotator` value: `_` a space, `%XX` a byte of its UTF-8. A `%` not
/// followed by two hex digits, or escapes that are not UTF-8, are read as they stand.
pub fn decode(value: &str) -> String {
    let raw = value.as_bytes();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .filter(|h| h.bytes().all(|x| x.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(byte)) => {
                bytes.push(byte);
                i += 3;
            }
            (b'_', _) => {
                bytes.push(b' ');
                i += 1;
            }
            (b, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| value.replace('_', " "))
}

/// An `A` (or `M`) line's data when it is a layer attribute: `Annotator T3 Ana_Ruiz`,
/// `Curated T3`.
pub(super) fn attribute<'a>(id: &'a str, data: &'a str) -> Option<Entry<'a>> {
    let mut words = data.split_whitespace();
    let name = words.next()?;
    let target = words.next().unwrap_or("");
    let value = words.next();
    if name.eq_ignore_ascii_case(ANNOTATOR) {
        Some(Entry::Annotator { id, target, value })
    } else if name.eq_ignore_ascii_case(CURATED) {
        Some(Entry::Curated { id, target, value })
    } else {
        None
    }
}

/// The `A` lines of `doc`'s layers, numbered from `n + 1` (the lines before are the verdicts'):
/// each annotation's `Annotator` then `Curated`, in the order of `numbers`' `T` lines.
pub(super) fn write(
    doc: &Document,
    numbers: &BTreeMap<AnnotationId, usize>,
    mut n: usize,
    out: &mut String,
) {
    let mut written: Vec<(usize, &crate::model::Annotation)> = doc
        .annotations
        .iter()
        .filter_map(|a| Some((*numbers.get(&a.id)?, a)))
        .collect();
    written.sort_by_key(|(t, _)| *t);
    for (t, a) in written {
        if let Some(name) = &a.created_by {
            n += 1;
            out.push_str(&format!("A{n}\t{ANNOTATOR} T{t} {}\n", encode(name)));
        }
        if a.curated {
            n += 1;
            out.push_str(&format!("A{n}\t{CURATED} T{t}\n"));
        }
    }
}

/// The layer each `T` id's attributes give it (`entries`: the file's lines), and the lines that
/// could not be read, reported on `doc`. A second attribute of one kind on one annotation is
/// left out (brat allows one).
pub(super) fn read<'a>(
    entries: &[(usize, Entry<'a>)],
    doc: &mut ForeignDocument,
) -> BTreeMap<&'a str, Whose> {
    let mut names: BTreeMap<&str, Option<String>> = BTreeMap::new();
    let mut curated: BTreeMap<&str, bool> = BTreeMap::new();
    for (n, entry) in entries {
        let problem = |id: &str, reason: String| (Some(format!("{id} (line {n})")), reason);
        let unread = match *entry {
            Entry::Annotator { id, target, value } => match value {
                None => Some(problem(
                    id,
                    "its Annotator has no name; it was left out".into(),
                )),
                Some(_) if names.contains_key(target) => Some(problem(
                    id,
                    format!("{target} has an Annotator already; this one was left out"),
                )),
                Some(value) => {
                    names.insert(target, crate::formats::whose::name(&decode(value)));
                    None
                }
            },
            Entry::Curated { id, target, value } => {
                let yes = match value.map(str::to_ascii_lowercase).as_deref() {
                    None | Some("true") => Some(true),
                    Some("false") => Some(false),
                    Some(_) => None,
                };
                match yes {
                    _ if curated.contains_key(target) => Some(problem(
                        id,
                        format!("{target} is marked Curated already; this one was left out"),
                    )),
                    Some(yes) => {
                        curated.insert(target, yes);
                        None
                    }
                    None => Some(problem(
                        id,
                        "Curated takes no value (or true, false); it was left out".into(),
                    )),
                }
            }
            _ => None,
        };
        if let Some((name, reason)) = unread {
            doc.problem(name, reason);
        }
    }
    let mut out: BTreeMap<&str, Whose> = BTreeMap::new();
    for (target, name) in names {
        out.entry(target).or_default().created_by = name;
    }
    for (target, yes) in curated {
        out.entry(target).or_default().curated = yes;
    }
    out
}

/// Reports the layer attributes whose target is no `T` line of the file (`is_text` says which
/// ids are).
pub(super) fn check_targets(
    entries: &[(usize, Entry<'_>)],
    is_text: impl Fn(&str) -> bool,
    doc: &mut ForeignDocument,
) {
    for (n, entry) in entries {
        let (Entry::Annotator { id, target, .. } | Entry::Curated { id, target, .. }) = entry
        else {
            continue;
        };
        if !is_text(target) {
            doc.problem(
                Some(format!("{id} (line {n})")),
                format!("its target {target} is no annotation of the file; it was left out"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_one_word_and_come_back() {
        for (name, word) in [
            ("Ana", "Ana"),
            ("Ana Ruiz", "Ana_Ruiz"),
            ("ana_r", "ana%5Fr"),
            ("Zoë Ñúñez-Brandão", "Zoë_Ñúñez-Brandão"),
            ("A, B | C", "A%2C_B_%7C_C"),
            ("50% Ben", "50%25_Ben"),
            ("tab\there", "tab%09here"),
            ("no\u{a0}break", "no%C2%A0break"),
            ("二 人", "二_人"),
        ] {
            assert_eq!(encode(name), word, "{name:?}");
            assert_eq!(decode(word), name, "{word:?}");
            assert!(!word.contains(char::is_whitespace) && !word.contains([',', '|']));
        }
        // Written by another tool: read as it stands.
        assert_eq!(decode("ben_smith"), "ben smith");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%FF"), "%FF");
    }
}
