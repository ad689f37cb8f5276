//! The rules on the whole labelled set, against the floors in `gloss_quality::floors`; and the
//! scorer on the gold itself, which must score 1 everywhere.

use gloss_core::model::Span;
use gloss_core::suggest::{suggest, Kind, Suggestion};
use gloss_quality::floors;
use gloss_quality::gold::load_all;
use gloss_quality::report::MEASURES;
use gloss_quality::score::{score, Scores, Truth};

/// The gold of an article said back as suggestions: every quote with a speaker mention of
/// the right entity, every actor.
fn as_predictions(truth: &Truth) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = truth
        .actors
        .iter()
        .map(|a| Suggestion {
            kind: Kind::Actor,
            span: a.span,
            speaker: None,
        })
        .collect();
    for q in &truth.quotes {
        let speaker: Option<Span> = q
            .speaker
            .and_then(|e| truth.actors.iter().find(|a| a.entity == e))
            .map(|a| a.span);
        let kind = if q.indirect {
            Kind::IndirectQuote
        } else {
            Kind::DirectQuote
        };
        out.push(Suggestion {
            kind,
            span: q.span,
            speaker,
        });
    }
    out
}

#[test]
fn the_gold_scores_one_against_itself() {
    for article in load_all().expect("the set loads") {
        let s = score(&as_predictions(&article.truth), &article.truth);
        for (measure, get) in MEASURES {
            let c = get(&s);
            assert_eq!(
                (c.fp, c.fn_),
                (0, 0),
                "{} {measure}: {c:?}",
                article.entry.name
            );
        }
    }
}

#[test]
fn the_rules_reach_the_floors_on_the_whole_set() {
    let mut total = Scores::default();
    for article in load_all().expect("the set loads") {
        total += score(&suggest(&article.document.text, &[]), &article.truth);
    }
    let checks = [
        (
            "direct quote spans (overlap) F1",
            total.direct_overlap.f1(),
            floors::DIRECT_OVERLAP_F1,
        ),
        (
            "indirect quote spans (overlap) F1",
            total.indirect_overlap.f1(),
            floors::INDIRECT_OVERLAP_F1,
        ),
        (
            "quote+speaker F1",
            total.quote_speaker.f1(),
            floors::QUOTE_SPEAKER_F1,
        ),
        (
            "actor mentions (overlap) F1",
            total.actor_overlap.f1(),
            floors::ACTOR_OVERLAP_F1,
        ),
    ];
    for (what, got, floor) in checks {
        assert!(got >= floor, "{what} is {got:.3}, below the floor {floor}");
    }
}
