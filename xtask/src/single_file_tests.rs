//! Tests of the single-file packager on small pages and on the repository's own page.

use super::*;

/// wasm-bindgen's web-target glue in miniature: the forms the packager reads.
const GLUE: &str = "\
/**
 * Starts the app.
 */
export function start() {
    wasm.start();
}
function initSync(module) {}
async function __wbg_init(module_or_path) {}
export { initSync, __wbg_init as default };
";

const MAIN: &str = "\
// Boots.
import init, { start } from '../pkg/neuronlab.js';

init().then(() => start());
";

const PAGE: &str = r#"<!doctype html>
<html><head>
<link rel="stylesheet" href="www/style.css">
<link rel="icon" href="data:,">
</head><body><a href="https://example.org/">home</a>
<script type="module" src="www/main.js"></script>
</body></html>"#;

fn site(files: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Result<String> {
    move |rel: &str| {
        files
            .iter()
            .find(|(name, _)| *name == rel)
            .map(|(_, text)| text.to_string())
            .with_context(|| format!("no {rel}"))
    }
}

const FILES: &[(&str, &str)] = &[
    ("www/style.css", "p { color: red; }"),
    ("www/main.js", MAIN),
];

#[test]
fn base64_matches_rfc_4648() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in cases {
        assert_eq!(base64(plain.as_bytes()), encoded, "base64({plain:?})");
    }
    assert_eq!(base64(&[0, 0x10, 0x83, 0xff, 0xfe]), "ABCD//4=");
}

#[test]
fn the_page_gets_its_styles_glue_wasm_and_script_inline() {
    let out = package(PAGE, &site(FILES), GLUE, b"\0asm\x01\0\0\0").unwrap();
    assert!(
        out.contains("<style>\np { color: red; }\n</style>"),
        "{out}"
    );
    assert!(
        !out.contains("www/"),
        "no path into the site is left: {out}"
    );
    assert!(
        out.contains(r#"<link rel="icon" href="data:,">"#),
        "a data: URL stays"
    );
    assert!(
        out.contains(r#"<a href="https://example.org/">"#),
        "a link stays"
    );
    assert_eq!(out.matches("<script").count(), 1, "{out}");

    let start = out.find("<script type=\"module\">\n").unwrap();
    let script = &out[start..out.find("\n</script>").unwrap()];
    assert!(script.contains(GLUE), "the glue is there verbatim");
    assert!(script.contains("const __neuronlab_wasm_base64 = \"AGFzbQEAAAA=\";"));
    assert!(script.contains("const init = () => __wbg_init({ module_or_path: Uint8Array.from(atob(__neuronlab_wasm_base64)"));
    assert!(!script.contains("from '"), "no import is left: {script}");
    assert!(script.contains("// Boots.\n\n\ninit().then(() => start());\n\n}"));
    assert!(
        script.find("const init").unwrap() > script.find("\n{\n").unwrap(),
        "init is local to the page's block"
    );
}

#[test]
fn anything_that_would_load_a_file_is_refused() {
    let err = |page: &str, files: &'static [(&'static str, &'static str)], glue: &str| {
        format!("{:#}", package(page, &site(files), glue, b"").unwrap_err())
    };
    let with = |extra: &str| PAGE.replace("</body>", &format!("{extra}</body>"));
    assert!(err(&with(r#"<img src="logo.png">"#), FILES, GLUE).contains("logo.png"));
    assert!(err(
        &with(r#"<link rel="manifest" href="app.json">"#),
        FILES,
        GLUE
    )
    .contains("app.json"));
    assert!(err(
        &with(r#"<div style="background: url('bg.png')">"#),
        FILES,
        GLUE
    )
    .contains("url(bg.png"));
    assert!(err(&with("<style>@import 'more.css';</style>"), FILES, GLUE).contains("@import"));
    assert!(err(&with(r#"<script src="more.js"></script>"#), FILES, GLUE).contains("not a module"));
    assert!(err(
        &with(r#"<script type="module" src="www/main.js"></script>"#),
        FILES,
        GLUE
    )
    .contains("2 module scripts"));
    assert!(err(
        &PAGE.replace("www/style.css", "https://cdn.example/x.css"),
        FILES,
        GLUE
    )
    .contains("relative path"));
    assert!(err(
        PAGE,
        &[
            ("www/style.css", "@font-face { src: url(f.woff); }"),
            ("www/main.js", MAIN)
        ],
        GLUE
    )
    .contains("url(f.woff"));
    assert!(err(
        PAGE,
        &[("www/style.css", "@import 'x.css';"), ("www/main.js", MAIN)],
        GLUE
    )
    .contains("@import"));
    assert!(err(PAGE, FILES, "export function start() {}").contains("as default"));
    assert!(err(PAGE, FILES, &format!("{GLUE}const s = '</script>';")).contains("</script"));
    assert!(err(
        PAGE,
        &[
            ("www/style.css", ""),
            ("www/main.js", "import init from '../pkg/other.js';")
        ],
        GLUE
    )
    .contains("pkg/other.js"));
    assert!(err(
        PAGE,
        &[
            ("www/style.css", ""),
            (
                "www/main.js",
                "import init, { stop } from '../pkg/neuronlab.js';"
            )
        ],
        GLUE
    )
    .contains("`stop`"));
    assert!(err(
        PAGE,
        &[
            ("www/style.css", ""),
            ("www/main.js", "import * as app from '../pkg/neuronlab.js';")
        ],
        GLUE
    )
    .contains("plain name"));
    assert!(err(
        PAGE,
        &[
            ("www/style.css", ""),
            ("www/main.js", "export const x = 1;")
        ],
        GLUE
    )
    .contains("export"));
}

#[test]
fn data_urls_load_nothing_and_stay() {
    const CSS: &str = "a { background: url(\"data:image/png;base64,AA\") }";
    const FILES: &[(&str, &str)] = &[("www/style.css", CSS), ("www/main.js", MAIN)];
    let page = PAGE.replace(
        "</body>",
        r#"<img src="data:image/gif;base64,R0lG" alt=""></body>"#,
    );
    let out = package(&page, &site(FILES), GLUE, b"").unwrap();
    assert!(out.contains(CSS) && out.contains("src=\"data:image/gif"));
}

#[test]
fn import_statements_are_read_in_their_usual_forms() {
    let read = |s: &'static str| import_statement(s).unwrap();
    let one = read("import init, { start, initSync } from \"./a.js\";\n");
    assert_eq!(
        (one.default, one.names.clone(), one.from),
        (Some("init"), vec!["start", "initSync"], "./a.js")
    );
    let two = read("x();\nimport {\n  start,\n} from '../b.js';\ny();");
    assert_eq!(
        (two.default, two.names, two.from),
        (None, vec!["start"], "../b.js")
    );
    assert_eq!(
        &"x();\nimport {\n  start,\n} from '../b.js';\ny();"[two.start..two.end],
        "import {\n  start,\n} from '../b.js';"
    );
    assert!(import_statement("import a from './a.js';\nimport b from './b.js';").is_err());
    assert!(import_statement("import a from './a.js';\nimport('./b.js');").is_err());
    assert!(import_statement("start();").is_err());
}

#[test]
fn paths_resolve_inside_the_site() {
    assert_eq!(
        resolve("www", "../pkg/neuronlab.js").unwrap(),
        "pkg/neuronlab.js"
    );
    assert_eq!(resolve("www", "./x/../y.js").unwrap(), "www/y.js");
    assert!(resolve("", "../x.js").is_err());
    assert!(
        resolve("www", "pkg/x.js").is_err(),
        "a bare name is a package, not a file"
    );
    assert_eq!(parent("www/main.js"), "www");
    assert_eq!(parent("main.js"), "");
}

#[test]
fn the_glue_exports_are_read() {
    assert_eq!(
        exports(GLUE),
        ["start", "initSync"],
        "not `default`: its local name is __wbg_init"
    );
    assert_eq!(default_export(GLUE).unwrap(), "__wbg_init");
}

/// The repository's own index.html and www/ package (with the miniature
/// glue): a change to the page that the single file could not carry fails here.
#[test]
fn the_repository_page_packages() {
    let root = crate::project::repo_root();
    let read =
        |rel: &str| fs::read_to_string(root.join(rel)).with_context(|| format!("reading {rel}"));
    let page = read("index.html").unwrap();
    let out = package(&page, &read, GLUE, b"\0asm").unwrap();
    assert!(
        !out.contains("href=\"www/") && !out.contains("src=\"www/"),
        "nothing points into www/"
    );
    assert!(
        out.contains(&read("www/style.css").unwrap()),
        "the stylesheet is inlined"
    );
    assert!(
        out.contains("showFailure"),
        "main.js's failure banner comes along"
    );
    assert!(out.len() > page.len());
}
