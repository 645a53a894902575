//! The timeline's pure part: a trace becomes lanes ([`model`], built by [`lanes`], with
//! [`counts`] over time and [`arrows`] between lanes), each lane keeps coarser copies of
//! itself ([`lod`]) so a time window becomes pixel rectangles ([`rects`]) at a cost that
//! follows the pixels; plus the visible window ([`viewport`]), the time axis ([`axis`]), the
//! vertical layout shared by the canvas and the lane labels ([`geometry`]), marks at moments
//! of a thread ([`marks`]: lost updates, a directed run's decisions), pointer hits
//! ([`hit`]), the colours ([`palette`]), what the cursor's moment looks like ([`at_cursor`])
//! and all of it together for one window and width ([`picture`]). Nothing here touches the
//! browser; `web::canvas` draws a [`Picture`].

pub mod arrows;
pub mod at_cursor;
pub mod axis;
pub mod counts;
pub mod geometry;
pub mod hit;
pub mod lanes;
pub mod lod;
pub mod marks;
pub mod model;
pub mod palette;
pub mod picture;
pub mod primitives;
pub mod raster;
pub mod rects;
pub mod svg;
pub mod viewport;
pub mod wait_graph;

pub use geometry::Scale;
pub use model::{Fill, Lane, LaneKind, Span, StateKind, TimelineModel};
pub use picture::Picture;
pub use rects::{lane_rects, tick_xs, Rect};
pub use viewport::Viewport;
