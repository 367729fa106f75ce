//! The chart panel's tabs: the loss curve, the loss landscape, the hidden
//! space and the activation function, with their pickers.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlSelectElement};

use super::dom::{append, by_id, clear, document, make, set_text, show};
use super::i18n::{t, tf, Lang};
use crate::core::activation::Activation;
use crate::core::analysis::hidden::HiddenView;
use crate::core::analysis::landscape::{Landscape, DEFAULT_BUDGET, DEFAULT_N};
use crate::core::model::ModelKind;
use crate::core::session::Session;
use crate::render::activation_plot::{draw_activation, output_activation, ActivationLabels};
use crate::render::canvas;
use crate::render::hidden::{draw_hidden, HiddenLabels};
use crate::render::landscape::{draw_landscape, LandscapeLabels};

/// Which chart the panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Training (and held-out) loss per step.
    Loss,
    /// Loss over two parameters, with the training path.
    Landscape,
    /// The last hidden layer's space.
    Hidden,
    /// The activation function and its slope.
    Activation,
}

impl Chart {
    /// The chart named by a tab's `data-view`.
    pub fn from_id(id: &str) -> Option<Chart> {
        match id {
            "loss" => Some(Chart::Loss),
            "landscape" => Some(Chart::Landscape),
            "hidden" => Some(Chart::Hidden),
            "activation" => Some(Chart::Activation),
            _ => None,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Chart::Loss => "loss",
            Chart::Landscape => "landscape",
            Chart::Hidden => "hidden",
            Chart::Activation => "activation",
        }
    }
}

/// The panel's state.
pub struct Views {
    /// The chart shown.
    pub chart: Chart,
    /// The two things picked (parameters or units), as indices.
    pub picks: (usize, usize),
    /// What the pickers were last filled for.
    filled: Option<(Chart, ModelKind, Vec<usize>, Lang)>,
    /// When the landscape was last computed (ms), to limit it while playing.
    last_heavy: f64,
}

/// While playing, the landscape is recomputed at most this often (ms).
const HEAVY_INTERVAL_MS: f64 = 400.0;

impl Default for Views {
    fn default() -> Self {
        Views {
            chart: Chart::Loss,
            picks: (0, 1),
            filled: None,
            last_heavy: f64::NEG_INFINITY,
        }
    }
}

impl Views {
    /// Shows chart `chart`.
    pub fn select(&mut self, chart: Chart) {
        if chart != self.chart {
            self.chart = chart;
            self.picks = (0, 1);
            self.filled = None;
            self.last_heavy = f64::NEG_INFINITY;
        }
    }

    /// Forgets what the pickers hold (model or language changed).
    pub fn refill(&mut self) {
        self.filled = None;
        self.last_heavy = f64::NEG_INFINITY;
    }

    /// True when the chart shown is the loss curve.
    pub fn is_loss(&self) -> bool {
        self.chart == Chart::Loss
    }

    /// Updates tabs, pickers and the note for the session; returns the
    /// canvas to draw the chart into (sized), or `None` for the loss curve.
    fn prepare(&mut self, s: &Session, lang: Lang, dpr: f64) -> Option<HtmlCanvasElement> {
        if let Ok(tabs) = document().query_selector_all(".tabs button") {
            for i in 0..tabs.length() {
                if let Some(tab) = tabs.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let on = tab.get_attribute("data-view").as_deref() == Some(self.chart.id());
                    let _ = tab.set_attribute("aria-selected", if on { "true" } else { "false" });
                }
            }
        }
        let loss: HtmlElement = by_id("loss-chart");
        let boxed: HtmlElement = by_id("view-box");
        show(&loss, self.is_loss());
        show(&boxed, !self.is_loss());
        if self.is_loss() {
            return None;
        }
        let net = s.model().net();
        let key = (self.chart, s.model().kind(), net.sizes().to_vec(), lang);
        if self.filled.as_ref() != Some(&key) {
            self.fill_pickers(s, lang);
            self.filled = Some(key);
        }
        let note = match self.chart {
            Chart::Landscape => t(lang, "n-landscape"),
            Chart::Hidden if net.layers().len() < 2 => t(lang, "n-hidden-none"),
            Chart::Hidden => t(lang, "n-hidden"),
            _ => t(lang, "n-activation"),
        };
        set_text(&by_id("view-note"), note);
        let c: HtmlCanvasElement = by_id("view-canvas");
        let width = boxed.client_width().max(160) as f64;
        canvas::fit(&c, width, 190.0, dpr);
        Some(c)
    }

    fn fill_pickers(&mut self, s: &Session, lang: Lang) {
        let names: Vec<String> = match self.chart {
            Chart::Landscape => s.model().param_names(),
            Chart::Hidden => {
                let sizes = s.model().net().sizes();
                let units = if sizes.len() > 2 {
                    sizes[sizes.len() - 2]
                } else {
                    0
                };
                (1..=units)
                    .map(|u| tf(lang, "unit", &[&u.to_string()]))
                    .collect()
            }
            _ => Vec::new(),
        };
        let n = names.len();
        if self.picks.0 >= n || self.picks.1 >= n || self.picks.0 == self.picks.1 {
            self.picks = (0, usize::from(n > 1));
        }
        for (id, label, pick) in [
            ("pick-a", "pick-a-label", self.picks.0),
            ("pick-b", "pick-b-label", self.picks.1),
        ] {
            let select: HtmlSelectElement = by_id(id);
            clear(&select);
            for (i, name) in names.iter().enumerate() {
                let o = make("option", "", name);
                let _ = o.set_attribute("value", &i.to_string());
                append(&select, &o);
            }
            select.set_value(&pick.to_string());
            show(&by_id::<HtmlElement>(label), n >= 2);
        }
    }

    /// Draws the chosen chart (not the loss curve, which the app draws).
    /// `now` limits the costly landscape while `playing`.
    pub fn draw(
        &mut self,
        s: &Session,
        lang: Lang,
        dpr: f64,
        now: f64,
        playing: bool,
    ) -> Result<(), String> {
        let Some(c) = self.prepare(s, lang, dpr) else {
            return Ok(());
        };
        match self.chart {
            Chart::Loss => Ok(()),
            Chart::Landscape => {
                if playing && now - self.last_heavy < HEAVY_INTERVAL_MS {
                    return Ok(());
                }
                self.last_heavy = now;
                draw_landscape_view(&c, s, self.picks, dpr, lang)
            }
            Chart::Hidden => draw_hidden_view(&c, s, self.picks, dpr, lang),
            Chart::Activation => draw_activation_view(&c, s, dpr, lang),
        }
    }
}

/// The function a model's units apply: the hidden activation for networks,
/// the output's for single-layer models.
fn shown_activation(s: &Session) -> Activation {
    let net = s.model().net();
    if net.layers().len() > 1 {
        net.activation()
    } else {
        output_activation(net.head())
    }
}

fn draw_landscape_view(
    c: &HtmlCanvasElement,
    s: &Session,
    picks: (usize, usize),
    dpr: f64,
    lang: Lang,
) -> Result<(), String> {
    // A sample of at most DEFAULT_BUDGET forward passes keeps big data sets
    // responsive; the path and the current point stay exact.
    let land = Landscape::compute_within(s, picks.0, picks.1, DEFAULT_N, DEFAULT_BUDGET);
    let labels = LandscapeLabels {
        loss: t(lang, "l-loss"),
        log_scale: t(lang, "l-log"),
        path: t(lang, "l-path"),
        current: t(lang, "l-now"),
    };
    draw_landscape(c, &land, dpr, &labels)
}

fn draw_hidden_view(
    c: &HtmlCanvasElement,
    s: &Session,
    picks: (usize, usize),
    dpr: f64,
    _lang: Lang,
) -> Result<(), String> {
    match HiddenView::compute(s, picks) {
        Some(view) => draw_hidden(c, &view, dpr, &HiddenLabels { unit: "h" }),
        None => canvas::clear(c),
    }
}

fn draw_activation_view(
    c: &HtmlCanvasElement,
    s: &Session,
    dpr: f64,
    lang: Lang,
) -> Result<(), String> {
    let labels = ActivationLabels {
        z: t(lang, "a-z"),
        f: "f(z)",
        df: "f′(z)",
    };
    draw_activation(c, shown_activation(s), dpr, &labels)
}
