//! JSON Schemas of the book's own files (the process and the project record), for editors.
