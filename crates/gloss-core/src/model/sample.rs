//! The built-in sample article, open on a first visit. Written for Gloss (fictional people and
//! places, no text from elsewhere), shaped like real input: a leading ` date YYYY-MM-DD `
//! marker, one paragraph a line, typographic quotes, named people and checkable claims.

/// File name the sample is presented under.
pub const SAMPLE_TITLE: &str = "Harbour bridge reopens after two-year repair";

pub const SAMPLE_TEXT: &str = " date 2026-10-08 The Lindqvist harbour bridge in Port Aster reopened to traffic on Wednesday, two years after engineers closed it over corroded cables, the city council said.

Mayor Irene Valdés cut the ribbon shortly after 9 a.m. and told reporters: “This bridge carries 40,000 vehicles a day, and today every one of them can cross safely again.” The council’s own traffic survey from 2023 counted about 31,000 daily crossings.

The repair cost €184 million, according to the regional transport authority, almost twice the €95 million budget approved in 2024. Authority spokesperson Tomasz Běhal said the overrun came from “steel prices nobody could have predicted” and insisted the work had finished “on the day we promised”.

Not everyone was convinced. Opposition councillor Amara Okafor said the council had ignored inspection reports for a decade. “We were warned in 2016 that the cables were failing,” she said. “The people of Port Aster paid twice: once in tolls, and again in detours.”

A ferry service that carried commuters during the closure will stop running at the end of the month. The operator, Nordlys Ferries, said ridership had fallen by half since the summer.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::prepare_article;

    #[test]
    fn sample_has_date_quotes_and_names() {
        let article = prepare_article(SAMPLE_TEXT, SAMPLE_TITLE, None).expect("sample loads");
        assert_eq!(
            article.date.map(|d| d.to_string()).as_deref(),
            Some("2026-10-08")
        );
        assert!(article.text.starts_with("The Lindqvist harbour bridge"));
        assert!(article
            .text
            .contains("“This bridge carries 40,000 vehicles a day"));
        assert!(article.text.contains("Irene Valdés"));
    }
}
