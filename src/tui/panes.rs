//! Where each region (pane) goes: computed once per frame (and by `App::update` for paging and clicks)
//! from the terminal size, so drawing and input agree on every `Rect`.

use ratatui::layout::{Constraint, Layout, Rect};

/// At this width and up, the list and the card sit side by side.
pub const WIDE: u16 = 90;
/// Below this height (and below `WIDE`), the list and the card take turns instead of stacking.
pub const STACK_MIN_HEIGHT: u16 = 20;
/// Below this size only a "terminal too small" line is shown.
pub const MIN_WIDTH: u16 = 30;
/// Below this size only a "terminal too small" line is shown.
pub const MIN_HEIGHT: u16 = 8;

/// Side by side, the list takes this share of the width (per cent), so that a wider terminal
/// shows more of each title...
pub const LIST_SHARE: u32 = 45;
/// ...but never less than this: the row's marks and a title's first words...
pub const LIST_MIN: u16 = 30;
/// ...nor more than the longest title the pack allows (72 characters) with the row's marks (5)
/// and the border (2): wider would only add blank columns.
pub const LIST_MAX: u16 = 79;
/// The card keeps at least this many columns beside the list (52 of text, inside the border and
/// padding): at [`WIDE`] the list gets the rest (34).
pub const CARD_MIN: u16 = 56;
/// An overlay box (the related picker, the sources panel) is at most this wide.
pub const OVERLAY_MAX_WIDTH: u16 = 76;

/// How the body is arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// List left, card right.
    Wide,
    /// List above, card below.
    Stacked,
    /// One pane at a time: the list, or the opened card (Enter / Esc).
    Single,
}

/// The named regions of one frame. A region that is not shown is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The whole terminal.
    pub area: Rect,
    /// How the body is arranged.
    pub arrangement: Arrangement,
    /// True when the terminal is below the minimum size: only a short line is drawn.
    pub too_small: bool,
    /// Theme tabs, bookmark count, position.
    pub header: Rect,
    /// The card list, with its border.
    pub list: Option<Rect>,
    /// The selected card, with its border.
    pub card: Option<Rect>,
    /// Query, match count, key hints, messages.
    pub footer: Rect,
}

impl Panes {
    /// The layout for a terminal of `area`; `card_open` matters only in the single arrangement;
    /// `zoomed` shows the card alone in the whole body, whatever the arrangement.
    pub fn compute(area: Rect, card_open: bool, zoomed: bool) -> Panes {
        let arrangement = if area.width >= WIDE {
            Arrangement::Wide
        } else if area.height >= STACK_MIN_HEIGHT {
            Arrangement::Stacked
        } else {
            Arrangement::Single
        };
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        let mut layout = Panes {
            area,
            arrangement,
            too_small,
            header: Rect::default(),
            list: None,
            card: None,
            footer: Rect::default(),
        };
        if too_small {
            return layout;
        }
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        layout.header = header;
        layout.footer = footer;
        if zoomed {
            layout.card = Some(body);
            return layout;
        }
        match arrangement {
            Arrangement::Wide => {
                let list_width = list_width(area.width);
                let [list, card] =
                    Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)])
                        .areas(body);
                layout.list = Some(list);
                layout.card = Some(card);
            }
            Arrangement::Stacked => {
                let list_height = (body.height * 2 / 5).max(5);
                let [list, card] =
                    Layout::vertical([Constraint::Length(list_height), Constraint::Min(1)])
                        .areas(body);
                layout.list = Some(list);
                layout.card = Some(card);
            }
            Arrangement::Single if card_open => layout.card = Some(body),
            Arrangement::Single => layout.list = Some(body),
        }
        layout
    }

    /// Rows of list entries that fit (inside the border).
    pub fn list_rows(&self) -> usize {
        self.list
            .map_or(0, |r| usize::from(r.height.saturating_sub(2)))
    }

    /// Where the card's text goes: inside the border, one column of padding each side.
    pub fn card_text(&self) -> Option<Rect> {
        self.card.map(card_text_area)
    }

    /// Between the header and the footer: where the overlays are centred.
    pub fn body(&self) -> Rect {
        Rect {
            y: self.area.y.saturating_add(1),
            height: self.area.height.saturating_sub(2),
            ..self.area
        }
    }

    /// How wide an overlay box is: two columns in from each side, at most [`OVERLAY_MAX_WIDTH`].
    pub fn overlay_width(&self) -> u16 {
        self.area.width.saturating_sub(4).min(OVERLAY_MAX_WIDTH)
    }
}

/// The list's width beside the card on a terminal `width` columns wide: [`LIST_SHARE`] of it,
/// within [`LIST_MIN`] and [`LIST_MAX`], leaving the card [`CARD_MIN`] where it can.
pub fn list_width(width: u16) -> u16 {
    let share = u32::from(width) * LIST_SHARE / 100;
    let share = u16::try_from(share).unwrap_or(u16::MAX);
    share
        .clamp(LIST_MIN, LIST_MAX)
        .min(width.saturating_sub(CARD_MIN))
        .max(LIST_MIN)
}

/// Where the card's text goes inside a card pane of `card`: within the border, one column of
/// padding each side (the right one holds the scroll bar).
pub fn card_text_area(card: Rect) -> Rect {
    Rect {
        x: card.x.saturating_add(2),
        y: card.y.saturating_add(1),
        width: card.width.saturating_sub(4),
        height: card.height.saturating_sub(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrangements_follow_the_size() {
        let at = |w, h, open| Panes::compute(Rect::new(0, 0, w, h), open, false);
        assert_eq!(at(120, 40, false).arrangement, Arrangement::Wide);
        assert_eq!(at(80, 24, false).arrangement, Arrangement::Stacked);
        assert_eq!(at(60, 12, false).arrangement, Arrangement::Single);
        assert!(at(60, 12, false).card.is_none());
        assert!(at(60, 12, true).list.is_none());
        assert!(at(20, 5, false).too_small);
        assert!(at(0, 0, false).too_small);
    }

    #[test]
    fn the_list_grows_with_the_width_and_the_card_stays_readable() {
        let widths: Vec<(u16, u16)> = [90, 100, 120, 160, 200, 1000, u16::MAX]
            .into_iter()
            .map(|w| (w, list_width(w)))
            .collect();
        assert_eq!(
            widths,
            [
                (90, 34),
                (100, 44),
                (120, 54),
                (160, 72),
                (200, 79),
                (1000, 79),
                (u16::MAX, 79)
            ]
        );
        for width in WIDE..=400 {
            let list = list_width(width);
            assert!((LIST_MIN..=LIST_MAX).contains(&list), "at {width}");
            assert!(
                width - list >= CARD_MIN,
                "at {width}: the card is {}",
                width - list
            );
        }
    }

    #[test]
    fn zoomed_the_card_takes_the_whole_body() {
        for (w, h, open) in [
            (120, 40, false),
            (80, 24, false),
            (60, 12, false),
            (60, 12, true),
        ] {
            let panes = Panes::compute(Rect::new(0, 0, w, h), open, true);
            assert_eq!(panes.list, None);
            assert_eq!(panes.card, Some(Rect::new(0, 1, w, h - 2)));
        }
    }
}
