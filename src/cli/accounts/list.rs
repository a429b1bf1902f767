//! `flowdeck accounts list`.

use crate::cli::context::{Context, Exit};
use crate::store::config::ProviderKind;
use crate::visible::one_line;

pub fn list(ctx: &Context) -> Result<i32, Exit> {
    if ctx.settings.accounts.is_empty() {
        say!("{}", crate::t!("cli-no-accounts-yet"));
        return Ok(0);
    }
    let mut rows = vec![vec![
        crate::t!("cli-col-name"),
        crate::t!("cli-col-provider"),
        crate::t!("cli-col-secret"),
        crate::t!("cli-col-email"),
        crate::t!("cli-col-enabled"),
    ]];
    for a in &ctx.settings.accounts {
        let secret = match a.provider {
            ProviderKind::Vertex => match (&a.credentials, &a.token_command) {
                (Some(_), _) => crate::t!("cli-secret-key-file"),
                (None, Some(_)) => crate::t!("cli-secret-command"),
                (None, None) => "ADC".to_string(),
            },
            _ => match (&a.secret_env, &a.secret_file) {
                (Some(v), _) => format!("${v}"),
                (None, Some(_)) => crate::t!("cli-secret-in-file"),
                (None, None) => crate::t!("cli-keyring"),
            },
        };
        rows.push(vec![
            a.name.clone(),
            a.provider.to_string(),
            secret,
            one_line(a.email.as_deref().or(a.project.as_deref()).unwrap_or("-")).into_owned(),
            if a.enabled {
                crate::t!("cli-yes")
            } else {
                crate::t!("cli-no")
            },
        ]);
    }
    for line in crate::cli::table::lay_out(&rows, &[]) {
        say!("{line}");
    }
    Ok(0)
}
