//! `flowdeck accounts list`.

use crate::cli::context::{Context, Exit};
use crate::store::config::ProviderKind;
use crate::visible::one_line;

pub fn list(ctx: &Context) -> Result<i32, Exit> {
    if ctx.settings.accounts.is_empty() {
        say!("{}", crate::t!("cli-no-accounts-yet"));
        return Ok(0);
    }
    say!(
        "{:<16} {:<8} {:<16} {:<28} {}",
        crate::t!("cli-col-name"),
        crate::t!("cli-col-provider"),
        crate::t!("cli-col-secret"),
        crate::t!("cli-col-email"),
        crate::t!("cli-col-enabled"),
    );
    for a in &ctx.settings.accounts {
        let secret = match a.provider {
            ProviderKind::Vertex => match (&a.credentials, &a.token_command) {
                (Some(_), _) => crate::t!("cli-secret-key-file"),
                (None, Some(_)) => crate::t!("cli-secret-command"),
                (None, None) => "ADC".to_string(),
            },
            _ => a
                .secret_env
                .as_ref()
                .map_or_else(|| crate::t!("cli-keyring"), |v| format!("${v}")),
        };
        say!(
            "{:<16} {:<8} {:<16} {:<28} {}",
            a.name,
            a.provider,
            secret,
            one_line(a.email.as_deref().or(a.project.as_deref()).unwrap_or("-")),
            if a.enabled {
                crate::t!("cli-yes")
            } else {
                crate::t!("cli-no")
            }
        );
    }
    Ok(0)
}
