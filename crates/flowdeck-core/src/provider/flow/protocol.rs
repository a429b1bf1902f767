//! Flow's protocol as data (`protocol.toml`, embedded): RPC ids, reCAPTCHA actions, the
//! positions flowdeck reads, and what each refusal reason means. A user's
//! `flow-protocol.toml` beside the settings may change any of it without a new build.
//!
//! One table serves the whole process: it is installed when flowdeck starts, before any
//! client exists, and the codec reads it from there (tests of an override run the binary).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, RwLock};

use serde::Deserialize;

const EMBEDDED: &str = include_str!("protocol.toml");

/// The file name of a user's override, beside the settings file.
pub const OVERRIDE_FILE: &str = "flow-protocol.toml";

/// Declares a section twice: as read (every key present) and as an override (any key), so an
/// override is checked by the same names and types and merged key by key. A section's keys
/// share one type (`values` lists them: the bridge tells the extension its RPC ids).
macro_rules! section {
    (@first $t:ty $(, $rest:ty)*) => { $t };
    ($name:ident, $over:ident { $($field:ident: $ty:ty),* $(,)? }) => {
        #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(pub $field: $ty,)*
        }

        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $over {
            $($field: Option<$ty>,)*
        }

        impl $name {
            /// Every key's value, in the order declared.
            pub fn values(&self) -> Vec<&section!(@first $($ty),*)> {
                vec![$(&self.$field),*]
            }

            fn apply(&mut self, o: $over) {
                $(if let Some(v) = o.$field {
                    self.$field = v;
                })*
            }
        }
    };
}

section!(
    Rpc,
    RpcOver {
        text_to_video: String,
        start_frame: String,
        start_and_end: String,
        references: String,
        upscale: String,
        upload: String,
        status: String,
        sign: String,
        listing: String,
        new_project: String,
        credits: String,
        catalogue: String,
        families: String,
    }
);

section!(
    Actions,
    ActionsOver {
        video: String,
        upload: String,
    }
);

section!(
    Reads,
    ReadsOver {
        answer_credits: String,
        record_details: String,
        record_status: String,
        record_bytes: String,
        record_model: String,
        record_video: String,
        workflow_media: String,
        workflow_batch: String,
        workflow_created: String,
        credits_balance: String,
        credits_tier: String,
        new_project_id: String,
        catalogue_groups: String,
        group_keys: String,
        group_family: String,
        key_prices: String,
        family_list: String,
    }
);

section!(Reasons, ReasonsOver {
    quota: Vec<String>,
    model_quota: Vec<String>,
    model_denied: Vec<String>,
    throttled: Vec<String>,
    held: Vec<String>,
    account: Vec<String>,
    after_taking: Vec<String>,
});

/// The whole table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    pub version: String,
    pub rpc: Rpc,
    pub actions: Actions,
    pub reads: Reads,
    pub reasons: Reasons,
    /// PublicAitkError numbers → reason names.
    pub aitk: BTreeMap<String, String>,
    /// The override merged in, when there is one.
    #[serde(skip)]
    pub overridden_by: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Override {
    version: Option<String>,
    #[serde(default)]
    rpc: RpcOver,
    #[serde(default)]
    actions: ActionsOver,
    #[serde(default)]
    reads: ReadsOver,
    #[serde(default)]
    reasons: ReasonsOver,
    #[serde(default)]
    aitk: BTreeMap<String, String>,
}

/// What kind of refusal a reason is (see `[reasons]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Quota,
    ModelQuota,
    ModelDenied,
    Throttled,
    Held,
    Account,
    AfterTaking,
    /// A reason the table does not name: a content refusal or something new.
    Other,
}

impl Protocol {
    /// The table built into this flowdeck.
    pub fn embedded() -> Protocol {
        match toml::from_str::<Protocol>(EMBEDDED) {
            Ok(p) => p,
            // The file is part of the build and tested; a broken one must not ship.
            Err(e) => panic!("the embedded Flow protocol table is broken: {e}"),
        }
    }

    /// The embedded table with `text` (an override file's contents) merged in, checked.
    pub fn with_override(text: &str, from: &Path) -> Result<Protocol, String> {
        let o: Override = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut p = Protocol::embedded();
        if let Some(v) = o.version {
            p.version = v;
        }
        p.rpc.apply(o.rpc);
        p.actions.apply(o.actions);
        p.reads.apply(o.reads);
        p.reasons.apply(o.reasons);
        p.aitk.extend(o.aitk);
        p.check()?;
        p.overridden_by = Some(from.to_path_buf());
        Ok(p)
    }

    /// Every value has a shape flowdeck can use.
    fn check(&self) -> Result<(), String> {
        let id = |v: &str| {
            !v.is_empty() && v.len() <= 32 && v.chars().all(|c| c.is_ascii_alphanumeric())
        };
        let r = &self.rpc;
        for (name, v) in [
            ("text_to_video", &r.text_to_video),
            ("start_frame", &r.start_frame),
            ("start_and_end", &r.start_and_end),
            ("references", &r.references),
            ("upscale", &r.upscale),
            ("upload", &r.upload),
            ("status", &r.status),
            ("sign", &r.sign),
            ("listing", &r.listing),
            ("new_project", &r.new_project),
            ("credits", &r.credits),
            ("catalogue", &r.catalogue),
            ("families", &r.families),
        ] {
            if !id(v) {
                return Err(format!(
                    "[rpc] {name} = \"{v}\" is not an RPC id (letters and digits)"
                ));
            }
        }
        let d = &self.reads;
        for (name, v) in [
            ("answer_credits", &d.answer_credits),
            ("record_details", &d.record_details),
            ("record_status", &d.record_status),
            ("record_bytes", &d.record_bytes),
            ("record_model", &d.record_model),
            ("record_video", &d.record_video),
            ("workflow_media", &d.workflow_media),
            ("workflow_batch", &d.workflow_batch),
            ("workflow_created", &d.workflow_created),
            ("credits_balance", &d.credits_balance),
            ("credits_tier", &d.credits_tier),
            ("new_project_id", &d.new_project_id),
            ("catalogue_groups", &d.catalogue_groups),
            ("group_keys", &d.group_keys),
            ("group_family", &d.group_family),
            ("key_prices", &d.key_prices),
            ("family_list", &d.family_list),
        ] {
            let ok = v.starts_with('/')
                && v.len() > 1
                && v[1..].split('/').all(|s| s.parse::<usize>().is_ok());
            if !ok {
                return Err(format!(
                    "[reads] {name} = \"{v}\" is not a position such as \"/5/8\" (slots counted from 0)"
                ));
            }
        }
        for (n, reason) in &self.aitk {
            if n.parse::<u32>().is_err() || reason.is_empty() {
                return Err(format!(
                    "[aitk] {n} = \"{reason}\": a number names a reason"
                ));
            }
        }
        Ok(())
    }

    /// What a refusal reason (with or without `PUBLIC_ERROR_`) means.
    pub fn reason(&self, code: &str) -> Reason {
        let short = code.trim_start_matches("PUBLIC_ERROR_");
        let r = &self.reasons;
        let is = |list: &[String]| list.iter().any(|x| x == short);
        if is(&r.held) {
            Reason::Held
        } else if is(&r.model_quota) {
            Reason::ModelQuota
        } else if is(&r.model_denied) {
            Reason::ModelDenied
        } else if is(&r.quota) {
            Reason::Quota
        } else if is(&r.throttled) {
            Reason::Throttled
        } else if is(&r.account) {
            Reason::Account
        } else if is(&r.after_taking) {
            Reason::AfterTaking
        } else {
            Reason::Other
        }
    }

    /// A PublicAitkError number as a `PUBLIC_ERROR_…` code, when the table knows it.
    pub fn aitk_reason(&self, n: i64) -> Option<String> {
        self.aitk
            .get(&n.to_string())
            .map(|r| format!("PUBLIC_ERROR_{r}"))
    }
}

static CURRENT: LazyLock<RwLock<Arc<Protocol>>> =
    LazyLock::new(|| RwLock::new(Arc::new(Protocol::embedded())));

/// The table in use.
pub fn current() -> Arc<Protocol> {
    CURRENT
        .read()
        .map(|p| p.clone())
        .unwrap_or_else(|p| p.into_inner().clone())
}

/// Uses `p` from now on (start-up, after reading the override).
pub fn install(p: Protocol) {
    let mut slot = CURRENT.write().unwrap_or_else(|p| p.into_inner());
    *slot = Arc::new(p);
}

/// Reads the override beside `settings` when there is one, and installs the result. An
/// override that cannot be read or is wrong is an error naming the file (and the line).
pub fn load_beside(settings: &Path) -> Result<Arc<Protocol>, String> {
    let path = settings.with_file_name(OVERRIDE_FILE);
    let p = match std::fs::read_to_string(&path) {
        Ok(text) => {
            Protocol::with_override(&text, &path).map_err(|e| format!("{}: {e}", path.display()))?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Protocol::embedded(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    install(p);
    Ok(current())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_reads_and_names_what_the_codec_uses() {
        let p = Protocol::embedded();
        assert_eq!(p.rpc.status, "jwpduf");
        assert_eq!(p.actions.video, "VIDEO_GENERATION");
        assert!(p.check().is_ok());
        assert_eq!(
            p.reason("PUBLIC_ERROR_PER_MODEL_DAILY_QUOTA_REACHED"),
            Reason::ModelQuota
        );
        assert_eq!(p.reason("UNUSUAL_ACTIVITY_TOO_MUCH_TRAFFIC"), Reason::Held);
        assert_eq!(p.reason("PUBLIC_ERROR_UNSAFE_GENERATION"), Reason::Other);
        assert_eq!(
            p.aitk_reason(32).as_deref(),
            Some("PUBLIC_ERROR_PER_MODEL_DAILY_QUOTA_REACHED")
        );
        assert_eq!(p.aitk_reason(999), None);
    }

    #[test]
    fn an_override_changes_only_its_keys_and_a_wrong_one_is_refused_with_its_line() {
        let from = Path::new("flow-protocol.toml");
        let p = Protocol::with_override("[rpc]\nstatus = \"Kq3xQe\"\n", from).expect("override");
        assert_eq!(p.rpc.status, "Kq3xQe");
        assert_eq!(p.rpc.sign, "as29s");
        assert_eq!(p.overridden_by.as_deref(), Some(from));
        let unknown =
            Protocol::with_override("[rpc]\n\nstatuss = \"x\"\n", from).expect_err("unknown");
        assert!(
            unknown.contains("statuss") && unknown.contains('3'),
            "{unknown}"
        );
        let typed =
            Protocol::with_override("[reads]\nrecord_status = 5\n", from).expect_err("type");
        assert!(
            typed.contains("record_status") || typed.contains("string"),
            "{typed}"
        );
        let bad =
            Protocol::with_override("[reads]\nrecord_status = \"5/8\"\n", from).expect_err("ptr");
        assert!(bad.contains("record_status"), "{bad}");
        let id = Protocol::with_override("[rpc]\nsign = \"as 29s\"\n", from).expect_err("id");
        assert!(id.contains("sign"), "{id}");
    }
}
