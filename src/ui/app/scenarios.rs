//! The gallery and sharing, seen from the root component: asking the worker for the
//! scenarios, loading one (the user's own program is put aside, never lost), placing its
//! narration on the run, the share link and embed snippet of the current view, and exports.

use super::*;
use crate::gallery::{place_notes, recommended_settings};
use crate::web::files;

impl App {
    /// Asks the (new) worker for the gallery unless the page has it.
    pub(super) fn request_gallery(&mut self) {
        if self.gallery.is_some() {
            return;
        }
        if let Some(worker) = &mut self.worker {
            if let Err(message) = worker.request(Request::Gallery.to_bytes()) {
                self.failure = Some(message.into());
            }
        }
    }

    pub(super) fn on_gallery(&mut self, ctx: &Context<Self>, gallery: Gallery) {
        self.quiz_answers = Rc::new(vec![None; gallery.quizzes.len()]);
        self.quizzes = Rc::new(gallery.quizzes);
        let scenarios = Rc::new(gallery.scenarios);
        self.gallery = Some(scenarios.clone());
        // The scenario asked for, else the one whose program is in the editor (the page's
        // default program is a scenario too).
        let found = match &self.scenario_slug {
            Some(slug) => scenarios.iter().find(|s| &s.slug == slug),
            None if !self.awaiting_code => {
                scenarios.iter().find(|s| s.code == self.source.as_str())
            }
            None => None,
        }
        .cloned();
        if self.awaiting_scenario {
            self.awaiting_scenario = false;
            match found {
                Some(scenario) => {
                    self.source = AttrValue::from(scenario.code.clone());
                    if !self.settings_from_link {
                        self.settings = recommended_settings(&scenario);
                    }
                    self.scenario = Some(Rc::new(scenario));
                }
                None => {
                    let slug = self.scenario_slug.take().unwrap_or_default();
                    self.notice = Some(AttrValue::from(format!(
                        "There is no scenario “{slug}” in the gallery; showing the program in the editor instead."
                    )));
                }
            }
            self.run(ctx);
        } else {
            self.scenario = found.map(Rc::new);
        }
        self.place_notes();
    }

    pub(super) fn pick_scenario(&mut self, ctx: &Context<Self>, slug: &str) {
        let Some(scenario) = self
            .gallery
            .as_ref()
            .and_then(|g| g.iter().find(|s| s.slug == slug).cloned())
        else {
            return;
        };
        // The user's own program (not an unchanged scenario) is put aside first.
        let unchanged_scenario = self
            .scenario
            .as_ref()
            .is_some_and(|s| s.code == self.source.as_str());
        if !unchanged_scenario && self.source != DEFAULT_PROGRAM && !self.embed {
            storage::save_draft(&self.source);
            self.has_draft = true;
        }
        self.source = AttrValue::from(scenario.code.clone());
        self.settings = recommended_settings(&scenario);
        if !self.embed {
            storage::save_source(&self.source);
            storage::save_settings(&self.settings.to_text());
            storage::save_scenario(Some(&scenario.slug));
        }
        self.scenario_slug = Some(scenario.slug.clone());
        self.scenario = Some(Rc::new(scenario));
        self.close_panels();
        self.opened_schedule = None;
        self.game = None;
        self.arrival = Arrival::PlayFromStart;
        self.run(ctx);
    }

    pub(super) fn restore_draft(&mut self, ctx: &Context<Self>) {
        let Some(draft) = storage::load_draft() else {
            self.has_draft = false;
            return;
        };
        self.source = AttrValue::from(draft);
        storage::save_source(&self.source);
        storage::save_scenario(None);
        self.scenario = None;
        self.scenario_slug = None;
        self.gallery_open = false;
        self.arrival = Arrival::PlayFromStart;
        self.run(ctx);
    }

    /// The scenario's narration on the run shown, when that run is of its unchanged code.
    pub(super) fn place_notes(&mut self) {
        let notes = match (&self.scenario, &self.result) {
            (Some(s), Some(r)) if !r.so_far && r.source == s.code.as_str() => {
                place_notes(&s.narration, &r.trace)
            }
            _ => Vec::new(),
        };
        self.notes = Rc::new(notes);
    }

    /// A link brought a packed program: the worker unpacked it (or could not).
    pub(super) fn on_unpacked(&mut self, ctx: &Context<Self>, result: Result<String, String>) {
        if !std::mem::take(&mut self.awaiting_code) {
            return;
        }
        match result {
            Ok(code) => {
                // The link's program takes the editor; the user's own is put aside, not lost.
                let own = self.source.to_string();
                if !self.embed
                    && own != code
                    && own != DEFAULT_PROGRAM
                    && self.scenario_slug.is_none()
                {
                    storage::save_draft(&own);
                    self.has_draft = true;
                }
                self.source = AttrValue::from(code);
            }
            Err(why) => {
                let notice = match self.notice.take() {
                    Some(n) => format!("{n} {why}"),
                    None => why,
                };
                self.notice = Some(AttrValue::from(notice));
            }
        }
        self.run(ctx);
    }

    /// Asks the worker to pack the program for the share link, unless it already has.
    pub(super) fn request_pack(&mut self) {
        if self.share_scenario().is_some()
            || self
                .packed_source
                .as_ref()
                .is_some_and(|(code, _)| *code == self.source)
        {
            return;
        }
        if let Some(worker) = &mut self.worker {
            let _ = worker.request(Request::Pack(self.source.to_string()).to_bytes());
        }
    }

    pub(super) fn on_packed(&mut self, code: String, packed: String) {
        if code == self.source.as_str() {
            self.packed_source = Some((self.source.clone(), packed));
        }
    }

    /// The scenario a link can name instead of carrying the program.
    fn share_scenario(&self) -> Option<&Rc<Scenario>> {
        self.scenario
            .as_ref()
            .filter(|s| s.code == self.source.as_str())
    }

    /// The link that reopens this view; `None` while the program is being packed.
    pub(super) fn share_link(&self, embed: bool) -> Option<Link> {
        let scenario = self.share_scenario();
        let packed_code = match scenario {
            Some(_) => None,
            None => Some(
                self.packed_source
                    .as_ref()
                    .filter(|(code, _)| *code == self.source)?
                    .1
                    .clone(),
            ),
        };
        Some(Link {
            scenario: scenario.map(|s| s.slug.clone()),
            packed_code,
            settings: (self.settings != Settings::default()).then(|| self.settings.clone()),
            cursor_ns: self.result.as_ref().map(|_| self.playback.cursor_ns()),
            speed: Some(self.playback.speed_index()),
            embed,
            autoplay: false,
        })
    }

    pub(super) fn share_address(&self, embed: bool) -> Option<String> {
        let link = self.share_link(embed)?;
        Some(format!("{}{}", files::page_address(), link.to_query()))
    }

    pub(super) fn embed_snippet(&self) -> Option<String> {
        let title = self
            .scenario
            .as_ref()
            .map_or("Interleave", |s| s.title.as_str())
            .replace('"', "&quot;");
        Some(format!(
            "<iframe src=\"{}\" width=\"960\" height=\"540\" title=\"{title}\" style=\"border:0\" loading=\"lazy\"></iframe>",
            self.share_address(true)?.replace('&', "&amp;")
        ))
    }

    pub(super) fn share_action(&mut self, action: ShareAction) {
        self.share_status = Some(AttrValue::Static(match action {
            ShareAction::CopyLink => match self.share_address(false) {
                Some(link) => {
                    files::copy_text(&link);
                    "Link copied."
                }
                None => "The link is still being prepared.",
            },
            ShareAction::CopyEmbed => match self.embed_snippet() {
                Some(snippet) => {
                    files::copy_text(&snippet);
                    "Embed snippet copied."
                }
                None => "The link is still being prepared.",
            },
            ShareAction::ExportTrace => {
                let bytes = self.result.as_ref().and_then(|r| r.bytes.clone());
                let sent = match (bytes, self.worker.as_mut()) {
                    (Some(bytes), Some(worker)) => worker
                        .request(Request::ChromeTrace(bytes.to_vec()).to_bytes())
                        .is_ok(),
                    _ => false,
                };
                if sent {
                    "Preparing the trace…"
                } else {
                    "Export the trace once a run has finished."
                }
            }
            ShareAction::ExportPng => {
                match files::download_canvas_png("timeline", "interleave-timeline.png") {
                    Ok(()) => "Timeline saved as PNG.",
                    Err(_) => "The timeline could not be saved.",
                }
            }
            ShareAction::ExportSvg => match &self.result {
                Some(r) => {
                    let width = files::element_width("timeline").unwrap_or(1000.0);
                    let picture = crate::timeline::Picture::new(&r.model, width, self.viewport);
                    let svg = crate::timeline::svg::to_svg(&r.model, &picture);
                    match files::download_text("interleave-timeline.svg", "image/svg+xml", &svg) {
                        Ok(()) => "Timeline saved as SVG.",
                        Err(_) => "The timeline could not be saved.",
                    }
                }
                None => "Save the timeline once a run has finished.",
            },
            ShareAction::Close => {
                self.share_open = false;
                return;
            }
        }));
    }

    pub(super) fn save_chrome_trace(&mut self, json: &str) {
        let stem = DEFAULT_FILENAME.trim_end_matches(".py");
        self.share_status = Some(AttrValue::Static(
            match files::download_text(&format!("{stem}.trace.json"), "application/json", json) {
                Ok(()) => "Trace saved: open it in ui.perfetto.dev.",
                Err(_) => "The trace could not be saved.",
            },
        ));
    }
}
