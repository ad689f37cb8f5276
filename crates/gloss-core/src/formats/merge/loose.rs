//! Annotations that came without their article's text (W3C Web Annotation): placed on the
//! article their text hash names, else on the open one, by their position or their quote.

use std::rc::Rc;

use super::super::gloss::shorten;
use super::super::parsed::{Imported, Incoming, Loose, LooseGroup, Problem};
use super::{merge, Working};
use crate::model::anchor::{reanchor, Anchor, Orphan};
use crate::model::offsets::TextIndex;
use crate::model::{DocumentId, Span, Timestamp};

pub(super) fn merge_loose(
    group: LooseGroup,
    working: &mut Working,
    open: Option<DocumentId>,
    at: Timestamp,
    out: &mut Imported,
) {
    let LooseGroup {
        text_sha256,
        name,
        annotations,
    } = group;
    let target = text_sha256
        .as_deref()
        .and_then(|sha| working.by_sha256(sha))
        .or(open);
    let Some(existing) = target.and_then(|id| working.get(id)).cloned() else {
        out.problems.push(Problem {
            document: name,
            annotation: None,
            reason: format!(
                "{} annotation{} of an article that is not in your library, and no article is open to place them on: open the article they belong to, then import the file again",
                annotations.len(),
                if annotations.len() == 1 { "" } else { "s" }
            ),
        });
        return;
    };
    let index = TextIndex::new(Rc::clone(&existing.text));
    let document = format!("“{}”", shorten(&existing.title));
    let mut incoming = Vec::new();
    for loose in annotations {
        match place(&index, &loose) {
            Ok(span) => {
                let mut annotation = loose.annotation;
                annotation.span = span;
                incoming.push(Incoming {
                    annotation,
                    dated: loose.dated,
                    identified: loose.identified,
                    quote: index.slice(span).to_owned(),
                    prefix: loose.prefix,
                    suffix: loose.suffix,
                });
            }
            Err(reason) => out.orphans.push(Problem {
                document: document.clone(),
                annotation: Some(format!(
                    "{} “{}”",
                    loose.annotation.label,
                    shorten(loose.quote.as_deref().unwrap_or(""))
                )),
                reason,
            }),
        }
    }
    let text = Rc::clone(&existing.text);
    let id = existing.id;
    match merge(&existing, incoming, &text, &document, at, working, out) {
        Some(doc) => working.put(doc),
        None if !working.changed.contains_key(&id) => out.unchanged += 1,
        None => {}
    }
}

/// Where an annotation without its article's text goes: its position where that gives its
/// quote (as code points, then as UTF-16 units as Hypothesis and Recogito count), else its quote
/// found by its prefix and suffix; `Err` when no place is certain.
pub fn place(index: &TextIndex, loose: &Loose) -> Result<Span, String> {
    let quote = loose.quote.as_deref().filter(|q| !q.is_empty());
    if let Some((start, end)) = loose.position {
        if let (Ok(s), Ok(e)) = (usize::try_from(start), usize::try_from(end)) {
            let on_text = |span: Span| {
                !span.is_empty()
                    && span.end <= index.len_cp()
                    && index.is_grapheme_boundary_cp(span.start)
                    && index.is_grapheme_boundary_cp(span.end)
                    && quote.is_none_or(|q| index.slice(span) == q)
            };
            let as_cp = Span { start: s, end: e };
            if on_text(as_cp) {
                return Ok(as_cp);
            }
            if quote.is_some() && e <= index.len_utf16() {
                let as_utf16 = Span {
                    start: index.cp_of_utf16(s),
                    end: index.cp_of_utf16(e),
                };
                if index.utf16_of_cp(as_utf16.start) == s
                    && index.utf16_of_cp(as_utf16.end) == e
                    && on_text(as_utf16)
                {
                    return Ok(as_utf16);
                }
            }
        }
    }
    let Some(quote) = quote else {
        return Err(match loose.position {
            Some((s, e)) => format!(
                "its position {s}–{e} is not on the article's text, and it gives no quote to look for"
            ),
            None => "it gives neither a position nor a quote".into(),
        });
    };
    match reanchor(index, quote, &loose.prefix, &loose.suffix, usize::MAX) {
        Anchor::Placed(span) => Ok(span),
        Anchor::Orphan(Orphan::NotFound) => Err("its text is not in the article".into()),
        Anchor::Orphan(why) => Err(why.to_string()),
    }
}
