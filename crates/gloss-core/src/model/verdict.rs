//! Fact-checking a claim: its verdict on the common rating scale, and the sources it was checked
//! against (links the person gives; nothing is ever fetched from them).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Annotation, Label};

/// How true a claim was found to be. "Not checked yet" is no verdict (`None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    True,
    MostlyTrue,
    HalfTrue,
    Misleading,
    MostlyFalse,
    False,
    Unverifiable,
}

/// The best and worst numbers of the truth scale ([`Verdict::number`]).
pub const BEST_RATING: u8 = 6;
pub const WORST_RATING: u8 = 1;

impl Verdict {
    /// Every verdict, in the order the Verdict menu lists them.
    pub const ALL: [Verdict; 7] = [
        Verdict::True,
        Verdict::MostlyTrue,
        Verdict::HalfTrue,
        Verdict::Misleading,
        Verdict::MostlyFalse,
        Verdict::False,
        Verdict::Unverifiable,
    ];

    /// The words a person reads (and ClaimReview's `alternateName`).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::True => "True",
            Verdict::MostlyTrue => "Mostly true",
            Verdict::HalfTrue => "Half true",
            Verdict::Misleading => "Misleading",
            Verdict::MostlyFalse => "Mostly false",
            Verdict::False => "False",
            Verdict::Unverifiable => "Unverifiable",
        }
    }

    /// The stored name (Gloss JSON's `verdict`, CSS classes, the select's values).
    pub fn slug(self) -> &'static str {
        match self {
            Verdict::True => "true",
            Verdict::MostlyTrue => "mostly-true",
            Verdict::HalfTrue => "half-true",
            Verdict::Misleading => "misleading",
            Verdict::MostlyFalse => "mostly-false",
            Verdict::False => "false",
            Verdict::Unverifiable => "unverifiable",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.slug() == slug)
    }

    /// The verdict whose words or slug these are, in any case ("Mostly true", "mostly-true").
    pub fn parse(words: &str) -> Option<Verdict> {
        let words = words.trim();
        Verdict::ALL
            .into_iter()
            .find(|v| v.slug().eq_ignore_ascii_case(words) || v.name().eq_ignore_ascii_case(words))
    }

    /// The rating's number: True 6 down to False 1 ([`BEST_RATING`], [`WORST_RATING`]);
    /// Unverifiable is 0, off the truth scale.
    pub fn number(self) -> u8 {
        match self {
            Verdict::True => 6,
            Verdict::MostlyTrue => 5,
            Verdict::HalfTrue => 4,
            Verdict::Misleading => 3,
            Verdict::MostlyFalse => 2,
            Verdict::False => 1,
            Verdict::Unverifiable => 0,
        }
    }

    /// A symbol shown with the verdict's colour, so colour is never the only sign.
    pub fn symbol(self) -> &'static str {
        match self {
            Verdict::True => "✓",
            Verdict::MostlyTrue => "✓",
            Verdict::HalfTrue => "½",
            Verdict::Misleading => "!",
            Verdict::MostlyFalse => "✗",
            Verdict::False => "✗",
            Verdict::Unverifiable => "?",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The words for "no verdict".
pub const NOT_CHECKED: &str = "Not checked yet";

/// A link a claim was checked against.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// An absolute `http://` or `https://` URL ([`check_url`]).
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub note: String,
}

/// Why a source link was refused, in words a person understands.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("Type the source's address (its URL).")]
    Empty,
    #[error(
        "Only web addresses starting with http:// or https:// can be a source; “{0}” is not one."
    )]
    Scheme(String),
    #[error("“{0}” has no site name after the //.")]
    NoHost(String),
    #[error("A web address cannot contain spaces or control characters.")]
    Spaces,
}

/// An absolute web address, trimmed: `http://` or `https://` (any case), then a host. Anything
/// else (`javascript:`, `data:`, `file:`, a relative path) is refused: a source is a link a
/// reader may follow, and nothing else may reach a link's `href`.
pub fn check_url(url: &str) -> Result<String, UrlError> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlError::Spaces);
    }
    let rest = ["http://", "https://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .and_then(|_| url.get(scheme.len()..))
    });
    let Some(rest) = rest else {
        return Err(UrlError::Scheme(shorten(url)));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let name = host.split(':').next().unwrap_or_default();
    let bracketed = host.starts_with('[');
    if (name.is_empty() && !bracketed) || host.starts_with(':') {
        return Err(UrlError::NoHost(shorten(url)));
    }
    Ok(url.to_owned())
}

/// A long address cut for a message.
fn shorten(url: &str) -> String {
    const MAX: usize = 60;
    if url.chars().count() <= MAX {
        url.to_owned()
    } else {
        let head: String = url.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Why a source link was not added to a claim, in words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Url(#[from] UrlError),
    #[error("This claim already has a source with that address.")]
    Twice,
}

/// A source for a claim citing `others` (its other links): the address checked
/// ([`check_url`]), title and note trimmed, and refused when the claim cites the address
/// already (one address is one source). The dialog and the reducer both ask this.
pub fn check_source<'a>(
    others: impl IntoIterator<Item = &'a Evidence>,
    url: &str,
    title: &str,
    note: &str,
) -> Result<Evidence, SourceError> {
    let e = Evidence::new(url, title, note)?;
    if others.into_iter().any(|x| x.url == e.url) {
        return Err(SourceError::Twice);
    }
    Ok(e)
}

/// How many claims have a verdict, of how many claims: the Library's "1 of 3 claims checked"
/// and what a ClaimReview export takes and leaves out.
pub fn checked_claims(annotations: &[Annotation]) -> (usize, usize) {
    annotations
        .iter()
        .filter(|a| a.label == Label::Claim)
        .fold((0, 0), |(checked, all), a| {
            (checked + usize::from(a.verdict.is_some()), all + 1)
        })
}

impl Evidence {
    /// A source with a checked URL; title and note trimmed.
    pub fn new(url: &str, title: &str, note: &str) -> Result<Evidence, UrlError> {
        Ok(Evidence {
            url: check_url(url)?,
            title: title.trim().to_owned(),
            note: note.trim().to_owned(),
        })
    }

    /// What a link to it says: its title, or else its address.
    pub fn label(&self) -> &str {
        if self.title.is_empty() {
            &self.url
        } else {
            &self.title
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_accepted_and_refused() {
        let ok = [
            ("https://example.org/a?b#c", "https://example.org/a?b#c"),
            ("  http://example.org  ", "http://example.org"),
            ("HTTPS://Example.org/", "HTTPS://Example.org/"),
            (
                "https://user@example.org:8080/x",
                "https://user@example.org:8080/x",
            ),
            ("http://[::1]/", "http://[::1]/"),
        ];
        for (given, kept) in ok {
            assert_eq!(check_url(given).as_deref(), Ok(kept), "{given}");
        }
        type Is = fn(&UrlError) -> bool;
        let refused: [(&str, Is); 9] = [
            ("", |e| *e == UrlError::Empty),
            ("   ", |e| *e == UrlError::Empty),
            ("javascript:alert(1)", |e| matches!(e, UrlError::Scheme(_))),
            ("JavaScript:alert(1)", |e| matches!(e, UrlError::Scheme(_))),
            ("data:text/html,<b>x</b>", |e| {
                matches!(e, UrlError::Scheme(_))
            }),
            ("/relative/path", |e| matches!(e, UrlError::Scheme(_))),
            ("ftp://example.org", |e| matches!(e, UrlError::Scheme(_))),
            ("https://", |e| matches!(e, UrlError::NoHost(_))),
            ("https://exa mple.org", |e| *e == UrlError::Spaces),
        ];
        for (given, is) in refused {
            let got = check_url(given);
            assert!(got.as_ref().is_err_and(is), "{given:?} gave {got:?}");
        }
        assert!(check_url("https:///path").is_err());
        assert!(check_url("http://:80/").is_err());
        assert!(check_url("java\tscript:x").is_err());
    }

    #[test]
    fn messages_are_words() {
        let e = check_url("javascript:alert(1)").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Only web addresses starting with http:// or https:// can be a source; “javascript:alert(1)” is not one."
        );
    }

    #[test]
    fn verdicts_round_trip_and_rank() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::from_slug(v.slug()), Some(v));
            assert_eq!(Verdict::parse(v.name()), Some(v));
            assert_eq!(Verdict::parse(&v.name().to_uppercase()), Some(v));
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.slug()));
        }
        let scale: Vec<u8> = Verdict::ALL.iter().map(|v| v.number()).collect();
        assert_eq!(scale, [6, 5, 4, 3, 2, 1, 0]);
        assert_eq!(Verdict::True.number(), BEST_RATING);
        assert_eq!(Verdict::False.number(), WORST_RATING);
        assert_eq!(Verdict::parse("not checked yet"), None);
    }

    #[test]
    fn a_source_is_refused_for_its_address_or_when_cited_already() {
        let cited = [Evidence::new("https://a.example/", "A", "").unwrap()];
        assert_eq!(
            check_source(&cited, " https://b.example/ ", " B ", ""),
            Ok(Evidence::new("https://b.example/", "B", "").unwrap())
        );
        assert_eq!(
            check_source(&cited, "https://a.example/", "Again", ""),
            Err(SourceError::Twice)
        );
        let refused = check_source(&cited, "javascript:alert(1)", "", "").unwrap_err();
        assert!(matches!(refused, SourceError::Url(UrlError::Scheme(_))));
        assert!(refused.to_string().starts_with("Only web addresses"));
        assert_eq!(
            SourceError::Twice.to_string(),
            "This claim already has a source with that address."
        );
    }

    #[test]
    fn claims_checked_are_counted() {
        let at = super::super::Timestamp(0);
        let span = super::super::Span { start: 0, end: 1 };
        let make = |label, verdict| Annotation {
            verdict,
            ..Annotation::new(super::super::AnnotationId::random(), label, span, at)
        };
        let anns = [
            make(Label::Claim, Some(Verdict::False)),
            make(Label::Claim, None),
            make(Label::Quote, None),
            make(Label::Claim, Some(Verdict::Unverifiable)),
        ];
        assert_eq!(checked_claims(&anns), (2, 3));
        assert_eq!(checked_claims(&[]), (0, 0));
    }

    #[test]
    fn evidence_trims_and_labels() {
        let e = Evidence::new(" https://a.example/x ", "  Title ", " note ").unwrap();
        assert_eq!(e.url, "https://a.example/x");
        assert_eq!(e.label(), "Title");
        let bare = Evidence::new("https://a.example/x", "", "").unwrap();
        assert_eq!(bare.label(), "https://a.example/x");
    }
}
