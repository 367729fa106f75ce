//! The page's two languages, and the machinery of the message table: a
//! macro that declares each message once, with a compiler-checked key and
//! its English and Chinese wording, and named `{placeholders}` filled in.

/// The page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// 简体中文.
    Zh,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language for a code such as `en`, `zh-CN` (anything else: English).
    pub fn from_code(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The code for the page's `lang` attribute.
    pub fn html_code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// `template` with each `{name}` replaced by its value in `args`; a name
/// with no value stays as it is, so a gap shows. Never inlined: the page
/// fills messages in hundreds of places, and one copy is enough.
#[inline(never)]
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{names}` a template uses, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// Declares the message enum `Msg`: one line per message,
/// `Name "key" "English" "中文";`. The key is what the page's
/// `data-i18n` attributes name.
/// `N` strings laid end to end in one, with where each ends: 2 bytes a
/// string where a `&str` table takes 8.
pub struct Strings<const N: usize> {
    all: &'static str,
    ends: [u16; N],
}

impl<const N: usize> Strings<N> {
    /// The strings of `lens` bytes each, in order, that make up `all`
    /// (checked when compiled: the lengths add up, under 64 KiB).
    pub const fn new(all: &'static str, lens: [usize; N]) -> Self {
        let mut ends = [0u16; N];
        let (mut i, mut end) = (0, 0);
        while i < N {
            end += lens[i];
            assert!(end < 1 << 16, "strings over 64 KiB");
            ends[i] = end as u16;
            i += 1;
        }
        assert!(end == all.len(), "lengths do not add up");
        Strings { all, ends }
    }

    /// String `i`.
    pub fn get(&self, i: usize) -> &'static str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.all[start..self.ends[i] as usize]
    }
}

macro_rules! messages {
    ($msg:ident; $($name:ident $key:literal $en:literal $zh:literal;)*) => {
        /// A message the page shows, worded in each language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $msg {
            $(#[doc = $en] $name,)*
        }

        impl $msg {
            /// Every message.
            pub const ALL: &'static [$msg] = &[$($msg::$name,)*];

            /// The stable key (the page's `data-i18n` names it).
            pub fn key(self) -> &'static str {
                const KEYS: $crate::app::lang::Strings<{ $msg::ALL.len() }> =
                    $crate::app::lang::Strings::new(concat!($($key,)*), [$($key.len(),)*]);
                KEYS.get(self as usize)
            }

            /// The variant's name as written in the code.
            pub fn name(self) -> &'static str {
                const NAMES: &[&str] = &[$(stringify!($name),)*];
                NAMES[self as usize]
            }

            /// The wording in `lang`, placeholders unfilled: a slice of one
            /// string per language (a `match` here was 11 KB of wasm, a
            /// table of `&str` 8 bytes a message).
            pub fn template(self, lang: $crate::app::lang::Lang) -> &'static str {
                use $crate::app::lang::{Lang, Strings};
                const EN: Strings<{ $msg::ALL.len() }> =
                    Strings::new(concat!($($en,)*), [$($en.len(),)*]);
                const ZH: Strings<{ $msg::ALL.len() }> =
                    Strings::new(concat!($($zh,)*), [$($zh.len(),)*]);
                match lang {
                    Lang::En => EN.get(self as usize),
                    Lang::Zh => ZH.get(self as usize),
                }
            }

            /// The message whose key is `key`.
            pub fn from_key(key: &str) -> Option<$msg> {
                $msg::ALL.iter().copied().find(|m| m.key() == key)
            }

            /// The wording in `lang` (for messages without placeholders).
            pub fn text(self, lang: $crate::app::lang::Lang) -> &'static str {
                self.template(lang)
            }

            /// The wording in `lang` with its placeholders filled from `args`.
            pub fn fill(self, lang: $crate::app::lang::Lang, args: &[(&str, &str)]) -> String {
                $crate::app::lang::fill(self.template(lang), args)
            }
        }
    };
}
pub(crate) use messages;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_named_placeholders_in_any_order() {
        assert_eq!(fill("{b} then {a}", &[("a", "1"), ("b", "2")]), "2 then 1");
        assert_eq!(fill("{gap} stays", &[]), "{gap} stays");
        assert_eq!(fill("no brace {", &[]), "no brace {");
        assert_eq!(placeholders("第 {line} 行：{cell}"), ["line", "cell"]);
    }

    #[test]
    fn codes() {
        assert_eq!(Lang::from_code("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_code("fr"), Lang::En);
        assert_eq!(Lang::Zh.code(), "zh");
    }
}
