//! Gloss JSON links merged into a library: sources follow the annotations they point at,
//! entities join the library's (by id, then by name), and an import never takes a link away.
#![cfg(not(target_arch = "wasm32"))]

#[path = "gloss_links/article.rs"]
mod article;

use std::collections::BTreeMap;
use std::rc::Rc;

use article::{entity, id, linked, span_of, TEXT};
use gloss_core::formats::gloss::{export, import, Imported};
use gloss_core::model::{Annotation, Document, DocumentId, EntityId, Label, Timestamp};
use uuid::Uuid;

type Library = BTreeMap<DocumentId, Rc<Document>>;

fn library(docs: &[Document]) -> Library {
    docs.iter().map(|d| (d.id, Rc::new(d.clone()))).collect()
}

/// `file` exported and imported into `library`.
fn merged(file: &[&Document], library: &Library) -> Imported {
    import(
        &export(file, Timestamp(10)).expect("exports"),
        library,
        Timestamp(11),
    )
    .expect("imports")
}

fn by_text<'a>(d: &'a Document, text: &str) -> &'a Annotation {
    d.annotations
        .iter()
        .find(|a| d.quote(a.span) == text)
        .unwrap_or_else(|| panic!("{text}"))
}

fn by_text_mut<'a>(d: &'a mut Document, text: &str) -> &'a mut Annotation {
    let i = d
        .annotations
        .iter()
        .position(|a| d.quote(a.span) == text)
        .unwrap_or_else(|| panic!("{text}"));
    &mut d.annotations[i]
}

fn reasons(imported: &Imported) -> Vec<String> {
    imported.problems.iter().map(ToString::to_string).collect()
}

const PESKOV: &str = "Kremlin spokesman Dmitry Peskov";

#[test]
fn the_same_person_from_two_files_is_one_entity() {
    // Two articles exported from two libraries: the same people under other ids. (Another
    // article: with the same text it would be the same one, its marks another layer.)
    let (a, mut b) = (linked(1, 50), linked(2, 80));
    b.text = format!("{} Talks resume.", b.text).into();
    let mut lib = Library::new();
    for file in [&a, &b] {
        for d in merged(&[file], &lib).documents {
            lib.insert(d.id, Rc::new(d));
        }
    }
    let second = &lib[&b.id];
    assert_eq!(
        second.entities,
        [entity(50, "Dmitry Peskov"), entity(51, "White House")]
    );
    let peskov = Some(EntityId(Uuid::from_u128(50)));
    assert_eq!(by_text(second, PESKOV).entity, peskov);
    assert_eq!(by_text(second, "Peskov").entity, peskov);
}

#[test]
fn an_entity_known_by_id_keeps_the_library_name() {
    let lib = library(&[linked(1, 50)]);
    let mut b = linked(2, 50);
    b.text = format!("{} Talks resume.", b.text).into();
    b.entities[0].name = "Peskov (Kremlin)".into();
    let imported = merged(&[&b], &lib);
    assert_eq!(
        imported.documents[0].entities[0],
        entity(50, "Dmitry Peskov")
    );
}

#[test]
fn a_source_follows_an_actor_the_article_has_under_another_id() {
    let file = linked(1, 50);
    // The library marked the same actor under its own id, and nothing else.
    let mut ours = file.clone();
    ours.annotations = vec![{
        let mut a = by_text(&file, PESKOV).clone();
        a.id = id(900);
        a.entity = None;
        a
    }];
    ours.entities.clear();
    let imported = merged(&[&file], &library(&[ours]));
    let d = &imported.documents[0];
    assert_eq!(by_text(d, "no talks are planned").source, Some(id(900)));
    assert_eq!(
        by_text(d, PESKOV).entity,
        Some(EntityId(Uuid::from_u128(50)))
    );
    assert_eq!(reasons(&imported).len(), 1, "{:?}", reasons(&imported));
    assert!(reasons(&imported)[0].contains("kept once"));
}

#[test]
fn an_import_sets_a_missing_source() {
    let file = linked(1, 50);
    let mut ours = file.clone();
    by_text_mut(&mut ours, "no talks are planned").source = None;
    let imported = merged(&[&file], &library(&[ours]));
    assert!(imported.problems.is_empty(), "{:?}", reasons(&imported));
    assert_eq!(imported.annotations_updated, 1);
    assert_eq!(imported.documents[0].annotations, file.annotations);
}

#[test]
fn conflicting_links_keep_the_library_ones_and_are_reported() {
    let file = linked(1, 50);
    let mut ours = file.clone();
    let first = by_text(&ours, PESKOV).id;
    by_text_mut(&mut ours, "the door is open").source = Some(first);
    by_text_mut(&mut ours, "Peskov").entity = Some(EntityId(Uuid::from_u128(51)));
    let imported = merged(&[&file], &library(std::slice::from_ref(&ours)));
    let reasons = reasons(&imported);
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[1].contains("Quote “the door is open”")
            && reasons[1].contains("the file gives it the source “Peskov”, the library “Kremlin spokesman Dmitry Peskov”; the library's is kept"),
        "{reasons:?}"
    );
    assert!(
        reasons[0].contains("the file counts it as “Dmitry Peskov”, the library as “White House”"),
        "{reasons:?}"
    );
    assert!(imported.documents.is_empty(), "nothing changed");
    assert_eq!(imported.unchanged, 1);
}

#[test]
fn a_newer_annotation_without_its_source_keeps_the_library_source() {
    let ours = linked(1, 50);
    let mut file = ours.clone();
    let quote = by_text_mut(&mut file, "no talks are planned");
    quote.source = None;
    quote.note = "newer".into();
    quote.updated_at = Timestamp(5);
    let imported = merged(&[&file], &library(std::slice::from_ref(&ours)));
    let d = &imported.documents[0];
    let quote = by_text(d, "no talks are planned");
    assert_eq!(quote.note, "newer");
    assert_eq!(quote.source, by_text(&ours, "no talks are planned").source);
    assert_eq!(imported.annotations_updated, 1);
}

#[test]
fn the_same_file_again_changes_nothing() {
    let d = linked(1, 50);
    let imported = merged(&[&d], &library(std::slice::from_ref(&d)));
    assert!(imported.documents.is_empty());
    assert!(imported.problems.is_empty(), "{:?}", reasons(&imported));
    assert_eq!(imported.unchanged, 1);
}

#[test]
fn links_follow_annotations_reanchored_on_changed_text() {
    let file = linked(1, 50);
    // The library's copy of the article was edited: a new first sentence, no White House.
    let text = format!(
        "Updated. {}",
        TEXT.replace("The White House said", "Officials said")
    );
    let mut ours = Document::new("Talks".into(), None, text.as_str().into(), Timestamp(1));
    ours.id = file.id;
    let imported = merged(&[&file], &library(&[ours]));
    let d = &imported.documents[0];
    let actor = by_text(d, PESKOV);
    assert_eq!(actor.span, span_of(&text, PESKOV));
    assert_eq!(by_text(d, "no talks are planned").source, Some(actor.id));
    assert_eq!(
        imported.orphans.len(),
        1,
        "the White House is not in the text"
    );
    let claim = by_text(d, "it was hopeful");
    assert_eq!(claim.source, None);
    assert!(
        reasons(&imported)
            .iter()
            .any(|r| r.contains("its source could not be placed on the article's text")),
        "{:?}",
        reasons(&imported)
    );
    assert_eq!(d.entities, [entity(50, "Dmitry Peskov")]);
    assert!(d
        .annotations
        .iter()
        .all(|a| a.label != Label::Actor || a.entity == Some(EntityId(Uuid::from_u128(50)))));
}
