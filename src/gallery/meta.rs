//! A gallery scenario's metadata, as written beside its program in
//! `scenarios/<topic>/<slug>.json` (see `scenarios/README.md`). Shared with the build script,
//! which reads every scenario, checks it and embeds them all in the engine's worker, so this
//! file depends on nothing but serde.

use serde::{Deserialize, Serialize};

/// One scenario: a course example (or a program the course describes) ready to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// `topic/file-stem`, filled in by the build from the file's place.
    #[serde(default)]
    pub slug: String,
    pub title: String,
    pub topic: Topic,
    /// Where in the course notes it comes from; `None` for programs written for the gallery.
    pub source: Option<SourceRef>,
    /// What it shows and what to watch.
    pub summary: String,
    /// How the program differs from the notes, if it does.
    #[serde(default)]
    pub adapted: Option<String>,
    /// Recommended run settings, in the settings' text form (`switch=…;cores=…`).
    #[serde(default)]
    pub settings: Option<String>,
    /// How the run ends.
    pub outcome: DeclaredOutcome,
    /// Notes tied to moments of the run, for a guided walkthrough.
    #[serde(default)]
    pub narration: Vec<Note>,
    /// For a program that goes wrong (a deadlock): how to fix it, and the scenario that does.
    #[serde(default)]
    pub fix: Option<Fix>,
    /// "You are the scheduler": what to make the program do by choosing who runs.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The program, filled in by the build from `<slug>.py`.
    #[serde(default)]
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    pub text: String,
    /// The slug of the fixed program's scenario.
    #[serde(default)]
    pub scenario: Option<String>,
}

/// A goal of "you are the scheduler", checked on the run the student's picks produce.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The task in words ("Make the counter end below 6").
    pub text: String,
    pub check: GoalCheck,
}

/// What the engine must see at the end of the run for a goal to be reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalCheck {
    /// The run reaches its end (no deadlock, no uncaught exception).
    Ends,
    /// The run ends in a deadlock.
    Deadlock,
    /// A thread writes over another thread's update of a shared variable.
    LostUpdate,
    /// The last line printed is exactly this.
    Prints(String),
    /// The last number in the last line printed is below this.
    NumberBelow(f64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The course document's number (`"002"`).
    pub doc: String,
    /// The heading the example sits under (or the notebook cell, `In [12]`).
    pub section: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    ThreadsGil,
    Locks,
    Semaphores,
    EventsConditions,
    Queues,
    Races,
    Deadlocks,
    Daemons,
    Pools,
    Multiprocessing,
    Asyncio,
    CpuVsIo,
}

impl Topic {
    /// In the gallery's order.
    pub const ALL: [Topic; 12] = [
        Topic::ThreadsGil,
        Topic::Locks,
        Topic::Semaphores,
        Topic::EventsConditions,
        Topic::Queues,
        Topic::Races,
        Topic::Deadlocks,
        Topic::Daemons,
        Topic::Pools,
        Topic::Multiprocessing,
        Topic::Asyncio,
        Topic::CpuVsIo,
    ];

    /// The folder name under `scenarios/` (also the JSON spelling).
    pub fn key(self) -> &'static str {
        match self {
            Topic::ThreadsGil => "threads-gil",
            Topic::Locks => "locks",
            Topic::Semaphores => "semaphores",
            Topic::EventsConditions => "events-conditions",
            Topic::Queues => "queues",
            Topic::Races => "races",
            Topic::Deadlocks => "deadlocks",
            Topic::Daemons => "daemons",
            Topic::Pools => "pools",
            Topic::Multiprocessing => "multiprocessing",
            Topic::Asyncio => "asyncio",
            Topic::CpuVsIo => "cpu-vs-io",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Topic::ThreadsGil => "Threads and the GIL",
            Topic::Locks => "Locks and RLock",
            Topic::Semaphores => "Semaphores",
            Topic::EventsConditions => "Events, conditions, barriers",
            Topic::Queues => "Queues",
            Topic::Races => "Race conditions",
            Topic::Deadlocks => "Deadlocks",
            Topic::Daemons => "Daemon threads",
            Topic::Pools => "Thread pools",
            Topic::Multiprocessing => "Multiprocessing",
            Topic::Asyncio => "asyncio",
            Topic::CpuVsIo => "CPU-bound vs I/O-bound",
        }
    }
}

/// How a scenario's run ends (the CLI's exit code in words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeclaredOutcome {
    /// Exit code 0.
    Ok,
    /// An uncaught exception: exit code 1.
    Exception,
    /// Exit code 3.
    Deadlock,
    /// A step or time budget stops it: exit code 4.
    Budget,
    /// The program's own `sys.exit` code.
    Exit,
}

/// A narration note: `text` is shown once the cursor reaches the moment `at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub at: Anchor,
    pub text: String,
}

/// A moment of a run, named so that it survives changed settings where it can.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// When the first printed line containing this text appears.
    Output(String),
    /// At this virtual time, in milliseconds.
    Ms(f64),
    /// The start, the end, or the moment the deadlock closes.
    Event(RunEvent),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunEvent {
    Start,
    End,
    Deadlock,
}

/// Everything the build embeds: the scenarios in the gallery's order, and the quizzes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Gallery {
    pub scenarios: Vec<Scenario>,
    pub quizzes: Vec<Quiz>,
}

/// A quick-check question of the course notes (`scenarios/quizzes.json`), with the answer
/// key's answer, why, and a scenario that shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub source: SourceRef,
    pub question: String,
    /// Multiple choice; a true/false question has the choices `True` and `False`.
    pub choices: Vec<String>,
    /// The index of the right choice.
    pub answer: usize,
    pub explanation: String,
    /// The slug of a scenario that demonstrates the answer.
    #[serde(default)]
    pub scenario: Option<String>,
}
