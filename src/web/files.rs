//! Handing things to the user: a download of text or of the timeline's canvas as PNG, and
//! copying text to the clipboard. Each reports failure in words instead of throwing.

use super::js_error_text;
use wasm_bindgen::JsCast;

/// Starts a download of `text` as `filename`.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_error_text(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_error_text(&e))?;
    let result = click_download(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Starts a download of the canvas `#id` as a PNG picture.
pub fn download_canvas_png(id: &str, filename: &str) -> Result<(), String> {
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or("there is no timeline to save yet")?;
    let url = canvas
        .to_data_url_with_type("image/png")
        .map_err(|e| js_error_text(&e))?;
    click_download(filename, &url)
}

fn click_download(filename: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor = document
        .create_element("a")
        .map_err(|e| js_error_text(&e))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor element")?;
    anchor.set_href(url);
    anchor.set_download(filename);
    anchor.click();
    Ok(())
}

/// Copies `text` to the clipboard (asynchronously; a refusal, e.g. in an iframe without the
/// permission, leaves the text selectable on the page instead).
pub fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// The CSS width of the element `#id`.
pub fn element_width(id: &str) -> Option<f64> {
    let element = web_sys::window()?.document()?.get_element_by_id(id)?;
    Some(element.get_bounding_client_rect().width()).filter(|w| *w > 0.0)
}

/// The page's address without its query: where share links point.
pub fn page_address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// The page's query (`?…`).
pub fn page_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}
