//! The README says what a video costs: its table must say what flowdeck itself estimates, so a
//! price changed in the code shows here as a README to update.

use flowdeck::model::{Aspect, Model, Resolution, Shot};
use flowdeck::provider::flow::Plan;
use flowdeck::provider::flow::models::{credit_cost, video_key};
use flowdeck::provider::gemini::Route;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README")
}

/// A Flow video's credits, as flowdeck estimates them before sending.
fn credits(model: Model, seconds: Option<u8>, resolution: Option<Resolution>, plan: Plan) -> i64 {
    let shot = Shot {
        duration: seconds,
        resolution,
        ..Shot::new(model, Aspect::Landscape)
    };
    credit_cost(&video_key(&shot, plan).expect("a key").key, plan)
}

/// Dollars the way the table writes them: cents, or a tenth of a cent where the price has one.
fn money(x: Option<f64>) -> String {
    let x = x.expect("a price");
    let mills = (x * 1000.0).round() as i64;
    if mills % 10 == 0 {
        format!("${:.2}", x)
    } else {
        format!("${:.3}", x)
    }
}

#[test]
fn the_cost_table_says_what_flowdeck_estimates() {
    let text = readme();
    let row = |model: &str, rest: String| {
        let line = format!("| {model} | {rest} |");
        assert!(text.contains(&line), "README lacks: {line}");
    };
    let (pro, ultra) = (Plan::Pro, Plan::Ultra);
    for (name, model) in [
        ("veo-3.1-fast", Model::Veo31Fast),
        ("veo-3.1-lite", Model::Veo31Lite),
    ] {
        let (p, u) = (
            credits(model.clone(), None, None, pro),
            credits(model, None, None, ultra),
        );
        let line = format!("| {name} | {p} credits a video on Pro, {u} on Ultra |");
        assert!(text.contains(&line), "README lacks: {line}");
    }
    let q = credits(Model::Veo31, None, None, pro);
    row("veo-3.1 (quality)", format!("{q} credits a video"));
    let omni = |s| credits(Model::OmniFlash, Some(s), None, pro);
    row(
        "omni-flash",
        format!(
            "{} (4 s), {} (6 s), {} (8 s), {} (10 s) credits a video",
            omni(4),
            omni(6),
            omni(8),
            omni(10),
        ),
    );
    use Resolution::*;
    use flowdeck::provider::gemini::models::usd_per_second as gemini;
    for (name, id) in [
        ("omni-flash (Omni 1.1)", "gemini-omni-1.1-flash"),
        ("omni-flash (Omni 1.2)", "gemini-omni-1.2-flash"),
    ] {
        let r = Route::Omni(id.into());
        row(
            name,
            format!(
                "{} (360p), {} (720p), {} (1080p), {} (4K)",
                money(gemini(&r, P360)),
                money(gemini(&r, P720)),
                money(gemini(&r, P1080)),
                money(gemini(&r, K4))
            ),
        );
    }
    use flowdeck::provider::vertex::models::usd_per_second as vertex;
    let v = "veo-3.1-generate-001";
    let sound = [(P720, true), (P720, false), (K4, true)].map(|(r, a)| money(vertex(v, r, a)));
    row(
        "veo-3.1",
        format!(
            "{} with sound, {} without, {} at 4K",
            sound[0], sound[1], sound[2]
        ),
    );
    let f = "veo-3.1-fast-generate-001";
    let fast = [P720, P1080, K4].map(|r| money(vertex(f, r, true)));
    row(
        "veo-3.1-fast",
        format!("{} (720p), {} (1080p), {} (4K)", fast[0], fast[1], fast[2]),
    );
}

/// "When a take fails": the table names every class scripts can meet, and no other.
#[test]
fn the_failure_classes_table_names_every_class() {
    use flowdeck::model::FailClass;
    let text = readme();
    let section = text
        .split("## When a take fails: classes for scripts")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the section");
    let table: Vec<&str> = section
        .lines()
        .skip_while(|l| !l.starts_with("| class |"))
        .skip(2)
        .take_while(|l| l.starts_with("| `"))
        .filter_map(|l| l.split('`').nth(1))
        .collect();
    let all: Vec<&str> = FailClass::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(table, all);
}

/// The install steps name the files `scripts/package.sh` makes for this version.
#[test]
fn the_install_steps_name_this_version_s_files() {
    let text = readme();
    let script =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/package.sh"))
            .expect("scripts/package.sh");
    let v = env!("CARGO_PKG_VERSION");
    for (file, made_as) in [
        (format!("flowdeck_{v}-1_amd64.deb"), "flowdeck_*.deb"),
        (
            format!("flowdeck-{v}-linux-x86_64.tar.gz"),
            "name=\"flowdeck-$version-linux-$(uname -m)\"",
        ),
        (
            format!("flowdeck-extension-{v}.zip"),
            "flowdeck-extension-$version.zip",
        ),
    ] {
        assert!(text.contains(&file), "README does not name {file}");
        assert!(
            script.contains(made_as),
            "scripts/package.sh no longer makes {made_as}"
        );
    }
    assert!(text.contains("/usr/share/flowdeck/extension"));
}
