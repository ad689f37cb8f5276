//! W3C Web Annotation (being written).
use super::parsed::{ExportError, FileError, Parsed};
use crate::model::{Document, Timestamp};

pub fn export(_documents: &[&Document], _at: Timestamp) -> Result<String, ExportError> {
    Err(ExportError("W3C Web Annotation is not written yet".into()))
}

pub fn import(_bytes: &[u8], _at: Timestamp) -> Result<Parsed, FileError> {
    Err(FileError::invalid("W3C Web Annotation", "not read yet"))
}
