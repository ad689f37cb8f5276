//! The app's wasm reserves 256 KiB for its stack instead of Rust's default 1 MiB: every page
//! holds the whole reserve from the start (0.75 MiB of every memory figure in bench/), and the
//! app never recurses deeply (a file to import is refused past 32 levels of nesting before it
//! is parsed; other JSON stops at serde_json's 128). Release builds of the app only: debug
//! builds and the test binaries keep the default, their frames are far larger. Rust lays the
//! stack out first in memory, so an overflow would be a wasm trap (the page's code stops with
//! an error in the console), never a write over data.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    let profile = std::env::var("PROFILE").unwrap_or_default();
    if target.starts_with("wasm32") && profile == "release" {
        println!("cargo:rustc-link-arg-bins=-zstack-size=262144");
    }
}
