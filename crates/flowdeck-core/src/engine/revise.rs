//! Revisions and upscales: a new take made from a finished video, on the account that made it.
//! A Gemini Omni revision names the earlier interaction (another key's id is "Invalid
//! interaction name"); a Flow upscale names the earlier media (only its account may).

use crate::model::{BatchSpec, Mode, Resolution, Scene, SeedChoice, Source, TakeState};
use crate::provider::RemoteRef;
use crate::store::ledger::TakeRecord;

/// The interaction a finished take can be revised from, if it is one.
pub fn interaction(take: &TakeRecord) -> Option<String> {
    if take.state != TakeState::Done {
        return None;
    }
    match take.remote.as_ref()? {
        RemoteRef::Omni { interaction } => Some(interaction.clone()),
        _ => None,
    }
}

pub fn revisable(take: &TakeRecord) -> bool {
    interaction(take).is_some()
}

/// A one-scene batch that revises `take` with `instruction`, pinned to the take's account and
/// shot as it was (model, aspect, length, resolution), written next to the original's batch.
pub fn batch(
    take: &TakeRecord,
    instruction: &str,
    copies: u8,
) -> Result<BatchSpec, crate::message::Message> {
    let instruction = instruction.trim();
    if instruction.is_empty() {
        return Err(crate::msg!("revise-empty"));
    }
    let previous = interaction(take).ok_or_else(|| {
        if take.state != TakeState::Done {
            let state = take.state.message();
            crate::msg!("revise-not-finished", take = take.id, state = state)
        } else {
            crate::msg!("revise-not-omni", take = take.id)
        }
    })?;
    let account = take
        .account
        .clone()
        .ok_or_else(|| crate::msg!("take-no-account", take = take.id))?;
    Ok(BatchSpec {
        label: format!("{}_revision_of_{}", take.batch_label, take.id),
        scenes: vec![Scene {
            prompt: instruction.to_string(),
            name: take.scene_name.clone(),
            model: take.model.clone(),
            aspect: take.aspect,
            copies,
            seed: SeedChoice::Random,
            duration: take.duration,
            resolution: take.resolution,
            source: Some(Source::Revise {
                interaction: previous,
            }),
            inputs: crate::model::Inputs::default(),
            continues: None,
        }],
        out_dir: take.out_dir.clone(),
        template: take.template.clone(),
        accounts: vec![account],
        mode: Mode::Parallel,
        caps: Default::default(),
    })
}

/// Whether a finished take can be upscaled (a Flow video at 720p).
pub fn upscalable(take: &TakeRecord) -> bool {
    take.state == TakeState::Done
        && take.resolution.is_none_or(|r| r == Resolution::P720)
        && matches!(take.remote, Some(RemoteRef::Flow(_)))
}

/// A one-scene batch that upscales `take` to `to` on the take's account, its file next to the
/// original's (same folder, the scene's name with the resolution added).
pub fn upscale_batch(
    take: &TakeRecord,
    to: Resolution,
) -> Result<BatchSpec, crate::message::Message> {
    if !matches!(to, Resolution::P1080 | Resolution::K4) {
        return Err(crate::msg!("upscale-sizes", size = to.to_string()));
    }
    if take.state != TakeState::Done {
        let state = take.state.message();
        return Err(crate::msg!(
            "upscale-not-finished",
            take = take.id,
            state = state
        ));
    }
    if !upscalable(take) {
        return Err(crate::msg!("upscale-not-flow", take = take.id));
    }
    let account = take
        .account
        .clone()
        .ok_or_else(|| crate::msg!("take-no-account", take = take.id))?;
    let name = take
        .scene_name
        .clone()
        .unwrap_or_else(|| crate::store::naming::slug(&take.prompt));
    let (label, template) = upscale_names(take, to);
    Ok(BatchSpec {
        label,
        scenes: vec![Scene {
            prompt: take.prompt.clone(),
            name: Some(format!("{name}_{}", to.as_str())),
            model: take.model.clone(),
            aspect: take.aspect,
            copies: 1,
            seed: SeedChoice::Fixed(take.seed),
            duration: take.duration,
            resolution: Some(to),
            source: take.remote.clone().map(Source::Upscale),
            inputs: crate::model::Inputs::default(),
            continues: None,
        }],
        out_dir: take.out_dir.clone(),
        template,
        accounts: vec![account],
        mode: Mode::Parallel,
        caps: Default::default(),
    })
}

/// An upscale's batch is named from its source ("coast (upscaled 1080p)"), while its file
/// still goes next to the original: the template gets the source batch's folder name in place
/// of `{batch}`. A source name the template cannot hold as plain text keeps the source's
/// name for both.
fn upscale_names(take: &TakeRecord, to: Resolution) -> (String, String) {
    let folder = crate::store::naming::component(&take.batch_label);
    let template = take.template.replace("{batch}", &folder);
    if folder.contains(['{', '}']) || crate::store::naming::Template::parse(&template).is_err() {
        return (take.batch_label.clone(), take.template.clone());
    }
    let label = format!("{} (upscaled {})", take.batch_label, to.as_str());
    (label, template)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;
    use crate::model::{Aspect, Model, Resolution};
    use crate::provider::flow::create::MediaRef;

    fn done(remote: RemoteRef) -> TakeRecord {
        TakeRecord {
            id: 7,
            batch: 2,
            scene_index: 1,
            copy: 1,
            prompt: "a lighthouse at dusk".into(),
            scene_name: Some("lighthouse".into()),
            model: Model::OmniFlash,
            aspect: Aspect::Portrait,
            seed: 3,
            state: TakeState::Done,
            account: Some("g1".into()),
            remote: Some(remote.clone()),
            hint: None,
            error_class: None,
            error_code: None,
            error: None,
            path: None,
            bytes: None,
            sha256: None,
            submitted_at: None,
            updated_at: None,
            retry_of: None,
            batch_label: "coast".into(),
            out_dir: "/videos".into(),
            template: "{batch}/{scene:03}_{slug}_{take}.mp4".into(),
            duration: Some(6),
            resolution: Some(Resolution::P1080),
            request: None,
            source: None,
            inputs: Default::default(),
            continues: None,
        }
    }

    fn omni() -> RemoteRef {
        RemoteRef::Omni {
            interaction: "v1_abc".into(),
        }
    }

    #[test]
    fn a_revision_keeps_the_shot_and_the_account() {
        let spec = batch(&done(omni()), "  make it night  ", 2).unwrap();
        assert_eq!(spec.accounts, vec!["g1".to_string()]);
        assert_eq!(spec.label, "coast_revision_of_7");
        let s = &spec.scenes[0];
        assert_eq!(s.prompt, "make it night");
        assert_eq!(
            s.source,
            Some(Source::Revise {
                interaction: "v1_abc".into()
            })
        );
        assert_eq!(
            (s.model.clone(), s.aspect),
            (Model::OmniFlash, Aspect::Portrait)
        );
        assert_eq!(
            (s.duration, s.resolution, s.copies),
            (Some(6), Some(Resolution::P1080), 2)
        );
    }

    #[test]
    fn only_finished_omni_videos_can_be_revised() {
        let mut t = done(omni());
        assert!(revisable(&t));
        t.state = TakeState::Generating;
        assert!(
            batch(&t, "night", 1)
                .unwrap_err()
                .en()
                .contains("only a finished video")
        );
        let veo = done(RemoteRef::Gemini {
            operation: "models/veo/operations/1".into(),
        });
        assert!(!revisable(&veo));
        assert!(
            batch(&veo, "night", 1)
                .unwrap_err()
                .en()
                .contains("Gemini Omni")
        );
        let flow = done(RemoteRef::Flow(MediaRef {
            name: "m".into(),
            project_id: "p".into(),
            workflow: None,
            api: crate::model::Api::Batchexecute,
        }));
        assert!(!revisable(&flow));
        assert!(
            batch(&done(omni()), " ", 1)
                .unwrap_err()
                .en()
                .contains("empty")
        );
        let mut orphan = done(omni());
        orphan.account = None;
        assert!(batch(&orphan, "night", 1).is_err());
    }
}
