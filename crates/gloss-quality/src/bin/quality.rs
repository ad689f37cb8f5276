//! `make quality`: runs the suggestion rules on every article of the labelled set and prints
//! precision, recall and F1 per article and overall, dev and held-out apart (markdown).
//! `--dev` prints only the dev split (what the rules' author tunes on); `--misses` adds, per
//! article, every span found and not in the gold and every gold span not found.

use std::process::ExitCode;

use gloss_core::suggest::suggest;
use gloss_quality::gold::{load_all, Split};
use gloss_quality::misses::{list, misses};
use gloss_quality::report::split_table;
use gloss_quality::score::score;

fn main() -> ExitCode {
    let dev_only = std::env::args().any(|a| a == "--dev");
    let with_misses = std::env::args().any(|a| a == "--misses");
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
        if with_misses {
            for a in articles.iter().filter(|a| a.entry.split == split) {
                let found = suggest(&a.document.text, &[]);
                let missed = misses(&found, &a.truth);
                println!("#### {} ({title}): {} misses\n", a.entry.name, missed.len());
                println!("{}", list(&a.document.text, &missed));
            }
        }
    }
    ExitCode::SUCCESS
}
