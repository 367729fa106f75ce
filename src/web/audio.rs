//! The `Listen` button's sound: the pitches `app::sound` computes played
//! left to right by one oscillator gliding between them, with a short fade
//! in and out, and the sentence saying what plays.

use std::cell::RefCell;

use web_sys::{AudioContext, GainNode, OscillatorNode};

use super::announce::say;
use crate::app::sound::{trace, DURATION_S};
use crate::app::{Msg, Workspace};

thread_local! {
    /// One context for the page (browsers limit how many may exist).
    static CONTEXT: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
}

/// Plays the curve the page shows as sound, and says what it plays.
pub fn listen(ws: &Workspace) {
    let t = trace(ws);
    if !t.pitches.is_empty() && play(&t.pitches).is_err() {
        return say(Msg::ListenNoAudio.text(ws.lang()));
    }
    say(&t.sentence);
}

/// Schedules `pitches` (Hz) over [`DURATION_S`], gliding from one to the next.
fn play(pitches: &[f64]) -> Result<(), wasm_bindgen::JsValue> {
    let ctx = CONTEXT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(AudioContext::new()?);
        }
        Ok::<_, wasm_bindgen::JsValue>(c.clone().expect("context"))
    })?;
    let _ = ctx.resume();
    let osc: OscillatorNode = ctx.create_oscillator()?;
    let gain: GainNode = ctx.create_gain()?;
    osc.connect_with_audio_node(&gain)?;
    gain.connect_with_audio_node(&ctx.destination())?;
    let t0 = ctx.current_time() + 0.05;
    let end = t0 + DURATION_S;
    let f = osc.frequency();
    f.set_value_at_time(pitches[0] as f32, t0)?;
    let dt = DURATION_S / (pitches.len().max(2) - 1) as f64;
    for (i, &p) in pitches.iter().enumerate().skip(1) {
        f.linear_ramp_to_value_at_time(p as f32, t0 + dt * i as f64)?;
    }
    let g = gain.gain();
    g.set_value_at_time(0.0, t0)?;
    g.linear_ramp_to_value_at_time(0.2, t0 + 0.05)?;
    g.set_value_at_time(0.2, end - 0.05)?;
    g.linear_ramp_to_value_at_time(0.0, end)?;
    osc.start_with_when(t0)?;
    osc.stop_with_when(end + 0.01)
}
