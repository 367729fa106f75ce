//! A second text scored character by character (Surprise): the model's own
//! text against one it never saw, characters outside the vocabulary
//! flagged; and the embedding plane's labels, which no longer pile up.

use neuronlab::core::lm::session::{LmSession, LmSettings};
use neuronlab::core::lm::surprise::{outside, score, MAX_SURPRISE_CHARS};
use neuronlab::core::lm::texts::{by_id, unlike};
use neuronlab::render::embedding_layout::{label_px, layout};

fn trained(id: &str, steps: usize) -> LmSession {
    let mut s = LmSession::new(LmSettings::for_text(by_id(id).unwrap().text)).unwrap();
    s.run(steps).unwrap();
    s
}

#[test]
fn a_japanese_dish_surprises_a_model_of_home_cooking() {
    for (id, zh) in [("zh-recipes", true), ("en-recipes", false)] {
        let s = trained(id, 1500);
        let text = by_id(id).unwrap().text;
        let home: String = text.chars().take(120).collect();
        let own = score(&s, &home);
        let dish = score(&s, unlike(zh));
        assert!(own.unknown().is_empty(), "{id}: its own text is all known");
        let (p_own, p_dish) = (own.perplexity().unwrap(), dish.perplexity().unwrap());
        println!(
            "{id}: perplexity {p_own:.2} on its text, {p_dish:.2} on the dish; training {:.2}",
            s.loss().exp()
        );
        assert!(p_dish > 1.5 * p_own, "{id}: {p_dish} vs {p_own}");
        // The characters it never saw are flagged, not scored.
        let flagged = dish.unknown();
        assert_eq!(flagged, outside(s.vocab(), unlike(zh)));
        assert!(!flagged.is_empty());
        for c in &dish.chars {
            assert_eq!(c.nll.is_none(), s.vocab().id(c.ch).is_none(), "{:?}", c.ch);
            assert!(c.nll.is_none_or(|n| n.is_finite() && n >= 0.0));
        }
    }
}

#[test]
fn surprise_is_minus_log_p_after_the_characters_before() {
    let s = trained("en-repeat", 300);
    let text = by_id("en-repeat").unwrap().text;
    let sc = score(&s, &text[..30]);
    let v = s.vocab();
    let ids: Vec<u32> = text.chars().take(30).map(|c| v.id(c).unwrap()).collect();
    let mut p = vec![0.0; v.len()];
    for (i, c) in sc.chars.iter().enumerate() {
        s.sequence_model().next_probs(&ids[..i], &mut p);
        assert!((c.nll.unwrap() + p[ids[i] as usize].ln()).abs() < 1e-12);
    }
    // A character the model never saw is left out of the context after it.
    let with: Vec<char> = "hel日lo".chars().collect();
    let without = score(&s, "hello");
    let scored = score(&s, &with.iter().collect::<String>());
    assert_eq!(scored.chars[3].nll, None);
    assert_eq!(scored.chars[4].nll, without.chars[3].nll);
    // Nothing known: nothing to score; a long text is cut.
    let none = score(&s, "日本語");
    assert_eq!((none.mean(), none.unknown().len()), (None, 3));
    let long: String = "hello ".repeat(200);
    let cut = score(&s, &long);
    assert!(cut.cut && cut.chars.len() == MAX_SURPRISE_CHARS);
}

#[test]
fn the_tang_poems_plane_labels_no_two_characters_on_top_of_each_other() {
    let s = trained("tang-poems", 200);
    let v = s.vocab().len();
    assert!(v > 100, "{v} characters");
    let (w, h) = (400.0, 320.0);
    let plane = layout(&s, &[0, 1, 2], w, h, 1.0);
    let size = plane.size;
    assert_eq!(size, label_px(v));
    let shown: Vec<(f64, f64)> = (0..v)
        .filter(|&i| plane.labelled[i])
        .map(|i| plane.at[i])
        .collect();
    for (k, a) in shown.iter().enumerate() {
        for b in &shown[k + 1..] {
            let apart = (a.0 - b.0).abs() >= size || (a.1 - b.1).abs() >= size;
            assert!(apart, "labels at {a:?} and {b:?} overlap");
        }
    }
    // The context's characters are labelled first; every point is drawn.
    assert!(plane.labelled[..3].iter().all(|&l| l));
    assert!(plane
        .at
        .iter()
        .all(|p| p.0.is_finite() && (0.0..=w).contains(&p.0)));
    // All labelled, as before, they would pile up: many overlap.
    let overlapping = (0..v)
        .filter(|&i| {
            (0..v).any(|j| {
                j != i
                    && (plane.at[i].0 - plane.at[j].0).abs() < size
                    && (plane.at[i].1 - plane.at[j].1).abs() < size
            })
        })
        .count();
    println!(
        "{} of {v} labelled; {overlapping} would overlap",
        shown.len()
    );
    assert!(
        overlapping > v / 3,
        "the old drawing was readable after all"
    );
    assert!(shown.len() >= 20, "only {} labels", shown.len());
}
