//! The playback clock: a cursor over virtual time that plays, pauses, steps one event (or one
//! GIL switch) either way and jumps to either end. Speed is a multiple of the run's natural
//! pace (1× plays the whole run in [`BASE_SWEEP_MS`]), so the page can also say how much
//! virtual time one real second covers; the "events" pace moves event to event instead.
//! Driven by animation-frame timestamps; knows nothing about the browser.

/// Real time a whole run takes at 1×, in milliseconds.
pub const BASE_SWEEP_MS: f64 = 8_000.0;

/// The speeds offered, as multiples of the natural pace.
pub const SPEEDS: [f64; 9] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0];
/// Index of 1× in [`SPEEDS`].
pub const DEFAULT_SPEED: usize = 2;
/// Events per real second at 1× in the events pace.
const EVENTS_PER_SECOND: f64 = 4.0;

/// A longer gap between two frames (a hidden tab, a busy page) advances only this much.
const MAX_FRAME_GAP_MS: f64 = 250.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// Virtual time flows at the chosen speed.
    Time,
    /// The cursor jumps from one event to the next at a steady rate.
    Events,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    end_ns: u64,
    cursor_ns: f64,
    playing: bool,
    speed: usize,
    pace: Pace,
    last_frame_ms: Option<f64>,
    /// Fractional events owed in the events pace.
    carry: f64,
}

impl Default for Playback {
    /// Nothing loaded: at the end, not playing.
    fn default() -> Self {
        Playback {
            end_ns: 0,
            cursor_ns: 0.0,
            playing: false,
            speed: DEFAULT_SPEED,
            pace: Pace::Time,
            last_frame_ms: None,
            carry: 0.0,
        }
    }
}

impl Playback {
    /// A run that ends at `end_ns`, cursor at `cursor_ns`, keeping this playback's speed and
    /// pace.
    pub fn load(&self, end_ns: u64, cursor_ns: u64, playing: bool) -> Playback {
        Playback {
            end_ns,
            cursor_ns: cursor_ns.min(end_ns) as f64,
            playing: playing && end_ns > 0 && cursor_ns < end_ns,
            speed: self.speed,
            pace: self.pace,
            last_frame_ms: None,
            carry: 0.0,
        }
    }

    /// Advances to the frame at `now_ms`; `next_event` gives the first event after a time.
    /// Returns whether another frame is wanted.
    pub fn tick(&mut self, now_ms: f64, next_event: impl Fn(u64) -> u64) -> bool {
        if !self.playing {
            return false;
        }
        if let Some(last) = self.last_frame_ms {
            let gap = (now_ms - last).clamp(0.0, MAX_FRAME_GAP_MS);
            match self.pace {
                Pace::Time => {
                    let ns_per_ms = self.end_ns as f64 / BASE_SWEEP_MS;
                    self.cursor_ns += gap * self.speed() * ns_per_ms;
                }
                Pace::Events => {
                    self.carry += gap / 1_000.0 * EVENTS_PER_SECOND * self.speed();
                    while self.carry >= 1.0 && self.cursor_ns < self.end_ns as f64 {
                        self.carry -= 1.0;
                        self.cursor_ns = next_event(self.cursor_ns()) as f64;
                    }
                }
            }
        }
        self.last_frame_ms = Some(now_ms);
        if self.cursor_ns >= self.end_ns as f64 {
            self.cursor_ns = self.end_ns as f64;
            self.playing = false;
            self.last_frame_ms = None;
        }
        self.playing
    }

    /// Play ↔ pause; playing at the end starts over. Returns whether it now plays.
    pub fn toggle(&mut self) -> bool {
        if self.playing {
            self.playing = false;
        } else if self.end_ns > 0 {
            if self.at_end() {
                self.cursor_ns = 0.0;
            }
            self.playing = true;
        }
        self.last_frame_ms = None;
        self.carry = 0.0;
        self.playing
    }

    /// Moves the cursor to `t_ns` (clamped) and pauses.
    pub fn seek(&mut self, t_ns: u64) {
        self.cursor_ns = t_ns.min(self.end_ns) as f64;
        self.playing = false;
        self.last_frame_ms = None;
    }

    /// Jumps to the end and stops there.
    pub fn finish(&mut self) {
        self.seek(self.end_ns);
    }

    pub fn set_speed(&mut self, index: usize) {
        self.speed = index.min(SPEEDS.len() - 1);
    }

    pub fn speed_index(&self) -> usize {
        self.speed
    }

    pub fn speed(&self) -> f64 {
        SPEEDS[self.speed]
    }

    pub fn set_pace(&mut self, pace: Pace) {
        self.pace = pace;
        self.carry = 0.0;
    }

    pub fn pace(&self) -> Pace {
        self.pace
    }

    /// Virtual nanoseconds one real second covers at the current speed (time pace).
    pub fn virtual_ns_per_second(&self) -> f64 {
        self.end_ns as f64 / BASE_SWEEP_MS * 1_000.0 * self.speed()
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    pub fn at_end(&self) -> bool {
        self.cursor_ns >= self.end_ns as f64
    }

    pub fn end_ns(&self) -> u64 {
        self.end_ns
    }

    /// The cursor's virtual time.
    pub fn cursor_ns(&self) -> u64 {
        (self.cursor_ns.round() as u64).min(self.end_ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_events(_: u64) -> u64 {
        unreachable!("time pace")
    }

    fn play(end_ns: u64) -> Playback {
        Playback::default().load(end_ns, 0, true)
    }

    #[test]
    fn one_x_plays_the_whole_run_in_eight_seconds() {
        for end_ns in [1_000, 10_000_000_000, 3_600_000_000_000] {
            let mut p = play(end_ns);
            assert!(p.is_playing());
            let mut t = 0.0;
            assert!(p.tick(t, no_events), "first frame only sets the clock");
            while t < 4_000.0 {
                t += 16.0;
                p.tick(t, no_events);
            }
            let half = p.cursor_ns() as f64 / end_ns as f64;
            assert!((half - 0.5).abs() < 0.01, "{half}");
            while p.tick(t, no_events) {
                t += 16.0;
            }
            assert!((t - 8_000.0).abs() <= 32.0, "ended at {t}");
            assert!(p.at_end());
            assert_eq!(p.cursor_ns(), end_ns);
        }
    }

    #[test]
    fn speed_multiplies_the_pace() {
        let mut p = play(8_000);
        p.set_speed(SPEEDS.len() - 1); // 64×
        assert_eq!(p.virtual_ns_per_second(), 64_000.0);
        p.tick(0.0, no_events);
        p.tick(100.0, no_events);
        assert_eq!(p.cursor_ns(), 6_400);
        p.set_speed(0); // 0.25×
        p.tick(200.0, no_events);
        assert_eq!(p.cursor_ns(), 6_425);
    }

    #[test]
    fn events_pace_jumps_from_event_to_event() {
        let events = [100u64, 250, 900];
        let next = |t: u64| events.iter().copied().find(|&e| e > t).unwrap_or(1_000);
        let mut p = play(1_000);
        p.set_pace(Pace::Events);
        p.tick(0.0, next);
        p.tick(250.0, next); // one event per 250 ms at 1×
        assert_eq!(p.cursor_ns(), 100);
        p.tick(500.0, next);
        assert_eq!(p.cursor_ns(), 250);
        p.tick(750.0, next);
        assert_eq!(p.cursor_ns(), 900);
        assert!(!p.tick(1_000.0, next), "the end stops playback");
        assert!(p.at_end());
    }

    #[test]
    fn pause_seek_and_restart() {
        let mut p = play(8_000);
        for t in 0..=4 {
            p.tick(t as f64 * 250.0, no_events);
        }
        assert_eq!(p.cursor_ns(), 1_000);
        assert!(!p.toggle());
        assert!(!p.tick(2_000.0, no_events));
        assert_eq!(p.cursor_ns(), 1_000, "paused");
        p.seek(5_000);
        assert_eq!(p.cursor_ns(), 5_000);
        p.seek(99_000);
        assert!(p.at_end());
        assert!(p.toggle(), "play at the end starts over");
        assert_eq!(p.cursor_ns(), 0);
    }

    #[test]
    fn long_frame_gaps_are_capped() {
        let mut p = play(8_000);
        p.tick(0.0, no_events);
        p.tick(60_000.0, no_events);
        assert_eq!(p.cursor_ns(), 250);
    }

    #[test]
    fn reload_keeps_speed_and_pace_and_clamps_the_cursor() {
        let mut p = play(8_000);
        p.set_speed(5);
        p.set_pace(Pace::Events);
        let q = p.load(4_000, 6_000, true);
        assert_eq!((q.speed_index(), q.pace()), (5, Pace::Events));
        assert!(q.at_end() && !q.is_playing());
        let empty = Playback::default();
        assert!(empty.at_end() && !empty.is_playing());
        assert!(!Playback::default().load(0, 0, true).is_playing());
    }
}
