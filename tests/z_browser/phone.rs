//! On a phone (375 px wide) no data table is wider than the screen: each reflows into stacked
//! rows, every column kept (the role matrices scroll sideways instead, and are left out). On a
//! desktop the role matrix's header row stays at the top of the window while the page scrolls.

use crate::common::browser::{built_repo_book, wait_loaded, Driver};
use fantoccini::Client;

/// One page of each kind in the repository's book, with how many data tables it has (About
/// and Formats have Markdown tables).
const PAGES: &[(&str, u64)] = &[
    ("index.html", 0),
    ("projects/edit-funnel.html", 3),
    ("activities/data-dictionary.html", 1),
    ("roles/data-analyst.html", 1),
    ("people/praman.html", 1),
    ("people.html", 1),
    ("dictionary/s.html", 0),
    ("board.html", 0),
    ("about.html", 1),
    ("formats.html", 2),
];

/// The tables of the open page that are wider than its viewport (the matrices left out), as
/// `class: width px of viewport px`; and how many tables were measured.
async fn too_wide(c: &Client) -> (Vec<String>, u64) {
    let found = c
        .execute(
            "var vw = document.documentElement.clientWidth, wide = [], n = 0;
             document.querySelectorAll('main table:not(.matrix)').forEach(function (t) {
               n++;
               var r = t.getBoundingClientRect();
               if (r.left < -0.5 || r.right > vw + 0.5) {
                 wide.push((t.className || 'table') + ': ' + Math.round(r.width) + ' px of ' + vw + ' px');
               }
             });
             return [wide, n];",
            vec![],
        )
        .await
        .unwrap();
    let wide = found[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    (wide, found[1].as_u64().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn at_375_px_no_data_table_is_wider_than_the_screen_on_any_kind_of_page() {
    let (_tmp, site) = built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    c.set_window_size(375, 800).await.unwrap();
    let mut failures = Vec::new();
    for &(page, tables) in PAGES {
        assert!(site.join(page).exists(), "{page} is not in the built book");
        c.goto(&format!("file://{}", site.join(page).display())).await.unwrap();
        wait_loaded(&c).await;
        let width = c
            .execute("return document.documentElement.clientWidth", vec![])
            .await
            .unwrap();
        assert!(
            width.as_u64().unwrap() <= 375,
            "the viewport of {page} is {width} px wide"
        );
        let (wide, n) = too_wide(&c).await;
        assert_eq!(n, tables, "the data tables of {page}");
        failures.extend(wide.into_iter().map(|w| format!("{page}: {w}")));
    }
    assert!(
        failures.is_empty(),
        "tables wider than a phone:\n{}",
        failures.join("\n")
    );
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_matrix_header_row_stays_at_the_top_while_the_page_scrolls() {
    let (_tmp, site) = built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    for page in ["matrix.html", "projects/edit-funnel.html"] {
        c.goto(&format!("file://{}", site.join(page).display())).await.unwrap();
        wait_loaded(&c).await;
        let tops = c
            .execute(
                "var th = document.querySelector('table.matrix thead th');
                 var table = th.closest('table');
                 var before = th.getBoundingClientRect().top;
                 window.scrollTo(0, window.scrollY + table.getBoundingClientRect().top + table.offsetHeight / 2);
                 return [before, th.getBoundingClientRect().top, table.getBoundingClientRect().top];",
                vec![],
            )
            .await
            .unwrap();
        let (before, after, table) = (
            tops[0].as_f64().unwrap(),
            tops[1].as_f64().unwrap(),
            tops[2].as_f64().unwrap(),
        );
        assert!(
            table < -50.0,
            "{page}: the page did not scroll past the table's top ({table})"
        );
        assert!(before > 0.0, "{page}: the header started below the top ({before})");
        assert!(
            after.abs() < 1.0,
            "{page}: the header row is at {after} px after scrolling, not 0"
        );
    }
    c.close().await.unwrap();
}
