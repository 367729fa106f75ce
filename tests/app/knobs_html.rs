//! The page's number fields agree with their one declaration (`Knob`): each
//! knob has an `<input type="number">` whose `min` and `max` are its range.

use neuronlab::core::settings::Knob;

/// The attribute `name` of the first tag that has `id="<id>"`.
fn attr(html: &str, id: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let key = format!(" {name}=\"");
    let v = tag.find(&key)? + key.len();
    Some(tag[v..v + tag[v..].find('"')?].to_string())
}

#[test]
fn every_number_field_has_its_knobs_range() {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
    for knob in Knob::ALL {
        let id = knob.id();
        if knob == Knob::Classes {
            // A select: its options are the range.
            let r = knob.range();
            for k in r.min as usize..=r.max as usize {
                assert!(
                    html.contains(&format!("<option>{k}</option>")),
                    "classes option {k}"
                );
            }
            continue;
        }
        assert_eq!(
            attr(&html, id, "type").as_deref(),
            Some("number"),
            "{id} is a number field"
        );
        let r = knob.range();
        let num = |name| {
            attr(&html, id, name)
                .unwrap_or_else(|| panic!("{id} has {name}"))
                .parse::<f64>()
                .unwrap()
        };
        assert_eq!(num("min"), r.min, "{id} min");
        assert_eq!(num("max"), r.max, "{id} max");
        let step = attr(&html, id, "step").unwrap_or_default();
        if r.whole {
            assert_eq!(step, "1", "{id} takes whole numbers");
        }
    }
}
