//! The single-file pack: one versioned, checksummed file holding a pack's cards, themes, sources
//! and search index (the format is `docs/packfile.md`). [`parts`] is the seam through which the
//! search index reads and writes its own parts.

pub mod parts;

pub use parts::{MemoryParts, PartError, PartFault, PartSink, Parts};
