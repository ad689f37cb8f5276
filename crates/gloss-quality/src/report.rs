//! The table `make quality` prints: markdown, per article and overall, one split at a time.

use std::fmt::Write;

use crate::score::{Counts, Scores};

/// Reads one measure's counts.
pub type Measure = fn(&Scores) -> Counts;

/// The measures, in the order of the table, with their headings.
pub const MEASURES: [(&str, Measure); 7] = [
    ("direct exact", |s| s.direct_exact),
    ("direct overlap", |s| s.direct_overlap),
    ("indirect exact", |s| s.indirect_exact),
    ("indirect overlap", |s| s.indirect_overlap),
    ("quote+speaker", |s| s.quote_speaker),
    ("actors exact", |s| s.actor_exact),
    ("actors overlap", |s| s.actor_overlap),
];

/// `P / R / F1 (tp/fp/fn)`, two decimals.
pub fn cell(c: Counts) -> String {
    format!(
        "{:.2} / {:.2} / {:.2} ({}/{}/{})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

/// The tables of one split: every article as a row of all measures, then the overall
/// (micro: sums of counts) as one row per measure.
pub fn split_table(title: &str, rows: &[(String, Scores)]) -> String {
    let mut out = String::new();
    let mut total = Scores::default();
    for (_, s) in rows {
        total += *s;
    }
    let _ = writeln!(out, "### {title}: overall ({} articles)\n", rows.len());
    let _ = writeln!(out, "| measure | P | R | F1 | TP | FP | FN |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
    for (name, get) in MEASURES {
        let c = get(&total);
        let _ = writeln!(
            out,
            "| {name} | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    let _ = writeln!(out, "\n### {title}: per article (P / R / F1 (TP/FP/FN))\n");
    let heads: Vec<&str> = MEASURES.iter().map(|(n, _)| *n).collect();
    let _ = writeln!(out, "| article | {} |", heads.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(heads.len()));
    for (name, s) in rows {
        let cells: Vec<String> = MEASURES.iter().map(|(_, get)| cell(get(s))).collect();
        let _ = writeln!(out, "| {name} | {} |", cells.join(" | "));
    }
    out
}
