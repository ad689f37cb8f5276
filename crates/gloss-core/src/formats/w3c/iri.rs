//! A source's address as an `id` of the Web Annotation file. Gloss accepts any address a person
//! pastes (an IRI: `https://de.wikipedia.org/wiki/Bürgermeister`), but the W3C test suite wants
//! every `id` a URI (ASCII only). So the export writes the URI (RFC 3987 §3.1: each character a
//! URI cannot hold as the percent-encoded bytes of its UTF-8) and the import turns exactly those
//! back (§3.2): the address reads back as it was written.

use std::fmt::Write;

/// ASCII characters an address Gloss accepts may hold that a URI may not.
const NOT_IN_URI: &str = "\"<>\\^`{|}";

fn needs_encoding(c: char) -> bool {
    !c.is_ascii() || NOT_IN_URI.contains(c)
}

/// The URI of an IRI: every character a URI cannot hold percent-encoded (upper-case hex).
pub(super) fn to_uri(iri: &str) -> String {
    let mut out = String::with_capacity(iri.len());
    for c in iri.chars() {
        if needs_encoding(c) {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The byte a `%XX` at the start of `s` stands for.
fn escaped_byte(s: &str) -> Option<u8> {
    let hex = s.strip_prefix('%')?.get(..2)?;
    u8::from_str_radix(hex, 16).ok()
}

/// The IRI of a URI: runs of percent-encoded bytes that are UTF-8 give back the characters a
/// URI cannot hold; every other escape (`%20`, `%2F`, bytes that are not UTF-8) is kept.
pub(super) fn to_iri(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    let mut rest = uri;
    while let Some(at) = rest.find('%') {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        // The run of escapes starting here.
        let mut bytes = Vec::new();
        let mut run = tail;
        while let Some(b) = escaped_byte(run) {
            bytes.push(b);
            run = run.get(3..).unwrap_or("");
        }
        if bytes.is_empty() {
            out.push('%');
            rest = tail.get(1..).unwrap_or("");
            continue;
        }
        let escaped = tail.get(..bytes.len() * 3).unwrap_or("");
        match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let mut at = 0;
                for c in text.chars() {
                    let width = c.len_utf8() * 3;
                    if needs_encoding(c) {
                        out.push(c);
                    } else {
                        out.push_str(escaped.get(at..at + width).unwrap_or(""));
                    }
                    at += width;
                }
            }
            Err(_) => out.push_str(escaped),
        }
        rest = run;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_go_to_uris_and_back() {
        for (iri, uri) in [
            ("https://a.example/x?y=1#z", "https://a.example/x?y=1#z"),
            (
                "https://de.wikipedia.org/wiki/Bürgermeister",
                "https://de.wikipedia.org/wiki/B%C3%BCrgermeister",
            ),
            ("https://a.example/😀", "https://a.example/%F0%9F%98%80"),
            (
                "https://東京.example/",
                "https://%E6%9D%B1%E4%BA%AC.example/",
            ),
            (
                "https://a.example/{x}|\"y\"",
                "https://a.example/%7Bx%7D%7C%22y%22",
            ),
            ("https://a.example/a%20b%2F", "https://a.example/a%20b%2F"),
        ] {
            assert_eq!(to_uri(iri), uri, "{iri}");
            assert_eq!(to_iri(uri), iri, "{uri}");
        }
    }

    #[test]
    fn other_escapes_are_kept() {
        for uri in [
            "https://a.example/%",
            "https://a.example/%zz%4",
            "https://a.example/%FF%FE",
            "https://a.example/%41%c3",
            "https://a.example/100%",
        ] {
            assert_eq!(to_iri(uri), uri);
        }
        // Lower-case escapes of UTF-8 read as the character too.
        assert_eq!(to_iri("https://a.example/%c3%a9"), "https://a.example/é");
    }
}
