//! "Teams: compare annotators": how far several people marking the same articles agree, per
//! label and overall, for every pair of them and for all of them together. Pure arithmetic on
//! spans; the figures and their exact definitions are explained in `docs/AGREEMENT.md`.
//!
//! - [`spans`]: exact-span and overlap F1 (overlap matched one-to-one);
//! - [`kappa`]: Cohen's κ (pairs) and Fleiss' κ (three or more) on per-token yes/no decisions
//!   over the words of [`tokens`];
//! - [`alpha_u`]: Krippendorff's α for unitizing over the code points;
//! - [`csv`]: one CSV row per figure;
//! - [`disagree`]: where they agree or disagree, place by place, and how a curator's choice
//!   settles each place into the gold layer.
//!
//! Offsets are code points, spans half-open, as everywhere in Gloss. Marks reaching past the
//! text are clipped to it; a mark the same as another of the same annotator counts once.

pub mod alpha_u;
pub mod csv;
pub mod disagree;
pub mod kappa;
mod prepare;
pub mod spans;
pub mod tokens;

use crate::model::{Label, Span};

pub use prepare::figures;

/// One annotator's marks on one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    /// Who marked them; the same name across articles is the same person. Two layers with the
    /// same name on one article are taken together as one.
    pub annotator: String,
    pub marks: Vec<(Label, Span)>,
}

/// One article's text (canonical, as Gloss stores it) and every annotator's layer on it.
#[derive(Clone, Copy, Debug)]
pub struct Article<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub layers: &'a [Layer],
}

/// What the figures cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One article, by title.
    Article(String),
    /// Several articles pooled.
    Library,
}

/// Whose agreement a figure measures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Annotators {
    Pair(String, String),
    /// Everyone (written only when there are three or more: with two, the pair is everyone).
    All,
}

/// Which measure a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    ExactF1,
    OverlapF1,
    CohenKappa,
    FleissKappa,
    AlphaU,
}

impl Measure {
    /// The name written in the CSV.
    pub fn slug(self) -> &'static str {
        match self {
            Measure::ExactF1 => "exact_f1",
            Measure::OverlapF1 => "overlap_f1",
            Measure::CohenKappa => "cohen_kappa",
            Measure::FleissKappa => "fleiss_kappa",
            Measure::AlphaU => "alpha_u",
        }
    }
}

/// One agreement figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// `None`: all labels together.
    pub label: Option<Label>,
    pub annotators: Annotators,
    pub measure: Measure,
    /// `None` when the measure is undefined on this data (nothing to compare, or chance
    /// agreement is already perfect); each measure's module says when.
    pub value: Option<f64>,
    /// Observed agreement (κ) or disagreement (α_u); `None` for F1.
    pub observed: Option<f64>,
    /// Expected agreement (κ) or disagreement (α_u); `None` for F1.
    pub expected: Option<f64>,
    /// What the figure rests on: spans (F1, both sides together), tokens (κ; for all labels,
    /// tokens × labels), or code points (α_u).
    pub units: usize,
}

/// Every figure, under one scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub scope: Scope,
    pub figures: Vec<Figure>,
}

impl Report {
    /// The figures as CSV (see [`csv::HEADER`]).
    pub fn csv(&self) -> String {
        csv::write(self)
    }
}

/// The figures of one article.
pub fn compare(article: &Article) -> Report {
    Report {
        scope: Scope::Article(article.title.to_owned()),
        figures: figures(std::slice::from_ref(article)),
    }
}

/// The figures of several articles pooled: matches, tokens and continua of every article added
/// up (an article counts for a pair only when both marked it; for "all" only when everyone did).
pub fn compare_many(articles: &[Article]) -> Report {
    Report {
        scope: Scope::Library,
        figures: figures(articles),
    }
}

/// The annotators' layers of a stored document as the figures take them: each person's marks
/// under the name the Showing switch gives them (one's own as "Your name", or "You"); the
/// curated layer is not an annotator and is left out, and so is one's own when it is empty
/// (someone comparing two colleagues' files has marked nothing themselves).
pub fn layers_of(doc: &crate::model::Document, me: Option<&str>) -> Vec<Layer> {
    use crate::model::layers::{self, Layer as Whose};
    layers::layers(doc, me)
        .into_iter()
        .filter(|(whose, n)| *whose != Whose::Curated && *n > 0)
        .map(|(whose, _)| Layer {
            annotator: whose.name(me),
            marks: doc
                .annotations
                .iter()
                .filter(|a| whose.holds(a, me))
                .map(|a| (a.label, a.span))
                .collect(),
        })
        .collect()
}
