//! Follows the engine's events for the command line: one progress bar per account (or one
//! JSON event per line), Ctrl-C handling, and the summary at the end.

use crate::words::Said;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::engine::{Engine, Event, LaneHealth, TakeUpdate};
use crate::model::{AccountId, BatchId, TakeId, TakeState};
use crate::ops::tally::{Take, Tally};
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
    tally: Tally,
    waiting: HashSet<BatchId>,
    stalled: Vec<String>,
    /// Demo runs cannot be resumed: the simulator's videos vanish with it.
    pub demo: bool,
    /// The batch's folder, for the header line.
    pub out_dir: Option<std::path::PathBuf>,
    /// Every watched take, done or not: the first bar.
    total: Option<ProgressBar>,
    /// Where holds the service makes are kept for the next session (none in tests of the
    /// watch alone).
    pub holds: Option<crate::ops::holds::Holds>,
    /// The width of the bars' first column, the longest name in it (within [`NAME_MOST`]).
    names: usize,
}

/// The most characters of an account's name a bar shows (longer ones end in "…"), so the
/// columns stay where they are on an 80-column terminal.
const NAME_MOST: usize = 20;

/// `name` in exactly `width` characters.
fn shown(name: &str, width: usize) -> String {
    let mut s: String = name.chars().take(width).collect();
    if name.chars().count() > width {
        s.pop();
        s.push('…');
    }
    format!("{s:<width$}")
}

/// Keeps the terminal from echoing "^C" over the bars while they draw: the echo lands at the
/// end of a full-width bar line and wraps it, so every redraw after it starts a line too low
/// and leaves a copy of the first bar behind. The terminal is put back as it was when dropped.
struct QuietInterrupt {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl QuietInterrupt {
    fn new(bars: bool) -> QuietInterrupt {
        #[cfg(unix)]
        {
            let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
            // SAFETY: standard error is open; tcgetattr fills `t` when it returns 0.
            let got = bars && unsafe { libc::tcgetattr(2, t.as_mut_ptr()) } == 0;
            if !got {
                return QuietInterrupt { saved: None };
            }
            // SAFETY: filled by the tcgetattr above.
            let saved = unsafe { t.assume_init() };
            let mut quiet = saved;
            quiet.c_lflag &= !libc::ECHOCTL;
            // SAFETY: a termios read from this terminal, one flag changed.
            unsafe { libc::tcsetattr(2, libc::TCSANOW, &quiet) };
            QuietInterrupt { saved: Some(saved) }
        }
        #[cfg(not(unix))]
        {
            let _ = bars;
            QuietInterrupt {}
        }
    }
}

impl Drop for QuietInterrupt {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(t) = &self.saved {
            // SAFETY: the settings this terminal had.
            unsafe { libc::tcsetattr(2, libc::TCSANOW, t) };
        }
    }
}

/// Whether a take is on its way (dealt, sent, being made or fetched).
fn flying(state: TakeState) -> bool {
    matches!(
        state,
        TakeState::Assigned
            | TakeState::Submitting
            | TakeState::Generating
            | TakeState::Ready
            | TakeState::Downloading
    )
}

/// An account's bar: what matters most (failures, credits) comes first in the message, so an
/// 80-column terminal cuts only the least of it; the bar itself takes what width is left.
fn style() -> ProgressStyle {
    ProgressStyle::with_template("{prefix:.bold} {pos:>3}/{len:<3} [{wide_bar:.cyan/blue}] {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// An account that has no video yet: no bar (an empty total would draw as a full one).
fn waiting_style() -> ProgressStyle {
    ProgressStyle::with_template(&format!(
        "{{prefix:.bold}}   {} · {{msg}}",
        crate::t!("cli-no-videos-yet")
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// "take 7 (scene 3, copy 2)": the id is what `flowdeck retry` takes.
fn name_take(id: TakeId, t: &Take) -> String {
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
            tally: Tally::default(),
            waiting,
            stalled: Vec::new(),
            demo: false,
            out_dir: None,
            total: None,
            holds: None,
            names: 10,
        }
    }

    /// Widens the first column to fit `name` (and every bar's name with it).
    fn fit(&mut self, name: &str) {
        let wanted = name.chars().count().min(NAME_MOST);
        if wanted <= self.names {
            return;
        }
        self.names = wanted;
        for (account, bar) in &self.account_bars {
            bar.set_prefix(shown(account, wanted));
        }
        if let Some(total) = &self.total {
            total.set_prefix(shown(&crate::t!("cli-all-videos"), wanted));
        }
    }

    fn bar(&mut self, account: &str) -> &ProgressBar {
        if !self.account_bars.contains_key(account) {
            self.fit(account);
            let bar = self.bars.add(
                ProgressBar::new(0)
                    .with_style(style())
                    .with_prefix(shown(account, self.names)),
            );
            self.account_bars.insert(account.to_string(), bar);
        }
        &self.account_bars[account]
    }

    fn refresh(&mut self, account: &str) {
        let Some(s) = self.tally.lanes.get(account) else {
            return;
        };
        let live = self.tally.downloading(account).0;
        let mib = (s.bytes + live) as f64 / (1 << 20) as f64;
        let health = if s.heard {
            crate::words::health(&s.health)
        } else {
            crate::t!("cli-starting")
        };
        // Failures and credits first: a narrow terminal cuts the end of the line.
        let mut parts = Vec::new();
        if s.failed > 0 {
            parts.push(crate::t!("cli-failed", n = s.failed));
        }
        if let Some(c) = s.credits {
            parts.push(crate::t!("cli-credits", credits = crate::i18n::number(c)));
        }
        parts.push(health);
        // The lane's own count can come after its last take ended: never more than its takes
        // on their way.
        let on_way = self
            .tally
            .takes
            .values()
            .filter(|t| t.account.as_deref() == Some(account) && flying(t.state))
            .count() as u32;
        parts.push(crate::t!("cli-in-flight", n = s.in_flight.min(on_way)));
        parts.push(crate::t!("cli-mib", mib = crate::i18n::decimal(mib, 1)));
        let msg = one_line(&parts.join(" · ")).into_owned();
        let (dealt, done) = (u64::from(s.dealt), u64::from(s.done));
        let bar = self.bar(account);
        bar.set_style(if dealt == 0 { waiting_style() } else { style() });
        bar.set_length(dealt);
        bar.set_position(done);
        bar.set_message(msg);
        if let Some(total) = &self.total {
            total.set_position(self.tally.done() as u64);
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
        if self.output == Output::Json {
            print_json(e);
        }
        if let Some(Err(m)) = self.holds.as_ref().map(|h| h.note(e)) {
            self.line(&format!("  {}", m.said()));
        }
        // What the lines tell depends on what was known before the event.
        let before = match e {
            Event::Take(u) => self.tally.takes.get(&u.take).map(|t| t.state),
            Event::Lane {
                account, health, ..
            } => {
                self.health_line(account, health);
                None
            }
            _ => None,
        };
        self.tally.absorb(e, std::time::Instant::now());
        match e {
            Event::Batch {
                batch,
                label,
                takes,
                resumed,
            } => self.batch(*batch, label, takes.len(), *resumed),
            Event::Take(u) => self.take(u, before),
            Event::Progress { account, .. }
            | Event::Credits { account, .. }
            | Event::Lane { account, .. } => self.refresh(account),
            Event::Stalled {
                batch,
                queued,
                lanes,
            } => self.stalled_line(*batch, *queued, lanes),
            Event::Notice { message } => self.line(&format!("  {}", message.said())),
            Event::Reconciled {
                account,
                found,
                absent,
            } => self.reconciled_line(account, *found, *absent),
            Event::BatchFinished { batch, .. } => {
                self.waiting.remove(batch);
                return self.waiting.is_empty();
            }
            Event::BudgetHeld {
                batch,
                takes,
                cap,
                limit,
                spent,
            } => {
                let held = crate::model::Held {
                    cap: cap.clone(),
                    limit: *limit,
                    spent: *spent,
                };
                let (batch, n) = (*batch, takes.len());
                let line = crate::t!(
                    "cli-budget-held-batch",
                    batch = batch,
                    n = n,
                    why = one_line(&held.message().said()).into_owned()
                );
                self.line(&format!("  {line}"));
            }
            Event::Retried { .. } | Event::BudgetReleased { .. } | Event::Idle => {}
        }
        false
    }

    /// Why the takes still held by budget wait, one line per cap, and how to let them go;
    /// empty when none is held.
    fn held_by_budget(&self) -> Vec<String> {
        let mut why: Vec<String> = Vec::new();
        let mut held = 0;
        for t in self.tally.takes.values().filter(|t| t.held_by_budget()) {
            held += 1;
            let said = t.message.as_ref().map(|m| m.said()).unwrap_or_default();
            if !why.contains(&said) {
                why.push(said);
            }
        }
        if held == 0 {
            return Vec::new();
        }
        vec![crate::t!(
            "cli-budget-stalled",
            n = held,
            why = why.join("; ")
        )]
    }

    /// Why a batch's queued takes wait; kept for the ending too.
    fn stalled_line(&mut self, batch: BatchId, queued: u32, lanes: &[(AccountId, LaneHealth)]) {
        let msg = crate::t!(
            "cli-stalled-batch",
            batch = batch,
            queued = queued,
            reason = one_line(&crate::words::stalled(lanes)).into_owned()
        );
        self.line(&format!("  {msg}"));
        self.stalled.push(msg);
        // The next step for each account the service holds: this run ends, and the next
        // one starts the account afresh.
        for (account, health) in lanes {
            if matches!(health, LaneHealth::Held { .. }) {
                self.stalled
                    .push(crate::t!("cli-held-next", account = account.as_str()));
            }
        }
    }

    fn reconciled_line(&self, account: &str, found: u32, absent: u32) {
        let n = found + absent;
        self.line(&format!(
            "  {}",
            crate::t!(
                "cli-reconciled",
                account = account,
                n = n,
                found = found,
                absent = absent
            )
        ));
    }

    /// A batch's header line, and its videos added to the total bar.
    fn batch(&mut self, batch: BatchId, label: &str, videos: usize, resumed: bool) {
        let place = self
            .out_dir
            .as_ref()
            .map(|d| format!(" → {}", d.display()))
            .unwrap_or_default();
        let label = one_line(label);
        let label = label.as_ref();
        self.line(&if resumed {
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
            let label = crate::t!("cli-all-videos");
            self.fit(&label);
            let width = self.names;
            let bar = self.total.get_or_insert_with(|| {
                self.bars.insert(
                    0,
                    ProgressBar::new(0)
                        .with_style(style())
                        .with_prefix(shown(&label, width)),
                )
            });
            // Every watched batch adds its videos to the one total.
            bar.set_length(bar.length().unwrap_or(0) + videos as u64);
            bar.set_message(crate::t!("cli-on-disk"));
        }
    }

    /// A take moved: its account's bar, and a line for a failure (or every change, in lines).
    fn take(&mut self, u: &TakeUpdate, before: Option<TakeState>) {
        let Some(a) = &u.account else {
            return;
        };
        self.refresh(a);
        let bad = matches!(
            u.state,
            TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut
        );
        // Bars show the rest; plain lines tell every change (none repeated).
        let tell = bad || (self.output == Output::Lines && before != Some(u.state));
        let Some(t) = self.tally.takes.get(&u.take).filter(|_| tell) else {
            return;
        };
        let why = match &u.message {
            Some(m) => format!(": {}", one_line(&m.said())),
            // An extension's file is the story so far.
            None if !u.holds.is_empty() => format!(": {}", crate::i18n::holds(&u.holds)),
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

    /// A lane's new health, when it changed and has a reason to tell (before it is tallied).
    fn health_line(&self, account: &str, health: &LaneHealth) {
        let known = self
            .tally
            .lanes
            .get(account)
            .is_some_and(|l| l.heard && l.health == *health);
        if let Some(reason) = health.reason().filter(|_| !known) {
            self.line(&format!(
                "  {}",
                crate::t!(
                    "cli-lane-line",
                    account = account,
                    health = crate::words::health(health),
                    reason = one_line(&reason.said()).into_owned()
                )
            ));
        }
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
        let _quiet = QuietInterrupt::new(self.output == Output::Bars);
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
                        let mut why = self.stalled.clone();
                        why.extend(self.held_by_budget());
                        if !why.is_empty() {
                            return Ending::Stalled(why.join("\n"));
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
                    let flying = self.tally.takes.values().filter(|t| flying(t.state)).count();
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
    pub fn summary(&mut self, ending: &Ending, out_dir: Option<&std::path::Path>) -> i32 {
        // The last frame as things ended (a lane's last word on what it has in flight can
        // come after the batch's end).
        let accounts: Vec<AccountId> = self.account_bars.keys().cloned().collect();
        for account in &accounts {
            self.refresh(account);
        }
        for bar in self.account_bars.values().chain(self.total.iter()) {
            bar.abandon();
        }
        let (done, total) = (self.tally.done(), self.tally.takes.len());
        if self.output == Output::Json {
            self.json_summary(ending);
        } else {
            self.table();
            self.totals(out_dir);
            self.not_done();
            self.ending(ending);
        }
        match ending {
            Ending::Aborted | Ending::Stopped => 130,
            _ if done == total => 0,
            _ => 1,
        }
    }

    /// Everything that did not end on disk, whole, so a script needs no other event.
    fn json_summary(&self, ending: &Ending) {
        let unfinished: Vec<serde_json::Value> = self
            .tally
            .takes
            .iter()
            .filter(|(_, t)| t.state != TakeState::Done)
            .map(|(id, t)| {
                serde_json::json!({"take": id, "scene": t.scene, "copy": t.copy,
                    "state": t.state.as_str(), "account": t.account, "prompt": t.prompt,
                    "reason": t.message.as_ref().map(|m| m.said()),
                    "class": t.failure.as_ref().map(|f| f.class),
                    "code": t.failure.as_ref().and_then(|f| f.code.clone())})
            })
            .collect();
        let summary = serde_json::json!({"event": "summary", "takes": self.tally.takes.len(),
            "done": self.tally.done(), "ending": format!("{ending:?}"), "not_done": unfinished});
        say!("{summary}");
    }

    /// One row per account: taken, on disk, failed, MiB.
    fn table(&self) {
        say!();
        let mut rows = vec![vec![
            crate::t!("cli-col-account"),
            crate::t!("cli-col-taken"),
            crate::t!("cli-col-on-disk"),
            crate::t!("cli-col-failed"),
            crate::t!("cli-col-mib"),
        ]];
        for (name, s) in &self.tally.lanes {
            rows.push(vec![
                one_line(name).into_owned(),
                s.dealt.to_string(),
                s.done.to_string(),
                s.failed.to_string(),
                crate::i18n::decimal(s.bytes as f64 / (1 << 20) as f64, 1),
            ]);
        }
        for line in super::table::lay_out(&rows, &[false, true, true, true, true]) {
            say!("{line}");
        }
        say!();
    }

    /// The videos on disk, and the lost creates looked up.
    fn totals(&self, out_dir: Option<&std::path::Path>) {
        let place = out_dir
            .map(|d| crate::t!("cli-in-folder", folder = d.display().to_string()))
            .unwrap_or_default();
        say!(
            "{}",
            crate::t!(
                "cli-videos-on-disk",
                done = self.tally.done(),
                total = self.tally.takes.len(),
                place = place
            )
        );
        let (found, absent) = self.tally.reconciled;
        if found + absent > 0 {
            let n = found + absent;
            say!(
                "{}",
                crate::t!("cli-looked-up", n = n, found = found, absent = absent)
            );
        }
    }

    /// The takes not on disk, by state, and how to try the failed ones again.
    fn not_done(&self) {
        let mut by_state: BTreeMap<&str, Vec<(TakeId, &Take)>> = BTreeMap::new();
        for (id, t) in self
            .tally
            .takes
            .iter()
            .filter(|(_, t)| t.state != TakeState::Done)
        {
            by_state.entry(t.state.as_str()).or_default().push((*id, t));
        }
        for (state, takes) in by_state {
            say!("{}", heading(state));
            for (id, t) in takes {
                let prompt: String = t.prompt.chars().take(50).collect();
                let prompt = one_line(&prompt);
                // Without a reason, the state in the language spoken.
                let why = t
                    .message
                    .as_ref()
                    .map_or_else(|| crate::words::state(t.state), |m| m.said());
                let why = one_line(&why);
                let take = name_take(id, t);
                let line = match t.account.as_deref() {
                    Some(account) => crate::t!(
                        "cli-failed-take",
                        take = take,
                        account = account,
                        prompt = prompt,
                        why = why
                    ),
                    // Never dealt to an account: nothing was sent.
                    None => crate::t!(
                        "cli-failed-take-unsent",
                        take = take,
                        prompt = prompt,
                        why = why
                    ),
                };
                say!("  {line}");
            }
        }
        let retryable: Vec<String> = self
            .tally
            .takes
            .iter()
            .filter(|(_, t)| matches!(t.state, TakeState::Failed | TakeState::Uncertain))
            .map(|(id, _)| id.to_string())
            .collect();
        if !retryable.is_empty() && !self.demo {
            say!(
                "{}",
                crate::t!("cli-try-again", takes = retryable.join(" "))
            );
        }
    }

    /// Why the run ended early, if it did.
    fn ending(&self, ending: &Ending) {
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
}

/// The heading over the takes left in one state.
fn heading(state: &str) -> String {
    match state {
        "failed" => crate::t!("cli-heading-failed"),
        "uncertain" => crate::t!("cli-heading-uncertain"),
        "timed_out" => crate::t!("cli-heading-timed-out"),
        other => crate::t!(
            "cli-heading-other",
            state = TakeState::parse(other).map_or(other.to_string(), crate::words::state)
        ),
    }
}

/// One event as a line of JSON on standard output, with its messages put into words.
fn print_json(e: &Event) {
    if let Ok(line) = serde_json::to_value(e)
        .map(super::json::worded)
        .and_then(|v| serde_json::to_string(&v))
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", crate::visible::lines(&line)).ok();
        out.flush().ok();
    }
}

/// Lets the bars draw one last time before the process ends.
pub async fn settle() {
    tokio::time::sleep(Duration::from_millis(50)).await;
}
