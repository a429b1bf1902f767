//! The simulator's world: accounts, tokens, projects and media, and what it has seen.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::config::{Faults, SimConfig};
use super::report::{AccountReport, FaultCounts, Leak, MediaReport, Report, Violation};
use super::video::Video;
use crate::model::RemoteState;

pub const COOKIE_NAME: &str = "__Secure-next-auth.session-token";

pub struct Account {
    /// Session cookie (Flow) or API key (Gemini).
    pub secret: String,
    pub gemini: bool,
    pub revoked: bool,
    pub report: AccountReport,
    pub tier: String,
}

pub struct Media {
    pub name: String,
    pub operation: String,
    pub owner: usize,
    pub project: String,
    pub scene_id: String,
    pub prompt: String,
    pub seed: u64,
    pub model: String,
    pub aspect: String,
    pub created: Instant,
    pub fails: bool,
    pub cost: i64,
    pub refunded: bool,
    pub video: Video,
    pub full_downloads: u64,
    /// Gemini: the operation ends with an `error` instead of a video.
    pub errors: bool,
    /// Gemini: the file was deleted (retention over).
    pub expired: bool,
}

impl Media {
    pub fn state(&self, generation_time: Duration) -> RemoteState {
        let age = self.created.elapsed();
        if age < generation_time / 4 {
            RemoteState::Pending
        } else if age < generation_time {
            RemoteState::Running
        } else if self.fails {
            RemoteState::Failed
        } else {
            RemoteState::Succeeded
        }
    }
}

#[derive(Default)]
pub struct World {
    pub accounts: Vec<Account>,
    /// access token → (account, expiry)
    pub tokens: HashMap<String, (usize, Instant)>,
    pub projects: HashMap<String, usize>,
    pub media: HashMap<String, Media>,
    /// operation name → media name
    pub operations: HashMap<String, String>,
    pub used_captchas: HashSet<String>,
    pub violations: Vec<Violation>,
    pub leaks: Vec<Leak>,
    pub faults_seen: FaultCounts,
    pub cdn_requests: u64,
}

pub struct Sim {
    pub config: SimConfig,
    pub cdn_base: String,
    /// The main server's own base URL (where Gemini file links point).
    api_base: String,
    signing_key: String,
    world: Mutex<World>,
    faults: Mutex<(Faults, fastrand::Rng)>,
}

/// Why a bearer token was refused.
pub enum BearerProblem {
    Missing,
    Invalid,
}

impl Sim {
    pub fn new(config: SimConfig, api_base: String, cdn_base: String) -> Sim {
        let mut rng = fastrand::Rng::with_seed(config.seed);
        let mut world = World::default();
        let flow = config.accounts.iter().map(|n| (n, false));
        let gemini = config.gemini_accounts.iter().map(|n| (n, true));
        for (name, is_gemini) in flow.chain(gemini) {
            let secret = if is_gemini {
                format!("AIzaSim{:016x}{:016x}", rng.u64(..), rng.u64(..))
            } else {
                format!("sim-{name}-{:016x}{:016x}", rng.u64(..), rng.u64(..))
            };
            world.accounts.push(Account {
                secret,
                gemini: is_gemini,
                revoked: false,
                tier: config.tier.clone(),
                report: AccountReport {
                    name: name.clone(),
                    email: format!("{name}@sim.flowdeck.test"),
                    credits: config.credits,
                    ..AccountReport::default()
                },
            });
        }
        let signing_key = format!("{:016x}", rng.u64(..));
        Sim {
            faults: Mutex::new((
                config.faults.clone(),
                fastrand::Rng::with_seed(config.seed ^ 0x5eed),
            )),
            config,
            api_base,
            cdn_base,
            signing_key,
            world: Mutex::new(world),
        }
    }

    pub fn world(&self) -> MutexGuard<'_, World> {
        // A panic while holding the lock is a simulator bug; keep serving what is there.
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_faults(&self, faults: Faults) {
        self.faults.lock().unwrap_or_else(|p| p.into_inner()).0 = faults;
    }

    /// Rolls the dice for one fault kind.
    pub fn roll(&self, pick: impl Fn(&Faults) -> f64) -> bool {
        let mut f = self.faults.lock().unwrap_or_else(|p| p.into_inner());
        let rate = pick(&f.0);
        rate > 0.0 && f.1.f64() < rate
    }

    pub fn faults(&self) -> Faults {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .0
            .clone()
    }

    pub fn random_u64(&self) -> u64 {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .1
            .u64(..)
    }

    /// A fresh uuid-shaped id.
    pub fn new_id(&self) -> String {
        let a = self.random_u64();
        let b = self.random_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 48) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }

    /// The account whose bearer token this is.
    pub fn account_for_bearer(&self, header: Option<&str>) -> Result<usize, BearerProblem> {
        let token = header
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or(BearerProblem::Missing)?;
        let mut w = self.world();
        let (account, expires) = *w.tokens.get(token).ok_or(BearerProblem::Invalid)?;
        if Instant::now() >= expires || w.accounts[account].revoked {
            w.accounts[account].report.unauthorized += 1;
            return Err(BearerProblem::Invalid);
        }
        w.accounts[account].report.requests += 1;
        Ok(account)
    }

    /// The account whose session cookie is in this `Cookie` header (chunks reassembled).
    pub fn account_for_cookie(&self, header: Option<&str>) -> Option<usize> {
        let value = session_cookie(header?)?;
        let mut w = self.world();
        let i = w
            .accounts
            .iter()
            .position(|a| !a.gemini && a.secret == value)?;
        w.accounts[i].report.requests += 1;
        Some(i)
    }

    pub fn issue_token(&self, account: usize) -> (String, Instant) {
        let token = format!(
            "ya29.sim-{:016x}{:016x}",
            self.random_u64(),
            self.random_u64()
        );
        let expires = Instant::now() + self.config.token_ttl;
        let mut w = self.world();
        w.tokens.insert(token.clone(), (account, expires));
        w.accounts[account].report.session_exchanges += 1;
        (token, expires)
    }

    /// The signature of a CDN link for `media` valid until `expires` (unix seconds).
    pub fn sign(&self, media: &str, expires: i64) -> String {
        let digest = Sha256::digest(format!("{}|{media}|{expires}", self.signing_key).as_bytes());
        hex::encode(&digest[..16])
    }

    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// A signed storage link for a Gemini file (on the CDN's origin, like Google's own).
    pub fn gemini_link(&self, media: &str) -> String {
        let expires = time::OffsetDateTime::now_utc().unix_timestamp()
            + self.config.link_ttl.as_secs() as i64;
        let sig = self.sign(media, expires);
        format!(
            "{}/_media/{media}?Expires={expires}&Signature={sig}",
            self.cdn_base
        )
    }

    /// The account of a Gemini API key, from the header or the `key` query parameter.
    pub fn account_for_key(&self, key: Option<&str>) -> Option<usize> {
        let key = key?;
        let mut w = self.world();
        let i = w
            .accounts
            .iter()
            .position(|a| a.gemini && a.secret == key)?;
        w.accounts[i].report.requests += 1;
        Some(i)
    }

    /// A signed CDN link in the shape of the wire generation in use.
    pub fn signed_link(&self, media: &str, legacy: bool) -> String {
        let expires = time::OffsetDateTime::now_utc().unix_timestamp()
            + self.config.link_ttl.as_secs() as i64;
        let sig = self.sign(media, expires);
        if legacy {
            format!(
                "{}/ai-sandbox-videofx/video/{media}?GoogleAccessId=labs-ai-sandbox-videoserver-prod%40system.gserviceaccount.com&Expires={expires}&Signature={sig}",
                self.cdn_base
            )
        } else {
            format!(
                "{}/video/{media}?Expires={expires}&KeyName=labs-flow-prod-cdn-key&Signature={sig}",
                self.cdn_base
            )
        }
    }

    /// Looks up a media by name or operation name for `requester`. A media of another
    /// account is recorded as an ownership violation and answered like a missing one.
    pub fn owned_media<'w>(
        &self,
        w: &'w mut World,
        requester: usize,
        name: &str,
        route: &str,
    ) -> Option<&'w mut Media> {
        let key = if w.media.contains_key(name) {
            name.to_string()
        } else {
            w.operations.get(name)?.clone()
        };
        let owner = w.media.get(&key)?.owner;
        if owner != requester {
            let violation = Violation {
                route: route.to_string(),
                requester: w.accounts[requester].report.name.clone(),
                owner: w.accounts[owner].report.name.clone(),
                media: key,
            };
            tracing::warn!(?violation, "ownership violation");
            w.violations.push(violation);
            return None;
        }
        w.media.get_mut(&key)
    }

    pub fn report(&self) -> Report {
        let w = self.world();
        let mut media: Vec<MediaReport> = w
            .media
            .values()
            .map(|m| MediaReport {
                name: m.name.clone(),
                owner: w.accounts[m.owner].report.name.clone(),
                prompt: m.prompt.clone(),
                seed: m.seed,
                model: m.model.clone(),
                size: m.video.len(),
                failed: m.fails,
                full_downloads: m.full_downloads,
            })
            .collect();
        media.sort_by(|a, b| a.name.cmp(&b.name));
        Report {
            accounts: w.accounts.iter().map(|a| a.report.clone()).collect(),
            ownership_violations: w.violations.clone(),
            credential_leaks: w.leaks.clone(),
            faults: w.faults_seen.clone(),
            media,
            cdn_requests: w.cdn_requests,
        }
    }

    /// Which account a credential belongs to, for the leak record.
    pub fn credential_owner(&self, value: &str) -> Option<String> {
        let w = self.world();
        if let Some((a, _)) = w
            .tokens
            .iter()
            .find(|(t, _)| value.contains(t.as_str()))
            .map(|(_, v)| *v)
        {
            return Some(w.accounts[a].report.name.clone());
        }
        w.accounts
            .iter()
            .find(|a| value.contains(&a.secret))
            .map(|a| a.report.name.clone())
    }
}

/// The session token in a `Cookie` header, whole or reassembled from `.0`, `.1`… chunks.
pub fn session_cookie(header: &str) -> Option<String> {
    let pairs: Vec<(&str, &str)> = header
        .split(';')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    if let Some((_, v)) = pairs.iter().find(|(k, _)| *k == COOKIE_NAME) {
        return Some(v.to_string());
    }
    let mut chunks: Vec<(usize, &str)> = pairs
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.strip_prefix(COOKIE_NAME)?
                    .strip_prefix('.')?
                    .parse()
                    .ok()?,
                *v,
            ))
        })
        .collect();
    if chunks.is_empty() {
        return None;
    }
    chunks.sort_by_key(|c| c.0);
    Some(chunks.iter().map(|c| c.1).collect())
}
