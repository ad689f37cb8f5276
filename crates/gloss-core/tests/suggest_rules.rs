//! The suggestion rules, pattern by pattern: quotation marks of every style, scare quotes and
//! headlines, indirect speech, speakers and actors. Each case names what it shows.

use gloss_core::model::{Annotation, AnnotationId, Label, Span, Timestamp};
use gloss_core::suggest::{suggest, Kind};

fn text_of(text: &str, span: Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

/// (kind, text, speaker text) of every suggestion.
fn found(text: &str, marked: &[Annotation]) -> Vec<(Kind, String, Option<String>)> {
    suggest(text, marked)
        .into_iter()
        .map(|s| {
            (
                s.kind,
                text_of(text, s.span),
                s.speaker.map(|p| text_of(text, p)),
            )
        })
        .collect()
}

fn quotes(text: &str) -> Vec<(String, Option<String>)> {
    found(text, &[])
        .into_iter()
        .filter(|(k, _, _)| *k != Kind::Actor)
        .map(|(_, t, s)| (t, s))
        .collect()
}

fn directs(text: &str) -> Vec<String> {
    found(text, &[])
        .into_iter()
        .filter(|(k, _, _)| *k == Kind::DirectQuote)
        .map(|(_, t, _)| t)
        .collect()
}

fn actors(text: &str) -> Vec<String> {
    found(text, &[])
        .into_iter()
        .filter(|(k, _, _)| *k == Kind::Actor)
        .map(|(_, t, _)| t)
        .collect()
}

#[test]
fn quotation_mark_styles() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "curly",
            "Ana Lima said: “We will stay.”",
            &["We will stay."],
        ),
        (
            "straight",
            "Ana Lima said: \"We will stay.\"",
            &["We will stay."],
        ),
        (
            "single outside",
            "Ana Lima said: ‘We will stay.’",
            &["We will stay."],
        ),
        (
            "guillemets with spaces",
            "Ana Lima a dit : « Nous restons. »",
            &["Nous restons."],
        ),
        (
            "reversed guillemets",
            "Ana Lima sagte: »Wir bleiben.«",
            &["Wir bleiben."],
        ),
        (
            "low-high German",
            "Ana Lima sagte: „Wir bleiben.“",
            &["Wir bleiben."],
        ),
        ("low-high right", "Ana Lima said: „We stay.”", &["We stay."]),
        (
            "low single",
            "Ana Lima sagte: ‚Wir bleiben.‘",
            &["Wir bleiben."],
        ),
        (
            "corner brackets",
            "Ana Lima said: 「We will stay.」",
            &["We will stay."],
        ),
        (
            "white corner brackets",
            "Ana Lima said: 『We will stay.』",
            &["We will stay."],
        ),
        (
            "nested single inside double",
            "Ana Lima said: “They call it ‘a plan’ but it is not.”",
            &["They call it ‘a plan’ but it is not."],
        ),
        (
            "apostrophes are not marks",
            "Ana Lima said: ‘It’s the workers’ money, isn’t it?’",
            &["It’s the workers’ money, isn’t it?"],
        ),
        (
            "interrupted quote is two",
            "“We tried,” Ana Lima said, “and failed.”",
            &["We tried,", "and failed."],
        ),
        (
            "multi-paragraph quote is one",
            "Ana Lima wrote:\n\n“First part.\n\n“Second part.\n\n“Last part.”",
            &["First part.\n\n“Second part.\n\n“Last part."],
        ),
        (
            "unclosed mark is nothing",
            "Ana Lima said: “We will stay.\n\nNext.",
            &[],
        ),
    ];
    for (name, text, want) in cases {
        assert_eq!(directs(text), *want, "case {name}");
    }
}

#[test]
fn scare_quotes_titles_and_headlines_are_not_quotes() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("scare quote", "Ana Lima wants ‘peace’ on her terms.", &[]),
        (
            "short title",
            "It is the next stage on Trump’s “path to peace”.",
            &[],
        ),
        (
            "long term nobody says",
            "Many talk about the « hail of the century », again.",
            &[],
        ),
        (
            "headline",
            "Council ‘will not blink’ over towers\n\nThe council met on Tuesday and voted.",
            &[],
        ),
        (
            "short quote with a verb",
            "Almli called the talks “open and hard”.",
            &["open and hard"],
        ),
        (
            "short quote with 'spoke of'",
            "Vogt spoke of „window dressing“.",
            &["window dressing"],
        ),
        ("short utterance", "“Never,” Ana Lima said.", &["Never,"]),
    ];
    for (name, text, want) in cases {
        assert_eq!(directs(text), *want, "case {name}");
    }
}

#[test]
fn speakers() {
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, Option<&'a str>)]);
    let cases: &[Case] = &[
        (
            "X said",
            "“We stay,” Ana Lima said.",
            &[("We stay,", Some("Ana Lima"))],
        ),
        (
            "said X",
            "“We stay,” said Ana Lima.",
            &[("We stay,", Some("Ana Lima"))],
        ),
        (
            "said title X",
            "“We stay,” said Environment Minister Dr. Helga Kranz.",
            &[("We stay,", Some("Helga Kranz"))],
        ),
        (
            "X, descriptor, said",
            "Ana Lima, who leads the union, said: “We stay.”",
            &[("We stay.", Some("Ana Lima"))],
        ),
        (
            "descriptor, X, said",
            "Its director, Ana Lima, said: “We stay.”",
            &[("We stay.", Some("Ana Lima"))],
        ),
        (
            "apposition",
            "Kremlin spokesman Dmitry Peskov said: “No date yet.”",
            &[("No date yet.", Some("Dmitry Peskov"))],
        ),
        (
            "told reporters",
            "Mayor Ana Lima told reporters: “We stay.”",
            &[("We stay.", Some("Ana Lima"))],
        ),
        (
            "pronoun",
            "Ana Lima spoke last. “We stay,” she said.",
            &[("We stay,", Some("Ana Lima"))],
        ),
        (
            "role resolves to who had it",
            "Putin spokesman Dmitry Peskov spoke on Friday. The Putin spokesman said: “No date.”",
            &[("No date.", Some("Dmitry Peskov"))],
        ),
        (
            "bare surname",
            "Ana Lima arrived. “We stay,” Lima said.",
            &[("We stay,", Some("Lima"))],
        ),
        (
            "according to X",
            "According to Ana Lima, the talks failed.",
            &[("the talks failed", Some("Ana Lima"))],
        ),
        (
            "nobody named",
            "His neighbour, who would not be named, disagrees: “Nobody asked us.”",
            &[("Nobody asked us.", None)],
        ),
    ];
    for (name, text, want) in cases {
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(q, s)| (q.to_string(), s.map(str::to_owned)))
            .collect();
        assert_eq!(quotes(text), want, "case {name}");
    }
}

#[test]
fn indirect_quotes() {
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, Option<&'a str>)]);
    let cases: &[Case] = &[
        (
            "said that",
            "Ana Lima said that the talks had failed.",
            &[("the talks had failed", Some("Ana Lima"))],
        ),
        (
            "said without that",
            "Ana Lima said the talks had failed.",
            &[("the talks had failed", Some("Ana Lima"))],
        ),
        (
            "told someone that",
            "Ana Lima told local radio on Monday that the talks had failed.",
            &[("the talks had failed", Some("Ana Lima"))],
        ),
        (
            "reverse form",
            "The talks had failed again, Ana Lima said on Monday.",
            &[("The talks had failed again", Some("Ana Lima"))],
        ),
        (
            "reverse form, the organisation",
            "Ana Lima came early, the Kremlin said.",
            &[("Ana Lima came early", Some("Kremlin"))],
        ),
        (
            "a place that speaks",
            "Russia reciprocated, saying a call is the next step.",
            &[("a call is the next step", Some("Russia"))],
        ),
        (
            "unnamed speaker",
            "Officials said the road would reopen.",
            &[("the road would reopen", None)],
        ),
        ("no clause", "Ana Lima announced the release at noon.", &[]),
        ("passive", "Ana Lima is said to be ill.", &[]),
        (
            "declined to say",
            "A spokeswoman declined to say how many would go.",
            &[],
        ),
    ];
    for (name, text, want) in cases {
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(q, s)| (q.to_string(), s.map(str::to_owned)))
            .collect();
        assert_eq!(quotes(text), want, "case {name}");
    }
}

#[test]
fn actor_names() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "titles dropped",
            "Russian President Vladimir Putin met Mr. Witkoff.",
            &["Vladimir Putin", "Witkoff"],
        ),
        (
            "a name before a role is a mention too",
            "Putin spokesman Dmitry Peskov spoke for Putin.",
            &["Putin", "Dmitry Peskov", "Putin"],
        ),
        (
            "organisations without 'the'",
            "The White House and the Kremlin said no.",
            &["White House", "Kremlin"],
        ),
        (
            "possessive dropped",
            "It was Chancellor Kessler’s team.",
            &["Kessler"],
        ),
        (
            "places are not actors",
            "The delegation arrived in Moscow on Thursday.",
            &[],
        ),
        (
            "sentence-initial words are not names",
            "While it rained, nobody came. Opposition grew.",
            &[],
        ),
        (
            "lower-case organisation head",
            "Talks ended, the Valmora foreign ministry said.",
            &["Valmora foreign ministry"],
        ),
        (
            "a name modifying a noun",
            "The Lindqvist harbour bridge reopened.",
            &[],
        ),
        ("a dateline", "PORT ELGIN — Bus drivers voted.", &[]),
    ];
    for (name, text, want) in cases {
        assert_eq!(actors(text), *want, "case {name}");
    }
}

#[test]
fn marked_actors_are_known_names() {
    let text = "Kessler spoke first. Later Kessler left.";
    let mut a = Annotation::new(
        AnnotationId::random(),
        Label::Actor,
        Span { start: 27, end: 34 },
        Timestamp(0),
    );
    a.note = String::new();
    // Alone, a one-word name at a sentence's start proves nothing, but it is marked later on.
    let got = actors_with(text, &[a]);
    assert_eq!(got, ["Kessler", "Kessler"]);
}

fn actors_with(text: &str, marked: &[Annotation]) -> Vec<String> {
    found(text, marked)
        .into_iter()
        .filter(|(k, _, _)| *k == Kind::Actor)
        .map(|(_, t, _)| t)
        .collect()
}
