//! What is shown of the pack, independent of where it is shown: [`card::CardView`] is a card's
//! ordered sections, rendered by `brief show`, the Markdown export and the viewer's card pane;
//! [`sources::SourceEntry`] a cited source in full, for the viewer's sources panel.

pub mod card;
pub mod sources;

pub use card::{CardView, Item, Kind, Section};
pub use sources::SourceEntry;
