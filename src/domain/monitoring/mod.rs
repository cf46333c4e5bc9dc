//! In-year monitoring as finance bureaus run it (预算执行动态监控): warning
//! lights, dated checkpoints, the projected year end, in-year reduction
//! candidates and ageing carry-over. Pure functions the report and the
//! review apply to every line, project and group.

pub mod ageing;
pub mod checkpoint;
pub mod expectation;
pub mod light;
pub mod projection;
pub mod reduction;
pub mod rules;

pub use ageing::AgedCarryover;
pub use checkpoint::{CheckpointStatus, checkpoint_status};
pub use expectation::Expectation;
pub use light::{Light, Lit};
pub use reduction::ReductionCandidate;
pub use rules::MonitoringRules;
