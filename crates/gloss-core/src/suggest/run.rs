//! The rules run in steps: each step is one stage of the reading (the scan; quotation marks,
//! quotations and names; actors and who said each direct quotation; reported speech and the
//! list), so a page can hand the browser back its thread between them. On a 200,000-character
//! article no step takes more than about a third of the whole (`make bench`: bench/suggest.mjs).

use super::actors::{self, Actors};
use super::indirect::{self, Indirect};
use super::names::{self, Name};
use super::quotes::{self, Direct};
use super::scan::Scan;
use super::speakers::Speakers;
use super::{attribute, marks, Kind, Suggestion};
use crate::model::{Annotation, Label, Span};

/// A suggestion run under way: [`Run::step`] until it hands back the suggestions.
pub struct Run {
    stage: Stage,
}

/// What is known after each step.
enum Stage {
    Start {
        text: String,
        marked: Vec<(usize, usize)>,
    },
    Scanned {
        read: Read,
        marked: Vec<(usize, usize)>,
    },
    Named {
        read: Read,
        direct: Vec<Direct>,
        names: Vec<Name>,
        marked: Vec<(usize, usize)>,
    },
    Attributed {
        read: Read,
        direct: Vec<Direct>,
        actors: Actors,
        direct_speakers: Vec<Option<usize>>,
    },
    Done,
}

/// The text as the rules read it.
struct Read {
    scan: Scan,
    /// Where the headline ends (code points): no quotation is taken from it.
    headline_end: usize,
}

impl Run {
    /// A run over an article's canonical `text`; `marked` as for [`super::suggest`].
    pub fn new(text: &str, marked: &[Annotation]) -> Run {
        let marked = marked
            .iter()
            .filter(|a| a.label == Label::Actor)
            .map(|a| (a.span.start, a.span.end))
            .collect();
        Run {
            stage: Stage::Start {
                text: text.to_owned(),
                marked,
            },
        }
    }

    /// Does the next step; the suggestions, in text order, once the last is done (and an
    /// empty list if asked again after that).
    pub fn step(&mut self) -> Option<Vec<Suggestion>> {
        let (next, found) = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Start { text, marked } => {
                let scan = Scan::new(&text);
                let headline_end = crate::model::text::headline(&text)
                    .and_then(|_| text.split('\n').next())
                    .map_or(0, |line| line.chars().count());
                let len = scan.chars.len();
                let marked = marked.into_iter().filter(|&(_, end)| end <= len).collect();
                let read = Read { scan, headline_end };
                (Stage::Scanned { read, marked }, None)
            }
            Stage::Scanned { read, marked } => {
                let pairs = marks::pairs(&read.scan.chars);
                let direct = quotes::direct(&read.scan, &pairs, read.headline_end);
                let names = names::Finder::new(&read.scan, read.headline_end).names();
                let stage = Stage::Named {
                    read,
                    direct,
                    names,
                    marked,
                };
                (stage, None)
            }
            Stage::Named {
                read,
                direct,
                names,
                marked,
            } => {
                let known = actors::Marked { spans: marked };
                let actors = actors::build(&read.scan, names, &known);
                let direct_speakers = {
                    let quoted = quoted(&direct);
                    attribute::direct_speakers(&speakers(&read, &actors, &quoted), &direct)
                };
                let stage = Stage::Attributed {
                    read,
                    direct,
                    actors,
                    direct_speakers,
                };
                (stage, None)
            }
            Stage::Attributed {
                read,
                direct,
                actors,
                direct_speakers,
            } => {
                let indirect: Vec<(Indirect, Option<usize>)> = {
                    let quoted = quoted(&direct);
                    let sp = speakers(&read, &actors, &quoted);
                    indirect::indirect(&sp)
                        .into_iter()
                        .map(|q| {
                            let m = q.subject.as_ref().and_then(|s| sp.resolve(s, q.at));
                            (q, m)
                        })
                        .collect()
                };
                let found = assemble(&direct, &actors, direct_speakers, &indirect);
                (Stage::Done, Some(found))
            }
            Stage::Done => (Stage::Done, Some(Vec::new())),
        };
        self.stage = next;
        found
    }
}

fn quoted(direct: &[Direct]) -> Vec<(usize, usize)> {
    direct.iter().map(|q| (q.start, q.end)).collect()
}

fn speakers<'a>(read: &'a Read, actors: &'a Actors, quoted: &'a [(usize, usize)]) -> Speakers<'a> {
    Speakers {
        scan: &read.scan,
        actors,
        quoted,
    }
}

/// The suggestions: every quotation with its speaker, then every actor mention (a place only
/// where it speaks), in text order.
fn assemble(
    direct: &[Direct],
    actors: &Actors,
    direct_speakers: Vec<Option<usize>>,
    indirect: &[(Indirect, Option<usize>)],
) -> Vec<Suggestion> {
    let mut speaking = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut speaker_span = |m: Option<usize>| {
        let m = m?;
        let mention = actors.get(m)?;
        speaking.insert(m);
        Span::new(mention.start, mention.end)
    };
    for (q, m) in direct.iter().zip(direct_speakers) {
        if let Some(span) = Span::new(q.start, q.end) {
            let speaker = speaker_span(m);
            out.push(Suggestion {
                kind: Kind::DirectQuote,
                span,
                speaker,
            });
        }
    }
    for (q, m) in indirect {
        if let Some(span) = Span::new(q.start, q.end) {
            let speaker = speaker_span(*m);
            out.push(Suggestion {
                kind: Kind::IndirectQuote,
                span,
                speaker,
            });
        }
    }
    for (i, m) in actors.mentions.iter().enumerate() {
        let place = m.kind == actors::ActorKind::Place;
        if place && !speaking.contains(&i) {
            continue;
        }
        if let Some(span) = Span::new(m.start, m.end) {
            out.push(Suggestion {
                kind: Kind::Actor,
                span,
                speaker: None,
            });
        }
    }
    out.sort_by_key(|s| (s.span.start, std::cmp::Reverse(s.span.end), s.kind));
    out.dedup();
    out
}
