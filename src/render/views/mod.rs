//! What each page shows, as plain serializable values: the templates only lay them out.
//! Each page gets the context it needs and no more.

pub mod board;
pub mod common;
pub mod dictionary;
pub mod home;
pub mod people;
pub mod process;
pub mod project;

pub use common::{Common, Prepared};
