//! cogov: a rules engine for industry quality co-governance (行业质量共治).
//!
//! The rubric of DB4406/T 《制造业行业质量共治实施指南》 (Appendix A), improvement triggers and
//! member credit rules live in policy files (RON tables, Rhai logic). The pipeline runs one way:
//! [`PolicySet::load`] → [`Dataset::load`] → [`evaluate`] → rendering, and every stage is a
//! module that imports only the ones below it. The modules are private; what is public is
//! listed here.
#![deny(missing_docs)]

mod archive;
mod change;
mod cli;
mod compare;
mod data;
mod diagnostic;
mod diff;
mod eval;
mod message;
mod outcome;
mod periods;
mod policy;
mod render;
mod scenario;
mod template;
mod text;
mod value;
mod watch;

pub use archive::Archive;

/// The credit archive's parts beside [`Archive`]: what a run records, what verifying finds,
/// the schema versions, and the event descriptions kept with each member's record.
pub mod archiving {
    pub use crate::archive::events::describe;
    pub use crate::archive::{
        Correction, Described, Record, Recorded, Recording, RunSummary, SCHEMA_VERSION, Standing,
        VERSION_1, Verified, outcome_digest,
    };
}
pub use change::{ChangeReport, Direction, GradeScale, NAMED_MEMBERS, Points};
pub use cli::run;
pub use data::{DataFile, Dataset, TableLimits, credit_code};
pub use diagnostic::{Problem, Problems, SourceFile};
pub use eval::{Accounts, PreviousGrades, evaluate, evaluate_with_grades};
pub use outcome::{ClosedBy, FollowUp, FollowUpStatus, MemberResult, Note, Outcome, ReasonRule};
pub use policy::{PolicySet, PolicySource, check_all, credit::CreditPolicy, known_sectors};
pub use scenario::{Check, Options, Replay, copy_dir, replay, run as run_scenario};
pub use text::{Lang, Text};
pub use value::FactValue;

/// `cogov watch` as a library: a [`watch::Session`] that tests and tools drive, and the
/// file watcher that feeds it.
pub mod watching {
    pub use crate::watch::follow::{DEBOUNCE, Watcher};
    pub use crate::watch::{Config, FileChange, Input, PolicyChange, Reload, Session};
}

/// What the credit benchmark measures directly: members' compact events and the scoring
/// kernel, so it can check cogov against a hand-written reference member by member.
pub mod bench {
    pub use crate::data::members::{Event, Member, Members, day_number};
    pub use crate::data::strings::Strings;
    pub use crate::eval::credit::{actions, score_all};
}
