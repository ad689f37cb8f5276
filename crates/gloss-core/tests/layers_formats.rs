//! Annotators' layers through every format but Gloss JSON (which `layers_import.rs` covers):
//! random annotations in random people's layers and the curated one, the same words often
//! marked by several, exported and imported again as a person would: each keeps its label,
//! words, `created_by` and `curated` (CSV is not read back; `csv_export.rs` checks its
//! columns). Each format's own tests (`brat.rs`, `doccano.rs`, `labelstudio.rs`, `w3c.rs`)
//! check how it says whose each annotation is.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod layers_common;

use gloss_core::formats::{self, Format, Scope};
use gloss_core::model::{Annotation, AnnotationId, Document, Label, Span, Timestamp};
use proptest::prelude::*;
use uuid::Uuid;

use layers_common::{import, layered, library, the_article, AT};

/// Who may have made an annotation: nobody named, plain names, and names with what brat's
/// configuration cannot hold as it stands.
const PEOPLE: [Option<&str>; 5] = [
    None,
    Some("Ana"),
    Some("Ben Ruiz"),
    Some("x_y|z, 5%"),
    Some("Zoë"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32)
    ))]

    #[test]
    fn random_layers_survive_every_format(
        text in common::article_text(),
        picks in prop::collection::vec(
            (any::<prop::sample::Index>(), 1usize..8, 0usize..3, 0usize..PEOPLE.len(), any::<bool>(), 0usize..3),
            1..12,
        ),
    ) {
        // brat gives back a span that begins or ends with a line break without it: a text
        // without line breaks keeps this test about layers.
        let text = text.replace('\n', " ");
        let bounds = common::boundaries(&text);
        let mut doc = Document::new("Random".into(), None, text.as_str().into(), AT);
        doc.id = gloss_core::model::DocumentId(Uuid::from_u128(0xD));
        let mut last: Option<(Span, Label)> = None;
        for (n, (at, len, label, who, curated, again)) in picks.into_iter().enumerate() {
            // Often the words the previous annotation marked, as another person marks them.
            let (span, label) = match last.filter(|_| again == 0) {
                Some(same) => same,
                None => {
                    let i = at.index(bounds.len() - 1);
                    let j = (i + len).min(bounds.len() - 1);
                    (Span { start: bounds[i], end: bounds[j] }, Label::ALL[label])
                }
            };
            if span.is_empty() || common::slice(&text, span.start, span.end).trim().is_empty() {
                continue;
            }
            last = Some((span, label));
            let mut a = Annotation::new(AnnotationId(Uuid::from_u128(0x100 + n as u128)), label, span, Timestamp(1));
            a.created_by = PEOPLE[who].map(str::to_owned);
            a.curated = curated;
            // The same words, label and layer twice is one annotation in every format.
            if doc.annotations.iter().any(|x| (x.span, x.label, &x.created_by, x.curated) == (a.span, a.label, &a.created_by, a.curated)) {
                continue;
            }
            doc.annotations.push(a);
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        let want = layered(&doc);
        let opened = doc.with_annotations(Vec::new());
        for format in [Format::W3c, Format::Brat, Format::Doccano, Format::LabelStudio] {
            let file = formats::export(format, &[&doc], Scope::Article, "Random", AT).unwrap();
            let what = format!("{format:?}");
            // W3C carries no text: the article is open in the library.
            let into = if format == Format::W3c { library(&[&opened]) } else { library(&[]) };
            if doc.annotations.is_empty() && format == Format::W3c {
                continue;
            }
            let imported = import(&file.bytes, &into, &what);
            let back = the_article(&imported, &what);
            prop_assert_eq!(&layered(&back), &want, "{}", what);
        }
    }
}
