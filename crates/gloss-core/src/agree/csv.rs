//! "Export agreement": one CSV row per figure, with the conventions of Gloss's other CSVs (RFC
//! 4180 quoting by the csv crate, CRLF rows, formula-like cells neutralised) but without their
//! byte-order mark and quoting only where needed, since the report is handed over as a `String`.

use super::{Annotators, Report, Scope};
use crate::formats::csv::neutralise;

/// The columns, in order: a promise to people's spreadsheets (keep it).
pub const HEADER: [&str; 8] = [
    "scope",
    "label",
    "annotators",
    "measure",
    "value",
    "observed",
    "expected",
    "units",
];

/// What an undefined figure reads as.
pub const UNDEFINED: &str = "undefined";

fn number(x: Option<f64>, missing: &str) -> String {
    x.map_or_else(|| missing.to_owned(), |v| format!("{v:.6}"))
}

/// The report's CSV: scope (the article's title or `library`), label (`claim`, `quote`, `actor`
/// or `all`), annotators (`A | B` or `all`), measure, value (`undefined` when undefined),
/// observed and expected (empty for F1), units. Numbers have six decimals.
pub fn write(report: &Report) -> String {
    let scope = match &report.scope {
        Scope::Article(title) => neutralise(title),
        Scope::Library => "library".to_owned(),
    };
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows = vec![HEADER.map(str::to_owned).to_vec()];
    for f in &report.figures {
        let who = match &f.annotators {
            Annotators::Pair(a, b) => neutralise(&format!("{a} | {b}")),
            Annotators::All => "all".to_owned(),
        };
        rows.push(vec![
            scope.clone(),
            f.label.map_or("all", |l| l.slug()).to_owned(),
            who,
            f.measure.slug().to_owned(),
            number(f.value, UNDEFINED),
            number(f.observed, ""),
            number(f.expected, ""),
            f.units.to_string(),
        ]);
    }
    for row in rows {
        // Writing to memory fails only if a row had a different number of fields, and each
        // row above has eight.
        if out.write_record(&row).is_err() {
            break;
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::{compare, Article, Layer};
    use crate::model::{Label, Span};

    #[test]
    fn one_row_per_figure_and_undefined_in_words() {
        let layers = [
            Layer {
                annotator: "Ana".into(),
                marks: vec![(Label::Quote, Span { start: 0, end: 5 })],
            },
            Layer {
                annotator: "=Bo".into(),
                marks: vec![(Label::Quote, Span { start: 0, end: 5 })],
            },
        ];
        let report = compare(&Article {
            title: "Rates",
            text: "Rates rose today.",
            layers: &layers,
        });
        let csv = report.csv();
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines.first(),
            Some(&"scope,label,annotators,measure,value,observed,expected,units")
        );
        assert_eq!(lines.len(), 1 + report.figures.len());
        assert!(lines.contains(&"Rates,quote,Ana | =Bo,exact_f1,1.000000,,,2"));
        assert!(
            lines.contains(&"Rates,claim,Ana | =Bo,cohen_kappa,undefined,1.000000,1.000000,3"),
            "{csv}"
        );
    }
}
