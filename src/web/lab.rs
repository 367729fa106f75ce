//! The language lab's part of the page: its controls turned into actions,
//! and its panels written from the workspace (the text and its tokens, the
//! readouts, the attention selects, the GPT–BERT comparison); the panels
//! that read the model are in [`super::lab_panels`].

use web_sys::{Element, HtmlElement, HtmlSelectElement, HtmlTextAreaElement};

use super::attention::AttentionSelects;
use super::dom::{append, by_id, clear, document, make, set_attr, set_text};
use super::lab_panels::{blank, copy_score, focused, generated, next_char, surprise};
use crate::app::lab::Lab;
use crate::app::{Lang, Msg, Workspace};
use crate::core::lm::settings::LmKind;
use crate::core::lm::tokens::{display, Vocab};
use crate::core::lm::transformer::learner::Objective;
use crate::render::format::{loss, percent};

/// Steps between scorings of the second text while Play trains.
const SURPRISE_EVERY: u64 = 200;

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
