//! The copy texts in the lab: offered among the built-in texts in both
//! languages, and scored on their second copies (a window model, which
//! cannot find the first copy, stays near chance).

use neuronlab::app::lab::{Lab, COPY_SCORED};
use neuronlab::app::{Action, Mode};

use crate::support::ws;

#[test]
fn the_copy_texts_are_built_in_and_scored_on_their_second_copies() {
    let ids: Vec<&str> = Lab::texts().map(|(id, _)| id).collect();
    assert!(
        ids.contains(&"copy-en") && ids.contains(&"copy-zh"),
        "{ids:?}"
    );
    let mut w = ws();
    w.apply(Action::SetMode(Mode::Language));
    assert_eq!(w.lab().copy_score(), None, "no score on another text");
    for id in ["copy-en", "copy-zh"] {
        w.apply(Action::ChooseText(id.into()));
        let text = &w.lab().session.settings().text;
        assert!(text.lines().all(|l| {
            let (a, b) = l.split_once([':', '：']).unwrap();
            a == b
        }));
        let (acc, n) = w.lab().copy_score().expect("a copy text is scored");
        assert_eq!(n, COPY_SCORED);
        // Untrained: about one chance in the alphabet.
        assert!(acc < 0.2, "{id}: {acc}");
    }
}
