//! What is shown of the pack, independent of where it is shown: [`card::CardView`] is a card's
//! ordered sections, rendered by `brief show`, the Markdown export and the viewer's card pane.

pub mod card;

pub use card::{CardView, Item, Kind, Section};
