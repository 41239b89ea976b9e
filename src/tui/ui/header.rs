//! The header line: theme tabs with their live counts, the bookmark count and the position.
//! When space is short, whole elements are shortened or dropped, never cut or overlapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::App;
use crate::tui::theme::Theme;

/// How much of the tabs to show, longest first.
#[derive(Clone, Copy)]
enum Tabs {
    /// ` brief ─ [1 Ukraine 9] ...`
    Named,
    /// ` [1 Ukraine 9] ...`
    Labelled,
    /// ` [1 9] ...`, with only the first `n` tabs.
    Bare(usize),
}

/// Draws the header into `area` (one line).
pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    buf.set_style(area, theme.header);
    let width = usize::from(area.width);
    let (line, right) = fitting(app, theme, width);
    buf.set_line(area.x, area.y, &line, area.width);
    let right_width = u16::try_from(textwrap::core::display_width(&right)).unwrap_or(u16::MAX);
    if !right.is_empty() && right_width <= area.width {
        let x = area.right().saturating_sub(right_width);
        buf.set_string(x, area.y, &right, theme.header);
    }
}

/// The longest tabs and counters that fit `width` together, with a column between them.
fn fitting<'a>(app: &'a App, theme: &Theme, width: usize) -> (Line<'a>, String) {
    let themes = app.pack.themes.len();
    let mut tries = Vec::new();
    for right in counters(app) {
        tries.extend([Tabs::Named, Tabs::Labelled, Tabs::Bare(themes)].map(|t| (t, right.clone())));
    }
    let last = counters(app).pop().unwrap_or_default();
    tries.extend((0..themes).rev().map(|n| (Tabs::Bare(n), last.clone())));
    tries.push((Tabs::Bare(0), String::new()));
    for (tabs, right) in tries {
        let line = tab_line(app, theme, tabs);
        let right_width = textwrap::core::display_width(&right);
        let gap = usize::from(!right.is_empty());
        if line.width().saturating_add(gap).saturating_add(right_width) <= width {
            return (line, right);
        }
    }
    (Line::default(), String::new())
}

/// The counters, longest first: `★ 2  card 3/37 `, `★ 2  3/37 `, `3/37 `.
fn counters(app: &App) -> Vec<String> {
    let total = app.filtered.cards.len();
    let at = if total == 0 {
        0
    } else {
        app.selected.saturating_add(1)
    };
    let marks = app.marks.bookmarked.len();
    vec![
        format!("★ {marks}  card {at}/{total} "),
        format!("★ {marks}  {at}/{total} "),
        format!("{at}/{total} "),
    ]
}

fn tab_line<'a>(app: &'a App, theme: &Theme, tabs: Tabs) -> Line<'a> {
    let lead = if matches!(tabs, Tabs::Named) {
        " brief ─ "
    } else {
        " "
    };
    let mut spans = vec![Span::styled(lead, theme.header)];
    let (labels, shown) = match tabs {
        Tabs::Named | Tabs::Labelled => (true, usize::MAX),
        Tabs::Bare(n) => (false, n),
    };
    let counts = app.pack.themes.iter().zip(&app.filtered.theme_counts);
    for (t, count) in counts.take(shown) {
        let text = if labels {
            format!("[{} {} {count}]", t.key, t.label)
        } else {
            format!("[{} {count}]", t.key)
        };
        let on = app.themes_on.contains(&t.id);
        spans.push(Span::styled(
            text,
            if on { theme.tab_on } else { theme.tab },
        ));
        spans.push(Span::styled(" ", theme.header));
    }
    // Bookmarks-only goes with the tabs: the footer names it too (`is:bookmarked`).
    if app.bookmarks_only && shown > 0 {
        spans.push(Span::styled("[B ★ only]", theme.tab_on));
    }
    Line::from(spans)
}
