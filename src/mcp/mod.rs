//! `flowdeck mcp`: a Model Context Protocol server on standard input and output (the official
//! Rust SDK, `rmcp`), so an AI assistant can price, run and follow batches on the same engine,
//! ledger and accounts as the window and the command line.
//!
//! ```text
//!  client ──tools/call──▶ Server ──▶ tool/<name>.rs ──▶ Folder (lock, engine, accounts)
//!         ◀─result / progress──┘                          └─▶ ledger, engine (ops, cli::lanes)
//! ```
//!
//! Standard output carries the protocol only; the log goes to standard error as always.

mod cap;
mod folder;
mod progress;
mod reply;
mod scenes;
mod tool;

use std::path::PathBuf;
use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};

use crate::cli::Exit;
use folder::Folder;

/// The server: the data folder it works on; each call goes to its tool.
#[derive(Clone)]
pub struct Server {
    folder: Arc<Folder>,
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("flowdeck", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "flowdeck makes videos from scene prompts with Google's video models (Flow, \
                 the Gemini API, Vertex AI) over the user's accounts, never paying twice for a \
                 video. Start with list_accounts and estimate; generate, retry and revise \
                 spend the user's credits or money and require a cap (max_credits and/or \
                 max_dollars): keep it as low as the estimate allows. Follow batches with \
                 batch_status.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tool::all()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let args = serde_json::Value::Object(request.arguments.unwrap_or_default());
        let call = tool::Call {
            folder: &self.folder,
            context: &context,
        };
        match tool::call(&request.name, args, call).await {
            Some(answer) => {
                if let Err(r) = &answer {
                    tracing::info!(tool = %request.name, class = r.class, "refused");
                }
                Ok(reply::result(answer).into())
            }
            None => Err(ErrorData::invalid_params(
                crate::t!("mcp-no-such-tool", tool = request.name.to_string()),
                None,
            )),
        }
    }
}

/// Serves MCP on standard input and output until the client closes it.
pub async fn serve(config: Option<PathBuf>) -> Result<i32, Exit> {
    // The language of the settings, from the first answer on; settings that cannot be read
    // are said by each tool instead.
    drop(crate::cli::context::Context::load(config.clone()));
    let folder = Folder::new(config);
    let server = Server {
        folder: folder.clone(),
    };
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| Exit::failed(crate::t!("mcp-could-not-start", error = e.to_string())))?;
    let ended = running.waiting().await;
    // What is still being made stays in the ledger: `flowdeck resume` (or the window) picks it
    // up; nothing paid is lost.
    folder.close().await;
    ended.map_err(|e| Exit::failed(crate::t!("mcp-could-not-start", error = e.to_string())))?;
    Ok(0)
}
