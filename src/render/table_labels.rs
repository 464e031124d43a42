//! Labels for the body cells of Markdown tables: each `<td>` gets its column's header text as
//! `data-label`, so that on a phone the stylesheet can stack a row's cells, each one named,
//! without losing a column (and without JavaScript).

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

/// Follows the events of one Markdown text through its tables.
#[derive(Debug, Default)]
pub struct TableLabels {
    alignments: Vec<Alignment>,
    /// The header's text, one per column.
    labels: Vec<String>,
    in_head: bool,
    /// The column of the next body cell.
    column: usize,
}

impl TableLabels {
    /// `event`, or in its place the labelled start of a body cell (and the matching end).
    pub fn map<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        match &event {
            Event::Start(Tag::Table(alignments)) => {
                self.alignments = alignments.clone();
                self.labels.clear();
            }
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => self.column = 0,
            Event::Start(Tag::TableCell) if self.in_head => self.labels.push(String::new()),
            Event::Text(t) | Event::Code(t) if self.in_head => {
                if let Some(label) = self.labels.last_mut() {
                    label.push_str(t);
                }
            }
            Event::Start(Tag::TableCell) => {
                let style = match self.alignments.get(self.column) {
                    Some(Alignment::Left) => " style=\"text-align: left\"",
                    Some(Alignment::Center) => " style=\"text-align: center\"",
                    Some(Alignment::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                let label = self.labels.get(self.column).map_or("", |l| l.trim());
                self.column += 1;
                let label = match label {
                    "" => String::new(),
                    l => format!(" data-label=\"{}\"", crate::render::theme::escape(l)),
                };
                return Event::Html(format!("<td{style}{label}>").into());
            }
            Event::End(TagEnd::TableCell) if !self.in_head => return Event::Html("</td>".into()),
            _ => {}
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::{render, Trust};

    #[test]
    fn body_cells_are_labelled_with_their_column_header_and_keep_their_alignment() {
        let html = render(
            "| Name | `Code` & more | |\n|---|:-:|--|\n| a | b | c |\n| d |\n",
            Trust::Record,
        )
        .html;
        assert!(html.contains("<th>Name</th>"), "{html}");
        assert!(
            html.contains("<td data-label=\"Name\">a</td><td style=\"text-align: center\" data-label=\"Code &amp; more\">b</td><td>c</td>"),
            "{html}"
        );
        assert!(html.contains("<td data-label=\"Name\">d</td>"), "{html}");
    }
}
