//! The `flowdeck` binary as the tests run it (after ripgrep's `TestCommand`): one line builds
//! the command (`flowdeck([...])` bare, `s.flowdeck([...])` with a [`Setup`]'s settings and
//! secrets), `.await` runs it to its end, and the [`Output`]'s checks name the command line,
//! its exit code and everything it printed when they fail. Built on [`super::child`].

use std::ffi::OsStr;
use std::future::{Future, IntoFuture};
use std::path::Path;
use std::pin::Pin;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::process::{Child, Command};

use super::child::{self, Setup};

pub const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");

/// `flowdeck ARGS`, speaking English, with no settings of its own (this machine's, or what
/// the test's variables name).
pub fn flowdeck<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Flowdeck {
    Flowdeck::new(child::english(BIN)).args(args)
}

impl Setup {
    /// `flowdeck ARGS --config <these settings>`, with the variables holding their secrets.
    pub fn flowdeck<S: AsRef<str>>(&self, args: impl IntoIterator<Item = S>) -> Flowdeck {
        let args: Vec<S> = args.into_iter().collect();
        let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
        let mut f = Flowdeck::new(child::command(BIN, self, &args));
        f.line = args.join(" ");
        f
    }

    /// `flowdeck run FILE --out FOLDER` with these settings (more arguments with `.args`).
    pub fn run(&self, file: &Path, out: &Path) -> Flowdeck {
        self.flowdeck(["run", arg(file), "--out", arg(out)])
    }

    /// Rewrites the settings file (`edit` gets its text, gives the new one).
    pub fn edit_config(&self, edit: impl FnOnce(String) -> String) {
        let text = std::fs::read_to_string(&self.config).expect("the settings file");
        std::fs::write(&self.config, edit(text)).expect("the settings file");
    }
}

/// A path as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn words<S: AsRef<OsStr>>(args: &[S]) -> String {
    args.iter()
        .map(|a| a.as_ref().to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `flowdeck` command being built; `.await` runs it (stdin empty unless [`Self::stdin`]).
pub struct Flowdeck {
    command: Command,
    /// The arguments as typed, for the checks' messages.
    line: String,
    stdin: Option<String>,
    within: Option<Duration>,
}

impl Flowdeck {
    fn new(mut command: Command) -> Flowdeck {
        command.kill_on_drop(true);
        Flowdeck {
            command,
            line: String::new(),
            stdin: None,
            within: None,
        }
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Flowdeck {
        let args: Vec<S> = args.into_iter().collect();
        if !args.is_empty() {
            self.line = format!("{} {}", self.line, words(&args)).trim().to_string();
        }
        self.command.args(args);
        self
    }

    pub fn arg(self, arg: impl AsRef<OsStr>) -> Flowdeck {
        self.args([arg])
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Flowdeck {
        self.command.env(key, value);
        self
    }

    pub fn envs(mut self, vars: impl IntoIterator<Item = (String, String)>) -> Flowdeck {
        self.command.envs(vars);
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Flowdeck {
        self.command.env_remove(key);
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Flowdeck {
        self.command.current_dir(dir);
        self
    }

    /// What is typed on its standard input.
    pub fn stdin(mut self, text: &str) -> Flowdeck {
        self.stdin = Some(text.to_string());
        self
    }

    /// Fails the test unless the command ends within `limit`.
    pub fn within(mut self, limit: Duration) -> Flowdeck {
        self.within = Some(limit);
        self
    }

    /// The command itself, for what the builder does not say (a `pre_exec`, say).
    #[cfg(unix)]
    pub fn command(&mut self) -> &mut Command {
        &mut self.command
    }

    /// Starts it with its standard output and error piped (stdin empty), to read as it runs.
    pub fn spawn(self) -> Child {
        self.start(Stdio::piped())
    }

    /// Starts it with its standard output piped and its error output thrown away.
    #[cfg(unix)]
    pub fn spawn_quiet(self) -> Child {
        self.start(Stdio::null())
    }

    fn start(mut self, stderr: Stdio) -> Child {
        self.command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("flowdeck starts")
    }

    async fn run(mut self) -> Output {
        let line = self.line.clone();
        let within = self.within;
        let ran = async move {
            match self.stdin.take() {
                None => child::output(self.command).await,
                Some(text) => {
                    let mut child = self
                        .command
                        .stdin(Stdio::piped())
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .expect("flowdeck starts");
                    let mut stdin = child.stdin.take().expect("stdin piped");
                    stdin.write_all(text.as_bytes()).await.expect("typed");
                    drop(stdin);
                    let out = child.wait_with_output().await.expect("runs");
                    (
                        out.status.code().unwrap_or(-1),
                        String::from_utf8_lossy(&out.stdout).to_string(),
                        String::from_utf8_lossy(&out.stderr).to_string(),
                    )
                }
            }
        };
        let (exit, stdout, stderr) = match within {
            None => ran.await,
            Some(limit) => tokio::time::timeout(limit, ran)
                .await
                .unwrap_or_else(|_| panic!("`flowdeck {line}` did not end within {limit:?}")),
        };
        Output {
            line,
            exit,
            stdout,
            stderr,
        }
    }
}

impl IntoFuture for Flowdeck {
    type Output = Output;
    type IntoFuture = Pin<Box<dyn Future<Output = Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// How a `flowdeck` command ended. The checks return `&Self` to chain.
#[derive(Debug, Clone)]
pub struct Output {
    /// The arguments it was given.
    pub line: String,
    /// Its exit code (-1 when a signal ended it).
    pub exit: i32,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`flowdeck {}` exited {}\n--- stdout\n{}\n--- stderr\n{}",
            self.line, self.exit, self.stdout, self.stderr
        )
    }
}

impl Output {
    /// It exited 0.
    #[track_caller]
    pub fn success(&self) -> &Output {
        self.code(0)
    }

    /// It exited `code`.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Output {
        assert_eq!(self.exit, code, "{self}");
        self
    }

    /// Its standard output holds `words`.
    #[track_caller]
    pub fn stdout_has(&self, words: &str) -> &Output {
        assert!(self.stdout.contains(words), "{words:?} not printed: {self}");
        self
    }

    /// Its error output holds `words`.
    #[track_caller]
    pub fn stderr_has(&self, words: &str) -> &Output {
        assert!(self.stderr.contains(words), "{words:?} not said: {self}");
        self
    }
}
