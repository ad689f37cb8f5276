//! The export: one zip, for one article or the whole library.

use std::collections::BTreeSet;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{ann, annotation_conf_with, visual_conf};
use crate::formats::file_stem;
use crate::formats::parsed::ExportError;
use crate::formats::whose::names;
use crate::model::Document;

/// Writes a zip holding `annotation.conf` (its `Annotator` valued by the names of everyone whose
/// annotations it holds), `visual.conf`, and per article `<stem>.txt` (its
/// canonical text, UTF-8 without a byte-order mark) and `<stem>.ann`. Stems come from titles
/// and are made unique (`-2`, `-3`… without regard to case, for file systems that ignore it).
/// Every entry is dated 1980-01-01, the zip format's first day, so the same library always
/// gives the same bytes (and no clock is read).
pub fn export(documents: &[&Document]) -> Result<Vec<u8>, ExportError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), ExportError> {
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(bytes).map_err(failed)
    };
    add(
        "annotation.conf",
        annotation_conf_with(&names(documents)).as_bytes(),
    )?;
    add("visual.conf", visual_conf().as_bytes())?;
    let mut stems = Stems::default();
    for doc in documents {
        let stem = stems.unique(&file_stem(&doc.title));
        add(&format!("{stem}.txt"), doc.text.as_bytes())?;
        add(&format!("{stem}.ann"), ann::write(doc).as_bytes())?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

fn failed(e: impl std::fmt::Display) -> ExportError {
    ExportError(format!("the zip could not be written: {e}"))
}

/// Stems given so far, in lower case.
#[derive(Default)]
struct Stems(BTreeSet<String>);

impl Stems {
    /// `stem`, or `stem-2`, `stem-3`… when an earlier article has it.
    fn unique(&mut self, stem: &str) -> String {
        let mut candidate = stem.to_owned();
        let mut n = 1usize;
        while !self.0.insert(candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{stem}-{n}");
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_unique_without_regard_to_case() {
        let mut stems = Stems::default();
        let got: Vec<String> = ["Rain", "rain", "Rain-2", "Rain", "Other"]
            .iter()
            .map(|s| stems.unique(s))
            .collect();
        assert_eq!(got, ["Rain", "rain-2", "Rain-2-2", "Rain-3", "Other"]);
    }
}
