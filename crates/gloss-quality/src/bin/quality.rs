//! `make quality`: runs the suggestion rules on every article of the labelled set and prints
//! precision, recall and F1 per article and overall, dev and held-out apart (markdown).
//! `--dev` prints only the dev split (what the rules' author tunes on).

use std::process::ExitCode;

use gloss_core::suggest::suggest;
use gloss_quality::gold::{load_all, Split};
use gloss_quality::report::split_table;
use gloss_quality::score::score;

fn main() -> ExitCode {
    let dev_only = std::env::args().any(|a| a == "--dev");
    let articles = match load_all() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("quality: {e}");
            return ExitCode::FAILURE;
        }
    };
    let splits: &[Split] = if dev_only { &[Split::Dev] } else { &Split::ALL };
    println!("## Suggestions against the labelled set (tests/fixtures/suggest)\n");
    for &split in splits {
        let rows: Vec<(String, _)> = articles
            .iter()
            .filter(|a| a.entry.split == split)
            .map(|a| {
                (
                    a.entry.name.clone(),
                    score(&suggest(&a.document.text, &[]), &a.truth),
                )
            })
            .collect();
        let title = match split {
            Split::Dev => "dev (tuned on)",
            Split::Heldout => "held-out (not tuned on)",
        };
        println!("{}", split_table(title, &rows));
    }
    ExitCode::SUCCESS
}
