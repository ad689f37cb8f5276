//! What the readers of other tools' formats share: their text made canonical with their offsets
//! carried over, their labels matched to Gloss's, ids for annotations that come without one, and
//! a reason for everything left out.
//!
//! Other tools count offsets over the text as they hold it, which may have CRLF line ends or a
//! byte-order mark that Gloss's canonical text does not; some count UTF-16 code units where
//! they say code points. [`ForeignDocument::add`] takes the file's offsets and, when the file
//! also gives the marked text, checks them: code points first, then UTF-16, and an annotation
//! whose offsets give neither is reported, never placed on other words.

use std::collections::BTreeMap;
use std::rc::Rc;

pub use super::names::{derived_uuid, label_of, uuid_of, Skipped};

mod checks;

use super::links::Links;
use super::parsed::{Incoming, Matching, Parsed, ParsedDocument, Problem, CONTEXT};
use super::sha256_hex;
use super::whose::Whose;
use crate::model::anchor::context;
use crate::model::offsets::TextIndex;
use crate::model::text::{canonicalize, excerpt, first_words, MAX_ARTICLE_BYTES};
use crate::model::{
    Annotation, AnnotationId, ArticleDate, DocumentId, EntityId, Extra, Label, Span, Timestamp,
};

/// One annotation as another tool's file gives it.
#[derive(Debug, Clone, Default)]
pub struct Mark<'a> {
    /// The file's id for it, if any: kept when it is a UUID.
    pub id: Option<&'a str>,
    /// How reports name it when it is not imported (its id, or its position in the file).
    pub name: String,
    pub start: u64,
    pub end: u64,
    /// The text it marks, when the file says: the offsets must give it.
    pub quote: Option<&'a str>,
    pub note: String,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    /// Its layer, when the file says (else the importing person's own).
    pub whose: Whose,
}

/// An article of another tool's file, being read.
#[derive(Debug)]
pub struct ForeignDocument {
    name: String,
    title: Option<String>,
    date: Option<ArticleDate>,
    /// The text as the file has it, and as Gloss keeps it.
    raw: TextIndex,
    text: TextIndex,
    /// `raw code point → canonical code point`, when the two differ.
    map: Option<Vec<usize>>,
    text_sha256: String,
    incoming: Vec<Incoming>,
    /// How reports name each annotation added (its mark's name).
    names: BTreeMap<AnnotationId, String>,
    links: Links,
    problems: Vec<Problem>,
    extra: Extra,
    at: Timestamp,
}

impl ForeignDocument {
    /// An article of `raw` text; `Err` is a problem for the file's report (empty, too large).
    pub fn new(name: String, raw: &str, at: Timestamp) -> Result<ForeignDocument, Problem> {
        let problem = |reason: &str| Problem {
            document: name.clone(),
            annotation: None,
            reason: reason.to_owned(),
        };
        if raw.len() > MAX_ARTICLE_BYTES {
            return Err(problem(&format!(
                "its text is larger than {} MB",
                MAX_ARTICLE_BYTES / (1024 * 1024)
            )));
        }
        if raw.trim().is_empty() {
            return Err(problem("its text is empty"));
        }
        let canonical = canonicalize(raw);
        let map = (canonical != raw).then(|| raw_to_canonical(raw));
        Ok(ForeignDocument {
            text_sha256: sha256_hex(&canonical),
            raw: TextIndex::new(Rc::from(raw)),
            text: TextIndex::new(Rc::from(canonical)),
            map,
            name,
            title: None,
            date: None,
            incoming: Vec::new(),
            names: BTreeMap::new(),
            links: Links::default(),
            problems: Vec::new(),
            extra: Extra::new(),
            at,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn set_title(&mut self, title: &str) {
        let title = title.trim();
        if !title.is_empty() {
            self.title = Some(title.to_owned());
        }
    }

    /// The article's date from the file (`YYYY-MM-DD`, or the date part of a timestamp); a value
    /// that is not a date is reported and left out.
    pub fn set_date(&mut self, date: &str) {
        let date = date.trim();
        if date.is_empty() {
            return;
        }
        match date.get(..10).and_then(ArticleDate::parse) {
            Some(d) if date.len() == 10 || date.as_bytes().get(10) == Some(&b'T') => {
                self.date = Some(d)
            }
            _ => self.problem(
                None,
                format!(
                    "its date “{}” is not a calendar date (YYYY-MM-DD); imported without a date",
                    excerpt(date, 40)
                ),
            ),
        }
    }

    /// Keeps a field Gloss does not know, so that a Gloss JSON export carries it on.
    pub fn keep(&mut self, key: &str, value: serde_json::Value) {
        self.extra.insert(key.to_owned(), value);
    }

    /// The canonical text (what Gloss keeps).
    pub fn text(&self) -> &str {
        self.text.text()
    }

    pub fn problem(&mut self, annotation: Option<String>, reason: String) {
        self.problems.push(Problem {
            document: self.name.clone(),
            annotation,
            reason,
        });
    }

    /// The span `start..end` (offsets into the file's text) gives, in canonical code points:
    /// code points when they give `quote` (or when there is no quote), else UTF-16 units
    /// when those give it.
    pub fn span_of(&self, start: u64, end: u64, quote: Option<&str>) -> Result<Span, String> {
        if end < start {
            return Err(format!("its end ({end}) is before its start ({start})"));
        }
        if end == start {
            return Err(format!("it is empty (start and end are both {start})"));
        }
        let (Ok(s), Ok(e)) = (usize::try_from(start), usize::try_from(end)) else {
            return Err(self.outside(start, end));
        };
        let as_cp = (e <= self.raw.len_cp()).then_some(Span { start: s, end: e });
        let fits = |span: Span| quote.is_none_or(|q| self.raw.slice(span) == q);
        let raw_span = match as_cp {
            Some(span) if fits(span) => span,
            _ => {
                let as_utf16 = (quote.is_some() && e <= self.raw.len_utf16()).then(|| Span {
                    start: self.raw.cp_of_utf16(s),
                    end: self.raw.cp_of_utf16(e),
                });
                match (as_utf16, as_cp, quote) {
                    (Some(span), _, _)
                        if !span.is_empty()
                            && self.raw.utf16_of_cp(span.start) == s
                            && self.raw.utf16_of_cp(span.end) == e
                            && fits(span) =>
                    {
                        span
                    }
                    (_, Some(span), Some(q)) => {
                        return Err(format!(
                            "its text “{}” is not what its offsets {start}–{end} give (the article has “{}” there)",
                            excerpt(q, 40),
                            excerpt(self.raw.slice(span), 40)
                        ))
                    }
                    _ => return Err(self.outside(start, end)),
                }
            }
        };
        let span = match &self.map {
            None => raw_span,
            Some(map) => Span {
                start: map
                    .get(raw_span.start)
                    .copied()
                    .unwrap_or(self.text.len_cp()),
                end: map.get(raw_span.end).copied().unwrap_or(self.text.len_cp()),
            },
        };
        if span.is_empty() {
            return Err("it marks only a byte-order mark or a carriage return".into());
        }
        if !self.text.is_grapheme_boundary_cp(span.start)
            || !self.text.is_grapheme_boundary_cp(span.end)
        {
            return Err(format!(
                "its offsets {start}–{end} cut a character in two (an emoji, a flag or an accented letter)"
            ));
        }
        Ok(span)
    }

    fn outside(&self, start: u64, end: u64) -> String {
        format!(
            "its offsets {start}–{end} lie outside the text ({} characters)",
            self.raw.len_cp()
        )
    }

    /// Adds an annotation and returns its id, or reports why it is left out.
    pub fn add(&mut self, label: Label, mark: Mark) -> Option<AnnotationId> {
        match self.span_of(mark.start, mark.end, mark.quote) {
            Ok(span) => Some(self.add_span(label, span, mark)),
            Err(reason) => {
                self.problem(Some(mark.name), reason);
                None
            }
        }
    }

    /// `quote` (a quote or claim added) was said by `actor` (an actor added); checked when
    /// the article is finished.
    pub fn link_source(&mut self, quote: AnnotationId, actor: AnnotationId) {
        self.links.source(quote, actor);
    }

    /// The actor `actor` (added) stands for the entity `id`, called `name` when the file says.
    pub fn set_entity(&mut self, actor: AnnotationId, id: EntityId, name: Option<&str>) {
        self.links.entity(actor, id, name);
    }

    /// Adds an annotation on a span of the canonical text already checked; returns its id.
    pub fn add_span(&mut self, label: Label, span: Span, mark: Mark) -> AnnotationId {
        let own = mark.id.and_then(uuid_of);
        let id = own.unwrap_or_else(|| {
            let (start, end) = (span.start.to_string(), span.end.to_string());
            let mut parts = vec![self.text_sha256.as_str(), label.slug(), &start, &end];
            // Two people's marks on the same words are two annotations.
            parts.extend(mark.whose.id_parts());
            derived_uuid(&parts)
        });
        let (prefix, suffix) = context(&self.text, span, CONTEXT);
        let created_at = mark.created_at.or(mark.updated_at).unwrap_or(self.at);
        self.names.insert(AnnotationId(id), mark.name);
        self.incoming.push(Incoming {
            annotation: Annotation {
                id: AnnotationId(id),
                label,
                span,
                note: mark.note,
                created_at,
                updated_at: mark.updated_at.unwrap_or(created_at),
                source: None,
                entity: None,
                verdict: None,
                evidence: Vec::new(),
                created_by: mark.whose.created_by,
                updated_by: None,
                curated: mark.whose.curated,
                extra: Extra::new(),
            },
            dated: mark.updated_at.is_some(),
            identified: own.is_some(),
            quote: self.text.slice(span).to_owned(),
            prefix,
            suffix,
        });
        AnnotationId(id)
    }

    /// The article, into `parsed`, with its problems; its links put on its annotations, those
    /// that cannot hold left out with their reasons.
    pub fn finish(mut self, parsed: &mut Parsed) {
        let text: Rc<str> = Rc::from(self.text.text());
        let mut entities = Vec::new();
        if !self.links.is_empty() {
            let mut annotations: Vec<Annotation> =
                self.incoming.iter().map(|i| i.annotation.clone()).collect();
            let links = std::mem::take(&mut self.links);
            let (used, problems) = links.apply(&text, &mut annotations);
            entities = used;
            for (inc, a) in self.incoming.iter_mut().zip(annotations) {
                inc.annotation = a;
            }
            for (id, reason) in problems {
                let name = self
                    .names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string());
                self.problem(Some(name), reason);
            }
        }
        parsed.problems.extend(self.problems);
        parsed.documents.push(ParsedDocument {
            id: DocumentId(derived_uuid(&["document", &self.text_sha256])),
            matching: Matching::Text,
            title: self.title.unwrap_or_else(|| first_words(&text, 8, 60)),
            date: self.date,
            text,
            extra: self.extra,
            name: self.name,
            incoming: self.incoming,
            entities,
            rejected: Vec::new(),
            left_out: Vec::new(),
        });
    }
}

/// For each code point of `raw` (and its end), the code point of the canonical text it becomes
/// (see [`canonicalize`]): a removed byte-order mark or the CR of a CRLF maps to where the next
/// character lands.
fn raw_to_canonical(raw: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(raw.len() + 1);
    let mut out = 0usize;
    let mut leading = true;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        map.push(out);
        if leading && c == '\u{FEFF}' {
            continue;
        }
        leading = false;
        if c == '\r' && chars.peek() == Some(&'\n') {
            // The CR goes; its LF becomes the one line break.
            continue;
        }
        out += 1;
    }
    map.push(out);
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_map_follows_crlf_and_bom() {
        let raw = "\u{FEFF}a\r\nb\rc";
        let canonical = canonicalize(raw);
        assert_eq!(canonical, "a\nb\nc");
        let map = raw_to_canonical(raw);
        // BOM→0, a→0, CR→1, LF→1, b→2, CR→3, c→4, end→5
        assert_eq!(map, vec![0, 0, 1, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn offsets_over_crlf_text_land_on_the_same_words() {
        let raw = "One\r\nTwo words\r\nThree";
        let doc = ForeignDocument::new("t".into(), raw, Timestamp(0)).expect("a document");
        let span = doc.span_of(5, 14, Some("Two words")).expect("placed");
        assert_eq!(doc.text.slice(span), "Two words");
    }

    #[test]
    fn utf16_offsets_are_recognised_by_their_quote() {
        let raw = "😀 said: rain";
        let doc = ForeignDocument::new("t".into(), raw, Timestamp(0)).expect("a document");
        // "rain" is at code points 8..12 and UTF-16 units 9..13.
        assert_eq!(
            doc.text
                .slice(doc.span_of(8, 12, Some("rain")).expect("cp")),
            "rain"
        );
        assert_eq!(
            doc.text
                .slice(doc.span_of(9, 13, Some("rain")).expect("utf16")),
            "rain"
        );
        assert!(doc.span_of(3, 7, Some("rain")).is_err());
        assert!(doc.span_of(10, 99, Some("rain")).is_err());
    }
}
