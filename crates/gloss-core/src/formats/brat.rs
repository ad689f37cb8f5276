//! brat standoff (being written).
use super::parsed::{ExportError, FileError, Parsed};
use crate::model::{Document, Timestamp};

pub fn export(_documents: &[&Document]) -> Result<Vec<u8>, ExportError> {
    Err(ExportError("brat standoff is not written yet".into()))
}

pub fn import_zip(_bytes: &[u8], _at: Timestamp) -> Result<Parsed, FileError> {
    Err(FileError::invalid("brat standoff", "not read yet"))
}

pub fn import_pair(
    _txt: &[u8],
    _ann: &[u8],
    _stem: &str,
    _at: Timestamp,
) -> Result<Parsed, FileError> {
    Err(FileError::invalid("brat standoff", "not read yet"))
}

pub fn looks_like_ann(_text: &str) -> bool {
    false
}
