//! Settings: output, file names, pacing, reCAPTCHA helper and theme, each checked as typed.

use std::path::PathBuf;

use crate::ui::focus::{after, button, cycling};
use iced::widget::{column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Fill, Task};

use super::style;
use crate::i18n::Language;
use crate::store::config::{Settings, ThemeChoice};
use crate::store::naming::{NameValues, Template};
use crate::words::Said;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub out_dir: String,
    pub template: String,
    pub concurrency: String,
    pub poll_interval: String,
    pub downloads: String,
    pub spacing: String,
    /// Gemini API: who may appear in videos.
    pub person_generation: PersonGeneration,
    pub negative_prompt: String,
    pub theme: Theme,
    /// The language spoken now (chosen, or the system's).
    pub language: Language,
    /// Spending caps over all accounts (`[budget]`); empty: no cap.
    pub caps: CapFields,
}

/// The four caps of `[budget]` as typed: credits and dollars, per day and per batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapFields {
    pub day_credits: String,
    pub day_dollars: String,
    pub batch_credits: String,
    pub batch_dollars: String,
}

/// Which cap a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapField {
    DayCredits,
    DayDollars,
    BatchCredits,
    BatchDollars,
}

pub struct SettingsScreen {
    pub form: Form,
    pub saved: Option<Result<String, String>>,
    /// Kept in step with the form, so the view only borrows.
    problems: Problems,
    template_hint: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    OutDir(String),
    Template(String),
    Concurrency(String),
    PollInterval(String),
    Downloads(String),
    Spacing(String),
    Theme(Theme),
    /// A language was chosen: it applies at once and is saved at once.
    Language(Language),
    LanguageSaved(Result<Box<Settings>, String>),
    /// The theme chosen was saved (it applies at once).
    ThemeSaved(Result<Box<Settings>, String>),
    PersonGeneration(PersonGeneration),
    NegativePrompt(String),
    Cap(CapField, String),
    Save,
    Saved(Result<Box<Settings>, String>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Changed(Box<Settings>),
}

/// A theme as the menu names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme(pub ThemeChoice);

impl std::fmt::Display for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self.0 {
            ThemeChoice::System => crate::t!("theme-system"),
            ThemeChoice::Light => crate::t!("theme-light"),
            ThemeChoice::Dark => crate::t!("theme-dark"),
        })
    }
}

const THEMES: [Theme; 3] = [
    Theme(ThemeChoice::System),
    Theme(ThemeChoice::Light),
    Theme(ThemeChoice::Dark),
];

/// The Gemini API's `personGeneration` for text-to-video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonGeneration {
    AllowAll,
    AllowAdult,
}

impl std::fmt::Display for PersonGeneration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            PersonGeneration::AllowAll => crate::t!("people-anyone"),
            PersonGeneration::AllowAdult => crate::t!("people-adults"),
        })
    }
}

const PERSON_GENERATION: [PersonGeneration; 2] =
    [PersonGeneration::AllowAll, PersonGeneration::AllowAdult];

/// Each field's problem, if any.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub out_dir: Option<String>,
    pub template: Option<String>,
    pub concurrency: Option<String>,
    pub poll_interval: Option<String>,
    pub downloads: Option<String>,
    pub spacing: Option<String>,
    pub caps: Option<String>,
}

impl Problems {
    pub fn any(&self) -> bool {
        *self != Problems::default()
    }
}

fn number<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
    s: &str,
    lo: T,
    hi: T,
    what: &str,
) -> Result<T, String> {
    // Either decimal mark: the one the language writes (1,5) or the one programs do (1.5).
    let v: T = s
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| crate::t!("settings-must-be-number", what = what))?;
    if v < lo || v > hi {
        let (lo, hi) = (lo.to_string(), hi.to_string());
        return Err(crate::t!("settings-between", what = what, lo = lo, hi = hi));
    }
    Ok(v)
}

impl Form {
    pub fn from(s: &Settings, default_out: &std::path::Path) -> Form {
        Form {
            out_dir: s
                .output
                .dir
                .as_deref()
                .unwrap_or(default_out)
                .display()
                .to_string(),
            template: s.output.template.clone(),
            concurrency: s.engine.concurrency.to_string(),
            poll_interval: s
                .engine
                .poll_interval_secs
                .to_string()
                .replace('.', &crate::t!("number-decimal")),
            downloads: s.engine.max_downloads.to_string(),
            spacing: s
                .flow
                .generate_spacing_secs
                .to_string()
                .replace('.', &crate::t!("number-decimal")),
            person_generation: match s.gemini.person_generation.as_deref() {
                Some("allow_adult") => PersonGeneration::AllowAdult,
                _ => PersonGeneration::AllowAll,
            },
            negative_prompt: s.gemini.negative_prompt.clone().unwrap_or_default(),
            theme: Theme(s.ui.theme),
            language: crate::i18n::current(),
            caps: CapFields::from(&s.budget),
        }
    }

    pub fn problems(&self) -> Problems {
        Problems {
            out_dir: self
                .out_dir
                .trim()
                .is_empty()
                .then(|| crate::t!("settings-choose-folder")),
            template: Template::parse(&self.template)
                .err()
                .map(|m| crate::i18n::say(&m)),
            concurrency: number::<u32>(
                &self.concurrency,
                1,
                32,
                &crate::t!("settings-what-concurrency"),
            )
            .err(),
            poll_interval: number::<f64>(
                &self.poll_interval,
                1.0,
                600.0,
                &crate::t!("settings-what-poll"),
            )
            .err(),
            downloads: number::<u32>(
                &self.downloads,
                1,
                64,
                &crate::t!("settings-what-downloads"),
            )
            .err(),
            spacing: number::<f64>(
                &self.spacing,
                0.0,
                3600.0,
                &crate::t!("settings-what-spacing"),
            )
            .err(),
            caps: self.caps.limits().err(),
        }
    }

    /// The settings with this form applied, when every field is valid.
    pub fn apply(&self, base: &Settings) -> Result<Settings, String> {
        if self.problems().any() {
            return Err(crate::t!("settings-fix-first"));
        }
        let mut s = base.clone();
        s.output.dir = Some(PathBuf::from(self.out_dir.trim()));
        s.output.template = self.template.clone();
        s.engine.concurrency = number(&self.concurrency, 1, 32, "")?;
        s.engine.poll_interval_secs = number(&self.poll_interval, 1.0, 600.0, "")?;
        s.engine.max_downloads = number(&self.downloads, 1, 64, "")?;
        s.flow.generate_spacing_secs = number(&self.spacing, 0.0, 3600.0, "")?;
        s.gemini.person_generation = match self.person_generation {
            PersonGeneration::AllowAll => None,
            PersonGeneration::AllowAdult => Some("allow_adult".into()),
        };
        s.gemini.negative_prompt =
            Some(self.negative_prompt.trim().to_string()).filter(|n| !n.is_empty());
        s.ui.theme = self.theme.0;
        s.budget.set_overall(self.caps.limits()?);
        Ok(s)
    }
}

impl CapFields {
    fn from(b: &crate::store::config::BudgetSection) -> CapFields {
        let mark = crate::t!("number-decimal");
        let credits = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        let dollars = |v: Option<f64>| {
            v.map(|x| x.to_string().replace('.', &mark))
                .unwrap_or_default()
        };
        CapFields {
            day_credits: credits(b.day_credits),
            day_dollars: dollars(b.day_dollars),
            batch_credits: credits(b.batch_credits),
            batch_dollars: dollars(b.batch_dollars),
        }
    }

    /// The caps typed, when each is empty (no cap) or a number, 0 or more.
    pub fn limits(&self) -> Result<crate::store::config::Limits, String> {
        let wrong = || crate::t!("settings-cap-wrong");
        // Either decimal mark, as the other numbers here.
        let read = |s: &str| s.trim().replace(',', ".");
        let credits = |s: &str| -> Result<Option<i64>, String> {
            match read(s).as_str() {
                "" => Ok(None),
                t => t
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .map(Some)
                    .ok_or_else(wrong),
            }
        };
        let dollars = |s: &str| -> Result<Option<f64>, String> {
            match read(s).as_str() {
                "" => Ok(None),
                t => t
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .map(Some)
                    .ok_or_else(wrong),
            }
        };
        Ok(crate::store::config::Limits {
            day_credits: credits(&self.day_credits)?,
            day_dollars: dollars(&self.day_dollars)?,
            batch_credits: credits(&self.batch_credits)?,
            batch_dollars: dollars(&self.batch_dollars)?,
        })
    }

    fn set(&mut self, which: CapField, v: String) {
        *match which {
            CapField::DayCredits => &mut self.day_credits,
            CapField::DayDollars => &mut self.day_dollars,
            CapField::BatchCredits => &mut self.batch_credits,
            CapField::BatchDollars => &mut self.batch_dollars,
        } = v;
    }
}

fn field<'a>(
    label: String,
    input: Element<'a, Message>,
    hint: String,
    problem: &'a Option<String>,
) -> Element<'a, Message> {
    let note = match problem {
        Some(p) => text(p).size(12).style(style::danger),
        None => text(hint).size(12).style(style::muted),
    };
    column![text(label).size(13), input, note].spacing(4).into()
}

fn template_hint(template: &str) -> String {
    let sample = Template::parse(template).ok().map(|t| {
        t.render(&NameValues {
            batch: "batch_2026-11-25",
            scene: 7,
            prompt: "A lighthouse at dawn",
            take: 2,
            account: "acc1",
            seed: 4242,
            model: "veo-3.1-fast",
            aspect: "landscape",
            name: None,
        })
        .display()
        .to_string()
    });
    sample.map_or_else(String::new, |s| {
        crate::t!(
            "settings-example",
            sample = s,
            placeholders = "{batch} {scene:03} {slug} {take} {name} {account} {seed}"
        )
    })
}

impl SettingsScreen {
    pub fn new(s: &Settings, default_out: &std::path::Path) -> SettingsScreen {
        let form = Form::from(s, default_out);
        SettingsScreen {
            problems: form.problems(),
            template_hint: template_hint(&form.template),
            form,
            saved: None,
        }
    }

    /// Whether a field is marked wrong now (for tests and the Save button).
    pub fn problems(&self) -> &Problems {
        &self.problems
    }

    pub fn update(&mut self, message: Message, base: &Settings, file: PathBuf) -> Action {
        let action = self.apply(message, base, file);
        self.problems = self.form.problems();
        self.template_hint = template_hint(&self.form.template);
        action
    }

    fn apply(&mut self, message: Message, base: &Settings, file: PathBuf) -> Action {
        self.saved = None;
        let f = &mut self.form;
        match message {
            Message::OutDir(s) => f.out_dir = s,
            Message::Template(s) => f.template = s,
            Message::Concurrency(s) => f.concurrency = s,
            Message::PollInterval(s) => f.poll_interval = s,
            Message::Downloads(s) => f.downloads = s,
            Message::Spacing(s) => f.spacing = s,
            Message::PersonGeneration(p) => f.person_generation = p,
            Message::NegativePrompt(s) => f.negative_prompt = s,
            Message::Cap(which, v) => f.caps.set(which, v),
            Message::Theme(t) => {
                f.theme = t;
                // Shown and saved at once, as the language is.
                let mut settings = base.clone();
                settings.ui.theme = t.0;
                return Action::Run(Task::perform(save(settings, file), Message::ThemeSaved));
            }
            Message::ThemeSaved(Ok(settings)) => {
                let theme = Theme(settings.ui.theme).to_string();
                self.saved = Some(Ok(crate::t!("settings-theme-saved", theme = theme)));
                return Action::Changed(settings);
            }
            Message::ThemeSaved(Err(e)) => self.saved = Some(Err(e)),
            Message::Language(l) => {
                f.language = l;
                crate::i18n::set(l);
                // Saved on its own, whatever else the form holds unsaved.
                let mut settings = base.clone();
                settings.ui.language =
                    crate::store::config::LanguageTag::try_from(l.code().to_string()).ok();
                return Action::Run(Task::perform(save(settings, file), Message::LanguageSaved));
            }
            Message::LanguageSaved(Ok(settings)) => {
                let language = crate::i18n::current().native_name();
                self.saved = Some(Ok(crate::t!(
                    "settings-language-saved",
                    language = language
                )));
                return Action::Changed(settings);
            }
            Message::LanguageSaved(Err(e)) => self.saved = Some(Err(e)),
            Message::Save => match f.apply(base) {
                Err(e) => self.saved = Some(Err(e)),
                Ok(settings) => {
                    return Action::Run(Task::perform(save(settings, file), Message::Saved));
                }
            },
            Message::Saved(Ok(settings)) => {
                self.saved = Some(Ok(crate::t!("settings-saved")));
                return Action::Changed(settings);
            }
            Message::Saved(Err(e)) => self.saved = Some(Err(e)),
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let f = &self.form;
        let p = &self.problems;
        let template_hint = self.template_hint.as_str();
        let form = column![
            text(crate::t!("settings-title")).size(18),
            field(
                crate::t!("settings-output-folder"),
                text_input(&crate::t!("settings-folder-placeholder"), &f.out_dir)
                    .on_input(Message::OutDir)
                    .into(),
                crate::t!("settings-output-hint"),
                &p.out_dir
            ),
            field(
                crate::t!("settings-file-names"),
                text_input(&crate::t!("settings-template-placeholder"), &f.template)
                    .id("template")
                    .on_input(Message::Template)
                    .into(),
                template_hint.to_string(),
                &p.template
            ),
            row![
                field(
                    crate::t!("settings-concurrency"),
                    text_input("4", &f.concurrency)
                        .on_input(Message::Concurrency)
                        .width(120)
                        .into(),
                    crate::t!("settings-concurrency-hint"),
                    &p.concurrency
                ),
                field(
                    crate::t!("settings-poll"),
                    text_input("5", &f.poll_interval)
                        .on_input(Message::PollInterval)
                        .width(120)
                        .into(),
                    crate::t!("settings-poll-hint"),
                    &p.poll_interval
                ),
                field(
                    crate::t!("settings-downloads"),
                    text_input("4", &f.downloads)
                        .on_input(Message::Downloads)
                        .width(120)
                        .into(),
                    crate::t!("settings-downloads-hint"),
                    &p.downloads
                ),
            ]
            .spacing(24),
            field(
                crate::t!("settings-spacing"),
                text_input("10", &f.spacing)
                    .on_input(Message::Spacing)
                    .width(120)
                    .into(),
                crate::t!("settings-spacing-hint"),
                &p.spacing,
            ),
            row![
                column![
                    text(crate::t!("settings-people")).size(13),
                    cycling(
                        pick_list(
                            &PERSON_GENERATION[..],
                            Some(f.person_generation),
                            Message::PersonGeneration
                        ),
                        after(&PERSON_GENERATION, &f.person_generation)
                            .map(Message::PersonGeneration)
                    ),
                    text(crate::t!("settings-people-hint"))
                        .size(12)
                        .style(style::muted),
                ]
                .spacing(4),
                column![
                    text(crate::t!("settings-negative")).size(13),
                    text_input(
                        &crate::t!("settings-negative-placeholder"),
                        &f.negative_prompt
                    )
                    .on_input(Message::NegativePrompt),
                    text(crate::t!("settings-negative-hint"))
                        .size(12)
                        .style(style::muted),
                ]
                .spacing(4)
                .width(Fill),
            ]
            .spacing(24),
            self.caps_view(),
            row![
                column![
                    text(crate::t!("settings-theme")).size(13),
                    cycling(
                        pick_list(&THEMES[..], Some(f.theme), Message::Theme),
                        after(&THEMES, &f.theme).map(Message::Theme)
                    )
                ]
                .spacing(4),
                column![
                    text(crate::t!("settings-language")).size(13),
                    cycling(
                        pick_list(Language::all(), Some(f.language), Message::Language),
                        after(Language::all(), &f.language).map(Message::Language)
                    ),
                    text(crate::t!("settings-language-hint"))
                        .size(12)
                        .style(style::muted),
                ]
                .spacing(4),
            ]
            .spacing(24),
        ]
        .spacing(14);
        // Save and what it said stay in sight below the form, however far it is scrolled.
        let footer = row![
            button(text(crate::t!("settings-save")))
                .style(style::button_primary)
                .on_press(Message::Save)
        ]
        .push(match &self.saved {
            Some(Ok(s)) => Some(text(s).size(13).width(Fill)),
            Some(Err(e)) => Some(text(e).size(13).style(style::danger).width(Fill)),
            None => None,
        })
        .spacing(14)
        .align_y(iced::Center);
        column![
            scrollable(container(form).padding(16).max_width(900)).height(Fill),
            container(footer)
                .padding([10, 16])
                .width(Fill)
                .style(style::panel),
        ]
        .into()
    }
}

impl SettingsScreen {
    /// The spending caps over all accounts: per day and per batch, in credits and dollars.
    fn caps_view(&self) -> Element<'_, Message> {
        let c = &self.form.caps;
        let input = |which: CapField, value: &str| -> Element<'_, Message> {
            text_input(&crate::t!("settings-cap-none"), value)
                .on_input(move |v| Message::Cap(which, v))
                .width(140)
                .into()
        };
        let labelled = |label: String, field: Element<'static, Message>| {
            column![text(label).size(12), field].spacing(2)
        };
        let note = match &self.problems.caps {
            Some(p) => text(p.clone()).size(12).style(style::danger),
            None => text(crate::t!("settings-caps-hint"))
                .size(12)
                .style(style::muted),
        };
        column![
            text(crate::t!("settings-caps")).size(13),
            row![
                labelled(
                    crate::t!("settings-cap-day-credits"),
                    input(CapField::DayCredits, &c.day_credits)
                ),
                labelled(
                    crate::t!("settings-cap-day-dollars"),
                    input(CapField::DayDollars, &c.day_dollars)
                ),
                labelled(
                    crate::t!("settings-cap-batch-credits"),
                    input(CapField::BatchCredits, &c.batch_credits)
                ),
                labelled(
                    crate::t!("settings-cap-batch-dollars"),
                    input(CapField::BatchDollars, &c.batch_dollars)
                ),
            ]
            .spacing(16),
            note,
        ]
        .spacing(4)
        .into()
    }
}

/// Writes `settings` to `file` off the window's thread.
async fn save(settings: Settings, file: PathBuf) -> Result<Box<Settings>, String> {
    let copy = settings.clone();
    tokio::task::spawn_blocking(move || copy.save(&file))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.said())?;
    Ok(Box::new(settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_explained_and_good_ones_apply() {
        let base = Settings::default();
        let mut f = Form::from(&base, std::path::Path::new("/tmp/v"));
        assert!(!f.problems().any());
        f.concurrency = "0".into();
        f.template = "{slug}".into();
        f.poll_interval = "fast".into();
        let p = f.problems();
        assert!(
            p.concurrency
                .as_deref()
                .is_some_and(|m| m.contains("between 1 and 32"))
        );
        assert!(p.template.as_deref().is_some_and(|m| m.contains("{take}")));
        assert!(
            p.poll_interval
                .as_deref()
                .is_some_and(|m| m.contains("number"))
        );
        assert!(f.apply(&base).is_err());
        f.concurrency = "2".into();
        f.template = "{batch}/{slug}_{take}".into();
        f.poll_interval = "7.5".into();
        let s = f.apply(&base).expect("valid");
        assert_eq!(
            (s.engine.concurrency, s.engine.poll_interval_secs),
            (2, 7.5)
        );
        // The decimal comma of Vietnamese (and others) is read too.
        f.poll_interval = "2,5".into();
        f.spacing = "0,25".into();
        let s = f.apply(&base).expect("valid");
        assert_eq!(
            (s.engine.poll_interval_secs, s.flow.generate_spacing_secs),
            (2.5, 0.25)
        );
        f.spacing = "soon".into();
        assert!(
            f.apply(&base).is_err(),
            "a spacing that is no number is refused"
        );
    }
}
