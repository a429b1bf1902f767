//! What a scene starts from besides its prompt: a start frame, an end frame, or reference
//! images ("ingredients"). Paths only; the files are read when a take is sent.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The most reference images a scene may carry (Flow's and Veo's limit).
pub const MAX_REFERENCES: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Inputs {
    /// The video's first frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PathBuf>,
    /// The video's last frame (with a start frame).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PathBuf>,
    /// Images of characters, objects or a style to keep, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<PathBuf>,
    /// For a scene that continues another: the earlier scene's video on disk, set when the
    /// take is dealt (never stored: the earlier take's record says where it is).
    #[serde(skip)]
    pub video: Option<PathBuf>,
}

impl Inputs {
    /// No pictures and no earlier video: a scene made from its prompt alone.
    pub const NONE: Inputs = Inputs {
        start: None,
        end: None,
        references: Vec::new(),
        video: None,
    };
}

/// Which kind of request the inputs make, for checking what an account can do before spending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InputKind {
    #[default]
    Text,
    /// A start frame.
    Start,
    /// A start and an end frame.
    StartEnd,
    /// This many reference images.
    References(u8),
    /// An earlier video of the same account: a Gemini Omni revision, a Flow upscale.
    Video,
    /// The end of an earlier scene's video, continued (a chain).
    Extend,
}

impl InputKind {
    pub fn describe(self) -> crate::message::Message {
        match self {
            InputKind::Text => crate::msg!("inputs-text"),
            InputKind::Start => crate::msg!("inputs-start"),
            InputKind::StartEnd => crate::msg!("inputs-start-end"),
            InputKind::References(n) => crate::msg!("inputs-references", count = n),
            InputKind::Video => crate::msg!("inputs-video"),
            InputKind::Extend => crate::msg!("inputs-extend"),
        }
    }
}

impl InputKind {
    /// What a take starts from: the scene it continues (`continues`), an earlier video when
    /// it names one (`previous`), else its pictures (pictures that cannot go together count as
    /// text here; they are refused when the batch is checked, before anything is sent).
    pub fn of(continues: bool, previous: bool, inputs: &Inputs) -> InputKind {
        if continues {
            InputKind::Extend
        } else if previous {
            InputKind::Video
        } else {
            inputs.kind().unwrap_or_default()
        }
    }
}

impl Inputs {
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.end.is_none() && self.references.is_empty()
    }

    /// The request these inputs make, or why they cannot go together.
    pub fn kind(&self) -> Result<InputKind, crate::message::Message> {
        match (&self.start, &self.end, self.references.len()) {
            (None, None, 0) => Ok(InputKind::Text),
            (Some(_), None, 0) => Ok(InputKind::Start),
            (Some(_), Some(_), 0) => Ok(InputKind::StartEnd),
            (None, Some(_), _) => Err(crate::msg!("inputs-end-needs-start")),
            (None, None, n) if n <= MAX_REFERENCES => Ok(InputKind::References(n as u8)),
            (None, None, n) => Err(crate::msg!(
                "inputs-too-many-references",
                count = n,
                most = MAX_REFERENCES
            )),
            (Some(_), _, _) => Err(crate::msg!("inputs-not-both")),
        }
    }

    /// The pictures by file name, for a list row ("start: a.png", "end: b.jpg", "references:
    /// hero.webp, hat.png"), one message per kind; empty without pictures.
    pub fn in_words(&self) -> Vec<crate::message::Message> {
        let name = |p: &PathBuf| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().to_string(),
            )
        };
        let mut parts = Vec::new();
        if let Some(s) = &self.start {
            parts.push(crate::msg!("inputs-start-file", file = name(s)));
        }
        if let Some(e) = &self.end {
            parts.push(crate::msg!("inputs-end-file", file = name(e)));
        }
        if !self.references.is_empty() {
            let names: Vec<String> = self.references.iter().map(name).collect();
            parts.push(crate::msg!(
                "inputs-reference-files",
                files = names.join(", ")
            ));
        }
        parts
    }

    /// Every image, in the order they are uploaded.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.start
            .iter()
            .chain(self.end.iter())
            .chain(self.references.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_say_what_they_make_or_why_not() {
        let p = |s: &str| Some(PathBuf::from(s));
        let mut i = Inputs::default();
        assert_eq!(i.kind(), Ok(InputKind::Text));
        i.start = p("a.png");
        assert_eq!(i.kind(), Ok(InputKind::Start));
        i.end = p("b.png");
        assert_eq!(i.kind(), Ok(InputKind::StartEnd));
        assert_eq!(i.files().count(), 2);
        i.references = vec!["c.png".into()];
        assert!(i.kind().is_err_and(|e| e.key == "inputs-not-both"));
        let only_end = Inputs {
            end: p("b.png"),
            ..Inputs::default()
        };
        assert!(
            only_end
                .kind()
                .is_err_and(|e| e.key == "inputs-end-needs-start")
        );
        let refs = |n: usize| Inputs {
            references: vec![PathBuf::from("r.png"); n],
            ..Inputs::default()
        };
        assert_eq!(refs(3).kind(), Ok(InputKind::References(3)));
        assert_eq!(
            Inputs {
                start: p("/pics/shore.png"),
                end: p("/pics/dusk.jpg"),
                ..Inputs::default()
            }
            .in_words(),
            [
                crate::msg!("inputs-start-file", file = "shore.png"),
                crate::msg!("inputs-end-file", file = "dusk.jpg")
            ]
        );
        assert_eq!(
            refs(2).in_words(),
            [crate::msg!(
                "inputs-reference-files",
                files = "r.png, r.png"
            )]
        );
        assert!(Inputs::default().in_words().is_empty());
        assert!(
            refs(4)
                .kind()
                .is_err_and(|e| e.key == "inputs-too-many-references"
                    && e.arg("most") == Some(&crate::message::Arg::Number(3.0)))
        );
    }
}
