//! Work on many files at once (forms written, forms read back) on the
//! machine's cores, the results kept in the files' order.

/// `f` of every item, on the machine's cores (`ROADMAP_THREADS` sets how
/// many), in the items' order.
pub fn in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    in_order_with(items, || (), |_, item| f(item))
}

/// [`in_order`] with a state each thread makes once (`state`) and hands to
/// `f` for every item it works on: what the items share, read once a thread.
pub fn in_order_with<T: Sync, S, R: Send>(
    items: &[T],
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = std::env::var("ROADMAP_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(items.len())
        .max(1);
    let chunk = items.len().div_ceil(threads).max(1);
    let (f, state) = (&f, &state);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut s = state();
                    part.iter().map(|item| f(&mut s, item)).collect::<Vec<R>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
