//! One module per command: each parses its arguments and calls into the library.

pub mod book_dir;
pub mod build;
pub mod check;
pub mod explain;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;
