//! The screen, one module a region: `toolbar` across the top, `article` the text with its
//! highlights, `sidebar` the annotation list, `dialogs` on top. `app` wires them to the state.

pub mod app;
pub mod article;
pub mod checking;
pub mod claimreview;
pub mod compare;
pub mod crash;
pub mod details;
pub mod dialogs;
pub mod export;
pub mod files;
pub mod find;
pub mod highlights;
pub mod keyboard;
pub mod layers;
pub mod library;
pub mod marking;
pub mod menu;
pub mod modal;
pub mod notices;
pub mod persist;
pub mod picker;
pub mod sidebar;
pub mod status;
pub mod store;
pub mod suggesting;
pub mod suggestions;
pub mod syncing;
pub mod toolbar;
pub mod who;

/// Installs the panic hook, then mounts the app into `<body>`.
pub fn start() {
    crash::install();
    yew::Renderer::<app::App>::new().render();
}
