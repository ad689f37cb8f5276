//! Mounts the app; nothing else.

fn main() {
    gloss::ui::start();
}
