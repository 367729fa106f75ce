//! The training step allocates nothing once its buffers have grown: a
//! counting allocator (per thread, so other tests running beside it do not
//! count) around the model's pass and the session's step.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use super::session;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn a_step_allocates_nothing_once_warm() {
    let mut s = session("tang-poems", |s| (s.embed, s.hidden) = (16, 32));
    // Past the history's exact span (a snapshot every 16 steps at most),
    // so it reuses its oldest snapshot.
    let warm = 16 * s.history().recent_cap() + 50;
    s.run(warm).unwrap();
    let mut m = s.window_model().expect("the window model").clone();
    let w = s.windows().expect("the window model").clone();
    let idx: Vec<usize> = (0..16).map(|i| i * 31 % w.len()).collect();
    let mut grad = vec![0.0; m.param_count()];
    let mut p = vec![0.0; s.vocab().len()];
    m.loss_grad(&w, &idx, &mut grad);
    m.probs(w.row(0), &mut p);
    let before = allocations();
    for i in 0..100 {
        m.loss_grad(&w, &idx, &mut grad);
        m.probs(w.row(i), &mut p);
    }
    assert_eq!(allocations() - before, 0, "the model's pass");
    // The session's steps: only the history's sparse checkpoints (one per
    // 16 steps at most) and the curve's points (one per ~epoch) allocate.
    let before = allocations();
    s.run(64).unwrap();
    let per_step = (allocations() - before) as f64 / 64.0;
    assert!(per_step <= 0.2, "{per_step} allocations per step");
}
