//! Moving the cursor: the keyboard's commands (playback, steps, zoom and pan; the scheduler
//! game's picks are handed on), the animation frames while playing, and what follows a jump.

use super::*;

impl App {
    pub(super) fn command(&mut self, ctx: &Context<Self>, command: Command) -> bool {
        match command {
            Command::Choose(key) => return self.choose_by_key(ctx, key),
            Command::Undo if self.game.is_some() => {
                self.on_game(ctx, GameMsg::Undo);
                return true;
            }
            Command::Undo => return false,
            _ => {}
        }
        let Some(result) = &self.result else {
            return false;
        };
        let model = result.model.clone();
        let cursor = self.playback.cursor_ns();
        match command {
            Command::TogglePlay => {
                if self.playback.toggle() {
                    self.schedule_frame(ctx);
                } else {
                    self.frame = None;
                    self.send_inspect();
                }
                return true;
            }
            Command::Step(d) => self.playback.seek(if d < 0 {
                model.previous_event(cursor)
            } else {
                model.next_event(cursor)
            }),
            Command::GilStep(d) => self.playback.seek(if d < 0 {
                model.previous_gil_switch(cursor)
            } else {
                model.next_gil_switch(cursor)
            }),
            Command::Start => self.playback.seek(0),
            Command::End => self.playback.finish(),
            Command::Zoom(factor) => {
                if factor == 0.0 {
                    self.viewport = Viewport::fit(model.end_ns);
                } else {
                    // Zoom around the cursor when it is in view, else around the middle.
                    let anchor = ((cursor as f64 - self.viewport.start_ns)
                        / self.viewport.span_ns())
                    .clamp(0.0, 1.0);
                    self.viewport.zoom(factor, anchor);
                }
                return true;
            }
            Command::Pan(fraction) => {
                self.viewport.pan(fraction);
                return true;
            }
            Command::Choose(_) | Command::Undo => return false,
        }
        self.after_move();
        true
    }

    /// After the cursor jumped: stop animating, keep it in view, fetch its variables.
    pub(super) fn after_move(&mut self) {
        self.frame = None;
        self.viewport.follow(self.playback.cursor_ns());
        self.send_inspect();
    }

    pub(super) fn schedule_frame(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.frame = Some(request_animation_frame(move |now| {
            link.send_message(Msg::Frame(now))
        }));
    }
}
