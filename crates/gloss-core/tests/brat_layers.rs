//! brat standoff and layers: whose each annotation is travels as the attributes `Annotator`
//! and `Curated` declared in the zip's `annotation.conf`, and comes back; files brat wrote
//! (with or without them); the example in docs/formats/brat.md.
#![cfg(not(target_arch = "wasm32"))]

mod brat_common;
mod layers_common;

use brat_common::*;
use gloss_core::formats::brat;
use gloss_core::model::{Annotation, Document, Label};

/// Whose each annotation is travels as brat attributes declared in the zip's
/// `annotation.conf`: `Annotator` (the name, one word: a space as `_`, signs brat's config
/// cannot hold percent-encoded) and the binary `Curated`; all comes back, two people's marks
/// on the same words stay two, and importing the zip again adds nothing.
#[test]
fn layers_travel_as_annotator_and_curated_attributes() {
    use layers_common::{article, cases, import, layered, library, the_article, TEXT};
    for (case, marks) in cases() {
        let doc = article(&marks);
        let zip = brat::export(&[&doc]).expect("exports");
        let entries = unzip(&zip);
        let conf = entry(&entries, "annotation.conf");
        let mut names: Vec<String> = doc
            .annotations
            .iter()
            .filter_map(|a| a.created_by.as_deref().map(brat::encode_name))
            .collect();
        names.sort();
        names.dedup();
        let attributes = conf.split("[attributes]\n").nth(1).expect("[attributes]");
        let mut want = "Verdict\tArg:Claim, Value:true|mostly-true|half-true|misleading|mostly-false|false|unverifiable\n".to_owned();
        if !names.is_empty() {
            want.push_str(&format!(
                "Annotator\tArg:Claim|Quote|Actor, Value:{}\n",
                names.join("|")
            ));
        }
        want.push_str("Curated\tArg:Claim|Quote|Actor\n");
        assert_eq!(attributes, want, "{case}");
        for name in &names {
            assert!(
                !name.contains([' ', ',', '|', '\t']),
                "{case}: {name:?} is one word"
            );
        }
        let ann = entry(&entries, "Bridge.ann");
        brat_accepts(TEXT, &ann).expect(case);
        // Each T line has the attributes of its annotation's layer.
        let t_of = |line: &str| line.split('\t').next().unwrap_or("").to_owned();
        let t_lines: Vec<&str> = ann.lines().filter(|l| l.starts_with('T')).collect();
        let mut annotations: Vec<&Annotation> = doc.annotations.iter().collect();
        annotations.sort_by(|a, b| gloss_core::model::text_order(a, b));
        for (line, a) in t_lines.iter().zip(&annotations) {
            let t = t_of(line);
            let said: Vec<&str> = ann
                .lines()
                .filter(|l| l.starts_with('A') && l.split(' ').nth(1) == Some(t.as_str()))
                .map(|l| l.split_once('\t').map_or("", |(_, data)| data))
                .collect();
            let mut want = Vec::new();
            let annotator = a
                .created_by
                .as_deref()
                .map(|n| format!("Annotator {t} {}", brat::encode_name(n)));
            want.extend(annotator.as_deref());
            let curated = format!("Curated {t}");
            if a.curated {
                want.push(&curated);
            }
            assert_eq!(said, want, "{case}: {line}");
        }
        // A numbers count up over the whole file.
        let a_ids: Vec<String> = ann
            .lines()
            .filter(|l| l.starts_with('A'))
            .map(t_of)
            .collect();
        let want_ids: Vec<String> = (1..=a_ids.len()).map(|n| format!("A{n}")).collect();
        assert_eq!(a_ids, want_ids, "{case}");
        let imported = import(&zip, &library(&[]), case);
        let back = the_article(&imported, case);
        assert_eq!(layered(&back), layered(&doc), "{case}");
        let again = import(&zip, &library(&[&back]), case);
        assert_eq!(again.annotations_added, 0, "{case}: nothing twice");
    }
}

/// brat's own files (no layer attributes) come in as the importing person's own, as before;
/// layer attributes written by hand or by another tool are read, and those that cannot be
/// are reported.
#[test]
fn layers_of_files_brat_wrote() {
    for (name, txt, ann) in [
        ("harbour", HARBOUR_TXT, HARBOUR_ANN),
        ("strike", STRIKE_TXT, STRIKE_ANN),
        ("cafe", CAFE_TXT, CAFE_ANN),
    ] {
        let imported = merged(brat::import_pair(txt, ann, name, AT).expect(name));
        layers_common::all_mine(&imported.documents[0], name);
    }
    let txt = "Ana said no.";
    // (case, the .ann, (label, words, created_by, curated) wanted, problems wanted)
    type Want = (Label, &'static str, Option<&'static str>, bool);
    let cases: Vec<(&str, &str, Vec<Want>, &[&str])> = vec![
        (
            "a name another tool wrote, _ for a space",
            "T1\tActor 0 3\tAna\nA1\tAnnotator T1 ben_smith\n",
            vec![(Label::Actor, "Ana", Some("ben smith"), false)],
            &[],
        ),
        (
            "two layers on the same words, attributes before the T lines",
            "A1\tAnnotator T2 Ben\nA2\tCurated T2\nT1\tActor 0 3\tAna\nT2\tActor 0 3\tAna\nA3\tannotator T1 Ana\n",
            vec![
                (Label::Actor, "Ana", Some("Ana"), false),
                (Label::Actor, "Ana", Some("Ben"), true),
            ],
            &[],
        ),
        (
            "the same words twice in one layer: kept once",
            "T1\tActor 0 3\tAna\nT2\tActor 0 3\tAna\nA1\tAnnotator T1 Ana\nA2\tAnnotator T2 Ana\n",
            vec![(Label::Actor, "Ana", Some("Ana"), false)],
            &[],
        ),
        (
            "curated false, and another tool's attribute",
            "T1\tClaim 9 11\tno\nA1\tCurated T1 false\nA2\tNegated T1\n",
            vec![(Label::Claim, "no", None, false)],
            &["1 attribute skipped"],
        ),
        (
            "attributes that cannot be read",
            "T1\tActor 0 3\tAna\nA1\tAnnotator T1\nA2\tAnnotator T7 Ben\nA3\tCurated T1 maybe\nA4\tAnnotator T1 Ana\nA5\tAnnotator T1 Ben\n",
            vec![(Label::Actor, "Ana", Some("Ana"), false)],
            &["A1 (line 2)", "A2 (line 3)", "T7", "A3 (line 4)", "A5 (line 6)", "Annotator already"],
        ),
    ];
    for (case, ann, want, problems) in cases {
        let parsed = brat::import_pair(txt.as_bytes(), ann.as_bytes(), "t", AT).expect(case);
        let got_problems = reasons(&parsed);
        for p in problems {
            assert!(has(&got_problems, &[p]), "{case}: {p} in {got_problems:#?}");
        }
        if problems.is_empty() {
            assert_eq!(got_problems, Vec::<String>::new(), "{case}");
        }
        let imported = merged(parsed);
        let mut want: Vec<layers_common::Layered> = want
            .into_iter()
            .map(|(l, w, by, c)| (l, w.to_owned(), by.map(str::to_owned), c))
            .collect();
        want.sort();
        assert_eq!(
            layers_common::layered(&imported.documents[0]),
            want,
            "{case}"
        );
    }
}

#[test]
fn the_layers_example_in_the_docs() {
    let text = "Mayor Irene Valdés cut the ribbon.";
    let mut doc = Document::new("Harbour".into(), None, text.into(), AT);
    doc.annotations = ["Ana Ruiz", "Ben", "Cleo"]
        .iter()
        .enumerate()
        .map(|(n, who)| {
            let mut a = annotation(n as u128 + 1, Label::Actor, 6, 18);
            a.created_by = Some((*who).to_owned());
            a.curated = *who == "Cleo";
            a
        })
        .collect();
    let entries = unzip(&brat::export(&[&doc]).expect("exports"));
    let docs = include_str!("../../../docs/formats/brat.md");
    let ann = entry(&entries, "Harbour.ann");
    assert!(docs.contains(&ann.replace('\t', "⇥")), "{ann}");
    let conf = entry(&entries, "annotation.conf");
    let attributes = conf.split("[attributes]\n").nth(1).expect("[attributes]");
    assert!(
        docs.contains(&format!("[attributes]\n{}", attributes.replace('\t', "⇥"))),
        "{attributes}"
    );
}
