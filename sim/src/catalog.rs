//! The seeded catalog: five agents and two apps with fixed UUIDs.
//!
//! The ids are public constants so that tests can name them; they never change between
//! versions. Each entry carries what the API shows (name, description, tags, visibility, cost,
//! inputs, outputs) and what the simulator needs to run it (a nominal duration and a
//! [`Behaviour`]). Apps have the same shape as agents (a guessed point of the API;
//! sim/README.md lists the simulator's choices).

use serde_json::{Value, json};

/// Agent "Text to Image": `prompt` → one PNG image.
pub const TEXT_TO_IMAGE: &str = "5a1b0c2d-0001-4000-8000-000000000001";
/// Text input `prompt` of Text to Image.
pub const TEXT_TO_IMAGE_PROMPT: &str = "5a1b0c2d-0001-4000-8000-0000000001a1";

/// Agent "Product Shot": `prompt` + image `product` → two images and one text.
pub const PRODUCT_SHOT: &str = "5a1b0c2d-0002-4000-8000-000000000002";
/// Text input `prompt` of Product Shot.
pub const PRODUCT_SHOT_PROMPT: &str = "5a1b0c2d-0002-4000-8000-0000000002a1";
/// Image input `product` of Product Shot (needs an `image/*` asset).
pub const PRODUCT_SHOT_PRODUCT: &str = "5a1b0c2d-0002-4000-8000-0000000002a2";

/// Agent "Reviewed Post": `prompt` → a human review of a draft → one image and one text.
pub const REVIEWED_POST: &str = "5a1b0c2d-0003-4000-8000-000000000003";
/// Text input `prompt` of Reviewed Post.
pub const REVIEWED_POST_PROMPT: &str = "5a1b0c2d-0003-4000-8000-0000000003a1";
/// The human-review node of Reviewed Post (`node_id` of its pending review).
pub const REVIEWED_POST_REVIEW_NODE: &str = "5a1b0c2d-0003-4000-8000-0000000003c1";

/// Agent "Echo" (PRIVATE): files → the same assets back, plus the note as text.
pub const ECHO: &str = "5a1b0c2d-0004-4000-8000-000000000004";
/// File input `file` of Echo (any type, several assets allowed).
pub const ECHO_FILE: &str = "5a1b0c2d-0004-4000-8000-0000000004a1";
/// Optional text input `note` of Echo.
pub const ECHO_NOTE: &str = "5a1b0c2d-0004-4000-8000-0000000004a2";

/// Agent "Always Fails": every run ends `failed` with [`ALWAYS_FAILS_ERROR`].
pub const ALWAYS_FAILS: &str = "5a1b0c2d-0005-4000-8000-000000000005";
/// Optional text input `prompt` of Always Fails.
pub const ALWAYS_FAILS_PROMPT: &str = "5a1b0c2d-0005-4000-8000-0000000005a1";
/// The `error` of every Always Fails run.
pub const ALWAYS_FAILS_ERROR: &str = "simulated failure: the model could not render this prompt";

/// App "Social Post": `topic` → one image and one text.
pub const SOCIAL_POST: &str = "5a1b0c2d-0101-4000-8000-000000000101";
/// Text input `topic` of Social Post.
pub const SOCIAL_POST_TOPIC: &str = "5a1b0c2d-0101-4000-8000-0000000101a1";

/// App "Reviewed Ad": `brief` → a human review → one image; a rejection fails the run.
pub const REVIEWED_AD: &str = "5a1b0c2d-0102-4000-8000-000000000102";
/// Text input `brief` of Reviewed Ad.
pub const REVIEWED_AD_BRIEF: &str = "5a1b0c2d-0102-4000-8000-0000000102a1";
/// The human-review node of Reviewed Ad.
pub const REVIEWED_AD_REVIEW_NODE: &str = "5a1b0c2d-0102-4000-8000-0000000102c1";
/// The `error` of a Reviewed Ad run whose review was rejected.
pub const REVIEWED_AD_REJECTED_ERROR: &str = "rejected by reviewer";

/// Whether an entry is started with `POST /runs/` or `POST /app-runs/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An agent (`/agents/`, `/runs/`).
    Agent,
    /// An app (`/apps/`, `/app-runs/`).
    App,
}

/// The value an input takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `text_input`: a JSON string.
    Text,
    /// `image_input`: `{"asset_ids": [...]}` of `image/*` assets.
    Image,
    /// `file_input`: `{"asset_ids": [...]}` of any assets.
    File,
}

impl InputKind {
    /// The API's type string.
    pub fn type_name(self) -> &'static str {
        match self {
            InputKind::Text => "text_input",
            InputKind::Image => "image_input",
            InputKind::File => "file_input",
        }
    }
}

/// What a run of an entry does; see `runs.rs` for the outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// One image.
    TextToImage,
    /// Two images and one text.
    ProductShot,
    /// Review of a draft image + caption; approve → image + text, reject → text only.
    ReviewedPost,
    /// The input assets back, plus the note.
    Echo,
    /// Fails.
    AlwaysFails,
    /// One image and one text.
    SocialPost,
    /// Review of a draft image; approve → image, reject → failed.
    ReviewedAd,
}

/// One declared input.
#[derive(Debug)]
pub struct Input {
    /// Fixed UUID.
    pub id: &'static str,
    /// Short name (the CLI's `-i name=value`).
    pub name: &'static str,
    /// Value kind.
    pub kind: InputKind,
    /// Shown to users.
    pub description: &'static str,
    /// Whether a run must give it.
    pub required: bool,
}

/// One declared output.
#[derive(Debug)]
pub struct Output {
    /// Fixed UUID.
    pub id: &'static str,
    /// Short name; results carry it as `name`.
    pub name: &'static str,
    /// `image` or `text`.
    pub kind: &'static str,
    /// Shown to users.
    pub description: &'static str,
}

/// One agent or app.
#[derive(Debug)]
pub struct Entry {
    /// Fixed UUID.
    pub id: &'static str,
    /// Agent or app.
    pub kind: Kind,
    /// Display name.
    pub name: &'static str,
    /// Display description.
    pub description: &'static str,
    /// Tags for the `tags` filter.
    pub tags: &'static [&'static str],
    /// `PUBLIC` or `PRIVATE`.
    pub visibility: &'static str,
    /// Credits per run, shown only.
    pub estimated_cost: u32,
    /// Declared inputs.
    pub inputs: &'static [Input],
    /// Declared outputs.
    pub outputs: &'static [Output],
    /// Run duration before `time_scale` (unless `run_seconds` overrides it).
    pub nominal_seconds: f64,
    /// What a run does.
    pub behaviour: Behaviour,
    /// The review node, for entries that pause for a person.
    pub review_node: Option<&'static str>,
}

const fn text(id: &'static str, name: &'static str, description: &'static str) -> Input {
    Input {
        id,
        name,
        kind: InputKind::Text,
        description,
        required: true,
    }
}

const fn image_out(id: &'static str, name: &'static str, description: &'static str) -> Output {
    Output {
        id,
        name,
        kind: "image",
        description,
    }
}

const fn text_out(id: &'static str, name: &'static str, description: &'static str) -> Output {
    Output {
        id,
        name,
        kind: "text",
        description,
    }
}

/// Every entry, agents first, in the fixed order lists show them.
pub static ENTRIES: &[Entry] = &[
    Entry {
        id: TEXT_TO_IMAGE,
        kind: Kind::Agent,
        name: "Text to Image",
        description: "Renders one image from a text prompt.",
        tags: &["image"],
        visibility: "PUBLIC",
        estimated_cost: 2,
        inputs: &[text(
            TEXT_TO_IMAGE_PROMPT,
            "prompt",
            "What the image should show.",
        )],
        outputs: &[image_out(
            "5a1b0c2d-0001-4000-8000-0000000001b1",
            "image",
            "The rendered image (PNG).",
        )],
        nominal_seconds: 3.0,
        behaviour: Behaviour::TextToImage,
        review_node: None,
    },
    Entry {
        id: PRODUCT_SHOT,
        kind: Kind::Agent,
        name: "Product Shot",
        description: "Places a product photo in two styled scenes and writes a caption.",
        tags: &["image", "social_media", "ecommerce"],
        visibility: "PUBLIC",
        estimated_cost: 4,
        inputs: &[
            text(
                PRODUCT_SHOT_PROMPT,
                "prompt",
                "The scene to place the product in.",
            ),
            Input {
                id: PRODUCT_SHOT_PRODUCT,
                name: "product",
                kind: InputKind::Image,
                description: "A photo of the product (JPG, PNG, WebP or GIF).",
                required: true,
            },
        ],
        outputs: &[
            image_out(
                "5a1b0c2d-0002-4000-8000-0000000002b1",
                "hero",
                "The hero shot (PNG).",
            ),
            image_out(
                "5a1b0c2d-0002-4000-8000-0000000002b2",
                "lifestyle",
                "The lifestyle shot (PNG).",
            ),
            text_out(
                "5a1b0c2d-0002-4000-8000-0000000002b3",
                "caption",
                "A caption for the shots.",
            ),
        ],
        nominal_seconds: 4.0,
        behaviour: Behaviour::ProductShot,
        review_node: None,
    },
    Entry {
        id: REVIEWED_POST,
        kind: Kind::Agent,
        name: "Reviewed Post",
        description: "Drafts a social post, waits for a person to approve it, then publishes it.",
        tags: &["social_media", "review"],
        visibility: "PUBLIC",
        estimated_cost: 3,
        inputs: &[text(
            REVIEWED_POST_PROMPT,
            "prompt",
            "What the post is about.",
        )],
        outputs: &[
            image_out(
                "5a1b0c2d-0003-4000-8000-0000000003b1",
                "post_image",
                "The approved image (PNG).",
            ),
            text_out(
                "5a1b0c2d-0003-4000-8000-0000000003b2",
                "caption",
                "The caption.",
            ),
        ],
        nominal_seconds: 4.0,
        behaviour: Behaviour::ReviewedPost,
        review_node: Some(REVIEWED_POST_REVIEW_NODE),
    },
    Entry {
        id: ECHO,
        kind: Kind::Agent,
        name: "Echo",
        description: "Returns its input files unchanged, and the note as text.",
        tags: &["utility", "testing"],
        visibility: "PRIVATE",
        estimated_cost: 0,
        inputs: &[
            Input {
                id: ECHO_FILE,
                name: "file",
                kind: InputKind::File,
                description: "Any files (several allowed).",
                required: true,
            },
            Input {
                id: ECHO_NOTE,
                name: "note",
                kind: InputKind::Text,
                description: "Optional text returned as a text result.",
                required: false,
            },
        ],
        outputs: &[
            Output {
                id: "5a1b0c2d-0004-4000-8000-0000000004b1",
                name: "files",
                kind: "file",
                description: "The input files.",
            },
            text_out(
                "5a1b0c2d-0004-4000-8000-0000000004b2",
                "note",
                "The note, when given.",
            ),
        ],
        nominal_seconds: 2.0,
        behaviour: Behaviour::Echo,
        review_node: None,
    },
    Entry {
        id: ALWAYS_FAILS,
        kind: Kind::Agent,
        name: "Always Fails",
        description: "Every run fails; for testing error handling.",
        tags: &["testing"],
        visibility: "PUBLIC",
        estimated_cost: 1,
        inputs: &[Input {
            required: false,
            ..text(ALWAYS_FAILS_PROMPT, "prompt", "Ignored.")
        }],
        outputs: &[image_out(
            "5a1b0c2d-0005-4000-8000-0000000005b1",
            "image",
            "Never produced.",
        )],
        nominal_seconds: 2.0,
        behaviour: Behaviour::AlwaysFails,
        review_node: None,
    },
    Entry {
        id: SOCIAL_POST,
        kind: Kind::App,
        name: "Social Post",
        description: "Writes and illustrates a social media post on a topic.",
        tags: &["social_media", "image"],
        visibility: "PUBLIC",
        estimated_cost: 3,
        inputs: &[text(SOCIAL_POST_TOPIC, "topic", "What the post is about.")],
        outputs: &[
            image_out(
                "5a1b0c2d-0101-4000-8000-0000000101b1",
                "image",
                "The illustration (PNG).",
            ),
            text_out(
                "5a1b0c2d-0101-4000-8000-0000000101b2",
                "post",
                "The post text.",
            ),
        ],
        nominal_seconds: 3.0,
        behaviour: Behaviour::SocialPost,
        review_node: None,
    },
    Entry {
        id: REVIEWED_AD,
        kind: Kind::App,
        name: "Reviewed Ad",
        description: "Designs an ad from a brief; a person approves it before delivery.",
        tags: &["advertising", "review"],
        visibility: "PUBLIC",
        estimated_cost: 5,
        inputs: &[text(REVIEWED_AD_BRIEF, "brief", "The ad brief.")],
        outputs: &[image_out(
            "5a1b0c2d-0102-4000-8000-0000000102b1",
            "ad",
            "The approved ad (PNG).",
        )],
        nominal_seconds: 4.0,
        behaviour: Behaviour::ReviewedAd,
        review_node: Some(REVIEWED_AD_REVIEW_NODE),
    },
];

/// The entries of one kind, in list order.
pub fn entries(kind: Kind) -> impl Iterator<Item = &'static Entry> {
    ENTRIES.iter().filter(move |e| e.kind == kind)
}

/// The entry of `kind` with `id` (compared case-insensitively, as UUIDs are).
pub fn find(kind: Kind, id: &str) -> Option<&'static Entry> {
    entries(kind).find(|e| e.id.eq_ignore_ascii_case(id))
}

impl Entry {
    /// The object that `/agents/{id}` and `/apps/{id}` answer.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "tags": self.tags,
            "visibility": self.visibility,
            "estimated_cost": self.estimated_cost,
            "inputs": self.inputs.iter().map(Input::to_json).collect::<Vec<_>>(),
            "outputs": self.outputs.iter().map(Output::to_json).collect::<Vec<_>>(),
        })
    }

    /// The input declared with `id`.
    pub fn input(&self, id: &str) -> Option<&'static Input> {
        // The entries are 'static, so their inputs are too.
        let inputs: &'static [Input] = self.inputs;
        inputs.iter().find(|i| i.id.eq_ignore_ascii_case(id))
    }
}

impl Input {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "type": self.kind.type_name(),
            "description": self.description,
            "required": self.required,
        })
    }
}

impl Output {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "type": self.kind,
            "description": self.description,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_is_a_lowercase_uuid_and_unique() {
        let mut ids: Vec<&str> = Vec::new();
        for e in ENTRIES {
            ids.push(e.id);
            ids.extend(e.inputs.iter().map(|i| i.id));
            ids.extend(e.outputs.iter().map(|o| o.id));
            ids.extend(e.review_node);
        }
        for id in &ids {
            let parsed = uuid::Uuid::parse_str(id).expect("valid uuid");
            assert_eq!(parsed.hyphenated().to_string(), *id);
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
    }
}
