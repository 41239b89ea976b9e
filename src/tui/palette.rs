//! Every style the browser uses, in one place: a colour palette (16 basic colours, so it works on a
//! 16-colour terminal) and a no-colour palette that keeps everything visible with reverse and bold.

use ratatui::style::{Color, Modifier, Style};

/// The styles of each element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Header line.
    pub header: Style,
    /// A theme tab whose filter is off.
    pub tab: Style,
    /// A theme tab whose filter is on.
    pub tab_on: Style,
    /// Pane border without focus.
    pub border: Style,
    /// Pane border with focus.
    pub border_focus: Style,
    /// Pane title.
    pub title: Style,
    /// The selected list row.
    pub selected: Style,
    /// Matched text in a title.
    pub highlight: Style,
    /// The bookmark star.
    pub bookmark: Style,
    /// The unread dot.
    pub unread: Style,
    /// Section headings in the card.
    pub heading: Style,
    /// Secondary text (citations, ids, hints' descriptions).
    pub dim: Style,
    /// A key in the hints and the help.
    pub key: Style,
    /// A confirmation message.
    pub message: Style,
    /// A warning or query error.
    pub warning: Style,
    /// The search line's cursor.
    pub cursor: Style,
}

impl Palette {
    /// The theme for `color` (false under NO_COLOR or `--color never`).
    pub fn for_color(color: bool) -> Palette {
        if color {
            Palette::colour()
        } else {
            Palette::plain()
        }
    }

    /// Colours from the 16 basic ones.
    pub fn colour() -> Palette {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Palette {
            header: Style::new().fg(Color::White).bg(Color::Blue),
            tab: Style::new().fg(Color::White).bg(Color::Blue),
            tab_on: bold.fg(Color::Black).bg(Color::Yellow),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            title: bold,
            selected: bold.add_modifier(Modifier::REVERSED),
            highlight: bold.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            bookmark: Style::new().fg(Color::Yellow),
            unread: Style::new().fg(Color::Cyan),
            heading: bold.fg(Color::Cyan),
            dim: Style::new().fg(Color::DarkGray),
            key: bold.fg(Color::Cyan),
            message: bold.fg(Color::Green),
            warning: bold.fg(Color::Red),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Sets the colour of a config `[colors]` element (`accent`, `highlight`, `bookmark`, `muted`)
    /// when `apply` (a colour theme); false if there is no such element.
    pub fn set_color(&mut self, element: &str, color: Color, apply: bool) -> bool {
        let targets: Vec<&mut Style> = match element {
            "accent" => vec![
                &mut self.border_focus,
                &mut self.heading,
                &mut self.key,
                &mut self.unread,
            ],
            "highlight" => vec![&mut self.highlight],
            "bookmark" => vec![&mut self.bookmark],
            "muted" => vec![&mut self.dim, &mut self.border],
            _ => return false,
        };
        if apply {
            for style in targets {
                *style = style.fg(color);
            }
        }
        true
    }

    /// No colour at all: reverse video and bold carry the meaning.
    pub fn plain() -> Palette {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Palette {
            header: reversed,
            tab: reversed,
            tab_on: bold.add_modifier(Modifier::UNDERLINED),
            border: Style::new(),
            border_focus: bold,
            title: bold,
            selected: bold.add_modifier(Modifier::REVERSED),
            highlight: bold.add_modifier(Modifier::UNDERLINED),
            bookmark: bold,
            unread: bold,
            heading: bold,
            dim: Style::new(),
            key: bold,
            message: bold,
            warning: bold.add_modifier(Modifier::REVERSED),
            cursor: reversed,
        }
    }
}
