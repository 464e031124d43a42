//! A book for the filters (home, board, dictionary): more projects than the home page shows
//! (so the filter must find projects that are only on further pages) and more than a column of
//! the board shows, in two teams, some paused, one naming a person.

use super::Book;

/// How many projects the book has.
pub const PROJECTS: usize = 60;

/// The id of project `i` (from 0): `p-000`…
pub fn id(i: usize) -> String {
    format!("p-{i:03}")
}

/// Project `i`'s team: `Apps` for even `i`, `Web` for odd, and `Search` for the last.
pub fn team(i: usize) -> &'static str {
    match i {
        i if i == PROJECTS - 1 => "Search",
        i if i % 2 == 0 => "Apps",
        _ => "Web",
    }
}

/// Whether project `i` is paused (every tenth); the others are active.
pub fn paused(i: usize) -> bool {
    i % 10 == 3
}

/// The book: [`PROJECTS`] records with nothing started (so each is at the first activity),
/// project 57 naming Jane Doe as product manager, and each with a schema of one field
/// `field_<i>`.
pub fn book() -> Book {
    let book = Book::process_only();
    for i in 0..PROJECTS {
        let people = if i == 57 {
            "people:\n  product-manager:\n    - name: Jane Doe\n"
        } else {
            ""
        };
        let record = format!(
            "title: Project {i:03}\nstatus: {}\nteam: {}\n{people}schema:\n  name: P{i}\n  fields:\n    - name: field_{i:03}\n      type: string\n      description: Field {i}.\n      sensitivity: public\n",
            if paused(i) { "paused" } else { "active" },
            team(i),
        );
        book.write(&format!("content/projects/{}.yaml", id(i)), &record);
    }
    book
}
