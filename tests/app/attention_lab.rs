//! The attention lab's own actions: the lines view (the same weights as
//! the grids, from the character asking to those it looks at, never ahead
//! in a decoder), a prompt longer than the model reads (cut, and said),
//! GPT against BERT side by side (both trained a little every frame,
//! scored on the same held-out blanks, only the decoder writes on; the
//! encoder's refusal says why and changes nothing), and the two lessons
//! on them checked from what the models measured.

use neuronlab::app::attention::{AttentionPick, Show, LINK_FLOOR};
use neuronlab::app::lab::COMPARE_WRITE;
use neuronlab::app::lessons::saved::encode_lesson;
use neuronlab::app::lessons::LESSONS;
use neuronlab::app::{wording, Action, Event, Lang, Mode, Msg, Problem, Workspace};
use neuronlab::core::lm::compare::BLANKS;
use neuronlab::core::lm::settings::LmKind;
use neuronlab::core::lm::transformer::learner::Objective;
use neuronlab::core::settings::Knob;

use crate::support::knob;

/// The lab with a small transformer on the repeated text.
fn lab(objective: Objective) -> Workspace {
    let mut w = Workspace::untimed(Lang::En);
    w.apply(Action::SetMode(Mode::Language));
    w.apply(Action::ChooseText("en-repeat".into()));
    w.apply(Action::SetLabModel(LmKind::Transformer));
    knob(&mut w, Knob::ContextLength, "16");
    knob(&mut w, Knob::Width, "16");
    knob(&mut w, Knob::Blocks, "1");
    w.apply(Action::SetObjective(objective));
    w
}

#[test]
fn the_lines_are_the_weights_of_the_grids_never_ahead_in_a_decoder() {
    for s in Show::ALL {
        assert_eq!(Show::from_id(s.id()), Some(s));
        assert!(s.grid() || s.lines(), "{s:?} draws something");
    }
    for objective in [Objective::Next, Objective::Masked] {
        let mut w = lab(objective);
        w.apply(Action::Step);
        w.apply(Action::SetPrompt("hello world\nhello".into()));
        let pick = AttentionPick {
            show: Show::Lines,
            ..AttentionPick::default()
        };
        let out = w.apply(Action::PickAttention(pick));
        assert_eq!(out.event, Event::Selected);
        assert_eq!(w.lab().attention.show, Show::Lines);
        let view = w.lab().attention_view().unwrap();
        let links = view.links();
        assert!(!links.is_empty());
        let n = view.len();
        for l in &links {
            let g = &view.heads[l.head];
            assert_eq!(l.weight, g.weights[l.from * n + l.to]);
            assert!(l.weight >= LINK_FLOOR && l.weight <= 1.0);
            if objective == Objective::Next {
                assert!(l.to <= l.from, "a decoder never looks ahead: {l:?}");
            }
        }
        // Every head's lines from one character add up to what is left
        // once the weights under the floor are dropped.
        for head in 0..view.heads.len() {
            for from in 0..n {
                let sum: f64 = links
                    .iter()
                    .filter(|l| l.head == head && l.from == from)
                    .map(|l| l.weight)
                    .sum();
                assert!(
                    sum <= 1.0 + 1e-6 && sum > 1.0 - LINK_FLOOR * n as f64,
                    "head {head} from {from}: {sum} of {n}"
                );
            }
        }
        if objective == Objective::Masked {
            assert!(
                links.iter().any(|l| l.to > l.from),
                "an encoder reads ahead"
            );
        }
    }
}

#[test]
fn a_prompt_longer_than_the_context_is_cut_and_said() {
    let mut w = lab(Objective::Next);
    w.apply(Action::SetPrompt("hello world\n".into()));
    assert_eq!(w.lab().prompt_cut(), None, "12 of 16 characters");
    w.apply(Action::SetPrompt("hello world\nhello world\n".into()));
    assert_eq!(w.lab().prompt_cut(), Some(16));
    let (ctx, _) = w.lab().prompt_context();
    assert_eq!(ctx.len(), 16, "the last 16 are read");
    // Characters the text never had do not count.
    w.apply(Action::SetPrompt("hello world XYZXYZXYZXYZ".into()));
    assert_eq!(w.lab().prompt_cut(), None);
    // The window model reads its Context length.
    w.apply(Action::SetLabModel(LmKind::Window));
    w.apply(Action::SetPrompt("hell".into()));
    assert_eq!(w.lab().prompt_cut(), Some(3));
    for lang in Lang::ALL {
        let t = Msg::PromptCut.fill(lang, &[("n", "3")]);
        assert!(t.contains('3') && !t.contains('{'), "{t}");
    }
}

#[test]
fn gpt_and_bert_train_side_by_side_and_only_the_decoder_writes_on() {
    let mut w = lab(Objective::Next);
    assert_eq!(
        w.apply(Action::ToggleCompare).event,
        Event::Selected,
        "no comparison yet"
    );
    assert_eq!(w.apply(Action::CompareTick).event, Event::Selected);
    w.apply(Action::SetBlank {
        sentence: "hello world".into(),
        at: 0,
    });
    let b = w.lab().blank.as_ref().unwrap();
    assert_eq!(b.left.settings().objective, Objective::Next);
    assert_eq!(b.both.settings().objective, Objective::Masked);
    assert_eq!(
        (b.left.settings().context, b.both.settings().width),
        (16, 16)
    );
    let (gpt0, bert0) = w.lab().blank_scores().expect("held-out blanks");
    assert_eq!((gpt0.count, bert0.count), (30.min(BLANKS), 30.min(BLANKS)));
    // Frames do nothing until the comparison plays.
    w.apply(Action::CompareTick);
    assert_eq!(w.lab().blank.as_ref().unwrap().left.step_count(), 0);
    assert_eq!(
        w.apply(Action::ToggleCompare).event,
        Event::CompareToggled(true)
    );
    let mut frames = 0;
    while w.lab().blank.as_ref().unwrap().left.step_count() < 600 {
        let out = w.apply(Action::CompareTick);
        assert!(matches!(out.event, Event::BlankTrained(_)), "{out:?}");
        let b = w.lab().blank.as_ref().unwrap();
        assert_eq!(b.left.step_count(), b.both.step_count(), "in step");
        frames += 1;
    }
    assert_eq!(w.speed(), 5);
    assert_eq!(
        frames, 150,
        "four updates of each a frame (Speed 5, at most 4)"
    );
    w.apply(Action::SetSpeed(1));
    w.apply(Action::CompareTick);
    assert_eq!(
        w.lab().blank.as_ref().unwrap().left.step_count(),
        601,
        "Speed 1: one each"
    );
    assert!(
        w.lab().both_sides_win(),
        "the encoder reads what follows the blank"
    );
    let (gpt, bert) = w.lab().blank_scores().unwrap();
    println!("held-out blanks: gpt {gpt0:?} → {gpt:?}, bert {bert0:?} → {bert:?}");
    assert!(gpt.loss < gpt0.loss && bert.loss < bert0.loss);
    assert_eq!(
        w.apply(Action::ToggleCompare).event,
        Event::CompareToggled(false)
    );
    w.apply(Action::CompareTick);
    assert_eq!(w.lab().blank.as_ref().unwrap().left.step_count(), 601);

    // The encoder cannot write on: refused, the reason given, nothing written.
    w.apply(Action::SetPrompt("hello wo".into()));
    let out = w.apply(Action::CompareWrite(true));
    assert_eq!(out.event, Event::Refused(Problem::CannotWrite));
    for lang in Lang::ALL {
        let why = wording::status(lang, &out.event);
        assert!(why.contains("BERT") && why.contains("GPT"), "{why}");
    }
    assert!(wording::status(Lang::Zh, &out.event).contains("编码器"));
    assert!(wording::status(Lang::En, &out.event).contains("masked language model"));
    let b = w.lab().blank.as_ref().unwrap();
    assert!(b.refused && b.written.is_none());
    assert_eq!(w.lab().prompt, "hello wo", "the prompt kept");
    // The decoder writes on from the prompt.
    assert_eq!(
        w.apply(Action::CompareWrite(false)).event,
        Event::CompareWrote
    );
    let written = w.lab().blank.as_ref().unwrap().written.clone().unwrap();
    assert_eq!(written.chars().count(), COMPARE_WRITE);
    assert!(written.starts_with("rld\nhello world"), "{written:?}");
}

#[test]
fn lesson_10_the_encoder_beats_the_decoder_on_the_blank_then_only_the_decoder_writes() {
    for lang in Lang::ALL {
        let i = LESSONS
            .iter()
            .position(|l| l.en.title == "BERT against GPT")
            .unwrap();
        assert_eq!(i, 9, "the tenth lesson");
        let mut w = Workspace::untimed(lang);
        w.apply(Action::OpenLesson(i));
        assert!(w.lab().blank.is_some(), "the comparison is set up");
        // Writing first does not do the task.
        w.apply(Action::CompareWrite(false));
        w.apply(Action::CompareWrite(true));
        assert!(!w.course().is_done(i));
        w.apply(Action::ToggleCompare);
        let mut frames = 0;
        while !w.course().seen().both_won {
            w.apply(Action::CompareTick);
            frames += 1;
            assert!(frames < 400, "{lang:?}: the encoder never won");
        }
        let steps = w.lab().blank.as_ref().unwrap().left.step_count();
        println!("lesson 10 {lang:?}: the encoder won after {steps} steps each");
        assert!(w.course().is_done(i), "written and refused before, won now");
        // A reload in the middle of the lesson sets its comparison up again
        // (the comparison's models are not saved).
        let saved = encode_lesson(&w).unwrap();
        let mut r = Workspace::untimed(lang);
        r.apply(Action::ResumeLesson { lesson: i, saved });
        assert_eq!(r.course().open(), Some(i));
        let b = r.lab().blank.as_ref().expect("the comparison again");
        assert_eq!((b.at, b.left.step_count()), (0, 0));
    }
}

#[test]
fn lesson_9_needs_a_copying_head_picked_on_a_copy_text() {
    let i = LESSONS
        .iter()
        .position(|l| l.en.title == "Attention: a head that copies")
        .unwrap();
    assert_eq!(i, 8, "the ninth lesson");
    let mut w = Workspace::untimed(Lang::En);
    w.apply(Action::OpenLesson(i));
    let lab = w.lab();
    assert_eq!(lab.text_id, Some("copy-en"));
    assert_eq!(lab.session.settings().model, LmKind::Transformer);
    assert_eq!(lab.attention.block, 1, "block 2 shown");
    assert_eq!(lab.prompt_cut(), None, "the prompt is what the model reads");
    // Untrained, no head copies: picking one does not do the task.
    for head in 0..2 {
        w.apply(Action::PickAttention(AttentionPick {
            block: 1,
            head: Some(head),
            ..AttentionPick::default()
        }));
        assert!(!w.course().is_done(i));
    }
}
