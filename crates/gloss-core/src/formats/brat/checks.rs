//! A claim's verdict in brat's terms: an attribute, `A1<TAB>Verdict T3 mostly-true`, declared in
//! `annotation.conf` with the verdicts' slugs as its values (brat shows it on the claim and
//! offers them in its editor). brat has no place for a claim's source links (its notes are the
//! annotation's note, and its normalizations name knowledge-base entries), so they do not travel
//! in brat.

use std::collections::BTreeMap;

use super::lines::Entry;
use crate::formats::foreign::ForeignDocument;
use crate::formats::gloss::read_verdict;
use crate::model::{AnnotationId, Document, Label, Verdict};

/// The attribute's name.
pub const VERDICT: &str = "Verdict";

/// The `[attributes]` line of `annotation.conf`.
pub(super) fn conf_line() -> String {
    let values: Vec<&str> = Verdict::ALL.iter().map(|v| v.slug()).collect();
    format!("{VERDICT}\tArg:Claim, Value:{}\n", values.join("|"))
}

/// An `A` (or `M`) line's data when it is a verdict: `Verdict T3 mostly-true`.
pub(super) fn attribute<'a>(id: &'a str, data: &'a str) -> Option<Entry<'a>> {
    let mut words = data.split_whitespace();
    let name = words.next()?;
    if !name.eq_ignore_ascii_case(VERDICT) {
        return None;
    }
    Some(Entry::Verdict {
        id,
        target: words.next().unwrap_or(""),
        value: words.next(),
    })
}

/// The `A` lines of `doc`'s claims with a verdict (`numbers`: each annotation's `T` number);
/// returns how many were written (the layers' `A` lines follow).
pub(super) fn write(
    doc: &Document,
    numbers: &BTreeMap<AnnotationId, usize>,
    out: &mut String,
) -> usize {
    let mut n = 0usize;
    for a in &doc.annotations {
        let (Some(verdict), Some(t), Label::Claim) = (a.verdict, numbers.get(&a.id), a.label)
        else {
            continue;
        };
        n += 1;
        out.push_str(&format!("A{n}\t{VERDICT} T{t} {}\n", verdict.slug()));
    }
    n
}

/// Puts each verdict line on the annotation its target's `T` line gave (`ids`); what cannot be
/// kept is reported.
pub(super) fn read(
    entries: Vec<(usize, Entry<'_>)>,
    ids: &BTreeMap<&str, AnnotationId>,
    doc: &mut ForeignDocument,
) {
    for (n, entry) in entries {
        let Entry::Verdict { id, target, value } = entry else {
            continue;
        };
        let name = Some(format!("{id} (line {n})"));
        let Some(&annotation) = ids.get(target) else {
            doc.problem(
                name,
                format!("its target {target} is not an annotation Gloss imported; the verdict is left out"),
            );
            continue;
        };
        // brat's values are single words: `mostly-true`, or written `Mostly_true`.
        // A verdict's words may be written with underscores (brat values have no spaces).
        // A missing value is a verdict Gloss does not know (""), said as such.
        let words = serde_json::Value::String(value.unwrap_or("").replace('_', " "));
        let (verdict, dropped) = match read_verdict(Some(&words)) {
            Ok(verdict) => (verdict, Vec::new()),
            Err(why) => (None, vec![why]),
        };
        doc.set_check(annotation, verdict, Vec::new(), dropped);
    }
}
