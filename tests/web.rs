//! In-browser tests of the render layer: the field, the plot overlay and the
//! loss chart drawn into real canvases of several sizes and pixel ratios;
//! and of the wasm SIMD code paths (`F32x4` as real `f32x4` instructions,
//! which native tests cannot reach) against scalar references.
#![cfg(target_arch = "wasm32")]

use neuronlab::core::data::{Point, Preset, Task};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::{Session, Settings};
use neuronlab::render::canvas;
use neuronlab::render::charts::{draw_loss, ChartLabels};
use neuronlab::render::field::Field;
use neuronlab::render::overlay::{overlay, PlotInput};
use neuronlab::render::plot::{draw_plot, StaticLayer};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, SvgPathElement};

wasm_bindgen_test_configure!(run_in_browser);

const SIZES: [(f64, f64); 3] = [(120.0, 120.0), (333.0, 217.0), (560.0, 560.0)];
const RATIOS: [f64; 3] = [1.0, 1.5, 2.0];

fn new_canvas() -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c = doc.create_element("canvas").unwrap();
    doc.body().unwrap().append_child(&c).unwrap();
    c.dyn_into().unwrap()
}

/// An `<svg>` in the page, 600 pixels square.
fn new_svg() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let svg = doc
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "svg")
        .unwrap();
    svg.set_attribute("width", "600").unwrap();
    svg.set_attribute("height", "600").unwrap();
    doc.body().unwrap().append_child(&svg).unwrap();
    svg
}

fn pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    canvas::context(c)
        .unwrap()
        .get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
        .unwrap()
        .data()
        .0
}

fn session(task: Task, kind: ModelKind, preset: Preset) -> Session {
    let mut st = Settings::for_model(task, kind);
    st.classes = preset.generate(60, 0.2, 3).class_count().max(2);
    Session::new(st, preset.generate(60, 0.2, 3)).unwrap()
}

fn paint(c: &HtmlCanvasElement, s: &Session, w: f64, h: f64, dpr: f64) -> Vec<u8> {
    let (pw, ph) = canvas::fit(c, w, h, dpr);
    assert_eq!(
        (pw, ph),
        ((w * dpr).round() as u32, (h * dpr).round() as u32)
    );
    let f = Field::evaluate(s.model(), s.settings().classes, Default::default(), 60);
    let mut buf = Vec::new();
    f.paint(pw as usize, ph as usize, &mut buf);
    canvas::put_rgba(c, &buf, pw, ph).unwrap();
    let back = pixels(c);
    assert_eq!(back, buf, "the canvas holds exactly the painted field");
    back
}

#[wasm_bindgen_test]
fn field_paints_at_every_size_and_ratio() {
    let s = session(Task::Classification, ModelKind::Softmax, Preset::ThreeBlobs);
    let c = new_canvas();
    for (w, h) in SIZES {
        for dpr in RATIOS {
            let px = paint(&c, &s, w, h, dpr);
            assert!(px.chunks(4).all(|p| p[3] == 255));
        }
    }
}

#[wasm_bindgen_test]
fn field_pixels_change_after_training() {
    let mut s = session(Task::Classification, ModelKind::Logistic, Preset::Separable);
    let c = new_canvas();
    let before = paint(&c, &s, 200.0, 200.0, 1.0);
    s.run(200).unwrap();
    let after = paint(&c, &s, 200.0, 200.0, 1.0);
    let changed = before
        .chunks(4)
        .zip(after.chunks(4))
        .filter(|(a, b)| a != b)
        .count();
    assert!(changed > 200 * 200 / 10, "only {changed} pixels changed");
}

#[wasm_bindgen_test]
fn plot_overlay_draws_for_both_tasks() {
    let cases = [
        session(
            Task::Classification,
            ModelKind::Perceptron,
            Preset::Separable,
        ),
        session(Task::Classification, ModelKind::Network, Preset::Xor),
        session(Task::Regression, ModelKind::Polynomial, Preset::Sine),
    ];
    let c = new_canvas();
    let layer = new_svg();
    for s in &cases {
        for (w, _) in SIZES {
            for dpr in RATIOS {
                canvas::fit(&c, w, w, dpr);
                let field =
                    Field::evaluate(s.model(), s.settings().classes, Default::default(), 40);
                let boundary = field.boundary();
                let input = PlotInput {
                    boundary: &boundary,
                    highlight: &[0, 1],
                    misses: true,
                    ..PlotInput::new(s, dpr)
                };
                let view = draw_plot(&c, &input).unwrap();
                // The model layer's markup, set into a real SVG: its paths
                // have length (the boundary or the curve is drawn).
                layer.set_inner_html(&overlay(&input, &view).lines);
                let paths = layer.query_selector_all("path").unwrap();
                let longest = (0..paths.length())
                    .filter_map(|i| paths.item(i)?.dyn_into::<SvgPathElement>().ok())
                    .map(|p| p.get_total_length())
                    .fold(0.0f32, f32::max);
                assert!(
                    longest > 50.0,
                    "the model layer shows the boundary or curve ({longest})"
                );
                let a = view.area;
                assert!(a.left > 0.0 && a.top >= 0.0);
                assert!(a.left + a.width <= c.width() as f64 + 1.0);
                assert!(a.top + a.height <= c.height() as f64 + 1.0);
                assert!(
                    a.width > 0.5 * c.width() as f64,
                    "the plot fills most of the canvas"
                );
                let painted = pixels(&c).chunks(4).filter(|p| p[3] > 0).count();
                assert!(painted > 100, "axes and points were drawn");
            }
        }
    }
}

#[wasm_bindgen_test]
fn points_are_drawn_where_the_view_maps_them() {
    let s = session(Task::Classification, ModelKind::Logistic, Preset::Separable);
    let c = new_canvas();
    canvas::fit(&c, 300.0, 300.0, 2.0);
    let plain = PlotInput::new(&s, 2.0);
    let view = draw_plot(&c, &plain).unwrap();
    let px = pixels(&c);
    let p = s.data().points[0];
    let (x, y) = view.to_px(p.x, p.y);
    let at = ((y.round() as u32 * c.width() + x.round() as u32) * 4) as usize;
    assert!(px[at + 3] > 200, "a point's centre is opaque");

    // A lifted (dragged) point leaves the static layer for the model layer.
    let pts = &s.data().points;
    let far = |i: usize| {
        let (a, b) = view.to_px(pts[i].x, pts[i].y);
        pts.iter().enumerate().all(|(j, q)| {
            let (u, v) = view.to_px(q.x, q.y);
            j == i || (u - a).hypot(v - b) > 30.0
        })
    };
    let i = (0..pts.len()).find(|&i| far(i)).expect("an isolated point");
    let input = PlotInput {
        lifted: Some(i),
        ..plain
    };
    draw_plot(&c, &input).unwrap();
    let (x, y) = view.to_px(pts[i].x, pts[i].y);
    let at = ((y.round() as u32 * c.width() + x.round() as u32) * 4) as usize;
    assert!(pixels(&c)[at + 3] < 50, "not on the static layer");
    // On the model layer's marks, around the same place.
    let layer = new_svg();
    layer.set_inner_html(&overlay(&input, &view).marks);
    let mark = layer
        .query_selector("path")
        .unwrap()
        .expect("the lifted point's mark")
        .dyn_into::<SvgPathElement>()
        .unwrap();
    let b = mark.get_b_box().unwrap();
    let (cx, cy) = (b.x() + b.width() / 2.0, b.y() + b.height() / 2.0);
    // The markup is in tenths of the view's pixels.
    assert!((cx as f64 / 10.0 - x).abs() < 1.0 && (cy as f64 / 10.0 - y).abs() < 1.0);
}

#[wasm_bindgen_test]
fn loss_chart_draws_with_and_without_a_held_out_split() {
    let c = new_canvas();
    for holdout in [0.0, 0.3] {
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.holdout = holdout;
        let mut s = Session::new(st, Preset::Moons.generate(80, 0.2, 1)).unwrap();
        s.run(150).unwrap();
        for dpr in RATIOS {
            canvas::fit(&c, 320.0, 150.0, dpr);
            let labels = ChartLabels {
                step: "step",
                train: "training",
                heldout: "held out",
                accuracy: "training accuracy",
                heldout_accuracy: "held-out accuracy",
            };
            draw_loss(&c, s.curve(), dpr, &labels).unwrap();
            let px = pixels(&c);
            let blue = px.chunks(4).filter(|p| p[2] > 150 && p[0] < 100).count();
            assert!(
                blue > 50,
                "the training curve is drawn ({blue} blue pixels)"
            );
        }
    }
    // An empty curve draws axes without failing.
    let s = Session::with_model(Task::Regression, ModelKind::Linear, Default::default());
    draw_loss(
        &c,
        s.curve(),
        1.0,
        &ChartLabels {
            step: "s",
            train: "t",
            heldout: "h",
            accuracy: "a",
            heldout_accuracy: "ha",
        },
    )
    .unwrap();
}

// ----- The teaching views: loss landscape, hidden space, activation plots -----

use neuronlab::core::activation::Activation;
use neuronlab::core::analysis::hidden::HiddenView;
use neuronlab::core::analysis::landscape::{Landscape, DEFAULT_N};
use neuronlab::core::model::Head;
use neuronlab::render::activation_plot::{draw_activation, draw_output, ActivationLabels};
use neuronlab::render::hidden::{draw_hidden, HiddenLabels};
use neuronlab::render::landscape::{draw_landscape, LandscapeLabels};

/// Pixels of `c` matching `pred` (RGBA).
fn count_pixels(c: &HtmlCanvasElement, pred: impl Fn(&[u8]) -> bool) -> usize {
    pixels(c).chunks(4).filter(|p| pred(p)).count()
}

fn near(p: &[u8], rgb: [u8; 3], tolerance: i32) -> bool {
    p[3] > 200 && (0..3).all(|k| (p[k] as i32 - rgb[k] as i32).abs() <= tolerance)
}

const LANDSCAPE_LABELS: LandscapeLabels = LandscapeLabels {
    loss: "loss",
    log_scale: "log",
    path: "path",
    current: "now",
};

#[wasm_bindgen_test]
fn landscape_draws_the_map_the_path_and_the_current_point() {
    let mut logistic = session(Task::Classification, ModelKind::Logistic, Preset::Separable);
    logistic.run(80).unwrap();
    let mut net = session(Task::Classification, ModelKind::Network, Preset::Xor);
    net.run(120).unwrap();
    let perceptron = session(
        Task::Classification,
        ModelKind::Perceptron,
        Preset::Separable,
    );
    let c = new_canvas();
    for (s, pair) in [(&logistic, (0, 1)), (&net, (5, 20)), (&perceptron, (0, 2))] {
        let land = Landscape::compute(s, pair.0, pair.1, DEFAULT_N);
        for dpr in [1.0, 2.0] {
            canvas::fit(&c, 320.0, 260.0, dpr);
            draw_landscape(&c, &land, dpr, &LANDSCAPE_LABELS).unwrap();
            let total = (c.width() * c.height()) as usize;
            let painted = count_pixels(&c, |p| p[3] == 255 && p[0] < 245);
            assert!(
                painted > total / 5,
                "the map is shaded ({painted} of {total})"
            );
            let orange = count_pixels(&c, |p| near(p, [230, 126, 34], 30));
            let red = count_pixels(&c, |p| near(p, [200, 45, 60], 30));
            assert!(
                orange > 20,
                "path and legend drawn ({orange} orange pixels)"
            );
            assert!(red > 20, "current point drawn ({red} red pixels)");
        }
    }
    // A small canvas does not fail.
    canvas::fit(&c, 90.0, 70.0, 1.0);
    let land = Landscape::compute(&logistic, 0, 1, 8);
    draw_landscape(&c, &land, 1.0, &LANDSCAPE_LABELS).unwrap();
}

#[wasm_bindgen_test]
fn hidden_space_draws_points_grid_and_boundary() {
    let two_units = {
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.model.hidden = vec![2];
        st.holdout = 0.2;
        let mut s = Session::new(st, Preset::Xor.generate(60, 0.2, 3)).unwrap();
        s.run(60).unwrap();
        s
    };
    let mut deep = session(Task::Classification, ModelKind::Network, Preset::Moons);
    deep.run(50).unwrap();
    let relu = {
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.model.activation = Activation::Relu;
        st.classes = 3;
        Session::new(st, Preset::ThreeBlobs.generate(60, 0.2, 3)).unwrap()
    };
    let regression = session(Task::Regression, ModelKind::Network, Preset::Sine);
    let c = new_canvas();
    let labels = HiddenLabels { unit: "h" };
    for (s, units) in [
        (&two_units, (0, 1)),
        (&deep, (2, 5)),
        (&relu, (0, 7)),
        (&regression, (1, 3)),
    ] {
        let view = HiddenView::compute(s, units).unwrap();
        for dpr in [1.0, 2.0] {
            canvas::fit(&c, 300.0, 300.0, dpr);
            draw_hidden(&c, &view, dpr, &labels).unwrap();
            let grey = count_pixels(&c, |p| {
                let (lo, hi) = (p[0].min(p[1]).min(p[2]), p[0].max(p[1]).max(p[2]));
                p[3] == 255 && hi - lo < 16 && (120..235).contains(&lo)
            });
            assert!(grey > 100, "the warped grid is drawn ({grey} grey pixels)");
            if s.settings().task == Task::Classification {
                for class in 0..2 {
                    let rgb = neuronlab::render::palette::class_rgb(class);
                    let n = count_pixels(&c, |p| near(p, rgb, 25));
                    assert!(n > 10, "class {class} points drawn ({n} pixels)");
                }
            }
        }
    }
    assert!(HiddenView::compute(&two_units, (0, 1))
        .unwrap()
        .boundary
        .is_some());
}

#[wasm_bindgen_test]
fn activation_plots_draw_every_function_and_head() {
    let c = new_canvas();
    let labels = ActivationLabels {
        z: "z",
        f: "f(z)",
        df: "f'(z)",
    };
    let check = |c: &HtmlCanvasElement, what: &str| {
        let blue = count_pixels(c, |p| near(p, [41, 114, 196], 30));
        let orange = count_pixels(c, |p| near(p, [230, 126, 34], 30));
        assert!(blue > 50, "{what}: f drawn ({blue} blue pixels)");
        assert!(orange > 20, "{what}: f' drawn ({orange} orange pixels)");
    };
    for act in [
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
    ] {
        for dpr in [1.0, 2.0] {
            canvas::fit(&c, 260.0, 180.0, dpr);
            draw_activation(&c, act, dpr, &labels, Some(1.5)).unwrap();
            check(&c, act.id());
        }
    }
    for head in [Head::Step, Head::Sigmoid, Head::Softmax, Head::Linear] {
        for dpr in [1.0, 2.0] {
            canvas::fit(&c, 260.0, 180.0, dpr);
            draw_output(&c, head, dpr, &labels).unwrap();
            check(&c, &format!("{head:?}"));
        }
    }
}

/// The SIMD maths as compiled for the browser agree with `f64` references
/// within their stated errors, lane by lane, and every lane is its own.
#[wasm_bindgen_test]
fn simd_functions_match_scalar_references() {
    use neuronlab::core::fastmath::{exp_neg4, ln_1p_unit4, sigmoid_bce4, tanh4};
    use neuronlab::core::simd::F32x4;
    let xs: Vec<f32> = (-4000..=4000).map(|i| i as f32 * 0.0025).collect();
    let mut worst = [0.0f64; 3];
    for q in xs.chunks_exact(4) {
        let v = F32x4::new([q[0], q[1], q[2], q[3]]);
        let t = tanh4(v).to_array();
        let e = exp_neg4(F32x4::new(
            q.iter()
                .map(|x| -x.abs())
                .collect::<Vec<_>>()
                .try_into()
                .unwrap(),
        ))
        .to_array();
        let u: [f32; 4] = std::array::from_fn(|k| (q[k].abs() / 10.0).min(1.0));
        let l = ln_1p_unit4(F32x4::new(u)).to_array();
        for k in 0..4 {
            let x = q[k] as f64;
            worst[0] = worst[0].max((t[k] as f64 - x.tanh()).abs());
            let ex = (-x.abs()).exp();
            worst[1] = worst[1].max((e[k] as f64 - ex).abs() / ex);
            let lx = (u[k] as f64).ln_1p();
            if lx > 0.0 {
                worst[2] = worst[2].max((l[k] as f64 - lx).abs() / lx);
            }
        }
    }
    assert!(worst[0] < 2e-6, "tanh4 off by {:e}", worst[0]);
    assert!(worst[1] < 3e-6, "exp_neg4 off by {:e}", worst[1]);
    assert!(worst[2] < 3e-7, "ln_1p_unit4 off by {:e}", worst[2]);

    // Sigmoid head: loss and σ against the f64 formulas, extreme logits too.
    let z = F32x4::new([-80.0, -3.5, 0.25, 60.0]);
    let y = F32x4::new([1.0, 0.0, 1.0, 0.0]);
    let (loss, p) = sigmoid_bce4(z, y);
    let (loss, p) = (loss.to_array(), p.to_array());
    for (k, (&zk, &yk)) in [-80.0f64, -3.5, 0.25, 60.0]
        .iter()
        .zip(&[1.0f64, 0.0, 1.0, 0.0])
        .enumerate()
    {
        let want_p = 1.0 / (1.0 + (-zk).exp());
        let want_loss = zk.max(0.0) - yk * zk + (-zk.abs()).exp().ln_1p();
        assert!((p[k] as f64 - want_p).abs() < 1e-6, "σ({zk}) = {}", p[k]);
        assert!(
            (loss[k] as f64 - want_loss).abs() <= 1e-6 * want_loss.max(1.0),
            "loss({zk}, {yk}) = {} not {want_loss}",
            loss[k]
        );
    }

    // The transposing sum, the lane select and 2^n.
    let a = F32x4::new([1.0, 2.0, 3.0, 4.0]);
    let b = F32x4::new([10.0, 20.0, 30.0, 40.0]);
    let c = F32x4::new([-1.0, 0.5, 0.25, 0.125]);
    let d = F32x4::new([100.0, 0.0, -100.0, 7.0]);
    assert_eq!(
        F32x4::sums(a, b, c, d).to_array(),
        [10.0, 100.0, -0.125, 7.0]
    );
    let pick = F32x4::new([-1.0, 0.0, 2.0, -0.0])
        .select_non_negative(a, b)
        .to_array();
    assert_eq!(pick, [10.0, 2.0, 3.0, 4.0]);
    let n = F32x4::new([-126.0, -1.0, 0.0, 10.0]).exp2_int().to_array();
    assert_eq!(n, [2f32.powi(-126), 0.5, 1.0, 1024.0]);
}

/// The canvas's pixels with each colour times its opacity (so a faint
/// edge reads as faint, whatever its colour).
fn premultiplied(c: &HtmlCanvasElement) -> Vec<u8> {
    let px = pixels(c);
    let weigh = |p: &[u8]| {
        p[..3]
            .iter()
            .map(|&v| (v as u32 * p[3] as u32 / 255) as u8)
            .chain([p[3]])
            .collect::<Vec<u8>>()
    };
    px.chunks(4).flat_map(weigh).collect()
}

/// The pixels of any canvas (a bitmap one too), read through a 2-D copy.
fn shown_pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    let copy = new_canvas();
    copy.set_width(c.width());
    copy.set_height(c.height());
    canvas::context(&copy)
        .unwrap()
        .draw_image_with_html_canvas_element(c, 0.0, 0.0)
        .unwrap();
    let px = pixels(&copy);
    copy.remove();
    px
}

/// A change to the session; the point it leaves lifted, if any.
type Edit<'a> = dyn Fn(&mut Session) -> Option<usize> + 'a;

#[wasm_bindgen_test]
fn a_static_layer_patched_around_changed_points_equals_a_whole_draw() {
    let mut s = session(Task::Classification, ModelKind::Softmax, Preset::ThreeBlobs);
    for dpr in [1.0, 2.0] {
        let (patched, whole) = (new_canvas(), new_canvas());
        canvas::fit(&patched, 300.0, 300.0, dpr);
        canvas::fit(&whole, 300.0, 300.0, dpr);
        let mut layer = StaticLayer::default();
        let key = [0, 0, 0, 300, dpr.to_bits()];
        let (_, drawn) = layer.draw(&patched, &PlotInput::new(&s, dpr), key).unwrap();
        assert!(drawn, "the first draw is whole");
        let (_, drawn) = layer.draw(&patched, &PlotInput::new(&s, dpr), key).unwrap();
        assert!(!drawn, "nothing changed, nothing drawn");
        let p = s.data().points[7];
        // Lifted, moved while lifted, dropped, then a point added and one
        // removed from the middle: each patched, each as a whole draw.
        let steps: [&Edit; 5] = [
            &|_| Some(7),
            &|s| {
                s.move_point(7, 1.5, -2.0).unwrap();
                Some(7)
            },
            &|_| None,
            &|s| {
                s.add_point(Point {
                    x: p.x + 0.1,
                    y: p.y,
                    class: 2,
                })
                .unwrap();
                None
            },
            &|s| {
                s.remove_point(20).unwrap();
                None
            },
        ];
        for (n, step) in steps.iter().enumerate() {
            let lifted = step(&mut s);
            let input = PlotInput {
                lifted,
                ..PlotInput::new(&s, dpr)
            };
            layer.draw(&patched, &input, key).unwrap();
            draw_plot(&whole, &input).unwrap();
            let (a, b) = (premultiplied(&patched), premultiplied(&whole));
            let worst = a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y)).max().unwrap();
            let off = (a.chunks(4).zip(b.chunks(4)))
                .filter(|(x, y)| x.iter().zip(*y).any(|(u, v)| u.abs_diff(*v) > 16))
                .count();
            // The rasteriser smooths a mark's edge a little differently in
            // a path of a few marks than in a path of hundreds (it picks its
            // method by the path; whole draws differ so among themselves
            // once a point is added): a few edge pixels differ by tens of
            // levels. A mark left behind or missing is hundreds of pixels
            // off by ~200.
            assert!(
                off < 24 && worst < 96,
                "step {n} at dpr {dpr}: {off} pixels off, by up to {worst}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn a_shown_canvas_shows_what_was_drawn() {
    let page = new_canvas();
    let shown = canvas::Shown::new(page.clone());
    shown.fit(120.0, 80.0, 2.0);
    assert_eq!((page.width(), page.height()), (240, 160));
    let ctx = canvas::context(&shown.work).unwrap();
    ctx.set_fill_style_str("#ff0000");
    ctx.fill_rect(10.0, 10.0, 50.0, 50.0);
    shown.present().unwrap();
    assert_eq!(shown_pixels(&page), pixels(&shown.work));
    assert!(shown_pixels(&page).chunks(4).any(|p| p == [255, 0, 0, 255]));
}
