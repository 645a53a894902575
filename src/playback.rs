//! The animation clock: a cursor that sweeps a trace from 0 to its end in a fixed amount of
//! real time (whatever the virtual length), with play, pause and restart-at-end.
//! Driven by animation-frame timestamps; knows nothing about the browser.

/// Real time one whole sweep takes, in milliseconds.
pub const SWEEP_MS: f64 = 4_000.0;

/// A longer gap between two frames (a hidden tab, a busy page) advances only this much.
const MAX_FRAME_GAP_MS: f64 = 250.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    end_ns: u64,
    sweep_ms: f64,
    /// 0 at the start of the trace, 1 at its end.
    progress: f64,
    playing: bool,
    last_frame_ms: Option<f64>,
}

impl Default for Playback {
    /// Nothing loaded: at the end, not playing.
    fn default() -> Self {
        Playback {
            end_ns: 0,
            sweep_ms: SWEEP_MS,
            progress: 1.0,
            playing: false,
            last_frame_ms: None,
        }
    }
}

impl Playback {
    /// Starts sweeping a trace that ends at `end_ns`. An empty trace is at its end at once.
    pub fn start(end_ns: u64) -> Playback {
        Playback::with_sweep(end_ns, SWEEP_MS)
    }

    pub fn with_sweep(end_ns: u64, sweep_ms: f64) -> Playback {
        let empty = end_ns == 0;
        Playback {
            end_ns,
            sweep_ms,
            progress: if empty { 1.0 } else { 0.0 },
            playing: !empty,
            last_frame_ms: None,
        }
    }

    /// Advances to the frame at `now_ms`; returns whether another frame is wanted.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        if !self.playing {
            return false;
        }
        if let Some(last) = self.last_frame_ms {
            let gap = (now_ms - last).clamp(0.0, MAX_FRAME_GAP_MS);
            self.progress = (self.progress + gap / self.sweep_ms).min(1.0);
        }
        self.last_frame_ms = Some(now_ms);
        if self.progress >= 1.0 {
            self.playing = false;
            self.last_frame_ms = None;
        }
        self.playing
    }

    /// Jumps to the end and stops there.
    pub fn finish(&mut self) {
        self.progress = 1.0;
        self.playing = false;
        self.last_frame_ms = None;
    }

    /// Play ↔ pause; playing at the end starts over. Returns whether it now plays.
    pub fn toggle(&mut self) -> bool {
        if self.playing {
            self.playing = false;
        } else if self.end_ns > 0 {
            if self.at_end() {
                self.progress = 0.0;
            }
            self.playing = true;
        }
        self.last_frame_ms = None;
        self.playing
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    pub fn at_end(&self) -> bool {
        self.progress >= 1.0
    }

    pub fn end_ns(&self) -> u64 {
        self.end_ns
    }

    /// The cursor's virtual time.
    pub fn cursor_ns(&self) -> u64 {
        if self.at_end() {
            self.end_ns
        } else {
            (self.progress * self.end_ns as f64).round() as u64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweeps_in_four_seconds_whatever_the_virtual_length() {
        for end_ns in [1_000, 10_000_000_000, 3_600_000_000_000] {
            let mut p = Playback::start(end_ns);
            assert!(p.is_playing());
            assert_eq!(p.cursor_ns(), 0);
            let mut t = 0.0;
            assert!(p.tick(t), "first frame only sets the clock");
            while t < 2_000.0 {
                t += 16.0;
                p.tick(t);
            }
            let half = p.cursor_ns() as f64 / end_ns as f64;
            assert!((half - 0.5).abs() < 0.01, "{half}");
            while p.tick(t) {
                t += 16.0;
            }
            assert!((t - 4_000.0).abs() <= 32.0, "ended at {t}");
            assert!(p.at_end());
            assert_eq!(p.cursor_ns(), end_ns);
        }
    }

    #[test]
    fn pause_stops_and_play_resumes() {
        let mut p = Playback::start(4_000);
        for i in 0..=10 {
            p.tick(i as f64 * 100.0);
        }
        assert_eq!(p.cursor_ns(), 1_000);
        assert!(!p.toggle());
        assert!(!p.tick(2_000.0));
        assert_eq!(p.cursor_ns(), 1_000, "paused");
        assert!(p.toggle());
        p.tick(5_000.0); // the first frame after resuming does not count the pause
        p.tick(5_100.0);
        assert_eq!(p.cursor_ns(), 1_100);
    }

    #[test]
    fn play_at_the_end_restarts() {
        let mut p = Playback::start(4_000);
        p.tick(0.0);
        p.tick(200.0);
        let mut t = 400.0;
        while p.tick(t) {
            t += 100.0;
        }
        assert!(p.at_end());
        assert!(p.toggle());
        assert_eq!(p.cursor_ns(), 0);
    }

    #[test]
    fn finish_jumps_to_the_end() {
        let mut p = Playback::start(4_000);
        p.tick(0.0);
        p.finish();
        assert!(p.at_end() && !p.is_playing());
        assert_eq!(p.cursor_ns(), 4_000);
        assert!(!p.tick(100.0));
    }

    #[test]
    fn long_frame_gaps_are_capped() {
        let mut p = Playback::start(4_000);
        p.tick(0.0);
        p.tick(60_000.0);
        assert_eq!(p.cursor_ns(), 250);
    }

    #[test]
    fn empty_trace_is_already_at_its_end() {
        let mut p = Playback::start(0);
        assert!(!p.is_playing());
        assert!(p.at_end());
        assert!(!p.toggle(), "nothing to play");
        assert!(!Playback::default().is_playing());
    }
}
