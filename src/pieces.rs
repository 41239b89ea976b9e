//! Long text built on every core: the command line's output and exports may cover a whole big pack.

use rayon::prelude::*;

/// Builds the text for `items`, `per_piece` items to a piece, on every core, and hands the pieces
/// to `emit` in order, some thirty pieces at a time, so that little text is ever held at once.
/// The first error, building or emitting, ends it.
pub(crate) fn in_pieces<T: Sync, E: Send>(
    items: &[T],
    per_piece: usize,
    build: impl Fn(&[T]) -> Result<String, E> + Sync,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let per_piece = per_piece.max(1);
    for window in items.chunks(32 * per_piece) {
        let pieces: Vec<String> = window
            .par_chunks(per_piece)
            .map(&build)
            .collect::<Result<_, E>>()?;
        for piece in &pieces {
            emit(piece)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::in_pieces;

    #[test]
    fn pieces_come_in_order_and_cover_every_item() {
        let items: Vec<usize> = (0..10_000).collect();
        let mut text = String::new();
        let done: Result<(), ()> = in_pieces(
            &items,
            7,
            |run| Ok(run.iter().map(|i| i.to_string() + ",").collect()),
            |piece| {
                text.push_str(piece);
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        let expected: String = items.iter().map(|i| i.to_string() + ",").collect();
        assert_eq!(text, expected);
    }
}
