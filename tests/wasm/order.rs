//! `order::SharedSort` in the page: the one index sort gives the standard stable sort's order.

use kubeplay::order::SharedSort;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn the_shared_sort_is_the_standard_stable_sort() {
    // Pairs with many equal keys: stability shows in the second field.
    let mut seed = 7u32;
    let items: Vec<(u32, u32)> = (0..200)
        .map(|i| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((seed >> 16) % 9, i)
        })
        .collect();
    let mut expected = items.clone();
    expected.sort_by_key(|item| item.0);
    let mut by_key = items.clone();
    by_key.shared_sort_by_key(|item| item.0);
    assert_eq!(by_key, expected);
    let mut by = items.clone();
    by.shared_sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(by, expected);
    let mut all = items.clone();
    all.shared_sort();
    let mut sorted = items.clone();
    sorted.sort();
    assert_eq!(all, sorted);
    let mut reversed = items.clone();
    reversed.shared_sort_unstable_by(|a, b| b.cmp(a));
    sorted.reverse();
    assert_eq!(reversed, sorted);
    let mut empty: Vec<(u32, u32)> = Vec::new();
    empty.shared_sort_by_key(|item| item.0);
    assert!(empty.is_empty());
}
