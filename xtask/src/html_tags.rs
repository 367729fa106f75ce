//! The elements of an HTML page as the single-file packager needs them:
//! each start tag with its attributes and byte range, skipping comments,
//! end tags and the text of `<script>` and `<style>` (which may hold `<`).
//! Attribute values are taken as written (no character references decoded);
//! the page's own markup is all it reads.

use anyhow::{bail, Context, Result};

/// One element's start tag; for `<script>` and `<style>`, the whole element.
#[derive(Debug)]
pub struct Tag<'a> {
    /// Byte offset of its `<`.
    pub start: usize,
    /// Byte offset just after its `>` (after `</script>` or `</style>` for those).
    pub end: usize,
    /// The tag name, lower case.
    pub name: String,
    /// Attributes in order: lower-case name, value as written (`""` if none).
    pub attrs: Vec<(String, &'a str)>,
    /// The text inside a `<script>` or `<style>`; empty for other tags.
    pub content: &'a str,
}

impl<'a> Tag<'a> {
    /// The value of attribute `name` (lower case), if present.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

/// Every start tag of `html`, in order; an error for a tag or comment that
/// never closes.
pub fn scan(html: &str) -> Result<Vec<Tag<'_>>> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = start + rest.find("-->").context("an HTML comment never closes")? + 3;
        } else if rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?") {
            at = start + rest.find('>').context("a tag never closes")? + 1;
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let mut tag = start_tag(html, start)?;
            if tag.name == "script" || tag.name == "style" {
                let close = format!("</{}", tag.name);
                let body = &html[tag.end..];
                let len = body
                    .to_ascii_lowercase()
                    .find(&close)
                    .with_context(|| format!("<{}> never closes", tag.name))?;
                tag.content = &body[..len];
                let after = tag.end + len;
                tag.end = after + html[after..].find('>').context("an end tag never closes")? + 1;
            }
            at = tag.end;
            tags.push(tag);
        } else {
            at = start + 1;
        }
    }
    Ok(tags)
}

/// Reads the start tag at `start` (`<name attr="v" attr='v' attr=v attr>`).
fn start_tag(html: &str, start: usize) -> Result<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let word_end = |mut i: usize| {
        while i < bytes.len()
            && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'=')
        {
            i += 1;
        }
        i
    };
    let name_end = word_end(i);
    let name = html[i..name_end].to_ascii_lowercase();
    i = name_end;
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => bail!("<{name}> never closes"),
            Some(b'>') => break,
            _ => {}
        }
        let key_end = word_end(i);
        let key = html[i..key_end].to_ascii_lowercase();
        i = key_end;
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let len = html[i + 1..]
                        .find(q as char)
                        .with_context(|| format!("<{name} {key}=…> never closes its quote"))?;
                    value = &html[i + 1..i + 1 + len];
                    i += len + 2;
                }
                _ => {
                    let end = word_end(i);
                    value = &html[i..end];
                    i = end;
                }
            }
        }
        attrs.push((key, value));
    }
    Ok(Tag {
        start,
        end: i + 1,
        name,
        attrs,
        content: "",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_attributes_in_every_quoting() {
        let html =
            r#"<!doctype html><!-- <img src="x.png"> --><p class='a b' hidden data-x=1>t</p><br/>"#;
        let tags = scan(html).unwrap();
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "br"], "the comment's <img> is no tag");
        let p = &tags[0];
        assert_eq!(p.attr("class"), Some("a b"));
        assert_eq!(p.attr("hidden"), Some(""));
        assert_eq!(p.attr("data-x"), Some("1"));
        assert_eq!(&html[p.start..p.end], "<p class='a b' hidden data-x=1>");
    }

    #[test]
    fn a_script_is_one_element_and_its_text_is_not_markup() {
        let html = "<SCRIPT type=module>if (a<b) x = '<img src=y>';</Script ><link rel=icon href=\"data:,\">";
        let tags = scan(html).unwrap();
        assert_eq!(tags.len(), 2, "{tags:?}");
        assert_eq!(tags[0].name, "script");
        assert_eq!(tags[0].content, "if (a<b) x = '<img src=y>';");
        assert_eq!(&html[tags[0].end..tags[1].start], "");
        assert_eq!(tags[1].attr("href"), Some("data:,"));
    }

    #[test]
    fn an_unclosed_tag_or_comment_is_an_error() {
        assert!(scan("<p class=\"x>").is_err());
        assert!(scan("<p class=x").is_err());
        assert!(scan("<!-- never").is_err());
        assert!(scan("<style>p{}").is_err());
    }
}
