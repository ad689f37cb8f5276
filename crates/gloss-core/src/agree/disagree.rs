//! "Compare annotators", place by place: where on one article the annotators' marks meet, and
//! whether they agree there, so that a curator can step through the disagreements (N/P) and
//! settle each into the gold ("curated") layer.
//!
//! The figures of the other modules say *how much* people agree; this one says *where* they
//! do not. Marks of one label that overlap, directly or through a chain of other marks (of
//! anyone, the same person included), form one [`Item`]: a curator settles a tangle once, not
//! once per pair of marks. Marks of different labels never share an item, because a quote and
//! a claim over the same words are two decisions.
//!
//! Marks are compared by label, span and, for quotes and claims, speaker (the caller's
//! normalised name, so that "Peskov" from an entity and "Peskov" from a mention compare equal).
//! An actor's speaker is not compared: an actor is not attributed to anyone. A mark the same
//! as another of the same annotator counts once, as in the agreement figures.
//!
//! Annotators are indices into the input layers; naming them is the UI's job
//! ([`Kind::describe`] takes the names).

use crate::model::{Label, Span};

/// One mark of one annotator, as the comparison sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mark<K> {
    /// The caller's id for the mark (an annotation id), handed back untouched so the curated
    /// layer can say which annotation it took.
    pub key: K,
    pub label: Label,
    pub span: Span,
    /// For a quote or claim: who it is attributed to, as a comparable name (already normalised
    /// by the caller: entity name or mention text), `None` when unattributed.
    pub speaker: Option<String>,
}

impl<K> Mark<K> {
    /// What the comparison looks at: label, span, and the speaker where the label has one.
    fn identity(&self) -> (Label, Span, Option<&str>) {
        (self.label, self.span, self.compared_speaker())
    }

    /// The speaker, for labels that are attributed (quote, claim); `None` for an actor.
    fn compared_speaker(&self) -> Option<&str> {
        match self.label {
            Label::Quote | Label::Claim => self.speaker.as_deref(),
            Label::Actor => None,
        }
    }

    /// Whether the comparison counts the two marks as the same (their keys aside): same label,
    /// same span and, for a quote or claim, the same speaker (`None` equals `None`).
    pub fn same_as<L>(&self, other: &Mark<L>) -> bool {
        self.identity() == other.identity()
    }
}

/// Whether an item is agreed and, if not, in what way, for the curator to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Everyone marked the same here (or there was only one annotator to ask).
    Agreed,
    /// Not everyone marked anything here; `marked` holds those who did, in layer order.
    Missing { marked: Vec<usize> },
    /// Everyone marked here, but in a different number of marks (one marked a sentence whole,
    /// another in two pieces, or added a mark inside another's); `counts[i]` is how many
    /// different spans annotator `i` marked here.
    Count { counts: Vec<usize> },
    /// Everyone marked here, as many marks each, but with different starts or ends.
    Extent,
    /// The same spans, attributed differently: at `span` (the first such in text order),
    /// `speakers[i]` is who annotator `i` says it is (usually one name; `None`: no one).
    Speaker {
        span: Span,
        speakers: Vec<Vec<Option<String>>>,
    },
}

impl Kind {
    /// Why the item is a disagreement, in words a person reads, with `names[i]` the name of
    /// annotator `i` ("annotator 3" when the list is too short); "Agreed" for an agreed item.
    pub fn describe(&self, names: &[&str]) -> String {
        let name = |i: usize| -> String {
            names
                .get(i)
                .map_or_else(|| format!("annotator {}", i + 1), |n| (*n).to_owned())
        };
        match self {
            Kind::Agreed => "Agreed".to_owned(),
            Kind::Missing { marked } => {
                let who: Vec<String> = marked.iter().map(|&i| name(i)).collect();
                format!("Only {} marked it", and_list(&who))
            }
            Kind::Count { counts } => {
                let each: Vec<String> = counts
                    .iter()
                    .enumerate()
                    .map(|(i, n)| format!("{} {n}", name(i)))
                    .collect();
                format!("Different number of marks: {}", each.join(", "))
            }
            Kind::Extent => "Different extent".to_owned(),
            Kind::Speaker { speakers, .. } => {
                let each: Vec<String> = speakers
                    .iter()
                    .enumerate()
                    .map(|(i, says)| {
                        let says: Vec<&str> = says
                            .iter()
                            .map(|s| s.as_deref().unwrap_or("no one"))
                            .collect();
                        format!("{} says {}", name(i), says.join(" or "))
                    })
                    .collect();
                format!("Different speaker: {}", each.join(", "))
            }
        }
    }
}

/// "Ana", "Ana and Ben", "Ana, Ben and Cleo".
fn and_list(names: &[String]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A place in the text where the annotators' marks of one label meet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item<K> {
    pub label: Label,
    /// The union of the marks in it: the smallest start to the largest end.
    pub span: Span,
    /// Per annotator (same order and length as the input layers), their marks here, in text
    /// order.
    pub versions: Vec<Vec<Mark<K>>>,
    /// Whether everyone marked the same here; the same as `kind == Kind::Agreed`.
    pub agreed: bool,
    pub kind: Kind,
}

/// Every place where marks of one label meet, sorted by start, then end, then label.
///
/// `layers[i]` is annotator `i`'s marks on the article (an empty list: they marked nothing,
/// so every item is one they are missing from). With fewer than two layers there is nothing
/// to compare and every item is agreed.
pub fn items<K: Clone>(layers: &[Vec<Mark<K>>]) -> Vec<Item<K>> {
    let mut out = Vec::new();
    for label in Label::ALL {
        let mut marks: Vec<(usize, &Mark<K>)> = layers
            .iter()
            .enumerate()
            .flat_map(|(who, layer)| {
                layer
                    .iter()
                    .filter(move |m| m.label == label)
                    .map(move |m| (who, m))
            })
            .collect();
        // By start, then end: a sweep then joins a mark to the group before it exactly when it
        // starts before the group's furthest end, which is overlap, taken transitively.
        marks.sort_by_key(|(_, m)| (m.span.start, m.span.end));
        let mut group: Vec<(usize, &Mark<K>)> = Vec::new();
        let mut end = 0;
        for (who, mark) in marks {
            if !group.is_empty() && mark.span.start >= end {
                out.push(item(label, layers.len(), &group));
                group.clear();
            }
            end = if group.is_empty() {
                mark.span.end
            } else {
                end.max(mark.span.end)
            };
            group.push((who, mark));
        }
        if !group.is_empty() {
            out.push(item(label, layers.len(), &group));
        }
    }
    out.sort_by_key(|i| (i.span.start, i.span.end, i.label));
    out
}

/// One group of marks (sorted by start) as an item.
fn item<K: Clone>(label: Label, people: usize, group: &[(usize, &Mark<K>)]) -> Item<K> {
    let mut versions: Vec<Vec<Mark<K>>> = vec![Vec::new(); people];
    for (who, mark) in group {
        if let Some(version) = versions.get_mut(*who) {
            version.push((*mark).clone());
        }
    }
    let start = group.iter().map(|(_, m)| m.span.start).min().unwrap_or(0);
    let end = group.iter().map(|(_, m)| m.span.end).max().unwrap_or(start);
    let kind = if people < 2 {
        Kind::Agreed
    } else {
        kind_of(&versions)
    };
    Item {
        label,
        span: Span { start, end },
        versions,
        agreed: kind == Kind::Agreed,
        kind,
    }
}

/// How the versions of one item differ, the coarsest difference first: who marked at all,
/// then how many marks, then where they start and end, then who they are attributed to.
fn kind_of<K>(versions: &[Vec<Mark<K>>]) -> Kind {
    let marked: Vec<usize> = versions
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, _)| i)
        .collect();
    if marked.len() < versions.len() {
        return Kind::Missing { marked };
    }
    // Each annotator's marks as the comparison sees them: sorted, each once.
    let seen: Vec<Vec<(Span, Option<&str>)>> = versions
        .iter()
        .map(|v| {
            let mut s: Vec<(Span, Option<&str>)> =
                v.iter().map(|m| (m.span, m.compared_speaker())).collect();
            s.sort();
            s.dedup();
            s
        })
        .collect();
    if all_same(&seen) {
        return Kind::Agreed;
    }
    let spans: Vec<Vec<Span>> = seen
        .iter()
        .map(|s| {
            let mut spans: Vec<Span> = s.iter().map(|(span, _)| *span).collect();
            spans.dedup();
            spans
        })
        .collect();
    let counts: Vec<usize> = spans.iter().map(Vec::len).collect();
    if !all_same(&counts) {
        return Kind::Count { counts };
    }
    if !all_same(&spans) {
        return Kind::Extent;
    }
    // The spans are the same, so some span is attributed differently.
    for &span in spans.first().map(Vec::as_slice).unwrap_or_default() {
        let speakers: Vec<Vec<Option<String>>> = seen
            .iter()
            .map(|s| {
                s.iter()
                    .filter(|(at, _)| *at == span)
                    .map(|(_, who)| who.map(str::to_owned))
                    .collect()
            })
            .collect();
        if !all_same(&speakers) {
            return Kind::Speaker { span, speakers };
        }
    }
    // Not reached: equal spans with equal speakers at each would have been agreed above.
    Kind::Extent
}

fn all_same<T: PartialEq>(values: &[T]) -> bool {
    values.iter().all(|v| Some(v) == values.first())
}

/// How the curator settles an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Take one annotator's marks (by index).
    Keep(usize),
    /// Take everyone's marks, each different mark once.
    Both,
    /// Take nothing: the place is not marked in the gold layer.
    Neither,
}

/// The marks that go into the gold layer when `item` is settled by `choice`, in text order.
///
/// A mark the same as one already taken ([`Mark::same_as`]) is taken once, the first
/// annotator's copy winning; that way `Both` on an item where two people marked the same
/// quote among others does not put it in twice. `Keep` of an annotator who is not in the item
/// takes nothing.
pub fn chosen<K: Clone>(item: &Item<K>, choice: Choice) -> Vec<Mark<K>> {
    let taken: Vec<&Mark<K>> = match choice {
        Choice::Keep(i) => item.versions.get(i).into_iter().flatten().collect(),
        Choice::Both => item.versions.iter().flatten().collect(),
        Choice::Neither => Vec::new(),
    };
    let mut out: Vec<Mark<K>> = Vec::new();
    for mark in taken {
        if !out.iter().any(|m| m.same_as(mark)) {
            out.push(mark.clone());
        }
    }
    // Stable: among marks with the same span, the earlier annotator's stays first.
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

/// What "Accept all agreed" takes from an agreed item: the first annotator's marks (everyone's
/// are the same), each once.
pub fn agreed_marks<K: Clone>(item: &Item<K>) -> Vec<Mark<K>> {
    chosen(item, Choice::Keep(0))
}

/// The disagreements, with their indices in `items`.
pub fn disagreements<K>(items: &[Item<K>]) -> impl Iterator<Item = (usize, &Item<K>)> {
    items.iter().enumerate().filter(|(_, item)| !item.agreed)
}

/// The disagreement after item `after` (N), wrapping round to the first; from `None`, the
/// first. The current item itself when it is the only disagreement; `None` when there is none.
pub fn next_disagreement<K>(items: &[Item<K>], after: Option<usize>) -> Option<usize> {
    let from = after.map_or(0, |a| a.saturating_add(1)).min(items.len());
    (from..items.len())
        .chain(0..from)
        .find(|&i| items.get(i).is_some_and(|item| !item.agreed))
}

/// The disagreement before item `before` (P), wrapping round to the last; from `None`, the
/// last. The current item itself when it is the only disagreement; `None` when there is none.
pub fn previous_disagreement<K>(items: &[Item<K>], before: Option<usize>) -> Option<usize> {
    let until = before.unwrap_or(items.len()).min(items.len());
    (0..until)
        .rev()
        .chain((until..items.len()).rev())
        .find(|&i| items.get(i).is_some_and(|item| !item.agreed))
}
