//! Filtering without a server, in headless Chromium: on the home page (every project, not only
//! the 50 it shows), on the dictionary's index (every field name) and on the board (by team),
//! from disk (`file://`) and served under `/repo/`. The pages without JavaScript:
//! `tests/filter_pages.rs`.

use crate::common::browser::{build_book, built_repo_book, serve_static, wait_js, wait_url, Driver};
use crate::common::filter_book;
use fantoccini::{Client, Locator};
use serde_json::Value;

/// The text of the element `css` (empty when there is none).
async fn text_of(c: &Client, css: &str) -> String {
    let v = c
        .execute(
            "var e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
            vec![Value::String(css.into())],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// Waits until `css`'s text is `expected`.
async fn wait_text_is(c: &Client, css: &str, expected: &str) {
    let js =
        format!("var e = document.querySelector({css:?}); return e !== null && e.textContent.trim() === {expected:?};");
    let start = std::time::Instant::now();
    loop {
        if c.execute(&js, vec![]).await.ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
        if start.elapsed() > crate::common::browser::WAIT {
            panic!("{css} says {:?}, not {expected:?}", text_of(c, css).await);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The ids (`data-project`) of the projects the home page's filter shows.
async fn result_ids(c: &Client) -> Vec<String> {
    let v = c
        .execute(
            "return Array.prototype.map.call(document.querySelectorAll('#project-results-list > li'), function (li) { return li.getAttribute('data-project'); });",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

async fn is_hidden(c: &Client, css: &str) -> bool {
    c.execute(
        "return document.querySelector(arguments[0]).hidden;",
        vec![Value::String(css.into())],
    )
    .await
    .unwrap()
    .as_bool()
    .unwrap()
}

async fn wait_form(c: &Client, id: &str) {
    wait_js(
        c,
        &format!("the form #{id} to show"),
        &format!("var f = document.getElementById('{id}'); return f !== null && !f.hidden;"),
    )
    .await;
}

/// Filters and sorts the projects on the home page at `base` (the site's root URL).
async fn home_filter(c: &Client, base: &str) {
    c.goto(&format!("{base}index.html")).await.unwrap();
    wait_form(c, "project-filter").await;
    assert!(!is_hidden(c, "#projects-plain").await, "no filter: the plain list");
    // Team "Search" is only the last project, which is on the second page of projects.
    c.find(Locator::Id("project-team"))
        .await
        .unwrap()
        .select_by_value("Search")
        .await
        .unwrap();
    wait_text_is(c, "#project-filter-status", "1 of 60 projects match.").await;
    assert_eq!(result_ids(c).await, ["p-059"]);
    assert!(is_hidden(c, "#projects-plain").await);
    assert_eq!(text_of(c, "#project-results-list > li h3 a").await, "Project 059");
    wait_url(c, "index.html#team=Search").await;
    // The state is in the address: a link to it opens the same list.
    c.goto(&format!("{base}index.html#status=paused&sort=title"))
        .await
        .unwrap();
    c.refresh().await.unwrap();
    wait_form(c, "project-filter").await;
    wait_text_is(c, "#project-filter-status", "6 of 60 projects match.").await;
    assert_eq!(
        result_ids(c).await,
        ["p-003", "p-013", "p-023", "p-033", "p-043", "p-053"]
    );
    let team: String = c
        .execute("return document.getElementById('project-team').value", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .into();
    assert_eq!(team, "", "a filter the link does not set is off");
    // Person and free text, typed.
    c.find(Locator::Css("#project-filter button[type=reset]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_js(
        c,
        "the plain list back",
        "return !document.getElementById('projects-plain').hidden",
    )
    .await;
    c.find(Locator::Id("project-person"))
        .await
        .unwrap()
        .send_keys("jane")
        .await
        .unwrap();
    wait_text_is(c, "#project-filter-status", "1 of 60 projects match.").await;
    assert_eq!(result_ids(c).await, ["p-057"]);
    c.find(Locator::Id("project-person"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    c.find(Locator::Id("project-q"))
        .await
        .unwrap()
        .send_keys("project 05")
        .await
        .unwrap();
    wait_text_is(c, "#project-filter-status", "11 of 60 projects match.").await;
    // Sorted by last change, a capped list says so and shows more on demand.
    c.find(Locator::Id("project-q")).await.unwrap().clear().await.unwrap();
    c.find(Locator::Id("project-sort"))
        .await
        .unwrap()
        .select_by_value("title")
        .await
        .unwrap();
    wait_text_is(
        c,
        "#project-filter-status",
        "60 of 60 projects match; the first 50 are shown.",
    )
    .await;
    assert_eq!(result_ids(c).await.len(), 50);
    let more = c.find(Locator::Id("project-results-more")).await.unwrap();
    assert_eq!(more.text().await.unwrap(), "Show 10 more");
    more.click().await.unwrap();
    wait_text_is(c, "#project-filter-status", "60 of 60 projects match.").await;
    let ids = result_ids(c).await;
    assert_eq!(ids.len(), 60);
    assert_eq!(ids[50], "p-050");
    let focused: String = c
        .execute("return document.activeElement.textContent", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .into();
    assert_eq!(focused, "Project 050", "the keyboard goes on from the first new result");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_page_filters_and_sorts_every_project_from_disk_and_under_a_sub_path() {
    let book = filter_book::book();
    let site = book.path("site");
    build_book(book.root(), &site, &[]);
    let driver = Driver::start();
    let c = driver.browser().await;
    home_filter(&c, &format!("file://{}/", site.display())).await;
    driver
        .assert_no_console_errors(&c, "the home page from disk", |_| false)
        .await;
    home_filter(&c, &serve_static(&site)).await;
    driver
        .assert_no_console_errors(&c, "the home page under /repo/", |_| false)
        .await;
    c.close().await.unwrap();
}

/// Filters the field names on the dictionary's index at `base` and follows one.
async fn dictionary_filter(c: &Client, base: &str, site: &std::path::Path) {
    let text = std::fs::read_to_string(site.join("dictionary-index.js")).unwrap();
    let json = text
        .strip_prefix("window.dacibookDictionary=")
        .and_then(|t| t.strip_suffix(";\n"))
        .unwrap();
    let d: Value = serde_json::from_str(json).unwrap();
    let names: Vec<&str> = d["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n[0].as_str().unwrap())
        .collect();
    let matching: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.to_lowercase().contains("client"))
        .collect();
    assert!(!matching.is_empty(), "the repo's book has a field about the client");

    c.goto(&format!("{base}dictionary.html")).await.unwrap();
    wait_form(c, "dictionary-filter").await;
    c.find(Locator::Id("dictionary-q"))
        .await
        .unwrap()
        .send_keys("CLIENT")
        .await
        .unwrap();
    let expected = format!("{} of {} field names match.", matching.len(), names.len());
    wait_text_is(c, "#dictionary-filter-status", &expected).await;
    let shown: Vec<String> = serde_json::from_value(
        c.execute(
            "return Array.prototype.map.call(document.querySelectorAll('#dictionary-matches code'), function (e) { return e.textContent; });",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    let mut sorted_shown = shown.clone();
    sorted_shown.sort();
    let mut sorted_matching: Vec<String> = matching.iter().map(|s| s.to_string()).collect();
    sorted_matching.sort();
    assert_eq!(sorted_shown, sorted_matching);
    wait_url(c, "dictionary.html#q=CLIENT").await;
    let first = shown[0].clone();
    c.find(Locator::Css("#dictionary-matches a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(c, &format!("dictionary/{}.html#field-{first}", &first[..1])).await;
    let entry = c
        .find(Locator::Css(&format!("section.entry#field-{first}")))
        .await
        .expect("the entry");
    assert_eq!(entry.attr("data-field").await.unwrap().as_deref(), Some(first.as_str()));
    // Nothing matches: said so, no list.
    c.goto(&format!("{base}dictionary.html#q=zzzz-nothing")).await.unwrap();
    c.refresh().await.unwrap();
    wait_form(c, "dictionary-filter").await;
    wait_text_is(c, "#dictionary-filter-status", "No field name matches “zzzz-nothing”.").await;
    assert!(is_hidden(c, "#dictionary-matches").await);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dictionary_filter_lists_matching_names_linking_to_their_entries() {
    let (_tmp, site) = built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    dictionary_filter(&c, &format!("file://{}/", site.display()), &site).await;
    driver
        .assert_no_console_errors(&c, "the dictionary from disk", |_| false)
        .await;
    dictionary_filter(&c, &serve_static(&site), &site).await;
    driver
        .assert_no_console_errors(&c, "the dictionary under /repo/", |_| false)
        .await;
    c.close().await.unwrap();
}
