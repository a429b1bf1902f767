//! The tools, one file each: its input (with the JSON schema a model reads), its description,
//! and what it does. This file lists them and hands each call to its tool.

mod batch_status;
mod cancel;
mod estimate;
mod generate;
mod list_accounts;
mod list_batches;
mod retry;
mod revise;

use std::sync::Arc;

use rmcp::RoleServer;
use rmcp::model::Tool;
use rmcp::service::RequestContext;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::folder::Folder;
use super::reply::Refusal;

/// What a tool is called with.
pub struct Call<'a> {
    pub folder: &'a Arc<Folder>,
    pub context: &'a RequestContext<RoleServer>,
}

/// Every tool, as `tools/list` shows them.
pub fn all() -> Vec<Tool> {
    vec![
        list_accounts::tool(),
        estimate::tool(),
        generate::tool(),
        batch_status::tool(),
        list_batches::tool(),
        retry::tool(),
        cancel::tool(),
        revise::tool(),
    ]
}

/// Runs the tool `name`; `None` when there is no such tool.
pub async fn call(name: &str, args: Value, call: Call<'_>) -> Option<Result<Value, Refusal>> {
    Some(match name {
        list_accounts::NAME => list_accounts::run(args, call).await,
        estimate::NAME => estimate::run(args, call).await,
        generate::NAME => generate::run(args, call).await,
        batch_status::NAME => batch_status::run(args, call).await,
        list_batches::NAME => list_batches::run(args, call).await,
        retry::NAME => retry::run(args, call).await,
        cancel::NAME => cancel::run(args, call).await,
        revise::NAME => revise::run(args, call).await,
        _ => return None,
    })
}

/// A tool's input read from its arguments; what does not fit its schema is said back.
fn read<T: DeserializeOwned>(tool: &str, args: Value) -> Result<T, Refusal> {
    serde_json::from_value(args).map_err(|e| {
        let error = e.to_string();
        Refusal::input(crate::t!("mcp-bad-input", tool = tool, error = error))
    })
}

/// A tool described for `tools/list`: its name, what it does for a model to read, and the
/// schema of `T`.
fn describe<T: JsonSchema + 'static>(name: &'static str, description: &'static str) -> Tool {
    let schema = rmcp::handler::server::common::schema_for_input::<T>()
        .unwrap_or_else(|_| rmcp::handler::server::common::schema_for_type::<T>());
    Tool::new(name, description, schema)
}
