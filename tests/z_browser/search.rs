//! Search in headless Chromium (Debian's `chromium` and `chromium-driver`), driven over
//! WebDriver with fantoccini (the plumbing is in `common/browser.rs`). `.ci/run` installs both;
//! without them these tests fail, naming what to install, rather than skip. The end-to-end tour
//! of the whole site is `tour.rs`.

use crate::common::browser::{build_book, built_repo_book, serve_static, wait_text, wait_url, Driver};
use fantoccini::{Client, Locator};

/// On the page at `url`: `/` focuses the search box, typing `field` shows that field as the
/// first result, under Fields, and following it opens its dictionary entry (on its letter's page).
async fn search_opens_the_field(c: &Client, url: &str, field: &str) {
    c.goto(url).await.unwrap();
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    let active: String = c
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(active, "search-input", "`/` focuses the search box on {url}");
    c.find(Locator::Id("search-input"))
        .await
        .unwrap()
        .send_keys(field)
        .await
        .unwrap();
    let first = wait_text(
        c,
        "#search-results .search-group:first-child .search-result .search-title",
    )
    .await;
    assert_eq!(first, field, "the field comes first on {url}");
    let group = c
        .find(Locator::Css("#search-results .search-group:first-child"))
        .await
        .unwrap()
        .attr("data-kind")
        .await
        .unwrap();
    assert_eq!(group.as_deref(), Some("field"));
    let mark = wait_text(c, "#search-results .search-result mark").await;
    assert_eq!(mark.to_lowercase(), field.to_lowercase(), "the match is highlighted");
    c.find(Locator::Css("#search-results .search-result"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let anchor = format!("#field-{field}");
    // The entry is on its letter's page of the dictionary.
    wait_url(c, &format!("dictionary/{}.html{anchor}", &field[..1])).await;
    let entry = c
        .find(Locator::Css(&format!("section.entry{anchor}")))
        .await
        .expect("the entry");
    assert_eq!(entry.attr("data-field").await.unwrap().as_deref(), Some(field));
    let target: bool = c
        .execute(
            &format!("return document.querySelector('{anchor}').matches(':target')"),
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap_or(false);
    assert!(target, "the entry is the page's target");
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_a_field_first_and_opens_its_dictionary_entry() {
    let (_tmp, site) = built_repo_book();
    let base = serve_static(&site);
    let driver = Driver::start();
    let c = driver.browser().await;
    // From the home page and from a page one folder down (the index path is relative).
    search_opens_the_field(&c, &format!("{base}index.html"), "wiki").await;
    search_opens_the_field(&c, &format!("{base}roles/data-analyst.html"), "platform").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_works_when_the_site_is_opened_from_disk() {
    let (_tmp, site) = built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    let home = format!("file://{}", site.join("index.html").display());
    search_opens_the_field(&c, &home, "wiki").await;
    let deep = format!("file://{}", site.join("activities/testing.html").display());
    search_opens_the_field(&c, &deep, "skin").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_shows_grouped_results_and_says_when_nothing_matches() {
    let (_tmp, site) = built_repo_book();
    let base = serve_static(&site);
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}index.html")).await.unwrap();
    let input = c.find(Locator::Id("search-input")).await.unwrap();
    input.send_keys("privacy").await.unwrap();
    wait_text(&c, "#search-results .search-result").await;
    let kinds: Vec<String> = c
        .execute(
            "return [...document.querySelectorAll('#search-results .search-group')].map(g => g.dataset.kind)",
            vec![],
        )
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert!(kinds.contains(&"activity".to_string()), "{kinds:?}");
    let mut unique = kinds.clone();
    unique.dedup();
    assert_eq!(unique, kinds, "one group per kind");
    input.clear().await.unwrap();
    input.send_keys("zzqqxx").await.unwrap();
    let none = wait_text(&c, "#search-results .search-none").await;
    assert_eq!(none, "Nothing matches “zzqqxx”.");
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_people_by_handle_and_by_name_in_any_case() {
    let (_tmp, site) = built_repo_book();
    let base = serve_static(&site);
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}index.html")).await.unwrap();
    let input = c.find(Locator::Id("search-input")).await.unwrap();
    // "Celeste Moreau" is @cmoreau: the handle finds her, and the name typed in capitals too.
    for query in ["cmoreau", "CELESTE mor"] {
        input.clear().await.unwrap();
        input.send_keys(query).await.unwrap();
        let first = wait_text(&c, "#search-results .search-group[data-kind=person] .search-title").await;
        assert_eq!(first, "Celeste Moreau", "{query}");
    }
    c.find(Locator::Css("#search-results .search-group[data-kind=person] a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(&c, "people/cmoreau.html").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_ignores_accents_and_case_in_any_script() {
    let book = crate::common::Book::valid();
    book.patch(
        "content/projects/reading-depth.yaml",
        "  data-analyst:\n    - name: Priya Raman\n",
        "  data-analyst:\n    - name: Priya Raman\n    - name: Zoë Ångström\n    - name: Дмитрий Волков\n",
    );
    let site = book.path("site");
    build_book(book.root(), &site, &[]);
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("file://{}", site.join("index.html").display()))
        .await
        .unwrap();
    let input = c.find(Locator::Id("search-input")).await.unwrap();
    for (query, expected) in [("zoe angst", "Zoë Ångström"), ("ВОЛКОВ", "Дмитрий Волков")] {
        input.clear().await.unwrap();
        input.send_keys(query).await.unwrap();
        let first = wait_text(&c, "#search-results .search-group[data-kind=person] .search-title").await;
        assert_eq!(first, expected, "{query}");
        let marked = wait_text(&c, "#search-results .search-group[data-kind=person] mark").await;
        assert!(expected.contains(&marked), "{marked} is part of {expected}");
    }
    c.close().await.unwrap();
}

/// At a phone's width (375 px) the search box has a row of its own, wide enough to read what
/// is typed, and its results stay inside the screen.
#[tokio::test(flavor = "multi_thread")]
async fn search_fits_a_phone() {
    let (_tmp, site) = built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    c.set_window_size(375, 812).await.unwrap();
    c.goto(&format!("file://{}", site.join("index.html").display()))
        .await
        .unwrap();
    let width = |js: &'static str| {
        let c = c.clone();
        async move { c.execute(js, vec![]).await.unwrap().as_f64().unwrap() }
    };
    let viewport = width("return document.documentElement.clientWidth").await;
    let input = width("return document.getElementById('search-input').getBoundingClientRect().width").await;
    assert!(
        input >= viewport * 0.8,
        "the search box is {input}px wide on a {viewport}px screen"
    );
    c.find(Locator::Id("search-input"))
        .await
        .unwrap()
        .send_keys("funnel")
        .await
        .unwrap();
    wait_text(&c, "#search-results .search-result .search-title").await;
    let left = width("return document.getElementById('search-results').getBoundingClientRect().left").await;
    let right = width("return document.getElementById('search-results').getBoundingClientRect().right").await;
    assert!(
        left >= 0.0 && right <= viewport,
        "the results run from {left}px to {right}px on a {viewport}px screen"
    );
    c.close().await.unwrap();
}

/// A title that holds the query as a word comes before titles that only start with it, and a
/// group cut at eight results says how many there are and shows them all on request.
#[tokio::test(flavor = "multi_thread")]
async fn title_words_rank_first_and_every_result_can_be_shown() {
    let (_tmp, site) = built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("file://{}", site.join("index.html").display()))
        .await
        .unwrap();
    let input = c.find(Locator::Id("search-input")).await.unwrap();
    input.send_keys("funnel").await.unwrap();
    let first = wait_text(&c, "#search-results .search-group:first-child .search-title").await;
    assert_eq!(
        first, "Edit attempt funnel",
        "the project before the fields funnel_id, funnel_step"
    );

    input.clear().await.unwrap();
    input.send_keys("_").await.unwrap();
    wait_text(&c, "#search-results .search-group[data-kind=field] .search-title").await;
    let count = |c: Client| async move {
        c.execute(
            "return document.querySelectorAll('#search-results .search-group[data-kind=field] a.search-result').length",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap()
    };
    assert_eq!(count(c.clone()).await, 8, "a long group shows eight at first");
    let heading = wait_text(&c, "#search-results .search-group[data-kind=field] h2").await;
    // Shown in capitals by the style sheet.
    let total: u64 = heading
        .to_lowercase()
        .strip_prefix("fields (")
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count in {heading:?}"));
    assert!(total > 8, "{heading}");
    let more = c
        .find(Locator::Css(
            "#search-results .search-group[data-kind=field] .search-more",
        ))
        .await
        .unwrap();
    assert_eq!(more.text().await.unwrap(), format!("Show all {total} fields"));
    more.click().await.unwrap();
    assert_eq!(count(c.clone()).await, total, "every field is listed after Show all");
    let focused: String = c
        .execute("return document.activeElement.className", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        focused, "search-result",
        "the keyboard goes on from the first new result"
    );
    c.close().await.unwrap();
}
