use super::*;
use crate::message::En;

fn parse(text: &str) -> Result<Settings, ConfigError> {
    Settings::parse(text, Path::new("flowdeck.toml"))
}

#[test]
fn the_documented_shape_parses_as_written() {
    let s = parse(
        r#"
[flow]
origin = "https://flow.google.com"     # default
generate_spacing_secs = 10             # default; doubled after each refusal

[bridge]
port = 47615                           # default
wait_secs = 30                         # default

[[accounts]]
name = "acc1"
provider = "flow"
email = "me@gmail.com"                 # optional; recorded at pairing
"#,
    )
    .expect("parses");
    assert_eq!(s.accounts[0].email.as_deref(), Some("me@gmail.com"));
    assert_eq!(s.flow, FlowSection::default());
    assert_eq!(s.bridge, BridgeSection::default());
    assert_eq!(s.engine, EngineSection::default());
}

#[test]
fn the_vertex_contract_parses_as_written_and_wrong_fields_are_refused() {
    let s = parse(
        r#"
[vertex]
api_url = "https://{location}-aiplatform.googleapis.com"   # default; {location} is substituted
storage_url = "https://storage.googleapis.com"             # default (Cloud Storage JSON API)
storage_uri = "gs://bucket/prefix"                          # optional: outputs go to Cloud Storage

[[accounts]]
name = "v1"
provider = "vertex"
project = "my-project"
location = "us-central1"
credentials = "/path/to/service-account.json"   # omit to use Application Default Credentials
"#,
    )
    .expect("parses");
    let a = &s.accounts[0];
    assert_eq!(a.provider, ProviderKind::Vertex);
    assert_eq!(a.project.as_deref(), Some("my-project"));
    assert_eq!(
        a.credentials.as_deref(),
        Some(Path::new("/path/to/service-account.json"))
    );
    assert_eq!(s.vertex.storage_uri.as_deref(), Some("gs://bucket/prefix"));
    assert_eq!(s.vertex.api_url, VertexSection::default().api_url);
    let account = |extra: &str| format!("[[accounts]]\nname = \"v\"\n{extra}\n");
    for (text, says) in [
        (account("provider = \"vertex\""), "needs project"),
        (
            account("provider = \"vertex\"\nproject = \"p\"\nlocation = \"Europe West\""),
            "not a Google Cloud region",
        ),
        (
            account(
                "provider = \"vertex\"\nproject = \"p\"\ncredentials = \"k.json\"\ntoken_command = \"gcloud\"",
            ),
            "not both",
        ),
        (
            account("provider = \"vertex\"\nproject = \"p\"\nsecret_env = \"X\""),
            "secret_env is not used",
        ),
        (
            account("provider = \"gemini\"\nproject = \"p\""),
            "is for Vertex accounts",
        ),
        (
            account("provider = \"vertex\"\nproject = \"p\"\nstorage_uri = \"s3://b/x\""),
            "gs://",
        ),
        (
            "[vertex]\nstorage_uri = \"bucket/x\"\n".to_string(),
            "gs://",
        ),
        (
            "[vertex]\napi_url = \"ftp://x\"\n".to_string(),
            "not an http(s) URL",
        ),
    ] {
        let e = parse(&text).expect_err(&text);
        assert!(e.message.en().contains(says), "{text}: {e:?}");
    }
    assert!(
        parse(&account(
            "provider = \"vertex\"\nproject = \"p\"\nlocation = \"global\""
        ))
        .is_ok()
    );
}

#[test]
fn values_that_would_overflow_a_clock_are_refused_with_their_bounds() {
    for (text, says) in [
        ("[engine]\ndeadline_mins = 1e300\n", "at most 10080"),
        ("[engine]\ndeadline_mins = 0\n", "above 0"),
        (
            "[engine]\npoll_interval_secs = 1e30\n",
            "between 0.05 and 600",
        ),
        (
            "[engine]\nsubmit_spacing_secs = 1e30\n",
            "between 0 and 600",
        ),
        (
            "[bridge]\nwait_secs = 18446744073709551615\n",
            "at most 3600",
        ),
        (
            "[flow]\ngenerate_spacing_secs = 1e30\n",
            "between 0 and 3600",
        ),
        ("[flow]\nreconcile_after_secs = -1\n", "between 0 and 86400"),
        ("[flow]\ncopies_per_create = 5\n", "1 to 4"),
        (
            "[vertex]\nsubmit_spacing_secs = inf\n",
            "between 0 and 3600",
        ),
    ] {
        let e = parse(text).expect_err(text);
        assert!(e.message.en().contains(says), "{text}: {e:?}");
    }
    assert!(parse("[engine]\ndeadline_mins = 10080\n").is_ok());
}

#[test]
fn the_retired_flow_keys_say_what_changed() {
    for key in ["labs_url", "api_url", "captcha_command", "generation"] {
        let e = parse(&format!(
            "[engine]\nconcurrency = 2\n\n[flow]\n{key} = \"x\"\n"
        ))
        .expect_err("retired");
        assert_eq!(e.line, Some(5), "{e:?}");
        assert!(
            e.message.en().contains("retired in September 2026"),
            "{e:?}"
        );
        assert!(e.message.en().contains("flowdeck bridge pair"), "{e:?}");
    }
}

#[test]
fn the_documented_gemini_shape_parses_as_written() {
    let s = parse(
        r#"
[gemini]
api_url = "https://generativelanguage.googleapis.com"   # default

[[accounts]]
name = "g1"
provider = "gemini"
secret_env = "FLOWDECK_G1"    # API key read from this variable instead of the keyring
"#,
    )
    .expect("parses");
    assert_eq!(s.accounts[0].provider, ProviderKind::Gemini);
    assert_eq!(s.gemini, GeminiSection::default());
    let e = parse("[gemini]\nperson_generation = \"everyone\"\n").expect_err("bad value");
    assert_eq!(e.line, Some(2), "{e:?}");
}

#[test]
fn errors_name_the_line() {
    let e = parse("[flow]\norigin = \"https://x\"\nbogus = 1\n").expect_err("unknown key");
    assert_eq!(e.line, Some(3), "{e:?}");
    assert!(e.en().starts_with("flowdeck.toml:3:"), "{e:?}");

    let e = parse("[engine]\nconcurrency = 0\n").expect_err("range");
    assert_eq!(e.line, Some(2));
    let e = parse("[flow]\norigin = \"not a url\"\n").expect_err("url");
    assert_eq!(e.line, Some(2));
    let e = parse("[[accounts]]\nname = \"a\"\n[[accounts]]\nname = \"A\"\n").expect_err("dup");
    assert!(e.message.en().contains("two accounts"));
    let e = parse("[[accounts]]\nname = \"a\"\nprovider = \"x\"\n").expect_err("provider");
    assert_eq!(e.line, Some(3), "{e:?}");
    let e = parse("[engine]\nconcurrency = \"four\"\n").expect_err("type");
    assert_eq!(e.line, Some(2), "{e:?}");
    let e = parse("[output]\ntemplate = \"../{slug}.mp4\"\n").expect_err("template");
    assert_eq!(e.line, Some(2), "{e:?}");
}

#[test]
fn saving_and_loading_round_trips() {
    let dir = std::env::temp_dir().join(format!("flowdeck-cfg-{}", uuid::Uuid::new_v4()));
    let file = dir.join("config.toml");
    let mut s = Settings::default();
    s.accounts
        .push(AccountEntry::new("acc1", ProviderKind::Flow));
    s.save(&file).expect("save");
    assert_eq!(Settings::load(&file).expect("load"), s);
    assert_eq!(
        Settings::load(&dir.join("missing.toml")).expect("defaults"),
        Settings::default()
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Vertex's spacing comes from each model's quota unless the user sets it: absent by default,
/// never written back when absent, and a value given wins.
#[test]
fn vertex_spacing_is_the_model_s_unless_given() {
    let defaults = Settings::default();
    assert_eq!(defaults.vertex.submit_spacing_secs, None);
    let text = toml::to_string_pretty(&defaults).expect("serialises");
    assert!(!text.contains("submit_spacing_secs = 6"), "{text}");
    let given = parse("[vertex]\nsubmit_spacing_secs = 3\n").expect("parses");
    assert_eq!(given.vertex.submit_spacing_secs, Some(3.0));
}

#[test]
fn the_report_section_keeps_prompts_only_when_asked() {
    assert!(!parse("").expect("empty").report.include_prompts);
    let s =
        parse("[report]\ninclude_prompts = true   # keep prompts in captures\n").expect("parses");
    assert!(s.report.include_prompts);
    let e = parse("[report]\ninclude_prompt = true\n").expect_err("unknown key");
    assert_eq!(e.line, Some(2), "{e:?}");
}

/// `[budget]`: the documented shape parses, round-trips through a save, and a cap that is
/// negative, not a number or for no account is refused at its line.
#[test]
fn the_budget_section_parses_saves_and_refuses_wrong_caps() {
    let text = r#"
[budget]
batch_credits = 200
day_dollars = 5.5

[budget.accounts.acc1]
day_credits = 100

[[accounts]]
name = "acc1"
provider = "flow"
"#;
    let s = parse(text).expect("parses");
    assert_eq!(s.budget.batch_credits, Some(200));
    assert_eq!(s.budget.overall().day().usd, Some(5.5));
    assert_eq!(s.budget.account("acc1").day_credits, Some(100));
    assert!(s.budget.any());
    assert!(!Settings::default().budget.any());
    let dir = std::env::temp_dir().join(format!("flowdeck-cfg-{}", uuid::Uuid::new_v4()));
    let file = dir.join("config.toml");
    s.save(&file).expect("save");
    assert_eq!(Settings::load(&file).expect("load"), s);
    std::fs::remove_dir_all(dir).ok();
    let account = "\n[[accounts]]\nname = \"acc1\"\nprovider = \"flow\"\n";
    for (text, says, line) in [
        (
            "[budget]\nday_credits = -1\n".to_string(),
            "[budget] day_credits",
            2,
        ),
        (
            "[budget]\nbatch_dollars = nan\n".to_string(),
            "[budget] batch_dollars",
            2,
        ),
        (
            format!("[budget.accounts.acc1]\nday_dollars = -2.0\n{account}"),
            "[budget.accounts.acc1] day_dollars",
            2,
        ),
        (
            format!("[budget.accounts.bob]\nday_credits = 5\n{account}"),
            "bob",
            1,
        ),
        ("[budget]\nday_credit = 5\n".to_string(), "day_credit", 2),
    ] {
        let e = parse(&text).expect_err("refused");
        assert!(e.message.en().contains(says), "{text}: {e:?}");
        assert_eq!(e.line, Some(line), "{text}: {e:?}");
    }
}
