//! CSV for spreadsheets (being written).
use super::parsed::ExportError;
use crate::model::Document;

pub fn export(_documents: &[&Document]) -> Result<Vec<u8>, ExportError> {
    Err(ExportError("CSV is not written yet".into()))
}

pub fn looks_like(_text: &str) -> bool {
    false
}
