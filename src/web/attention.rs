//! The `Attention` region of the lab: its Block, Head and Stage selects,
//! the attention map (every head shown as a grid, drawn by
//! [`crate::render::attention`]), a caption per head of what it mostly
//! attends to, the numbers of the cell under the pointer, and a table per
//! head for screen readers.

use std::cell::RefCell;

use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlSelectElement, MouseEvent};

use super::dom::{append, by_id, clear, make, set_attr, set_text};
use crate::app::attention::{caption, cell_text, AttentionPick, AttentionView, Show, Stage};
use crate::app::lab::Lab;
use crate::app::{Lang, Msg};
use crate::core::lm::tokens::display;
use crate::render::attention::{draw, draw_lines, GridPlace, HEAD_COLOURS};

thread_local! {
    /// What the map shows and where its grids are, for the pointer.
    static SHOWN: RefCell<Option<(AttentionView, Vec<GridPlace>, Lang)>> = const { RefCell::new(None) };
}

/// What the selects were last built for: language, blocks, heads.
#[derive(Default)]
pub struct AttentionSelects {
    built: Option<(Lang, usize, usize)>,
}

fn options(select: &HtmlSelectElement, items: &[(String, String)]) {
    clear(select);
    for (value, label) in items {
        let o = make("option", "", label);
        let _ = o.set_attribute("value", value);
        append(select, &o);
    }
}

/// The pick the selects show.
pub fn picked() -> AttentionPick {
    let value = |id: &str| by_id::<HtmlSelectElement>(id).value();
    AttentionPick {
        block: value("att-block")
            .parse::<usize>()
            .unwrap_or(1)
            .saturating_sub(1),
        head: value("att-head")
            .parse::<usize>()
            .ok()
            .map(|h| h.saturating_sub(1)),
        stage: Stage::from_id(&value("att-stage")).unwrap_or(Stage::Weights),
        show: Show::from_id(&value("att-show")).unwrap_or(Show::Grid),
    }
}

impl AttentionSelects {
    /// Writes the region from `lab` (a transformer's), in `lang`; the
    /// tables only when `tables` (not while training plays).
    pub fn sync(&mut self, lab: &Lab, lang: Lang, tables: bool) {
        let s = lab.session.settings();
        let key = (lang, s.blocks, s.heads);
        if self.built != Some(key) {
            let blocks: Vec<_> = (1..=s.blocks)
                .map(|b| (b.to_string(), b.to_string()))
                .collect();
            options(&by_id("att-block"), &blocks);
            let mut heads = vec![(String::new(), Msg::AttAllHeads.text(lang).to_string())];
            heads.extend((1..=s.heads).map(|h| (h.to_string(), h.to_string())));
            options(&by_id("att-head"), &heads);
            let stages: Vec<_> = Stage::ALL
                .iter()
                .map(|st| (st.id().to_string(), st.name().text(lang).to_string()))
                .collect();
            options(&by_id("att-stage"), &stages);
            let shows: Vec<_> = Show::ALL
                .iter()
                .map(|sh| (sh.id().to_string(), sh.name().text(lang).to_string()))
                .collect();
            options(&by_id("att-show"), &shows);
            self.built = Some(key);
        }
        let pick = lab.attention;
        by_id::<HtmlSelectElement>("att-block").set_value(&(pick.block + 1).to_string());
        by_id::<HtmlSelectElement>("att-head")
            .set_value(&pick.head.map_or(String::new(), |h| (h + 1).to_string()));
        by_id::<HtmlSelectElement>("att-stage").set_value(pick.stage.id());
        by_id::<HtmlSelectElement>("att-show").set_value(pick.show.id());
        let canvas: HtmlCanvasElement = by_id("attention-map");
        let lines: HtmlCanvasElement = by_id("attention-lines");
        canvas.set_hidden(!pick.show.grid());
        lines.set_hidden(!pick.show.lines());
        by_id::<HtmlElement>("att-lines-note").set_hidden(!pick.show.lines());
        let Some(view) = lab.attention_view() else {
            set_text(&by_id("att-explain"), Msg::AttNone.text(lang));
            return;
        };
        set_text(&by_id("att-explain"), &view.explain(lang));
        let css = canvas
            .parent_element()
            .map_or(600.0, |p| f64::from(p.client_width()) - 24.0)
            .max(200.0);
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let places = if pick.show.grid() {
            draw(&canvas, &view, css, dpr).unwrap_or_default()
        } else {
            Vec::new()
        };
        if pick.show.lines() {
            let _ = draw_lines(&lines, &view, css, dpr);
        }
        let captions: Element = by_id("att-captions");
        clear(&captions);
        for (i, g) in view.heads.iter().enumerate() {
            let li = make("li", "", &caption(lang, g));
            let colour = HEAD_COLOURS[i % HEAD_COLOURS.len()];
            set_attr(&li, "style", &format!("--c:{colour}"));
            append(&captions, &li);
        }
        if tables {
            write_tables(&view, lang);
        }
        SHOWN.with(|s| *s.borrow_mut() = Some((view, places, lang)));
    }
}

/// A table per head shown: its caption, a column per character looked at,
/// a row per character asking, each cell at the stage shown.
fn write_tables(view: &AttentionView, lang: Lang) {
    let box_: Element = by_id("att-tables");
    clear(&box_);
    let n = view.len();
    let labels: Vec<String> = view.chars.iter().map(|&c| display(c)).collect();
    for g in &view.heads {
        let table = make("table", "", "");
        append(&table, &make("caption", "", &caption(lang, g)));
        let head = make("tr", "", "");
        append(&head, &make("td", "", ""));
        for l in &labels {
            let th = make("th", "", l);
            set_attr(&th, "scope", "col");
            append(&head, &th);
        }
        append(&table, &head);
        for (t, l) in labels.iter().enumerate() {
            let tr = make("tr", "", "");
            let th = make("th", "", l);
            set_attr(&th, "scope", "row");
            append(&tr, &th);
            for u in 0..n {
                append(
                    &tr,
                    &make("td", "", &cell_text(view.stage, g.values[t * n + u])),
                );
            }
            append(&table, &tr);
        }
        append(&box_, &table);
    }
}

/// The numbers of the cell under the pointer on the attention map.
pub fn hover(e: &MouseEvent) {
    let canvas: HtmlElement = by_id("attention-map");
    let r = canvas.get_bounding_client_rect();
    let (x, y) = (
        f64::from(e.client_x()) - r.left(),
        f64::from(e.client_y()) - r.top(),
    );
    let text = SHOWN.with(|s| {
        let s = s.borrow();
        let (view, places, lang) = s.as_ref()?;
        places.iter().enumerate().find_map(|(g, p)| {
            let (t, u) = p.hit(x, y, view.len())?;
            view.cell(*lang, g, t, u)
        })
    });
    set_text(&by_id("att-cell"), &text.unwrap_or_default());
}
