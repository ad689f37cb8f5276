//! The labelled set is what its sources say, imports cleanly, and keeps its conventions.

use gloss_core::model::sample::SAMPLE_TEXT;
use gloss_core::model::Label;
use gloss_quality::build::{build, INDIRECT};
use gloss_quality::gold::{entries, load, set_dir, Split};

/// Quotation marks a gold quote never starts or ends with (they are left out of its span).
const MARKS: &[char] = &[
    '"', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›', '「', '」', '『', '』', '\'',
];

#[test]
fn committed_files_are_what_the_sources_build() {
    for entry in entries().expect("the set reads") {
        let src = std::fs::read_to_string(entry.path("src")).expect("source reads");
        let built = build(&entry.name, &src).unwrap_or_else(|e| panic!("{}: {e}", entry.name));
        for (ext, want) in [("txt", &built.txt), ("gloss.json", &built.json)] {
            let have = std::fs::read_to_string(entry.path(ext)).unwrap_or_default();
            assert!(
                &have == want,
                "{}.{ext} is stale: run `cargo run -p gloss-quality --bin gold`",
                entry.name
            );
        }
    }
}

#[test]
fn the_set_is_large_enough_and_a_third_is_held_out() {
    let all = entries().expect("the set reads");
    let held = all.iter().filter(|e| e.split == Split::Heldout).count();
    assert!(all.len() >= 15, "{} articles", all.len());
    assert!(
        held >= 5 && 3 * held >= all.len(),
        "{held} of {} held out",
        all.len()
    );
}

#[test]
fn the_projects_own_articles_are_copied_unchanged() {
    let dev = |name: &str| set_dir().join("dev").join(name);
    let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).expect("file reads");
    assert_eq!(read(dev("sample-bridge.txt")), SAMPLE_TEXT);
    for name in [
        "harbour",
        "repeated-names",
        "spokesman",
        "spokesman-followup",
    ] {
        let original = set_dir().join(format!("../article-{name}.txt"));
        assert_eq!(
            read(dev(&format!("fixture-{name}.txt"))),
            read(original),
            "{name}"
        );
    }
}

#[test]
fn every_gold_file_imports_and_keeps_the_conventions() {
    for entry in entries().expect("the set reads") {
        let name = &entry.name;
        let article = load(&entry).unwrap_or_else(|e| panic!("{e}"));
        let doc = &article.document;
        let annotations: Vec<_> = doc.incoming.iter().map(|i| &i.annotation).collect();
        let text = |a: &gloss_core::model::Annotation| -> String {
            doc.text
                .chars()
                .skip(a.span.start)
                .take(a.span.len())
                .collect()
        };
        for a in &annotations {
            let said = text(a);
            assert_eq!(
                said.trim(),
                said,
                "{name}: “{said}” has white space at an end"
            );
            match a.label {
                Label::Actor => {
                    assert!(a.entity.is_some(), "{name}: actor “{said}” has no entity");
                    assert!(a.source.is_none(), "{name}: actor “{said}” has a source");
                }
                Label::Quote => {
                    assert!(
                        a.note.is_empty() || a.note == INDIRECT,
                        "{name}: note {:?}",
                        a.note
                    );
                    // A direct quote sits between marks (white space aside); an indirect one
                    // starts and ends on words. Inner marks may end a direct quote ('crisis,').
                    let chars: Vec<char> = doc.text.chars().collect();
                    let before = chars[..a.span.start]
                        .iter()
                        .rev()
                        .find(|c| !c.is_whitespace());
                    let after = chars[a.span.end..].iter().find(|c| !c.is_whitespace());
                    if a.note.is_empty() {
                        let marked = |c: Option<&char>| c.is_some_and(|c| MARKS.contains(c));
                        assert!(
                            marked(before) && marked(after),
                            "{name}: quote “{said}” is not between quotation marks"
                        );
                    } else {
                        assert!(
                            !said.starts_with(MARKS) && !said.ends_with(MARKS),
                            "{name}: indirect quote “{said}” starts or ends with a mark"
                        );
                    }
                    if let Some(source) = a.source {
                        let actor = annotations.iter().find(|b| b.id == source);
                        assert!(
                            actor.is_some_and(|b| b.label == Label::Actor),
                            "{name}: the source of “{said}” is not an actor of the article"
                        );
                    }
                }
                Label::Claim => panic!("{name}: the set has no claims, found “{said}”"),
            }
        }
        let entity_ids: Vec<_> = article.entities.iter().map(|e| e.id).collect();
        for a in annotations.iter().filter(|a| a.label == Label::Actor) {
            assert!(
                a.entity.is_some_and(|e| entity_ids.contains(&e)),
                "{name}: unlisted entity"
            );
        }
    }
}
