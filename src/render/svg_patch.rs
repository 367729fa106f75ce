//! What to change in an SVG group to go from one markup of
//! [`super::overlay`] to the next: while training, the model layer keeps its
//! elements and only their changed attributes (a path's `d`, the label's
//! `x` and `y`) are set, which costs the browser far less than parsing the
//! markup again and building new elements every frame. Pure; the markup is
//! our own (`<tag name='value' …/>` or `<tag …>text</tag>`, no `'` inside a
//! value).

/// One element of the markup: its tag, its attributes in order, its text.
#[derive(Debug, PartialEq)]
struct Elem<'a> {
    tag: &'a str,
    attrs: Vec<(&'a str, &'a str)>,
    text: &'a str,
}

/// The elements of `markup`, in order; `None` if it is not of our form.
/// (Byte by byte, with no general string search: every byte is paid for.)
fn elements(markup: &str) -> Option<Vec<Elem<'_>>> {
    let b = markup.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // The position of the next `c` from `i`.
    let next = |i: usize, c: u8| b[i..].iter().position(|&x| x == c).map(|p| p + i);
    while i < b.len() {
        if b[i] != b'<' {
            return None;
        }
        let start = i + 1;
        i = start;
        while i < b.len() && !matches!(b[i], b' ' | b'/' | b'>') {
            i += 1;
        }
        let tag = markup.get(start..i)?;
        let mut attrs = Vec::new();
        loop {
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            match b.get(i)? {
                b'/' | b'>' => break,
                _ => {}
            }
            let eq = next(i, b'=')?;
            let end = next(eq + 2, b'\'')?;
            attrs.push((markup.get(i..eq)?, markup.get(eq + 2..end)?));
            i = end + 1;
        }
        let text = if b[i] == b'/' {
            i += 2;
            ""
        } else {
            let close = next(i, b'<')?;
            let text = markup.get(i + 1..close)?;
            i = next(close, b'>')? + 1;
            text
        };
        out.push(Elem { tag, attrs, text });
    }
    Some(out)
}

/// The attributes to set, as `(child index, name, value)`, to turn the
/// elements of `old` into those of `new`; `None` when the elements differ
/// in more than attribute values (their number, tags, attribute names or
/// text), and the group must be built again from `new`.
pub fn changes<'a>(old: &str, new: &'a str) -> Option<Vec<(usize, &'a str, &'a str)>> {
    let (old, new) = (elements(old)?, elements(new)?);
    if old.len() != new.len() {
        return None;
    }
    let mut out = Vec::new();
    for (i, (o, n)) in old.iter().zip(&new).enumerate() {
        let same_shape = o.tag == n.tag
            && o.text == n.text
            && o.attrs.len() == n.attrs.len()
            && o.attrs.iter().zip(&n.attrs).all(|(a, b)| a.0 == b.0);
        if !same_shape {
            return None;
        }
        for (a, b) in o.attrs.iter().zip(&n.attrs) {
            if a.1 != b.1 {
                out.push((i, b.0, b.1));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_our_markup() {
        let m = "<path fill='none' d='M1 2L3 4'/><text x='5' y='6'>w</text>";
        let e = elements(m).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].attrs, vec![("fill", "none"), ("d", "M1 2L3 4")]);
        assert_eq!((e[1].tag, e[1].text), ("text", "w"));
        assert_eq!(elements("").unwrap(), vec![]);
        assert!(elements("<path d='M1").is_none());
        assert!(elements("text").is_none());
    }

    #[test]
    fn only_changed_values_are_set() {
        let a = "<path fill='none' d='M1 2'/><text x='5' y='6'>w</text>";
        let b = "<path fill='none' d='M1 3'/><text x='7' y='6'>w</text>";
        assert_eq!(changes(a, b), Some(vec![(0, "d", "M1 3"), (1, "x", "7")]));
        assert_eq!(changes(a, a), Some(vec![]));
    }

    #[test]
    fn a_new_shape_is_built_again() {
        let a = "<path fill='none' d='M1 2'/>";
        assert_eq!(changes(a, ""), None);
        assert_eq!(
            changes(a, "<path fill='none' stroke='red' d='M1 2'/>"),
            None
        );
        assert_eq!(changes(a, "<text fill='none' d='M1 2'/>"), None);
        assert_eq!(changes(a, "<path d='M1 2' fill='none'/>"), None);
    }
}
