//! The book's data: process, projects, schemas and pages, as read from their files.
//!
//! These types are what serde reads; `check` then validates the references between them.

mod bound;
pub mod completeness;
mod date;
pub mod notice;
mod page;
pub mod people;
mod process;
mod project;
pub mod registry;
mod scalar;
mod schema;
mod schema_tree;
pub mod stage_rules;
mod unique;
pub mod vocabulary;

pub use bound::Bound;
pub use date::Date;
pub use page::{FrontMatter, Page};
pub use process::{Activity, ChecklistItem, Code, Duty, Notice, Process, Role, SourceRef};
pub use project::{
    Dashboard, Lifecycle, Links, OtherLink, Person, Project, ProjectRecord, Query, SignOff, Stage, StageStatus,
};
pub use registry::{
    ChangeKind, FieldChange, FieldOverride, FieldRetention, RegistryField, RegistryRef, ResolvedSchema, SchemaVersion,
};
pub use scalar::Scalar;
pub use schema::{
    Field, FieldFormat, FieldType, Retention, Sampling, SamplingUnit, Schema, SchemaVersionNumber, Sensitivity,
};

use crate::config::BookConfig;
pub use crate::yaml::{Located, Locator};

/// A loaded book: everything that parsed, each with a locator into its file.
#[derive(Debug, Clone)]
pub struct Book {
    pub config: BookConfig,
    /// `None` when the process file could not be read or parsed (the diagnostics say why).
    pub process: Option<Located<Process>>,
    /// Projects in id order.
    pub projects: Vec<Project>,
    /// Pages in navigation order (front-matter `order`, then path).
    pub pages: Vec<Page>,
    /// Other files below the pages folder (images, downloads), copied into the site as they
    /// are: (path in the site, bytes).
    pub assets: Vec<(String, Vec<u8>)>,
}
