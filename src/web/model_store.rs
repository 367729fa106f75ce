//! Trained models kept across reloads in the browser's IndexedDB (a
//! model is about 0.8 MB of f64, too much for localStorage): a record per
//! key holding the plan of the run that trained it (JSON) and its
//! parameters as a `Float64Array`, so a model put back is the very one
//! that was measured. Where IndexedDB is missing or refuses, nothing is
//! kept and nothing fails: the page then asks for the runs again.

use js_sys::{Array, Float64Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

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

// IndexedDB is reached through `Reflect` rather than web-sys's bindings:
// turning on web-sys's `Idb*` features grew the app's own wasm (which
// keeps no model) by 1.3 KB gzipped.

/// Property `k` of `o`, unless undefined or null.
fn get(o: &JsValue, k: &str) -> Option<JsValue> {
    Reflect::get(o, &k.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// `o.method(...args)`, or `None` when it is missing or throws.
fn call(o: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = get(o, method)?.dyn_into().ok()?;
    Reflect::apply(&f, o, &args.iter().collect::<Array>()).ok()
}

/// Sets request `req`'s handler `on` (`"onsuccess"`…) to `f`.
fn on(req: &JsValue, on: &str, f: JsValue) {
    let _ = Reflect::set(req, &on.into(), &f);
}

/// Opens the database (creating its store the first time), then `then`.
fn open(then: impl FnOnce(JsValue) + 'static) {
    let Some(factory) = web_sys::window().and_then(|w| get(&w, "indexedDB")) else {
        return;
    };
    let Some(req) = call(&factory, "open", &[DB.into(), 1.into()]) else {
        return;
    };
    let r = req.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Some(db) = get(&r, "result") {
            let _ = call(&db, "createObjectStore", &[STORE.into()]);
        }
    });
    on(&req, "onupgradeneeded", upgrade);
    let r = req.clone();
    let success = Closure::once_into_js(move || {
        if let Some(db) = get(&r, "result") {
            then(db);
        }
    });
    on(&req, "onsuccess", success);
}

/// The store in a transaction of `mode` (`"readonly"`, `"readwrite"`).
fn store(db: &JsValue, mode: &str) -> Option<JsValue> {
    let tx = call(db, "transaction", &[STORE.into(), mode.into()])?;
    call(&tx, "objectStore", &[STORE.into()])
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
        if let Some(s) = store(&db, "readwrite") {
            let _ = call(&s, "put", &[record.into(), key.into()]);
        }
    });
}

/// Forgets every kept model.
pub fn clear() {
    open(|db| {
        if let Some(s) = store(&db, "readwrite") {
            let _ = call(&s, "clear", &[]);
        }
    });
}

/// Reads every kept model, then `then` (not called where nothing can be read).
pub fn load(then: impl FnOnce(Vec<Stored>) + 'static) {
    open(|db| {
        let Some(req) = store(&db, "readonly").and_then(|s| call(&s, "getAll", &[])) else {
            return;
        };
        let done = req.clone();
        on(
            &req,
            "onsuccess",
            Closure::once_into_js(move || then(records(&done))),
        );
    });
}

/// The well-formed records `req` (a finished `getAll`) returned.
fn records(req: &JsValue) -> Vec<Stored> {
    let Some(all) = get(req, "result").and_then(|r| r.dyn_into::<Array>().ok()) else {
        return Vec::new();
    };
    all.iter()
        .filter_map(|r| {
            Some(Stored {
                key: get(&r, "key")?.as_string()?,
                plan: get(&r, "plan")?.as_string()?,
                params: get(&r, "params")?.dyn_into::<Float64Array>().ok()?.to_vec(),
            })
        })
        .collect()
}
