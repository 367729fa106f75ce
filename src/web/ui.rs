//! Event wiring of the controls: every button, select and field turns into
//! one [`Action`] given to the page.

use crate::core::lm::settings::LmKind;
use crate::core::lm::transformer::learner::Objective;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventTarget, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

use super::announce;
use super::audio;
use super::dom::{by_id, document};
use super::files::{self, Import};
use super::page::Shared;
use super::storage;
use crate::app::chart::Chart;
use crate::app::{Action, Lang, Mode};
use crate::core::activation::Activation;
use crate::core::analysis::ood::ShiftKind;
use crate::core::data::Preset;
use crate::core::features::Feature;
use crate::core::model::ModelKind;
use crate::core::settings::Knob;

/// Calls `f` with each `event` of type `E` on `target`, for the page's life.
pub fn on<E: JsCast + 'static>(target: &EventTarget, event: &str, mut f: impl FnMut(E) + 'static) {
    listen(
        target,
        event,
        Box::new(move |e: Event| {
            if let Ok(e) = e.dyn_into::<E>() {
                f(e);
            }
        }),
    );
}

/// Adds `f` as a listener: one copy of the wasm-bindgen plumbing for all
/// the page's listeners, not one per handler (1.1 KB less gzipped).
#[inline(never)]
fn listen(target: &EventTarget, event: &str, f: Box<dyn FnMut(Event)>) {
    let closure = Closure::wrap(f);
    target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .expect("add listener");
    // The page's controls live as long as the page: the listener too.
    closure.forget();
}

/// [`on`] for the element with id `id`.
pub fn on_id<E: JsCast + 'static>(id: &str, event: &str, f: impl FnMut(E) + 'static) {
    on(&by_id::<EventTarget>(id), event, f);
}

/// The element matching `selector` that `e` happened in or under.
pub fn closest(e: &Event, selector: &str) -> Option<Element> {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest(selector).ok().flatten())
}

fn target_input(e: &Event) -> Option<HtmlInputElement> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// Dispatches `make(event)` for each `event` on element `id`, when it gives one.
fn act<E: JsCast + 'static>(
    page: &Shared,
    id: &str,
    event: &str,
    make: impl Fn(&E) -> Option<Action> + 'static,
) {
    let p = page.clone();
    on_id::<E>(id, event, move |e| {
        if let Some(a) = make(&e) {
            p.dispatch(a);
        }
    });
}

/// `D` describes the model shown, `L` plays its curve as sound; false for
/// any other key.
pub fn hear_key(page: &Shared, key: &str) -> bool {
    match key {
        "d" | "D" => page.read(|ws| (ws.mode() != Mode::Language).then(|| announce::describe(ws))),
        "l" | "L" => page.read(audio::listen).map(Some),
        _ => return false,
    };
    true
}

/// Wires every control of the page.
pub fn wire(page: &Shared) {
    lab_controls(page);
    buttons(page);
    selects(page);
    knobs(page);
    file_controls(page);
}

fn buttons(page: &Shared) {
    let plain: [(&str, Action); 10] = [
        ("step", Action::Step),
        ("train-n", Action::TrainSteps),
        ("step-back", Action::StepBack),
        ("play", Action::TogglePlay),
        ("reset", Action::Reset),
        ("clear", Action::ClearPoints),
        ("regenerate", Action::Regenerate),
        ("undo", Action::Undo),
        ("redo", Action::Redo),
        ("share", Action::Linked(false)),
    ];
    for (id, action) in plain {
        if id == "share" {
            continue;
        }
        act::<Event>(page, id, "click", move |_| Some(action.clone()));
    }
    for (id, key) in [("describe", "d"), ("listen", "l")] {
        let p = page.clone();
        on_id::<Event>(id, "click", move |_| {
            hear_key(&p, key);
        });
    }
    let p = page.clone();
    on_id::<Event>("start-fresh", "click", move |_| {
        storage::forget();
        p.dispatch(Action::StartFresh);
    });
    let p = page.clone();
    let tabs: EventTarget = document()
        .query_selector(".tabs")
        .ok()
        .flatten()
        .expect("tabs")
        .into();
    on::<Event>(&tabs, "click", move |e| {
        let chart = closest(&e, "button[data-view]")
            .and_then(|b| b.get_attribute("data-view"))
            .and_then(|v| Chart::from_id(&v));
        if let Some(chart) = chart {
            p.dispatch(Action::SelectChart(chart));
        }
    });
    act::<Event>(page, "class-buttons", "click", |e| {
        closest(e, "button[data-class]")
            .and_then(|b| b.get_attribute("data-class"))
            .and_then(|c| c.parse::<usize>().ok())
            .map(Action::SelectClass)
    });
    act::<Event>(page, "scrub", "input", |e| {
        let v = target_input(e)?.value().parse::<u64>().ok()?;
        Some(Action::Seek(v))
    });
}

fn selects(page: &Shared) {
    act::<Event>(page, "speed", "change", |e| {
        select_value(e).parse::<usize>().ok().map(Action::SetSpeed)
    });
    act::<Event>(page, "model", "change", |e| {
        ModelKind::from_id(&select_value(e)).map(Action::SetModel)
    });
    act::<Event>(page, "preset", "change", |e| {
        Preset::from_id(&select_value(e)).map(Action::ChoosePreset)
    });
    act::<Event>(page, "classes", "change", |e| {
        Some(Action::SetKnob {
            knob: Knob::Classes,
            text: select_value(e),
        })
    });
    act::<Event>(page, "activation", "change", |e| {
        Activation::from_id(&select_value(e)).map(Action::SetActivation)
    });
    act::<Event>(page, "output", "change", |e| {
        Some(Action::SetSoftmaxOutput(select_value(e) == "softmax"))
    });
    act::<Event>(page, "features", "change", |_| {
        let mut extras = Vec::new();
        if let Ok(list) = by_id::<Element>("features").query_selector_all("input:checked") {
            for i in 0..list.length() {
                if let Some(cb) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                {
                    extras.extend(Feature::from_id(&cb.value()));
                }
            }
        }
        Some(Action::SetFeatures(extras))
    });
    act::<Event>(page, "shift-kind", "change", |e| {
        ShiftKind::from_id(&select_value(e)).map(Action::SetShiftKind)
    });
    // The chart's two pickers (the landscape's parameters, the hidden
    // layer's units) are read together.
    for id in ["pick-a", "pick-b"] {
        act::<Event>(page, id, "change", |_| {
            let pick = |id| by_id::<HtmlSelectElement>(id).value().parse::<usize>().ok();
            Some(Action::SetPicks(pick("pick-a")?, pick("pick-b")?))
        });
    }
    act::<Event>(page, "lang", "change", |e| {
        Some(Action::SetLang(Lang::from_code(&select_value(e))))
    });
    for radio in &page.form().modes {
        let r = radio.clone();
        let p = page.clone();
        on::<Event>(radio.as_ref(), "change", move |_| {
            if let Some(mode) = Mode::from_id(&r.value()) {
                p.dispatch(Action::SetMode(mode));
            }
        });
    }
}

/// Every number field is a knob: its `change` sends what was typed.
fn knobs(page: &Shared) {
    for knob in Knob::ALL.into_iter().filter(|&k| k != Knob::Classes) {
        act::<Event>(page, knob.id(), "change", move |e| {
            Some(Action::SetKnob {
                knob,
                text: target_input(e)?.value(),
            })
        });
    }
}

fn file_controls(page: &Shared) {
    let p = page.clone();
    on_id::<Event>("save-json", "click", move |_| {
        if let Some(json) = p.read(|ws| ws.session().to_json()) {
            report(files::export_json(&json));
        }
    });
    let p = page.clone();
    on_id::<Event>("save-png", "click", move |_| {
        report(files::export_png(p.view()))
    });
    let p = page.clone();
    on_id::<Event>("share", "click", move |_| {
        if let Some(ok) = p.read(files::share_link) {
            p.dispatch(Action::Linked(ok));
        }
    });
    for (button, input, kind) in [
        ("load-json-button", "load-json", Import::Json),
        ("import-csv-button", "import-csv", Import::Csv),
    ] {
        on_id::<Event>(button, "click", move |_| {
            by_id::<HtmlInputElement>(input).click()
        });
        let p = page.clone();
        on_id::<Event>(input, "change", move |e| {
            if let Some(i) = target_input(&e) {
                report(files::read_file(&p, &i, kind));
            }
        });
    }
}

/// Logs a failure of the browser's own APIs (they have no message for the user).
fn report(r: Result<(), JsValue>) {
    if let Err(e) = r {
        web_sys::console::error_2(&"NeuronLab:".into(), &e);
    }
}

/// Wires the lab's own controls (its number fields are knobs, wired with the others).
pub fn lab_controls(page: &Shared) {
    let p = page.clone();
    on_id::<Event>("text", "change", move |_| {
        let id = by_id::<HtmlSelectElement>("text").value();
        if !id.is_empty() {
            p.dispatch(Action::ChooseText(id));
        }
    });
    let p = page.clone();
    on_id::<Event>("lm-model", "change", move |_| {
        let kind = match by_id::<HtmlSelectElement>("lm-model").value().as_str() {
            "transformer" => LmKind::Transformer,
            _ => LmKind::Window,
        };
        p.dispatch(Action::SetLabModel(kind));
    });
    for id in ["att-block", "att-head", "att-stage", "att-show"] {
        let p = page.clone();
        on_id::<Event>(id, "change", move |_| {
            p.dispatch(Action::PickAttention(super::attention::picked()));
        });
    }
    on_id::<web_sys::MouseEvent>("attention-map", "mousemove", |e| {
        super::attention::hover(&e)
    });
    let p = page.clone();
    on_id::<Event>("objective", "change", move |_| {
        let objective = match by_id::<HtmlSelectElement>("objective").value().as_str() {
            "masked" => Objective::Masked,
            _ => Objective::Next,
        };
        p.dispatch(Action::SetObjective(objective));
    });
    let p = page.clone();
    on_id::<Event>("training-text", "change", move |_| {
        p.dispatch(Action::SetText(
            by_id::<HtmlTextAreaElement>("training-text").value(),
        ));
    });
    let p = page.clone();
    on_id::<Event>("surprise-text", "input", move |_| {
        p.dispatch(Action::SetSurpriseText(
            by_id::<HtmlTextAreaElement>("surprise-text").value(),
        ));
    });
    let p = page.clone();
    on_id::<Event>("prompt", "input", move |_| {
        p.dispatch(Action::SetPrompt(
            by_id::<HtmlTextAreaElement>("prompt").value(),
        ));
    });
    for (id, action) in [
        ("generate-one", Action::Generate),
        ("generate-many", Action::GenerateMany),
    ] {
        let p = page.clone();
        on_id::<Event>(id, "click", move |_| p.dispatch(action.clone()));
    }
    for (id, action) in [
        ("compare-write-left", Action::CompareWrite(false)),
        ("compare-write-both", Action::CompareWrite(true)),
    ] {
        let p = page.clone();
        on_id::<Event>(id, "click", move |_| p.dispatch(action.clone()));
    }
    let p = page.clone();
    on_id::<Event>("compare-play", "click", move |_| {
        if p.read(|ws| ws.lab().blank.is_none()) == Some(true) {
            p.dispatch(blank_from_fields());
        }
        p.dispatch(Action::ToggleCompare);
    });
    let p = page.clone();
    on_id::<Event>("blank-train", "click", move |_| {
        let sentence = by_id::<HtmlInputElement>("blank-sentence").value();
        let at = by_id::<HtmlInputElement>("blank-at")
            .value()
            .parse::<usize>()
            .unwrap_or(1);
        let same = p
            .read(|ws| {
                ws.lab()
                    .blank
                    .as_ref()
                    .is_some_and(|b| b.sentence == sentence && b.at + 1 == at)
            })
            .unwrap_or(false);
        if !same {
            p.dispatch(blank_from_fields());
        }
        p.dispatch(Action::TrainBlank);
    });
}

/// The blank comparison the Sentence and Blank character fields ask for.
fn blank_from_fields() -> Action {
    let sentence = by_id::<HtmlInputElement>("blank-sentence").value();
    let at = by_id::<HtmlInputElement>("blank-at")
        .value()
        .parse::<usize>()
        .unwrap_or(1);
    Action::SetBlank {
        sentence,
        at: at.saturating_sub(1),
    }
}
