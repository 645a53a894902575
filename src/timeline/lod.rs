//! Level of detail for one lane (placeholder until the mipmap lands): the raw spans.

use super::geometry::Scale;
use super::model::Span;
use super::rects::{lane_rects, Rect};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LodLane {
    spans: Vec<Span>,
}

impl LodLane {
    pub fn new(spans: Vec<Span>) -> LodLane {
        LodLane { spans }
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub fn span_at(&self, t_ns: u64) -> Option<&Span> {
        let i = self.spans.partition_point(|s| s.end_ns <= t_ns);
        self.spans.get(i).filter(|s| s.start_ns <= t_ns)
    }

    pub fn rects(&self, scale: &Scale) -> Vec<Rect> {
        lane_rects(&self.spans, scale)
    }
}
