//! Six string tasks a character transformer can learn in minutes, their
//! instructions worded several ways in both languages, and the examples
//! and splits the paradigms lab trains and measures on.

use crate::core::rng::SeededRng;

/// What a task does to its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// The letters in reverse order: `abc` → `cba`.
    Reverse,
    /// The letters in alphabetical order: `cab` → `abc`.
    Sort,
    /// The input as it is: `abc` → `abc`.
    Copy,
    /// The letters in capitals: `abc` → `ABC`.
    Upper,
    /// The first letter: `abc` → `a`.
    First,
    /// How many letters, as a digit: `abc` → `3`.
    Count,
}

/// The letters inputs are made of.
pub const LETTERS: &str = "abcdefgh";
/// Shortest input.
pub const MIN_LEN: usize = 2;
/// Longest input.
pub const MAX_LEN: usize = 5;
/// What separates an example's input from its answer.
pub const ARROW: char = '>';
/// What ends an example.
pub const END: char = '\n';
/// The task instruction tuning never trains on: measured as a task never seen.
pub const HELD_OUT_TASK: Task = Task::Count;

impl Task {
    /// Every task.
    pub const ALL: [Task; 6] = [
        Task::Reverse,
        Task::Sort,
        Task::Copy,
        Task::Upper,
        Task::First,
        Task::Count,
    ];

    /// The task's answer for `input`.
    pub fn apply(self, input: &str) -> String {
        match self {
            Task::Reverse => input.chars().rev().collect(),
            Task::Sort => {
                let mut c: Vec<char> = input.chars().collect();
                c.sort_unstable();
                c.into_iter().collect()
            }
            Task::Copy => input.to_string(),
            Task::Upper => input.to_ascii_uppercase(),
            Task::First => input.chars().take(1).collect(),
            Task::Count => input.chars().count().to_string(),
        }
    }

    /// True when `output` is the task's answer for `input`.
    pub fn check(self, input: &str, output: &str) -> bool {
        self.apply(input) == output
    }
}

/// One wording of a task's instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wording {
    /// The task it asks for.
    pub task: Task,
    /// The instruction as the model reads it.
    pub text: &'static str,
    /// True for a Chinese wording.
    pub zh: bool,
    /// True when no training set ever contains it.
    pub held_out: bool,
}

const fn w(task: Task, text: &'static str, zh: bool, held_out: bool) -> Wording {
    Wording {
        task,
        text,
        zh,
        held_out,
    }
}

/// Every wording: per task and language, two seen in training and one
/// held out (the last).
pub const WORDINGS: [Wording; 36] = [
    w(Task::Reverse, "reverse", false, false),
    w(Task::Reverse, "backwards", false, false),
    w(Task::Reverse, "flip it", false, true),
    w(Task::Reverse, "反转", true, false),
    w(Task::Reverse, "倒过来", true, false),
    w(Task::Reverse, "倒着写", true, true),
    w(Task::Sort, "sort", false, false),
    w(Task::Sort, "in order", false, false),
    w(Task::Sort, "a to z", false, true),
    w(Task::Sort, "排序", true, false),
    w(Task::Sort, "按顺序", true, false),
    w(Task::Sort, "从小到大", true, true),
    w(Task::Copy, "copy", false, false),
    w(Task::Copy, "repeat", false, false),
    w(Task::Copy, "say again", false, true),
    w(Task::Copy, "照抄", true, false),
    w(Task::Copy, "重复", true, false),
    w(Task::Copy, "再写一遍", true, true),
    w(Task::Upper, "upper", false, false),
    w(Task::Upper, "capitals", false, false),
    w(Task::Upper, "shout it", false, true),
    w(Task::Upper, "大写", true, false),
    w(Task::Upper, "变大写", true, false),
    w(Task::Upper, "全部大写", true, true),
    w(Task::First, "first", false, false),
    w(Task::First, "initial", false, false),
    w(Task::First, "lead letter", false, true),
    w(Task::First, "首字母", true, false),
    w(Task::First, "第一个", true, false),
    w(Task::First, "开头的", true, true),
    w(Task::Count, "count", false, false),
    w(Task::Count, "length", false, false),
    w(Task::Count, "how many", false, true),
    w(Task::Count, "数一数", true, false),
    w(Task::Count, "几个字母", true, false),
    w(Task::Count, "长度", true, true),
];

/// The wordings of `task`, those held out (`held_out`) or those trained on.
pub fn wordings(task: Task, held_out: bool) -> impl Iterator<Item = &'static Wording> {
    WORDINGS
        .iter()
        .filter(move |w| w.task == task && w.held_out == held_out)
}

/// True for the inputs kept for measuring (about one in eight, fixed by
/// the letters): no training text holds one.
pub fn is_test_input(input: &str) -> bool {
    let mut h = input.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    // FNV-1a, then MurmurHash3's finaliser: the low bits well mixed.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h % 8 == 0
}

/// Any input: `MIN_LEN`–`MAX_LEN` of [`LETTERS`].
fn any_input(rng: &mut SeededRng) -> String {
    let letters: Vec<char> = LETTERS.chars().collect();
    let len = MIN_LEN + rng.below(MAX_LEN - MIN_LEN + 1);
    (0..len)
        .map(|_| letters[rng.below(letters.len())])
        .collect()
}

/// A random training input: `MIN_LEN`–`MAX_LEN` of [`LETTERS`], never
/// one kept for measuring ([`is_test_input`]).
pub fn input(rng: &mut SeededRng) -> String {
    loop {
        let i = any_input(rng);
        if !is_test_input(&i) {
            return i;
        }
    }
}

/// A random input kept for measuring.
pub fn test_input(rng: &mut SeededRng) -> String {
    loop {
        let i = any_input(rng);
        if is_test_input(&i) {
            return i;
        }
    }
}

/// An example as the model reads it: the prompt `instruction input>` and
/// the answer with the line end after it.
pub fn example(wording: &Wording, input: &str) -> (String, String) {
    let prompt = format!("{} {input}{ARROW}", wording.text);
    let answer = format!("{}{END}", wording.task.apply(input));
    (prompt, answer)
}

/// The answer a model wrote after a prompt: what comes before the first
/// line end (all of it when there is none).
pub fn answer_of(written: &str) -> &str {
    written.split(END).next().unwrap_or("")
}

/// `n` instruction-tuning examples (prompt and answer joined) from the
/// seed: every task but [`HELD_OUT_TASK`], worded only in the trained
/// wordings.
pub fn tuning_set(seed: u64, n: usize) -> Vec<String> {
    let mut rng = SeededRng::new(seed, 0x7A5C);
    let seen: Vec<&Wording> = WORDINGS
        .iter()
        .filter(|w| !w.held_out && w.task != HELD_OUT_TASK)
        .collect();
    (0..n)
        .map(|_| {
            let w = seen[rng.below(seen.len())];
            let (p, a) = example(w, &input(&mut rng));
            p + &a
        })
        .collect()
}

/// Every character an example can contain: the letters, their capitals,
/// the digits of a count, the arrow, the space, the line end and every
/// wording's characters (sorted, each once).
pub fn alphabet() -> Vec<char> {
    let mut chars: Vec<char> = LETTERS
        .chars()
        .chain(LETTERS.to_ascii_uppercase().chars())
        .chain((MIN_LEN..=MAX_LEN).flat_map(|n| n.to_string().chars().collect::<Vec<_>>()))
        .chain([ARROW, ' ', END])
        .chain(WORDINGS.iter().flat_map(|w| w.text.chars()))
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_answers_as_it_says() {
        let cases = [
            (Task::Reverse, "abc", "cba"),
            (Task::Sort, "cab", "abc"),
            (Task::Copy, "hgf", "hgf"),
            (Task::Upper, "abh", "ABH"),
            (Task::First, "dcb", "d"),
            (Task::Count, "abcde", "5"),
        ];
        for (task, input, want) in cases {
            assert_eq!(task.apply(input), want, "{task:?}");
            assert!(task.check(input, want));
            assert!(
                !task.check(input, &format!("{want}x")),
                "{task:?} takes a wrong answer"
            );
        }
        // The tasks differ: on one input no two give the same answer.
        let answers: Vec<String> = Task::ALL.iter().map(|t| t.apply("cadb")).collect();
        for i in 0..answers.len() {
            for j in i + 1..answers.len() {
                assert_ne!(
                    answers[i],
                    answers[j],
                    "{:?} and {:?}",
                    Task::ALL[i],
                    Task::ALL[j]
                );
            }
        }
    }

    #[test]
    fn every_task_has_seen_and_held_out_wordings_in_both_languages() {
        for task in Task::ALL {
            for zh in [false, true] {
                let seen = wordings(task, false).filter(|w| w.zh == zh).count();
                let held = wordings(task, true).filter(|w| w.zh == zh).count();
                assert!(seen >= 2 && held >= 1, "{task:?} zh={zh}");
            }
        }
        let mut texts: Vec<&str> = WORDINGS.iter().map(|w| w.text).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), WORDINGS.len(), "no wording serves two tasks");
        for w in &WORDINGS {
            assert_eq!(w.zh, !w.text.is_ascii(), "{}", w.text);
        }
    }

    #[test]
    fn inputs_and_examples_keep_to_the_alphabet() {
        let alphabet = alphabet();
        let mut rng = SeededRng::new(3, 0);
        for _ in 0..500 {
            let i = input(&mut rng);
            assert!((MIN_LEN..=MAX_LEN).contains(&i.len()));
            for w in &WORDINGS {
                let (p, a) = example(w, &i);
                assert!(
                    p.chars().chain(a.chars()).all(|c| alphabet.contains(&c)),
                    "{p}{a}"
                );
                assert!(w.task.check(&i, answer_of(&a)));
            }
        }
        assert_eq!(answer_of("cba\nrest"), "cba");
        assert_eq!(answer_of("cb"), "cb");
    }

    #[test]
    fn the_tuning_set_never_holds_a_held_out_wording_or_task() {
        let set = tuning_set(11, 5_000);
        let held: Vec<&str> = WORDINGS
            .iter()
            .filter(|w| w.held_out)
            .map(|w| w.text)
            .collect();
        let count: Vec<&str> = wordings(HELD_OUT_TASK, false).map(|w| w.text).collect();
        for ex in &set {
            let instruction = ex.rsplit_once(' ').map_or("", |(w, _)| w);
            assert!(!held.contains(&instruction), "{ex}");
            assert!(!count.contains(&instruction), "{ex}");
            assert!(WORDINGS.iter().any(|w| w.text == instruction), "{ex}");
        }
        // Every other task and every trained wording turns up.
        for w in WORDINGS
            .iter()
            .filter(|w| !w.held_out && w.task != HELD_OUT_TASK)
        {
            assert!(
                set.iter().any(|ex| ex.starts_with(&format!("{} ", w.text))),
                "{}",
                w.text
            );
        }
        assert_eq!(
            tuning_set(11, 50),
            set[..50].to_vec(),
            "the same from the same seed"
        );
    }
}
