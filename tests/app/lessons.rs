//! The course: both languages for every lesson, the controls it names on
//! the page, each setup through the one door, each task done as a learner
//! would do it (and not before), the playground kept, the done set saved.

use std::collections::BTreeSet;

use crate::support::{add, has_cjk, knob, steps, ws};
use neuronlab::app::autosave::encode;
use neuronlab::app::lessons::course::{decode_done, encode_done};
use neuronlab::app::lessons::{text, Goal, FIT_STEPS, LESSONS, NEVER_SETTLES};
use neuronlab::app::{Action, Event, Lang, Mode, Workspace};
use neuronlab::core::error::LoadError;
use neuronlab::core::settings::Knob;

/// The `code` spans of a text, in order.
fn code(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn opened(i: usize, lang: Lang) -> Workspace {
    let mut w = Workspace::untimed(lang);
    let out = w.apply(Action::OpenLesson(i));
    assert_eq!(out.event, Event::LessonOpened(i));
    assert_eq!(w.course().open(), Some(i));
    assert_eq!(w.mode(), LESSONS[i].mode, "lesson {}", i + 1);
    assert!(!w.course().is_done(i), "lesson {} done at once", i + 1);
    w
}

fn done(w: &Workspace) -> bool {
    w.course()
        .is_done(w.course().open().expect("a lesson open"))
}

/// Plays up to `frames` frames (20 updates each) until the task is done;
/// the updates it took.
fn play_until_done(w: &mut Workspace, frames: usize) -> Option<u64> {
    if !w.playing() {
        w.apply(Action::TogglePlay);
    }
    for _ in 0..frames {
        if done(w) {
            return Some(w.step_count());
        }
        w.apply(Action::Tick);
        if !w.playing() && !done(w) {
            w.apply(Action::TogglePlay);
        }
    }
    done(w).then(|| w.step_count())
}

#[test]
fn every_lesson_has_both_languages_and_the_same_formulas() {
    for i in 0..LESSONS.len() {
        let (en, zh) = (text(Lang::En, i), text(Lang::Zh, i));
        for t in [en, zh] {
            assert!(
                !t.title.is_empty() && !t.task.is_empty(),
                "lesson {}",
                i + 1
            );
            assert!((2..=4).contains(&t.body.len()), "lesson {}", i + 1);
            for p in t.body.iter().chain([&t.task]) {
                assert_eq!(p.matches('`').count() % 2, 0, "unpaired ` in {p}");
                assert!(p.len() < 600, "a long paragraph: {p}");
            }
        }
        let all = |t: &neuronlab::app::lessons::Text| -> String {
            [t.title, t.task]
                .into_iter()
                .chain(t.body.iter().copied())
                .collect()
        };
        assert!(!has_cjk(&all(en)), "lesson {}: CJK in English", i + 1);
        assert!(has_cjk(&all(zh)), "lesson {}: no Chinese", i + 1);
        let spans =
            |t| -> BTreeSet<String> { code(&all(t)).into_iter().map(String::from).collect() };
        assert_eq!(
            spans(en),
            spans(zh),
            "lesson {}: the formulas differ",
            i + 1
        );
    }
    // The notes' formulas, written as the notes write them.
    let everything: String = (0..8)
        .flat_map(|i| text(Lang::En, i).body.iter().copied())
        .collect();
    for f in [
        "y = f(w·x + b)",
        "Δw = (Y − y)·x",
        "Δb = Y − y",
        "σ(z) = 1 / (1 + e^(−z))",
        "L = −Σ y·log ŷ",
        "L = Σ (y − ŷ)²",
    ] {
        assert!(everything.contains(&format!("`{f}`")), "missing `{f}`");
    }
    let n = NEVER_SETTLES.to_string();
    assert!(text(Lang::En, 2).task.contains(&n) && text(Lang::Zh, 2).task.contains(&n));
}

#[test]
fn every_control_a_lesson_names_is_on_the_page() {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
    for (i, l) in LESSONS.iter().enumerate() {
        assert!(!l.controls.is_empty());
        for id in l.controls {
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "lesson {}: no #{id}",
                i + 1
            );
        }
    }
    for id in [
        "lesson",
        "lessons",
        "lesson-prev",
        "lesson-next",
        "lesson-back",
        "lesson-task",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no #{id}");
    }
}

#[test]
fn every_setup_goes_through_the_door_without_a_refusal() {
    for lang in Lang::ALL {
        for (i, l) in LESSONS.iter().enumerate() {
            let mut w = Workspace::untimed(lang);
            for a in (l.setup)(lang) {
                let out = w.apply(a.clone());
                assert!(
                    !out.event.is_refusal(),
                    "lesson {} {a:?}: {:?}",
                    i + 1,
                    out.event
                );
            }
            assert_eq!(w.mode(), l.mode);
            let _ = opened(i, lang);
        }
    }
}

#[test]
fn lesson_1_by_hand_and_only_by_hand() {
    let mut w = opened(0, Lang::En);
    assert!(w.session().metrics().accuracy < Some(1.0));
    // Training does not count: the task is to set the line yourself.
    steps(&mut w, 12);
    assert!(!done(&w));
    let mut w = opened(0, Lang::En);
    for (i, v) in [(2, "-5"), (0, "1"), (1, "1")] {
        w.apply(Action::SetParam {
            index: i,
            text: v.into(),
        });
        assert!(!done(&w), "w{} alone", i + 1);
    }
    w.apply(Action::SetParam {
        index: 2,
        text: "0".into(),
    });
    assert!(done(&w));
    assert_eq!(w.session().metrics().accuracy, Some(1.0));
}

#[test]
fn lesson_2_steps_to_an_epoch_without_a_change() {
    let mut w = opened(1, Lang::Zh);
    let mut n = 0;
    while !done(&w) {
        let e = w.apply(Action::Step).event;
        assert!(!e.is_refusal());
        n += 1;
        assert!(n < 200, "no epoch without a change after 200 steps");
    }
    assert!(n > 6, "converged at once: {n} steps");
}

#[test]
fn lesson_3_never_settles_on_xor_but_settles_on_separable_points() {
    let mut w = opened(2, Lang::En);
    let n = play_until_done(&mut w, 2_000).expect("20 epochs played");
    assert!(
        w.session().epoch() >= NEVER_SETTLES && !w.course().seen().converged,
        "{n}"
    );
    // On separable points the perceptron settles: the task is not met.
    let mut w = opened(2, Lang::En);
    w.apply(Action::ChoosePreset(
        neuronlab::core::data::Preset::Separable,
    ));
    assert_eq!(play_until_done(&mut w, 300), None);
}

#[test]
fn lesson_4_a_network_reaches_100_percent_on_xor() {
    let mut w = opened(3, Lang::En);
    let n = play_until_done(&mut w, 3_000).expect("100% on XOR");
    println!("lesson 4: 100% on XOR after {n} updates");
    assert_eq!(w.session().metrics().accuracy, Some(1.0));
}

#[test]
fn lesson_5_softmax_on_three_clicked_clusters() {
    let mut w = opened(4, Lang::En);
    let centres = [(3.0, 3.0), (-3.0, 2.0), (0.0, -3.5)];
    for (k, (cx, cy)) in centres.into_iter().enumerate() {
        w.apply(Action::SelectClass(k));
        for (dx, dy) in [(0.0, 0.0), (0.6, 0.2), (-0.4, 0.5), (0.2, -0.6)] {
            add(&mut w, cx + dx, cy + dy, k);
        }
        assert!(!done(&w));
    }
    let n = play_until_done(&mut w, 500).expect("90% on three clusters");
    println!("lesson 5: done after {n} updates");
}

/// Trains degree `d` of lesson 6 for [`FIT_STEPS`]; its held-out loss.
fn fit(w: &mut Workspace, d: usize) -> f64 {
    knob(w, Knob::Degree, &d.to_string());
    assert_eq!(w.step_count(), 0, "a new degree starts again");
    w.apply(Action::TogglePlay);
    while w.step_count() < FIT_STEPS {
        w.apply(Action::Tick);
    }
    w.apply(Action::TogglePlay);
    w.session().metrics().heldout_loss.expect("held-out points")
}

#[test]
fn lesson_6_the_lowest_held_out_loss_among_three_degrees_and_9_overfits() {
    let mut w = opened(5, Lang::En);
    assert_eq!(w.session().settings().model.degree, 9);
    let mut losses = vec![(9, fit(&mut w, 9))];
    assert!(!done(&w), "one degree is no comparison");
    for d in 1..=8 {
        losses.push((d, fit(&mut w, d)));
    }
    println!("lesson 6: held-out loss by degree {losses:?}");
    let &(best, low) = losses.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    // Degree 9 over-fits: its held-out loss is well above the best.
    assert!(best < 9 && losses[0].1 > 3.0 * low, "{losses:?}");
    let m = w.session().metrics();
    assert!(m.loss < m.heldout_loss.unwrap());
    // Done once, at the lowest: not at 3 with 4 untried, not before 9.
    let mut w = opened(5, Lang::Zh);
    for d in [1, 2, 3] {
        fit(&mut w, d);
    }
    fit(&mut w, 9);
    assert!(!done(&w));
    for d in (best - 1..=best + 1).rev() {
        assert!(!done(&w), "done before trying {d}");
        fit(&mut w, d);
    }
    assert!(!done(&w), "ended on {}", best - 1);
    fit(&mut w, best);
    assert!(done(&w));
    // New points forget the degrees tried.
    let mut w = opened(5, Lang::En);
    fit(&mut w, 9);
    fit(&mut w, best);
    w.apply(Action::Regenerate);
    fit(&mut w, 1);
    fit(&mut w, best);
    assert!(!done(&w), "degree 9 was tried on other points");
}

#[test]
fn lesson_7_both_modes() {
    let mut w = opened(6, Lang::Zh);
    w.apply(Action::SetMode(Mode::Language));
    assert!(!done(&w));
    w.apply(Action::SetMode(Mode::Regression));
    assert!(done(&w));
}

#[test]
fn lesson_8_generate_only_once_sure() {
    for lang in Lang::ALL {
        let mut w = opened(7, lang);
        w.apply(Action::Generate);
        assert!(!done(&w), "generated before training");
        w.apply(Action::SetPrompt(match lang {
            Lang::Zh => "我们".into(),
            Lang::En => "hel".into(),
        }));
        w.apply(Action::TogglePlay);
        let mut frames = 0;
        while !w.course().seen().confident {
            w.apply(Action::Tick);
            frames += 1;
            assert!(frames < 3_000, "{lang:?}: never above 90%");
        }
        w.apply(Action::TogglePlay);
        println!(
            "lesson 8 {lang:?}: above 90% after {} updates",
            w.step_count()
        );
        assert!(!done(&w));
        w.apply(Action::Generate);
        assert!(done(&w));
    }
}

#[test]
fn the_playground_waits_unchanged_while_the_course_runs() {
    let mut w = ws();
    add(&mut w, 1.5, -2.0, 1);
    knob(&mut w, Knob::LearningRate, "0.5");
    steps(&mut w, 3);
    let before = encode(&w);
    let points = w.session().data().points.clone();
    for i in 0..LESSONS.len() {
        w.apply(Action::OpenLesson(i));
        assert_eq!(
            encode(&w),
            before,
            "autosave keeps the playground in lesson {}",
            i + 1
        );
    }
    w.apply(Action::SetParam {
        index: 0,
        text: "1".into(),
    });
    assert_eq!(w.apply(Action::BackToPlayground).event, Event::LeftCourse);
    assert_eq!(w.course().open(), None);
    assert_eq!(w.session().data().points, points);
    assert_eq!(w.step_count(), 3);
    assert_eq!(w.mode(), Mode::Classification);
    assert_eq!(encode(&w), before);
    // Leaving twice does nothing; a lesson out of range opens nothing.
    assert_eq!(w.apply(Action::BackToPlayground).event, Event::Selected);
    assert_eq!(w.apply(Action::OpenLesson(8)).event, Event::Selected);
    assert_eq!(w.course().open(), None);
}

#[test]
fn lessons_done_are_kept_saved_and_checked() {
    let mut w = opened(6, Lang::En);
    w.apply(Action::SetMode(Mode::Regression));
    w.apply(Action::OpenLesson(0));
    assert!(w.course().is_done(6) && !w.course().is_done(0));
    w.apply(Action::StartFresh);
    assert!(w.course().is_done(6), "Start fresh keeps the lessons done");
    let saved = encode_done(w.course().done());
    assert_eq!(decode_done(&saved), Ok(1 << 6));
    let mut fresh = ws();
    assert_eq!(
        fresh.apply(Action::RestoreLessons(saved.clone())).event,
        Event::Selected
    );
    assert!(fresh.course().is_done(6));
    assert_eq!(saved, "neuronlab-lessons/1:7");
    assert_eq!(decode_done("neuronlab-lessons/1:"), Ok(0));
    assert_eq!(decode_done(&encode_done(0xff)), Ok(0xff));
    for bad in [
        "",
        "{}",
        "neuronlab-workspace/1:1",
        "neuronlab-lessons/2:1",
        "neuronlab-lessons:1",
        "neuronlab-lessons/1:9",
        "neuronlab-lessons/1:0",
        "neuronlab-lessons/1:1;2",
    ] {
        let e = decode_done(bad).expect_err(bad);
        assert!(
            matches!(
                e,
                LoadError::Json { .. } | LoadError::Format(_) | LoadError::Version { .. }
            ),
            "{bad}: {e:?}"
        );
        let out = fresh.apply(Action::RestoreLessons(bad.into()));
        assert!(out.event.is_refusal(), "{bad}");
        assert_eq!(
            fresh.course().done(),
            1 << 6,
            "a damaged form changes nothing"
        );
    }
    assert!(LESSONS.iter().any(|l| l.goal == Goal::Confident));
}
