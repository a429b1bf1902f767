//! Following the account's browser, for providers that work through one.

use super::*;

impl Lane {
    /// Follows the client's browser (after a start or a new client).
    pub(super) fn watch_browser(&mut self) {
        self.presence = self.client.presence();
        self.browser_changed();
    }

    /// The browser connected, left, changed accounts, or was sent to a check only the person
    /// can clear: wait for it, or go on.
    pub(super) fn browser_changed(&mut self) {
        let Some(p) = self.presence.as_mut() else {
            return;
        };
        let now = p.borrow_and_update().clone();
        match self.client.browser_problem(&now) {
            Some(reason) => {
                let needs_you = now.connected && now.blocked.is_some();
                self.health.browser_problem(reason, needs_you);
            }
            None => {
                if self.health.browser_back() {
                    self.work_now();
                    self.check_account();
                }
            }
        }
    }
}
