//! The timeline's pure part: a trace becomes lanes ([`model`]), lanes become pixel rectangles
//! for a time window and a width ([`rects`]), at a level of detail that keeps the cost per
//! frame to the pixels drawn ([`lod`]), plus the time axis ([`axis`]), the vertical
//! layout shared by the canvas and the lane labels ([`geometry`]), pointer hits ([`hit`]),
//! the colours ([`palette`]) and all of it together for one width ([`picture`]). Nothing here
//! touches the browser; `web::canvas` draws a [`Picture`].

pub mod axis;
pub mod geometry;
pub mod hit;
pub mod lod;
pub mod model;
pub mod palette;
pub mod picture;
pub mod rects;

pub use geometry::Scale;
pub use lod::LodLane;
pub use model::{Fill, Lane, LaneKind, Span, StateKind, TimelineModel};
pub use picture::Picture;
pub use rects::{lane_rects, tick_xs, Rect};
