//! The related cards' picker: a box listing the selected card's related cards (title and themes),
//! the chosen one highlighted, with the keys that jump and close it (read from the keymap).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::truncate;
use crate::pack::Card;
use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keys::Keymap;
use crate::tui::theme::Theme;

/// Draws the picker, if open, centred in `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, keymap: &Keymap) {
    let Some(picker) = &app.related else {
        return;
    };
    let width = area.width.saturating_sub(4).min(76);
    let rows = u16::try_from(picker.ids.len() * 2).unwrap_or(u16::MAX);
    let height = rows.saturating_add(2).min(area.height);
    let popup = super::popup(buf, area, width, height);
    let from = app.card(&picker.from).map_or("", |c| c.title.as_str());
    let (from, cut) = truncate(from, usize::from(width.saturating_sub(16)));
    let title = format!(" Related to: {from}{} ", if cut { "…" } else { "" });
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::styled(format!(" {} ", hints(keymap)), theme.dim).right_aligned())
        .border_style(theme.border_focus);
    let inner = block.inner(popup);
    block.render(popup, buf);
    // Keep the chosen entry in view: two lines per entry.
    let fit = usize::from(inner.height / 2);
    let first = (picker.selected + 1).saturating_sub(fit);
    let mut y = inner.y;
    for (i, id) in picker.ids.iter().enumerate().skip(first).take(fit) {
        if let Some(card) = app.card(id) {
            entry(
                buf,
                Rect {
                    y,
                    height: 2,
                    ..inner
                },
                app,
                card,
                i == picker.selected,
                theme,
            );
        }
        y += 2;
    }
}

/// One entry on two lines of `area`: `> title` (highlighted when chosen), then its themes.
fn entry(buf: &mut Buffer, area: Rect, app: &App, card: &Card, chosen: bool, theme: &Theme) {
    let room = usize::from(area.width.saturating_sub(3));
    let (shown, cut) = truncate(&card.title, room);
    let marker = if chosen { "> " } else { "  " };
    let line = Line::from(vec![
        Span::raw(marker),
        Span::raw(format!("{shown}{}", if cut { "…" } else { "" })),
    ]);
    if chosen {
        buf.set_style(Rect { height: 1, ..area }, theme.selected);
    }
    buf.set_line(area.x, area.y, &line, area.width);
    let themes: Vec<String> = card
        .themes
        .iter()
        .map(|t| {
            app.pack
                .theme(t)
                .map_or(t.as_str(), |th| th.label.as_str())
                .to_uppercase()
        })
        .collect();
    let themes = Line::styled(format!("  {}", themes.join(" · ")), theme.dim);
    buf.set_line(area.x, area.y + 1, &themes, area.width);
}

fn hints(keymap: &Keymap) -> String {
    [
        (vec![Action::PickNext, Action::PickPrev], "move"),
        (vec![Action::PickJump], "jump"),
        (vec![Action::PickClose], "close"),
    ]
    .into_iter()
    .filter_map(|(actions, label)| {
        let keys: Vec<String> = actions
            .iter()
            .filter_map(|a| keymap.first_key(a, Mode::Related))
            .collect();
        (!keys.is_empty()).then(|| format!("{} {label}", keys.join("/")))
    })
    .collect::<Vec<_>>()
    .join(" · ")
}
