//! Trained models kept across reloads in the browser's IndexedDB (a
//! model is about 0.8 MB of f64, too much for localStorage): a record per
//! key holding the plan of the run that trained it (JSON) and its
//! parameters as a `Float64Array`, so a model put back is the very one
//! that was measured. Where IndexedDB is missing or refuses, nothing is
//! kept and nothing fails: the page then asks for the runs again.

use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

/// The database's name.
const DB: &str = "neuronlab";
/// Its one object store.
const STORE: &str = "paradigm-models";

/// A model as it was kept.
pub struct Stored {
    /// Which model (the lab's model id).
    pub key: String,
    /// The plan of the run that trained it, as JSON.
    pub plan: String,
    /// Its parameters.
    pub params: Vec<f64>,
}

/// Opens the database (creating its store the first time), then `then`.
fn open(then: impl FnOnce(IdbDatabase) + 'static) {
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else {
        return;
    };
    let Ok(req) = factory.open_with_u32(DB, 1) else {
        return;
    };
    let upgrade = Closure::once_into_js(move |e: web_sys::Event| {
        let db = e
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let opened = req.clone();
    let success = Closure::once_into_js(move || {
        if let Some(db) = opened.result().ok().and_then(|d| d.dyn_into().ok()) {
            then(db);
        }
    });
    req.set_onsuccess(Some(success.unchecked_ref()));
}

/// The store in a transaction of `mode`.
fn store(db: &IdbDatabase, mode: IdbTransactionMode) -> Option<web_sys::IdbObjectStore> {
    db.transaction_with_str_and_mode(STORE, mode)
        .ok()?
        .object_store(STORE)
        .ok()
}

/// Keeps model `key`, trained by the run `plan` (JSON), replacing what was kept under it.
pub fn put(key: &str, plan: &str, params: &[f64]) {
    let record = Object::new();
    for (k, v) in [
        ("key", JsValue::from_str(key)),
        ("plan", JsValue::from_str(plan)),
        ("params", Float64Array::from(params).into()),
    ] {
        let _ = Reflect::set(&record, &k.into(), &v);
    }
    let key = key.to_string();
    open(move |db| {
        if let Some(s) = store(&db, IdbTransactionMode::Readwrite) {
            let _ = s.put_with_key(&record, &key.into());
        }
    });
}

/// Forgets every kept model.
pub fn clear() {
    open(|db| {
        if let Some(s) = store(&db, IdbTransactionMode::Readwrite) {
            let _ = s.clear();
        }
    });
}

/// Reads every kept model, then `then` (not called where nothing can be read).
pub fn load(then: impl FnOnce(Vec<Stored>) + 'static) {
    open(|db| {
        let Some(req) = store(&db, IdbTransactionMode::Readonly).and_then(|s| s.get_all().ok())
        else {
            return;
        };
        let done = req.clone();
        let success = Closure::once_into_js(move || then(records(&done)));
        req.set_onsuccess(Some(success.unchecked_ref()));
    });
}

/// The well-formed records `req` (a finished `getAll`) returned.
fn records(req: &IdbRequest) -> Vec<Stored> {
    let Some(all) = req.result().ok().and_then(|r| r.dyn_into::<Array>().ok()) else {
        return Vec::new();
    };
    let field = |r: &JsValue, k: &str| Reflect::get(r, &k.into()).ok();
    all.iter()
        .filter_map(|r| {
            Some(Stored {
                key: field(&r, "key")?.as_string()?,
                plan: field(&r, "plan")?.as_string()?,
                params: field(&r, "params")?
                    .dyn_into::<Float64Array>()
                    .ok()?
                    .to_vec(),
            })
        })
        .collect()
}
