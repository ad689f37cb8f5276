//! The ClaimReview export, property by property: what each claim's review says, what is left
//! out, and the words around it (the dialog's count, the notice, the refusal).

mod claimreview_common;

use claimreview_common::{exported, mark, spokesman, AT, TODAY};
use gloss_core::formats::claimreview::{self, ClaimReviewError, Tally};
use gloss_core::model::{ArticleDate, Label, Verdict};
use serde_json::{json, Value};

#[test]
fn one_review_per_rated_claim_in_text_order() {
    let reviews = claimreview::export(&spokesman(), "Ana Ruiz", AT).unwrap();
    assert_eq!(
        reviews.tally,
        Tally {
            rated: 2,
            unrated: 1
        }
    );
    assert_eq!(reviews.file.name, "Ferry truce talks.claimreview.json");
    assert_eq!(reviews.file.mime, "application/ld+json");
    assert!(reviews.file.bytes.ends_with(b"]\n"));
    let file: Value = serde_json::from_slice(&reviews.file.bytes).unwrap();
    let claims: Vec<&str> = file
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["claimReviewed"].as_str().unwrap())
        .collect();
    assert_eq!(
        claims,
        [
            "the talks had gone well",
            "the documents were signed before dawn"
        ]
    );
    for review in file.as_array().unwrap() {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["datePublished"], TODAY);
        assert!(review.get("url").is_none(), "the publisher's to fill in");
    }
}

#[test]
fn each_verdict_as_a_rating() {
    let cases = [
        (Verdict::True, 6, 1, "True"),
        (Verdict::MostlyTrue, 5, 1, "Mostly true"),
        (Verdict::HalfTrue, 4, 1, "Half true"),
        (Verdict::Misleading, 3, 1, "Misleading"),
        (Verdict::MostlyFalse, 2, 1, "Mostly false"),
        (Verdict::False, 1, 1, "False"),
        // Off the truth scale: its range starts at 0 so the value is inside it.
        (Verdict::Unverifiable, 0, 0, "Unverifiable"),
    ];
    for (verdict, value, worst, words) in cases {
        let mut doc = spokesman();
        for claim in doc.annotations.iter_mut().filter(|a| a.verdict.is_some()) {
            claim.verdict = Some(verdict);
        }
        let rating = &exported(&doc, "")[0]["reviewRating"];
        assert_eq!(
            rating,
            &json!({
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": 6,
                "worstRating": worst,
                "alternateName": words,
            }),
            "{verdict:?}"
        );
    }
}

#[test]
fn the_claim_names_its_source_and_the_article() {
    let file = exported(&spokesman(), "Ana Ruiz");
    assert_eq!(
        file[0]["itemReviewed"],
        json!({
            "@type": "Claim",
            "author": { "@type": "Person", "name": "Piet Haverkamp" },
            "datePublished": "2026-03-02",
            "appearance": {
                "@type": "CreativeWork",
                "headline": "Ferry truce talks",
                "datePublished": "2026-03-02",
            },
        })
    );
    // No source linked: no author.
    assert!(file[1]["itemReviewed"].get("author").is_none());
    assert_eq!(
        file[0]["author"],
        json!({ "@type": "Person", "name": "Ana Ruiz" })
    );
    assert_eq!(
        file[0]["citation"],
        json!([{ "@type": "CreativeWork", "url": "https://radio.example/interview", "name": "Local radio interview" }])
    );
    assert!(file[1].get("citation").is_none());
}

#[test]
fn authors_by_entity_or_mention() {
    // Without an entity, the mention's own words name the actor.
    let mut doc = spokesman();
    doc.entities.clear();
    for a in &mut doc.annotations {
        a.entity = None;
    }
    let file = exported(&doc, "");
    assert_eq!(
        file[0]["itemReviewed"]["author"]["name"],
        "spokesman Piet Haverkamp"
    );
    // A source that is not an actor (a broken link) names nobody.
    let mut doc = spokesman();
    let quote = mark(&doc, Label::Quote, "The premier was received");
    let quote_id = quote.id;
    doc.annotations.push(quote);
    doc.annotations
        .iter_mut()
        .filter(|a| a.source.is_some())
        .for_each(|a| a.source = Some(quote_id));
    assert!(exported(&doc, "")[0]["itemReviewed"]
        .get("author")
        .is_none());
}

#[test]
fn the_reviewer_is_trimmed_or_left_out() {
    let cases = [("  Ana Ruiz ", Some("Ana Ruiz")), ("", None), ("   ", None)];
    for (given, expected) in cases {
        let file = exported(&spokesman(), given);
        let author = file[0].get("author").map(|a| a["name"].as_str().unwrap());
        assert_eq!(author, expected, "{given:?}");
    }
}

#[test]
fn dates_and_addresses_of_the_article() {
    let mut doc = spokesman();
    doc.date = None;
    let file = exported(&doc, "");
    let item = &file[0]["itemReviewed"];
    assert!(item.get("datePublished").is_none());
    assert!(item["appearance"].get("datePublished").is_none());
    // The review's own date is the export's, whatever the article's.
    assert_eq!(file[0]["datePublished"], TODAY);

    let cases = [
        (
            "https://news.example/ferry",
            Some("https://news.example/ferry"),
        ),
        ("javascript:alert(1)", None),
        ("/relative", None),
    ];
    for (url, expected) in cases {
        let mut doc = spokesman();
        doc.date = ArticleDate::parse("2026-03-02");
        doc.extra.insert("url".into(), json!(url));
        let file = exported(&doc, "");
        let got = file[0]["itemReviewed"]["appearance"]
            .get("url")
            .and_then(Value::as_str);
        assert_eq!(got, expected, "{url}");
    }
}

#[test]
fn a_claim_over_lines_is_one_line() {
    let mut doc = spokesman();
    let across = mark(
        &doc,
        Label::Claim,
        "the documents were signed before dawn.”\n\nWhile the outline",
    );
    doc.annotations.retain(|a| a.label != Label::Claim);
    let mut across = across;
    across.verdict = Some(Verdict::Misleading);
    doc.annotations.push(across);
    assert_eq!(
        exported(&doc, "")[0]["claimReviewed"],
        "the documents were signed before dawn.” While the outline"
    );
}

#[test]
fn nothing_rated_is_refused_in_words() {
    let mut doc = spokesman();
    for a in &mut doc.annotations {
        a.verdict = None;
    }
    assert_eq!(
        claimreview::export(&doc, "", AT),
        Err(ClaimReviewError::NoVerdict { claims: 3 })
    );
    assert_eq!(
        ClaimReviewError::NoVerdict { claims: 3 }.to_string(),
        "No claim in this article has a verdict yet: choose a Verdict for one of its 3 claims in the details."
    );
    assert_eq!(
        ClaimReviewError::NoVerdict { claims: 1 }.to_string(),
        "No claim in this article has a verdict yet: choose a Verdict for its claim in the details."
    );
    doc.annotations.retain(|a| a.label != Label::Claim);
    assert_eq!(
        claimreview::export(&doc, "", AT),
        Err(ClaimReviewError::NoClaims)
    );
    assert!(ClaimReviewError::NoClaims
        .to_string()
        .starts_with("No claim in this article has a verdict yet: "));
}

#[test]
fn counts_in_words() {
    let cases = [
        (
            Tally {
                rated: 2,
                unrated: 1,
            },
            "2 claims will be exported; 1 without a verdict is left out.",
            "Exported 2 claims as ClaimReview; 1 without a verdict left out.",
        ),
        (
            Tally {
                rated: 1,
                unrated: 0,
            },
            "1 claim will be exported.",
            "Exported 1 claim as ClaimReview.",
        ),
        (
            Tally {
                rated: 1,
                unrated: 4,
            },
            "1 claim will be exported; 4 without a verdict are left out.",
            "Exported 1 claim as ClaimReview; 4 without a verdict left out.",
        ),
    ];
    for (tally, preview, done) in cases {
        assert_eq!(tally.preview(), preview);
        assert_eq!(tally.done(), done);
        assert_eq!(tally.refusal(), None);
    }
    assert_eq!(
        Tally {
            rated: 0,
            unrated: 0
        }
        .refusal(),
        Some(ClaimReviewError::NoClaims)
    );
}

#[test]
fn file_names_are_safe() {
    let cases = [
        ("Ferry truce talks", "Ferry truce talks.claimreview.json"),
        ("a/b: c?", "a-b- c-.claimreview.json"),
        ("   ", "article.claimreview.json"),
    ];
    for (title, name) in cases {
        assert_eq!(claimreview::file_name(title), name);
    }
}
