//! Formats work leaves and enters Gloss in. Pure: no browser API, tested natively.

// Everything here handles what a person or a file supplied: no unwrap, expect, panic or
// unchecked indexing outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod gloss;
pub mod time;
