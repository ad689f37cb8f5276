//! "Export who said what": one CSV row per attributed quote or claim, rows in the table's
//! order. Written by the same writer as the annotations' CSV ([`crate::formats::csv`]): a
//! byte-order mark, RFC 4180 quoting, CRLF, and formula-like cells neutralised.

use super::{Row, Scope};
use crate::formats::csv::{finish, neutralise, writer};
use crate::formats::{file_stem, time, ExportError, ExportFile};
use crate::model::Timestamp;

/// The columns, in order: a promise to people's spreadsheets (keep it).
pub const HEADER: [&str; 6] = ["entity", "mention", "label", "text", "article", "date"];

/// The CSV of `rows`' quotes and claims.
pub fn export(rows: &[Row]) -> Result<Vec<u8>, ExportError> {
    let mut out = writer(&HEADER);
    for row in rows {
        for item in &row.items {
            let record = [
                neutralise(&row.name),
                neutralise(&item.mention),
                item.label.name().to_owned(),
                neutralise(&item.text),
                neutralise(&item.title),
                item.date.map(|d| d.to_string()).unwrap_or_default(),
            ];
            out.write_record(&record)
                .map_err(|e| ExportError(e.to_string()))?;
        }
    }
    finish(out)
}

/// The download: `who-said-what-<title>.csv` for an article, `who-said-what-library-<date>.csv`
/// for the library.
pub fn file(
    rows: &[Row],
    scope: Scope,
    title: &str,
    at: Timestamp,
) -> Result<ExportFile, ExportError> {
    let name = match scope {
        Scope::Article(_) => format!("who-said-what-{}.csv", file_stem(title)),
        Scope::Library => {
            let date = time::to_rfc3339(at);
            format!(
                "who-said-what-library-{}.csv",
                date.get(..10).unwrap_or("export")
            )
        }
    };
    Ok(ExportFile {
        name,
        mime: "text/csv",
        bytes: export(rows)?,
    })
}
