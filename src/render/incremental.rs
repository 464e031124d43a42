//! The rebuild after an edit of some records in `serve`: only the pages the edit can change
//! are rendered again, and the pages listing every project are stitched from kept pieces; the
//! result equals a full build byte for byte (tests/incremental.rs).

use super::*;

/// What an edit of some records changed, for [`rerender_projects`].
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    /// The indices of the projects to render again.
    pub projects: &'a [usize],
    /// The field names those projects had before and have now.
    pub names: &'a BTreeSet<String>,
    /// Whether the edited records name other people (or the same people otherwise) than before.
    pub people: bool,
}

/// What [`rerender_projects`] did.
#[derive(Debug, Clone, Default)]
pub struct Rerendered {
    /// The pages written.
    pub written: Vec<String>,
    /// Pages the site did not have before (people named for the first time).
    pub added: Vec<String>,
}

/// Re-renders, in `site`, what shows the projects of `edit`: their own pages, their pieces of
/// the home page, of the board, of every role and activity page, of the pages of the people
/// they name (before and after) and of the dictionary entries of the field names they had and
/// have, and the exports. Those pages are then stitched from the fragments; the
/// list of people is rendered again, and the pages of people no record names any more are
/// removed. The set of projects must be the one `site` was rendered with.
///
/// `Ok(None)` when only a full render is right: the edit changed who someone in another record
/// is, or the name of their page, or gave a new person the path of another page.
pub fn rerender_projects(
    site: &mut Site,
    fragments: &mut Fragments,
    book: &Book,
    diagnostics: &[Diagnostic],
    theme: &Theme,
    edit: &Edit,
) -> Result<Option<Rerendered>, Vec<Diagnostic>> {
    let Edit {
        projects: changed,
        names,
        people: people_changed,
    } = *edit;
    let process = process_of(book)?;
    // When the changed records name the same people as before, so does the book.
    let people = match people_changed {
        true => Arc::new(model::people::Directory::new(&book.projects)),
        false => fragments.directory().clone(),
    };
    let prepared = Prepared::with_people(book, process, people);
    let mut new_pages = Vec::new();
    let mut gone = Vec::new();
    if people_changed {
        if !fragments.people_stable(book, &prepared.people, changed) {
            return Ok(None);
        }
        let person_pages = |d: &model::people::Directory| -> BTreeSet<String> {
            d.people
                .iter()
                .flat_map(|e| {
                    let pages = e.projects().len().div_ceil(paths::PERSON_ROWS_PER_PAGE).max(1);
                    (1..=pages).map(|n| paths::person_page(&e.slug, n))
                })
                .collect()
        };
        let (had, now) = (person_pages(fragments.directory()), person_pages(&prepared.people));
        new_pages = now.difference(&had).cloned().collect();
        if new_pages.iter().any(|p| site.files.contains_key(p)) {
            return Ok(None);
        }
        gone = had.difference(&now).cloned().collect();
    }
    // The list of everyone has a page per hundred people: pages come and go with them.
    let list_pages = |d: &model::people::Directory| -> BTreeSet<String> {
        (2..=d.people.len().div_ceil(paths::PEOPLE_PER_PAGE))
            .map(paths::people_page)
            .collect()
    };
    let (lists_had, lists_now) = (list_pages(fragments.directory()), list_pages(&prepared.people));
    let lists_new: Vec<String> = lists_now.difference(&lists_had).cloned().collect();
    if lists_new.iter().any(|p| site.files.contains_key(p)) {
        return Ok(None);
    }
    new_pages.extend(lists_new);
    gone.extend(lists_had.difference(&lists_now).cloned());
    let dictionary_had: BTreeSet<String> = fragments.dictionary_pages().into_iter().map(|p| p.path).collect();
    let uses_had: BTreeSet<String> = uses_paths(fragments);
    let entries_had: HashMap<String, String> = fragments
        .dictionary_locations()
        .into_iter()
        .map(|(name, page)| (name.to_string(), page))
        .collect();
    let affected = fragments.update(book, process, &prepared, theme, changed, names)?;
    let dictionary_now: BTreeSet<String> = fragments.dictionary_pages().into_iter().map(|p| p.path).collect();
    let dictionary_new: Vec<String> = dictionary_now.difference(&dictionary_had).cloned().collect();
    if dictionary_new.iter().any(|p| site.files.contains_key(p)) {
        return Ok(None);
    }
    let dictionary_same = dictionary_new.is_empty() && dictionary_had == dictionary_now;
    new_pages.extend(dictionary_new);
    gone.extend(dictionary_had.difference(&dictionary_now).cloned());
    let uses_now: BTreeSet<String> = uses_paths(fragments);
    let uses_new: Vec<String> = uses_now.difference(&uses_had).cloned().collect();
    if uses_new.iter().any(|p| site.files.contains_key(p)) {
        return Ok(None);
    }
    new_pages.extend(uses_new);
    gone.extend(uses_had.difference(&uses_now).cloned());
    for p in &gone {
        site.files.remove(p);
    }
    // Project pages link each field to its entry: those of the other projects are rendered
    // again when one of their names moved to another page of the dictionary.
    let entries = fragments.dictionary_locations();
    let moved: BTreeSet<&str> = entries
        .iter()
        .filter(|(name, page)| entries_had.get(**name).is_some_and(|had| had != *page))
        .map(|(name, _)| *name)
        .collect();
    let mut jobs = vec![Job::Home, Job::Dictionary, Job::Board, Job::People];
    jobs.extend(dictionary_jobs(
        &fragments.dictionary_pages(),
        (dictionary_same && moved.is_empty()).then(|| {
            names
                .iter()
                .flat_map(|n| [entries_had.get(n).cloned(), entries.get(n.as_str()).cloned()])
                .flatten()
                .collect()
        }),
    ));
    jobs.extend((2..=paths::projects_page_count(book.projects.len())).map(Job::ProjectsPage));
    jobs.extend(people_pages(prepared.people.people.len()));
    jobs.extend((0..process.roles.len()).map(Job::Role));
    jobs.extend(role_pages(process, book));
    jobs.extend((0..process.activities.len()).map(Job::Activity));
    jobs.extend(stage_pages(process, book));
    // The pages of a name's uses: again when its uses changed, or its entry moved.
    let uses = fragments.dictionary_uses_pages();
    jobs.extend(
        uses.iter()
            .enumerate()
            .filter(|(_, (name, _))| names.contains(*name) || moved.contains(name))
            .map(|(k, _)| Job::DictionaryUses(k)),
    );
    jobs.extend(
        book.projects
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                changed.contains(i)
                    || p.schema
                        .as_ref()
                        .is_some_and(|s| s.fields.iter().any(|f| moved.contains(f.name.as_str())))
            })
            .map(|(i, _)| Job::Project(i)),
    );
    jobs.extend(
        affected
            .iter()
            .filter_map(|k| prepared.people.index(k))
            .flat_map(|i| person_jobs(&prepared.people, i)),
    );
    let inputs = Inputs {
        book,
        process,
        prepared: &prepared,
        diagnostics,
        theme,
        fragments,
        entries: &entries,
        uses: &uses,
    };
    // The exports, the search index and the filters' data are made while the pages render.
    let ((written, errors), ((exported, index), filters)) = rayon::join(
        || render_into(site, &jobs, &inputs, false),
        || {
            rayon::join(
                || {
                    rayon::join(
                        || exports::refreshed(book, changed),
                        || search::index_js(book, process, &prepared.people),
                    )
                },
                || FilterData::make(book, process, fragments),
            )
        },
    );
    exported.apply(site);
    site.insert(search::INDEX, index);
    filters.add(site);
    site.content_links = crate::check::links::content_links(book);
    if !new_pages.is_empty() || !gone.is_empty() {
        if let Some(url) = &prepared.site_url {
            site.insert("sitemap.xml", sitemap(url, site).into_bytes());
        }
    }
    if errors.is_empty() {
        Ok(Some(Rerendered {
            written,
            added: new_pages,
        }))
    } else {
        Err(errors)
    }
}

/// The dictionary's pages to render again after an edit: all of them, or, when `touched`
/// names the pages that hold (or held) the edited records' field names and no name changed
/// page, those and their neighbours (whose links name their first and last names).
fn dictionary_jobs(pages: &[dictionary_pages::DictPage<'_>], touched: Option<BTreeSet<String>>) -> Vec<Job> {
    let Some(touched) = touched else {
        return (0..pages.len()).map(Job::DictionaryPage).collect();
    };
    let hit: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| touched.contains(&p.path))
        .map(|(i, _)| i)
        .collect();
    let mut render = BTreeSet::new();
    for i in hit {
        render.extend(i.saturating_sub(1)..=(i + 1).min(pages.len().saturating_sub(1)));
    }
    render.into_iter().map(Job::DictionaryPage).collect()
}

/// The paths of the pages of the uses of field names.
fn uses_paths(fragments: &Fragments) -> BTreeSet<String> {
    fragments
        .dictionary_uses_pages()
        .into_iter()
        .map(|(name, n)| paths::dictionary_uses(name, n))
        .collect()
}
