//! Gathering statuses: the Gemini API and Vertex AI have no batch status, so a lane's poll is
//! one call per video, and a call that fails for now costs only its own video a round.

use super::*;

/// One Gemini video's status; "not found" belongs to that video, not to the whole call.
pub(super) async fn gemini_status(
    c: &GeminiClient,
    r: RemoteRef,
) -> Result<RemoteStatus, ProviderError> {
    let status = match &r {
        RemoteRef::Gemini { operation } => c.poll(operation).await.map(|op| RemoteStatus {
            state: op.state(),
            failure: op.failure(),
            hint: match op {
                gemini::Operation::Ready(uri) => Some(Hint::Url(uri)),
                _ => None,
            },
        }),
        RemoteRef::Omni { interaction } => c.interaction(interaction).await.map(|p| match p {
            gemini::Progress::Running => RemoteStatus {
                state: RemoteState::Running,
                failure: None,
                hint: None,
            },
            gemini::Progress::Video(d) => RemoteStatus {
                state: RemoteState::Succeeded,
                failure: None,
                hint: Some(match d {
                    gemini::Delivered::Uri(uri) => Hint::Url(uri),
                    gemini::Delivered::Inline => Hint::Inline,
                }),
            },
            gemini::Progress::Failed(e) => RemoteStatus {
                state: RemoteState::Failed,
                failure: Some(e),
                hint: None,
            },
        }),
        other => return Err(wrong_provider(other)),
    };
    match status {
        Ok(s) => Ok(s),
        Err(ProviderError::NotFound(m)) => Ok(RemoteStatus {
            state: RemoteState::Failed,
            failure: Some(ProviderError::NotFound(m)),
            hint: None,
        }),
        Err(e) => Err(e),
    }
}

/// The status of Vertex samples: each operation is asked once, however many of its samples
/// are asked about.
/// One status call per video (the Gemini API has no batch status): each take keeps its own
/// answer. A call that failed for now (a 5xx, a timeout) leaves only its take "still running"
/// until the next round, rather than throwing away every other take's answer and backing the
/// whole lane off (with many videos in flight, one failure per round was likely, and the
/// doubling waits left videos unpolled for minutes). Only when every call failed is it the
/// lane's error; an error about a take itself (not found) or the account is returned as before.
pub(super) fn each_its_own(
    answers: Vec<Result<RemoteStatus, ProviderError>>,
) -> Result<Vec<RemoteStatus>, ProviderError> {
    let (mut statuses, mut answered, mut for_now) = (Vec::with_capacity(answers.len()), 0, None);
    for a in answers {
        match a {
            Ok(s) => {
                answered += 1;
                statuses.push(s);
            }
            Err(e) if e.is_retryable() => {
                for_now.get_or_insert(e);
                statuses.push(RemoteStatus {
                    state: RemoteState::Running,
                    failure: None,
                    hint: None,
                });
            }
            Err(e) => return Err(e),
        }
    }
    match (answered, for_now) {
        (0, Some(e)) => Err(e),
        _ => Ok(statuses),
    }
}

pub(super) async fn vertex_statuses(
    c: &VertexClient,
    refs: &[RemoteRef],
) -> Result<Vec<RemoteStatus>, ProviderError> {
    use futures_util::StreamExt;
    let mut operations: Vec<String> = Vec::new();
    for r in refs {
        match r {
            RemoteRef::Vertex { operation, .. } => {
                if !operations.contains(operation) {
                    operations.push(operation.clone());
                }
            }
            other => return Err(wrong_provider(other)),
        }
    }
    let answers: Vec<(String, Result<vertex::Operation, ProviderError>)> =
        futures_util::stream::iter(operations.into_iter().map(|op| async move {
            let answer = c.fetch(&op).await;
            (op, answer)
        }))
        .buffered(GEMINI_POLLS_AT_ONCE)
        .collect()
        .await;
    let mut by_op = std::collections::HashMap::new();
    let (mut answered, mut for_now) = (0, None);
    for (op, answer) in answers {
        match answer {
            Ok(o) => {
                answered += 1;
                by_op.insert(op, Ok(o))
            }
            // An operation this project cannot see belongs to its own takes, not the call.
            Err(e @ ProviderError::NotFound(_)) => by_op.insert(op, Err(e)),
            // Failed for now: its takes are asked again next round (see `each_its_own`).
            Err(e) if e.is_retryable() => {
                for_now.get_or_insert(e);
                continue;
            }
            Err(e) => return Err(e),
        };
    }
    if let (0, Some(e)) = (answered, for_now) {
        return Err(e);
    }
    Ok(refs
        .iter()
        .map(|r| {
            let RemoteRef::Vertex { operation, sample } = r else {
                return failed(ProviderError::Local(crate::msg!("vertex-not-its-video")));
            };
            match by_op.get(operation) {
                Some(Ok(op)) => match vertex::codec::sample(op, *sample as usize) {
                    Ok(None) => RemoteStatus {
                        state: RemoteState::Running,
                        failure: None,
                        hint: None,
                    },
                    Ok(Some(out)) => RemoteStatus {
                        state: RemoteState::Succeeded,
                        failure: None,
                        hint: Some(match out {
                            vertex::Output::Stored(gs) => Hint::Stored(gs),
                            vertex::Output::Inline => Hint::Inline,
                        }),
                    },
                    Err(e) => failed(e),
                },
                Some(Err(e)) => failed(e.clone()),
                // Its call failed for now: asked again next round.
                None => RemoteStatus {
                    state: RemoteState::Running,
                    failure: None,
                    hint: None,
                },
            }
        })
        .collect())
}

pub(super) fn failed(e: ProviderError) -> RemoteStatus {
    RemoteStatus {
        state: RemoteState::Failed,
        failure: Some(e),
        hint: None,
    }
}

/// A video handed to the client of another provider: a bug, never a silent mix-up.
pub(super) fn wrong_provider(r: &RemoteRef) -> ProviderError {
    ProviderError::Local(crate::msg!(
        "video-of-another-provider",
        remote = r.to_json()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done() -> RemoteStatus {
        RemoteStatus {
            state: RemoteState::Succeeded,
            failure: None,
            hint: None,
        }
    }

    #[test]
    fn one_failed_status_call_does_not_cost_the_others_their_answers() {
        let flaky = || ProviderError::Transient(crate::message::Message::verbatim("HTTP 503"));
        let kept = each_its_own(vec![Ok(done()), Err(flaky())]).expect("the answer stands");
        assert_eq!(kept[0].state, RemoteState::Succeeded);
        assert_eq!(kept[1].state, RemoteState::Running);
        assert!(kept[1].failure.is_none());
        // Every call failed: the lane's error (it backs off).
        assert!(matches!(
            each_its_own(vec![Err(flaky()), Err(flaky())]),
            Err(ProviderError::Transient(_))
        ));
        // About a take itself, or the account: returned as before.
        assert!(matches!(
            each_its_own(vec![
                Ok(done()),
                Err(ProviderError::NotFound(crate::message::Message::verbatim(
                    "gone"
                )))
            ]),
            Err(ProviderError::NotFound(_))
        ));
        assert!(matches!(
            each_its_own(vec![Ok(done()), Err(ProviderError::Unauthorized)]),
            Err(ProviderError::Unauthorized)
        ));
    }
}
