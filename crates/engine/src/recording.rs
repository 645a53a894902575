//! What a run records as it goes into the trace's long lists, kept in [`Log`]s until the
//! trace is made ([`Recording::write_into`]): a copy of a paused run (a checkpoint) then shares
//! the history instead of copying it.

use crate::log::Log;
use crate::trace::*;

#[derive(Clone, Default)]
pub struct Recording {
    pub slices: Log<Slice>,
    pub gil: Log<GilHold>,
    pub gil_drop_requests: Log<GilDropRequest>,
    pub outputs: Log<Output>,
    pub lock_events: Log<LockEvent>,
    pub primitive_samples: Log<PrimitiveSample>,
    pub loop_freezes: Log<LoopFreeze>,
    pub task_steps: Log<TaskStep>,
    pub task_wakes: Log<TaskWake>,
    pub transfers: Log<Transfer>,
}

impl Recording {
    /// Fills the trace's lists with what was recorded.
    pub fn write_into(&self, trace: &mut Trace) {
        trace.slices = self.slices.to_vec();
        trace.gil = self.gil.to_vec();
        trace.gil_drop_requests = self.gil_drop_requests.to_vec();
        trace.outputs = self.outputs.to_vec();
        trace.lock_events = self.lock_events.to_vec();
        trace.primitive_samples = self.primitive_samples.to_vec();
        trace.loop_freezes = self.loop_freezes.to_vec();
        trace.task_steps = self.task_steps.to_vec();
        trace.task_wakes = self.task_wakes.to_vec();
        trace.transfers = self.transfers.to_vec();
    }

    /// Roughly how many bytes a copy adds (see [`Log::unshared_bytes`]).
    pub fn unshared_bytes(&self) -> usize {
        self.slices.unshared_bytes()
            + self.gil.unshared_bytes()
            + self.gil_drop_requests.unshared_bytes()
            + self.outputs.unshared_bytes()
            + self.lock_events.unshared_bytes()
            + self.primitive_samples.unshared_bytes()
            + self.loop_freezes.unshared_bytes()
            + self.task_steps.unshared_bytes()
            + self.task_wakes.unshared_bytes()
            + self.transfers.unshared_bytes()
    }
}
