//! Who is who across records. Records name people per role and project; the directory joins
//! the records that name the same person:
//!
//! - a person is identified by their **handle** when the record gives one (compared without a
//!   leading `@` and without case), else by their **name** (compared without case and extra
//!   spaces);
//! - a record that gives only a name is the person with that name and a handle elsewhere, when
//!   exactly one such person exists (`Jane Doe` joins `Jane Doe, jdoe`).
//!
//! Each person gets a slug for their page: the kebab-case of the handle, or of the name. When
//! two different people would get the same slug, they are ordered by identity (handles before
//! names, then alphabetically) and all but the first get `-2`, `-3`…, so the suffixes do not
//! depend on the order of the records.

use super::{Person, Project};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    n.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn handle(p: &Person) -> Option<String> {
    p.handle.as_deref().map(norm_handle).filter(|h| !h.is_empty())
}

impl Directory {
    /// The people named by `projects`.
    pub fn new(projects: &[Project]) -> Directory {
        let mut handle_of_name: HashMap<String, Option<String>> = HashMap::new();
        for p in projects {
            for person in p.people.values().flatten() {
                if let Some(h) = handle(person) {
                    handle_of_name
                        .entry(norm_name(&person.name))
                        .and_modify(|known| {
                            if known.as_deref() != Some(h.as_str()) {
                                *known = None;
                            }
                        })
                        .or_insert(Some(h));
                }
            }
        }
        let mut dir = Directory {
            people: Vec::new(),
            by_key: HashMap::new(),
            handle_of_name,
        };
        let mut entries: BTreeMap<PersonKey, Entry> = BTreeMap::new();
        let mut spellings: HashMap<PersonKey, Vec<Spelling>> = HashMap::new();
        for (i, p) in projects.iter().enumerate() {
            for (role, list) in &p.people {
                for person in list {
                    let key = dir.key_of(person);
                    let e = entries.entry(key.clone()).or_insert_with(|| Entry {
                        key,
                        slug: String::new(),
                        name: String::new(),
                        other_names: Vec::new(),
                        handles: Vec::new(),
                        emails: Vec::new(),
                        places: Vec::new(),
                    });
                    let name = person.name.trim();
                    let norm = norm_name(name);
                    let at = (p.id.as_str(), role.as_str());
                    let known = spellings.entry(e.key.clone()).or_default();
                    match known.iter_mut().find(|s| s.norm == norm) {
                        Some(s) => {
                            s.count += 1;
                            if at < s.first {
                                s.first = at;
                                s.text = name.to_string();
                            }
                        }
                        None => known.push(Spelling {
                            text: name.to_string(),
                            norm,
                            count: 1,
                            first: at,
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
                    let place = (i, role.clone());
                    if e.places.last() != Some(&place) {
                        e.places.push(place);
                    }
                }
            }
        }
        for (key, mut names) in spellings {
            // The name written most often; on a tie, the one in the first project (by id) and
            // role (by id). Neither depends on the order the records are read in.
            names.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
            if let Some(e) = entries.get_mut(&key) {
                let mut names = names.into_iter().map(|s| s.text);
                e.name = names.next().unwrap_or_default();
                e.other_names = names.collect();
            }
        }
        assign_slugs(&mut entries);
        let mut people: Vec<Entry> = entries.into_values().collect();
        people.sort_by(|a, b| (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug)));
        dir.by_key = people.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect();
        dir.people = people;
        dir
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

/// Gives each entry its slug: the kebab-case of its handle or name, with `-2`, `-3`… for the
/// second and later people (in key order) who would have the same one.
fn assign_slugs(entries: &mut BTreeMap<PersonKey, Entry>) {
    let bases: Vec<(PersonKey, String)> = entries
        .iter()
        .map(|(k, e)| {
            let base = match k {
                PersonKey::Handle(h) => slugify(h),
                PersonKey::Name(_) => slugify(&e.name),
            };
            (k.clone(), base)
        })
        .collect();
    let mut taken: BTreeSet<String> = bases.iter().map(|(_, b)| b.clone()).collect();
    let mut first: BTreeSet<&str> = BTreeSet::new();
    // The keys are in order, so the first holder of a base is the same whatever the records' order.
    let mut slugs = Vec::with_capacity(bases.len());
    for (key, base) in &bases {
        let slug = if first.insert(base.as_str()) {
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
        slugs.push((key.clone(), slug));
    }
    for (key, slug) in slugs {
        if let Some(e) = entries.get_mut(&key) {
            e.slug = slug;
        }
    }
}

/// A lowercase kebab-case slug of `s` in ASCII: common Latin accents are folded (`Lucía` →
/// `lucia`), other characters separate words. `person` when nothing is left.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        let mut any = false;
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
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
    fn slugs_are_ascii_kebab_case() {
        assert_eq!(slugify("Lucía Varga"), "lucia-varga");
        assert_eq!(slugify("  Jane   O'Neil "), "jane-oneil");
        assert_eq!(slugify("Mei-Lin Zhou"), "mei-lin-zhou");
        assert_eq!(slugify("@jdoe"), "jdoe");
        assert_eq!(slugify("李雷"), "person");
        assert_eq!(slugify("<script>"), "script");
        assert_eq!(slugify("Straße"), "strasse");
    }
}
