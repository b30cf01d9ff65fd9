//! Agents and apps: the two things a run runs, one kind for the catalog and the runs alike.

/// An agent or an app: they share a shape in the catalog (`/agents/`, `/apps/`) and a lifecycle
/// in the runs (`/runs/`, `/app-runs/`), at different paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An agent: `/agents/`, run at `/runs/` (certain).
    Agent,
    /// An app: `/apps/`, run at `/app-runs/` (certain; cancel and review there are guessed).
    App,
}

impl Kind {
    /// The catalog's collection in paths: `agents` or `apps`.
    pub fn catalog(self) -> &'static str {
        match self {
            Self::Agent => "agents",
            Self::App => "apps",
        }
    }

    /// The runs' collection in paths: `runs` or `app-runs`.
    pub fn runs(self) -> &'static str {
        match self {
            Self::Agent => "runs",
            Self::App => "app-runs",
        }
    }

    /// The field of a run naming what it runs (`agent_id` or `app_id`).
    pub fn target_field(self) -> &'static str {
        match self {
            Self::Agent => "agent_id",
            Self::App => "app_id",
        }
    }

    /// `agent` or `app`, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::App => "app",
        }
    }
}
