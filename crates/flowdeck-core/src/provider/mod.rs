//! One module per remote service, each the whole of its wire protocol. A provider knows
//! nothing of lanes, ledgers or windows.

pub mod capture;
pub mod client;
pub mod doctor;
pub mod error;
pub mod flow;
pub mod gemini;
pub mod http;
pub mod inline;
pub mod picture_file;
pub mod rpc;
pub mod transfer;
pub mod veo_id;
pub mod vertex;
pub mod video_file;

pub use client::{AccountStatus, Client, CreateSpec, Lookup, RemoteRef, RemoteStatus, Submitted};
pub use error::ProviderError;
