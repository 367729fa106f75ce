//! The model layer's SVG markup (`render::overlay`), natively: where the
//! line, `w`, the rings, a lifted point and the cursor are drawn, in tenths
//! of a CSS pixel of the view.

use neuronlab::core::data::{Dataset, Point, Preset, Task};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::{Session, Settings};
use neuronlab::render::overlay::{last_batch, overlay, view_box, PlotInput, MARK_R};
use neuronlab::render::view::{Domain, Rect, View};

/// A 480 × 480 plotting area at (40, 10), over the default domain.
fn view() -> View {
    View {
        area: Rect {
            left: 40.0,
            top: 10.0,
            width: 480.0,
            height: 480.0,
        },
        domain: Domain::default(),
    }
}

fn input<'a>(s: &'a Session, boundary: &'a [[f64; 4]], highlight: &'a [usize]) -> PlotInput<'a> {
    PlotInput {
        boundary,
        highlight,
        ..PlotInput::new(s, 2.0)
    }
}

/// Every number of every `d` attribute in `markup`, in CSS pixels.
fn numbers(markup: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for part in markup.split(" d='").skip(1) {
        let d = &part[..part.find('\'').unwrap()];
        let cleaned: String = d
            .chars()
            .map(|c| if c.is_ascii_alphabetic() { ' ' } else { c })
            .collect();
        out.extend(
            cleaned
                .split_whitespace()
                .map(|t| t.parse::<f64>().unwrap() / 10.0),
        );
    }
    out
}

fn perceptron(w1: f64, w2: f64, b: f64) -> Session {
    let data = Dataset {
        points: vec![
            Point {
                x: 1.0,
                y: 2.0,
                class: 1,
            },
            Point {
                x: -2.0,
                y: -1.0,
                class: 0,
            },
        ],
    };
    let st = Settings::for_model(Task::Classification, ModelKind::Perceptron);
    let mut s = Session::new(st, data).unwrap();
    s.set_params(&[w1, w2, b]).unwrap();
    s
}

#[test]
fn the_view_box_is_in_tenths() {
    assert_eq!(view_box(560.0, 333.5), "0 0 5600 3335");
}

#[test]
fn boundary_segments_become_one_path_in_the_view() {
    let s = Session::with_model(Task::Classification, ModelKind::Network, Default::default());
    let seg = [[-6.0, 6.0, 6.0, -6.0], [0.0, 0.0, 1.5, 0.0]];
    let o = overlay(&input(&s, &seg, &[]), &view());
    let v = numbers(&o.lines);
    // Corners of the domain land on the corners of the area.
    assert_eq!(&v[..4], &[40.0, 10.0, 520.0, 490.0]);
    // (0, 0) is the area's centre; 1.5 data units are 60 pixels.
    assert_eq!(&v[4..8], &[280.0, 250.0, 340.0, 250.0]);
    assert_eq!(
        o.lines.matches("<path").count(),
        2,
        "the boundary and the (empty) rings"
    );
    assert!(o.marks.is_empty());
}

#[test]
fn a_linear_model_draws_its_dashed_line_and_w() {
    // x2 = 0.5: w = (0, 2), b = -1; w points up, to class 2.
    let s = perceptron(0.0, 2.0, -1.0);
    let o = overlay(&input(&s, &[], &[]), &view());
    assert!(
        o.lines.contains("stroke-dasharray='120 80'"),
        "0.3 and 0.2 data units"
    );
    let dashed = &o.lines[o.lines.find("stroke-dasharray").unwrap()..];
    let v = numbers(dashed);
    // The line across the plot at y = 0.5 (230 px).
    assert_eq!(&v[..4], &[40.0, 230.0, 520.0, 230.0]);
    // w from the foot (0, 0.5) upwards, and its name beside the tip.
    assert_eq!(&v[4..6], &[280.0, 230.0]);
    assert!(v[7] < 230.0, "the arrow points up");
    assert!(o.lines.contains(">w</text>"));
}

#[test]
fn a_transition_draws_the_line_it_is_given() {
    let s = perceptron(0.0, 2.0, -1.0);
    let mut i = input(&s, &[], &[]);
    i.line = Some((2.0, 0.0, 0.0));
    let o = overlay(&i, &view());
    let dashed = &o.lines[o.lines.find("stroke-dasharray").unwrap()..];
    // x1 = 0: a vertical line through the centre.
    assert_eq!(&numbers(dashed)[..4], &[280.0, 490.0, 280.0, 10.0]);
}

#[test]
fn rings_go_round_the_last_batch_and_the_perceptrons_mistakes() {
    // Everything is class 2 for this line: the class-1 point is wrong.
    let s = perceptron(0.0, 0.0, 1.0);
    let mut i = input(&s, &[], &[1]);
    let calm = overlay(&i, &view());
    i.misses = true;
    let red = overlay(&i, &view());
    assert!(!calm.lines.contains("#c82d3c"));
    assert!(red.lines.contains("stroke='#c82d3c'"));
    // The batch ring: centred on point 2 (-2, -1) → (200, 290), radius r + 3.
    let ink = &calm.lines[calm.lines.rfind("<path").unwrap()..];
    let v = numbers(ink);
    assert_eq!(v[0], 200.0 + MARK_R + 3.0);
    assert_eq!(v[1], 290.0);
}

#[test]
fn a_lifted_point_and_the_cursor_are_marks_not_lines() {
    let s = Session::new(
        Settings::for_model(Task::Classification, ModelKind::Logistic),
        Preset::Separable.generate(20, 0.2, 1),
    )
    .unwrap();
    let mut i = input(&s, &[], &[]);
    let before = overlay(&i, &view());
    i.lifted = Some(3);
    i.cursor = Some((0.0, 0.0));
    let o = overlay(&i, &view());
    assert_eq!(o.lines, before.lines, "the lines do not change with a drag");
    let p = s.data().points[3];
    let (x, y) = view().to_px(p.x, p.y);
    let v = numbers(&o.marks);
    // The first path is the point's shape, round its position.
    let near = v
        .chunks(2)
        .take(3)
        .all(|c| (c[0] - x).abs() < 8.0 && (c[1] - y).abs() < 8.0);
    assert!(near, "{v:?} round ({x}, {y})");
    assert_eq!(
        o.marks.matches("<path").count(),
        3,
        "the mark, the cursor's halo and ink"
    );
}

#[test]
fn the_regression_curve_stays_in_the_area() {
    let mut st = Settings::for_model(Task::Regression, ModelKind::Polynomial);
    st.model.degree = 3;
    let mut s = Session::new(st, Preset::Cubic.generate(30, 0.2, 2)).unwrap();
    s.run(40).unwrap();
    let batch = last_batch(&s);
    assert!(!batch.is_empty());
    let o = overlay(&input(&s, &[], &batch), &view());
    // Residuals and the curve (the last path rings the batch).
    let v = numbers(&o.lines[..o.lines.rfind("<path").unwrap()]);
    assert!(
        v.len() > 300,
        "residuals and the curve ({} numbers)",
        v.len()
    );
    for c in v.chunks(2) {
        assert!(
            (39.0..=521.0).contains(&c[0]) && (9.0..=491.0).contains(&c[1]),
            "{c:?}"
        );
    }
}

#[test]
fn shifted_points_are_hollow_and_crossed_where_sure_and_wrong() {
    use neuronlab::core::analysis::ood::ShiftedPoint;
    let s = perceptron(1.0, 0.0, 0.0);
    let pts = [
        ShiftedPoint {
            x: 2.0,
            y: 0.0,
            class: 1,
            predicted: 1,
            confidence: 1.0,
        },
        ShiftedPoint {
            x: 1.0,
            y: 1.0,
            class: 0,
            predicted: 1,
            confidence: 0.95,
        },
        ShiftedPoint {
            x: -1.0,
            y: 1.0,
            class: 1,
            predicted: 0,
            confidence: 0.6,
        },
        ShiftedPoint {
            x: 60.0,
            y: 0.0,
            class: 0,
            predicted: 1,
            confidence: 1.0,
        },
    ];
    let mut i = input(&s, &[], &[]);
    let none = overlay(&i, &view());
    i.shifted = &pts;
    let o = overlay(&i, &view());
    assert!(
        !none.lines.contains("stroke-linecap='round' stroke-width"),
        "nothing shifted, nothing drawn"
    );
    let added = o.lines.matches("<path").count() - none.lines.matches("<path").count();
    // Three marks on the plot (the fourth is off it) and one path of crosses.
    assert_eq!(added, 4);
    let crosses = &o.lines[o
        .lines
        .rfind("stroke='#c82d3c' stroke-linecap='round'")
        .unwrap()..];
    let crosses = &crosses[..crosses.find("/>").unwrap()];
    // One cross (two strokes) round (1, 1) → (320, 210): only the sure, wrong one.
    assert_eq!(crosses.matches('M').count(), 2, "{crosses}");
    let v = numbers(crosses);
    assert_eq!(&v[..4], &[313.0, 203.0, 327.0, 217.0]);
}

#[test]
fn while_its_tip_is_turned_w_is_drawn_from_the_pivot() {
    // w = (0, 1), b = 2: the foot is (0, −2). Turned about it to (1, 1)/√2·|w|,
    // the line moves and its own foot with it; the arrow stays at the pivot.
    let k = std::f64::consts::FRAC_1_SQRT_2;
    let b = -(k * 0.0 + k * -2.0);
    let s = perceptron(k, k, b);
    let mut i = input(&s, &[], &[]);
    let foot = overlay(&i, &view());
    i.pivot = Some((0.0, -2.0));
    let held = overlay(&i, &view());
    let from = |o: &neuronlab::render::overlay::Overlay| {
        let arrow = &o.lines[o
            .lines
            .find("stroke-linejoin='round' stroke-width='25'")
            .unwrap()..];
        numbers(arrow)[..2].to_vec()
    };
    // (0, −2) → (280, 330) on the view.
    assert_eq!(from(&held), [280.0, 330.0]);
    assert_ne!(from(&foot), from(&held));
}
