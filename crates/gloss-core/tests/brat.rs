//! brat standoff: the export's `.ann`, configuration files and zip entries byte for byte,
//! reading files shaped as brat writes them (hand-written fixtures in tests/fixtures/brat),
//! detection, `.txt` + `.ann` pairs chosen together, and hostile zips.
#![cfg(not(target_arch = "wasm32"))]

mod brat_common;

use std::io::{Cursor, Write};

use brat_common::*;
use gloss_core::formats::{
    self, brat, detect, import_files, Arrival, Detected, FileError, Format, Scope,
};
use gloss_core::model::{Document, Label, Span};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// A named text, a span of it, and the `T` line the export writes for it (none when it writes
/// nothing).
type WrittenCase = (
    &'static str,
    &'static str,
    (usize, usize),
    Option<&'static str>,
);

/// A named `.txt` and `.ann`, and the (label, quote, note) imported from them.
type ReadCase = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(Label, &'static str, &'static str)],
);

/// A zip of `files`, deflated, as another tool would make it.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        if name.ends_with('/') {
            zip.add_directory(*name, options).expect("a folder");
        } else {
            zip.start_file(*name, options).expect("an entry");
            zip.write_all(bytes).expect("written");
        }
    }
    zip.finish().expect("finished").into_inner()
}

/// Sets the unpacked size the zip declares for its first entry (local and central headers).
fn declare_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    zip[22..26].copy_from_slice(&size.to_le_bytes());
    let central = zip
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory");
    zip[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
    zip
}

#[test]
fn export_writes_an_ann_brat_reads_byte_for_byte() {
    // "Rene\u{301}e" has a combining accent (6 code points); the emoji and the flag are one and
    // two code points. The quote crosses a line break, the claim a blank line.
    let text = "Rene\u{301}e König 😀 said:\nprices rose.\n\nThe café 🇵🇹 closed.";
    let mut doc = Document::new("Prices".into(), None, text.into(), AT);
    doc.annotations = vec![
        annotation(3, Label::Claim, 21, 54),
        annotation(1, Label::Actor, 0, 12),
        noted(
            annotation(2, Label::Quote, 15, 33),
            "first line\nsecond\tline",
        ),
    ];
    let entries = unzip(&brat::export(&[&doc]).expect("exports"));
    let ann = entry(&entries, "Prices.ann");
    assert_eq!(
        ann,
        "T1\tActor 0 12\tRene\u{301}e König\n\
         T2\tQuote 15 20;21 33\tsaid: prices rose.\n\
         #1\tAnnotatorNotes T2\tfirst line second line\n\
         T3\tClaim 21 33;35 54\tprices rose. The café 🇵🇹 closed.\n"
    );
    assert_eq!(
        entry(&entries, "Prices.txt"),
        text,
        "UTF-8, no byte-order mark"
    );
    brat_accepts(text, &ann).expect("brat reads every line");
}

#[test]
fn export_edges() {
    let cases: &[WrittenCase] = &[
        ("plain", "Ana said no.", (0, 3), Some("T1\tClaim 0 3\tAna")),
        (
            "a span beginning at a line break keeps its words",
            "Ana\nsaid no.",
            (3, 8),
            Some("T1\tClaim 4 8\tsaid"),
        ),
        (
            "a span ending at a blank line",
            "Ana said.\n\nNo.",
            (0, 11),
            Some("T1\tClaim 0 9\tAna said."),
        ),
        (
            "white space around a line break stays in the fragments",
            "Ana said \n no.",
            (0, 14),
            Some("T1\tClaim 0 9;10 14\tAna said   no."),
        ),
        (
            "a span of nothing but line breaks has no fragment brat can show",
            "Ana.\n\n\nNo.",
            (4, 7),
            None,
        ),
        (
            "a Unicode line separator cuts like a line break",
            "Ana\u{2028}said",
            (0, 8),
            Some("T1\tClaim 0 3;4 8\tAna said"),
        ),
    ];
    for (name, text, (start, end), want) in cases {
        let mut doc = Document::new("t".into(), None, (*text).into(), AT);
        doc.annotations = vec![annotation(1, Label::Claim, *start, *end)];
        let ann = entry(&unzip(&brat::export(&[&doc]).expect(name)), "t.ann");
        let want = want.map_or(String::new(), |line| format!("{line}\n"));
        assert_eq!(ann, want, "{name}");
        brat_accepts(text, &ann).expect(name);
    }
}

#[test]
fn the_configuration_shows_gloss_labels_in_gloss_colours() {
    assert_eq!(
        brat::annotation_conf(),
        "# Gloss's labels, written by Gloss.\n\
         [entities]\n\
         Claim\n\
         Quote\n\
         Actor\n\
         \n\
         [relations]\n\
         # A quote or claim and the actor who said it.\n\
         Source\tArg1:Claim|Quote, Arg2:Actor\n\
         # Gloss lets spans nest, cross and coincide.\n\
         <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\
         \n\
         [events]\n\
         \n\
         [attributes]\n\
         Verdict\tArg:Claim, Value:true|mostly-true|half-true|misleading|mostly-false|false|unverifiable\n\
         Curated\tArg:Claim|Quote|Actor\n"
    );
    assert_eq!(
        brat::visual_conf(),
        "# Gloss's colours, written by Gloss.\n\
         [labels]\n\
         Claim | Claim\n\
         Quote | Quote\n\
         Actor | Actor\n\
         \n\
         [drawing]\n\
         Claim\tbgColor:#e69f00\n\
         Quote\tbgColor:#0072b2, fgColor:white\n\
         Actor\tbgColor:#009e73\n"
    );
}

#[test]
fn a_library_is_one_zip_with_a_pair_per_article() {
    let docs: Vec<Document> = ["Rain", "rain", "", "a/b: c?", "Rain"]
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let mut d = Document::new(
                (*title).into(),
                None,
                format!("Article {i} said so.").into(),
                AT,
            );
            d.annotations = vec![annotation(i as u128, Label::Claim, 0, 9)];
            d
        })
        .collect();
    let refs: Vec<&Document> = docs.iter().collect();
    let file = formats::export(Format::Brat, &refs, Scope::Library, "", AT).expect("exports");
    assert_eq!(file.name, "gloss-library.zip");
    assert_eq!(file.mime, "application/zip");
    assert_eq!(
        file.bytes,
        brat::export(&refs).expect("exports"),
        "the same bytes every time"
    );
    let entries = unzip(&file.bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "annotation.conf",
            "visual.conf",
            "Rain.txt",
            "Rain.ann",
            "rain-2.txt",
            "rain-2.ann",
            "article.txt",
            "article.ann",
            "a-b- c-.txt",
            "a-b- c-.ann",
            "Rain-3.txt",
            "Rain-3.ann",
        ]
    );
    assert_eq!(entry(&entries, "annotation.conf"), brat::annotation_conf());
    assert_eq!(entry(&entries, "visual.conf"), brat::visual_conf());
    let mut zip = ZipArchive::new(Cursor::new(&file.bytes)).expect("a zip");
    for i in 0..zip.len() {
        let f = zip.by_index(i).expect("an entry");
        assert_eq!(f.last_modified(), Some(DateTime::default()), "{}", f.name());
        assert_eq!(f.compression(), CompressionMethod::Deflated, "{}", f.name());
    }
    // And back: five articles, titled by their files.
    let parsed = formats::import(&file.bytes, AT).expect("reads");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let titles: Vec<&str> = parsed.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Rain", "rain-2", "article", "a-b- c-", "Rain-3"]);
    let article =
        formats::export(Format::Brat, &refs[..1], Scope::Article, "Rain", AT).expect("exports");
    assert_eq!(article.name, "Rain.zip");
    let empty = entry(&unzip(&brat::export(&[]).expect("exports")), "visual.conf");
    assert_eq!(
        empty,
        brat::visual_conf(),
        "no article: the configuration only"
    );
}

#[test]
fn crlf_pair_as_brat_counts_it() {
    let want_text = String::from_utf8(HARBOUR_TXT.to_vec())
        .expect("UTF-8")
        .replace("\r\n", "\n");
    let want = [
        mark(Label::Actor, "Aleksandra Dulkiewicz", ""),
        mark(Label::Quote, "is safe again", "said at the reopening"),
        mark(
            Label::Claim,
            "Engineers from Łódź checked every cable;\nthe repairs cost 4 million złoty.",
            "",
        ),
        mark(Label::Actor, "Engineers from Łódź", ""),
    ];
    let pair = brat::import_pair(HARBOUR_TXT, HARBOUR_ANN, "harbour", AT).expect("reads");
    // The same pair in a folder of a zip, beside brat's configuration and what macOS adds.
    let zip = zip_of(&[
        ("corpus/", b""),
        ("corpus/annotation.conf", b"[entities]\nClaim\n"),
        ("corpus/harbour.txt", HARBOUR_TXT),
        ("__MACOSX/corpus/._harbour.txt", b"\x00\x05\x16\x07"),
        ("corpus/harbour.ann", HARBOUR_ANN),
        ("corpus/._harbour.ann", b"\x00\x05\x16\x07"),
    ]);
    let zipped = brat::import_zip(&zip, AT).expect("reads");
    for (name, parsed) in [("pair", pair), ("zip", zipped)] {
        assert!(parsed.problems.is_empty(), "{name}: {:?}", parsed.problems);
        let imported = merged(parsed);
        assert_eq!(imported.documents.len(), 1, "{name}");
        let doc = &imported.documents[0];
        assert_eq!(doc.title, "harbour", "{name}");
        assert_eq!(*doc.text, *want_text, "{name}: canonical text");
        assert_eq!(marks(doc), want, "{name}");
        assert_eq!(doc.annotations[0].span, Span { start: 40, end: 61 });
    }
}

#[test]
fn discontinuous_spans_and_lines_gloss_does_not_read() {
    let parsed = brat::import_pair(STRIKE_TXT, STRIKE_ANN, "strike", AT).expect("reads");
    let problems = reasons(&parsed);
    let imported = merged(parsed.clone());
    assert_eq!(
        marks(&imported.documents[0]),
        [
            mark(Label::Actor, "Rotterdam", ""),
            mark(Label::Actor, "Niek Stam", "union chair since 2009"),
            mark(
                Label::Quote,
                "We will not accept\na pay cut of any kind.",
                ""
            ),
        ]
    );
    for parts in [
        &["Label “PERSON”", "1 annotation skipped"][..],
        &["Label “Organization”", "1 annotation skipped"],
        &["Label “Strike”", "1 annotation skipped"],
        &[
            "strike, annotation T5 (line 5)",
            "“Union leader Niek Stam told reporters: …”",
            "not imported",
        ],
        &["Events", "1 event skipped", "not imported yet"],
        &[
            "Relations",
            "1 relation between annotations skipped",
            "Source, from a quote or claim to the actor who said it",
        ],
        &["Attributes", "2 attributes skipped"],
        &["Equivalences", "1 equivalence"],
        &["Notes", "2 notes skipped"],
        &["T7 (line 16)", "offsets 10–20000 lie outside the text"],
        &[
            "line 17 is not read",
            "not followed by a tab",
            "other lines were read",
        ],
        &["T9 (line 18)", "“Amsterdam”", "“Rotterdam”"],
        &["T1 (line 19)", "line 1 has the id T1 already"],
    ] {
        assert!(has(&problems, parts), "{parts:?} in {problems:#?}");
    }
    assert_eq!(problems.len(), 13, "{problems:#?}");
    // The normalization to Wikidata names the entity Niek Stam stands for.
    let doc = &imported.documents[0];
    let stam = doc
        .annotations
        .iter()
        .find(|a| doc.quote(a.span) == "Niek Stam");
    let entity = &parsed.documents[0].entities;
    assert_eq!(
        entity.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        ["Niek Stam"]
    );
    assert_eq!(stam.and_then(|a| a.entity), entity.first().map(|e| e.id));
}

#[test]
fn utf16_offsets_are_recognised_by_the_text() {
    let parsed = brat::import_pair(CAFE_TXT, CAFE_ANN, "cafe", AT).expect("reads");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let imported = merged(parsed);
    let doc = &imported.documents[0];
    assert_eq!(
        marks(doc),
        [
            mark(Label::Actor, "Rene\u{301}e König", ""),
            mark(
                Label::Claim,
                "prices “went up twice”",
                "prices: see the menu 🍰"
            ),
            mark(Label::Quote, "went up twice", ""),
            mark(Label::Actor, "Zoë", ""),
        ]
    );
    // Stored in code points, whatever the file counted.
    assert_eq!(doc.annotations[0].span, Span { start: 2, end: 14 });
}

#[test]
fn reading_odd_but_valid_files() {
    let cases: &[ReadCase] = &[
        (
            "a .ann with a byte-order mark",
            "Ana said no.",
            "\u{FEFF}T1\tActor 0 3\tAna\n",
            &[(Label::Actor, "Ana", "")],
        ),
        (
            "a .txt with a byte-order mark, counted by brat",
            "\u{FEFF}Ana said no.",
            "T1\tActor 1 4\tAna\n",
            &[(Label::Actor, "Ana", "")],
        ),
        (
            "a T line without its text",
            "Ana said no.",
            "T1\tClaim 4 8\n",
            &[(Label::Claim, "said", "")],
        ),
        (
            "text followed by more after a space, as brat allows",
            "Ana said no.",
            "T1\tClaim 4 8\tsaid (checked)\n",
            &[(Label::Claim, "said", "")],
        ),
        (
            "a note before its annotation, two notes on one",
            "Ana said no.",
            "#1\tAnnotatorNotes T1\tfirst\n#2\tAnnotatorNotes T1\tsecond\nT1\tActor 0 3\tAna\n",
            &[(Label::Actor, "Ana", "first\nsecond")],
        ),
        (
            "the same span twice with one label is one annotation",
            "Ana said no.",
            "T1\tActor 0 3\tAna\nT2\tACTOR 0 3\tAna\n#1\tAnnotatorNotes T2\tsame\n",
            &[(Label::Actor, "Ana", "same")],
        ),
        (
            "fragments out of order and a fragment with a space in it",
            "Ana said\nno more.",
            "T1\tQuote 9 16;0 8\tno more Ana said\n",
            &[(Label::Quote, "Ana said\nno more", "")],
        ),
        (
            "a note keeps its tabs",
            "Ana said no.",
            "T1\tActor 0 3\tAna\n#1\tAnnotatorNotes T1\ta\tb\n",
            &[(Label::Actor, "Ana", "a\tb")],
        ),
        (
            "blank lines and Windows line ends",
            "Ana said no.",
            "\r\n\r\nT1\tClaim 9 11\tno\r\n\r\n",
            &[(Label::Claim, "no", "")],
        ),
    ];
    for (name, txt, ann, want) in cases {
        let parsed = brat::import_pair(txt.as_bytes(), ann.as_bytes(), "t", AT).expect(name);
        assert!(parsed.problems.is_empty(), "{name}: {:?}", parsed.problems);
        let imported = merged(parsed);
        let want: Vec<_> = want.iter().map(|(l, q, n)| mark(*l, q, n)).collect();
        assert_eq!(marks(&imported.documents[0]), want, "{name}");
    }
}

#[test]
fn annotations_that_are_not_imported_say_why() {
    // (name, .ann, words the problem has)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "backwards",
            "T1\tClaim 8 4\tsaid\n",
            &["T1 (line 1)", "before its start"],
        ),
        ("empty", "T1\tClaim 4 4\t\n", &["T1 (line 1)", "empty"]),
        (
            "half an emoji",
            "T1\tClaim 0 1\t\u{1F600}\n",
            &["T1 (line 1)"],
        ),
        (
            "cuts a flag",
            "T1\tClaim 15 16\t🇵\n",
            &["T1 (line 1)", "cut a character"],
        ),
        (
            "not numbers",
            "T1\tClaim 0 x\tAna\n",
            &["line 1 is not read", "T1 should read"],
        ),
        ("no type", "T1\t0 3\tAna\n", &["line 1 is not read"]),
        (
            "no id",
            "\tClaim 0 3\tAna\n",
            &["line 1 is not read", "not a brat id"],
        ),
        (
            "text too short",
            "T1\tClaim 0 6\tAna\n",
            &["T1 (line 1)", "“Ana”"],
        ),
        (
            "words between fragments",
            "T1\tClaim 0 3;9 11\tAna no\n",
            &["T1 (line 1)", "“said”", "between them"],
        ),
        (
            "a note of another type",
            "T1\tClaim 0 3\tAna\n#1\tReviewerComment T1\tok\n",
            &["Notes", "1 note skipped"],
        ),
    ];
    for (name, ann, parts) in cases {
        let parsed = brat::import_pair("Ana said no. 😀 🇵🇹".as_bytes(), ann.as_bytes(), "t", AT)
            .expect(name);
        let problems = reasons(&parsed);
        assert!(has(&problems, parts), "{name}: {parts:?} in {problems:#?}");
    }
}

#[test]
fn detection_by_content() {
    for (name, ann) in [
        ("harbour", HARBOUR_ANN),
        ("strike", STRIKE_ANN),
        ("cafe", CAFE_ANN),
    ] {
        assert_eq!(detect(ann), Detected::BratAnn, "{name}.ann");
    }
    for (name, txt) in [
        ("harbour", HARBOUR_TXT),
        ("strike", STRIKE_TXT),
        ("cafe", CAFE_TXT),
    ] {
        assert_eq!(detect(txt), Detected::Unknown, "{name}.txt is an article");
    }
    let doc = Document::new("t".into(), None, "Ana said no.".into(), AT);
    let zip = brat::export(&[&doc]).expect("exports");
    assert_eq!(detect(&zip), Detected::Format(Format::Brat));
    // A .ann alone cannot be read: it says to bring its .txt.
    match formats::import(HARBOUR_ANN, AT) {
        Err(FileError::Invalid { format, reason }) => {
            assert_eq!(format, "brat standoff");
            assert!(reason.contains(".txt"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_txt_and_its_ann_chosen_together_are_one_article() {
    for dropped in [false, true] {
        let got = import_files(
            vec![
                ("harbour.ann".to_owned(), HARBOUR_ANN.to_vec()),
                ("notes.txt".to_owned(), b"Another article.".to_vec()),
                ("harbour.txt".to_owned(), HARBOUR_TXT.to_vec()),
            ],
            dropped,
            AT,
        );
        let Some(Arrival::Import {
            name,
            file: Ok(parsed),
        }) = got.first()
        else {
            panic!("dropped {dropped}: {got:?}");
        };
        assert_eq!(name, "harbour.txt + harbour.ann");
        assert_eq!(parsed.documents.len(), 1);
        assert_eq!(parsed.documents[0].title, "harbour");
        assert_eq!(parsed.documents[0].incoming.len(), 4);
        assert_eq!(got.len(), 2, "dropped {dropped}: {got:?}");
        if dropped {
            assert!(matches!(&got[1], Arrival::Article { name, .. } if name == "notes.txt"));
        }
    }
}

#[test]
fn hostile_and_broken_zips() {
    let doc = Document::new("t".into(), None, "Ana said no.".into(), AT);
    let good = brat::export(&[&doc]).expect("exports");
    let invalid = |bytes: &[u8]| match brat::import_zip(bytes, AT) {
        Err(FileError::Invalid { format, reason }) => {
            assert_eq!(format, "brat standoff");
            reason
        }
        other => panic!("expected a refusal, got {other:?}"),
    };
    let cut_off = invalid(&good[..good.len() / 2]);
    assert!(cut_off.contains("not a complete zip archive"), "{cut_off}");
    let garbage = invalid(b"PK\x03\x04 this is no zip at all");
    assert!(garbage.contains("not a complete zip archive"), "{garbage}");
    let nothing = invalid(&zip_of(&[("readme.md", b"hello")]));
    assert!(nothing.contains("no .txt or .ann"), "{nothing}");

    // A zip bomb that says so: its .txt declares more than the limit.
    let declared = declare_size(
        zip_of(&[("a.txt", b"Ana said no."), ("a.ann", b"")]),
        u32::try_from(formats::MAX_FILE_BYTES + (1 << 20)).expect("fits"),
    );
    let more_than = format!("more than {} MB", formats::MAX_FILE_BYTES >> 20);
    assert!(invalid(&declared).contains(&more_than));
    // One that lies: 1 MB of zeros more than the limit, declared as 100 bytes.
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("a.txt", options).expect("an entry");
    let mb = vec![0u8; 1 << 20];
    for _ in 0..=(formats::MAX_FILE_BYTES >> 20) {
        zip.write_all(&mb).expect("written");
    }
    zip.start_file("a.ann", options).expect("an entry");
    let bomb = declare_size(zip.finish().expect("finished").into_inner(), 100);
    assert!(bomb.len() < 200_000, "a small file: {}", bomb.len());
    assert!(invalid(&bomb).contains(&more_than));

    // Too many files.
    let names: Vec<String> = (0..=brat::MAX_ENTRIES)
        .map(|i| format!("{i}.conf"))
        .collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    assert!(invalid(&zip_of(&files)).contains("files"));

    // Pairs with a part missing or unreadable are reported; the others are read.
    let parsed = brat::import_zip(
        &zip_of(&[
            ("lonely.ann", b"T1\tClaim 0 3\tAna\n"),
            ("alone.txt", b"Ana said no."),
            ("latin1.txt", b"Jos\xe9 said no."),
            ("latin1.ann", b""),
            ("blank.txt", b" \n "),
            ("blank.ann", b""),
            ("good.txt", b"Ana said no."),
            ("good.ann", b"T1\tActor 0 3\tAna\n"),
        ]),
        AT,
    )
    .expect("reads");
    let problems = reasons(&parsed);
    for parts in [
        &["lonely", "its .txt is missing"][..],
        &["alone", "its .ann is missing"],
        &["latin1", "not UTF-8"],
        &["blank", "empty"],
    ] {
        assert!(has(&problems, parts), "{parts:?} in {problems:#?}");
    }
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert_eq!(parsed.documents.len(), 1);
    assert_eq!(parsed.documents[0].title, "good");
}

#[test]
fn pairs_that_are_refused_as_a_whole() {
    let text = b"Ana said no.";
    let cases: Vec<(&str, Vec<u8>, Vec<u8>, &str)> = vec![
        (
            "a .txt not in UTF-8",
            b"Jos\xe9".to_vec(),
            b"".to_vec(),
            ".txt is not UTF-8",
        ),
        (
            "a .ann not in UTF-8",
            text.to_vec(),
            b"T1\tClaim 0 3\t\xe9\n".to_vec(),
            ".ann is not UTF-8",
        ),
        ("an empty text", b"\n\n".to_vec(), b"".to_vec(), "empty"),
    ];
    for (name, txt, ann, words) in cases {
        match brat::import_pair(&txt, &ann, "t", AT) {
            Err(FileError::Invalid { reason, .. }) => {
                assert!(reason.contains(words), "{name}: {reason}")
            }
            other => panic!("{name}: expected a refusal, got {other:?}"),
        }
    }
    let many = "T1\tClaim 0 3\tAna\n".repeat(200_001);
    assert_eq!(
        brat::import_pair(text, many.as_bytes(), "t", AT),
        Err(FileError::TooManyAnnotations(200_001))
    );
    let large = vec![b'a'; formats::MAX_FILE_BYTES];
    assert_eq!(
        brat::import_pair(&large, b"x", "t", AT),
        Err(FileError::TooLarge {
            size: formats::MAX_FILE_BYTES + 1
        })
    );
}

#[test]
fn the_example_in_the_docs() {
    let text =
        "Mayor Irene Valdés cut the ribbon.\nShe said the bridge “will carry\n10,000 cars a day”.";
    let mut doc = Document::new("Harbour bridge reopens".into(), None, text.into(), AT);
    doc.annotations = vec![
        annotation(1, Label::Claim, 0, 34),
        noted(annotation(2, Label::Actor, 6, 18), "check her title"),
        annotation(3, Label::Quote, 56, 84),
    ];
    let entries = unzip(&brat::export(&[&doc]).expect("exports"));
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "annotation.conf",
            "visual.conf",
            "Harbour bridge reopens.txt",
            "Harbour bridge reopens.ann"
        ]
    );
    let docs = include_str!("../../../docs/formats/brat.md");
    let ann = entry(&entries, "Harbour bridge reopens.ann");
    assert!(docs.contains(&ann.replace('\t', "⇥")), "{ann}");
}
