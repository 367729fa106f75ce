//! The language lab's part of the page: its controls turned into actions,
//! and its panels written from the workspace (the text and its tokens, the
//! next-character bars, generation, the blank comparison, the readouts).

use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::attention::AttentionSelects;
use super::bars::{set_bars, Bar};
use super::dom::{append, by_id, clear, document, make, set_attr, set_text};
use crate::app::lab::Lab;
use crate::app::{Lang, Msg, Workspace};
use crate::core::lm::sample::top;
use crate::core::lm::settings::LmKind;
use crate::core::lm::surprise::outside;

/// Steps between scorings of the second text while Play trains.
const SURPRISE_EVERY: u64 = 200;
use crate::core::lm::tokens::{display, Vocab};
use crate::core::lm::transformer::learner::Objective;
use crate::render::format::{loss, percent};

fn focused(el: &Element) -> bool {
    document().active_element().is_some_and(|a| a == *el)
}

/// The name of built-in text `id`.
fn text_name(id: &str) -> Msg {
    match id {
        "tang-poems" => Msg::TextTang,
        "zh-park" => Msg::TextZhPark,
        "zh-repeat" => Msg::TextZhRepeat,
        "twinkle" => Msg::TextTwinkle,
        "mary-lamb" => Msg::TextMary,
        "en-park" => Msg::TextEnPark,
        "en-repeat" => Msg::TextEnRepeat,
        "copy-en" => Msg::TextCopyEn,
        "copy-zh" => Msg::TextCopyZh,
        "zh-recipes" => Msg::TextZhRecipes,
        "en-recipes" => Msg::TextEnRecipes,
        _ => Msg::TextOwn,
    }
}

/// What the lab's panels last showed, so a frame rewrites only what changed.
#[derive(Default)]
pub struct LabView {
    built: Option<(Lang, usize, u64)>,
    attention: AttentionSelects,
    /// What the Surprise region was written for: the language, the model's
    /// state and the second text.
    scored: Option<(Lang, u64, u64, usize, String)>,
    /// What the comparison's table was written for: the language, both
    /// models' steps, and the sentence's version.
    compared: Option<(Lang, u64, u64)>,
    /// What the copy score was measured at: the language, the step and the run.
    copied: Option<(Lang, u64, u64)>,
}

impl LabView {
    /// Forgets what was built (the language changed).
    pub fn refill(&mut self) {
        self.built = None;
        self.attention = AttentionSelects::default();
        self.scored = None;
        self.compared = None;
        self.copied = None;
    }

    /// Writes the lab's panels from `ws`.
    pub fn sync(&mut self, ws: &Workspace) {
        let lang = ws.lang();
        let lab = ws.lab();
        let s = &lab.session;
        let key = (
            lang,
            s.vocab().len(),
            s.tokens().len() as u64 ^ s.settings().seed,
        );
        if self.built != Some(key) {
            text_options(lab, lang);
            tokens(s.vocab(), lang);
            self.built = Some(key);
        }
        let select: HtmlSelectElement = by_id("text");
        select.set_value(lab.text_id.unwrap_or(""));
        let transformer = s.settings().model == LmKind::Transformer;
        by_id::<HtmlSelectElement>("lm-model").set_value(if transformer {
            "transformer"
        } else {
            "window"
        });
        by_id::<HtmlSelectElement>("objective").set_value(match s.settings().objective {
            Objective::Next => "next",
            Objective::Masked => "masked",
        });
        set_lm_attr(if transformer { "transformer" } else { "window" });
        let area: HtmlTextAreaElement = by_id("training-text");
        if !focused(area.as_ref()) && area.value() != s.settings().text {
            area.set_value(&s.settings().text);
        }
        let st = s.settings();
        let v = s.vocab().len().to_string();
        let msg = match (st.model, st.objective) {
            (LmKind::Transformer, Objective::Next) => Msg::LabExplainDecoder,
            (LmKind::Transformer, Objective::Masked) => Msg::LabExplainEncoder,
            _ if st.hidden > 0 => Msg::LabExplainHidden,
            _ => Msg::LabExplain,
        };
        let explain = msg.fill(
            lang,
            &[
                ("d", &st.embed.to_string()),
                ("n", &st.context.to_string()),
                ("h", &st.hidden.to_string()),
                ("v", &v),
                ("l", &st.blocks.to_string()),
                ("heads", &st.heads.to_string()),
                ("c", &st.width.to_string()),
            ],
        );
        set_text(&by_id("lab-explain"), &explain);
        let d = s.sequence_model().embeddings().1;
        let mut note = if st.model == LmKind::Window && st.hidden == 0 && d == 2 {
            Msg::EmbeddingPlane.text(lang).to_string()
        } else if d > 2 {
            Msg::EmbeddingPca.fill(lang, &[("d", &d.to_string())])
        } else {
            Msg::EmbeddingNoRegions.text(lang).to_string()
        };
        if s.vocab().len() > 40 {
            note.push_str(if lang == Lang::Zh { "" } else { " " });
            note.push_str(Msg::EmbeddingCrowded.text(lang));
        }
        set_text(&by_id("embedding-note"), &note);
        readouts(ws);
        if transformer {
            self.attention.sync(lab, lang, !ws.playing());
        }
        next_char(lab, lang);
        copy_score(lab, lang, ws.playing(), &mut self.copied);
        generated(lab, lang);
        blank(lab, lang);
        self.compare(lab, lang);
        // While Play trains, the second text is scored again every 200
        // steps, not on every report: scoring runs the model once per
        // character (a transformer's report took 50 ms of a frame).
        let coarse = |n: u64| {
            if ws.playing() {
                n / SURPRISE_EVERY * SURPRISE_EVERY
            } else {
                n
            }
        };
        let step = coarse(s.step_count());
        let key = (
            lang,
            step,
            s.settings().seed ^ coarse(s.latest_step()),
            s.tokens().len(),
            lab.surprise.clone(),
        );
        if self.scored.as_ref() != Some(&key) {
            surprise(lab, lang);
            self.scored = Some(key);
        }
    }
}

impl LabView {
    /// The comparison of GPT and BERT: the toggle, both models scored on
    /// the same held-out blanks (while both train, every 40 steps), and
    /// what each wrote on, or why it could not.
    fn compare(&mut self, lab: &Lab, lang: Lang) {
        let play: HtmlElement = by_id("compare-play");
        let playing = lab.blank.as_ref().is_some_and(|b| b.playing);
        let _ = play.set_attribute("aria-pressed", if playing { "true" } else { "false" });
        let label = if playing {
            Msg::ComparePause
        } else {
            Msg::ComparePlay
        };
        set_text(&play, label.text(lang));
        let written: Element = by_id("compare-written");
        let table: Element = by_id("compare-scores");
        let Some(b) = &lab.blank else {
            clear(&written);
            clear(&table);
            self.compared = None;
            return;
        };
        clear(&written);
        if let Some(text) = &b.written {
            let line = Msg::CompareWrote.fill(lang, &[("text", text)]);
            append(&written, &make("p", "generated", &line));
        }
        if b.refused {
            append(&written, &make("p", "hint", Msg::CannotWrite.text(lang)));
        }
        let (l, r) = (b.left.step_count(), b.both.step_count());
        let due = match self.compared {
            Some((lg, sl, sr)) if lg == lang && playing => l < sl + 40 && r < sr + 40,
            Some(key) => key == (lang, l, r),
            None => false,
        };
        if due {
            return;
        }
        self.compared = Some((lang, l, r));
        clear(&table);
        let scores = lab.blank_scores();
        let caption = match scores {
            Some((s, _)) => Msg::CompareCaption.fill(lang, &[("n", &s.count.to_string())]),
            None => Msg::CompareNoHeld.text(lang).to_string(),
        };
        append(&table, &make("caption", "", &caption));
        let head = make("tr", "", "");
        for m in [
            Msg::CompareModel,
            Msg::CompareSteps,
            Msg::Loss,
            Msg::Accuracy,
        ] {
            let th = make("th", "", m.text(lang));
            set_attr(&th, "scope", "col");
            append(&head, &th);
        }
        append(&table, &head);
        let rows = [
            (Msg::CompareDecoder, l, scores.map(|s| s.0)),
            (Msg::CompareEncoder, r, scores.map(|s| s.1)),
        ];
        for (name, steps, score) in rows {
            let tr = make("tr", "", "");
            let th = make("th", "", name.text(lang));
            set_attr(&th, "scope", "row");
            append(&tr, &th);
            append(&tr, &make("td", "", &steps.to_string()));
            let (loss_text, acc) = score.map_or(("–".into(), "–".into()), |s| {
                (loss(s.loss), percent(s.accuracy))
            });
            append(&tr, &make("td", "", &loss_text));
            append(&tr, &make("td", "", &acc));
            append(&table, &tr);
        }
    }
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
fn surprise(lab: &Lab, lang: Lang) {
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

fn text_options(lab: &Lab, lang: Lang) {
    let select: HtmlSelectElement = by_id("text");
    clear(&select);
    for (id, _) in Lab::texts() {
        let o = make("option", "", text_name(id).text(lang));
        let _ = o.set_attribute("value", id);
        append(&select, &o);
    }
    let own = make("option", "", Msg::TextOwn.text(lang));
    let _ = own.set_attribute("value", "");
    append(&select, &own);
    select.set_value(lab.text_id.unwrap_or(""));
}

fn tokens(v: &Vocab, lang: Lang) {
    let n = v.len().to_string();
    set_text(
        &by_id("tokens-info"),
        &Msg::TokensInfo.fill(lang, &[("v", &n)]),
    );
    let list: Element = by_id("tokens");
    clear(&list);
    for (id, &c) in v.chars().iter().enumerate() {
        let item = make("span", "", &display(c));
        let _ = item.set_attribute("role", "listitem");
        append(&item, &make("small", "", &id.to_string()));
        append(&list, &item);
    }
}

fn readouts(ws: &Workspace) {
    let s = &ws.lab().session;
    let l = s.loss();
    set_text(&by_id("loss"), &loss(l));
    let ppl = l.exp();
    set_text(
        &by_id("perplexity"),
        &if ppl.is_finite() {
            format!("{ppl:.2}")
        } else {
            "–".into()
        },
    );
    set_text(&by_id("step-count"), &s.step_count().to_string());
    set_text(&by_id("epoch"), &s.epoch().to_string());
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

fn next_char(lab: &Lab, lang: Lang) {
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
fn copy_score(lab: &Lab, lang: Lang, playing: bool, last: &mut Option<(Lang, u64, u64)>) {
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

fn generated(lab: &Lab, lang: Lang) {
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

fn blank(lab: &Lab, lang: Lang) {
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

/// Marks the page's mode on `<body>` (CSS shows the parts of that mode).
/// Marks the page with the lab's model (`data-lm`), which shows that
/// model's own fields.
fn set_lm_attr(kind: &str) {
    if let Some(body) = document().body() {
        if body.get_attribute("data-lm").as_deref() != Some(kind) {
            let _ = body.set_attribute("data-lm", kind);
        }
    }
}

pub fn set_mode_attr(mode: &str) {
    if let Some(body) = document().body() {
        if body.get_attribute("data-mode").as_deref() != Some(mode) {
            let _ = body.set_attribute("data-mode", mode);
        }
    }
}
