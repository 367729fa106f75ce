//! A number of a million digits, by every way in: read in time linear in
//! its length (the parser once kept every digit for its big-integer
//! comparisons, took 9.6 s natively and froze the tab; it keeps 800 now),
//! correctly rounded, and accepted or refused exactly as its short form
//! would be. Each case runs under a watchdog: a parser that is quadratic
//! again hangs the case past it and fails it.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::support::{knob, points, saved, ws, ws_in};
use neuronlab::app::{Action, Event, PointField};
use neuronlab::core::data::Task;
use neuronlab::core::settings::Knob;

/// Digits after `0.` in the long numbers.
const DIGITS: usize = 1_000_000;
/// How long a case may run before it counts as a freeze (a linear parser
/// takes milliseconds; the quadratic one took seconds per number).
const WATCHDOG: Duration = Duration::from_secs(5);

/// `0.333…3` with [`DIGITS`] threes.
fn thirds() -> String {
    format!("0.{}", "3".repeat(DIGITS))
}

/// Runs `case` on its own thread and fails when it outlasts [`WATCHDOG`].
fn within_watchdog(name: &str, case: impl FnOnce() + Send + 'static) {
    let (done, wait) = mpsc::channel();
    let worker = thread::spawn(move || {
        case();
        let _ = done.send(());
    });
    match wait.recv_timeout(WATCHDOG) {
        Ok(()) => worker.join().expect("case panicked"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(worker.join().expect_err("case ended without a result"))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: still parsing after {WATCHDOG:?}"),
    }
}

#[test]
fn a_csv_cell_of_a_million_digits_is_read_at_once() {
    within_watchdog("CSV", || {
        let mut w = ws();
        let text = format!("x1,x2,class\n{},1,1\n-1,-1,2\n", thirds());
        let out = w.apply(Action::ImportCsv {
            name: "long.csv".into(),
            text,
        });
        assert!(matches!(out.event, Event::Loaded { .. }), "{:?}", out.event);
        assert_eq!(points(&w)[0].x, 1.0 / 3.0);
    });
}

#[test]
fn a_json_coordinate_of_a_million_digits_is_read_at_once() {
    within_watchdog("JSON and link", || {
        let w = ws();
        let x = points(&w)[0].x;
        let json = w.session().to_json();
        // The writer's form of a number in the app's range.
        let shown = format!("{x}");
        assert!(json.contains(&shown), "{shown} in the saved file");
        let long = json.replacen(&shown, &thirds(), 1);
        for action in [
            Action::LoadJson {
                name: "long.json".into(),
                text: long.clone(),
            },
            Action::OpenLink(long),
        ] {
            let mut w = ws();
            let out = w.apply(action);
            assert!(
                matches!(out.event, Event::Loaded { .. } | Event::LinkOpened),
                "{:?}",
                out.event
            );
            assert_eq!(points(&w)[0].x, 1.0 / 3.0);
        }
    });
}

#[test]
fn typed_numbers_of_a_million_digits_are_read_at_once() {
    within_watchdog("typing", || {
        let mut w = ws_in(Task::Classification);
        let out = w.apply(Action::EditPoint {
            i: 0,
            field: PointField::X,
            text: thirds(),
        });
        assert_eq!(out.event, Event::PointMoved(0));
        assert_eq!(points(&w)[0].x, 1.0 / 3.0);
        // A learning rate of a million digits, in range: taken as 0.333….
        let before = saved(&w);
        let out = knob(&mut w, Knob::LearningRate, &thirds());
        assert!(!matches!(out.event, Event::Refused(_)), "{:?}", out.event);
        assert_eq!(w.session().settings().learning_rate, 1.0 / 3.0);
        // Too many digits before the point: out of range, refused, nothing changed.
        let w_before = saved(&w);
        let out = knob(&mut w, Knob::LearningRate, &"9".repeat(DIGITS));
        assert!(matches!(out.event, Event::Refused(_)), "{:?}", out.event);
        assert_eq!(saved(&w), w_before);
        assert_ne!(before, w_before);
    });
}
