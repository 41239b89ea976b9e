//! Embeds the built-in pack (`briefings/`) in the binary, so `brief` runs from any folder with no set-up.
//!
//! Writes `$OUT_DIR/embedded_pack.rs`: a sorted table of (path relative to `briefings/`, file bytes).

use std::fmt::Write as _;
use std::{env, fs, io, path::Path};

fn main() -> io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files)?;
    files.sort();
    let mut out = String::from(
        "/// Every file of the built-in pack: (path relative to `briefings/`, bytes).\n",
    );
    out.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = root.join(rel);
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .map_err(io::Error::other)?;
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").map_err(io::Error::other)?).join("embedded_pack.rs");
    fs::write(dest, out)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) -> io::Result<()> {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, files)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "minisig")
        {
            let rel = path.strip_prefix(root).map_err(io::Error::other)?;
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}
