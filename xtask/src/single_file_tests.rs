//! Tests of the single-file packager on small pages and on the repository's own page.

use super::*;

const MAIN: &str = "init().then(() => start());";

/// A bundler that tells what it bundled.
fn bundled(src: &str) -> Result<String> {
    Ok(format!("/* {src}, bundled */"))
}

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
fn the_page_gets_its_styles_and_bundled_script_inline() {
    let out = package(PAGE, &site(FILES), &bundled).unwrap();
    assert!(
        out.contains("<style>\np { color: red; }\n</style>"),
        "{out}"
    );
    assert!(
        !out.contains("www/style.css") && !out.contains("src=\"www/"),
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
    assert!(
        out.contains("<script type=\"module\">\n/* www/main.js, bundled */\n</script>"),
        "{out}"
    );
}

#[test]
fn anything_that_would_load_a_file_is_refused() {
    let err = |page: &str, files: &'static [(&'static str, &'static str)], js: &str| {
        let js = js.to_string();
        let bundle = move |_: &str| Ok(js.clone());
        format!("{:#}", package(page, &site(files), &bundle).unwrap_err())
    };
    const GLUE: &str = "start();";
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
    assert!(err(PAGE, FILES, "const s = '</script>';").contains("</script"));
    let failing = |_: &str| -> Result<String> { bail!("esbuild: could not resolve") };
    let e = format!("{:#}", package(PAGE, &site(FILES), &failing).unwrap_err());
    assert!(
        e.contains("bundling www/main.js") && e.contains("could not resolve"),
        "{e}"
    );
}

#[test]
fn data_urls_load_nothing_and_stay() {
    const CSS: &str = "a { background: url(\"data:image/png;base64,AA\") }";
    const FILES: &[(&str, &str)] = &[("www/style.css", CSS), ("www/main.js", MAIN)];
    let page = PAGE.replace(
        "</body>",
        r#"<img src="data:image/gif;base64,R0lG" alt=""></body>"#,
    );
    let out = package(&page, &site(FILES), &bundled).unwrap();
    assert!(out.contains(CSS) && out.contains("src=\"data:image/gif"));
}

/// The repository's own index.html and www/ package (with a stand-in
/// bundler): a change to the page that the single file could not carry
/// fails here.
#[test]
fn the_repository_page_packages() {
    let root = crate::project::repo_root();
    let read =
        |rel: &str| fs::read_to_string(root.join(rel)).with_context(|| format!("reading {rel}"));
    let page = read("index.html").unwrap();
    let out = package(&page, &read, &bundled).unwrap();
    assert!(
        !out.contains("href=\"www/") && !out.contains("src=\"www/"),
        "nothing points into www/"
    );
    assert!(
        out.contains(&read("www/style.css").unwrap()),
        "the stylesheet is inlined"
    );
    assert!(
        out.contains("/* www/main.js, bundled */"),
        "the script is bundled in"
    );
    assert!(out.len() > page.len());
}
