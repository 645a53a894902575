//! The deadlock explorer's wait-for graph (`#wait-graph`), drawn as SVG at the cursor:
//! threads (boxes) and locks (ellipses) on a circle; a thread's arrow to the lock it waits
//! for, a lock's arrow to the thread holding it, a joining thread's arrow to the one it joins;
//! the cycle in red once it closes.

use crate::timeline::wait_graph::{EdgeKind, NodeKind, WaitGraph};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WaitGraphProps {
    pub graph: Rc<WaitGraph>,
}

const W: f64 = 520.0;
const H: f64 = 260.0;

fn words(g: &WaitGraph) -> String {
    let mut parts: Vec<String> = g
        .edges
        .iter()
        .map(|e| {
            let (a, b) = (&g.nodes[e.from].label, &g.nodes[e.to].label);
            match e.kind {
                EdgeKind::WaitsFor => format!("{a} waits for {b}"),
                EdgeKind::HeldBy => format!("{a} is held by {b}"),
                EdgeKind::Joins => format!("{a} joins {b}"),
            }
        })
        .collect();
    if parts.is_empty() {
        parts.push("Nobody waits for a lock or a thread at the cursor".into());
    }
    parts.join("; ")
}

#[function_component]
pub fn WaitGraphView(props: &WaitGraphProps) -> Html {
    let g = &props.graph;
    let n = g.nodes.len().max(1) as f64;
    let pos = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        (W / 2.0 + 0.36 * W * a.cos(), H / 2.0 + 0.36 * H * a.sin())
    };
    let edges = g.edges.iter().map(|e| {
        let (x1, y1) = pos(e.from);
        let (x2, y2) = pos(e.to);
        // Stop short of the target's box.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let shrink = 34.0 / len;
        let (ex, ey) = (x2 - dx * shrink, y2 - dy * shrink);
        let kind = match e.kind {
            EdgeKind::WaitsFor => "waits-for",
            EdgeKind::HeldBy => "held-by",
            EdgeKind::Joins => "joins",
        };
        html! {
            <line class={classes!("edge", kind, e.in_cycle.then_some("cycle"))}
                data-kind={kind} data-from={g.nodes[e.from].label.clone()} data-to={g.nodes[e.to].label.clone()}
                data-cycle={e.in_cycle.to_string()}
                x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{ex:.1}")} y2={format!("{ey:.1}")}
                marker-end={if e.in_cycle { "url(#arrow-cycle)" } else { "url(#arrow)" }} />
        }
    });
    let nodes = g.nodes.iter().enumerate().map(|(i, node)| {
        let (x, y) = pos(i);
        let shape = match node.kind {
            NodeKind::Thread => html! { <rect x={format!("{:.1}", x - 62.0)} y={format!("{:.1}", y - 13.0)} width="124" height="26" rx="5" /> },
            NodeKind::Lock => html! { <ellipse cx={format!("{x:.1}")} cy={format!("{y:.1}")} rx="52" ry="14" /> },
        };
        let kind = if node.kind == NodeKind::Thread { "thread" } else { "lock" };
        html! {
            <g class={classes!("node", kind)} data-kind={kind} data-label={node.label.clone()}>
                { shape }
                <text x={format!("{x:.1}")} y={format!("{:.1}", y + 4.0)} text-anchor="middle">{ node.label.clone() }</text>
            </g>
        }
    });
    html! {
        <figure id="wait-graph" class="wait-graph" data-cycle={g.has_cycle().to_string()}>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={words(g)}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow" />
                    </marker>
                    <marker id="arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow cycle" />
                    </marker>
                </defs>
                { for edges }
                { for nodes }
            </svg>
            <figcaption>{ "Wait-for graph at the cursor: a thread → the lock it waits for → the thread holding it. A closed loop is a deadlock." }</figcaption>
        </figure>
    }
}
