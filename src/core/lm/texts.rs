//! The built-in training texts of the language lab.
//!
//! Tang poems and an English nursery rhyme (public domain), everyday
//! passages written for this app, and two texts that repeat one phrase,
//! for the lesson "train until the next character is predicted above 90%".
//! Every line ends with `\n`. Titles shown in the page live with the
//! messages (`app`); here a text has only a stable id. The copy texts are
//! made by code ([`super::copy`]) the first time they are asked for.

use std::sync::OnceLock;

use super::copy::{copy_text, COPY_LINES};

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

/// Written for NeuronLab: home cooking, the notes' example of the data a
/// model trains on (家常菜谱); steps that repeat from dish to dish.
const ZH_RECIPES: &str = "\
番茄炒蛋：鸡蛋打散，加一点盐。锅里放油，油热了倒入蛋液，炒熟盛出。再放一点油，下番茄块，炒出汤汁，倒回鸡蛋，加盐和糖，翻炒几下出锅。
青椒炒肉：猪肉切丝，加酱油拌匀。锅里放油，油热了下肉丝，炒到变色盛出。再放一点油，下青椒丝，炒到断生，倒回肉丝，加盐，翻炒几下出锅。
炒土豆丝：土豆去皮切丝，用清水泡一会儿。锅里放油，油热了下辣椒和蒜，再下土豆丝，大火翻炒，加醋和盐，炒熟出锅。
番茄蛋汤：锅里烧水，水开了下番茄块，煮出汤汁，倒入蛋液，加盐，撒上葱花出锅。
红烧肉：猪肉切块，冷水下锅煮一下。锅里放糖，小火炒出糖色，下肉块翻炒，加酱油和热水，小火炖一个小时，大火收汁出锅。
炒青菜：青菜洗净切段。锅里放油，油热了下蒜，再下青菜，大火翻炒，加盐，炒到断生出锅。
";

/// Written for NeuronLab: the same steps in English.
const EN_RECIPES: &str = "\
Tomato and egg: beat the eggs with a little salt. Heat oil in the pan, pour in the eggs, stir until set and take them out. Add a little more oil, fry the tomato until soft, put the eggs back, add salt and sugar, stir and serve.
Pork and pepper: cut the pork into strips and mix it with soy sauce. Heat oil in the pan, fry the pork until it changes colour and take it out. Add a little more oil, fry the pepper, put the pork back, add salt, stir and serve.
Potato strips: peel the potatoes, cut them into strips and soak them in water. Heat oil in the pan, fry the garlic, add the potato, stir over a high heat, add vinegar and salt, stir and serve.
Tomato and egg soup: boil water in the pot, add the tomato, pour in the eggs, add salt and green onion and serve.
Greens: wash the greens and cut them. Heat oil in the pan, fry the garlic, add the greens, stir over a high heat, add salt, stir and serve.
";

/// Written for NeuronLab: a Japanese dish, the notes' example of data a
/// model trained on home cooking has never seen (日式料理), per language.
const ZH_UNLIKE: &str = "寿司：米饭加醋和糖拌匀，放凉。海苔铺平，放上米饭和生鱼片，卷紧切段，配酱油和芥末吃。味噌汤：锅里烧水，放海带煮一会儿，加味噌，下豆腐块，撒上葱花出锅。";
const EN_UNLIKE: &str = "Tempura: dip the prawns in a thin batter and deep-fry them until golden; serve with grated radish. Sushi: season the rice with vinegar, spread it on nori, lay raw fish on top, roll it tight and slice it; eat with wasabi.";

/// A short text unlike the training texts, for scoring (the page's
/// `Surprise` region starts with it): a Japanese dish.
pub fn unlike(zh: bool) -> &'static str {
    if zh {
        ZH_UNLIKE
    } else {
        EN_UNLIKE
    }
}

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
        id: "zh-recipes",
        zh: true,
        text: ZH_RECIPES,
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
    BuiltinText {
        id: "en-recipes",
        zh: false,
        text: EN_RECIPES,
    },
];

/// The copy texts ([`copy_text`]), made when first asked for: made-up
/// names written twice a line, which only attention can predict.
fn copy_texts() -> &'static [BuiltinText; 2] {
    static COPY: OnceLock<[BuiltinText; 2]> = OnceLock::new();
    COPY.get_or_init(|| {
        let make =
            |zh| -> &'static str { Box::leak(copy_text(COPY_LINES, zh, 1).into_boxed_str()) };
        [
            BuiltinText {
                id: "copy-zh",
                zh: true,
                text: make(true),
            },
            BuiltinText {
                id: "copy-en",
                zh: false,
                text: make(false),
            },
        ]
    })
}

/// Every built-in text: [`TEXTS`], then the copy texts.
pub fn all() -> impl Iterator<Item = &'static BuiltinText> {
    TEXTS.iter().chain(copy_texts().iter())
}

/// The built-in text with this id.
pub fn by_id(id: &str) -> Option<&'static BuiltinText> {
    all().find(|t| t.id == id)
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
        assert_eq!(TEXTS.iter().filter(|t| t.zh).count(), 4);
        assert_eq!(TEXTS.iter().filter(|t| !t.zh).count(), 5);
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
    fn a_japanese_dish_is_unlike_home_cooking_yet_mostly_in_its_vocabulary() {
        for zh in [true, false] {
            let id = if zh { "zh-recipes" } else { "en-recipes" };
            let (vocab, _) = tokenize(by_id(id).unwrap().text).unwrap();
            let dish = unlike(zh);
            let out = dish.chars().filter(|&c| vocab.id(c).is_none()).count();
            let n = dish.chars().count();
            assert!(out > 0 && out * 2 < n, "{id}: {out} of {n} outside");
            assert!(!by_id(id).unwrap().text.contains(dish));
        }
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
