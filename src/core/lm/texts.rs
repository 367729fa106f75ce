//! The built-in training texts of the language lab.
//!
//! Tang poems and an English nursery rhyme (public domain), everyday
//! passages written for this app, and two texts that repeat one phrase,
//! for the lesson "train until the next character is predicted above 90%".
//! Every line ends with `\n`. Titles shown in the page live with the
//! messages (`app`); here a text has only a stable id.

/// One ready-made training text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinText {
    /// Stable id (saved states and URLs refer to it).
    pub id: &'static str,
    /// True for a Chinese text.
    pub zh: bool,
    /// The text itself.
    pub text: &'static str,
}

/// Six Tang quatrains (public domain): 静夜思, 春晓, 登鹳雀楼, 相思, 悯农, 江雪.
const TANG_POEMS: &str = "\
《静夜思》李白
床前明月光，
疑是地上霜。
举头望明月，
低头思故乡。

《春晓》孟浩然
春眠不觉晓，
处处闻啼鸟。
夜来风雨声，
花落知多少。

《登鹳雀楼》王之涣
白日依山尽，
黄河入海流。
欲穷千里目，
更上一层楼。

《相思》王维
红豆生南国，
春来发几枝。
愿君多采撷，
此物最相思。

《悯农》李绅
锄禾日当午，
汗滴禾下土。
谁知盘中餐，
粒粒皆辛苦。

《江雪》柳宗元
千山鸟飞绝，
万径人踪灭。
孤舟蓑笠翁，
独钓寒江雪。
";

/// Written for NeuronLab: a day of weather and the park, with many repeated words.
const ZH_PARK: &str = "\
星期六的早上，天气很好，太阳出来了。
妈妈说：“天气这么好，我们去公园走走。”
我和妹妹都很高兴。
公园里有很多花，有红的花，有黄的花，也有白的花。
妹妹喜欢红的花，我喜欢黄的花，妈妈喜欢白的花。
我们在湖边走了一会儿，看见小鸟在树上唱歌，小鱼在水里游来游去。
中午，天气有点热，我们坐在大树下面，吃苹果，喝水。
下午，天上来了很多云，风也大了。
妈妈说：“要下雨了，我们回家吧。”
我们走到家门口，雨就下来了。
晚上，雨停了，天气很凉快。
妹妹问：“明天天气好不好？”
妈妈说：“明天天气好，我们再去公园。”
";

/// One phrase of eleven distinct characters, twenty times: after one
/// character the next is certain.
const ZH_REPEAT: &str = "\
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
我们一起学习人工智能。
";

/// "Twinkle, Twinkle, Little Star" (Jane Taylor, 1806; public domain), as sung.
const EN_TWINKLE: &str = "\
Twinkle, twinkle, little star,
How I wonder what you are!
Up above the world so high,
Like a diamond in the sky.
Twinkle, twinkle, little star,
How I wonder what you are!
";

/// "Mary Had a Little Lamb" (Sarah Josepha Hale, 1830; public domain), as sung.
const EN_MARY: &str = "\
Mary had a little lamb,
Little lamb, little lamb,
Mary had a little lamb,
Its fleece was white as snow.
And everywhere that Mary went,
Mary went, Mary went,
Everywhere that Mary went,
The lamb was sure to go.
";

/// Written for NeuronLab: a day in the park, in short words that repeat.
const EN_PARK: &str = "\
On Saturday the sun was out and the sky was blue.
Tom said, \"The sun is out. Let us go to the park.\"
We took a ball and some apples.
In the park we saw a big tree, a small dog and a lot of birds.
The dog ran after the ball, and the birds sat in the tree.
We sat under the tree and ate the apples.
At noon the sky was grey and the wind was cold.
Tom said, \"It is going to rain. Let us go home.\"
We ran home, and the rain came down.
In the evening the rain stopped and the sky was blue again.
Tom said, \"If the sun is out tomorrow, we will go to the park again.\"
";

/// One short phrase, twenty-five times: after two characters the next is certain.
const EN_REPEAT: &str = "\
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
hello world
";

/// All built-in texts; the first Chinese and the first English one are the defaults.
pub const TEXTS: &[BuiltinText] = &[
    BuiltinText {
        id: "tang-poems",
        zh: true,
        text: TANG_POEMS,
    },
    BuiltinText {
        id: "zh-park",
        zh: true,
        text: ZH_PARK,
    },
    BuiltinText {
        id: "zh-repeat",
        zh: true,
        text: ZH_REPEAT,
    },
    BuiltinText {
        id: "twinkle",
        zh: false,
        text: EN_TWINKLE,
    },
    BuiltinText {
        id: "mary-lamb",
        zh: false,
        text: EN_MARY,
    },
    BuiltinText {
        id: "en-park",
        zh: false,
        text: EN_PARK,
    },
    BuiltinText {
        id: "en-repeat",
        zh: false,
        text: EN_REPEAT,
    },
];

/// The built-in text with this id.
pub fn by_id(id: &str) -> Option<&'static BuiltinText> {
    TEXTS.iter().find(|t| t.id == id)
}

/// The default text for a language (the first of that language in [`TEXTS`]).
pub fn default_for(zh: bool) -> &'static BuiltinText {
    TEXTS.iter().find(|t| t.zh == zh).unwrap_or(&TEXTS[0])
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{tokenize, MAX_VOCAB};
    use super::*;
    use std::collections::HashMap;

    /// True when, in `tokens` read as a cycle, every `n` characters are
    /// always followed by the same character.
    fn determined_by(tokens: &[u32], n: usize) -> bool {
        let len = tokens.len();
        let mut next: HashMap<Vec<u32>, u32> = HashMap::new();
        (0..len).all(|i| {
            let ctx: Vec<u32> = (0..n).map(|k| tokens[(i + len - n + k) % len]).collect();
            *next.entry(ctx).or_insert(tokens[i]) == tokens[i]
        })
    }

    #[test]
    fn every_text_tokenizes_within_the_limits() {
        for t in TEXTS {
            let (vocab, tokens) = tokenize(t.text).unwrap_or_else(|e| panic!("{}: {e:?}", t.id));
            assert!(
                vocab.len() <= MAX_VOCAB,
                "{}: {} distinct",
                t.id,
                vocab.len()
            );
            assert!(
                tokens.len() >= 100,
                "{}: only {} characters",
                t.id,
                tokens.len()
            );
            assert!(
                t.text.ends_with('\n') && !t.text.contains("\n\n\n"),
                "{}",
                t.id
            );
            assert!(!t.text.contains('\r') && !t.text.contains('\t'), "{}", t.id);
            let cjk = t
                .text
                .chars()
                .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
            assert_eq!(cjk, t.zh, "{}: language flag", t.id);
        }
    }

    #[test]
    fn ids_are_unique_and_found() {
        for (i, t) in TEXTS.iter().enumerate() {
            assert_eq!(by_id(t.id), Some(t));
            assert!(TEXTS[..i].iter().all(|u| u.id != t.id), "{} twice", t.id);
        }
        assert_eq!(by_id("nope"), None);
        assert_eq!(TEXTS.iter().filter(|t| t.zh).count(), 3);
        assert_eq!(TEXTS.iter().filter(|t| !t.zh).count(), 4);
        assert_eq!(default_for(true).id, "tang-poems");
        assert_eq!(default_for(false).id, "twinkle");
    }

    #[test]
    fn passages_have_the_intended_size() {
        let count = |id| by_id(id).unwrap().text.chars().count();
        assert!(
            (200..=400).contains(&count("zh-park")),
            "{}",
            count("zh-park")
        );
        assert!(
            (300..=600).contains(&count("en-park")),
            "{}",
            count("en-park")
        );
    }

    #[test]
    fn poems_have_four_lines_of_five_characters() {
        let poems = by_id("tang-poems").unwrap().text;
        for poem in poems.split("\n\n") {
            let lines: Vec<&str> = poem.trim_end().lines().collect();
            assert_eq!(lines.len(), 5, "title and four lines: {poem}");
            for (k, line) in lines[1..].iter().enumerate() {
                let chars: Vec<char> = line.chars().collect();
                assert_eq!(chars.len(), 6, "{line}");
                assert_eq!(chars[5], if k % 2 == 0 { '，' } else { '。' }, "{line}");
            }
        }
    }

    #[test]
    fn repeated_phrases_are_learnable_to_certainty() {
        let tokens = |id| tokenize(by_id(id).unwrap().text).unwrap().1;
        let zh = tokens("zh-repeat");
        assert!(determined_by(&zh, 1));
        let en = tokens("en-repeat");
        assert!(!determined_by(&en, 1), "one character is not enough");
        assert!(determined_by(&en, 2));
        let park = tokens("en-park");
        assert!(!determined_by(&park, 3), "a passage is not a loop");
    }
}
