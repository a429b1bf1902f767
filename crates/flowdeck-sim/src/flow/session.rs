//! Several Google accounts in one browser, as Google's multi-login does it: the session cookie
//! holds every account signed in there, in sign-in order, and a request names one of them by a
//! `/u/<n>` path prefix (the UI's own form: `/u/2/project/…`, with `source-path` carrying the
//! same prefix), or an `authuser=<n>` query; with neither, it is the first. An index past the
//! last account falls back to the first: the risk issue 23 D describes, a call that names no
//! account (or a stale one) runs, and charges, the first account.

use std::collections::HashMap;

use axum::http::{HeaderMap, header};

use crate::state::Sim;

/// How a request named the account it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// A `/u/<n>` path prefix.
    Path(usize),
    /// An `authuser=<n>` query.
    Query(usize),
    /// Neither: the first account.
    Default,
}

impl Named {
    /// From a `/u/<n>` segment (when the route had one) and the query.
    pub fn from(path: Option<usize>, query: &HashMap<String, String>) -> Named {
        match (path, query.get("authuser").and_then(|a| a.parse().ok())) {
            (Some(n), _) => Named::Path(n),
            (None, Some(n)) => Named::Query(n),
            (None, None) => Named::Default,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Named::Path(n) | Named::Query(n) => n,
            Named::Default => 0,
        }
    }

    /// How the report names it: `/u/1`, `authuser=1` or `default`.
    pub fn label(self) -> String {
        match self {
            Named::Path(n) => format!("/u/{n}"),
            Named::Query(n) => format!("authuser={n}"),
            Named::Default => "default".into(),
        }
    }

    /// An address of this origin for the same account: `/u/1/about`, `/about?authuser=1`.
    pub fn address(self, path: &str) -> String {
        match self {
            Named::Path(n) => format!("/u/{n}{path}"),
            Named::Query(n) => format!("{path}?authuser={n}"),
            Named::Default => path.to_string(),
        }
    }

    /// Whether a call's `source-path` names the account the way its URL does (the UI sends
    /// `/u/<n>/project/…` when it posts under `/u/<n>`, and no prefix otherwise).
    pub fn matches_source_path(self, source_path: &str) -> bool {
        let said = source_path
            .strip_prefix("/u/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|n| n.parse::<usize>().ok());
        match self {
            Named::Path(n) => said == Some(n),
            Named::Query(_) | Named::Default => said.is_none(),
        }
    }
}

/// The signed-in account a request is for.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub account: usize,
    /// Its place in the browser's sign-in order (what the page calls itself, `QrtxK`).
    pub index: usize,
}

/// The `/u/<n>` segment of a route, when it is a number.
pub fn segment(n: &str) -> Option<usize> {
    n.parse().ok()
}

/// The account a request's cookies and address name; `None` when signed out.
pub fn session(sim: &Sim, headers: &HeaderMap, named: Named) -> Option<Session> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    let (account, index) = sim.account_for_session(Some(&value), named.index())?;
    Some(Session { account, index })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_names_its_account_by_path_then_query() {
        let q = |a: &str| HashMap::from([("authuser".to_string(), a.to_string())]);
        assert_eq!(Named::from(Some(2), &q("1")), Named::Path(2));
        assert_eq!(Named::from(None, &q("1")), Named::Query(1));
        assert_eq!(Named::from(None, &q("me@x")), Named::Default);
        assert_eq!(Named::from(None, &HashMap::new()), Named::Default);
        assert_eq!(Named::Path(1).address("/about"), "/u/1/about");
        assert_eq!(Named::Query(1).address("/about"), "/about?authuser=1");
        assert!(Named::Path(2).matches_source_path("/u/2/project/p"));
        assert!(!Named::Path(2).matches_source_path("/project/p"));
        assert!(!Named::Default.matches_source_path("/u/0/"));
        assert!(Named::Query(1).matches_source_path("/project/p"));
    }
}
