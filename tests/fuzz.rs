//! Property-based fuzzing of every way a saved state comes in: a JSON
//! session file, a CSV file, a shared link's state and the autosave. Each
//! starts from the checked-in corpus (`tests/corpus/{json,csv,url,autosave}/`:
//! real files the app wrote and hostile ones), mutated by proptest (cuts,
//! hostile insertions, truncations, repeats) or replaced by arbitrary text.
//! None may panic; each either loads a state that saves and loads again, or
//! is refused with a typed error, worded in both languages, that changed
//! nothing. Each decoder runs for at most [`BUDGET`] (about 12 s in all).

#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use neuronlab::app::autosave::encode;
use neuronlab::app::event::{Problem, Source};
use neuronlab::app::{wording, Action, Event, Lang, Workspace};
use neuronlab::core::data::Task;
use neuronlab::core::session::Session;
use proptest::prelude::*;

/// Time each decoder is fuzzed for, at most (cases past it pass at once).
const BUDGET: Duration = Duration::from_secs(3);
/// Cases each decoder is given at most (the budget ends them first).
const CASES: u32 = 20_000;

/// The four ways in.
#[derive(Clone, Copy, Debug)]
enum Way {
    Json,
    Csv,
    Url,
    Autosave,
}

impl Way {
    fn dir(self) -> &'static str {
        match self {
            Way::Json => "json",
            Way::Csv => "csv",
            Way::Url => "url",
            Way::Autosave => "autosave",
        }
    }
}

fn corpus_dir(way: Way) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(way.dir())
}

/// The corpus of `way`, as (file name, text), sorted by name.
fn corpus(way: Way) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(corpus_dir(way))
        .expect("corpus directory")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).expect("corpus file");
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 4, "{:?}: the corpus is too small", way);
    out
}

/// Feeds `text` in by `way` to a fresh workspace (CSV into `task`'s mode);
/// `Ok(true)` when it loaded a valid state, `Ok(false)` when it was refused
/// with a typed error and changed nothing, `Err` when a rule was broken.
fn feed(way: Way, text: &str, task: Task) -> Result<bool, String> {
    let mut ws = Workspace::untimed(Lang::En);
    ws.apply(Action::SetTask(task));
    let before = encode(&ws);
    let action = match way {
        Way::Json => Action::LoadJson {
            name: "f.json".into(),
            text: text.into(),
        },
        Way::Csv => Action::ImportCsv {
            name: "f.csv".into(),
            text: text.into(),
        },
        Way::Url => Action::OpenLink(text.into()),
        Way::Autosave => Action::Restore(text.into()),
    };
    let event = ws.apply(action).event;
    match (&event, way) {
        (Event::Loaded { .. }, Way::Json | Way::Csv)
        | (Event::LinkOpened, Way::Url)
        | (Event::Restored, Way::Autosave) => valid(&ws).map(|()| true),
        (Event::Refused(p), _) => {
            let typed = matches!(
                (p, way),
                (
                    Problem::Load {
                        source: Source::File(_),
                        ..
                    },
                    Way::Json
                ) | (Problem::Csv { .. }, Way::Csv)
                    | (
                        Problem::Load {
                            source: Source::Link,
                            ..
                        },
                        Way::Url
                    )
                    | (
                        Problem::Load {
                            source: Source::Autosave,
                            ..
                        },
                        Way::Autosave
                    )
            );
            if !typed {
                return Err(format!("{way:?} refused with another kind of error: {p:?}"));
            }
            if encode(&ws) != before {
                return Err(format!("{way:?} was refused but changed the workspace"));
            }
            for lang in Lang::ALL {
                let line = wording::problem(lang, p);
                if line.is_empty() || unfilled(&line, text) || line.chars().count() > 400 {
                    return Err(format!("{lang:?}: a poor message for {p:?}: {line:?}"));
                }
            }
            Ok(false)
        }
        _ => Err(format!("{way:?} gave {event:?}")),
    }
}

/// True when `line` holds a `{placeholder}` that is not quoted from `input`.
fn unfilled(line: &str, input: &str) -> bool {
    line.match_indices('{').any(|(i, _)| {
        let rest = &line[i + 1..];
        let name = rest.split('}').next().unwrap_or("");
        let closed = rest.len() > name.len();
        closed
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase())
            && !input.contains(&format!("{{{name}}}"))
    })
}

/// A loaded state is whole: finite parameters and loss, each session saves
/// and loads again unchanged, and the workspace's autosave restores.
fn valid(ws: &Workspace) -> Result<(), String> {
    for task in [Task::Classification, Task::Regression] {
        let s = ws.session_of(task);
        if !s.model().params().iter().all(|v| v.is_finite()) {
            return Err(format!("{task:?}: a parameter is not finite"));
        }
        let m = s.metrics();
        if !m.loss.is_finite() {
            return Err(format!("{task:?}: the loss is {}", m.loss));
        }
        let back = Session::from_json(&s.to_json()).map_err(|e| format!("{task:?}: {e:?}"))?;
        if back.to_json() != s.to_json() {
            return Err(format!("{task:?}: the session changed in a round trip"));
        }
    }
    let mut again = Workspace::untimed(Lang::Zh);
    match again.apply(Action::Restore(encode(ws))).event {
        Event::Restored => Ok(()),
        e => Err(format!(
            "the loaded workspace's autosave does not restore: {e:?}"
        )),
    }
}

/// Pieces a hostile edit inserts.
const HOSTILE: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "true",
    "-",
    "0",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "1e6",
    "1e7",
    "4294967296",
    "18446744073709551616",
    "-0",
    "1e-320",
    "\\u0000",
    "\\ud800",
    "\u{0}",
    "é",
    "字",
    "🙂",
    "\u{feff}",
    "\r\n",
    "\n",
    ",,",
    ";",
    "\t",
    "999999999",
    "\"format\"",
    "\"version\":2",
    "\"\"",
    "[[[[[[[[[[[[[[[[",
    "5,",
    "1,2,3\n",
    "x,y\n",
];

/// One edit of a corpus text.
#[derive(Clone, Debug)]
enum Edit {
    /// Remove up to `len` characters at `at` (a fraction of the length).
    Cut { at: f64, len: usize },
    /// Insert a hostile piece at `at`.
    Insert { at: f64, piece: usize },
    /// Keep only what comes before `at`.
    Truncate { at: f64 },
    /// Repeat the `len` characters at `at` `times` times.
    Repeat { at: f64, len: usize, times: usize },
    /// Replace the first number at or after `at` by another (the text stays well formed).
    Number { at: f64, value: usize },
}

/// Numbers a [`Edit::Number`] puts in: edges of every range, and past them.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "2",
    "3",
    "5",
    "6",
    "9",
    "16",
    "17",
    "0.5",
    "0.99",
    "-7",
    "100",
    "1e6",
    "1e300",
    "4294967296",
    "9007199254740993",
    "100001",
    "10001",
    "0.000001",
];

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0f64..1.0;
    prop_oneof![
        3 => (at.clone(), 1usize..40).prop_map(|(at, len)| Edit::Cut { at, len }),
        4 => (at.clone(), 0..HOSTILE.len()).prop_map(|(at, piece)| Edit::Insert { at, piece }),
        1 => at.clone().prop_map(|at| Edit::Truncate { at }),
        1 => (at.clone(), 1usize..60, 1usize..50).prop_map(|(at, len, times)| Edit::Repeat { at, len, times }),
        6 => (at, 0..NUMBERS.len()).prop_map(|(at, value)| Edit::Number { at, value }),
    ]
}

/// The character boundary nearest below fraction `at` of `s`.
fn boundary(s: &str, at: f64) -> usize {
    let mut i = ((s.len() as f64) * at) as usize;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `s` with `edits` applied in turn.
fn mutate(s: &str, edits: &[Edit]) -> String {
    let mut s = s.to_string();
    for e in edits {
        match *e {
            Edit::Cut { at, len } => {
                let i = boundary(&s, at);
                let j = s[i..]
                    .char_indices()
                    .nth(len)
                    .map_or(s.len(), |(k, _)| i + k);
                s.replace_range(i..j, "");
            }
            Edit::Insert { at, piece } => {
                let i = boundary(&s, at);
                s.insert_str(i, HOSTILE[piece]);
            }
            Edit::Truncate { at } => s.truncate(boundary(&s, at)),
            Edit::Repeat { at, len, times } => {
                let i = boundary(&s, at);
                let j = s[i..]
                    .char_indices()
                    .nth(len)
                    .map_or(s.len(), |(k, _)| i + k);
                let piece = s[i..j].repeat(times);
                s.insert_str(j, &piece);
            }
            Edit::Number { at, value } => {
                let i = boundary(&s, at);
                let digit =
                    |c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | 'e' | 'E' | '+');
                let Some(k) = s[i..].find(|c: char| c.is_ascii_digit()) else {
                    continue;
                };
                let (a, b) = (
                    i + k,
                    i + k + s[i + k..].find(|c| !digit(c)).unwrap_or(s.len() - i - k),
                );
                let a = s[..a].trim_end_matches('-').len();
                s.replace_range(a..b, NUMBERS[value]);
            }
        }
    }
    s
}

/// A corpus text of `way` mutated, or (one case in six) arbitrary text.
fn input(way: Way) -> impl Strategy<Value = String> {
    let seeds: Vec<String> = corpus(way).into_iter().map(|(_, t)| t).collect();
    let n = seeds.len();
    prop_oneof![
        5 => (0..n, prop::collection::vec(edit(), 1..6))
            .prop_map(move |(i, edits)| mutate(&seeds[i], &edits)),
        1 => ".{0,300}",
    ]
}

/// Fuzzes `way` until [`BUDGET`] is spent.
fn fuzz(way: Way) {
    let start = Instant::now();
    let config = ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let tasks = prop_oneof![Just(Task::Classification), Just(Task::Regression)];
    let (fed, loaded) = (Cell::new(0), Cell::new(0));
    let result = runner.run(&(input(way), tasks), |(text, task)| {
        if start.elapsed() > BUDGET {
            return Ok(());
        }
        fed.set(fed.get() + 1);
        let ok = feed(way, &text, task).map_err(TestCaseError::fail)?;
        loaded.set(loaded.get() + usize::from(ok));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{way:?}: {e}");
    }
    println!(
        "{way:?}: {} inputs, {} loaded, the rest refused",
        fed.get(),
        loaded.get()
    );
}

#[test]
fn fuzz_json_files() {
    fuzz(Way::Json);
}

#[test]
fn fuzz_csv_files() {
    fuzz(Way::Csv);
}

#[test]
fn fuzz_link_states() {
    fuzz(Way::Url);
}

#[test]
fn fuzz_autosaves() {
    fuzz(Way::Autosave);
}

/// Every corpus file as it is: an `ok-` file loads, a `bad-` file is
/// refused, in both modes for CSV (each into the mode its name says).
#[test]
fn the_corpus_loads_or_is_refused_as_its_names_say() {
    for way in [Way::Json, Way::Csv, Way::Url, Way::Autosave] {
        for (name, text) in corpus(way) {
            let task = if name.contains("regression") {
                Task::Regression
            } else {
                Task::Classification
            };
            let loaded = feed(way, &text, task).unwrap_or_else(|e| panic!("{name}: {e}"));
            let want = name.starts_with("ok-");
            assert!(
                want || name.starts_with("bad-"),
                "{name}: a corpus file is named ok-… or bad-…"
            );
            assert_eq!(loaded, want, "{:?} {name}", way);
        }
    }
}

/// Writes the corpus's real files from the app itself (run by hand after a
/// format change: `cargo test --test fuzz -- --ignored write_real_corpus`).
#[test]
#[ignore]
fn write_real_corpus() {
    use neuronlab::core::data::Preset;
    use neuronlab::core::model::ModelKind;
    let write = |way: Way, name: &str, text: &str| {
        std::fs::write(corpus_dir(way).join(name), text).expect("write corpus");
    };
    let mut ws = Workspace::untimed(Lang::En);
    for _ in 0..5 {
        ws.apply(Action::Step);
    }
    write(Way::Json, "ok-perceptron.json", &ws.session().to_json());
    write(Way::Url, "ok-perceptron-link.json", &ws.session().to_json());
    ws.apply(Action::SetModel(ModelKind::Network));
    ws.apply(Action::ChoosePreset(Preset::Xor));
    ws.apply(Action::SetKnob {
        knob: neuronlab::core::settings::Knob::Count,
        text: "12".into(),
    });
    ws.apply(Action::Step);
    write(Way::Json, "ok-network-xor.json", &ws.session().to_json());
    write(Way::Autosave, "ok-classification.json", &encode(&ws));
    ws.apply(Action::SetTask(Task::Regression));
    ws.apply(Action::SetModel(ModelKind::Polynomial));
    ws.apply(Action::Step);
    write(
        Way::Json,
        "ok-regression-polynomial.json",
        &ws.session().to_json(),
    );
    write(Way::Url, "ok-regression-link.json", &ws.session().to_json());
    write(Way::Autosave, "ok-regression.json", &encode(&ws));
    ws.apply(Action::SetMode(neuronlab::app::Mode::Language));
    ws.apply(Action::Step);
    write(Way::Autosave, "ok-language.json", &encode(&ws));
}
