//! Text → video (`YhhmEf`): one call makes one to four videos of a prompt.

use super::classify::CallKind;
use super::image_requests::{self, ImageItem};
use super::requests::{self, ClientIds, VideoItem};
use super::{FlowClient, models, records};
use crate::model::{InputKind, Inputs, Shot};
use crate::provider::error::ProviderError;

pub use super::refs::{Api, Created, MediaRef, RequestRef};

/// One prompt, made once per request (copies of one scene).
#[derive(Debug, Clone)]
pub struct CreateRequest<'a> {
    pub prompt: &'a str,
    pub shot: &'a Shot,
    /// From [`FlowClient::prepare`], one per video.
    pub requests: &'a [RequestRef],
}

impl FlowClient {
    /// Chooses what `n` videos' creates will carry (creating the account's project on first
    /// use, and uploading the scene's images to this account once). Nothing is generated: a
    /// failure here proves nothing was sent.
    pub async fn prepare(
        &self,
        n: usize,
        inputs: &Inputs,
    ) -> Result<Vec<RequestRef>, ProviderError> {
        let project = self.project_id().await?;
        let images = if inputs.is_empty() {
            None
        } else {
            Some(self.upload_all(&project, inputs).await?)
        };
        // One batch uuid for the copies sent together, as the UI does.
        let batch = requests::upper_uuid();
        Ok((0..n)
            .map(|_| {
                let ids = ClientIds::new();
                RequestRef {
                    project: project.clone(),
                    u1: ids.u1,
                    u2: ids.u2,
                    batch: Some(batch.clone()),
                    images: images.clone(),
                }
            })
            .collect())
    }

    /// Checks a shot against this account's plan and model families, as far as they are known.
    pub fn key_for(&self, shot: &Shot) -> Result<models::VideoKey, crate::message::Message> {
        let (plan, families) = {
            let st = self.state();
            (st.plan.unwrap_or_default(), st.families.clone())
        };
        let key = models::video_key(shot, plan)?;
        if let Some(why) = self.refusal(key.family) {
            return Err(why);
        }
        if let Some(families) = families
            && key.family != super::keys::UPSAMPLER
            && !families.iter().any(|f| f == key.family)
        {
            return Err(crate::msg!(
                "flow-family-not-offered",
                model = shot.model.to_string(),
                family = key.family,
                offers = models::user_names(&families, plan).join(", ")
            ));
        }
        Ok(key)
    }

    /// Sends one text→video call. Every video made here costs credits: the engine never calls
    /// this twice for the same take.
    pub async fn create(&self, req: &CreateRequest<'_>) -> Result<Created, ProviderError> {
        let prompt = req.prompt.trim();
        if prompt.is_empty() {
            return Err(ProviderError::InvalidRequest(crate::msg!("prompt-empty")));
        }
        let n = req.requests.len();
        if !(1..=4).contains(&n) {
            return Err(ProviderError::InvalidRequest(crate::msg!(
                "flow-copies-range",
                copies = n
            )));
        }
        let (project, batch) = (&req.requests[0].project, &req.requests[0].batch);
        if req
            .requests
            .iter()
            .any(|r| &r.project != project || &r.batch != batch)
        {
            return Err(ProviderError::Local(crate::msg!(
                "flow-one-project-one-batch"
            )));
        }
        // The batch uuid was recorded with the takes before this call: the lookup relies on it.
        let Some(batch) = batch else {
            return Err(ProviderError::Local(crate::msg!("flow-batch-not-recorded")));
        };
        let key = self
            .key_for(req.shot)
            .map_err(ProviderError::InvalidRequest)?;
        let ids: Vec<ClientIds> = req.requests.iter().map(RequestRef::ids).collect();
        let call = match (&req.requests[0].images, req.shot.inputs) {
            (None, InputKind::Text) => {
                let items: Vec<VideoItem<'_>> = ids
                    .iter()
                    .map(|ids| VideoItem {
                        prompt,
                        model_key: &key.key,
                        aspect: key.aspect,
                        ids,
                    })
                    .collect();
                requests::text_to_video(project, &items, batch)
            }
            (Some(sent), kind) if kind != InputKind::Text => {
                let images = sent.as_call(req.shot.aspect).ok_or_else(|| {
                    ProviderError::Local(crate::msg!("flow-images-not-one-request"))
                })?;
                let items: Vec<ImageItem<'_>> = ids
                    .iter()
                    .map(|ids| ImageItem {
                        prompt,
                        model_key: &key.key,
                        aspect: key.aspect,
                        ids,
                    })
                    .collect();
                image_requests::image_to_video(project, &images, &items, batch)
            }
            _ => {
                return Err(ProviderError::Local(crate::msg!("flow-images-disagree")));
            }
        };
        let result = self
            .rpc_read(call, CallKind::Generate, |payload| {
                read_created(payload, req.requests, &key.key)
            })
            .await;
        self.note_outcome(key.family, &result);
        result
    }
}

/// Pairs the answer's records with the requests. The copies of one create share its batch
/// uuid, so they are interchangeable: each takes the next record, in the order the answer
/// gives them (the workflow entries, when they name the batch, else the records).
pub fn read_created(
    payload: &serde_json::Value,
    asked: &[RequestRef],
    model_key: &str,
) -> Result<Created, ProviderError> {
    let found = records::records(payload);
    let listed = records::listed(payload);
    let batch = asked.first().and_then(|r| r.batch.as_deref());
    // Records named by this create's workflow entries come first, in their order.
    let mut order: Vec<&records::Record> = listed
        .iter()
        .filter(|l| Some(l.batch.as_str()) == batch)
        .filter_map(|l| found.iter().find(|r| r.media == l.media))
        .collect();
    for r in &found {
        if !order.iter().any(|o| o.media == r.media) {
            order.push(r);
        }
    }
    let media: Vec<MediaRef> = asked
        .iter()
        .zip(order)
        .map(|(r, rec)| MediaRef {
            name: rec.media.clone(),
            project_id: rec.project.clone().unwrap_or_else(|| r.project.clone()),
            workflow: rec.workflow.clone(),
            api: Api::Batchexecute,
        })
        .collect();
    if media.is_empty() {
        return Err(ProviderError::NoAnswer(crate::msg!(
            "flow-answer-names-no-video"
        )));
    }
    Ok(Created {
        media,
        remaining_credits: records::credits_in(payload),
        model_key: model_key.to_string(),
    })
}
