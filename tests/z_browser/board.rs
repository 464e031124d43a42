//! The board's day counts, which the browser adds (so that the built page is the same whatever
//! day it is built on): each card says how many days its project has been in its stage.

use crate::common::browser::{build_book, wait_js, Driver};
use chrono::NaiveDate;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn each_card_counts_the_days_since_its_stage_began() {
    let book = crate::common::Book::valid();
    let site = book.path("site");
    build_book(book.root(), &site, &[]);
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("file://{}", site.join("board.html").display()))
        .await
        .unwrap();
    wait_js(
        &c,
        "the day counts",
        "return document.querySelector('.board-card .since .days') !== null",
    )
    .await;
    // The browser's own today, read with the counts, so midnight cannot fall in between.
    let found = c
        .execute(
            "var now = new Date();
             var today = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
             return [today, Array.prototype.map.call(
               document.querySelectorAll('.board-card .since'),
               function (s) {
                 var t = s.querySelector('time[datetime]');
                 var d = s.querySelector('.days');
                 return [t ? t.getAttribute('datetime') : null, d ? d.textContent : null];
               })];",
            vec![],
        )
        .await
        .unwrap();
    let today = &found[0];
    let today = NaiveDate::from_ymd_opt(
        today[0].as_i64().unwrap() as i32,
        today[1].as_u64().unwrap() as u32,
        today[2].as_u64().unwrap() as u32,
    )
    .unwrap();
    let cards = found[1].as_array().unwrap();
    assert!(!cards.is_empty(), "the fixture's board has cards with a date");
    for card in cards {
        let Value::String(since) = &card[0] else {
            panic!("a card's date: {card}");
        };
        let start = NaiveDate::parse_from_str(since, "%Y-%m-%d").unwrap();
        let n = (today - start).num_days();
        if n < 0 {
            assert!(card[1].is_null(), "no count for a date still to come: {card}");
            continue;
        }
        let Value::String(text) = &card[1] else {
            panic!("a card with a day count: {card}");
        };
        let expected = format!(" ({n} {})", if n == 1 { "day" } else { "days" });
        assert_eq!(text, &expected, "since {since}, today {today}");
    }
    c.close().await.unwrap();
}

/// The ids (`data-project`) of the cards shown in each column shown: (activity, ids).
async fn shown_columns(c: &fantoccini::Client) -> Vec<(String, Vec<String>)> {
    let v = c
        .execute(
            "return Array.prototype.filter.call(document.querySelectorAll('.board-column'), function (col) { return col.offsetParent !== null; })
               .map(function (col) {
                 return [col.getAttribute('data-activity'), Array.prototype.filter.call(col.querySelectorAll('.board-card'), function (card) { return card.offsetParent !== null; })
                   .map(function (card) { return card.getAttribute('data-project'); })];
               });",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_board_has_columns_side_by_side_marks_paused_and_blocked_work_and_filters_by_team() {
    let (_tmp, site) = crate::common::browser::built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("file://{}", site.join("board.html").display()))
        .await
        .unwrap();
    wait_js(
        &c,
        "the filter",
        "return !document.getElementById('board-filter').hidden",
    )
    .await;
    let all = shown_columns(&c).await;
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        all,
        vec![
            ("define-questions".to_string(), s(&["android-reading-streaks"])),
            (
                "privacy-review".to_string(),
                s(&["reference-previews-engagement", "mentor-contact-opt-in"])
            ),
            ("long-term-support".to_string(), s(&["edit-funnel"])),
        ]
    );
    // Side by side: the columns' tops are level, each to the right of the one before.
    let boxes = c
        .execute(
            "return Array.prototype.map.call(document.querySelectorAll('.board-column'), function (col) { var r = col.getBoundingClientRect(); return [r.left, r.top]; });",
            vec![],
        )
        .await
        .unwrap();
    let boxes: Vec<(f64, f64)> = serde_json::from_value(boxes).unwrap();
    for w in boxes.windows(2) {
        assert!(
            w[1].0 > w[0].0 && (w[1].1 - w[0].1).abs() < 1.0,
            "columns side by side: {boxes:?}"
        );
    }
    // The paused project blocked at the privacy review is marked, in words.
    let marks = c
        .execute(
            "var card = document.querySelector('.board-card[data-project=\"mentor-contact-opt-in\"]');
             return [card.classList.contains('lc-card-paused'), card.classList.contains('is-blocked'),
                     card.querySelector('.badge.lc-paused').textContent.trim(),
                     card.querySelector('.badge.st-blocked').textContent.trim()];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(marks, serde_json::json!([true, true, "Paused", "✕ Blocked"]));
    // The team filter: only the team's card, its column's count, the state in the address.
    c.find(fantoccini::Locator::Id("board-team"))
        .await
        .unwrap()
        .select_by_value("Web")
        .await
        .unwrap();
    wait_js(
        &c,
        "the filtered count",
        "return document.getElementById('board-status').textContent === '1 of 4 projects on the board match.'",
    )
    .await;
    assert_eq!(
        shown_columns(&c).await,
        vec![("privacy-review".to_string(), s(&["reference-previews-engagement"]))]
    );
    crate::common::browser::wait_url(&c, "board.html#team=Web").await;
    let count = c
        .execute(
            "return document.querySelector('.board-column[data-activity=\"privacy-review\"] .board-column-h .count').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(count, "(1 of 2)");
    driver.assert_no_console_errors(&c, "the board", |_| false).await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_filtered_column_shows_matching_projects_past_its_cap_under_a_sub_path() {
    let book = crate::common::filter_book::book();
    let site = book.path("site");
    build_book(book.root(), &site, &[]);
    let base = crate::common::browser::serve_static(&site);
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}board.html#team=Apps")).await.unwrap();
    wait_js(
        &c,
        "the filtered count",
        "return document.getElementById('board-status').textContent === '30 of 60 projects on the board match.'",
    )
    .await;
    // The page holds 8 cards (5 of them Apps); 3 more are made from the data, paused last.
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        shown_columns(&c).await,
        vec![(
            "decide-metrics".to_string(),
            s(&["p-000", "p-002", "p-004", "p-006", "p-008", "p-010", "p-012", "p-014"])
        )]
    );
    let more = c
        .execute(
            "var p = document.querySelector('.board-filter-more'); return [p.textContent, p.querySelector('a').getAttribute('href')];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        more,
        serde_json::json!([
            "8 of 30 matching shown. Every project at Decide metrics needs",
            "activities/decide-metrics.html#projects-at-stage"
        ])
    );
    let brief = c
        .execute(
            "var a = document.querySelector('.board-card-brief[data-project=\"p-010\"] h3 a'); return a.href;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(brief, Value::String(format!("{base}projects/p-010.html")));
    driver
        .assert_no_console_errors(&c, "the board under /repo/", |_| false)
        .await;
    c.close().await.unwrap();
}
