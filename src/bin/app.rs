//! The page: mounts the Yew app into `<body>`. The engine never runs here; see `worker.rs`.

fn main() {
    yew::Renderer::<interleave_app::ui::App>::new().render();
}
