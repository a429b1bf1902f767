//! Is a downloaded file a whole MP4? Its top-level boxes must start with `ftyp`, include a
//! `moov` (without it nothing plays), and tile the file exactly: a body that stopped early
//! without saying so (a 200 with no length) ends inside a box or before `moov`.

/// Reads up to 16 bytes at an offset (fewer at the end of the file).
pub trait ReadAt {
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize>;
}

/// Why a file is not a whole MP4, in words for the take's error.
pub fn check(len: u64, file: &mut dyn ReadAt) -> Result<(), crate::message::Message> {
    let mut pos = 0u64;
    let mut moov = false;
    while pos < len {
        let mut head = [0u8; 16];
        let got = file
            .read_at(pos, &mut head)
            .map_err(|e| crate::msg!("mp4-unreadable", why = e.to_string()))?;
        if got < 8 {
            return Err(crate::msg!("mp4-cut-header", byte = pos));
        }
        let kind = &head[4..8];
        if pos == 0 && kind != b"ftyp" {
            return Err(crate::msg!("mp4-no-ftyp"));
        }
        moov |= kind == b"moov";
        let size = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
            // To the end of the file.
            0 => len - pos,
            1 if got >= 16 => u64::from_be_bytes([
                head[8], head[9], head[10], head[11], head[12], head[13], head[14], head[15],
            ]),
            1 => return Err(crate::msg!("mp4-cut-header", byte = pos)),
            s => u64::from(s),
        };
        if size < 8 {
            return Err(crate::msg!("mp4-bad-size", byte = pos, size = size));
        }
        let end = pos.saturating_add(size);
        if end > len {
            return Err(crate::msg!(
                "mp4-cut-box",
                byte = len,
                kind = String::from_utf8_lossy(kind).to_string(),
                needs = end
            ));
        }
        pos = end;
    }
    if len == 0 {
        return Err(crate::msg!("mp4-empty"));
    }
    if !moov {
        return Err(crate::msg!("mp4-no-moov"));
    }
    Ok(())
}

impl ReadAt for std::fs::File {
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::io::{Read, Seek, SeekFrom};
        self.seek(SeekFrom::Start(offset))?;
        let mut filled = 0;
        while filled < buf.len() {
            match self.read(&mut buf[filled..])? {
                0 => break,
                n => filled += n,
            }
        }
        Ok(filled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl ReadAt for &[u8] {
        fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
            let start = (offset as usize).min(self.len());
            let n = buf.len().min(self.len() - start);
            buf[..n].copy_from_slice(&self[start..start + n]);
            Ok(n)
        }
    }

    fn boxed(kind: &[u8; 4], body: usize) -> Vec<u8> {
        let mut b = ((body + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend(std::iter::repeat_n(0u8, body));
        b
    }

    fn run(bytes: &[u8]) -> Result<(), crate::message::Message> {
        let mut r = bytes;
        check(bytes.len() as u64, &mut r)
    }

    #[test]
    fn the_simulators_video_is_whole_and_every_cut_of_it_is_not() {
        let video = flowdeck_sim::video::Video::new("media-1", Some(40_000));
        let mut bytes = vec![0u8; video.len() as usize];
        video.fill(0, &mut bytes);
        assert_eq!(run(&bytes), Ok(()));
        for cut in [1, 7, 8, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(run(&bytes[..cut]).is_err(), "a cut at {cut} passed");
        }
    }

    #[test]
    fn boxes_must_start_with_ftyp_include_moov_and_tile_the_file() {
        let ftyp = boxed(b"ftyp", 16);
        let moov = boxed(b"moov", 100);
        let mdat = boxed(b"mdat", 1000);
        let whole = [ftyp.clone(), mdat.clone(), moov.clone()].concat();
        assert_eq!(run(&whole), Ok(()));
        // Cut exactly between two boxes, before moov: no length told us, the walk does.
        let before_moov = [ftyp.clone(), mdat.clone()].concat();
        assert_eq!(run(&before_moov).unwrap_err().key, "mp4-no-moov");
        let not_mp4 = [mdat.clone(), ftyp.clone(), moov.clone()].concat();
        assert_eq!(run(&not_mp4).unwrap_err().key, "mp4-no-ftyp");
        let mut zero = ftyp.clone();
        zero.extend_from_slice(&[0, 0, 0, 3, b'b', b'a', b'd', b'!']);
        assert_eq!(run(&zero).unwrap_err().key, "mp4-bad-size");
        // A last box of size 0 runs to the end of the file.
        let mut open_end = [ftyp.clone(), moov.clone()].concat();
        open_end.extend_from_slice(&[0, 0, 0, 0, b'm', b'd', b'a', b't', 1, 2, 3]);
        assert_eq!(run(&open_end), Ok(()));
        assert!(run(&[]).is_err());
    }
}
