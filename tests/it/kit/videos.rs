//! MP4 files built for tests from the simulator's real clip, crafted ones included: the mp4
//! crate writes the real clip's first frames, then a sample table may be made to lie. Also used
//! by the library's own tests (`src/frames.rs`).

use std::io::Cursor;

/// The real clip (ffmpeg's test pattern, 192×108 H.264).
const CLIP: &[u8] = include_bytes!("../../../assets/sim/clip.mp4");

/// An MP4 of `frames` video frames: the clip's key frame, then its second frame over and over
/// (only the first is a key frame, so reaching the last means decoding them all).
pub fn frames(frames: u32) -> Vec<u8> {
    let mut clip =
        mp4::Mp4Reader::read_header(Cursor::new(CLIP), CLIP.len() as u64).expect("the clip");
    let (id, timescale, avc) = {
        let (&id, t) = clip
            .tracks()
            .iter()
            .find(|(_, t)| t.media_type().ok() == Some(mp4::MediaType::H264))
            .expect("a video track");
        let avc = mp4::AvcConfig {
            width: t.width(),
            height: t.height(),
            seq_param_set: t.sequence_parameter_set().expect("sps").to_vec(),
            pic_param_set: t.picture_parameter_set().expect("pps").to_vec(),
        };
        (id, t.timescale(), avc)
    };
    let first = clip.read_sample(id, 1).expect("read").expect("frame 1");
    let second = clip.read_sample(id, 2).expect("read").expect("frame 2");
    let config = mp4::Mp4Config {
        major_brand: "isom".parse().expect("brand"),
        minor_version: 512,
        compatible_brands: ["isom", "iso2", "avc1", "mp41"]
            .iter()
            .map(|b| b.parse().expect("brand"))
            .collect(),
        timescale: 1000,
    };
    let mut out = mp4::Mp4Writer::write_start(Cursor::new(Vec::new()), &config).expect("start");
    out.add_track(&mp4::TrackConfig {
        track_type: mp4::TrackType::Video,
        timescale,
        language: "und".into(),
        media_conf: mp4::MediaConfig::AvcConfig(avc),
    })
    .expect("track");
    for n in 0..frames {
        let from = if n == 0 { &first } else { &second };
        let sample = mp4::Mp4Sample {
            start_time: u64::from(n) * u64::from(from.duration),
            duration: from.duration,
            rendering_offset: 0,
            is_sync: n == 0,
            bytes: from.bytes.clone(),
        };
        out.write_sample(1, &sample).expect("sample");
    }
    out.write_end().expect("end");
    out.into_writer().into_inner()
}

/// A crafted MP4 of a few kilobytes whose frame table claims `count` frames: the clip's key
/// frame alone, with its sample table (`stsz`) saying every frame is as long as that frame's
/// first NAL unit. The first frame reads and decodes; the rest are named but not in the file
/// (a decoder walking to the last one skips them one by one). The boxes still tile the file.
pub fn claiming(count: u32) -> Vec<u8> {
    let mut mp4 = frames(1);
    let find = |mp4: &[u8], kind: &[u8]| mp4.windows(4).position(|w| w == kind);
    // The one chunk's offset (`stco` or `co64`: type, version and flags, count, then offsets).
    let chunk = match find(&mp4, b"stco") {
        Some(at) => u32::from_be_bytes(mp4[at + 12..at + 16].try_into().expect("4")) as usize,
        None => {
            let at = find(&mp4, b"co64").expect("chunk offsets");
            u64::from_be_bytes(mp4[at + 12..at + 20].try_into().expect("8")) as usize
        }
    };
    let first_nal = u32::from_be_bytes(mp4[chunk..chunk + 4].try_into().expect("4"));
    // `stsz`: type, version and flags, then the size of every frame and their count.
    let stsz = find(&mp4, b"stsz").expect("a sample table");
    mp4[stsz + 8..stsz + 12].copy_from_slice(&(4 + first_nal).to_be_bytes());
    mp4[stsz + 12..stsz + 16].copy_from_slice(&count.to_be_bytes());
    mp4
}
