//! The simulator's world: accounts, tokens, projects and media, and what it has seen.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::config::{Faults, SimConfig};
use super::report::{
    AccountReport, FaultCounts, ImageReport, Leak, MediaReport, Report, Violation,
};
use super::vertex::VertexWorld;
use super::video::Video;
use flowdeck_core::model::RemoteState;

/// The session cookie the simulated Flow origin signs its users in with.
pub const SESSION_COOKIE: &str = "SID";

/// The simulated reCAPTCHA site key (Flow's own, as the page exposes it).
pub const SITE_KEY: &str = "6LdsFiUsAAAAAIjVDZcuLhaHiDn5nnHVXVRQGeMV";

/// Which service an account belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Flow,
    Gemini,
    Vertex,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::Flow => "flow",
            Provider::Gemini => "gemini",
            Provider::Vertex => "vertex",
        }
    }
}

pub struct Account {
    /// Session cookie (Flow), API key (Gemini) or service-account key file (Vertex).
    pub secret: String,
    pub provider: Provider,
    /// Flow: the session was ended; its cookie opens nothing.
    pub signed_out: bool,
    pub report: AccountReport,
    /// Flow: 1 free, 2 Pro, 3 Ultra.
    pub plan: u8,
    /// Flow: the page's `at` token (`SNlM0e`); a call with an older one gets 400 `xsrf`.
    pub page_token: String,
    pub families: Vec<String>,
    /// Flow: this many next generate calls are refused as unusual activity.
    pub flag_next: u32,
    /// Flow: videos each model family may still make today; past it, a per-model daily quota
    /// refusal (in the numeric `PublicAitkError` form).
    pub model_quota: HashMap<String, u32>,
    /// Flow: families the catalogue lists but a create is refused (`MODEL_ACCESS_DENIED`).
    pub denied: Vec<String>,
    /// Flow: Google wants the person to confirm it is them: every page of this account goes
    /// to `/about` ("Confirm it's you") and every call is turned away there, until cleared.
    pub challenged: bool,
}

/// A reCAPTCHA token a page minted: single use, for one account and one action.
pub struct Captcha {
    pub account: usize,
    pub action: String,
    pub expires: Instant,
    pub used: bool,
}

pub struct Media {
    /// Flow: idA; Gemini: the file name.
    pub name: String,
    pub owner: usize,
    pub project: String,
    /// Flow: idB, the workflow.
    pub workflow: String,
    /// Flow: the batch uuid of the create that made it (its `[batch, n]` tail); the listing
    /// names every workflow of one create by it.
    pub batch: String,
    /// The video this one was made from: the interaction a Gemini Omni revision or
    /// extension names, the media a Flow upscale names, the video Vertex was sent to extend.
    pub previous: Option<String>,
    /// Made by continuing `previous` (an extension), not by revising or upscaling it.
    pub extends: bool,
    pub prompt: String,
    pub seed: u64,
    pub model: String,
    pub aspect: String,
    pub created: Instant,
    pub fails: bool,
    pub video: Video,
    pub full_downloads: u64,
    /// Gemini: the operation ends with an `error` instead of a video.
    pub errors: bool,
    /// Gemini: the file was deleted (retention over).
    pub expired: bool,
    /// Flow: the uploaded images it was made from, in the order the call gave them.
    pub from_images: Vec<String>,
}

/// An image uploaded to a Flow account (`maseQ`).
pub struct Image {
    pub owner: usize,
    pub project: String,
    /// The first 16 hex digits of the bytes' SHA-256, so tests can tell which picture it was.
    pub digest: String,
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
    pub projects: HashMap<String, usize>,
    pub media: HashMap<String, Media>,
    /// Flow: uploaded images by media id.
    pub images: HashMap<String, Image>,
    /// Gemini operation name → media name
    pub operations: HashMap<String, String>,
    /// Gemini: interactions created with `store: true`, the only ones that can be continued.
    pub stored: HashSet<String>,
    pub captchas: HashMap<String, Captcha>,
    pub violations: Vec<Violation>,
    pub leaks: Vec<Leak>,
    pub faults_seen: FaultCounts,
    pub cdn_requests: u64,
    pub vertex: VertexWorld,
}

pub struct Sim {
    pub config: SimConfig,
    pub cdn_base: String,
    /// The main server's own base URL (where Gemini file links point).
    api_base: String,
    signing_key: String,
    /// Every CDN signature put in a link, for tests to look for where it must not be.
    signatures: Mutex<std::collections::HashSet<String>>,
    world: Mutex<World>,
    faults: Mutex<(Faults, fastrand::Rng)>,
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
                provider: if is_gemini {
                    Provider::Gemini
                } else {
                    Provider::Flow
                },
                signed_out: false,
                plan: config.plan,
                page_token: format!("AIQ-{:016x}:{}", rng.u64(..), rng.u64(..1u64 << 40)),
                families: config.families.clone(),
                flag_next: 0,
                model_quota: HashMap::new(),
                denied: Vec::new(),
                challenged: false,
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
            signatures: Mutex::default(),
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

    /// The signed-in account at `index` of a `Cookie` header's sessions (the browser's
    /// accounts in sign-in order), and the index it really has: past the last account, the
    /// first answers (as Google falls back to it). `None` when signed out.
    pub fn account_for_session(
        &self,
        header: Option<&str>,
        index: usize,
    ) -> Option<(usize, usize)> {
        let value = session_cookie(header?)?;
        let secrets: Vec<&str> = value.split(':').collect();
        let index = if index < secrets.len() { index } else { 0 };
        let mut w = self.world();
        let i = w
            .accounts
            .iter()
            .position(|a| a.provider == Provider::Flow && a.secret == secrets[index])?;
        if w.accounts[i].signed_out {
            w.accounts[i].report.unauthorized += 1;
            return None;
        }
        w.accounts[i].report.requests += 1;
        Some((i, index))
    }

    /// A fresh single-use token for `account` and `action`, valid two minutes.
    pub fn mint_captcha(&self, account: usize, action: &str) -> String {
        let token = format!(
            "0cAFcWeA-sim-{:016x}{:016x}{:016x}",
            self.random_u64(),
            self.random_u64(),
            self.random_u64()
        );
        let mut w = self.world();
        w.accounts[account].report.captcha_mints += 1;
        w.captchas.insert(
            token.clone(),
            Captcha {
                account,
                action: action.to_string(),
                expires: Instant::now() + Duration::from_secs(120),
                used: false,
            },
        );
        token
    }

    /// Spends a token. Missing, reused, expired, crossed (another account's) or minted for
    /// another action: refused, as Flow's assessment refuses it.
    pub fn redeem_captcha(&self, token: &str, account: usize, action: &str) -> Result<(), String> {
        let mut w = self.world();
        let Some(c) = w.captchas.get_mut(token) else {
            return Err("no such token".into());
        };
        let why = if c.used {
            "reused"
        } else if Instant::now() > c.expires {
            "expired"
        } else if c.account != account {
            "minted for another account"
        } else if c.action != action {
            "minted for another action"
        } else {
            ""
        };
        c.used = true;
        if why.is_empty() {
            Ok(())
        } else {
            Err(why.into())
        }
    }

    /// The signature of a CDN link for `media` valid until `expires` (unix seconds).
    pub fn sign(&self, media: &str, expires: i64) -> String {
        let digest = Sha256::digest(format!("{}|{media}|{expires}", self.signing_key).as_bytes());
        hex::encode(&digest[..16])
    }

    /// A signed video link in the `googlevideo.com/videoplayback` shape (IP-bound there).
    pub fn videoplayback_link(&self, media: &str) -> String {
        let expire = time::OffsetDateTime::now_utc().unix_timestamp()
            + self.config.link_ttl.as_secs() as i64;
        let sig = self.issue(media, expire);
        format!(
            "{}/videoplayback?expire={expire}&ei=c2ltdWxhdGVk&ip=127.0.0.1&id={media}&itag=22&source=labs&sig={sig}",
            self.cdn_base
        )
    }

    /// A signature for a link being handed out, remembered as issued.
    fn issue(&self, media: &str, expires: i64) -> String {
        let sig = self.sign(media, expires);
        self.signatures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(sig.clone());
        sig
    }

    /// Every secret the simulator has issued, named: session cookies, API keys, the pages'
    /// `at` tokens, reCAPTCHA tokens, CDN signatures and their key, Vertex access tokens and
    /// key lines. Tests look for each where none may be.
    pub fn secrets(&self) -> Vec<(String, String)> {
        let w = self.world();
        let mut out = Vec::new();
        for a in &w.accounts {
            let name = &a.report.name;
            let what = match a.provider {
                Provider::Flow => "session cookie",
                Provider::Gemini => "API key",
                Provider::Vertex => "service-account key",
            };
            out.push((format!("{name}'s {what}"), a.secret.clone()));
            if a.provider == Provider::Flow {
                out.push((format!("{name}'s page token (at)"), a.page_token.clone()));
            }
        }
        out.extend(
            w.captchas
                .keys()
                .map(|t| ("a reCAPTCHA token".to_string(), t.clone())),
        );
        out.extend(
            w.vertex
                .tokens
                .keys()
                .map(|t| ("a Vertex access token".to_string(), t.clone())),
        );
        out.extend(
            w.vertex
                .service_accounts
                .iter()
                .filter(|s| !s.key_line.is_empty())
                .map(|s| ("a service-account key line".to_string(), s.key_line.clone())),
        );
        drop(w);
        out.push(("the CDN signing key".into(), self.signing_key.clone()));
        out.extend(
            self.signatures
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .map(|s| ("a CDN signature".to_string(), s.clone())),
        );
        out
    }

    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// A signed storage link for a Gemini file (on the CDN's origin, like Google's own).
    pub fn gemini_link(&self, media: &str) -> String {
        let expires = time::OffsetDateTime::now_utc().unix_timestamp()
            + self.config.link_ttl.as_secs() as i64;
        let sig = self.issue(media, expires);
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
            .position(|a| a.provider == Provider::Gemini && a.secret == key)?;
        w.accounts[i].report.requests += 1;
        Some(i)
    }

    /// A signed `flow-content.google`-style link (`kind` is `video` or `image`).
    pub fn signed_link(&self, kind: &str, media: &str) -> String {
        let expires = time::OffsetDateTime::now_utc().unix_timestamp()
            + self.config.link_ttl.as_secs() as i64;
        let sig = self.issue(media, expires);
        format!(
            "{}/{kind}/{media}?Expires={expires}&KeyName=labs-flow-prod-cdn-key&Signature={sig}",
            self.cdn_base
        )
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

    /// Whether `requester` owns project `pid`. Another account's project is recorded as an
    /// ownership violation (as its media is); `None` when there is no such project.
    pub fn owns_project(
        &self,
        w: &mut World,
        requester: usize,
        pid: &str,
        route: &str,
    ) -> Option<bool> {
        let owner = *w.projects.get(pid)?;
        if owner != requester {
            let violation = Violation {
                route: route.to_string(),
                requester: w.accounts[requester].report.name.clone(),
                owner: w.accounts[owner].report.name.clone(),
                media: pid.to_string(),
            };
            tracing::warn!(?violation, "ownership violation");
            w.violations.push(violation);
        }
        Some(owner == requester)
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
                previous: m.previous.clone(),
                extends: m.extends,
                from_images: m.from_images.clone(),
            })
            .collect();
        media.sort_by(|a, b| a.name.cmp(&b.name));
        let mut images: Vec<ImageReport> = w
            .images
            .iter()
            .map(|(id, i)| ImageReport {
                id: id.clone(),
                owner: w.accounts[i.owner].report.name.clone(),
                digest: i.digest.clone(),
            })
            .collect();
        images.sort_by(|a, b| a.id.cmp(&b.id));
        Report {
            images,
            accounts: w.accounts.iter().map(|a| a.report.clone()).collect(),
            ownership_violations: w.violations.clone(),
            credential_leaks: w.leaks.clone(),
            faults: w.faults_seen.clone(),
            media,
            cdn_requests: w.cdn_requests,
        }
    }

    /// Which account a credential belongs to, for the leak record: a secret, a Vertex access
    /// token or a line of a service-account key.
    pub fn credential_owner(&self, value: &str) -> Option<String> {
        let w = self.world();
        let owner = w
            .accounts
            .iter()
            .position(|a| value.contains(&a.secret))
            .or_else(|| {
                w.vertex
                    .tokens
                    .iter()
                    .find(|(t, _)| value.contains(t.as_str()))
                    .map(|(_, t)| t.account)
            })
            .or_else(|| {
                w.vertex
                    .service_accounts
                    .iter()
                    .find(|s| !s.key_line.is_empty() && value.contains(&s.key_line))
                    .map(|s| s.account)
            })?;
        Some(w.accounts[owner].report.name.clone())
    }
}

/// The session cookie's value in a `Cookie` header: the secrets of the browser's accounts,
/// `:`-separated in sign-in order.
pub fn session_cookie(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim() == SESSION_COOKIE)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}
