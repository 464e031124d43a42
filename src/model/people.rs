//! Who is who across records. Records name people per role and project; the directory joins
//! the records that name the same person:
//!
//! - a person is identified by their **handle** when the record gives one (compared without a
//!   leading `@` and without case), else by their **name** (compared without case and extra
//!   spaces);
//! - a record that gives only a name is the person with that name and a handle elsewhere, when
//!   exactly one such person exists (`Jane Doe` joins `Jane Doe, jdoe`).
//!
//! Each person gets a slug for their page: the kebab-case of the handle, or of the name, in
//! any script (`أحمد-علي`). When
//! two different people would get the same slug, they are ordered by identity (handles before
//! names, then alphabetically) and all but the first get `-2`, `-3`…, so the suffixes do not
//! depend on the order of the records.

use super::{Person, Project};
use std::collections::{BTreeSet, HashMap};

/// What identifies a person across records.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonKey {
    /// A handle, lowercase, without `@`.
    Handle(String),
    /// A name, lowercase, with single spaces.
    Name(String),
}

/// One person, as every record naming them says.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: PersonKey,
    /// Their page's name: `people/<slug>.html`.
    pub slug: String,
    /// The name as most records write it (on a tie, as the first project and role by id do).
    pub name: String,
    /// Other names records give them (not merely spelled with other case or spaces).
    pub other_names: Vec<String>,
    /// Their handles as written (without `@`), each once.
    pub handles: Vec<String>,
    pub emails: Vec<String>,
    /// Where they are named: (project index, role id), in project and role-id order, each once.
    pub places: Vec<(usize, String)>,
}

impl Entry {
    /// The indices of the projects naming them, in order, each once.
    pub fn projects(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self.places.iter().map(|(p, _)| *p).collect();
        out.dedup();
        out
    }

    /// The roles they fill in project `p`.
    pub fn roles_in(&self, p: usize) -> impl Iterator<Item = &str> {
        self.places
            .iter()
            .filter(move |(q, _)| *q == p)
            .map(|(_, r)| r.as_str())
    }
}

/// Everyone named in the records, sorted by name.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub people: Vec<Entry>,
    by_key: HashMap<PersonKey, usize>,
    /// A name (normalised) to the one handle that goes with it; `None` when several do.
    handle_of_name: HashMap<String, Option<String>>,
}

/// One way a person's name is written, and how often.
struct Spelling<'a> {
    text: String,
    norm: String,
    count: usize,
    /// The first (project id, role id) writing it so.
    first: (&'a str, &'a str),
}

fn norm_handle(h: &str) -> String {
    h.trim().trim_start_matches('@').trim().to_lowercase()
}

fn norm_name(n: &str) -> String {
    let mut out = String::with_capacity(n.len());
    for word in n.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn handle(p: &Person) -> Option<String> {
    p.handle.as_deref().map(norm_handle).filter(|h| !h.is_empty())
}

impl Directory {
    /// The people named by `projects`.
    pub fn new(projects: &[Project]) -> Directory {
        // Every mention of someone, normalised once: (project, role, person, handle, name).
        let mentions: Vec<(usize, &str, &Person, Option<String>, String)> = projects
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.people.iter().flat_map(move |(role, list)| {
                    list.iter()
                        .map(move |person| (i, role.as_str(), person, handle(person), norm_name(&person.name)))
                })
            })
            .collect();
        let mut handle_of_name: HashMap<String, Option<String>> = HashMap::new();
        for (_, _, _, h, name) in &mentions {
            if let Some(h) = h {
                match handle_of_name.get_mut(name) {
                    Some(known) if known.as_deref() != Some(h.as_str()) => *known = None,
                    Some(_) => {}
                    None => {
                        handle_of_name.insert(name.clone(), Some(h.clone()));
                    }
                }
            }
        }
        let mut index: HashMap<PersonKey, usize> = HashMap::new();
        let mut built: Vec<(Entry, Vec<Spelling>)> = Vec::new();
        for (i, role, person, h, norm) in &mentions {
            let key = match (h, handle_of_name.get(norm)) {
                (Some(h), _) => PersonKey::Handle(h.clone()),
                (None, Some(Some(h))) => PersonKey::Handle(h.clone()),
                (None, _) => PersonKey::Name(norm.clone()),
            };
            let at = match index.get(&key) {
                Some(&at) => at,
                None => {
                    index.insert(key.clone(), built.len());
                    built.push((
                        Entry {
                            key,
                            slug: String::new(),
                            name: String::new(),
                            other_names: Vec::new(),
                            handles: Vec::new(),
                            emails: Vec::new(),
                            places: Vec::new(),
                        },
                        Vec::new(),
                    ));
                    built.len() - 1
                }
            };
            let (e, spellings) = &mut built[at];
            let name = person.name.trim();
            let first = (projects[*i].id.as_str(), *role);
            match spellings.iter_mut().find(|s| s.norm == *norm) {
                Some(s) => {
                    s.count += 1;
                    if first < s.first {
                        s.first = first;
                        s.text = name.to_string();
                    }
                }
                None => spellings.push(Spelling {
                    text: name.to_string(),
                    norm: norm.clone(),
                    count: 1,
                    first,
                }),
            }
            let shown = person
                .handle
                .as_deref()
                .map(|h| h.trim().trim_start_matches('@').trim());
            if let Some(h) = shown.filter(|h| !h.is_empty()) {
                if !e.handles.iter().any(|x| x.eq_ignore_ascii_case(h)) {
                    e.handles.push(h.to_string());
                }
            }
            if let Some(m) = person.email.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
                if !e.emails.iter().any(|x| x == m) {
                    e.emails.push(m.to_string());
                }
            }
            if e.places.last().is_none_or(|(p, r)| p != i || r != role) {
                e.places.push((*i, role.to_string()));
            }
        }
        let mut entries: Vec<Entry> = built
            .into_iter()
            .map(|(mut e, mut names)| {
                // The name written most often; on a tie, the one in the first project (by id)
                // and role (by id). Neither depends on the order the records are read in.
                names.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
                let mut names = names.into_iter().map(|s| s.text);
                e.name = names.next().unwrap_or_default();
                e.other_names = names.collect();
                e
            })
            .collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        assign_slugs(&mut entries);
        entries.sort_by_cached_key(|e| (e.name.to_lowercase(), e.slug.clone()));
        Directory {
            by_key: entries.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect(),
            people: entries,
            handle_of_name,
        }
    }

    /// Who `person` (as a record names them) is.
    pub fn key_of(&self, person: &Person) -> PersonKey {
        if let Some(h) = handle(person) {
            return PersonKey::Handle(h);
        }
        let name = norm_name(&person.name);
        match self.handle_of_name.get(&name) {
            Some(Some(h)) => PersonKey::Handle(h.clone()),
            _ => PersonKey::Name(name),
        }
    }

    /// The index in [`Directory::people`] of the person with `key`.
    pub fn index(&self, key: &PersonKey) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The entry of `person`, when some record names them.
    pub fn find(&self, person: &Person) -> Option<&Entry> {
        self.index(&self.key_of(person)).map(|i| &self.people[i])
    }
}

/// Gives each entry (sorted by key) its slug: the kebab-case of its handle or name, with `-2`,
/// `-3`… for the second and later people (in key order) who would have the same one.
fn assign_slugs(entries: &mut [Entry]) {
    let bases: Vec<String> = entries
        .iter()
        .map(|e| match &e.key {
            PersonKey::Handle(h) => slugify(h),
            PersonKey::Name(_) => slugify(&e.name),
        })
        .collect();
    let mut taken: BTreeSet<String> = bases.iter().cloned().collect();
    let mut first: BTreeSet<&str> = BTreeSet::new();
    // The entries are in key order, so the first holder of a base is the same whatever the
    // records' order.
    for (e, base) in entries.iter_mut().zip(&bases) {
        e.slug = if first.insert(base.as_str()) {
            base.clone()
        } else {
            let mut n = 2;
            while taken.contains(&format!("{base}-{n}")) {
                n += 1;
            }
            let s = format!("{base}-{n}");
            taken.insert(s.clone());
            s
        };
    }
}

/// A lowercase kebab-case slug of `s`: common Latin accents are folded to ASCII (`Lucía` →
/// `lucia`), letters and digits of other scripts are kept (`أحمد`, `דוד`, `李雷`) with their
/// vowel points and other combining marks dropped, and other characters separate words.
/// `person` when nothing is left. A browser percent-encodes the kept letters in a request, and
/// `serve` and the link check decode them.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        let folded = fold(c);
        let mut any = false;
        for f in folded.chars() {
            if f.is_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(f);
                any = true;
            }
        }
        if !any && c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        "person".to_string()
    } else {
        out
    }
}

/// Marks written over or under a letter rather than as one: Latin combining diacritics, Hebrew
/// points and cantillation, Arabic harakat, and the zero-width joiners. They are part of the
/// word they sit in, so they neither stay in a slug nor split it.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{200C}'..='\u{200F}'
        | '\u{0640}')
}

/// The ASCII letters a lowercase Latin letter with a diacritic is written with.
fn fold(c: char) -> String {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return c.to_string(),
    };
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case_in_any_script() {
        assert_eq!(slugify("Lucía Varga"), "lucia-varga");
        assert_eq!(slugify("  Jane   O'Neil "), "jane-oneil");
        assert_eq!(slugify("Mei-Lin Zhou"), "mei-lin-zhou");
        assert_eq!(slugify("@jdoe"), "jdoe");
        assert_eq!(slugify("李雷"), "李雷");
        assert_eq!(slugify("أحمد علي"), "أحمد-علي");
        assert_eq!(slugify("مُحَمَّد حسن"), "محمد-حسن", "harakat are dropped, not separators");
        assert_eq!(slugify("דָּוִד כהן"), "דוד-כהן", "Hebrew points are dropped");
        assert_eq!(slugify("Ελένη Παπαδοπούλου"), "ελένη-παπαδοπούλου");
        assert_eq!(slugify("«»"), "person");
        assert_eq!(slugify("<script>"), "script");
        assert_eq!(slugify("Straße"), "strasse");
    }
}
