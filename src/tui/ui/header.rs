//! The header line: theme tabs with their live counts, the unread and bookmark counts and the
//! position.
//! When space is short, whole elements are shortened or dropped, never cut or overlapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::views::HeaderView;
use crate::tui::palette::Palette;

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
pub fn render(buf: &mut Buffer, area: Rect, app: &HeaderView<'_>, palette: &Palette) {
    buf.set_style(area, palette.header);
    let width = usize::from(area.width);
    let (line, right) = fitting(app, palette, width);
    buf.set_line(area.x, area.y, &line, area.width);
    let right_width = u16::try_from(textwrap::core::display_width(&right)).unwrap_or(u16::MAX);
    if !right.is_empty() && right_width <= area.width {
        let x = area.right().saturating_sub(right_width);
        buf.set_string(x, area.y, &right, palette.header);
    }
}

/// The longest tabs and counters that fit `width` together, with a column between them.
fn fitting<'a>(app: &'a HeaderView<'_>, palette: &Palette, width: usize) -> (Line<'a>, String) {
    let themes = app.tabs.len();
    let mut tries = Vec::new();
    // The tabs' labels outlast the counters' long forms; without labels, the counters have room.
    for right in counters(app) {
        tries.extend([Tabs::Named, Tabs::Labelled].map(|t| (t, right.clone())));
    }
    tries.extend(
        counters(app)
            .into_iter()
            .map(|right| (Tabs::Bare(themes), right)),
    );
    let last = counters(app).pop().unwrap_or_default();
    tries.extend((0..themes).rev().map(|n| (Tabs::Bare(n), last.clone())));
    tries.push((Tabs::Bare(0), String::new()));
    for (tabs, right) in tries {
        let line = tab_line(app, palette, tabs);
        let right_width = textwrap::core::display_width(&right);
        // The tabs end with a space of their own, which is gap enough.
        let spaced = line.spans.last().is_some_and(|s| s.content.ends_with(' '));
        let gap = usize::from(!right.is_empty() && !spaced);
        if line.width().saturating_add(gap).saturating_add(right_width) <= width {
            return (line, right);
        }
    }
    (Line::default(), String::new())
}

/// The counters, longest first: `• 30 unread  ★ 2  card 3/37 `, `• 30  ★ 2  card 3/37 `,
/// `• 30  ★ 2  3/37 `, `★ 2  3/37 `, `3/37 `.
fn counters(app: &HeaderView<'_>) -> Vec<String> {
    let (at, total) = (app.at, app.total);
    let (unread, marks) = (app.unread, app.bookmarks);
    vec![
        format!("• {unread} unread  ★ {marks}  card {at}/{total} "),
        format!("• {unread}  ★ {marks}  card {at}/{total} "),
        format!("• {unread}  ★ {marks}  {at}/{total} "),
        format!("★ {marks}  {at}/{total} "),
        format!("{at}/{total} "),
    ]
}

fn tab_line<'a>(app: &'a HeaderView<'_>, palette: &Palette, tabs: Tabs) -> Line<'a> {
    let lead = if matches!(tabs, Tabs::Named) {
        " brief ─ "
    } else {
        " "
    };
    let mut spans = vec![Span::styled(lead, palette.header)];
    let (labels, shown) = match tabs {
        Tabs::Named | Tabs::Labelled => (true, usize::MAX),
        Tabs::Bare(n) => (false, n),
    };
    for t in app.tabs.iter().take(shown) {
        let (key, count) = (&t.key, t.count);
        let text = if labels {
            format!("[{key} {} {count}]", t.label)
        } else {
            format!("[{key} {count}]")
        };
        let on = t.on;
        spans.push(Span::styled(
            text,
            if on { palette.tab_on } else { palette.tab },
        ));
        spans.push(Span::styled(" ", palette.header));
    }
    // Bookmarks-only goes with the tabs: the footer names it too (`is:bookmarked`).
    if let Some(key) = app.bookmarks_only.as_ref().filter(|_| shown > 0) {
        spans.push(Span::styled(format!("[{key} ★ only]"), palette.tab_on));
    }
    Line::from(spans)
}
