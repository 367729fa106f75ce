//! The paradigms lab's door: runs queued, trained, measured and kept;
//! `Shots` refused when it is not 0–8; the table and the findings read
//! from the results; the open model's answers, refusals and cut prompts.

use neuronlab::app::paradigms::{Paradigms, ParadigmsAction as A, ParadigmsProblem, RunState};
use neuronlab::app::paradigms_runs::{cells, Finished, ModelId};
use neuronlab::app::paradigms_text::{findings, problem, reply_lines, table};
use neuronlab::app::Lang;
use neuronlab::core::paradigms::ask::{Score, MAX_SHOTS};
use neuronlab::core::paradigms::run::{Length, Paradigm, RunPlan};
use neuronlab::core::paradigms::stage::{RunPoint, Size};
use neuronlab::core::paradigms::tasks::{Task, WORDINGS};

fn s(right: usize) -> Score {
    Score { right, asked: 50 }
}

/// A finished run of `p` whose every cell scored `f(i)` of 50.
fn finished(p: Paradigm, f: impl Fn(usize) -> usize) -> Finished {
    Finished {
        plan: RunPlan::new(p),
        scores: (0..cells(p)).map(|i| s(f(i))).collect(),
        ms: 90_000.0,
        curve: Vec::new(),
    }
}

/// A finished few-shot run: task `t` shown `k` examples scores
/// `shots(t, k)` of 50; every wording `wording` of 50.
fn few_shot(shots: impl Fn(usize, usize) -> usize, wording: usize) -> Finished {
    let per = MAX_SHOTS + 1;
    finished(Paradigm::FewShot, |i| {
        if i < Task::ALL.len() * per {
            shots(i / per, i % per)
        } else {
            wording
        }
    })
}

fn run_to_end(pd: &mut Paradigms, f: Finished) {
    let p = f.plan.paradigm;
    pd.apply(A::Started(p)).unwrap();
    pd.apply(A::Trained {
        paradigm: p,
        done: 10,
        steps: 20,
        curve: Vec::new(),
    })
    .unwrap();
    pd.apply(A::Measured {
        paradigm: p,
        done: 3,
    })
    .unwrap();
    pd.apply(A::Finished(f)).unwrap();
}

#[test]
fn shots_takes_whole_numbers_from_0_to_8_and_names_itself_otherwise() {
    let mut pd = Paradigms::default();
    pd.apply(A::SetShots(" 7 ".into())).unwrap();
    assert_eq!(pd.shots, 7);
    for bad in ["9", "-1", "2.5", "x", "", "1e400"] {
        let e = pd.apply(A::SetShots(bad.into())).unwrap_err();
        assert_eq!(e, ParadigmsProblem::Shots(bad.into()));
        assert_eq!(pd.shots, 7, "{bad} changed Shots");
        let en = problem(Lang::En, &pd, &e);
        let zh = problem(Lang::Zh, &pd, &e);
        assert!(en.starts_with("Shots") && en.contains(bad), "{en}");
        assert!(zh.starts_with("示例数"), "{zh}");
    }
    pd.apply(A::SetShots("0".into())).unwrap();
    assert_eq!(pd.shots, 0);
    pd.apply(A::SetShots(MAX_SHOTS.to_string())).unwrap();
    assert_eq!(pd.shots, MAX_SHOTS);
}

#[test]
fn a_run_goes_queued_training_measuring_done_and_a_stop_keeps_what_finished() {
    let mut pd = Paradigms::default();
    pd.apply(A::RunAll).unwrap();
    assert_eq!(pd.queued(), Paradigm::ALL.to_vec());
    assert!(pd.running());
    pd.apply(A::Started(Paradigm::Instruct)).unwrap();
    let point = |step, held| RunPoint {
        step,
        train: held + 0.1,
        held,
    };
    let so_far = vec![point(0, 4.0), point(4, 3.0)];
    pd.apply(A::Trained {
        paradigm: Paradigm::Instruct,
        done: 5,
        steps: 200,
        curve: so_far.clone(),
    })
    .unwrap();
    assert_eq!(
        pd.curve(Paradigm::Instruct),
        &so_far[..],
        "drawn as it trains"
    );
    assert!(pd.curve(Paradigm::FewShot).is_empty());
    assert_eq!(
        *pd.state(Paradigm::Instruct),
        RunState::Training {
            done: 5,
            steps: 200
        }
    );
    // Scores that do not fit the paradigm are not a result.
    let mut wrong = finished(Paradigm::Instruct, |_| 1);
    wrong.scores.pop();
    pd.apply(A::Finished(wrong)).unwrap();
    assert!(pd.result(Paradigm::Instruct).is_none());
    let whole = vec![point(0, 4.0), point(4, 3.0), point(8, 2.5)];
    run_to_end(
        &mut pd,
        Finished {
            curve: whole.clone(),
            ..finished(Paradigm::Instruct, |i| i % 50)
        },
    );
    assert_eq!(*pd.state(Paradigm::Instruct), RunState::Idle);
    assert_eq!(
        pd.curve(Paradigm::Instruct),
        &whole[..],
        "the finished run's"
    );
    // Kept across a reload; a save from before curves were kept has none.
    let mut back = Paradigms::default();
    assert!(back.load(&pd.save()));
    assert_eq!(back.curve(Paradigm::Instruct), &whole[..]);
    let old = pd.save().replace(",\"curve\":[", ",\"was\":[");
    assert!(back.load(&old));
    assert!(back.result(Paradigm::Instruct).is_some());
    assert!(back.curve(Paradigm::Instruct).is_empty());
    assert_eq!(
        pd.result(Paradigm::Instruct).unwrap().scores.len(),
        WORDINGS.len()
    );
    pd.apply(A::Stop).unwrap();
    assert_eq!(*pd.state(Paradigm::Finetune), RunState::Stopped);
    assert!(!pd.running());
    assert!(
        pd.result(Paradigm::Instruct).is_some(),
        "a stop keeps results"
    );
    // A report for a stopped run changes nothing.
    pd.apply(A::Finished(finished(Paradigm::Finetune, |_| 9)))
        .unwrap();
    assert!(pd.result(Paradigm::Finetune).is_none());
    pd.apply(A::Failed {
        paradigm: Paradigm::Finetune,
        message: "late".into(),
    })
    .unwrap();
    assert_eq!(*pd.state(Paradigm::Finetune), RunState::Stopped);
    pd.apply(A::Run(Paradigm::FewShot)).unwrap();
    pd.apply(A::Failed {
        paradigm: Paradigm::FewShot,
        message: "out of memory".into(),
    })
    .unwrap();
    assert_eq!(
        *pd.state(Paradigm::FewShot),
        RunState::Failed("out of memory".into())
    );
    pd.apply(A::Clear).unwrap();
    assert!(pd.result(Paradigm::Instruct).is_none());
}

#[test]
fn the_table_reads_each_cell_from_the_run_that_measured_it() {
    let mut pd = Paradigms::default();
    for lang in [Lang::En, Lang::Zh] {
        let rows = table(lang, &pd);
        assert_eq!(rows.len(), 6);
        for (_, cells) in &rows[1..] {
            assert!(cells.iter().all(|c| c.text == "—" && c.model.is_none()));
        }
    }
    pd.apply(A::RunAll).unwrap();
    // Finetune cells: per task [base bare, base shots, tuned bare, tuned shots].
    run_to_end(
        &mut pd,
        finished(Paradigm::Finetune, |i| [5, 10, 40, 20][i % 4]),
    );
    // Few-shot: task t with k examples scores 2k (+1 for Reverse); wordings 1.
    run_to_end(&mut pd, few_shot(|t, k| 2 * k + usize::from(t == 0), 1));
    // Instruction tuning: trained wordings 30, held-out ones 10, Count 0.
    run_to_end(
        &mut pd,
        finished(Paradigm::Instruct, |i| {
            let w = &WORDINGS[i];
            if w.task == Task::Count {
                0
            } else if w.held_out {
                10
            } else {
                30
            }
        }),
    );
    pd.apply(A::SetShots("3".into())).unwrap();
    let rows = table(Lang::En, &pd);
    let texts: Vec<[&str; 3]> = rows
        .iter()
        .map(|(_, c)| [0, 1, 2].map(|i| c[i].text.as_str()))
        .collect();
    assert_eq!(texts[1], ["80.0%", "14.0%", "60.0%"], "own task (Reverse)");
    assert_eq!(texts[2], ["40.0%", "12.3%", "60.0%"], "many tasks");
    assert!(rows[2].1[0].note.contains("20.0%"), "{}", rows[2].1[0].note);
    assert_eq!(texts[3], ["80.0%", "12.0%", "0.0%"], "the held-out task");
    assert_eq!(texts[4], ["—", "2.0%", "20.0%"], "new wordings");
    assert_eq!(texts[5], ["—", "2.0% – 2.0%", "20.0% – 60.0%"]);
    assert_eq!(
        rows[1].1[2].model,
        Some(ModelId::Trained(Paradigm::Instruct))
    );
    // Few-shot here rises by 2 points an example: 4.0% (k=1) to 32.0% (k=8) + …
    let en = findings(Lang::En, &pd).join("\n");
    assert!(en.contains("the examples in the prompt help"), "{en}");
    assert!(en.contains("A task never seen is not done"), "{en}");
    assert!(en.contains("from 10.0% to 80.0%"), "{en}");
    let zh = findings(Lang::Zh, &pd).join("\n");
    assert!(zh.contains("从没见过的任务"), "{zh}");
}

#[test]
fn few_shot_that_gains_nothing_after_one_example_is_said_so() {
    let mut pd = Paradigms::default();
    pd.apply(A::Run(Paradigm::FewShot)).unwrap();
    run_to_end(&mut pd, few_shot(|_, k| if k == 0 { 2 } else { 9 }, 0));
    let en = findings(Lang::En, &pd).join("\n");
    assert!(
        en.contains("4.0% with no example, 18.0% with one, 18.0% with eight"),
        "{en}"
    );
    assert!(en.contains("more add little here"), "{en}");
    assert!(!en.contains("help, with no parameter"), "{en}");
}

#[test]
fn results_and_choices_survive_a_reload_and_a_broken_save_changes_nothing() {
    let mut pd = Paradigms::default();
    pd.apply(A::SetLength(Length::Short)).unwrap();
    pd.apply(A::SetTask(Task::Sort)).unwrap();
    pd.apply(A::SetShots("2".into())).unwrap();
    pd.apply(A::Run(Paradigm::Instruct)).unwrap();
    run_to_end(&mut pd, finished(Paradigm::Instruct, |i| i % 7));
    let saved = pd.save();
    let mut back = Paradigms::default();
    assert!(back.load(&saved));
    assert_eq!(back.save(), saved);
    assert_eq!(
        (back.shots, back.length, back.task),
        (2, Length::Short, Task::Sort)
    );
    let before = back.save();
    assert!(!back.load("{not json"));
    assert!(!back.load("{\"shots\":1}"));
    assert_eq!(back.save(), before);
    // Scores of the wrong length are dropped on load.
    let broken = saved.replace("\"scores\":[{", "\"scores\":[{\"right\":1,\"asked\":50},{");
    assert!(back.load(&broken));
    assert!(back.result(Paradigm::Instruct).is_none());
}

fn tiny_model() -> neuronlab::core::lm::transformer::Transformer {
    Size {
        blocks: 1,
        heads: 1,
        width: 8,
        context: 16,
        batch: 1,
        learning_rate: 1e-3,
    }
    .model(3)
    .unwrap()
}

#[test]
fn an_open_model_answers_names_unknown_characters_and_says_when_it_cut() {
    let mut pd = Paradigms::default();
    pd.apply(A::Open(ModelId::Trained(Paradigm::Instruct)))
        .unwrap();
    assert!(pd.prompt.ends_with("abcd>"), "{}", pd.prompt);
    let e = pd.apply(A::Answer).unwrap_err();
    assert_eq!(
        e,
        ParadigmsProblem::NoModel(ModelId::Trained(Paradigm::Instruct))
    );
    assert!(problem(Lang::En, &pd, &e).contains("Train it"));
    assert!(!pd.asked, "a refused question is not an answer");
    pd.apply(A::Models {
        paradigm: Paradigm::Instruct,
        trained: Box::new(tiny_model()),
        base: None,
    })
    .unwrap();
    pd.apply(A::SetPrompt("reverse abc>".into())).unwrap();
    pd.apply(A::Answer).unwrap();
    assert!(pd.asked, "the course hears that a model answered");
    let mut back = Paradigms::default();
    assert!(back.load(&pd.save()) && back.asked, "kept across a reload");
    back.apply(A::Clear).unwrap();
    assert!(!back.asked, "Clear forgets it");
    let reply = pd.reply.clone().unwrap();
    assert_eq!(reply.cut, 0);
    assert!(!reply_lines(Lang::En, &pd).is_empty());
    // Characters the model has no id for are named, each once; nothing changes.
    pd.apply(A::SetPrompt("reverse qj!q>".into())).unwrap();
    let e = pd.apply(A::Answer).unwrap_err();
    let en = problem(Lang::En, &pd, &e);
    assert!(
        en.starts_with("Ask the model") && en.contains("“q” “j” “!”"),
        "{en}"
    );
    assert!(problem(Lang::Zh, &pd, &e).contains("“q” “j” “!”"));
    assert!(pd.reply.is_none());
    // A prompt longer than the context (16) is cut, and said so.
    pd.apply(A::SetPrompt("abcdefgh abcdefgh abc>".into()))
        .unwrap();
    pd.apply(A::Answer).unwrap();
    let lines = reply_lines(Lang::En, &pd).join(" ");
    assert!(lines.contains("first 7 characters were cut"), "{lines}");
    // Next character writes one more character after the prompt.
    let before = pd.prompt.chars().count();
    pd.apply(A::NextChar).unwrap();
    assert_eq!(pd.prompt.chars().count(), before + 1);
}

#[test]
fn a_kept_model_is_put_back_only_beside_the_run_that_trained_it() {
    let kept = |pd: &mut Paradigms, model: ModelId, plan: RunPlan| {
        pd.apply(A::Kept {
            model,
            plan,
            params: Box::new(tiny_model()),
        })
        .unwrap()
    };
    let mut pd = Paradigms::default();
    let ft = ModelId::Trained(Paradigm::Finetune);
    // No finished run (a reload after Clear): nothing is put back.
    kept(&mut pd, ft, RunPlan::new(Paradigm::Finetune));
    assert!(pd.model(ft).is_none());
    pd.apply(A::Run(Paradigm::Finetune)).unwrap();
    run_to_end(&mut pd, finished(Paradigm::Finetune, |_| 1));
    assert!(pd.result(Paradigm::Finetune).is_some());
    // A model of another run (another seed, length or task) is not it.
    for plan in [
        RunPlan {
            seed: 99,
            ..RunPlan::new(Paradigm::Finetune)
        },
        RunPlan {
            length: Length::Short,
            ..RunPlan::new(Paradigm::Finetune)
        },
        RunPlan {
            task: Task::Sort,
            ..RunPlan::new(Paradigm::Finetune)
        },
    ] {
        kept(&mut pd, ft, plan);
        kept(&mut pd, ModelId::Base, plan);
    }
    assert!(pd.model(ft).is_none() && pd.model(ModelId::Base).is_none());
    // The finished run's own plan: the model and its base come back, and open.
    kept(&mut pd, ft, RunPlan::new(Paradigm::Finetune));
    kept(&mut pd, ModelId::Base, RunPlan::new(Paradigm::Finetune));
    assert!(pd.model(ft).is_some() && pd.model(ModelId::Base).is_some());
    assert!(pd.model(ModelId::Trained(Paradigm::Instruct)).is_none());
    pd.apply(A::Open(ft)).unwrap();
    pd.apply(A::Answer).unwrap();
    assert!(pd.reply.is_some());
    // A model trained since the page loaded is never replaced by a kept one.
    let trained = pd.model(ft).unwrap().params().to_vec();
    let mut other = tiny_model();
    other.params_mut().iter_mut().for_each(|p| *p += 1.0);
    pd.apply(A::Kept {
        model: ft,
        plan: RunPlan::new(Paradigm::Finetune),
        params: Box::new(other),
    })
    .unwrap();
    assert_eq!(pd.model(ft).unwrap().params(), &trained[..]);
}

#[test]
fn model_ids_round_trip() {
    for m in ModelId::ALL {
        assert_eq!(ModelId::from_id(m.id()), Some(m));
    }
    assert_eq!(ModelId::from_id("nope"), None);
}

#[test]
fn each_model_opens_with_a_prompt_asked_the_way_it_was_trained() {
    let mut pd = Paradigms::default();
    pd.apply(A::SetShots("2".into())).unwrap();
    pd.apply(A::Open(ModelId::Trained(Paradigm::Finetune)))
        .unwrap();
    assert_eq!(pd.prompt, "abcd>", "the fine-tuned model is asked bare");
    for m in [ModelId::Base, ModelId::Trained(Paradigm::FewShot)] {
        pd.apply(A::Open(m)).unwrap();
        let lines: Vec<&str> = pd.prompt.split('\n').collect();
        assert_eq!(
            lines.len(),
            3,
            "two examples, then the query: {:?}",
            pd.prompt
        );
        let (i, a) = lines[0].split_once('>').unwrap();
        assert!(Task::Reverse.check(i, a), "{:?}", pd.prompt);
        assert_eq!(lines[2], "abcd>");
    }
    pd.apply(A::Open(ModelId::Trained(Paradigm::Instruct)))
        .unwrap();
    assert_eq!(pd.prompt, "reverse abcd>");
    // No model in this page: Next character is refused and changes nothing.
    let before = pd.prompt.clone();
    assert_eq!(
        pd.apply(A::NextChar).unwrap_err(),
        ParadigmsProblem::NoModel(ModelId::Trained(Paradigm::Instruct))
    );
    assert_eq!(pd.prompt, before);
}

#[test]
fn accuracy_against_k_is_read_task_by_task_from_the_few_shot_run() {
    use neuronlab::app::paradigms_text::shots_rows;
    let mut pd = Paradigms::default();
    assert!(shots_rows(Lang::En, &pd).is_none());
    pd.apply(A::Run(Paradigm::FewShot)).unwrap();
    let per = MAX_SHOTS + 1;
    run_to_end(&mut pd, few_shot(|_, k| k * 5, 0));
    let rows = shots_rows(Lang::Zh, &pd).unwrap();
    assert_eq!(rows.len(), Task::ALL.len() + 1);
    assert_eq!(rows[0].0, "反转");
    assert_eq!(rows[6].0, "全部六个");
    for (_, cells) in &rows {
        assert_eq!(cells.len(), per);
        assert_eq!(cells[0], "0.0%");
        assert_eq!(cells[8], "80.0%");
    }
}
