//! Formats work leaves and enters Gloss in. Pure: no browser API, tested natively.

pub mod gloss;
pub mod time;
