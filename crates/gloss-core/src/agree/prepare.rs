//! From articles and layers to figures: each article is read once (tokens, each person's spans
//! per label), then every group of annotators (each pair, then everyone) is measured over the
//! articles all its members marked.

use super::alpha_u::{self, Section};
use super::kappa::{self, Kappa};
use super::spans;
use super::tokens;
use super::{Annotators, Article, Figure, Measure};
use crate::model::{Label, Span};

/// One article, read once.
struct Prepared {
    length: usize,
    tokens: Vec<Span>,
    /// Each annotator's spans per label (in `Label::ALL` order), clipped, sorted, each once.
    people: Vec<(String, [Vec<Span>; 3])>,
}

fn slot(label: Label) -> usize {
    match label {
        Label::Claim => 0,
        Label::Quote => 1,
        Label::Actor => 2,
    }
}

fn prepare(article: &Article) -> Prepared {
    let length = article.text.chars().count();
    let mut people: Vec<(String, [Vec<Span>; 3])> = Vec::new();
    for layer in article.layers {
        let at = match people.iter().position(|(n, _)| *n == layer.annotator) {
            Some(at) => at,
            None => {
                people.push((layer.annotator.clone(), Default::default()));
                people.len() - 1
            }
        };
        if let Some((_, per_label)) = people.get_mut(at) {
            for &(label, span) in &layer.marks {
                let clipped = Span::new(span.start.min(length), span.end.min(length));
                if let (Some(s), Some(list)) = (clipped, per_label.get_mut(slot(label))) {
                    list.push(s);
                }
            }
        }
    }
    for (_, per_label) in &mut people {
        for list in per_label.iter_mut() {
            list.sort();
            list.dedup();
        }
    }
    Prepared {
        length,
        tokens: tokens::tokens(article.text),
        people,
    }
}

/// Every figure over `articles`: each pair of annotators (in order of first appearance), then
/// everyone when there are three or more; per label, then all labels.
pub fn figures(articles: &[Article]) -> Vec<Figure> {
    let prepared: Vec<Prepared> = articles.iter().map(prepare).collect();
    let mut names: Vec<&str> = Vec::new();
    for p in &prepared {
        for (name, _) in &p.people {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    let mut out = Vec::new();
    for (i, a) in names.iter().enumerate() {
        for b in names.iter().skip(i + 1) {
            let who = Annotators::Pair((*a).to_owned(), (*b).to_owned());
            group(&prepared, &[a, b], who, &mut out);
        }
    }
    if names.len() >= 3 {
        group(&prepared, &names, Annotators::All, &mut out);
    }
    out
}

/// One article as a group sees it: the spans per label of each member, in member order.
struct Seen<'p> {
    article: &'p Prepared,
    members: Vec<&'p [Vec<Span>; 3]>,
}

fn group(prepared: &[Prepared], members: &[&str], who: Annotators, out: &mut Vec<Figure>) {
    let seen: Vec<Seen> = prepared
        .iter()
        .filter_map(|article| {
            let members = members
                .iter()
                .map(|m| article.people.iter().find(|(n, _)| n == m).map(|(_, s)| s))
                .collect::<Option<Vec<_>>>()?;
            Some(Seen { article, members })
        })
        .collect();
    if seen.is_empty() {
        return;
    }
    let labels: [Option<Label>; 4] = [
        Some(Label::Claim),
        Some(Label::Quote),
        Some(Label::Actor),
        None,
    ];
    for label in labels {
        let slots: Vec<usize> = match label {
            Some(l) => vec![slot(l)],
            None => (0..3).collect(),
        };
        let figure = |measure, value, observed, expected, units| Figure {
            label,
            annotators: who.clone(),
            measure,
            value,
            observed,
            expected,
            units,
        };
        let (exact, overlap, total) = f1_counts(&seen, &slots);
        out.push(figure(
            Measure::ExactF1,
            spans::f1(exact, total),
            None,
            None,
            total,
        ));
        out.push(figure(
            Measure::OverlapF1,
            spans::f1(overlap, total),
            None,
            None,
            total,
        ));

        let measure = if members.len() == 2 {
            Measure::CohenKappa
        } else {
            Measure::FleissKappa
        };
        if let Some(k) = kappa_of(&seen, &slots) {
            out.push(figure(
                measure,
                k.value,
                Some(k.observed),
                Some(k.expected),
                k.items,
            ));
        }
        if let Some((value, observed, expected, length)) = alpha_of(&seen, &slots) {
            out.push(figure(
                Measure::AlphaU,
                value,
                Some(observed),
                Some(expected),
                length,
            ));
        }
    }
}

/// Exact matches, overlap matches and spans in all, over every pair of members, article and
/// label slot.
fn f1_counts(seen: &[Seen], slots: &[usize]) -> (usize, usize, usize) {
    let (mut exact, mut overlap, mut total) = (0, 0, 0);
    for s in seen {
        for (i, a) in s.members.iter().enumerate() {
            for b in s.members.iter().skip(i + 1) {
                for &k in slots {
                    let (Some(x), Some(y)) = (a.get(k), b.get(k)) else {
                        continue;
                    };
                    exact += spans::exact(x, y);
                    overlap += spans::overlap(x, y);
                    total += x.len() + y.len();
                }
            }
        }
    }
    (exact, overlap, total)
}

/// κ over the tokens of every article, one yes/no item per token and label slot.
fn kappa_of(seen: &[Seen], slots: &[usize]) -> Option<Kappa> {
    let m = seen.first()?.members.len();
    let mut raters: Vec<Vec<bool>> = vec![Vec::new(); m];
    for s in seen {
        for &k in slots {
            for (rater, spans) in raters.iter_mut().zip(&s.members) {
                let marked = spans.get(k).map(Vec::as_slice).unwrap_or_default();
                rater.extend(tokens::decisions(&s.article.tokens, marked));
            }
        }
    }
    match raters.as_slice() {
        [a, b] => kappa::cohen(a, b),
        _ => kappa::fleiss(&raters),
    }
}

/// α_u per label slot over the articles laid end to end (no section crosses an article's
/// edge); for several slots, 1 − ΣD_o / ΣD_e. Returns (α_u, D_o, D_e, L).
fn alpha_of(seen: &[Seen], slots: &[usize]) -> Option<(Option<f64>, f64, f64, usize)> {
    let m = seen.first()?.members.len();
    let length: usize = seen.iter().map(|s| s.article.length).sum();
    let (mut observed, mut expected) = (0.0, 0.0);
    for &k in slots {
        let mut coders: Vec<Vec<Section>> = vec![Vec::new(); m];
        let mut offset = 0;
        for s in seen {
            for (coder, spans) in coders.iter_mut().zip(&s.members) {
                let marked = spans.get(k).map(Vec::as_slice).unwrap_or_default();
                coder.extend(alpha_u::sections(marked, offset, s.article.length));
            }
            offset += s.article.length;
        }
        let a = alpha_u::alpha_u(&coders, length)?;
        observed += a.observed;
        expected += a.expected;
    }
    let value = (expected > 0.0).then(|| 1.0 - observed / expected);
    Some((value, observed, expected, length))
}
