//! The paradigms lab's engine: inputs kept for measuring, each paradigm's
//! training text (held-out wordings and inputs never in it), prompts and
//! greedy answers, runs reproducible from their seed, and a short
//! training that must beat chance. The long measurements (the default
//! sizes, their times and accuracy tables) are ignored tests:
//! `cargo test --release --test paradigms -- --ignored --nocapture`.

use std::time::Instant;

use neuronlab::core::lm::fixed_run::Fixed;
use neuronlab::core::paradigms::ask::{accuracy, complete, prompt, Ask, Score, MAX_SHOTS};
use neuronlab::core::paradigms::fewshot::{FewShotRun, FewShotSpec, FEW_SHOT};
use neuronlab::core::paradigms::finetune::{FinetuneRun, FinetuneSpec, FINETUNE, SHOTS};
use neuronlab::core::paradigms::instruct::{
    gather, spread, InstructRun, InstructSpec, Split, INSTRUCT,
};
use neuronlab::core::paradigms::stage::{Size, Stage};
use neuronlab::core::paradigms::tasks::{
    input, is_test_input, test_input, wordings, Task, HELD_OUT_TASK, MAX_LEN, MIN_LEN, WORDINGS,
};
use neuronlab::core::paradigms::texts::{
    demonstrations, instructions, task_examples, Scoring, Text, MAX_RUN, MIN_RUN,
};
use neuronlab::core::paradigms::vocab::Vocab;
use neuronlab::core::rng::SeededRng;

/// The lines of a text (each without its line end) and, per line, the
/// scored flags of its characters.
fn lines(t: &Text) -> Vec<(String, Vec<bool>)> {
    let mut out = vec![(String::new(), Vec::new())];
    for (c, &s) in t.text.chars().zip(&t.scored) {
        if c == '\n' {
            out.push((String::new(), Vec::new()));
        } else {
            let last = out.last_mut().unwrap();
            last.0.push(c);
            last.1.push(s);
        }
    }
    out.pop();
    out
}

/// A line `… input>answer` split at the arrow.
fn split(line: &str) -> (&str, &str, &str) {
    let (left, answer) = line.split_once('>').expect("an arrow");
    let (instruction, input) = left.rsplit_once(' ').unwrap_or(("", left));
    (instruction, input, answer)
}

#[test]
fn inputs_for_measuring_are_a_fixed_eighth_and_training_never_draws_one() {
    let mut rng = SeededRng::new(5, 1);
    let (mut test, mut lens) = (0, [0usize; MAX_LEN + 1]);
    for _ in 0..4_000 {
        let i = input(&mut rng);
        assert!(!is_test_input(&i), "{i}");
        lens[i.len()] += 1;
        let t = test_input(&mut rng);
        assert!(
            is_test_input(&t) && (MIN_LEN..=MAX_LEN).contains(&t.len()),
            "{t}"
        );
    }
    assert!(lens[MIN_LEN..].iter().all(|&n| n > 500), "{lens:?}");
    // About one input in eight is kept: count over every input of length 4.
    let letters: Vec<char> = "abcdefgh".chars().collect();
    for a in &letters {
        for b in &letters {
            for c in &letters {
                for d in &letters {
                    test += usize::from(is_test_input(&format!("{a}{b}{c}{d}")));
                }
            }
        }
    }
    assert!((380..=640).contains(&test), "{test} of 4096 kept");
}

#[test]
fn demonstrations_are_runs_of_one_task_with_answers_right() {
    for scoring in [Scoring::Every, Scoring::Answers] {
        let t = demonstrations(3, 20_000, scoring);
        assert!(t.len() >= 20_000 && t.len() == t.text.chars().count());
        let mut run: Vec<(String, String)> = Vec::new();
        let mut runs = 0;
        for (line, flags) in lines(&t) {
            if line.is_empty() {
                // A blank line ends a run: one task explains every line of it.
                assert!((MIN_RUN..=MAX_RUN).contains(&run.len()), "{}", run.len());
                assert!(
                    Task::ALL
                        .iter()
                        .any(|t| run.iter().all(|(i, a)| t.check(i, a))),
                    "{run:?}"
                );
                run.clear();
                runs += 1;
                continue;
            }
            let (instruction, i, a) = split(&line);
            assert_eq!(instruction, "", "no instruction: {line}");
            assert!(!is_test_input(i), "{i} is kept for measuring");
            let arrow = i.chars().count() + 1;
            for (k, &s) in flags.iter().enumerate() {
                assert_eq!(s, scoring == Scoring::Every || k >= arrow, "{line} at {k}");
            }
            run.push((i.to_string(), a.to_string()));
        }
        assert!(runs > 100);
        assert_eq!(
            demonstrations(3, 20_000, scoring),
            t,
            "the same from the seed"
        );
    }
}

#[test]
fn task_examples_hold_one_task_with_only_answers_scored() {
    for task in Task::ALL {
        let t = task_examples(4, task, 3_000);
        for (line, flags) in lines(&t) {
            let (instruction, i, a) = split(&line);
            assert_eq!(instruction, "");
            assert!(task.check(i, a) && !is_test_input(i), "{task:?}: {line}");
            let arrow = i.chars().count() + 1;
            assert!(flags.iter().enumerate().all(|(k, &s)| s == (k >= arrow)));
        }
        // Line ends are answers' too.
        let ends = t.text.chars().zip(&t.scored).filter(|&(c, _)| c == '\n');
        assert!(ends.clone().count() > 100 && ends.into_iter().all(|(_, &s)| s));
    }
}

#[test]
fn held_out_wordings_tasks_and_inputs_never_appear_in_any_training_text() {
    let texts = [
        instructions(6, 60_000),
        demonstrations(6, 60_000, Scoring::Every),
        task_examples(6, Task::Count, 10_000),
        task_examples(6, Task::Reverse, 10_000),
    ];
    let held: Vec<&str> = WORDINGS
        .iter()
        .filter(|w| w.held_out || w.task == HELD_OUT_TASK)
        .map(|w| w.text)
        .collect();
    let trained: Vec<&str> = WORDINGS
        .iter()
        .filter(|w| !w.held_out && w.task != HELD_OUT_TASK)
        .map(|w| w.text)
        .collect();
    for t in &texts {
        for (line, _) in lines(t).iter().filter(|(l, _)| !l.is_empty()) {
            let (instruction, i, a) = split(line);
            assert!(!held.contains(&instruction), "{line}");
            assert!(
                instruction.is_empty() || trained.contains(&instruction),
                "{line}"
            );
            assert!(!is_test_input(i), "{line}");
            let task = WORDINGS
                .iter()
                .find(|w| w.text == instruction)
                .map(|w| w.task);
            if let Some(task) = task {
                assert!(task.check(i, a), "{line}");
            }
        }
        for h in &held {
            assert!(!t.text.contains(&format!("{h} ")), "{h} in a training text");
        }
    }
    // Instruction tuning meets every trained wording.
    let lines = lines(&texts[0]);
    for w in &trained {
        assert!(lines.iter().any(|(l, _)| split(l).0 == *w), "{w}");
    }
}

#[test]
fn prompts_are_written_as_the_texts_are_and_refused_or_cut_when_they_must_be() {
    let mut rng = SeededRng::new(1, 2);
    let p = prompt(Task::Sort, Ask::Shots(3), "dcb", &mut rng);
    let shown: Vec<&str> = p.split('\n').collect();
    assert_eq!(shown.len(), 5, "{p:?}");
    assert_eq!(shown[0], "");
    assert_eq!(shown[4], "dcb>");
    for l in &shown[1..4] {
        let (_, i, a) = split(l);
        assert!(Task::Sort.check(i, a) && !is_test_input(i), "{l}");
    }
    let w = wordings(Task::Upper, true).next().unwrap();
    assert_eq!(
        prompt(Task::Upper, Ask::Instruction(w), "ab", &mut rng),
        format!("\n{} ab>", w.text)
    );
    let vocab = Vocab::new();
    assert_eq!(vocab.encode("abc>\n").unwrap().len(), 5);
    assert_eq!(
        vocab.encode("ab").map(|ids| vocab.decode(&ids)),
        Ok("ab".into())
    );
    let unknown = vocab.encode("sort qxq? abx").unwrap_err();
    assert_eq!(unknown.chars, vec!['q', 'x', '?'], "each once, in order");
    // A prompt longer than the context is cut from the front.
    let model = INSTRUCT.size.model(1).unwrap();
    let long = "\n".to_string() + &"abc>cba\n".repeat(20) + "ab>";
    let reply = complete(&model, &vocab, &long).unwrap();
    assert_eq!(reply.cut, long.len() - INSTRUCT.size.context);
    assert!(reply.answer.chars().count() <= MAX_LEN + 1);
    assert_eq!(complete(&model, &vocab, "\nab>").unwrap().cut, 0);
    assert!(complete(&model, &vocab, "\nxyz>").is_err());
}

/// A size that trains in a moment at the test profile's speed.
const TINY: Size = Size {
    blocks: 2,
    heads: 2,
    width: 32,
    context: 32,
    batch: 8,
    learning_rate: 3e-3,
};

#[test]
fn every_run_is_the_same_from_the_same_seed() {
    let few = FewShotSpec {
        size: Size {
            context: 128,
            ..TINY
        },
        steps: 6,
        text: 3_000,
        scoring: Scoring::Every,
        seed: 3,
    };
    let fine = FinetuneSpec {
        size: TINY,
        task: Task::Sort,
        pretrain_steps: 4,
        finetune_steps: 3,
        pretrain_text: 3_000,
        finetune_text: 1_000,
        seed: 3,
    };
    let inst = InstructSpec {
        size: TINY,
        steps: 6,
        text: 3_000,
        seed: 3,
    };
    let twice = |f: &dyn Fn() -> (Vec<f64>, String)| {
        let (a, b) = (f(), f());
        assert_eq!(a, b);
        a
    };
    let a = twice(&|| {
        let mut r = FewShotRun::new(few).unwrap();
        r.advance(2).unwrap();
        r.advance(10).unwrap();
        assert!(r.finished() && r.done() == 6);
        (
            r.learner().model.params().to_vec(),
            format!("{:?}", r.measure(3, 1)),
        )
    });
    let b = twice(&|| {
        let mut r = FinetuneRun::new(fine).unwrap();
        r.advance(5).unwrap();
        assert!(r.fine_tuning() && r.done() == 5 && !r.finished());
        r.advance(5).unwrap();
        assert!(r.finished() && r.done() == 7);
        assert_ne!(r.base().unwrap().params(), r.learner().model.params());
        (
            r.learner().model.params().to_vec(),
            format!("{:?}", r.measure(3, 1)),
        )
    });
    let c = twice(&|| {
        let mut r = InstructRun::new(inst).unwrap();
        r.advance(6).unwrap();
        (
            r.learner().model.params().to_vec(),
            format!("{:?}", r.measure(3, 1)),
        )
    });
    // Another seed, another model.
    let mut other = InstructRun::new(InstructSpec { seed: 4, ..inst }).unwrap();
    other.advance(6).unwrap();
    assert_ne!(other.learner().model.params(), &c.0[..]);
    assert!(
        a.0.len() > b.0.len(),
        "few-shot's longer context has more positions"
    );
}

#[test]
fn a_stage_predicts_only_the_scored_characters() {
    let train = task_examples(2, Task::Copy, 600);
    let held = task_examples(3, Task::Copy, 200);
    let stage = Stage::on_texts(TINY.model(1).unwrap(), &train, &held, &TINY, 1, 1);
    let (t, h) = stage.learner().measure();
    assert!(!train.scored[0] && !held.scored[0]);
    assert_eq!(t.tokens, train.scored_count());
    assert_eq!(h.unwrap().tokens, held.scored_count());
    assert!(train.scored_count() < train.len() * 2 / 3);
}

#[test]
fn a_few_hundred_steps_of_fine_tuning_learn_the_answers_form() {
    let spec = FinetuneSpec {
        size: Size {
            learning_rate: 1e-2,
            ..TINY
        },
        task: Task::First,
        pretrain_steps: 0,
        finetune_steps: 400,
        pretrain_text: 1_000,
        finetune_text: 4_000,
        seed: 1,
    };
    let t = Instant::now();
    let mut run = FinetuneRun::new(spec).unwrap();
    run.advance(spec.finetune_steps).unwrap();
    assert!(run.finished());
    let untrained = accuracy(run.base().unwrap(), Task::First, Ask::Shots(0), 100, 5);
    let trained = accuracy(&run.learner().model, Task::First, Ask::Shots(0), 100, 5);
    // A model that writes one letter and a line end but does not know
    // which letter: ln 8 nats on the letter, 0 on the line end. At this
    // size and budget the task itself is not yet learned (see the report);
    // its answers' form is, and the loss falls from ln V to that.
    let form = 8f64.ln() / 2.0;
    let vocab = Vocab::new();
    let held = run.learner().measure().1.unwrap();
    let before = Stage::on_texts(
        run.base().unwrap().clone(),
        &task_examples(9, Task::First, 200),
        &task_examples(8, Task::First, 200),
        &TINY,
        1,
        0,
    );
    let start = before.learner().measure().0;
    let mut rng = SeededRng::new(7, 7);
    let mut letter = |m: &_| {
        let r = complete(
            m,
            &vocab,
            &format!(
                "\n{}>",
                test_input(&mut SeededRng::new(7, rng.below(1000) as u64))
            ),
        )
        .unwrap();
        r.ended && r.answer.chars().count() == 1 && r.answer.chars().all(|c| c.is_ascii_lowercase())
    };
    let formed = (0..20).filter(|_| letter(&run.learner().model)).count();
    println!(
        "{start:?} → {held:?} (form only: {form:.2}); {untrained:?} → {trained:?}; {formed}/20 one letter; {:.1} s",
        t.elapsed().as_secs_f64()
    );
    assert!(
        start.loss > 2.0 * form && held.loss < 1.1 * form,
        "{start:?} → {held:?}"
    );
    assert!(
        formed >= 18 && trained.rate() > untrained.rate(),
        "{formed}; {trained:?}"
    );
}

/// Queries per cell of the measured tables.
const ASKED: usize = 100;
/// Seed of the measured tables' queries.
const QUERIES: u64 = 2024;

fn pct(s: Score) -> String {
    format!("{:>5.1}%", 100.0 * s.rate())
}

/// Every wording's score, task by task, and the spread across them.
fn print_wordings(scores: &[Score]) {
    println!("| task | wording | language | held out | accuracy |");
    println!("|---|---|---|---|---|");
    for (w, &s) in WORDINGS.iter().zip(scores) {
        let lang = if w.zh { "zh" } else { "en" };
        println!(
            "| {:?} | {} | {lang} | {} | {} |",
            w.task,
            w.text,
            w.held_out,
            pct(s)
        );
    }
    println!("\n| task | lowest | highest | spread (points) |");
    println!("|---|---|---|---|");
    for (t, lo, hi) in spread(scores) {
        let (lo, hi) = (100.0 * lo, 100.0 * hi);
        println!("| {t:?} | {lo:.1}% | {hi:.1}% | {:.1} |", hi - lo);
    }
}

#[test]
#[ignore = "trains the default pretrain–finetune run (about a minute and a half)"]
fn pretrain_finetune_measured() {
    let t = Instant::now();
    let mut run = FinetuneRun::new(FINETUNE).unwrap();
    run.advance(u64::MAX).unwrap();
    let trained = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let r = run.measure(ASKED, QUERIES);
    println!(
        "\npretrain–finetune {:?}: {:?}, {} + {} steps, trained in {trained:.1} s, measured in {:.1} s",
        FINETUNE.task,
        FINETUNE.size,
        FINETUNE.pretrain_steps,
        FINETUNE.finetune_steps,
        t.elapsed().as_secs_f64()
    );
    println!("\n| task | base, bare | base, {SHOTS} shots | fine-tuned, bare | fine-tuned, {SHOTS} shots |");
    println!("|---|---|---|---|---|");
    for (task, s) in Task::ALL.iter().zip(&r.tasks) {
        let mark = if *task == FINETUNE.task {
            " (fine-tuned)"
        } else {
            ""
        };
        println!(
            "| {task:?}{mark} | {} | {} | {} | {} |",
            pct(s.base_bare),
            pct(s.base_shots),
            pct(s.tuned_bare),
            pct(s.tuned_shots)
        );
    }
    assert!(run.finished());
}

#[test]
#[ignore = "trains the default few-shot run (about a minute and a half)"]
fn few_shot_measured() {
    let t = Instant::now();
    let mut run = FewShotRun::new(FEW_SHOT).unwrap();
    run.advance(u64::MAX).unwrap();
    let trained = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let r = run.measure(ASKED, QUERIES);
    println!(
        "\nfew-shot: {:?}, {} steps, trained in {trained:.1} s, measured in {:.1} s",
        FEW_SHOT.size,
        FEW_SHOT.steps,
        t.elapsed().as_secs_f64()
    );
    print!("\n| task |");
    (0..=MAX_SHOTS).for_each(|k| print!(" k={k} |"));
    println!("\n|---|{}", "---|".repeat(MAX_SHOTS + 1));
    for (task, row) in Task::ALL.iter().zip(&r.shots) {
        print!("| {task:?} |");
        row.iter().for_each(|&s| print!(" {} |", pct(s)));
        println!();
    }
    print!("| all |");
    for k in 0..=MAX_SHOTS {
        let all = r
            .shots
            .iter()
            .fold(Score::default(), |a, row| a.plus(row[k]));
        print!(" {} |", pct(all));
    }
    println!("\n\nthe prompted model asked with an instruction instead of examples:\n");
    print_wordings(&r.wordings);
    assert!(run.finished());
}

#[test]
#[ignore = "trains the default instruction-tuning run (about a minute and a half)"]
fn instruction_tuning_measured() {
    let t = Instant::now();
    let mut run = InstructRun::new(INSTRUCT).unwrap();
    run.advance(u64::MAX).unwrap();
    let trained = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let r = run.measure(ASKED, QUERIES);
    println!(
        "\ninstruction tuning: {:?}, {} steps, trained in {trained:.1} s, measured in {:.1} s",
        INSTRUCT.size,
        INSTRUCT.steps,
        t.elapsed().as_secs_f64()
    );
    println!("\n| split | English | Chinese | both |");
    println!("|---|---|---|---|");
    for split in Split::ALL {
        let g = |zh| pct(gather(&r.wordings, split, zh));
        println!(
            "| {split:?} | {} | {} | {} |",
            g(Some(false)),
            g(Some(true)),
            g(None)
        );
    }
    println!();
    print_wordings(&r.wordings);
    assert!(run.finished());
}

#[test]
fn a_plan_says_its_run_and_a_short_one_is_an_eighth() {
    use neuronlab::core::paradigms::run::{Length, Paradigm, ParadigmRun, RunPlan};
    for p in Paradigm::ALL {
        let full = RunPlan::new(p);
        let short = RunPlan {
            length: Length::Short,
            ..full
        };
        assert_eq!(short.steps(), full.steps() / 8, "{p:?}");
        let json = neuronlab::core::json::to_string(&short, false);
        assert_eq!(
            neuronlab::core::json::from_str::<RunPlan>(&json).unwrap(),
            short
        );
        let run = ParadigmRun::new(&short).unwrap();
        assert_eq!(run.steps(), short.steps());
        assert_eq!(
            run.model().params().len(),
            short.size().model(1).unwrap().params().len()
        );
        assert!(run.base().is_none(), "no base before pretraining ends");
    }
    assert_eq!(
        RunPlan::new(Paradigm::Finetune).steps(),
        FINETUNE.pretrain_steps + FINETUNE.finetune_steps
    );
}

#[test]
fn measuring_cell_by_cell_gives_what_one_call_gives() {
    // What a worker does between reports, against `measure` in one call.
    let mut few = FewShotRun::new(FewShotSpec {
        size: Size {
            context: 128,
            ..TINY
        },
        steps: 3,
        text: 2_000,
        scoring: Scoring::Answers,
        seed: 2,
    })
    .unwrap();
    few.advance(3).unwrap();
    let model = &few.learner().model;
    let scores: Vec<Score> = FewShotRun::queries()
        .iter()
        .map(|q| q.score(model, None, 2, 9))
        .collect();
    assert_eq!(FewShotRun::assemble(&scores), few.measure(2, 9));
    let mut fine = FinetuneRun::new(FinetuneSpec {
        size: TINY,
        task: Task::Copy,
        pretrain_steps: 2,
        finetune_steps: 2,
        pretrain_text: 2_000,
        finetune_text: 1_000,
        seed: 2,
    })
    .unwrap();
    fine.advance(4).unwrap();
    let scores: Vec<Score> = FinetuneRun::queries()
        .iter()
        .map(|q| q.score(&fine.learner().model, fine.base(), 2, 9))
        .collect();
    assert_eq!(FinetuneRun::assemble(&scores), fine.measure(2, 9));
    let mut inst = InstructRun::new(InstructSpec {
        size: TINY,
        steps: 2,
        text: 2_000,
        seed: 2,
    })
    .unwrap();
    inst.advance(2).unwrap();
    let model = &inst.learner().model;
    let scores: Vec<Score> = InstructRun::queries()
        .iter()
        .map(|q| q.score(model, None, 2, 9))
        .collect();
    assert_eq!(InstructRun::assemble(&scores), inst.measure(2, 9));
}

#[test]
fn a_plan_hands_the_language_lab_whole_lines_of_its_text() {
    use neuronlab::core::paradigms::run::{Paradigm, RunPlan};
    for p in Paradigm::ALL {
        for base in [false, true] {
            let t = RunPlan::new(p).text(base, 2_000);
            assert!(
                t.chars().count() <= 2_000 && t.chars().count() > 1_800,
                "{p:?}"
            );
            assert!(t.ends_with('\n'), "{p:?} ends mid-line");
            assert!(Vocab::new().encode(&t).is_ok());
        }
    }
    let tuned = RunPlan::new(Paradigm::Finetune).text(false, 500);
    assert!(tuned.lines().all(|l| {
        let (i, a) = l.split_once('>').unwrap();
        Task::Reverse.check(i, a)
    }));
    assert!(RunPlan::new(Paradigm::Instruct)
        .text(false, 500)
        .contains(' '));
}

#[test]
fn a_runs_curve_spans_its_stages_and_is_thinned_to_what_the_page_draws() {
    use neuronlab::core::paradigms::run::ParadigmRun;
    use neuronlab::core::paradigms::stage::{thin, RunPoint};
    let spec = FinetuneSpec {
        size: TINY,
        task: Task::Reverse,
        pretrain_steps: 30,
        finetune_steps: 20,
        pretrain_text: 4_000,
        finetune_text: 2_000,
        seed: 5,
    };
    let mut run = ParadigmRun::Finetune(Box::new(FinetuneRun::new(spec).unwrap()));
    let first = run.curve(1000);
    assert_eq!(
        first.len(),
        1,
        "a fresh run has its step-0 point: {first:?}"
    );
    assert_eq!(first[0].step, 0);
    run.advance(30).unwrap();
    let pretrained = run.curve(1000);
    run.advance(20).unwrap();
    let all = run.curve(1000);
    assert!(run.finished());
    // Pretraining's points are kept when fine-tuning starts, and the
    // fine-tuning stage goes on from update 30 to 50.
    assert_eq!(
        &all[..pretrained.len() - 1],
        &pretrained[..pretrained.len() - 1]
    );
    let tuned: Vec<&RunPoint> = all.iter().filter(|p| p.step >= 30).collect();
    assert!(
        tuned.len() >= 2 && tuned.last().unwrap().step == 50,
        "{all:?}"
    );
    assert!(all.windows(2).all(|w| w[0].step <= w[1].step));
    assert!(all
        .iter()
        .all(|p| p.train.is_finite() && p.held.is_finite() && p.held > 0.0));
    // Fine-tuning on one task: its held-out loss (on that task's examples)
    // falls from where fine-tuning began.
    let start = tuned.first().unwrap().held;
    assert!(tuned.last().unwrap().held < start, "{tuned:?}");
    // Thinned: at most the page's points, the ends kept, in order.
    let few = run.curve(8);
    assert_eq!(few.len(), 8);
    assert_eq!((few[0], few[7]), (all[0], *all.last().unwrap()));
    assert!(few.windows(2).all(|w| w[0].step < w[1].step));
    assert_eq!(thin(all.clone(), all.len() + 5), all);
}
