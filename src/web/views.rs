//! The chart panel's tabs: the loss curve (with the confusion matrix or the
//! loss by degree under it), the network diagram, the loss landscape, the
//! hidden space and the activation function, with their pickers.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlSelectElement};

use super::detail;
use super::dom::{append, by_id, clear, document, make, set_attr, set_text, show};
use super::network;
use crate::app::chart::Chart;
use crate::app::{Lang, Msg, Workspace};
use crate::core::activation::Activation;
use crate::core::analysis::hidden::HiddenView;
use crate::core::analysis::landscape::{Landscape, DEFAULT_BUDGET, DEFAULT_N};
use crate::core::data::Task;
use crate::core::model::ModelKind;
use crate::core::session::Session;
use crate::render::activation_plot::{draw_activation, output_activation, ActivationLabels};
use crate::render::canvas;
use crate::render::hidden::{draw_hidden, HiddenLabels};
use crate::render::landscape::{draw_landscape, LandscapeLabels};
use crate::render::view::{Rect, View};

/// What the chart panel last drew, kept between frames.
#[derive(Default)]
pub struct Views {
    /// What the pickers were last filled for.
    filled: Option<(Chart, ModelKind, Vec<usize>, Lang)>,
    /// When the landscape was last computed (ms), to limit it while playing.
    last_heavy: Option<f64>,
    /// The landscape's plotting area (CSS pixels) and its two parameters.
    landscape: Option<(View, (usize, usize))>,
    /// When the tables under the loss curve were last written (ms).
    last_tables: Option<f64>,
    /// When the network diagram was last drawn while playing (ms).
    last_net: Option<f64>,
    /// The chart box's width (CSS px) read at the frame's start, if shown.
    width: Option<i32>,
    /// The chart the tabs and boxes were last set for.
    tabs: Option<Chart>,
}

/// While playing, the landscape is recomputed at most this often (ms).
const HEAVY_INTERVAL_MS: f64 = 400.0;
/// While playing, the tables under the loss curve are rewritten at most this
/// often (ms).
const TABLE_INTERVAL_MS: f64 = 120.0;
/// While playing, the network diagram is drawn at most this often (ms).
const NET_INTERVAL_MS: f64 = 50.0;

impl Views {
    /// Forgets what the panel shows, so the next draw rebuilds it.
    pub fn refill(&mut self) {
        self.filled = None;
        self.tabs = None;
        self.last_heavy = None;
        self.last_tables = None;
    }

    /// Reads the chart box's width now, before the frame writes anything
    /// (a read after a write makes the browser lay out the page there and
    /// then); a hidden box is read when it is shown.
    pub fn measure(&mut self) {
        let boxed: HtmlElement = by_id("view-box");
        self.width = (!boxed.hidden()).then(|| boxed.client_width());
    }

    /// The landscape's plotting area (CSS pixels) and its two parameters,
    /// while it is shown.
    pub fn landscape(&self) -> Option<(View, (usize, usize))> {
        self.landscape
    }

    /// Updates tabs, pickers and the note for the session; returns the
    /// canvas to draw the chart into (sized), or `None` for the loss curve.
    fn prepare(
        &mut self,
        chart: Chart,
        picks: (usize, usize),
        s: &Session,
        lang: Lang,
        dpr: f64,
    ) -> Option<HtmlCanvasElement> {
        let is_loss = chart == Chart::Loss;
        let is_net = chart == Chart::Network;
        let boxed: HtmlElement = by_id("view-box");
        // The tabs and boxes change only with the chart (a playing frame
        // used to set them all again).
        if self.tabs != Some(chart) {
            self.tabs = Some(chart);
            if let Ok(tabs) = document().query_selector_all(".tabs button") {
                for i in 0..tabs.length() {
                    if let Some(tab) = tabs.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        let on = tab.get_attribute("data-view").as_deref() == Some(chart.id());
                        set_attr(&tab, "aria-selected", if on { "true" } else { "false" });
                        // One tab stop for the tabs (← and → move between them);
                        // the chart is named by its tab.
                        set_attr(&tab, "tabindex", if on { "0" } else { "-1" });
                        if on {
                            let canvas: Element = by_id("view-canvas");
                            set_attr(&canvas, "aria-labelledby", &tab.id());
                        }
                    }
                }
            }
            let loss: HtmlElement = by_id("loss-chart");
            show(&loss, is_loss);
            show(&boxed, !is_loss);
            show(&by_id::<HtmlElement>("network"), is_net);
            show(&by_id::<HtmlElement>("view-canvas"), !is_net);
            show(&by_id::<HtmlElement>("view-pickers"), !is_net);
            if !is_net {
                set_text(&by_id("network-info"), "");
            }
        }
        if is_loss {
            return None;
        }
        let net = s.model().net();
        let key = (chart, s.model().kind(), net.sizes().to_vec(), lang);
        if self.filled.as_ref() != Some(&key) {
            fill_pickers(chart, picks, s, lang);
            self.filled = Some(key);
        }
        // The pickers show what is drawn (a Step or a new layer keeps the
        // choice while it still names two units).
        let shown = fit_picks(picks, picker_count(chart, s));
        for (id, pick) in [("pick-a", shown.0), ("pick-b", shown.1)] {
            let select: HtmlSelectElement = by_id(id);
            let v = pick.to_string();
            if select.value() != v {
                select.set_value(&v);
            }
        }
        let click;
        let part;
        let note = match chart {
            Chart::Landscape => {
                // Chinese sentences follow one another without a space.
                let gap = if lang == Lang::Zh { "" } else { " " };
                let (note, how) = (Msg::NoteLandscape.text(lang), Msg::LandClick.text(lang));
                click = format!("{note}{gap}{how}");
                click.as_str()
            }
            Chart::Network if s.settings().task == Task::Regression => Msg::NetNoteX.text(lang),
            Chart::Network => Msg::NetNote.text(lang),
            Chart::Hidden if net.layers().len() < 2 => Msg::NoteHiddenNone.text(lang),
            Chart::Hidden if picker_count(chart, s) <= 2 => Msg::NoteHidden.text(lang),
            Chart::Hidden => {
                let n = picker_count(chart, s).to_string();
                let (a, b) = ((shown.0 + 1).to_string(), (shown.1 + 1).to_string());
                part = Msg::NoteHiddenPart.fill(lang, &[("a", &a), ("b", &b), ("n", &n)]);
                part.as_str()
            }
            _ => Msg::NoteActivation.text(lang),
        };
        set_text(&by_id("view-note"), note);
        let width = (self.width.take())
            .unwrap_or_else(|| boxed.client_width())
            .max(160) as f64;
        if is_net {
            let c: HtmlCanvasElement = by_id("network");
            network::draw(&c, s, lang, width, dpr);
            return None;
        }
        let c: HtmlCanvasElement = by_id("view-canvas");
        canvas::fit(&c, width, 190.0, dpr);
        Some(c)
    }

    /// Draws the chosen chart (not the loss curve, which the frame draws).
    /// `now` limits the costly landscape while playing; `mark` is the score
    /// `z` to mark on the activation chart.
    pub fn draw(
        &mut self,
        ws: &Workspace,
        dpr: f64,
        now: f64,
        mark: Option<f64>,
    ) -> Result<(), String> {
        let (s, lang, chart) = (ws.session(), ws.lang(), ws.chart());
        if chart != Chart::Landscape {
            self.landscape = None;
        }
        let recent = self
            .last_tables
            .is_some_and(|t| now - t < TABLE_INTERVAL_MS);
        if !(ws.playing() && recent) {
            self.last_tables = Some(now);
            detail::confusion(s, lang, chart == Chart::Loss);
            detail::degrees(s, lang, chart == Chart::Loss, ws.trials());
        }
        if chart == Chart::Network && ws.playing() {
            // Live, but at most every NET_INTERVAL_MS: the plot's frame comes first.
            if self.last_net.is_some_and(|t| now - t < NET_INTERVAL_MS) {
                return Ok(());
            }
            self.last_net = Some(now);
        }
        let Some(c) = self.prepare(chart, ws.picks(), s, lang, dpr) else {
            return Ok(());
        };
        let picks = fit_picks(ws.picks(), picker_count(chart, s));
        match chart {
            Chart::Loss | Chart::Network => Ok(()),
            Chart::Landscape => {
                let recent = self.last_heavy.is_some_and(|t| now - t < HEAVY_INTERVAL_MS);
                if ws.playing() && recent {
                    return Ok(());
                }
                self.last_heavy = Some(now);
                let (view, picks) = draw_landscape_view(&c, s, picks, dpr, lang)?;
                self.landscape = Some((view, picks));
                Ok(())
            }
            Chart::Hidden => draw_hidden_view(&c, s, picks, dpr, lang),
            Chart::Activation => draw_activation_view(&c, s, dpr, lang, mark),
        }
    }
}

/// `picks` if they name two different ones of `n` things, else the first two.
fn fit_picks(picks: (usize, usize), n: usize) -> (usize, usize) {
    if picks.0 >= n || picks.1 >= n || picks.0 == picks.1 {
        (0, usize::from(n > 1))
    } else {
        picks
    }
}

/// How many things the pickers of `chart` offer.
fn picker_count(chart: Chart, s: &Session) -> usize {
    match chart {
        Chart::Landscape => s.model().params().len(),
        Chart::Hidden => {
            let sizes = s.model().net().sizes();
            if sizes.len() > 2 {
                sizes[sizes.len() - 2]
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// Fills the two pickers with what `chart` offers, `picks` selected.
fn fill_pickers(chart: Chart, picks: (usize, usize), s: &Session, lang: Lang) {
    let names: Vec<String> = match chart {
        Chart::Landscape => s.model().param_names(),
        Chart::Hidden => (1..=picker_count(chart, s))
            .map(|u| Msg::Unit.fill(lang, &[("n", &u.to_string())]))
            .collect(),
        _ => Vec::new(),
    };
    let n = names.len();
    let picks = fit_picks(picks, n);
    for (id, label, pick) in [
        ("pick-a", "pick-a-label", picks.0),
        ("pick-b", "pick-b-label", picks.1),
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

/// Draws the landscape; returns its plotting area in CSS pixels (also
/// written on the canvas as `data-area` / `data-domain`, as the plot's is)
/// and the two parameters it shows.
fn draw_landscape_view(
    c: &HtmlCanvasElement,
    s: &Session,
    picks: (usize, usize),
    dpr: f64,
    lang: Lang,
) -> Result<(View, (usize, usize)), String> {
    // A sample of at most DEFAULT_BUDGET forward passes keeps big data sets
    // responsive; the path and the current point stay exact.
    let land = Landscape::compute_within(s, picks.0, picks.1, DEFAULT_N, DEFAULT_BUDGET);
    let labels = LandscapeLabels {
        loss: Msg::LandLoss.text(lang),
        log_scale: Msg::LandLog.text(lang),
        path: Msg::LandPath.text(lang),
        current: Msg::LandNow.text(lang),
    };
    let a = draw_landscape(c, &land, dpr, &labels)?;
    let area = Rect {
        left: a.left / dpr,
        top: a.top / dpr,
        width: a.width / dpr,
        height: a.height / dpr,
    };
    let view = View {
        area,
        domain: land.domain,
    };
    canvas::mark_view(c, &view);
    Ok((view, land.params))
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
    mark: Option<f64>,
) -> Result<(), String> {
    let labels = ActivationLabels {
        z: Msg::AxisZ.text(lang),
        f: "f(z)",
        df: "f′(z)",
    };
    draw_activation(c, shown_activation(s), dpr, &labels, mark)
}
