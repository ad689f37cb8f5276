//! The ClaimReview export held against schema.org's published terms and Google's documented
//! fields (`tests/fixtures/schemaorg/`, see its README), by the checker in
//! `claimreview_common/checker.rs`; and the checker itself caught out by broken files, so a
//! pass means something.

mod claimreview_common;

use claimreview_common::checker::Vocabulary;
use claimreview_common::{exported, spokesman};
use gloss_core::model::Verdict;
use serde_json::{json, Value};

#[test]
fn the_export_fits_schema_org_and_google() {
    let vocabulary = Vocabulary::load();
    for reviewer in ["Ana Ruiz", ""] {
        let file = exported(&spokesman(), reviewer);
        assert_eq!(
            vocabulary.check(&file),
            Vec::<String>::new(),
            "{reviewer:?}"
        );
    }
}

#[test]
fn every_verdict_fits() {
    let vocabulary = Vocabulary::load();
    for verdict in Verdict::ALL {
        let mut doc = spokesman();
        for claim in doc.annotations.iter_mut().filter(|a| a.verdict.is_some()) {
            claim.verdict = Some(verdict);
        }
        let file = exported(&doc, "Ana Ruiz");
        assert_eq!(vocabulary.check(&file), Vec::<String>::new(), "{verdict:?}");
    }
}

#[test]
fn an_article_without_date_source_or_reviewer_still_fits() {
    let vocabulary = Vocabulary::load();
    let mut doc = spokesman();
    doc.date = None;
    for claim in &mut doc.annotations {
        claim.source = None;
        claim.evidence.clear();
    }
    let file = exported(&doc, "  ");
    assert_eq!(vocabulary.check(&file), Vec::<String>::new());
}

/// What Google recommends and Gloss cannot know, and nothing else, is missing.
#[test]
fn recommended_fields_missing_are_the_known_ones() {
    let vocabulary = Vocabulary::load();
    let file = exported(&spokesman(), "Ana Ruiz");
    let missing: Vec<String> = vocabulary.missing_recommended(&file).into_iter().collect();
    assert_eq!(
        missing,
        [
            // The claim's source is not linked on the second claim.
            "Claim.author",
            // Where a claim first appeared is not something Gloss records.
            "Claim.firstAppearance",
            // The rating's words are its alternateName, as Google shows it.
            "Rating.name",
        ]
    );
    let without_reviewer = exported(&spokesman(), "");
    assert!(vocabulary
        .missing_recommended(&without_reviewer)
        .contains("ClaimReview.author"));
}

#[test]
fn the_vocabulary_knows_the_hierarchy() {
    let vocabulary = Vocabulary::load();
    let cases = [
        ("ClaimReview", "Review", true),
        ("ClaimReview", "CreativeWork", true),
        ("ClaimReview", "Thing", true),
        ("Claim", "CreativeWork", true),
        ("Rating", "Thing", true),
        ("Rating", "CreativeWork", false),
        ("Person", "CreativeWork", false),
        ("URL", "Text", true),
    ];
    for (kind, of, expected) in cases {
        assert_eq!(vocabulary.is_a(kind, of), expected, "{kind} is a {of}");
    }
}

type Mutation = fn(&mut Value);

/// Broken files, each with the words its problem must contain.
#[test]
fn broken_files_are_caught() {
    let cases: [(&str, Mutation, &str); 14] = [
        (
            "a misspelt type",
            |f| f[0]["@type"] = json!("ClaimRevue"),
            "not a schema.org type",
        ),
        (
            "an unknown nested type",
            |f| f[0]["reviewRating"]["@type"] = json!("Score"),
            "not a schema.org type",
        ),
        (
            "a data type as a node",
            |f| f[0]["itemReviewed"]["@type"] = json!("Text"),
            "not a schema.org type",
        ),
        (
            "an unknown property",
            |f| f[0]["claimReviewd"] = json!("x"),
            "not a schema.org property",
        ),
        (
            "a property on the wrong type",
            |f| f[0]["reviewRating"]["claimReviewed"] = json!("x"),
            "not defined on Rating",
        ),
        (
            "a headline on a Person",
            |f| f[0]["itemReviewed"]["author"]["headline"] = json!("x"),
            "not defined on Person",
        ),
        (
            "a node of the wrong type",
            |f| f[0]["reviewRating"] = json!({"@type": "Person", "name": "x"}),
            "expects Rating",
        ),
        (
            "text where a node is expected",
            |f| f[0]["reviewRating"] = json!("False"),
            "is not a Rating",
        ),
        (
            "a date that is not one",
            |f| f[0]["datePublished"] = json!("yesterday"),
            "is not a Date or DateTime",
        ),
        (
            "a number as text",
            |f| f[0]["claimReviewed"] = json!(42),
            "is not a Text",
        ),
        (
            "a relative url",
            |f| f[0]["itemReviewed"]["appearance"]["url"] = json!("/news/1"),
            "is not a URL",
        ),
        (
            "a required field left out",
            |f| {
                f[0].as_object_mut().unwrap().remove("claimReviewed");
            },
            "Google requires ClaimReview.claimReviewed",
        ),
        (
            "the rating's words left out",
            |f| {
                f[1]["reviewRating"]
                    .as_object_mut()
                    .unwrap()
                    .remove("alternateName");
            },
            "Google requires Rating.alternateName",
        ),
        (
            "a rating off its scale",
            |f| f[0]["reviewRating"]["worstRating"] = json!(1),
            "not within worstRating",
        ),
    ];
    let vocabulary = Vocabulary::load();
    let good = exported(&spokesman(), "Ana Ruiz");
    for (name, mutate, expected) in cases {
        let mut file = good.clone();
        mutate(&mut file);
        let problems = vocabulary.check(&file);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{name}: expected “{expected}” among {problems:?}"
        );
    }
}

#[test]
fn a_file_that_is_not_an_array_or_lacks_the_context_is_caught() {
    let vocabulary = Vocabulary::load();
    let good = exported(&spokesman(), "Ana Ruiz");
    let single = good[0].clone();
    assert!(vocabulary.check(&single)[0].contains("not a JSON array"));
    let mut no_context = good.clone();
    no_context[1].as_object_mut().unwrap().remove("@context");
    assert!(vocabulary
        .check(&no_context)
        .iter()
        .any(|p| p.starts_with("[1]: @context")));
    assert!(vocabulary.check(&json!([]))[0].contains("no ClaimReview"));
}
