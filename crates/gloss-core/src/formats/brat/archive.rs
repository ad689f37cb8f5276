//! A brat zip read within Gloss's limits: every `X.txt` with an `X.ann` beside it, in any
//! folder, is an article. Configuration files and anything else are ignored; a `.txt` without
//! its `.ann` (or the other way round) is reported.
//!
//! A zip says how large each file unpacks, and may lie (a "zip bomb" unpacks a few kilobytes
//! into gigabytes): Gloss refuses a zip whose `.txt` and `.ann` files say they unpack to more
//! than [`MAX_FILE_BYTES`], and stops unpacking when they actually do.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::read::{decode_ann, decode_txt, text_lines, Reader};
use super::NAME;
use crate::formats::parsed::{
    FileError, Parsed, Problem, MAX_ANNOTATIONS, MAX_DOCUMENTS, MAX_FILE_BYTES,
};
use crate::model::Timestamp;

/// The most files (folders included) a zip may hold: a pair per article Gloss imports at
/// once, and room for configuration files and folders.
pub const MAX_ENTRIES: usize = 2 * MAX_DOCUMENTS + 100;

/// One document of the zip: the path of its files without the extension, and where they are.
struct Pair {
    stem: String,
    txt: Option<usize>,
    ann: Option<usize>,
}

/// Reads a brat zip. `Err` refuses the whole file: not a zip, too many files, unpacking too
/// large, or nothing brat in it.
pub fn import_zip(bytes: &[u8], at: Timestamp) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size: bytes.len() });
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_a_zip(&e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(FileError::invalid(
            NAME,
            format!(
                "the zip holds {} files; Gloss reads brat zips of up to {MAX_ENTRIES}",
                zip.len()
            ),
        ));
    }
    let pairs = pairs(&zip);
    if pairs.is_empty() {
        return Err(FileError::invalid(
            NAME,
            "the zip holds no .txt or .ann file (brat keeps each document as a .txt with its annotations in a .ann of the same name)",
        ));
    }
    let mut out = Parsed::default();
    let complete = pairs
        .iter()
        .filter(|p| p.txt.is_some() && p.ann.is_some())
        .count();
    if complete > MAX_DOCUMENTS {
        return Err(FileError::TooManyDocuments(complete));
    }
    // What the files say they unpack to, before unpacking any.
    let declared = pairs
        .iter()
        .filter_map(|p| p.txt.zip(p.ann))
        .flat_map(|(txt, ann)| [txt, ann])
        .map(|i| {
            zip.by_index_raw(i)
                .map_or(0, |f| usize::try_from(f.size()).unwrap_or(usize::MAX))
        })
        .fold(0usize, usize::saturating_add);
    if declared > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut unpacked = Unpacked::default();
    let mut read = Vec::new();
    for pair in pairs {
        let missing = match (pair.txt, pair.ann) {
            (Some(txt), Some(ann)) => {
                match (unpacked.entry(&mut zip, txt)?, unpacked.entry(&mut zip, ann)?) {
                    (Ok(txt), Ok(ann)) => read.push((pair.stem, txt, ann)),
                    (Err(reason), _) | (_, Err(reason)) => out.problems.push(Problem {
                        document: pair.stem,
                        annotation: None,
                        reason,
                    }),
                }
                continue;
            }
            (Some(_), None) => "its .ann is missing: brat keeps a document's annotations in a .ann file of the same name beside its .txt",
            (None, _) => "its .txt is missing: a .ann holds only the annotations, and brat keeps the text they mark in a .txt file of the same name beside it",
        };
        out.problems.push(Problem {
            document: pair.stem,
            annotation: None,
            reason: missing.to_owned(),
        });
    }
    let texts: usize = read
        .iter()
        .map(|(_, _, ann)| decode_ann(ann).map_or(0, text_lines))
        .sum();
    if texts > MAX_ANNOTATIONS {
        return Err(FileError::TooManyAnnotations(texts));
    }
    let mut reader = Reader::new(at);
    for (stem, txt, ann) in read {
        let title = stem.rsplit('/').next().unwrap_or(&stem).to_owned();
        let problem = |reason: String| Problem {
            document: stem.clone(),
            annotation: None,
            reason,
        };
        let result = match (decode_txt(&txt), decode_ann(&ann)) {
            (Ok(txt), Ok(ann)) => reader.article(stem.clone(), &title, txt, ann, &mut out),
            (Err(reason), _) | (_, Err(reason)) => Err(problem(reason)),
        };
        if let Err(p) = result {
            out.problems.push(p);
        }
    }
    reader.finish(&mut out);
    Ok(out)
}

/// The zip's error, for a person.
fn not_a_zip(e: &ZipError) -> FileError {
    let reason = match e {
        ZipError::UnsupportedArchive(what) => {
            format!("it is a kind of zip Gloss cannot read ({what})")
        }
        _ => format!(
            "it is not a complete zip archive, perhaps cut off while downloading ({e}); export or download it again"
        ),
    };
    FileError::invalid(NAME, reason)
}

/// The `.txt` and `.ann` files of the zip by path, in the order they first appear. Folders,
/// configuration files and the `__MACOSX/` copies and `._` files macOS adds are left out.
fn pairs<R: Read + std::io::Seek>(zip: &ZipArchive<R>) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    let mut by_stem: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..zip.len() {
        let Some(name) = zip.name_for_index(i) else {
            continue;
        };
        let base = name.rsplit('/').next().unwrap_or(name);
        if name.ends_with('/') || name.starts_with("__MACOSX/") || base.starts_with("._") {
            continue;
        }
        let Some((stem, extension)) = name.rsplit_once('.') else {
            continue;
        };
        let txt = extension.eq_ignore_ascii_case("txt");
        if !txt && !extension.eq_ignore_ascii_case("ann") {
            continue;
        }
        let slot = *by_stem.entry(stem.to_owned()).or_insert_with(|| {
            pairs.push(Pair {
                stem: stem.to_owned(),
                txt: None,
                ann: None,
            });
            pairs.len() - 1
        });
        if let Some(pair) = pairs.get_mut(slot) {
            let place = if txt { &mut pair.txt } else { &mut pair.ann };
            place.get_or_insert(i);
        }
    }
    pairs
}

/// Bytes unpacked so far, against the limit.
#[derive(Default)]
struct Unpacked(usize);

impl Unpacked {
    /// The bytes of entry `i`. `Err` refuses the whole zip (it unpacks past the limit); the
    /// inner `Err` is why this entry cannot be read (encrypted, damaged, compressed in a way
    /// Gloss does not read), for the report.
    fn entry<R: Read + std::io::Seek>(
        &mut self,
        zip: &mut ZipArchive<R>,
        i: usize,
    ) -> Result<Result<Vec<u8>, String>, FileError> {
        let mut file = match zip.by_index(i) {
            Ok(file) => file,
            Err(e) => return Ok(Err(unreadable(&e))),
        };
        let room = MAX_FILE_BYTES.saturating_sub(self.0);
        let declared = usize::try_from(file.size()).unwrap_or(usize::MAX);
        if declared > room {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(declared.min(1 << 20));
        let limit = u64::try_from(room).unwrap_or(u64::MAX).saturating_add(1);
        if let Err(e) = (&mut file).take(limit).read_to_end(&mut bytes) {
            return Ok(Err(format!(
                "{} could not be unpacked: the zip is damaged ({e})",
                file.name()
            )));
        }
        if bytes.len() > room {
            return Err(too_large());
        }
        self.0 += bytes.len();
        Ok(Ok(bytes))
    }
}

/// A zip that unpacks (or says it unpacks) past the limit: a "zip bomb", or simply too much.
fn too_large() -> FileError {
    FileError::invalid(
        NAME,
        format!(
            "its .txt and .ann files unpack to more than {} MB, the most Gloss imports at once",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

fn unreadable(e: &ZipError) -> String {
    match e {
        ZipError::UnsupportedArchive(what) if what.contains("assword") => {
            "its file is encrypted; Gloss reads zips without a password".to_owned()
        }
        ZipError::UnsupportedArchive(what) => {
            format!("its file is packed in a way Gloss cannot unpack ({what}); zip it again with the usual (deflate) compression")
        }
        _ => format!("its file could not be unpacked: the zip is damaged ({e})"),
    }
}
