//! The language lab's panels that read the model: Surprise (a second
//! text scored), the next-character bars, the copy text's score, the
//! generated text and the blank filled by GPT and BERT.

use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use super::bars::{set_bars, Bar};
use super::dom::{append, by_id, clear, document, make, set_text};
use crate::app::lab::Lab;
use crate::app::{Lang, Msg};
use crate::core::lm::sample::top;
use crate::core::lm::surprise::outside;
use crate::core::lm::tokens::{display, Vocab};
use crate::render::format::percent;

/// True when `el` has the keyboard focus (a field being typed in is not written over).
pub fn focused(el: &Element) -> bool {
    document().active_element().is_some_and(|a| a == *el)
}

/// A perplexity or a ratio in few digits: `2.29`, `47.3`, `1280`, `3.0e5`.
fn short(v: f64) -> String {
    match v {
        v if v < 10.0 => format!("{v:.2}"),
        v if v < 100.0 => format!("{v:.1}"),
        v if v < 10_000.0 => format!("{v:.0}"),
        v => format!("{v:.1e}"),
    }
}

/// The Surprise region: the second text, each character shaded by its
/// `−log p` (darker: less expected), those outside the vocabulary boxed,
/// and the perplexity set beside the training text's.
pub fn surprise(lab: &Lab, lang: Lang) {
    let area: HtmlTextAreaElement = by_id("surprise-text");
    if !focused(area.as_ref()) && area.value() != lab.surprise {
        area.set_value(&lab.surprise);
    }
    let scored = lab.surprise();
    let v = lab.session.vocab().len();
    // As unexpected as a blind guess among the V characters: the darkest.
    let full = (v.max(2) as f64).ln();
    let out: Element = by_id("surprise-chars");
    clear(&out);
    for c in &scored.chars {
        // A space is a space in running text (shaded like any character).
        let ch = if c.ch == ' ' {
            " ".to_string()
        } else {
            display(c.ch)
        };
        let span = match c.nll {
            Some(nll) => {
                let span = make("span", "", &ch);
                let a = (nll / full).clamp(0.0, 1.0) * 0.8;
                let _ = span.set_attribute("style", &format!("background:rgba(200,45,60,{a:.2})"));
                let args = [
                    ("ch", ch.as_str()),
                    ("p", &percent((-nll).exp())),
                    ("nll", &format!("{nll:.2}")),
                ];
                let _ = span.set_attribute("title", &Msg::SurpriseChar.fill(lang, &args));
                span
            }
            None => {
                let span = make("span", "oov", &ch);
                let _ =
                    span.set_attribute("title", &Msg::SurpriseOutside.fill(lang, &[("ch", &ch)]));
                span
            }
        };
        append(&out, &span);
    }
    let train = lab.session.loss().exp();
    let gap = match scored.perplexity() {
        Some(this) if train.is_finite() && this.is_finite() => {
            let mut line = Msg::SurpriseGap.fill(
                lang,
                &[
                    ("train", &short(train)),
                    ("this", &short(this)),
                    ("ratio", &short(this / train)),
                ],
            );
            if this > v as f64 {
                line.push_str(if lang == Lang::Zh { "" } else { " " });
                line.push_str(&Msg::SurpriseWorse.fill(lang, &[("v", &v.to_string())]));
            }
            line
        }
        _ => Msg::SurpriseNoScore.text(lang).to_string(),
    };
    set_text(&by_id("surprise-gap"), &gap);
    let unknown = scored.unknown();
    let list = unknown
        .iter()
        .map(|&c| display(c))
        .collect::<Vec<_>>()
        .join(" ");
    let line = if unknown.is_empty() {
        String::new()
    } else {
        Msg::SurpriseUnknown.fill(lang, &[("list", &list)])
    };
    set_text(&by_id("surprise-unknown"), &line);
    set_text(&by_id("surprise-note"), Msg::SurpriseNote.text(lang));
}

/// The `k` most likely characters as bars (each with its `raw` probability
/// under it, when the softmax was reshaped), and one row `…` for all the
/// others, so the rows add up to 100%.
fn bars_with_rest(
    parent: &Element,
    v: &Vocab,
    probs: &[f64],
    raw: Option<&[f64]>,
    k: usize,
    truth: Option<u32>,
) {
    let shown = top(probs, k);
    let mut bars: Vec<Bar> = shown
        .iter()
        .map(|&(id, p)| Bar {
            label: display(v.char(id)),
            p,
            raw: raw.map(|r| r[id as usize]),
            truth: truth == Some(id),
            colour: None,
        })
        .collect();
    if probs.len() > shown.len() {
        let rest: f64 = 1.0 - shown.iter().map(|(_, p)| p).sum::<f64>();
        bars.push(Bar {
            label: "…".into(),
            p: rest.max(0.0),
            raw: None,
            truth: false,
            colour: None,
        });
    }
    set_bars(parent, &bars);
}

pub fn next_char(lab: &Lab, lang: Lang) {
    let s = &lab.session;
    let v = s.vocab();
    let box_: Element = by_id("next-bars");
    let shown = |ctx: &[u32]| -> String {
        ctx.iter()
            .map(|&t| {
                if t == v.pad() {
                    "▫".to_string()
                } else {
                    display(v.char(t))
                }
            })
            .collect()
    };
    let sample = s.last_update().filter(|_| lab.show_sample);
    let mut head;
    match (sample, &lab.last) {
        // The last step's sample, its true next character outlined.
        (Some(u), _) => {
            head = Msg::NextContext.fill(lang, &[("ctx", &shown(&u.context))]);
            let mut probs = vec![0.0; v.len()];
            s.probs(&u.context, &mut probs);
            bars_with_rest(&box_, v, &probs, None, 10, Some(u.target));
        }
        // The softmax the last generated character came from: reshaped by
        // temperature and top-k, the raw probabilities under each bar.
        (None, Some(g)) => {
            let before: String = {
                let mut c: Vec<char> = lab.prompt.chars().collect();
                c.pop();
                c.into_iter().collect()
            };
            let ids: Vec<u32> = before.chars().filter_map(|c| v.id(c)).collect();
            let (ctx, _) = lab.context_of(&ids);
            head = Msg::NextContext.fill(lang, &[("ctx", &shown(&ctx))]);
            bars_with_rest(&box_, v, &g.reshaped, Some(&g.raw), 10, Some(g.token));
        }
        // The prompt's end, padded when it is shorter than the context.
        (None, None) => {
            let (ctx, pads) = lab.prompt_context();
            head = Msg::NextContext.fill(lang, &[("ctx", &shown(&ctx))]);
            if pads > 0 {
                head.push(' ');
                head.push_str(&Msg::NextPadded.fill(lang, &[("pads", &pads.to_string())]));
            }
            let mut probs = vec![0.0; v.len()];
            s.probs(&ctx, &mut probs);
            bars_with_rest(&box_, v, &probs, None, 10, None);
        }
    }
    set_text(&by_id("next-context"), &head);
    set_text(&by_id("next-note"), Msg::NextNote.text(lang));
}

/// The copy text's score: it reads 60 predictions, so while Play trains
/// only every 100 steps.
pub fn copy_score(lab: &Lab, lang: Lang, playing: bool, last: &mut Option<(Lang, u64, u64)>) {
    let el: web_sys::HtmlElement = by_id("copy-score");
    let s = &lab.session;
    let key = (lang, s.step_count(), s.latest_step() ^ s.settings().seed);
    let stale = match *last {
        Some((l, step, _)) if playing => l != lang || key.1 >= step + 100 || key.1 < step,
        Some(k) => k != key,
        None => true,
    };
    if !stale {
        return;
    }
    *last = Some(key);
    match lab.copy_score() {
        Some((acc, n)) => {
            let text = Msg::CopyScore.fill(
                lang,
                &[
                    ("pc", &crate::app::format::percent(acc)),
                    ("n", &n.to_string()),
                ],
            );
            set_text(&el, &text);
            el.set_hidden(false);
        }
        None => el.set_hidden(true),
    }
}

pub fn generated(lab: &Lab, lang: Lang) {
    let input: HtmlTextAreaElement = by_id("prompt");
    if !focused(input.as_ref()) && input.value() != lab.prompt {
        input.set_value(&lab.prompt);
    }
    let out: Element = by_id("generated-text");
    clear(&out);
    let chars: Vec<char> = lab.prompt.chars().collect();
    let split = chars.len().saturating_sub(lab.generated);
    let given: String = chars[..split].iter().collect();
    let made: String = chars[split..].iter().collect();
    append(&out, &make("span", "", &given));
    append(&out, &make("mark", "", &made));
    set_text(&by_id("generate-note"), Msg::GenerateNote.text(lang));
    let cut: HtmlElement = by_id("prompt-cut");
    match lab.prompt_cut() {
        Some(n) => {
            set_text(&cut, &Msg::PromptCut.fill(lang, &[("n", &n.to_string())]));
            cut.set_hidden(false);
        }
        None => cut.set_hidden(true),
    }
}

pub fn blank(lab: &Lab, lang: Lang) {
    let cols: Element = by_id("blank-bars");
    clear(&cols);
    let Some(b) = &lab.blank else {
        set_text(&by_id("blank-shown"), Msg::BlankNone.text(lang));
        return;
    };
    let field: HtmlInputElement = by_id("blank-sentence");
    if !focused(field.as_ref()) && field.value() != b.sentence {
        field.set_value(&b.sentence);
    }
    let field: HtmlInputElement = by_id("blank-at");
    if !focused(field.as_ref()) {
        field.set_value(&(b.at + 1).to_string());
    }
    let chars: Vec<char> = b.sentence.chars().collect();
    let at = b.at.min(chars.len().saturating_sub(1));
    let left: String = chars[..at].iter().collect();
    let right: String = chars
        .get(at + 1..)
        .map(|r| r.iter().collect())
        .unwrap_or_default();
    let ch = chars.get(at).copied().unwrap_or(' ');
    set_text(
        &by_id("blank-shown"),
        &Msg::BlankShown.fill(
            lang,
            &[("left", &left), ("right", &right), ("ch", &display(ch))],
        ),
    );
    let Some((l, r)) = lab.blank_probs() else {
        return;
    };
    let v = b.left.vocab();
    let truth = v.id(ch);
    // Characters the models never saw: the answer (no class can give it)
    // and the context (left out of it).
    let mut flags = Vec::new();
    if truth.is_none() {
        flags.push(Msg::BlankUnknownAnswer.fill(lang, &[("ch", &display(ch))]));
    }
    let context: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != at)
        .map(|(_, c)| c)
        .collect();
    let outside = outside(v, &context);
    if !outside.is_empty() {
        let list = outside
            .iter()
            .map(|&c| display(c))
            .collect::<Vec<_>>()
            .join(" ");
        flags.push(Msg::BlankUnknownContext.fill(lang, &[("list", &list)]));
    }
    if !flags.is_empty() {
        let p = make("p", "hint blank-oov", &flags.join(" "));
        append(&cols, &p);
    }
    for (title, probs) in [(Msg::BlankLeft, &l), (Msg::BlankBoth, &r)] {
        let col = make("div", "", "");
        append(&col, &make("h3", "", title.text(lang)));
        let bars = make("div", "bars", "");
        bars_with_rest(&bars, v, probs, None, 5, truth);
        append(&col, &bars);
        append(&cols, &col);
    }
    let n = b.left.settings().context.to_string();
    set_text(
        &by_id("blank-note"),
        &Msg::BlankNote.fill(lang, &[("n", &n)]),
    );
}
