#[cfg(target_arch = "wasm32")]
fn main() {
    group_console::boot::app::start();
}

// Host builds of the workspace still link; the console itself only runs in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("group-console is a browser app: build it with `make dist`");
}
