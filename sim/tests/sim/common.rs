//! Helpers shared by the test modules: a started simulator plus a client bound to it.

use std::time::Duration;

use pletor_sim::catalog::*;
use pletor_sim::{Config, Sim};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// A simulator and a client that does not follow redirects.
pub struct Ctx {
    pub sim: Sim,
    pub http: reqwest::Client,
}

/// The default config with a time scale that makes runs nearly instant.
pub fn fast() -> Config {
    Config {
        time_scale: 0.001,
        ..Config::default()
    }
}

impl Ctx {
    pub fn new() -> Ctx {
        Ctx::with(Config::default())
    }

    pub fn with(config: Config) -> Ctx {
        let sim = Sim::start(config).expect("sim starts");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        Ctx { sim, http }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.api_base())
    }

    pub fn admin(&self, path: &str) -> String {
        format!("{}{path}", self.sim.admin_url())
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .get(self.url(path))
            .header("X-Api-Key", self.sim.key())
    }

    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(self.url(path))
            .header("X-Api-Key", self.sim.key())
    }

    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .delete(self.url(path))
            .header("X-Api-Key", self.sim.key())
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        send_json(self.get(path)).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        send_json(self.post(path).json(body)).await
    }

    /// Creates an agent run and asserts 201.
    pub async fn run(&self, agent: &str, inputs: Value) -> Value {
        let (status, run) = self
            .post_json("/runs/", &json!({"agent_id": agent, "inputs": inputs}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{run}");
        run
    }

    /// Creates an app run and asserts 201.
    pub async fn app_run(&self, app: &str, inputs: Value) -> Value {
        let (status, run) = self
            .post_json("/app-runs/", &json!({"app_id": app, "inputs": inputs}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{run}");
        run
    }

    /// A Text to Image run with `prompt`.
    pub async fn text_to_image(&self, prompt: &str) -> Value {
        self.run(
            TEXT_TO_IMAGE,
            json!([{"id": TEXT_TO_IMAGE_PROMPT, "value": prompt}]),
        )
        .await
    }

    /// Polls a run (or app run, by `collection`).
    pub async fn poll(&self, collection: &str, run: &Value) -> Value {
        let (status, body) = self
            .get_json(&format!("{collection}{}", run["id"].as_str().unwrap()))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    /// Uploads `bytes` as `filename`, with an optional `external_id` before the file part.
    pub async fn upload(
        &self,
        filename: &str,
        bytes: Vec<u8>,
        mime: &str,
        external_id: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut form = Form::new();
        if let Some(key) = external_id {
            form = form.text("external_id", key.to_owned());
        }
        let part = Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str(mime)
            .unwrap();
        send_json(
            self.post("/assets/upload/")
                .multipart(form.part("file", part)),
        )
        .await
    }

    /// Uploads a PNG and returns its asset id.
    pub async fn upload_png(&self, name: &str) -> String {
        let (status, asset) = self
            .upload(
                name,
                pletor_sim::png::gradient_png(name.as_bytes()),
                "image/png",
                None,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{asset}");
        asset["id"].as_str().unwrap().to_owned()
    }

    /// Jumps the simulated clock far enough for any run to reach its next stop.
    pub fn skip_ahead(&self) {
        self.sim.advance_clock(Duration::from_secs(3600));
    }

    pub async fn add_faults(&self, rules: Value) {
        let response = self
            .http
            .post(self.admin("/faults"))
            .json(&rules)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{:?}",
            response.text().await
        );
    }

    pub async fn stats(&self) -> Value {
        self.http
            .get(self.admin("/stats"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn requests(&self) -> Vec<Value> {
        let log: Value = self
            .http
            .get(self.admin("/requests"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        log.as_array().unwrap().clone()
    }
}

/// Sends and parses the body as JSON (`Null` when it is not JSON).
pub async fn send_json(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let text = response.text().await.expect("body read");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// The `loc` lists of a FastAPI validation error.
pub fn locs(body: &Value) -> Vec<Value> {
    body["detail"]
        .as_array()
        .unwrap_or_else(|| panic!("validation detail list expected: {body}"))
        .iter()
        .map(|e| {
            assert!(e["msg"].is_string() && e["type"].is_string(), "{e}");
            e["loc"].clone()
        })
        .collect()
}

/// The ids in a list envelope.
pub fn ids(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap_or_else(|| panic!("list envelope expected: {list}"))
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect()
}
