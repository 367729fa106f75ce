//! The session's guarantees: an exact Step back and Seek, a bounded
//! history, a diverging step refused, settings checked and applied.

use super::{bits, session, text};
use neuronlab::core::error::StepError;
use neuronlab::core::history::{MAX_CHECKPOINTS, MAX_CURVE_POINTS};
use neuronlab::core::lm::session::{LmError, LmKind, LmSession, LmSettings, Sides};
use neuronlab::core::lm::tokens::{TextError, MAX_TEXT_CHARS};
use neuronlab::core::settings::{Knob, SettingError};

/// Step back restores the parameters bit for bit; Seek goes anywhere
/// recorded, by a snapshot or by replaying from an earlier checkpoint —
/// also for a big model, which snapshots only every few steps.
#[test]
fn step_back_and_seek_are_bit_exact() {
    for (sides, h, n, d) in [
        (Sides::Left, 0, 3, 2),
        (Sides::Both, 6, 3, 2),
        (Sides::Left, 64, 8, 32),
    ] {
        let mut s = session("twinkle", |s| {
            s.sides = sides;
            s.hidden = h;
            (s.context, s.embed) = (n, d);
            s.batch_size = 7;
        });
        if h == 64 {
            assert!(s.param_count() > 16_384, "snapshots every few steps");
        }
        let cap = s.history().recent_cap() as u64;
        let total = cap + 300;
        let mut seen = vec![bits(&s.params())];
        let mut counters = vec![(0, 0, 0)];
        for _ in 0..total {
            let u = s.step().unwrap();
            assert!(
                (1..=7).contains(&u.samples.len()),
                "the last batch of an epoch is short"
            );
            seen.push(bits(&s.params()));
            counters.push((s.step_count(), s.epoch(), s.cursor()));
        }
        for k in (total - 5..total).rev() {
            assert!(s.step_back());
            assert_eq!(
                bits(&s.params()),
                seen[k as usize],
                "{sides:?}: back to {k}"
            );
        }
        // Long ago: rebuilt from a checkpoint by replay; forward again too.
        for k in [0, 1, 17, 100, total / 2, total] {
            assert!(s.seek(k), "{sides:?}: seek {k}");
            assert_eq!(bits(&s.params()), seen[k as usize], "{sides:?}: seek {k}");
            let c = (s.step_count(), s.epoch(), s.cursor());
            assert_eq!(c, counters[k as usize]);
        }
        assert!(!s.seek(total + 1), "past the latest step");
        // Stepping on from an earlier step makes the same steps again.
        assert!(s.seek(10));
        s.run(5).unwrap();
        assert_eq!(bits(&s.params()), seen[15]);
        assert!(!s.seek(16), "the old future is gone");
        s.reset();
        assert_eq!(bits(&s.params()), seen[0]);
        assert!(!s.step_back());
    }
}

/// 100,000 steps: the history and the curve stay within their bounds.
#[test]
fn history_is_bounded_over_100_000_steps() {
    let mut s = session("zh-repeat", |s| s.batch_size = 4);
    let bound = s.history().recent_cap() + MAX_CHECKPOINTS + 1;
    for _ in 0..100 {
        s.run(1000).unwrap();
        assert!(
            s.history().len() <= bound,
            "{} snapshots",
            s.history().len()
        );
        assert!(s.curve().len() <= MAX_CURVE_POINTS);
    }
    assert_eq!(s.step_count(), 100_000);
    assert!(s.seek(50_000) && s.step_count() == 50_000);
}

/// A learning rate that diverges: the step is refused, the last finite
/// state stays, and nothing moves until Reset (or Step back).
#[test]
fn a_diverging_learning_rate_is_refused() {
    for big in [false, true] {
        diverges(session("tang-poems", |s| {
            s.learning_rate = 100.0;
            if big {
                (s.context, s.embed) = (8, 32);
            }
        }));
    }
}

fn diverges(mut s: LmSession) {
    let big = s.param_count() > 16_384;
    let mut last = bits(&s.params());
    let mut refused = None;
    for _ in 0..1000 {
        match s.step() {
            Ok(_) => last = bits(&s.params()),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    assert_eq!(refused, Some(StepError::Diverged), "big: {big}");
    assert!(s.diverged() && s.last_update().is_none());
    assert_eq!(bits(&s.params()), last, "the last finite state");
    assert!(s.params().iter().all(|p| p.is_finite() && p.abs() <= 1e6));
    assert!(s.loss().is_finite());
    let at = s.step_count();
    assert_eq!(s.run(3), Err((0, StepError::Diverged)));
    assert_eq!(s.step_count(), at);
    let mut lower = s.settings().clone();
    lower.learning_rate = 0.5;
    s.set_settings(lower).unwrap();
    assert!(
        !s.diverged() && s.step_count() == at,
        "a new rate keeps the state"
    );
    s.reset();
    assert!(!s.diverged() && s.step_count() == 0);
}

/// Every number out of range and every bad text is refused, by `new` and by
/// `set_settings` (which then changes nothing).
#[test]
fn bad_settings_are_refused() {
    let base = LmSettings::for_text(text("twinkle"));
    assert_eq!(base.validate(), Ok(()));
    let knob = |f: fn(&mut LmSettings), knob: Knob, value: f64| {
        let mut s = base.clone();
        f(&mut s);
        (
            s,
            LmError::Setting(SettingError::OutOfRange { knob, value }),
        )
    };
    let long = "ab".repeat(MAX_TEXT_CHARS / 2) + "c";
    let many: String = (0..401)
        .filter_map(|i| char::from_u32(0x4E00 + i))
        .collect();
    let with_text = |t: &str, e: TextError| {
        let s = LmSettings {
            text: t.into(),
            ..base.clone()
        };
        (s, LmError::Text(e))
    };
    let cases = [
        knob(|s| s.learning_rate = 0.0, Knob::LearningRate, 0.0),
        knob(|s| s.learning_rate = 101.0, Knob::LearningRate, 101.0),
        knob(|s| s.batch_size = 0, Knob::BatchSize, 0.0),
        knob(|s| s.batch_size = 100_001, Knob::BatchSize, 100_001.0),
        knob(|s| s.seed = 1 << 32, Knob::Seed, (1u64 << 32) as f64),
        knob(|s| s.context = 0, Knob::ContextLength, 0.0),
        knob(|s| s.context = 65, Knob::ContextLength, 65.0),
        (
            LmSettings {
                context: 9,
                ..base.clone()
            },
            LmError::Setting(SettingError::ContextForModel {
                value: 9,
                min: 1,
                max: 8,
            }),
        ),
        (
            LmSettings {
                context: 1,
                ..base.with_model(LmKind::Transformer)
            },
            LmError::Setting(SettingError::ContextForModel {
                value: 1,
                min: 2,
                max: 64,
            }),
        ),
        (
            LmSettings {
                heads: 3,
                ..base.with_model(LmKind::Transformer)
            },
            LmError::Setting(SettingError::WidthHeads {
                width: 32,
                heads: 3,
            }),
        ),
        knob(
            |s| {
                *s = LmSettings {
                    blocks: 5,
                    ..s.with_model(LmKind::Transformer)
                }
            },
            Knob::Blocks,
            5.0,
        ),
        knob(
            |s| {
                *s = LmSettings {
                    width: 136,
                    heads: 4,
                    ..s.with_model(LmKind::Transformer)
                }
            },
            Knob::Width,
            136.0,
        ),
        knob(|s| s.embed = 1, Knob::EmbeddingSize, 1.0),
        knob(|s| s.embed = 33, Knob::EmbeddingSize, 33.0),
        knob(|s| s.hidden = 129, Knob::HiddenUnits, 129.0),
        with_text("", TextError::Empty),
        with_text("aaaa", TextError::OneDistinct { ch: 'a' }),
        with_text(
            &long,
            TextError::TooLong {
                chars: MAX_TEXT_CHARS + 1,
                max: MAX_TEXT_CHARS,
            },
        ),
        with_text(
            "ab\u{1b}c",
            TextError::Control {
                ch: '\u{1b}',
                at: 3,
            },
        ),
        with_text(
            &many,
            TextError::Vocab {
                distinct: 401,
                max: 400,
            },
        ),
    ];
    let mut live = LmSession::new(base.clone()).unwrap();
    live.run(5).unwrap();
    let before = (
        bits(&live.params()),
        live.step_count(),
        live.settings().clone(),
    );
    for (s, want) in cases {
        assert_eq!(s.validate(), Err(want.clone()));
        assert_eq!(LmSession::new(s.clone()).err(), Some(want.clone()));
        assert_eq!(live.set_settings(s), Err(want));
        let now = (
            bits(&live.params()),
            live.step_count(),
            live.settings().clone(),
        );
        assert_eq!(now, before, "a refused change changes nothing");
    }
}

/// A new rate or batch keeps the training; a new text, shape, side or
/// seed starts afresh.
#[test]
fn settings_changes_keep_or_rebuild() {
    let mut s = session("twinkle", |_| {});
    s.run(10).unwrap();
    let p = bits(&s.params());
    let mut t = s.settings().clone();
    (t.learning_rate, t.batch_size) = (0.25, 3);
    s.set_settings(t.clone()).unwrap();
    assert_eq!((bits(&s.params()), s.step_count()), (p, 10));
    assert_eq!(s.step().unwrap().samples.len(), 3);
    for f in [
        (|t: &mut LmSettings| t.text = "abc abd\n".into()) as fn(&mut LmSettings),
        |t| t.context = 4,
        |t| t.embed = 5,
        |t| t.hidden = 3,
        |t| t.sides = Sides::Both,
        |t| t.seed = 9,
    ] {
        let mut s = session("twinkle", |_| {});
        s.run(3).unwrap();
        let mut n = s.settings().clone();
        f(&mut n);
        s.set_settings(n.clone()).unwrap();
        assert_eq!(s.step_count(), 0);
        assert_eq!(
            bits(&s.params()),
            bits(&LmSession::new(n).unwrap().params())
        );
    }
}
