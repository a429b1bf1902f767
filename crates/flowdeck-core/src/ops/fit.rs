//! Which accounts can make a batch: an account that can make none of its videos sits out,
//! and the front end says so with the reason and a model it could make instead, rather than
//! leaving it idle without a word.

use crate::message::Message;
use crate::model::{Model, Shot};
use crate::provider::Client;

/// Why an account takes no part in a batch, and a model it offers for the same shots.
#[derive(Debug, Clone, PartialEq)]
pub struct SitsOut {
    pub why: Message,
    pub instead: Option<Model>,
}

/// `None` when `client` can make at least one of `shots`.
pub fn sits_out(client: &Client, shots: &[Shot]) -> Option<SitsOut> {
    let first = shots.first()?;
    let why = shots
        .iter()
        .map(|s| client.supports(s))
        .collect::<Result<Vec<()>, Message>>()
        .err()?;
    if shots.iter().any(|s| client.supports(s).is_ok()) {
        return None;
    }
    // The same shot with another of the models a user can name.
    let instead = Model::NEUTRAL.into_iter().find(|m| {
        client
            .supports(&Shot {
                model: m.clone(),
                ..first.clone()
            })
            .is_ok()
    });
    Some(SitsOut { why, instead })
}
