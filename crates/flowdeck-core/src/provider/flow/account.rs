//! The account's credits, plan, model families and Flow project.
//!
//! Reads split in two. The money path — the project's contents, a status read, a signing read —
//! must answer in the shapes flowdeck reads, or nothing may be sent. The advisory reads —
//! credits, plan, model families — only help: when one fails or answers a shape flowdeck does
//! not know, the account goes on with the built-in catalogue, the service's own answer to the
//! first create decides, and the surprise is a warning (readings of `yBhWQ` disagree; a tool
//! that stops working because its own guess was wrong is worse than one that tries).

use crate::msg;
use serde::Serialize;

use super::catalogue::{self, FamiliesFrom};
use super::classify::CallKind;
use super::protocol;
use super::records::{self, Plan};
use super::{FlowClient, requests};
use crate::provider::error::ProviderError;

/// What `accounts check` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInfo {
    /// The Google account the browser is signed in as.
    pub email: Option<String>,
    /// `None` when the credits read failed (advisory).
    pub credits: Option<i64>,
    pub plan: Plan,
    /// The video model families Flow offers this account; empty when only the built-in
    /// catalogue is known.
    pub families: Vec<String>,
    pub families_from: FamiliesFrom,
    pub project: String,
    /// Advisory reads that failed or answered an unknown shape.
    pub warnings: Vec<Advisory>,
}

/// An advisory read that did not answer as flowdeck reads it. Kept for `doctor --json` and
/// bug reports; never a reason to refuse an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advisory {
    /// The RPC, e.g. `yBhWQ`.
    pub rpc: String,
    /// What went wrong: the error's class (`unexpected`, `not_found`, …).
    pub class: String,
    /// The error, redacted (as every `ProviderError` is).
    pub detail: crate::message::Message,
}

/// What `flowdeck doctor` found: a summary, and the advisory reads that did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Examined {
    pub summary: crate::message::Message,
    pub warnings: Vec<Advisory>,
}

/// An advisory read's failure that is only about the read itself (a moved id or shape, a
/// hiccup): a warning. Anything about the account or the browser (signed out, flagged, no
/// browser) is the account's state and goes up as it is.
fn advisory<T>(
    rpc: &str,
    r: Result<T, ProviderError>,
) -> Result<Result<T, Advisory>, ProviderError> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(
            e @ (ProviderError::Unexpected { .. }
            | ProviderError::InvalidRequest(_)
            | ProviderError::NotFound(_)
            | ProviderError::Transient(_)
            | ProviderError::NoAnswer(_)),
        ) => Ok(Err(Advisory {
            rpc: rpc.to_string(),
            class: e.class().to_string(),
            detail: e.message(),
        })),
        Err(e) => Err(e),
    }
}

fn drifted(rpc: &str, why: impl std::fmt::Display) -> ProviderError {
    ProviderError::Unexpected {
        status: 200,
        excerpt: format!("{rpc}: {why}"),
    }
}

impl FlowClient {
    /// Credits left and the plan (`nzlxg`).
    pub async fn credits(&self) -> Result<(i64, Plan), ProviderError> {
        let (credits, plan) = self
            .rpc_read(requests::credits(), CallKind::Read, |p| {
                records::balance(p).ok_or_else(|| {
                    drifted(
                        &protocol::current().rpc.credits,
                        "the credits answer has no balance",
                    )
                })
            })
            .await?;
        self.state().plan = Some(plan);
        Ok((credits, plan))
    }

    /// The model families Flow offers this account: from the catalogue (`HTrJv`) when it
    /// answers in the known shape, else from `yBhWQ`, else none (the built-in catalogue, and
    /// the service's answer to a create decides). Never fails on a shape: each read that did
    /// not work is a warning.
    pub async fn families(&self) -> Result<(FamiliesFrom, Vec<Advisory>), ProviderError> {
        let mut warnings = Vec::new();
        let tier = self.plan().tier();
        let read = |from: FamiliesFrom| async move {
            let call = match from {
                FamiliesFrom::Catalogue => requests::catalogue(),
                _ => requests::family_list(),
            };
            self.rpc_read(call, CallKind::Read, |p| {
                match from {
                    FamiliesFrom::Catalogue => catalogue::families(p, tier),
                    _ => catalogue::family_list(p),
                }
                .ok_or_else(|| drifted(&from.rpc(), "no model family in the answer"))
            })
            .await
        };
        let mut found = None;
        for from in [FamiliesFrom::Catalogue, FamiliesFrom::FamilyList] {
            match advisory(&from.rpc(), read(from).await)? {
                Ok(families) => {
                    found = Some((from, families));
                    break;
                }
                Err(w) => warnings.push(w),
            }
        }
        let (from, families) = match found {
            Some((from, families)) => (from, Some(families)),
            None => (FamiliesFrom::BuiltIn, None),
        };
        self.state().families = families;
        Ok((from, warnings))
    }

    /// `flowdeck doctor`'s read-only calls. The money path (the project's contents, a status
    /// read, a signing read) must answer in the shapes flowdeck reads; credits and model
    /// families are advisory. Never creates a project.
    pub async fn doctor(&self) -> Result<Examined, ProviderError> {
        let mut warnings = Vec::new();
        let credits = match advisory(&protocol::current().rpc.credits, self.credits().await)? {
            Ok((credits, plan)) => msg!(
                "flow-doctor-credits",
                plan = plan.label(),
                credits = crate::message::count(credits as f64)
            ),
            Err(w) => {
                warnings.push(w);
                msg!("flow-doctor-credits-unknown")
            }
        };
        let (from, more) = self.families().await?;
        warnings.extend(more);
        let (families, plan) = {
            let st = self.state();
            (st.families.clone(), st.plan.unwrap_or_default())
        };
        let models = match families {
            Some(f) => msg!(
                "flow-doctor-models",
                models = super::models::user_names(&f, plan).join(", "),
                from = from.rpc()
            ),
            None => msg!("flow-doctor-models-built-in"),
        };
        let project = match self.known_project() {
            Some(project) => self.money_path(&project).await?,
            None => msg!("flow-doctor-no-project"),
        };
        let email = self.presence().borrow().email.clone();
        Ok(Examined {
            summary: match email {
                Some(email) => msg!(
                    "flow-doctor-summary-of",
                    email = email,
                    credits = credits,
                    models = models,
                    project = project
                ),
                None => msg!(
                    "flow-doctor-summary",
                    credits = credits,
                    models = models,
                    project = project
                ),
            },
            warnings,
        })
    }

    /// The reads a paid video depends on, each checked against the shape flowdeck reads: the
    /// project listing, and when it holds videos, one status read and one signing read.
    async fn money_path(&self, project: &str) -> Result<crate::message::Message, ProviderError> {
        let read = |p: &serde_json::Value| {
            let listing = records::listing(p)
                .map_err(|why| drifted(&protocol::current().rpc.listing, why))?;
            Ok((listing, records::records(p)))
        };
        let (listing, found) = match self
            .rpc_read(requests::listing(project), CallKind::Read, read)
            .await
        {
            Ok(read) => read,
            Err(ProviderError::NotFound(_)) => {
                return Ok(msg!("flow-doctor-project-gone"));
            }
            Err(e) => return Err(e),
        };
        let Some(first) = found
            .iter()
            .find(|r| listing.workflows.iter().any(|l| l.media == r.media))
        else {
            return Ok(msg!(
                "flow-doctor-project-lists",
                videos = listing.workflows.len()
            ));
        };
        let named = |media: &str, why: &'static str| {
            let media = media.to_string();
            move |rpc: &str, p: &serde_json::Value| {
                if records::records(p).iter().any(|r| r.media == media) {
                    Ok(())
                } else {
                    Err(drifted(rpc, why))
                }
            }
        };
        let status = named(&first.media, "the status answer names no video asked about");
        let p = protocol::current();
        self.rpc_read(
            requests::poll(project, &[first.media.as_str()]),
            CallKind::Read,
            |v| status(&p.rpc.status, v),
        )
        .await?;
        if let Some(done) = found.iter().find(|r| r.status == Some(3)) {
            let signed = named(&done.media, "the signing answer names no video");
            self.rpc_read(requests::media(project, &done.media), CallKind::Read, |v| {
                signed(&p.rpc.sign, v)
            })
            .await?;
        }
        Ok(msg!(
            "flow-doctor-money-path",
            videos = listing.workflows.len()
        ))
    }

    /// Reads credits, plan and models (advisory), makes sure the project exists (replacing
    /// one Flow no longer has), and says who the browser is signed in as.
    pub async fn check(&self) -> Result<AccountInfo, ProviderError> {
        let mut warnings = Vec::new();
        let (credits, plan) =
            match advisory(&protocol::current().rpc.credits, self.credits().await)? {
                Ok((c, p)) => (Some(c), p),
                Err(w) => {
                    warnings.push(w);
                    (None, self.plan())
                }
            };
        let (families_from, more) = self.families().await?;
        warnings.extend(more);
        let project = self.project_id().await?;
        Ok(AccountInfo {
            email: self.presence().borrow().email.clone(),
            credits,
            plan,
            families: self.state().families.clone().unwrap_or_default(),
            families_from,
            project,
            warnings,
        })
    }

    /// Whether Flow no longer has `project` (its listing answers NOT_FOUND: deleted in Flow, a
    /// reset account, another machine's ledger); a gone project is forgotten, so the next
    /// create makes a new one.
    pub(super) async fn project_gone(&self, project: &str) -> Result<bool, ProviderError> {
        match self.rpc(requests::listing(project), CallKind::Read).await {
            Ok(_) => Ok(false),
            Err(ProviderError::NotFound(_)) => {
                self.forget_project(project);
                Ok(true)
            }
            Err(e) => Err(e),
        }
    }

    /// Forgets `project` if it is the one in use.
    pub(crate) fn forget_project(&self, project: &str) {
        let mut st = self.state();
        if st.project.as_deref() == Some(project) {
            st.project = None;
            st.project_verified = false;
        }
    }

    /// The project new videos go into, creating one (`jHPbke`) on first use. A remembered
    /// project is read once before the first video goes to it, so nothing is sent to a project
    /// Flow no longer has.
    pub async fn project_id(&self) -> Result<String, ProviderError> {
        let _one_at_a_time = self.project_lock.lock().await;
        let (known, verified) = {
            let st = self.state();
            (st.project.clone(), st.project_verified)
        };
        if let Some(p) = known
            && (verified || !self.project_gone(&p).await?)
        {
            self.state().project_verified = true;
            return Ok(p);
        }
        let title = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "flowdeck [month repr:short] [day] - [hour]:[minute]"
            ))
            .unwrap_or_else(|_| "flowdeck".into());
        let id = self
            .rpc_read(requests::create_project(&title), CallKind::Read, |p| {
                records::created_project(p).ok_or_else(|| {
                    drifted(
                        &protocol::current().rpc.new_project,
                        "the new project's answer has no id",
                    )
                })
            })
            .await?;
        let mut st = self.state();
        st.project = Some(id.clone());
        st.project_verified = true;
        Ok(id)
    }

    /// The project in use, when one is known (for the engine to keep).
    pub fn known_project(&self) -> Option<String> {
        self.state().project.clone()
    }

    pub fn plan(&self) -> Plan {
        self.state().plan.unwrap_or_default()
    }
}
