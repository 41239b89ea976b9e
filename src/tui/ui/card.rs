//! The card pane: the selected card in full (its lines from [`crate::tui::card_text`], its whole
//! title first), scrollable, with a scroll indicator when it is longer than the pane; the border
//! names the card once its title is scrolled out of sight.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use super::truncate;
use crate::tui::app::{App, Focus};
use crate::tui::palette::Palette;
use crate::tui::panes::card_text_area;

/// Draws the selected card, with its border, into `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, palette: &Palette) {
    let border = if app.focus() == Focus::Card {
        palette.border_focus
    } else {
        palette.border
    };
    let mut block = Block::bordered().border_style(border);
    let Some(card) = app.selected_card() else {
        return no_card(buf, area, block, app.card_problem(), palette);
    };
    let text_area = card_text_area(area);
    let lines = app.card_text(text_area.width, palette).lines;
    let height = usize::from(text_area.height);
    let scroll = app.card_scroll().min(lines.len().saturating_sub(height));
    let longer = lines.len() > height;
    if longer {
        let end = (scroll + height).min(lines.len());
        let indicator = format!(" {}–{end} of {} ", scroll + 1, lines.len());
        block = block.title_bottom(Line::styled(indicator, palette.dim).right_aligned());
    }
    // The text starts with the whole title; once it is scrolled away the border names the card.
    let name = if scroll == 0 {
        "Card".to_string()
    } else {
        title(&card.title, area.width)
    };
    block
        .title(Span::styled(format!(" {name} "), palette.title))
        .render(area, buf);
    for (line, y) in lines
        .iter()
        .skip(scroll)
        .zip(text_area.top()..text_area.bottom())
    {
        buf.set_line(text_area.x, y, line, text_area.width);
    }
    if longer {
        let mut state = ScrollbarState::new(lines.len().saturating_sub(height)).position(scroll);
        let bar_area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2),
            ..area
        };
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(bar_area, buf, &mut state);
    }
}

/// The pane without a card: none is selected, or (`problem`) the selected one cannot be read
/// from the pack file, and the error says which file and part (made inert where it was made).
fn no_card(buf: &mut Buffer, area: Rect, block: Block, problem: Option<String>, palette: &Palette) {
    let Some(problem) = problem else {
        block
            .title(Span::styled(" No card ", palette.title))
            .render(area, buf);
        return;
    };
    Paragraph::new(problem)
        .wrap(Wrap { trim: true })
        .style(palette.dim)
        .block(block.title(Span::styled(" Card unreadable ", palette.title)))
        .render(area, buf);
}

/// The title cut to fit the top border, with `…` when cut.
fn title(text: &str, width: u16) -> String {
    let (shown, cut) = truncate(text, usize::from(width.saturating_sub(6)));
    if cut {
        format!("{shown}…")
    } else {
        shown.to_string()
    }
}
