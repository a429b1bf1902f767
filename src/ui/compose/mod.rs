//! Compose: prompts in, options, and Generate.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::ui::focus::{after, button, cycling, ring};
use iced::keyboard::{self, key};
use iced::widget::text_editor;
use iced::{Element, Fill, Task};

use super::style;
use crate::model::{
    Aspect, BatchSpec, DURATIONS, Mode, Model, Resolution, Scene, SeedChoice, Shot,
};
use crate::store::import::{self, SceneDraft, TextMode};
use crate::words::said;

mod importing;
mod pictures;
mod view;

pub use pictures::Slot;

/// What the window knows about an account when composing.
#[derive(Debug, Clone)]
pub struct AccountChoice {
    pub name: String,
    pub credits: Option<i64>,
    /// A Flow account's plan, once known.
    pub plan: Option<crate::provider::flow::Plan>,
    /// Why it cannot run the chosen model, if it cannot.
    pub unsupported: Option<String>,
    /// Credits per video of the chosen model.
    pub cost_each: Option<i64>,
    /// Resolutions this account can make with the chosen model.
    pub resolutions: Vec<Resolution>,
    /// Seconds this account can make with the chosen model.
    pub durations: Vec<u8>,
    /// US dollars per video of the chosen look, for accounts billed in money.
    pub usd_each: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedMode {
    Random,
    Fixed,
}

pub struct Compose {
    pub editor: text_editor::Content,
    pub paragraphs: bool,
    pub model: Model,
    pub aspect: Aspect,
    pub copies: u8,
    pub duration: u8,
    pub resolution: Resolution,
    pub seed_mode: SeedMode,
    pub seed: String,
    pub out_dir: String,
    pub mode: Mode,
    /// Accounts left out; every other account is used.
    pub excluded: BTreeSet<String>,
    /// Per-scene options from an imported file, by prompt.
    imported: HashMap<String, SceneDraft>,
    pub error: Option<String>,
    /// What just happened, said again in the language spoken each time it is shown.
    pub notice: Option<crate::message::Message>,
    /// Whether file dialogs can open here (`platform::dialogs`), or why not.
    pub dialogs: Result<(), String>,
    /// A typed path to import from, shown when no file dialog can open.
    pub import_path: Option<String>,
    /// The picture slot last clicked (a scene's prompt and which slot): a dropped or chosen
    /// picture goes there.
    pub armed: Option<(String, Slot)>,
    /// A typed path of a picture for the slot last clicked, shown when no file dialog can open
    /// (dropping a picture on the window works too).
    pub picture_path: Option<String>,
    /// How many times the prompts changed (typed, scrolled, imported): the editor is repainted
    /// in full after each (`repaint::whole`).
    edits: u64,
    /// The settings' caps over all accounts, and what was spent today: the estimate says
    /// how many videos would wait, held by budget.
    pub budget: crate::store::config::Limits,
    pub spent_today: crate::model::Spend,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(text_editor::Action),
    Paragraphs(bool),
    Model(Model),
    Aspect(Aspect),
    Copies(u8),
    Duration(u8),
    Resolution(Resolution),
    SeedMode(SeedMode),
    Seed(String),
    OutDir(String),
    Browse,
    Browsed(Option<PathBuf>),
    Mode(Mode),
    Account(String, bool),
    Import,
    /// The typed path to import from changed.
    ImportPath(String),
    /// Import the typed path.
    ImportTyped,
    /// The typed path of a picture for the slot last clicked changed.
    PicturePath(String),
    /// Put the typed picture in the slot last clicked.
    PictureTyped,
    ImportFile(PathBuf),
    Imported(Result<(String, Vec<SceneDraft>), String>),
    Generate,
    /// A scene's picture slot was clicked.
    Arm(String, Slot),
    /// A picture file dropped on the window, for the slot last clicked.
    Picture(PathBuf),
    /// The picture dialog closed (with a file, or cancelled).
    Chosen(Option<PathBuf>),
    /// Take a scene's picture out (the index among its references).
    Unset(String, Slot, usize),
}

/// What the parent should do after an update.
pub enum Action {
    None,
    Run(Task<Message>),
    Generate(BatchSpec),
}

const COPIES: [u8; 4] = [1, 2, 3, 4];

impl Compose {
    pub fn new(out_dir: PathBuf) -> Compose {
        Compose {
            editor: text_editor::Content::new(),
            paragraphs: false,
            model: Model::Veo31Fast,
            aspect: Aspect::Landscape,
            copies: 1,
            duration: 8,
            resolution: Resolution::P720,
            seed_mode: SeedMode::Random,
            seed: String::new(),
            out_dir: out_dir.display().to_string(),
            mode: Mode::Parallel,
            excluded: BTreeSet::new(),
            imported: HashMap::new(),
            error: None,
            notice: None,
            dialogs: super::platform::dialogs(),
            import_path: None,
            armed: None,
            picture_path: None,
            edits: 0,
            budget: Default::default(),
            spent_today: Default::default(),
        }
    }

    fn text_mode(&self) -> TextMode {
        if self.paragraphs {
            TextMode::Paragraphs
        } else {
            TextMode::Lines
        }
    }

    /// The scenes as written now, with the options chosen (or imported per scene).
    pub fn scenes(&self) -> Result<Vec<Scene>, String> {
        let mode = self.text_mode();
        let text = self.editor.text();
        let drafts = import::parse("the prompts", "txt", text.as_bytes(), mode)
            .map_err(|e| e.message)
            .map_err(said)?;
        let seed = match self.seed_mode {
            SeedMode::Random => SeedChoice::Random,
            SeedMode::Fixed => SeedChoice::Fixed(
                self.seed
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|s| *s <= 2_147_483_647)
                    .ok_or_else(|| crate::t!("compose-seed-range"))?,
            ),
        };
        Ok(drafts
            .into_iter()
            .map(|d| {
                let extra = self.imported.get(&d.prompt);
                Scene {
                    name: extra.and_then(|x| x.name.clone()),
                    model: extra
                        .and_then(|x| x.model.clone())
                        .unwrap_or_else(|| self.model.clone()),
                    aspect: extra.and_then(|x| x.aspect).unwrap_or(self.aspect),
                    copies: extra.and_then(|x| x.copies).unwrap_or(self.copies),
                    seed: extra.and_then(|x| x.seed).map_or(seed, SeedChoice::Fixed),
                    duration: extra
                        .and_then(|x| x.duration)
                        .or(Some(self.duration))
                        .filter(|d| *d != 8),
                    resolution: extra
                        .and_then(|x| x.resolution)
                        .or(Some(self.resolution))
                        .filter(|r| *r != Resolution::P720),
                    prompt: d.prompt,
                    source: None,
                    // From a prompt file's columns or the scene's picture slots.
                    inputs: extra.map(|x| x.inputs.clone()).unwrap_or_default(),
                    continues: extra.and_then(|x| x.continues),
                }
            })
            .collect())
    }

    /// The look chosen in the form (scenes from a file may override it).
    pub fn shot(&self) -> Shot {
        Shot {
            model: self.model.clone(),
            aspect: self.aspect,
            duration: Some(self.duration).filter(|d| *d != 8),
            resolution: Some(self.resolution).filter(|r| *r != Resolution::P720),
            inputs: crate::model::InputKind::Text,
        }
    }

    /// Seconds any chosen account can make with the chosen model, in order.
    pub fn offered_durations(&self, accounts: &[AccountChoice]) -> Vec<u8> {
        let mut offered: Vec<u8> = self
            .chosen(accounts)
            .iter()
            .flat_map(|a| a.durations.iter().copied())
            .collect();
        offered.sort_unstable();
        offered.dedup();
        if offered.is_empty() {
            DURATIONS.to_vec()
        } else {
            offered
        }
    }

    /// Resolutions any chosen account can make with the chosen model, in menu order.
    pub fn offered_resolutions(&self, accounts: &[AccountChoice]) -> Vec<Resolution> {
        let chosen = self.chosen(accounts);
        let offered: Vec<Resolution> = Resolution::ALL
            .into_iter()
            .filter(|r| chosen.iter().any(|a| a.resolutions.contains(r)))
            .collect();
        if offered.is_empty() {
            vec![Resolution::P720]
        } else {
            offered
        }
    }

    fn chosen<'a>(&self, accounts: &'a [AccountChoice]) -> Vec<&'a AccountChoice> {
        accounts
            .iter()
            .filter(|a| !self.excluded.contains(&a.name))
            .collect()
    }

    /// The batch to start, or why it cannot start.
    pub fn request(&self, accounts: &[AccountChoice], template: &str) -> Result<BatchSpec, String> {
        let scenes = self.scenes()?;
        let chosen = self.chosen(accounts);
        if chosen.is_empty() {
            return Err(crate::t!("compose-choose-account"));
        }
        if chosen.iter().all(|a| a.unsupported.is_some()) {
            let (model, aspect) = (self.model.to_string(), self.aspect.to_string());
            return Err(crate::t!(
                "compose-none-can-run",
                model = model,
                aspect = aspect
            ));
        }
        let out = self.out_dir.trim();
        if out.is_empty() {
            return Err(crate::t!("compose-choose-folder"));
        }
        let stamp = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "[year]-[month]-[day]_[hour][minute][second]"
            ))
            .unwrap_or_default();
        Ok(BatchSpec {
            label: format!("batch_{stamp}"),
            scenes,
            out_dir: PathBuf::from(out),
            template: template.to_string(),
            accounts: if chosen.len() == accounts.len() {
                Vec::new()
            } else {
                chosen.iter().map(|a| a.name.clone()).collect()
            },
            mode: self.mode,
            caps: Default::default(),
        })
    }

    /// "12 scenes × 2 copies = 24 videos, about 480 credits, over 3 accounts", and warnings.
    pub fn estimate(&self, accounts: &[AccountChoice]) -> (String, Vec<String>) {
        let Ok(scenes) = self.scenes() else {
            return (crate::t!("compose-estimate-empty"), Vec::new());
        };
        let chosen = self.chosen(accounts);
        let able: Vec<&&AccountChoice> =
            chosen.iter().filter(|a| a.unsupported.is_none()).collect();
        let videos: u32 = scenes.iter().map(|s| u32::from(s.copies)).sum();
        let uniform = scenes.iter().all(|s| s.copies == self.copies);
        let cost = able
            .iter()
            .find_map(|a| a.cost_each)
            .map(|c| c * i64::from(videos));
        let scene_count = scenes.len();
        let mut line = if uniform {
            crate::t!(
                "compose-estimate-uniform",
                scenes = scene_count,
                copies = self.copies,
                videos = videos
            )
        } else {
            crate::t!(
                "compose-estimate-mixed",
                scenes = scene_count,
                videos = videos
            )
        };
        if let Some(c) = cost {
            line.push_str(&crate::t!(
                "compose-estimate-credits",
                credits = crate::i18n::number(c)
            ));
        }
        // Accounts billed in money: what the whole batch would cost if they made it all.
        if let Some(usd) = able.iter().find_map(|a| a.usd_each) {
            let usd = crate::i18n::dollars(usd * f64::from(videos));
            line.push_str(&if cost.is_some() {
                // Fluent trims a value's leading space: it goes here.
                format!(" {}", crate::t!("compose-estimate-usd-also", usd = usd))
            } else {
                crate::t!("compose-estimate-usd", usd = usd)
            });
        }
        line.push_str(&crate::t!(
            "compose-estimate-accounts",
            accounts = able.len()
        ));
        let mut warnings = Vec::new();
        for a in &chosen {
            if let Some(why) = &a.unsupported {
                warnings.push(crate::t!(
                    "compose-cannot-run",
                    account = a.name.as_str(),
                    why = why.as_str()
                ));
            }
        }
        let usd_each = able.iter().find_map(|a| a.usd_each);
        let each = able.iter().find_map(|a| a.cost_each);
        match self.tightest_cap(each, usd_each) {
            Some((cap, fits)) if fits < videos => {
                let waiting = videos - fits;
                warnings.push(crate::t!(
                    "compose-budget-wait",
                    cap = cap,
                    waiting = waiting,
                    videos = videos
                ));
            }
            // A cap is set and the batch fits under it: the estimate says so.
            Some((cap, _)) => line.push_str(&crate::t!("compose-within-cap", cap = cap)),
            None => {}
        }
        if let Some(total) = cost
            && !able.is_empty()
        {
            let share = total / able.len() as i64;
            for a in &able {
                if let Some(c) = a.credits
                    && c < share
                {
                    warnings.push(crate::t!(
                        "compose-short-of-credits",
                        account = a.name.as_str(),
                        credits = crate::i18n::number(c),
                        share = crate::i18n::number(share)
                    ));
                }
            }
        }
        if let Model::Raw(key) = &self.model
            && key.contains("_ultra")
        {
            for a in &able {
                if a.plan
                    .is_some_and(|p| p != crate::provider::flow::Plan::Ultra)
                {
                    warnings.push(crate::t!(
                        "compose-not-ultra",
                        account = a.name.as_str(),
                        key = key.as_str()
                    ));
                }
            }
        }
        (line, warnings)
    }

    /// The tightest of the caps over all accounts that bill this batch's videos ("cap 100
    /// credits a day (40 left today)") and how many videos fit under it.
    fn tightest_cap(&self, credits: Option<i64>, usd: Option<f64>) -> Option<(String, u32)> {
        let b = &self.budget;
        let spent = self.spent_today;
        // Per cap: (its words, how many videos fit under it).
        let mut caps: Vec<(String, u32)> = Vec::new();
        let fit =
            |room: f64, each: f64| (room.max(0.0) / each).floor().min(f64::from(u32::MAX)) as u32;
        if let Some(each) = credits.filter(|c| *c > 0) {
            if let Some(cap) = b.day_credits {
                let left = cap - spent.credits;
                let words = crate::t!(
                    "compose-cap-day",
                    cap = crate::t!("budget-credits", credits = crate::i18n::number(cap)),
                    left = crate::t!("budget-credits", credits = crate::i18n::number(left.max(0)))
                );
                caps.push((words, fit(left as f64, each as f64)));
            }
            if let Some(cap) = b.batch_credits {
                let words = crate::t!(
                    "compose-cap-batch",
                    cap = crate::t!("budget-credits", credits = crate::i18n::number(cap))
                );
                caps.push((words, fit(cap as f64, each as f64)));
            }
        } else if let Some(each) = usd.filter(|u| *u > 0.0) {
            if let Some(cap) = b.day_dollars {
                let left = cap - spent.usd;
                let words = crate::t!(
                    "compose-cap-day",
                    cap = crate::i18n::dollars(cap),
                    left = crate::i18n::dollars(left.max(0.0))
                );
                caps.push((words, fit(left, each)));
            }
            if let Some(cap) = b.batch_dollars {
                let words = crate::t!("compose-cap-batch", cap = crate::i18n::dollars(cap));
                caps.push((words, fit(cap, each)));
            }
        }
        caps.into_iter().min_by_key(|(_, n)| *n)
    }

    pub fn update(
        &mut self,
        message: Message,
        accounts: &[AccountChoice],
        template: &str,
    ) -> Action {
        match message {
            Message::Edit(action) => self.edit(action),
            Message::Paragraphs(p) => self.paragraphs = p,
            Message::Model(m) => self.model = m,
            Message::Aspect(a) => self.aspect = a,
            Message::Copies(c) => self.copies = c,
            Message::Duration(d) => self.duration = d,
            Message::Resolution(r) => self.resolution = r,
            Message::SeedMode(m) => self.seed_mode = m,
            Message::Seed(s) => self.seed = s.chars().filter(char::is_ascii_digit).collect(),
            Message::OutDir(d) => self.out_dir = d,
            Message::Browse => return self.browse(),
            Message::Arm(prompt, slot) => return self.arm(prompt, slot),
            Message::Picture(path) | Message::Chosen(Some(path)) => self.put_picture(path),
            Message::PicturePath(p) => self.picture_path = Some(p),
            Message::PictureTyped => {
                let typed = self.picture_path.clone().unwrap_or_default();
                if !typed.trim().is_empty() {
                    self.put_picture(PathBuf::from(typed.trim()));
                    if self.error.is_none() {
                        self.picture_path = Some(String::new());
                    }
                }
            }
            Message::Chosen(None) => {}
            Message::Unset(prompt, slot, index) => self.unset(&prompt, slot, index),
            Message::Browsed(Some(p)) => self.out_dir = p.display().to_string(),
            Message::Browsed(None) => {}
            Message::Mode(m) => self.mode = m,
            Message::Account(name, on) => {
                if on {
                    self.excluded.remove(&name);
                } else {
                    self.excluded.insert(name);
                }
            }
            Message::Import => return self.import(),
            Message::ImportPath(p) => self.import_path = Some(p),
            Message::ImportTyped => return self.import_typed(accounts, template),
            Message::ImportFile(path) => return self.import_file(path),
            Message::Imported(Ok((name, drafts))) => self.imported(&name, drafts),
            Message::Imported(Err(e)) => {
                if !e.is_empty() {
                    self.error = Some(e);
                }
            }
            Message::Generate => match self.request(accounts, template) {
                Ok(spec) => {
                    self.error = None;
                    return Action::Generate(spec);
                }
                Err(e) => self.error = Some(e),
            },
        }
        Action::None
    }

    /// Typing in the prompts; a paste that no prompt file could hold is refused.
    fn edit(&mut self, action: text_editor::Action) {
        if let text_editor::Action::Edit(text_editor::Edit::Paste(text)) = &action
            && let Err(why) = pasteable(text)
        {
            self.error = Some(why);
            return;
        }
        self.editor.perform(action);
        self.edits += 1;
        self.error = None;
    }

    /// The folder dialog for the output folder, when the system has one.
    fn browse(&mut self) -> Action {
        if let Err(why) = &self.dialogs {
            self.notice = Some(crate::msg!("compose-no-folder-dialog", why = why.as_str()));
            return Action::None;
        }
        let start = PathBuf::from(&self.out_dir);
        Action::Run(Task::perform(
            super::platform::pick_folder(start),
            Message::Browsed,
        ))
    }
}

/// Whether pasted text fits the limits of a prompt file: no line longer than a prompt may be,
/// no more prompts than a batch. (Generate checks the whole text again.)
fn pasteable(text: &str) -> Result<(), String> {
    let mut prompts = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let chars = line.chars().count();
        if chars > import::MAX_PROMPT_CHARS {
            let line = i + 1;
            return Err(crate::t!(
                "compose-paste-too-long",
                line = line,
                chars = crate::i18n::number(chars as i64),
                most = crate::i18n::number(import::MAX_PROMPT_CHARS as i64)
            ));
        }
        prompts += 1;
        if prompts > import::MAX_SCENES {
            return Err(crate::t!(
                "compose-paste-too-many",
                most = crate::i18n::number(import::MAX_SCENES as i64)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_past_the_limits_is_refused_and_the_box_keeps_its_text() {
        let mut c = Compose::new(PathBuf::from("/tmp/out"));
        let paste = |c: &mut Compose, text: String| {
            let action = text_editor::Action::Edit(text_editor::Edit::Paste(text.into()));
            c.update(Message::Edit(action), &accounts(), "{batch}");
        };
        paste(&mut c, "a quiet harbour\n".into());
        assert_eq!(c.editor.text().trim(), "a quiet harbour");
        paste(
            &mut c,
            format!("fine\n{}\n", "a".repeat(import::MAX_PROMPT_CHARS + 1)),
        );
        assert_eq!(
            c.error.as_deref(),
            Some(
                "not pasted: line 2 of the text is 5,001 characters long, and the longest prompt \
                 any video service accepts is 5,000"
            )
        );
        paste(&mut c, "x\n".repeat(import::MAX_SCENES + 1));
        assert!(
            c.error
                .as_deref()
                .is_some_and(|e| e.contains("more than 10,000 prompts"))
        );
        assert_eq!(
            c.editor.text().trim(),
            "a quiet harbour",
            "nothing was pasted"
        );
        // Typed past the limit (the box takes keys one by one), Generate says where.
        c.editor = text_editor::Content::with_text(&"b".repeat(import::MAX_PROMPT_CHARS + 1));
        let e = c.scenes().unwrap_err();
        assert!(e.contains("5,001 characters"), "{e}");
    }

    fn accounts() -> Vec<AccountChoice> {
        ["a", "b", "c"]
            .iter()
            .map(|n| AccountChoice {
                name: n.to_string(),
                credits: Some(1000),
                plan: Some(crate::provider::flow::Plan::Pro),
                unsupported: None,
                cost_each: Some(20),
                resolutions: vec![Resolution::P720],
                durations: vec![8],
                usd_each: None,
            })
            .collect()
    }

    #[test]
    fn the_estimate_counts_scenes_copies_and_credits() {
        let mut c = Compose::new(PathBuf::from("/tmp/out"));
        c.editor = text_editor::Content::with_text(&"scene\n".repeat(12));
        c.copies = 2;
        let (line, warnings) = c.estimate(&accounts());
        assert_eq!(
            line,
            "12 scenes × 2 copies = 24 videos, about 480 credits, over 3 accounts"
        );
        assert!(warnings.is_empty());
        let mut poor = accounts();
        poor[1].credits = Some(15);
        let (_, warnings) = c.estimate(&poor);
        assert!(
            warnings.iter().any(|w| w.contains("b has 15 credits")),
            "{warnings:?}"
        );
    }

    /// Issue 26: the estimate says how many videos the caps leave waiting, by the tightest.
    #[test]
    fn the_estimate_says_how_many_videos_the_caps_hold() {
        let mut c = Compose::new(PathBuf::from("/tmp/out"));
        c.editor = text_editor::Content::with_text(&"scene\n".repeat(6));
        let (_, warnings) = c.estimate(&accounts());
        assert!(warnings.is_empty(), "no cap, no word: {warnings:?}");
        c.budget.day_credits = Some(200);
        let (line, warnings) = c.estimate(&accounts());
        assert!(warnings.is_empty(), "the batch fits: {warnings:?}");
        assert!(
            line.ends_with(" · within cap 200 credits a day (200 credits left today)"),
            "{line}"
        );
        c.budget.day_credits = Some(100);
        c.spent_today.credits = 40;
        let (line, warnings) = c.estimate(&accounts());
        assert!(!line.contains("within"), "{line}");
        assert_eq!(
            warnings,
            [
                "cap 100 credits a day (60 credits left today): 3 of these 6 videos will wait, \
              held by budget"
            ]
        );
        c.budget.batch_credits = Some(20);
        let (_, warnings) = c.estimate(&accounts());
        assert!(
            warnings[0].starts_with("cap 20 credits a batch: 5 of these 6"),
            "{warnings:?}"
        );
    }
}
