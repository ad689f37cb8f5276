//! `cargo run -p gloss-quality --bin gold`: rebuilds every article of the labelled set from
//! its source (`NAME.src` → `NAME.txt` and `NAME.gloss.json`). `--check` writes nothing and
//! fails when a committed file differs from what its source gives.

use std::process::ExitCode;

use gloss_quality::build::build;
use gloss_quality::gold::entries;

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let entries = match entries() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gold: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for entry in &entries {
        let src_path = entry.path("src");
        let built = std::fs::read_to_string(&src_path)
            .map_err(|e| e.to_string())
            .and_then(|src| build(&entry.name, &src).map_err(|e| e.to_string()));
        let built = match built {
            Ok(b) => b,
            Err(e) => {
                eprintln!("gold: {}: {e}", src_path.display());
                failed = true;
                continue;
            }
        };
        for (ext, content) in [("txt", &built.txt), ("gloss.json", &built.json)] {
            let path = entry.path(ext);
            let same = std::fs::read_to_string(&path).is_ok_and(|old| &old == content);
            if same {
                continue;
            }
            if check {
                eprintln!(
                    "gold: {} is stale: run `cargo run -p gloss-quality --bin gold`",
                    path.display()
                );
                failed = true;
            } else if let Err(e) = std::fs::write(&path, content) {
                eprintln!("gold: {}: {e}", path.display());
                failed = true;
            } else {
                println!("wrote {}", path.display());
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        println!("gold: {} articles up to date", entries.len());
        ExitCode::SUCCESS
    }
}
