//! The scaling lab's runs, natively: reproducible from their seed, and
//! on the built-in texts bigger models and more tokens give lower
//! held-out loss, with a law that fits.

use neuronlab::core::analysis::scaling::{fit, frontier};
use neuronlab::core::scaling::corpus::Corpus;
use neuronlab::core::scaling::family::{default_budgets, RunSpec, SIZES};
use neuronlab::core::scaling::run::train;

fn corpus(name: &str) -> Corpus {
    let path = format!("{}/www/corpora/{name}", env!("CARGO_MANIFEST_DIR"));
    Corpus::new(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The default sweep on both built-in texts, printed with its fit (slow:
/// `cargo test --release --test scaling -- --ignored --nocapture`).
#[test]
#[ignore]
fn default_sweeps() {
    for name in std::env::var("TEXTS")
        .unwrap_or("genesis-en.txt,tang-song-zh.txt".into())
        .split(',')
    {
        let c = corpus(name);
        println!(
            "{name}: V = {}, train {}, held out {}, folded {:.1}%",
            c.vocab(),
            c.train_len(),
            c.heldout_len(),
            100.0 * c.folded_share()
        );
        let mut points = Vec::new();
        for size in SIZES[..5]
            .iter()
            .filter(|s| std::env::var("SIZES").map_or(true, |v| v.contains(&s.width.to_string())))
        {
            for &tokens in &default_budgets(c.train_len()) {
                let t = std::time::Instant::now();
                let r = train(
                    &c,
                    RunSpec {
                        size: *size,
                        tokens,
                        seed: 1,
                    },
                )
                .unwrap();
                println!(
                    "  N {:>7} D {:>7} C {:.2e} loss {:.4} acc {:.3} {:.1} s",
                    r.params,
                    r.tokens,
                    r.compute,
                    r.loss,
                    r.accuracy,
                    t.elapsed().as_secs_f64()
                );
                points.push((r.compute, r.loss));
            }
        }
        let f = frontier(&points);
        let front: Vec<(f64, f64)> = f.iter().map(|&i| points[i]).collect();
        println!("  frontier {front:?}");
        println!("  fit all {:?}", fit(&points));
        println!("  fit frontier {:?}", fit(&front));
    }
}

/// A run is the same from the same seed, another seed gives another run,
/// and more tokens give a lower held-out loss.
#[test]
fn runs_repeat_from_their_seed_and_learn_from_more_tokens() {
    let c = corpus("genesis-en.txt");
    let spec = |tokens, seed| RunSpec {
        size: SIZES[0],
        tokens,
        seed,
    };
    let a = train(&c, spec(5_000, 1)).unwrap();
    let b = train(&c, spec(5_000, 1)).unwrap();
    assert_eq!(a, b);
    let other = train(&c, spec(5_000, 2)).unwrap();
    assert_ne!(a.loss, other.loss);
    let more = train(&c, spec(20_000, 1)).unwrap();
    assert!(more.loss < a.loss - 0.05, "{} then {}", a.loss, more.loss);
    // Both below a uniform guess over the characters, above zero.
    assert!(a.loss < (c.vocab() as f64).ln() && more.loss > 0.5);
    assert_eq!(a.compute, 6.0 * a.params as f64 * 5_000.0);
}

/// The Chinese text folds its rarest characters into one class and keeps
/// enough held-in text for the default budgets.
#[test]
fn the_builtin_texts_fit_their_default_budgets() {
    for name in ["genesis-en.txt", "tang-song-zh.txt"] {
        let c = corpus(name);
        let budgets = default_budgets(c.train_len());
        assert_eq!(budgets.len(), 3, "{name}");
        assert!(*budgets.last().unwrap() <= c.train_len());
    }
    let zh = corpus("tang-song-zh.txt");
    assert_eq!(zh.vocab(), neuronlab::core::scaling::corpus::MAX_IDS);
    assert!(zh.folded_share() > 0.1 && zh.folded_share() < 0.3);
}
