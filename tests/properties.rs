//! Property tests: dataset operations and softmax.
#![cfg(not(target_arch = "wasm32"))]

use neuronlab::core::activation::softmax;
use neuronlab::core::data::{Dataset, Point};
use proptest::prelude::*;

fn point() -> impl Strategy<Value = Point> {
    (-6.0..6.0f64, -6.0..6.0f64, 0usize..5).prop_map(|(x, y, c)| Point::new(x, y, c))
}

proptest! {
    #[test]
    fn softmax_sums_to_one_and_is_finite(z in prop::collection::vec(-1e300..1e300f64, 1..8)) {
        let mut p = vec![0.0; z.len()];
        softmax(&z, &mut p);
        prop_assert!(p.iter().all(|v| v.is_finite() && *v >= 0.0 && *v <= 1.0));
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn softmax_is_shift_invariant(z in prop::collection::vec(-50.0..50.0f64, 2..6), c in -100.0..100.0f64) {
        let (mut p, mut q) = (vec![0.0; z.len()], vec![0.0; z.len()]);
        softmax(&z, &mut p);
        let shifted: Vec<f64> = z.iter().map(|v| v + c).collect();
        softmax(&shifted, &mut q);
        for (a, b) in p.iter().zip(&q) {
            prop_assert!((a - b).abs() < 1e-9);
        }
    }

    #[test]
    fn add_then_remove_restores_the_dataset(pts in prop::collection::vec(point(), 0..40), extra in point()) {
        let mut d = Dataset::from_points(pts.clone()).unwrap();
        let i = d.add(extra).unwrap();
        prop_assert_eq!(i, pts.len());
        prop_assert_eq!(d.remove(i).unwrap(), extra);
        prop_assert_eq!(d.points, pts);
    }

    #[test]
    fn nearest_is_the_closest_point(pts in prop::collection::vec(point(), 1..40), q in point()) {
        let d = Dataset::from_points(pts.clone()).unwrap();
        let i = d.nearest(q.x, q.y, 100.0).unwrap();
        let dist = |p: &Point| (p.x - q.x).powi(2) + (p.y - q.y).powi(2);
        prop_assert!(pts.iter().all(|p| dist(&pts[i]) <= dist(p)));
        prop_assert!(d.nearest(q.x, q.y, 0.0).is_none_or(|j| dist(&pts[j]) == 0.0));
    }

    #[test]
    fn moving_keeps_class_and_count(pts in prop::collection::vec(point(), 1..30), k in 0usize..30, x in -6.0..6.0f64, y in -6.0..6.0f64) {
        let mut d = Dataset::from_points(pts.clone()).unwrap();
        let k = k % pts.len();
        d.move_to(k, x, y).unwrap();
        prop_assert_eq!(d.len(), pts.len());
        prop_assert_eq!(d.points[k], Point::new(x, y, pts[k].class));
        prop_assert!(d.move_to(k, f64::NAN, 0.0).is_err());
        prop_assert_eq!(d.points[k], Point::new(x, y, pts[k].class));
    }

    #[test]
    fn removing_keeps_the_order_of_the_rest(pts in prop::collection::vec(point(), 1..30), k in 0usize..30) {
        let mut d = Dataset::from_points(pts.clone()).unwrap();
        let k = k % pts.len();
        d.remove(k).unwrap();
        let mut want = pts.clone();
        want.remove(k);
        prop_assert_eq!(&d.points, &want);
        prop_assert!(d.remove(pts.len()).is_err());
    }
}
