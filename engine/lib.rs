//! cogov: a rules engine for industry quality co-governance (行业质量共治).
//!
//! The rubric of DB4406/T 《制造业行业质量共治实施指南》 (Appendix A), improvement triggers and
//! member credit rules live in policy files (RON tables, Rhai logic). The pipeline runs one way:
//! [`PolicySet::load`] → [`Dataset::load`] → [`evaluate`] → [`render`].
#![deny(missing_docs)]

pub mod archive;
pub mod change;
pub mod cli;
pub mod data;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod outcome;
pub mod periods;
pub mod policy;
pub mod render;
pub mod replay;
pub mod text;
pub mod value;
pub mod watch;

pub use data::Dataset;
pub use diagnostic::{Problem, Problems};
pub use eval::evaluate;
pub use outcome::Outcome;
pub use policy::PolicySet;
