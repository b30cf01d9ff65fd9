//! Help topics: the exit codes, the environment variables and the files, written once here.
//!
//! The same text is printed by `pletor help TOPIC`, becomes a section of `man pletor` (EXIT
//! STATUS, ENVIRONMENT, FILES) and is quoted in `docs/` (tests keep all three current). This
//! module only holds text and renders it; it does no I/O and imports nothing of the crate.

/// One help topic.
pub struct Topic {
    /// The name after `pletor help`.
    pub name: &'static str,
    /// The man page section it becomes.
    pub man_section: &'static str,
    /// What comes before the entries.
    pub intro: &'static str,
    /// Each entry: the term (a code, a variable, a path) and what it means.
    pub entries: &'static [(&'static str, &'static str)],
    /// What comes after the entries; may be empty.
    pub outro: &'static str,
}

/// Every topic, in the order `pletor --help` lists them.
pub const TOPICS: &[Topic] = &[EXIT_CODES, ENVIRONMENT, FILES];

/// `pletor help exit-codes`.
pub const EXIT_CODES: Topic = Topic {
    name: "exit-codes",
    man_section: "EXIT STATUS",
    intro: "pletor exits with one of these codes, the same on every system; scripts may rely on \
            them. With --json, the error document's \"code\" names the error more precisely.",
    entries: &[
        (
            "0",
            "Success: the command did what was asked (for a run: it completed and its files are \
             saved).",
        ),
        (
            "1",
            "Error: the network, the server, or a response pletor could not use.",
        ),
        (
            "2",
            "Usage or configuration error: a bad flag or value, an unknown input, a missing or \
             empty file, a bad id, an existing file in the way (or a .part another pletor is \
             writing), text past its cap (16 MiB for a value from stdin, 64 MiB for a \
             document), a config file that does not parse or that others can write. Nothing \
             was uploaded or paid for.",
        ),
        ("3", "The run failed (in a batch: at least one row failed)."),
        (
            "4",
            "Authentication or permission refused (401, 403), or no API key configured.",
        ),
        (
            "5",
            "Not found (404): the id or name names nothing this key can see.",
        ),
        ("6", "Rate limited after all retries."),
        (
            "7",
            "Timed out waiting (--timeout); the run goes on: `pletor runs wait RUN` picks it up.",
        ),
        ("8", "The run was cancelled."),
        (
            "10",
            "The run waits for a human review and no one here can answer it: `pletor review RUN`.",
        ),
        (
            "130",
            "Interrupted (Ctrl-C). A run goes on on the server; the command printed says how to \
             pick it up.",
        ),
        (
            "143",
            "Terminated (SIGTERM: a CI cancel, `timeout`, `kill`), handled as Ctrl-C is. Unix \
             only.",
        ),
    ],
    outro: "`pletor runs wait`, `runs watch --exit-status` and batches exit with the worst outcome \
            of their runs.",
};

/// `pletor help environment`.
pub const ENVIRONMENT: Topic = Topic {
    name: "environment",
    man_section: "ENVIRONMENT",
    intro: "A flag wins over the environment, which wins over the config file. Durations take \
            units: 500ms, 30s, 10m.",
    entries: &[
        (
            "PLETOR_API_KEY",
            "The API key (sent as X-Api-Key). Never printed or logged.",
        ),
        (
            "PLETOR_TOKEN",
            "A Bearer token (JWT) instead of an API key.",
        ),
        (
            "PLETOR_API_BASE",
            "The API base URL [default: https://api.pletor.ai/api/public/v1].",
        ),
        ("PLETOR_PROFILE", "The profile of the config file to use."),
        (
            "PLETOR_CONFIG_DIR",
            "The folder of config.toml, instead of the one `pletor help files` lists.",
        ),
        (
            "PLETOR_NO_INPUT, CI",
            "Set to anything but 0, false or no: never prompt; a question becomes an error \
             naming the flag that answers it.",
        ),
        (
            "PLETOR_CONNECT_TIMEOUT",
            "Longest wait for a connection [default: 10s].",
        ),
        (
            "PLETOR_READ_TIMEOUT",
            "Longest silence while reading a response [default: 60s].",
        ),
        (
            "PLETOR_REQUEST_TIMEOUT",
            "Longest time one API request may take to answer in full [default: 60s].",
        ),
        (
            "PLETOR_MAX_SIZE",
            "Most bytes one download may write when nothing announces its size [default: 20GiB].",
        ),
        (
            "PLETOR_RETRIES",
            "Attempts after the first for a failed request [default: 5].",
        ),
        (
            "PLETOR_RETRY_MAX_WAIT",
            "Longest total wait between retries [default: 120s].",
        ),
        (
            "PLETOR_SHARD",
            "K/N or auto: the shard of a batch this process runs (as --shard).",
        ),
        (
            "CI_NODE_INDEX, CI_NODE_TOTAL",
            "GitLab's parallel job, read by --shard auto; so are Buildkite's \
             BUILDKITE_PARALLEL_JOB and BUILDKITE_PARALLEL_JOB_COUNT and CircleCI's \
             CIRCLE_NODE_INDEX and CIRCLE_NODE_TOTAL.",
        ),
        (
            "JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX",
            "A Kubernetes Indexed Job's and an AWS Batch array job's index (from 0), read by \
             --shard auto with the count from PLETOR_SHARD_COUNT.",
        ),
        (
            "SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT",
            "A Slurm array task, read by --shard auto, counted from SLURM_ARRAY_TASK_MIN in \
             steps of SLURM_ARRAY_TASK_STEP.",
        ),
        (
            "PLETOR_SHARD_COUNT",
            "The number of jobs, for --shard auto where the engine gives each job only its \
             index (Kubernetes, AWS Batch); set it to the job's size.",
        ),
        (
            "HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY",
            "The proxy for the API, and the hosts that bypass it.",
        ),
        (
            "NO_COLOR",
            "Set and not empty: no colors (as --color never).",
        ),
        (
            "FORCE_HYPERLINK",
            "0: no terminal hyperlinks on saved paths and run ids; any other value: always.",
        ),
        (
            "PLETOR_PAGER, PAGER",
            "The pager for review texts taller than the screen [default: less, with LESS=FRX \
             unless LESS is set]; empty: no pager.",
        ),
        (
            "XDG_CONFIG_HOME, XDG_CACHE_HOME",
            "On every system, where the config and cache folders go (see `pletor help files`).",
        ),
        (
            "TMPDIR",
            "Where review drafts are copied for a look (TEMP or TMP on Windows).",
        ),
        (
            "COMPLETE",
            "Set by the shell integration (`source <(COMPLETE=bash pletor)`): answer a \
             completion request.",
        ),
    ],
    outro: "",
};

/// `pletor help files`.
pub const FILES: Topic = Topic {
    name: "files",
    man_section: "FILES",
    intro: "pletor writes only these files, besides the ones you ask it to save. The config \
            folder is PLETOR_CONFIG_DIR if set, else $XDG_CONFIG_HOME/pletor if XDG_CONFIG_HOME \
            is set (on every system), else the system's place below.",
    entries: &[
        (
            "~/.config/pletor/config.toml",
            "Linux and other Unix systems: the config file (profiles, keys, API bases). TOML, \
             mode 0600 in a 0700 folder, written atomically; a file that does not parse is never \
             overwritten.",
        ),
        (
            "~/Library/Application Support/ai.pletor.pletor/config.toml",
            "macOS: the config file.",
        ),
        (
            "%APPDATA%\\pletor\\pletor\\config\\config.toml",
            "Windows: the config file.",
        ),
        (
            "~/.cache/pletor/completion/",
            "Linux: answers cached for a minute by the shell integration's completion (agents, \
             runs, assets), a folder of mode 0700 with files of mode 0600; never the key. \
             $XDG_CACHE_HOME/pletor/completion/ when XDG_CACHE_HOME is set, on every system.",
        ),
        (
            "~/Library/Caches/ai.pletor.pletor/completion/",
            "macOS: the completion cache.",
        ),
        (
            "%LOCALAPPDATA%\\pletor\\pletor\\cache\\completion\\",
            "Windows: the completion cache.",
        ),
        (
            "$TMPDIR/pletor-review-*/",
            "Review drafts copied for a look, in a private folder (0700) removed when the \
             command ends, unless --keep-drafts or --open. TMPDIR defaults to /tmp; on Windows \
             the folder is under %TEMP%.",
        ),
        (
            "NAME.part",
            "A download in progress, next to the file it becomes once verified; running the \
             same command again resumes it.",
        ),
    ],
    outro: "",
};

/// The topic called `name`.
pub fn find(name: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.name == name)
}

/// The one-line list of topics that `pletor --help` shows (a test keeps its text current).
#[cfg(test)]
pub fn listing() -> String {
    let names: Vec<String> = TOPICS
        .iter()
        .map(|t| format!("pletor help {}", t.name))
        .collect();
    format!("Help topics: {}", names.join(", "))
}

impl Topic {
    /// The topic as `pletor help NAME` prints it: paragraphs and entries wrapped to `width`.
    pub fn text(&self, width: usize) -> String {
        let mut out = String::new();
        out.push_str(&wrap(self.intro, width, ""));
        out.push('\n');
        let widest = self
            .entries
            .iter()
            .map(|(term, _)| term.chars().count())
            .max()
            .unwrap_or(0);
        for (term, meaning) in self.entries {
            out.push('\n');
            // Short terms get a column; long ones (paths, lists of variables) a line of their
            // own, so the column never eats the meaning.
            if widest <= 6 {
                let lead = format!("  {term:<widest$}  ");
                let indent = " ".repeat(lead.chars().count());
                let body = wrap(meaning, width, &indent);
                out.push_str(&lead);
                out.push_str(body.trim_start());
            } else {
                out.push_str("  ");
                out.push_str(term);
                out.push('\n');
                out.push_str(&wrap(meaning, width, "      "));
            }
        }
        if !self.outro.is_empty() {
            out.push_str("\n\n");
            out.push_str(&wrap(self.outro, width, ""));
        }
        out.push('\n');
        out
    }

    /// The topic as a man page section, in roff.
    pub fn roff(&self) -> String {
        let mut out = format!(".SH \"{}\"\n", self.man_section);
        out.push_str(&roff_text(self.intro));
        out.push('\n');
        for (term, meaning) in self.entries {
            out.push_str(".TP\n");
            out.push_str(&format!("\\fB{}\\fR\n", roff_escape(term)));
            out.push_str(&roff_text(meaning));
            out.push('\n');
        }
        if !self.outro.is_empty() {
            out.push_str(".PP\n");
            out.push_str(&roff_text(self.outro));
            out.push('\n');
        }
        out
    }
}

/// `text` wrapped at spaces to lines of at most `width` characters (a longer word stays whole),
/// each line after `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let room = width.saturating_sub(indent.chars().count()).max(20);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .iter()
        .map(|l| format!("{indent}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes text for roff: backslashes and hyphens (minus signs in flags and paths).
fn roff_escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

/// One paragraph of roff text; a line may not start with a control character.
fn roff_text(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let escaped = roff_escape(&words.join(" "));
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Exit;

    #[test]
    fn every_exit_code_is_explained_and_nothing_else() {
        let codes = [
            Exit::Success,
            Exit::Error,
            Exit::Usage,
            Exit::RunFailed,
            Exit::Auth,
            Exit::NotFound,
            Exit::RateLimited,
            Exit::Timeout,
            Exit::Cancelled,
            Exit::Review,
            Exit::Interrupted,
            Exit::Terminated,
        ];
        let listed: Vec<&str> = EXIT_CODES.entries.iter().map(|(code, _)| *code).collect();
        let known: Vec<String> = codes.iter().map(|c| c.code().to_string()).collect();
        assert_eq!(listed, known);
    }

    #[test]
    fn text_is_wrapped_to_the_width_and_keeps_every_word() {
        for topic in TOPICS {
            let text = topic.text(80);
            for line in text.lines() {
                let long_word = line.split_whitespace().any(|w| w.chars().count() > 60);
                assert!(line.chars().count() <= 80 || long_word, "{line:?}");
            }
            let words = |s: &str| s.split_whitespace().count();
            let expected = words(topic.intro)
                + words(topic.outro)
                + topic
                    .entries
                    .iter()
                    .map(|(t, m)| words(t) + words(m))
                    .sum::<usize>();
            assert_eq!(words(&text), expected, "{}", topic.name);
        }
    }

    #[test]
    fn roff_escapes_what_would_be_read_as_markup() {
        assert_eq!(
            roff_text(".hidden --flag a\\b"),
            "\\&.hidden \\-\\-flag a\\eb"
        );
        let section = FILES.roff();
        assert!(section.starts_with(".SH \"FILES\"\n"));
        assert!(section.contains("\\fB%APPDATA%\\epletor"));
        assert!(section.lines().all(|l| !l.starts_with("..")));
    }

    #[test]
    fn every_topic_is_found_by_name() {
        for topic in TOPICS {
            assert_eq!(
                find(topic.name).map(|t| t.man_section),
                Some(topic.man_section)
            );
        }
        assert!(find("nope").is_none());
        assert!(listing().contains("pletor help exit-codes"));
    }
}
