//! Asking before money is spent again: a take the service refused for its policy is most
//! likely refused again, and each new attempt is paid for.

use std::io::{BufRead, IsTerminal, Write};

use super::context::Exit;
use crate::engine::LaneSpec;
use crate::ops::cost;
use crate::store::ledger::TakeRecord;
use crate::words::Said;

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
        let reason = t
            .error
            .as_ref()
            .map_or_else(|| crate::t!("cli-refused-for-policy"), |m| m.said());
        let reason = crate::visible::one_line(&reason);
        let line = crate::t!(
            "cli-refused-take",
            take = t.id,
            scene = t.scene_index,
            copy = t.copy,
            reason = reason
        );
        text.push_str(&format!("  {line}\n"));
    }
    let question = crate::t!(
        "cli-spend-again",
        takes = refused.len(),
        list = text,
        price = crate::words::cost(&price)
    );
    if !std::io::stdin().is_terminal() {
        let hint = crate::t!("cli-spend-again-yes");
        return Err(Exit::usage(format!("{question}\n{hint}")));
    }
    let ask = format!("{question}\n{} ", crate::t!("cli-send-again"));
    eprint!("{}", crate::visible::lines(&ask));
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok();
    let answer = answer.trim().to_lowercase();
    // English "y" always works; the language adds its own ("c" for "có").
    let yes = crate::t!("cli-answer-yes").to_lowercase();
    if answer == "y" || answer == "yes" || yes.split(',').any(|w| w.trim() == answer) {
        Ok(())
    } else {
        Err(Exit::failed(crate::t!("cli-nothing-sent")))
    }
}
