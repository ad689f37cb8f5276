//! The app's wasm reserves 256 KiB for its stack instead of Rust's default 1 MiB: every page
//! holds the whole reserve from the start, and the app never recurses deeply (the deepest is
//! a JSON file's nesting, which the parser stops at 128 levels). Release builds of the app
//! only: debug builds and the test binaries keep the default, their frames are far larger.
//! Rust lays the stack out first in memory, so an overflow traps (a panic report), never
//! writes over data.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    let profile = std::env::var("PROFILE").unwrap_or_default();
    if target.starts_with("wasm32") && profile == "release" {
        println!("cargo:rustc-link-arg-bins=-zstack-size=262144");
    }
}
