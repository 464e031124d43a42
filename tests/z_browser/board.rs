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
