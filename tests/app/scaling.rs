//! The scaling lab's one door, natively: a sweep is refused with its
//! reason (no text yet, nothing chosen, a budget the text cannot hold, a
//! sweep under way), runs go queued → running → done through the
//! workers' reports, Stop keeps what finished, a stale or mismatched
//! report changes nothing, the prediction is checked by its run, the
//! results survive a save, and every refusal is worded in both languages.

use neuronlab::app::lang::Lang;
use neuronlab::app::scaling::{Scaling, ScalingAction as S, SlotState, SweepProblem, LAB_TEXT};
use neuronlab::app::scaling_save::read_checked;
use neuronlab::app::scaling_text::{csv, exponent_lines, problem, table_rows};
use neuronlab::core::scaling::corpus::Corpus;
use neuronlab::core::scaling::family::{compute, RunSpec, SweepError, BUDGETS, SIZES};
use neuronlab::core::scaling::run::RunResult;

/// A text long enough for every default budget of the lab.
fn long_text() -> String {
    let words = [
        "the", "light", "and", "darkness", "water", "earth", "day", "night", "said", "God",
    ];
    (0..40_000)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The result a worker would report for `spec`, with `loss`.
fn result(spec: RunSpec, loss: f64) -> RunResult {
    let params = spec.size.params();
    RunResult {
        spec,
        params,
        tokens: spec.tokens,
        compute: compute(params, spec.tokens),
        loss,
        accuracy: 0.3,
        ms: 1000.0,
    }
}

fn lab_with_text() -> Scaling {
    let mut sc = Scaling::default();
    sc.apply(
        S::Loaded {
            id: "genesis-en".into(),
            text: long_text(),
        },
        "",
    )
    .unwrap();
    sc
}

/// Every queued run started and finished with the loss `loss` gives its run.
fn finish_all_with(sc: &mut Scaling, loss: impl Fn(&RunSpec) -> f64) {
    for i in 0..sc.slots.len() {
        sc.apply(S::Started(i), "").unwrap();
        sc.apply(S::Progress { slot: i, done: 3 }, "").unwrap();
        let spec = sc.slots[i].spec;
        sc.apply(
            S::Finished {
                slot: i,
                result: result(spec, loss(&spec)),
            },
            "",
        )
        .unwrap();
    }
}

/// Every queued run finished with a loss falling as a power of its
/// parameters (`L = 8·N^−0.2 + 1`) and a little with its tokens.
fn finish_all(sc: &mut Scaling) {
    finish_all_with(sc, |spec| {
        8.0 * (spec.size.params() as f64).powf(-0.2) + 1.0 + 1e3 / spec.tokens as f64
    });
}

#[test]
fn a_sweep_is_refused_with_its_reason() {
    let mut sc = Scaling::default();
    assert_eq!(sc.apply(S::RunSweep, ""), Err(SweepProblem::NotLoaded));
    let mut sc = lab_with_text();
    for i in 0..SIZES.len() {
        sc.apply(S::SetSize(i, false), "").unwrap();
    }
    assert_eq!(
        sc.apply(S::RunSweep, ""),
        Err(SweepProblem::Plan(SweepError::Empty))
    );
    sc.apply(S::SetSize(0, true), "").unwrap();
    sc.apply(S::SetBudget(BUDGETS.len() - 1, true), "").unwrap();
    sc.apply(S::ChooseText(LAB_TEXT.into()), "").unwrap();
    match sc.apply(S::RunSweep, "a short text of the lab, far too short") {
        Err(SweepProblem::Plan(SweepError::TextShort { needs, has })) => {
            assert!(needs > 160_000 && has < 100, "{needs} {has}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        sc.apply(S::RunSweep, "\u{7}"),
        Err(SweepProblem::Text(
            neuronlab::core::lm::tokens::TextError::Control { ch: '\u{7}', at: 1 }
        ))
    );
    assert!(sc.slots.is_empty(), "a refusal queues nothing");
    for p in [
        SweepProblem::NotLoaded,
        SweepProblem::Busy,
        SweepProblem::NoLaw,
        SweepProblem::Plan(SweepError::Empty),
        SweepProblem::Plan(SweepError::TooSlow {
            ms: 2e6,
            max_ms: 9e5,
        }),
        SweepProblem::Plan(SweepError::TextShort { needs: 10, has: 5 }),
        SweepProblem::Plan(SweepError::TooBig { bytes: 3e8 }),
    ] {
        let (en, zh) = (problem(Lang::En, &p), problem(Lang::Zh, &p));
        assert!(!en.is_empty() && !zh.is_empty() && en != zh, "{p:?}");
    }
    assert!(problem(
        Lang::En,
        &SweepProblem::Plan(SweepError::TextShort { needs: 10, has: 5 })
    )
    .starts_with("Data budgets"));
}

#[test]
fn runs_go_through_the_workers_and_stop_keeps_what_finished() {
    let mut sc = lab_with_text();
    sc.apply(S::RunSweep, "").unwrap();
    let n = sc.slots.len();
    assert_eq!(n, 15, "five sizes by three budgets");
    assert!(sc.running());
    assert_eq!(sc.apply(S::RunSweep, ""), Err(SweepProblem::Busy));
    assert_eq!(
        sc.apply(S::ChooseText(LAB_TEXT.into()), ""),
        Err(SweepProblem::Busy)
    );
    // The first two runs train; the first finishes.
    sc.apply(S::Started(0), "").unwrap();
    sc.apply(S::Started(1), "").unwrap();
    sc.apply(S::Progress { slot: 1, done: 5 }, "").unwrap();
    assert!(matches!(sc.slots[1].state, SlotState::Running { done: 5 }));
    let spec0 = sc.slots[0].spec;
    // A report of another run for this slot changes nothing.
    let wrong = RunSpec {
        tokens: spec0.tokens + 1,
        ..spec0
    };
    sc.apply(
        S::Finished {
            slot: 0,
            result: result(wrong, 2.0),
        },
        "",
    )
    .unwrap();
    assert!(sc.results.is_empty());
    sc.apply(
        S::Finished {
            slot: 0,
            result: result(spec0, 2.0),
        },
        "",
    )
    .unwrap();
    assert_eq!(sc.results.len(), 1);
    assert_eq!(sc.slots[0].state, SlotState::Done);
    sc.apply(S::StopSweep, "").unwrap();
    assert!(!sc.running());
    assert_eq!(sc.slots[1].state, SlotState::Stopped);
    // A report arriving after Stop is not taken.
    let spec1 = sc.slots[1].spec;
    sc.apply(
        S::Finished {
            slot: 1,
            result: result(spec1, 2.0),
        },
        "",
    )
    .unwrap();
    assert_eq!(sc.results.len(), 1);
    // A failure is kept with its message.
    sc.apply(S::RunSweep, "").unwrap();
    sc.apply(S::Started(2), "").unwrap();
    sc.apply(
        S::Failed {
            slot: 2,
            message: "out of memory".into(),
        },
        "",
    )
    .unwrap();
    assert_eq!(sc.slots[2].state, SlotState::Failed("out of memory".into()));
}

#[test]
fn a_finished_sweep_fits_its_laws_and_a_prediction_is_checked() {
    let mut sc = lab_with_text();
    assert_eq!(sc.apply(S::RunCheck, ""), Err(SweepProblem::NoLaw));
    sc.apply(S::RunSweep, "").unwrap();
    finish_all(&mut sc);
    assert_eq!(sc.results.len(), 15);
    let fits = sc.fits();
    let (d, law) = fits.params.expect("a law against parameters");
    assert_eq!(d, *sc.chosen_budgets().last().unwrap());
    assert!(
        (law.law.alpha - 0.2).abs() < 0.02,
        "α_N = {}",
        law.law.alpha
    );
    assert!(fits.compute.is_some() && fits.tokens.is_some() && fits.is_law());
    let lines = exponent_lines(Lang::En, &sc, &fits);
    assert!(lines.iter().any(|l| l.contains("α_N = 0.2")), "{lines:?}");
    assert!(
        !lines.iter().any(|l| l.contains("does not fall")),
        "{lines:?}"
    );
    assert_eq!(table_rows(Lang::Zh, &sc, &fits).len(), 15);
    assert_eq!(csv(&sc).lines().count(), 16);
    // Predict the largest size on the largest budget, then check it.
    let d_index = BUDGETS.iter().position(|&b| b == d).unwrap();
    sc.apply(
        S::PickCheck {
            size: SIZES.len() - 1,
            budget: d_index,
        },
        "",
    )
    .unwrap();
    let predicted = sc.predict().unwrap();
    let truth = 8.0 * (SIZES[SIZES.len() - 1].params() as f64).powf(-0.2) + 1.0 + 1e3 / d as f64;
    assert!(
        (predicted - truth).abs() / truth < 0.01,
        "{predicted} against {truth}"
    );
    sc.apply(S::RunCheck, "").unwrap();
    assert_eq!(sc.slots.len(), 1);
    assert!(sc.slots[0].check);
    finish_all(&mut sc);
    let p = sc.prediction.unwrap();
    assert_eq!(p.measured, Some(truth));
    // The results and choices come back from a save; a broken save changes nothing.
    let saved = sc.save();
    let mut back = Scaling::default();
    assert!(back.load(&saved));
    assert_eq!(back.results, sc.results);
    assert_eq!(back.sizes, sc.sizes);
    // The checked prediction is kept, and the course reads it from the
    // save alone (the app's wasm holds no lab).
    assert_eq!(back.prediction, sc.prediction);
    assert_eq!(read_checked(&back.checked()), Some((predicted, truth)));
    for bad in ["", "2.5", "2.5 x", "NaN 2.5", "2.5 inf"] {
        assert_eq!(read_checked(bad), None, "{bad}");
    }
    // A save from before predictions were kept still loads, with none.
    let old = saved.split(",\"prediction\"").next().unwrap().to_string() + "}";
    let mut older = Scaling::default();
    assert!(older.load(&old), "{old}");
    assert_eq!(
        (older.results.len(), older.prediction),
        (sc.results.len(), None)
    );
    assert_eq!(older.checked(), "");
    assert!(!back.load("{\"text\": 3"));
    assert_eq!(back.results, sc.results);
    // Clear forgets this text's results only.
    back.apply(S::ClearResults, "").unwrap();
    assert!(back.results.is_empty());
}

#[test]
fn losses_that_do_not_fall_with_size_are_said_to() {
    let mut sc = lab_with_text();
    sc.apply(S::RunSweep, "").unwrap();
    // Worse as they grow, a little better with tokens.
    finish_all_with(&mut sc, |spec| {
        5.3 + 1e-6 * spec.size.params() as f64 + 1e3 / spec.tokens as f64
    });
    let fits = sc.fits();
    let lines = exponent_lines(Lang::En, &sc, &fits);
    assert!(
        lines.iter().any(|l| l.contains("does not fall")),
        "{lines:?}"
    );
    // No law is drawn or claimed: no fit's error beside it, no runs "off
    // the line".
    assert!(!fits.is_law());
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("typical error") || l.contains("Off the line")),
        "{lines:?}"
    );
}

#[test]
fn choosing_a_text_chooses_the_budgets_it_holds() {
    let mut sc = lab_with_text();
    let short: String = long_text().chars().take(30_000).collect();
    sc.apply(S::ChooseText(LAB_TEXT.into()), &short).unwrap();
    assert_eq!(sc.chosen_budgets(), vec![5_000, 10_000, 20_000]);
    sc.apply(S::ChooseText("genesis-en".into()), "").unwrap();
    assert_eq!(sc.chosen_budgets(), vec![40_000, 80_000, 160_000]);
}

#[test]
fn the_corpus_the_plan_is_made_for_is_the_one_the_workers_train() {
    let text = long_text();
    let c = Corpus::new(&text).unwrap();
    assert!(c.train_len() >= 160_000);
    let mut sc = lab_with_text();
    sc.apply(S::RunSweep, "").unwrap();
    assert!(sc.slots.iter().all(|s| s.spec.tokens <= c.train_len()));
}

#[test]
fn the_page_fetches_every_built_in_text_while_the_wasm_compiles() {
    let js =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/scaling.js")).unwrap();
    let list = js
        .split("const TEXTS = [")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    let files: Vec<&str> = list
        .split(',')
        .map(|f| f.trim().trim_matches('\''))
        .collect();
    let ours: Vec<&str> = neuronlab::app::scaling::TEXTS
        .iter()
        .map(|t| t.file)
        .collect();
    assert_eq!(files, ours);
}
