//! The nodes of one `ClaimReview`, built from Gloss's model. Each property is one that
//! schema.org defines for the node's type (or a supertype) with a value in its range; the
//! mapping table is in `docs/FORMATS.md`.

use serde_json::{json, Map, Value};

use super::CONTEXT;
use crate::model::verdict::{check_url, BEST_RATING, WORST_RATING};
use crate::model::{Annotation, Document, Label, Verdict};

/// What every review says about the article the claims appeared in.
pub(super) struct Article {
    /// The `CreativeWork` node of `appearance`.
    appearance: Value,
    /// The article's date, `YYYY-MM-DD`, when it has one.
    date: Option<String>,
}

impl Article {
    pub(super) fn of(doc: &Document) -> Article {
        let date = doc.date.map(|d| d.to_string());
        let mut work = Map::new();
        // Gloss cannot tell a news article from a speech or a post: the range of `appearance`
        // itself, `CreativeWork`, claims no more than it knows.
        work.insert("@type".into(), "CreativeWork".into());
        work.insert("headline".into(), doc.title.trim().into());
        if let Some(date) = &date {
            work.insert("datePublished".into(), date.as_str().into());
        }
        // An address kept from an imported file, when it is a web address.
        if let Some(url) = doc
            .extra
            .get("url")
            .and_then(Value::as_str)
            .and_then(|u| check_url(u).ok())
        {
            work.insert("url".into(), url.into());
        }
        Article {
            appearance: Value::Object(work),
            date,
        }
    }
}

/// One `ClaimReview` of `claim`, rated `verdict`.
pub(super) fn claim_review(
    doc: &Document,
    article: &Article,
    claim: &Annotation,
    verdict: Verdict,
    reviewer: &str,
    today: &str,
) -> Value {
    let mut review = Map::new();
    review.insert("@context".into(), CONTEXT.into());
    review.insert("@type".into(), "ClaimReview".into());
    review.insert(
        "claimReviewed".into(),
        one_line(doc.quote(claim.span)).into(),
    );
    review.insert("itemReviewed".into(), item_reviewed(doc, article, claim));
    review.insert("reviewRating".into(), rating(verdict));
    if !reviewer.is_empty() {
        review.insert("author".into(), person(reviewer));
    }
    review.insert("datePublished".into(), today.into());
    // `url` (required by Google) is the fact check's own page: only the publisher knows it.
    let citations: Vec<Value> = claim
        .evidence
        .iter()
        .map(|source| {
            let mut work = Map::new();
            work.insert("@type".into(), "CreativeWork".into());
            work.insert("url".into(), source.url.as_str().into());
            if !source.title.is_empty() {
                work.insert("name".into(), source.title.as_str().into());
            }
            Value::Object(work)
        })
        .collect();
    if !citations.is_empty() {
        review.insert("citation".into(), Value::Array(citations));
    }
    Value::Object(review)
}

/// The `Claim`: who made it (its source actor), when and where it appeared.
fn item_reviewed(doc: &Document, article: &Article, claim: &Annotation) -> Value {
    let mut item = Map::new();
    item.insert("@type".into(), "Claim".into());
    let author = claim
        .source
        .and_then(|id| doc.annotation(id))
        .filter(|actor| actor.label == Label::Actor)
        .map(|actor| one_line(&doc.actor_name(actor)))
        .filter(|name| !name.is_empty());
    if let Some(name) = author {
        item.insert("author".into(), person(&name));
    }
    if let Some(date) = &article.date {
        item.insert("datePublished".into(), date.as_str().into());
    }
    item.insert("appearance".into(), article.appearance.clone());
    Value::Object(item)
}

/// The verdict on Gloss's scale. Unverifiable is 0, below the truth scale's worst (1): its
/// `worstRating` is 0 so that the value stays inside the range the rating states.
fn rating(verdict: Verdict) -> Value {
    let worst = if verdict == Verdict::Unverifiable {
        0
    } else {
        WORST_RATING
    };
    json!({
        "@type": "Rating",
        "ratingValue": verdict.number(),
        "bestRating": BEST_RATING,
        "worstRating": worst,
        "alternateName": verdict.name(),
    })
}

/// A person by name. Gloss cannot tell a person from an organisation (an actor is whoever
/// speaks), so every name is written as a `Person`.
fn person(name: &str) -> Value {
    json!({ "@type": "Person", "name": name })
}

/// The text with every run of white space (line breaks included) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
