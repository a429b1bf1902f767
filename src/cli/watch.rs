//! Follows the engine's events for the command line: one progress bar per account (or one
//! JSON event per line), Ctrl-C handling, and the summary at the end.

use crate::words::Said;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::engine::{Engine, Event, LaneHealth};
use crate::model::{AccountId, BatchId, TakeId, TakeState};
use crate::visible::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Progress bars on a terminal.
    Bars,
    /// One plain line per event, for a log or a pipe (bars cannot draw there).
    Lines,
    Json,
}

impl Output {
    /// Bars when both standard output and standard error are terminals, plain lines otherwise.
    pub fn choose(json: bool) -> Output {
        use std::io::IsTerminal;
        if json {
            Output::Json
        } else if std::io::stdout().is_terminal() && std::io::stderr().is_terminal() {
            Output::Bars
        } else {
            Output::Lines
        }
    }
}

#[derive(Default)]
struct AccountStats {
    dealt: u64,
    done: u64,
    failed: u64,
    bytes: u64,
    live: HashMap<TakeId, u64>,
    health: Option<LaneHealth>,
    in_flight: u32,
    credits: Option<i64>,
}

struct TakeView {
    scene: u32,
    copy: u32,
    prompt: String,
    state: TakeState,
    account: Option<AccountId>,
    message: Option<String>,
}

/// How a watched run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Every watched batch finished.
    Finished,
    /// Stopped after the first Ctrl-C, once in-flight work was home.
    Stopped,
    /// The second Ctrl-C.
    Aborted,
    /// Nothing can move: the reason.
    Stalled(String),
}

pub struct Watch {
    output: Output,
    bars: MultiProgress,
    account_bars: BTreeMap<AccountId, ProgressBar>,
    stats: BTreeMap<AccountId, AccountStats>,
    takes: BTreeMap<TakeId, TakeView>,
    waiting: HashSet<BatchId>,
    stalled: Vec<String>,
    /// Lost creates looked up: (found on the account, never made).
    reconciled: (u32, u32),
    /// Demo runs cannot be resumed: the simulator's videos vanish with it.
    pub demo: bool,
    /// The batch's folder, for the header line.
    pub out_dir: Option<std::path::PathBuf>,
    /// Every watched take, done or not: the first bar.
    total: Option<ProgressBar>,
}

/// An account's bar: what matters most (failures, credits) comes first in the message, so an
/// 80-column terminal cuts only the least of it; the bar itself takes what width is left.
fn style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{prefix:<10.bold} {pos:>3}/{len:<3} [{wide_bar:.cyan/blue}] {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ")
}

/// An account that has no video yet: no bar (an empty total would draw as a full one).
fn waiting_style() -> ProgressStyle {
    ProgressStyle::with_template(&format!(
        "{{prefix:<10.bold}}   {} · {{msg}}",
        crate::t!("cli-no-videos-yet")
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// "take 7 (scene 3, copy 2)": the id is what `flowdeck retry` takes.
fn name_take(id: TakeId, t: &TakeView) -> String {
    crate::t!("cli-take", take = id, scene = t.scene, copy = t.copy)
}

impl Watch {
    pub fn new(output: Output, waiting: HashSet<BatchId>) -> Watch {
        let target = if output == Output::Bars {
            ProgressDrawTarget::stderr_with_hz(10)
        } else {
            ProgressDrawTarget::hidden()
        };
        Watch {
            output,
            bars: MultiProgress::with_draw_target(target),
            account_bars: BTreeMap::new(),
            stats: BTreeMap::new(),
            takes: BTreeMap::new(),
            waiting,
            stalled: Vec::new(),
            reconciled: (0, 0),
            demo: false,
            out_dir: None,
            total: None,
        }
    }

    fn bar(&mut self, account: &str) -> &ProgressBar {
        if !self.account_bars.contains_key(account) {
            let bar = self.bars.add(
                ProgressBar::new(0)
                    .with_style(style())
                    .with_prefix(account.to_string()),
            );
            self.account_bars.insert(account.to_string(), bar);
        }
        &self.account_bars[account]
    }

    fn refresh(&mut self, account: &str) {
        let s = self.stats.entry(account.to_string()).or_default();
        let live: u64 = s.live.values().sum();
        let mib = (s.bytes + live) as f64 / (1 << 20) as f64;
        let health = s
            .health
            .as_ref()
            .map_or_else(|| crate::t!("cli-starting"), crate::words::health);
        // Failures and credits first: a narrow terminal cuts the end of the line.
        let mut parts = Vec::new();
        if s.failed > 0 {
            parts.push(crate::t!("cli-failed", n = s.failed));
        }
        if let Some(c) = s.credits {
            parts.push(crate::t!("cli-credits", credits = crate::i18n::number(c)));
        }
        parts.push(health);
        parts.push(crate::t!("cli-in-flight", n = s.in_flight));
        parts.push(crate::t!("cli-mib", mib = crate::i18n::decimal(mib, 1)));
        let msg = one_line(&parts.join(" · ")).into_owned();
        let (dealt, done) = (s.dealt, s.done);
        let bar = self.bar(account);
        bar.set_style(if dealt == 0 { waiting_style() } else { style() });
        bar.set_length(dealt);
        bar.set_position(done);
        bar.set_message(msg);
        if let Some(total) = &self.total {
            let done = self
                .takes
                .values()
                .filter(|t| t.state == TakeState::Done)
                .count();
            total.set_position(done as u64);
        }
    }

    /// A line above the bars, or on its own line without them.
    fn line(&self, text: &str) {
        match self.output {
            Output::Bars => {
                self.bars.println(crate::visible::lines(text)).ok();
            }
            Output::Lines => say!("{}", text.trim_start()),
            Output::Json => {}
        }
    }

    /// Takes one event in. Returns true when every watched batch has finished.
    fn absorb(&mut self, e: &Event) -> bool {
        if self.output == Output::Json
            && let Ok(line) = serde_json::to_value(e)
                .map(super::json::worded)
                .and_then(|v| serde_json::to_string(&v))
        {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", crate::visible::lines(&line)).ok();
            out.flush().ok();
        }
        match e {
            Event::Batch {
                batch,
                label,
                takes,
                resumed,
            } => {
                let videos = takes.len();
                let place = self
                    .out_dir
                    .as_ref()
                    .map(|d| format!(" → {}", d.display()))
                    .unwrap_or_default();
                let label = one_line(label);
                let label = label.as_ref();
                self.line(&if *resumed {
                    crate::t!(
                        "cli-resuming",
                        batch = batch,
                        label = label,
                        videos = videos,
                        place = place
                    )
                } else {
                    crate::t!(
                        "cli-batch",
                        batch = batch,
                        label = label,
                        videos = videos,
                        place = place
                    )
                });
                if self.output == Output::Bars {
                    let bar = self.total.get_or_insert_with(|| {
                        self.bars.insert(
                            0,
                            ProgressBar::new(0)
                                .with_style(style())
                                .with_prefix(crate::t!("cli-all-videos")),
                        )
                    });
                    // Every watched batch adds its videos to the one total.
                    bar.set_length(bar.length().unwrap_or(0) + videos as u64);
                    bar.set_message(crate::t!("cli-on-disk"));
                }
                for t in takes {
                    self.takes.insert(
                        t.take,
                        TakeView {
                            scene: t.scene,
                            copy: t.copy,
                            prompt: t.prompt.clone(),
                            state: t.state,
                            account: t.account.clone(),
                            message: t.message.as_ref().map(|m| m.said()),
                        },
                    );
                    if let Some(a) = &t.account
                        && t.state != TakeState::Queued
                    {
                        let s = self.stats.entry(a.clone()).or_default();
                        s.dealt += 1;
                        if t.state == TakeState::Done {
                            s.done += 1;
                        }
                    }
                }
            }
            Event::Retried { old, new, .. } => {
                self.takes.remove(old);
                self.takes.insert(
                    new.take,
                    TakeView {
                        scene: new.scene,
                        copy: new.copy,
                        prompt: new.prompt.clone(),
                        state: new.state,
                        account: None,
                        message: None,
                    },
                );
            }
            Event::Take(u) => {
                let before = self.takes.get(&u.take).map(|t| t.state);
                if let Some(t) = self.takes.get_mut(&u.take) {
                    t.state = u.state;
                    t.account = u.account.clone().or(t.account.take());
                    if let Some(m) = &u.message {
                        t.message = Some(m.said());
                    }
                }
                if let Some(a) = &u.account {
                    let s = self.stats.entry(a.clone()).or_default();
                    // A lost create found again (or proven never made) is no longer a failure.
                    if before == Some(TakeState::Uncertain) && u.state != TakeState::Uncertain {
                        s.failed = s.failed.saturating_sub(1);
                    }
                    match (before, u.state) {
                        (Some(TakeState::Queued), TakeState::Assigned) => s.dealt += 1,
                        (_, TakeState::Queued) => s.dealt = s.dealt.saturating_sub(1),
                        (_, TakeState::Done) => {
                            s.done += 1;
                            s.bytes += u.bytes.unwrap_or(0);
                            s.live.remove(&u.take);
                        }
                        (_, TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut) => {
                            s.failed += 1;
                            s.live.remove(&u.take);
                        }
                        _ => {}
                    }
                    let a = a.clone();
                    self.refresh(&a);
                    let bad = matches!(
                        u.state,
                        TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut
                    );
                    // Bars show the rest; plain lines tell every change (none repeated).
                    let tell = bad || (self.output == Output::Lines && before != Some(u.state));
                    if tell && let Some(t) = self.takes.get(&u.take) {
                        let why = match &u.message {
                            Some(m) => format!(": {}", one_line(&m.said())),
                            // An extension's file is the story so far.
                            None if !u.holds.is_empty() => {
                                format!(": {}", crate::i18n::holds(&u.holds))
                            }
                            None => String::new(),
                        };
                        self.line(&format!(
                            "  {}",
                            crate::t!(
                                "cli-take-line",
                                take = name_take(u.take, t),
                                account = a.as_str(),
                                state = crate::words::state(u.state),
                                why = why
                            )
                        ));
                    }
                }
            }
            Event::Progress { account, takes } => {
                let s = self.stats.entry(account.clone()).or_default();
                for (id, done, _) in takes {
                    s.live.insert(*id, *done);
                }
                let a = account.clone();
                self.refresh(&a);
            }
            Event::Lane {
                account,
                health,
                in_flight,
            } => {
                let s = self.stats.entry(account.clone()).or_default();
                if s.health.as_ref() != Some(health)
                    && let Some(reason) = health.reason()
                {
                    let msg = format!(
                        "  {}",
                        crate::t!(
                            "cli-lane-line",
                            account = account.as_str(),
                            health = crate::words::health(health),
                            reason = one_line(&reason.said()).into_owned()
                        )
                    );
                    self.line(&msg);
                }
                let s = self.stats.entry(account.clone()).or_default();
                s.health = Some(health.clone());
                s.in_flight = *in_flight;
                let a = account.clone();
                self.refresh(&a);
            }
            Event::Credits {
                account, credits, ..
            } => {
                self.stats.entry(account.clone()).or_default().credits = *credits;
                let a = account.clone();
                self.refresh(&a);
            }
            Event::Stalled {
                batch,
                queued,
                lanes,
            } => {
                let msg = crate::t!(
                    "cli-stalled-batch",
                    batch = batch,
                    queued = queued,
                    reason = one_line(&crate::words::stalled(lanes)).into_owned()
                );
                self.line(&format!("  {msg}"));
                self.stalled.push(msg);
            }
            Event::Notice { message } => self.line(&format!("  {}", message.said())),
            Event::Reconciled {
                account,
                found,
                absent,
            } => {
                self.reconciled.0 += found;
                self.reconciled.1 += absent;
                let n = found + absent;
                self.line(&format!(
                    "  {}",
                    crate::t!(
                        "cli-reconciled",
                        account = account.as_str(),
                        n = n,
                        found = found,
                        absent = absent
                    )
                ));
            }
            Event::BatchFinished { batch, .. } => {
                self.waiting.remove(batch);
                return self.waiting.is_empty();
            }
            Event::Idle => {}
        }
        false
    }

    /// Follows events until the watched batches finish, nothing can move, or Ctrl-C.
    pub async fn follow(
        &mut self,
        engine: &Engine,
        events: &mut UnboundedReceiver<Event>,
    ) -> Ending {
        let mut stopping = false;
        if self.waiting.is_empty() {
            return Ending::Finished;
        }
        // One listener for the whole wait: a `ctrl_c()` made afresh each turn would miss a
        // Ctrl-C that arrives while an event is being handled.
        let mut interrupt = Box::pin(tokio::signal::ctrl_c());
        loop {
            tokio::select! {
                e = events.recv() => {
                    let Some(e) = e else { return Ending::Aborted };
                    if self.absorb(&e) {
                        return Ending::Finished;
                    }
                    if e == Event::Idle {
                        if stopping {
                            return Ending::Stopped;
                        }
                        if !self.stalled.is_empty() {
                            return Ending::Stalled(self.stalled.join("\n"));
                        }
                    }
                }
                _ = &mut interrupt => {
                    if stopping {
                        return Ending::Aborted;
                    }
                    stopping = true;
                    // Listening again at once, for the second Ctrl-C.
                    interrupt = Box::pin(tokio::signal::ctrl_c());
                    engine.stop_submitting().ok();
                    let flying: u32 = self.stats.values().map(|s| s.in_flight).sum();
                    let later = if self.demo {
                        crate::t!("cli-demo-no-resume")
                    } else {
                        crate::t!("cli-resume-later")
                    };
                    let msg = crate::t!("cli-stopping", flying = flying, later = later);
                    if self.output == Output::Json { tell!("{msg}") } else { self.line(&msg) }
                }
            }
        }
    }

    /// Prints the table and the failures; returns the exit code.
    pub fn summary(&self, ending: &Ending, out_dir: Option<&std::path::Path>) -> i32 {
        for bar in self.account_bars.values().chain(self.total.iter()) {
            bar.abandon();
        }
        let total = self.takes.len();
        let done = self
            .takes
            .values()
            .filter(|t| t.state == TakeState::Done)
            .count();
        if self.output == Output::Json {
            // Everything that did not end on disk, whole, so a script needs no other event.
            let unfinished: Vec<serde_json::Value> = self
                .takes
                .iter()
                .filter(|(_, t)| t.state != TakeState::Done)
                .map(|(id, t)| {
                    serde_json::json!({"take": id, "scene": t.scene, "copy": t.copy,
                        "state": t.state.as_str(), "account": t.account, "prompt": t.prompt,
                        "reason": t.message})
                })
                .collect();
            let summary = serde_json::json!({"event": "summary", "takes": total, "done": done,
                "ending": format!("{ending:?}"), "not_done": unfinished});
            say!("{summary}");
        } else {
            say!();
            say!(
                "{:<14} {:>6} {:>8} {:>7} {:>9}",
                crate::t!("cli-col-account"),
                crate::t!("cli-col-taken"),
                crate::t!("cli-col-on-disk"),
                crate::t!("cli-col-failed"),
                crate::t!("cli-col-mib")
            );
            for (name, s) in &self.stats {
                say!(
                    "{:<14} {:>6} {:>8} {:>7} {:>9}",
                    name,
                    s.dealt,
                    s.done,
                    s.failed,
                    crate::i18n::decimal(s.bytes as f64 / (1 << 20) as f64, 1)
                );
            }
            say!();
            let place = out_dir
                .map(|d| crate::t!("cli-in-folder", folder = d.display().to_string()))
                .unwrap_or_default();
            say!(
                "{}",
                crate::t!(
                    "cli-videos-on-disk",
                    done = done,
                    total = total,
                    place = place
                )
            );
            let (found, absent) = self.reconciled;
            if found + absent > 0 {
                let n = found + absent;
                say!(
                    "{}",
                    crate::t!("cli-looked-up", n = n, found = found, absent = absent)
                );
            }
            let mut by_state: BTreeMap<&str, Vec<(TakeId, &TakeView)>> = BTreeMap::new();
            for (id, t) in self
                .takes
                .iter()
                .filter(|(_, t)| t.state != TakeState::Done)
            {
                by_state.entry(t.state.as_str()).or_default().push((*id, t));
            }
            let retryable: Vec<String> = self
                .takes
                .iter()
                .filter(|(_, t)| matches!(t.state, TakeState::Failed | TakeState::Uncertain))
                .map(|(id, _)| id.to_string())
                .collect();
            for (state, takes) in by_state {
                let heading = match state {
                    "failed" => crate::t!("cli-heading-failed"),
                    "uncertain" => crate::t!("cli-heading-uncertain"),
                    "timed_out" => crate::t!("cli-heading-timed-out"),
                    other => crate::t!(
                        "cli-heading-other",
                        state =
                            TakeState::parse(other).map_or(other.to_string(), crate::words::state)
                    ),
                };
                say!("{heading}");
                for (id, t) in takes {
                    let prompt: String = t.prompt.chars().take(50).collect();
                    let prompt = one_line(&prompt);
                    let why = one_line(t.message.as_deref().unwrap_or(state));
                    say!(
                        "  {}",
                        crate::t!(
                            "cli-failed-take",
                            take = name_take(id, t),
                            account = t.account.as_deref().unwrap_or("-"),
                            prompt = prompt,
                            why = why
                        )
                    );
                }
            }
            if !retryable.is_empty() && !self.demo {
                say!(
                    "{}",
                    crate::t!("cli-try-again", takes = retryable.join(" "))
                );
            }
            match ending {
                Ending::Stopped | Ending::Aborted if self.demo => {
                    say!("{}", crate::t!("cli-stopped-demo"))
                }
                Ending::Stopped | Ending::Aborted => {
                    say!("{}", crate::t!("cli-stopped"))
                }
                Ending::Stalled(why) if self.demo => {
                    say!("{}", crate::t!("cli-stalled-demo", why = why.as_str()))
                }
                Ending::Stalled(why) => say!("{}", crate::t!("cli-stalled", why = why.as_str())),
                Ending::Finished => {}
            }
        }
        match ending {
            Ending::Aborted | Ending::Stopped => 130,
            _ if done == total => 0,
            _ => 1,
        }
    }
}

/// Lets the bars draw one last time before the process ends.
pub async fn settle() {
    tokio::time::sleep(Duration::from_millis(50)).await;
}
