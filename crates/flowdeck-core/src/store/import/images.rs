//! A prompt file's images: paths relative to the file become absolute, and each must be a
//! PNG, JPEG or WebP image flowdeck can send (checked now, before anything is spent).

use std::io::Read;
use std::path::Path;

use crate::model::Inputs;
use crate::picture;

/// Resolves every image of `inputs` against `base` and checks it.
pub(super) fn resolve(inputs: &mut Inputs, base: &Path) -> Result<(), crate::message::Message> {
    let slots = inputs
        .start
        .iter_mut()
        .map(|p| ("start_image", p))
        .chain(inputs.end.iter_mut().map(|p| ("end_image", p)))
        .chain(inputs.references.iter_mut().map(|p| ("references", p)));
    for (column, path) in slots {
        let full = if path.is_absolute() {
            path.clone()
        } else {
            base.join(&*path)
        };
        check(&full).map_err(|why| {
            crate::msg!(
                "import-picture-column",
                column = column,
                file = path.display().to_string(),
                why = why
            )
        })?;
        *path = std::path::absolute(&full).unwrap_or(full);
    }
    Ok(())
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Whether `path` is an image flowdeck can send: there, not too large, a known format, not tiny.
pub fn check(path: &Path) -> Result<picture::Picture, crate::message::Message> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => crate::msg!("import-no-file", file = shown(path)),
        _ => crate::msg!(
            "import-cannot-read",
            file = shown(path),
            error = e.to_string()
        ),
    })?;
    if !meta.is_file() {
        return Err(crate::msg!("import-not-a-file", file = shown(path)));
    }
    if meta.len() > picture::MAX_BYTES {
        let (mb, most) = (meta.len() >> 20, picture::MAX_BYTES >> 20);
        return Err(crate::msg!(
            "import-image-too-large",
            file = shown(path),
            mb = mb,
            most = most
        ));
    }
    // The header is enough to know the format and size.
    let mut head = Vec::with_capacity(64 << 10);
    std::fs::File::open(path)
        .and_then(|f| f.take(64 << 10).read_to_end(&mut head))
        .map_err(|e| {
            crate::msg!(
                "import-cannot-read",
                file = shown(path),
                error = e.to_string()
            )
        })?;
    picture::sniff(&head)
        .map_err(|why| crate::msg!("at-file", file = path.display().to_string(), why = why))
}
