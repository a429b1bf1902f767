//! Asking before money is spent again: a take the service refused for its policy is most
//! likely refused again, and each new attempt is paid for.

use std::io::{BufRead, IsTerminal, Write};

use super::context::Exit;
use crate::engine::LaneSpec;
use crate::engine::cost;
use crate::store::ledger::TakeRecord;

/// Asks on the terminal whether to send `refused` again, naming each and the cost; with no
/// terminal to ask on, refuses and names `--yes`.
pub fn spend_again(refused: &[TakeRecord], lanes: &[LaneSpec]) -> Result<(), Exit> {
    let price = cost::total(refused.iter().filter_map(|t| {
        let lane = lanes
            .iter()
            .find(|l| Some(&l.name) == t.account.as_ref())
            .or_else(|| lanes.first())?;
        Some((lane.client.as_ref(), t.shot()))
    }));
    let mut text = String::new();
    for t in refused {
        text.push_str(&format!(
            "  take {} (scene {}, copy {}): {}\n",
            t.id,
            t.scene_index,
            t.copy,
            t.error
                .as_deref()
                .unwrap_or("refused for the service's policy")
        ));
    }
    let n = refused.len();
    let what = if n == 1 { "take was" } else { "takes were" };
    let question = format!(
        "{n} {what} refused for the service's policy:\n{text}Sending again costs {price} and is \
         likely to be refused again unless the prompt changed."
    );
    if !std::io::stdin().is_terminal() {
        return Err(Exit::usage(format!(
            "{question}\nAdd --yes to send them again anyway."
        )));
    }
    eprint!("{question}\nSend again? [y/N] ");
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok();
    if matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
        Ok(())
    } else {
        Err(Exit::usage("nothing was sent"))
    }
}
