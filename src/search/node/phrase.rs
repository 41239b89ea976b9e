//! How the index finds a phrase: the places of its words, one after another. The scan matches a
//! phrase as any other text term (`text` beside this file).

use std::ops::Range;

use crate::search::index::Store;

/// The places where the `exact` words (at least one), then a word of `last`, occur one after the
/// other, as the place of that last word, ascending. The rarest whole word's places say where the
/// phrase could start; each other word then keeps the starts it continues, by merging two sorted
/// lists or, when one is much shorter, by looking each of its places up in the other.
pub(super) fn ends<S: Store>(
    store: &S,
    exact: &[u32],
    last: &Range<u32>,
) -> Result<Vec<u32>, S::Error> {
    let n = exact.len() as u32;
    let mut rarest: Option<(usize, u32, usize)> = None;
    for (k, &w) in exact.iter().enumerate() {
        let count = store.place_count(w)?;
        if rarest.is_none_or(|(_, _, least)| count < least) {
            rarest = Some((k, w, count));
        }
    }
    let Some((k, w, _)) = rarest else {
        return Ok(Vec::new());
    };
    let k = k as u32;
    // A start whose phrase would end past the last place a `u32` holds is none (only a damaged
    // file has such places): with those left out, no sum below can overflow.
    let most = u32::MAX.saturating_sub(n);
    let mut starts: Vec<u32> = store
        .places(w)?
        .iter()
        .filter_map(|p| p.checked_sub(k).filter(|&s| s <= most))
        .collect();
    for (j, &other) in exact.iter().enumerate() {
        if j as u32 != k {
            keep_followed(&mut starts, j as u32, &store.places(other)?);
        }
    }
    if last.len() == 1 {
        keep_followed(&mut starts, n, &store.places(last.start)?);
    } else {
        keep_followed_by_any(store, &mut starts, n, last)?;
    }
    Ok(starts.iter().map(|s| s + n).collect())
}

/// Keeps the `starts` (ascending) where `places` (ascending) has `start + offset`: a merge, or a
/// binary search of each start when `places` is much longer. (`start + offset` cannot overflow:
/// see [`ends`].)
fn keep_followed(starts: &mut Vec<u32>, offset: u32, places: &[u32]) {
    if places.len() > 16 * starts.len() {
        starts.retain(|s| places.binary_search(&(s + offset)).is_ok());
        return;
    }
    let mut j = 0;
    starts.retain(|s| {
        let want = s + offset;
        while j < places.len() && places[j] < want {
            j += 1;
        }
        j < places.len() && places[j] == want
    });
}

/// Keeps the `starts` where one of the words `last` is at `start + offset`: marks the starts each
/// of them continues, looking up whichever of the two lists is shorter in the other.
fn keep_followed_by_any<S: Store>(
    store: &S,
    starts: &mut Vec<u32>,
    offset: u32,
    last: &Range<u32>,
) -> Result<(), S::Error> {
    let mut hit = vec![false; starts.len()];
    for w in last.clone() {
        let places = store.places(w)?;
        if places.len() > starts.len() {
            for (i, start) in starts.iter().enumerate() {
                hit[i] |= places.binary_search(&(start + offset)).is_ok();
            }
        } else {
            for p in places.iter().filter_map(|p| p.checked_sub(offset)) {
                if let Ok(i) = starts.binary_search(&p) {
                    hit[i] = true;
                }
            }
        }
    }
    let mut marks = hit.into_iter();
    starts.retain(|_| marks.next().unwrap_or(false));
    Ok(())
}
