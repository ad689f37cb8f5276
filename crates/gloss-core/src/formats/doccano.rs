//! doccano JSONL (being written).
use super::parsed::{ExportError, FileError, Parsed};
use crate::model::{Document, Timestamp};

pub fn export(_documents: &[&Document]) -> Result<String, ExportError> {
    Err(ExportError("doccano JSONL is not written yet".into()))
}

pub fn import(_bytes: &[u8], _at: Timestamp) -> Result<Parsed, FileError> {
    Err(FileError::invalid("doccano JSONL", "not read yet"))
}
