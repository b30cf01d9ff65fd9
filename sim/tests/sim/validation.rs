//! Validation answers in FastAPI's shape: 404 for unknown agents/apps, 422 for the rest.

use pletor_sim::catalog::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, locs, send_json};

async fn create(ctx: &Ctx, body: Value) -> (StatusCode, Value) {
    ctx.post_json("/runs/", &body).await
}

#[tokio::test]
async fn unknown_agent_or_app_is_404() {
    let ctx = Ctx::new();
    let (status, body) = create(
        &ctx,
        json!({"agent_id": "00000000-0000-4000-8000-000000000000"}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Agent not found"}));
    let (status, body) = ctx
        .post_json("/app-runs/", &json!({"app_id": TEXT_TO_IMAGE}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "App not found"}));
}

#[tokio::test]
async fn malformed_json_and_wrong_body_shapes_are_422() {
    let ctx = Ctx::new();
    let (status, body) = send_json(
        ctx.post("/runs/")
            .header("Content-Type", "application/json")
            .body("{\"agent_id\": "),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["detail"][0]["type"], "json_invalid");
    assert_eq!(body["detail"][0]["loc"][0], "body");

    let (status, body) = create(&ctx, json!([1, 2])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(locs(&body), [json!(["body"])]);

    let (status, body) = create(&ctx, json!({"inputs": "nope"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        locs(&body),
        [json!(["body", "agent_id"]), json!(["body", "inputs"])]
    );
    assert_eq!(body["detail"][0]["msg"], "Field required");
    assert_eq!(body["detail"][0]["type"], "missing");

    let (status, body) = create(
        &ctx,
        json!({"agent_id": "x", "inputs": [{"value": "v"}, 3]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        locs(&body),
        [
            json!(["body", "agent_id"]),
            json!(["body", "inputs", 0, "id"]),
            json!(["body", "inputs", 1]),
        ]
    );
}

#[tokio::test]
async fn unknown_input_id_and_missing_required_input_are_422() {
    let ctx = Ctx::new();
    let body = json!({"agent_id": TEXT_TO_IMAGE,
                      "inputs": [{"id": PRODUCT_SHOT_PROMPT, "value": "x"}]});
    let (status, body) = create(&ctx, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        locs(&body),
        [
            json!(["body", "inputs", 0, "id"]),
            json!(["body", "inputs"])
        ]
    );
    assert!(
        body["detail"][1]["msg"]
            .as_str()
            .unwrap()
            .contains("prompt")
    );
}

#[tokio::test]
async fn wrong_value_shapes_for_the_input_type_are_422() {
    let ctx = Ctx::new();
    let asset = ctx.upload_png("p.png").await;
    let cases = [
        // A text input given asset ids.
        (
            json!([{"id": PRODUCT_SHOT_PROMPT, "value": {"asset_ids": [asset]}},
                {"id": PRODUCT_SHOT_PRODUCT, "value": {"asset_ids": [asset]}}]),
            json!(["body", "inputs", 0, "value"]),
        ),
        // An image input given text.
        (
            json!([{"id": PRODUCT_SHOT_PROMPT, "value": "x"},
                {"id": PRODUCT_SHOT_PRODUCT, "value": asset}]),
            json!(["body", "inputs", 1, "value"]),
        ),
        // An empty asset list.
        (
            json!([{"id": PRODUCT_SHOT_PROMPT, "value": "x"},
                {"id": PRODUCT_SHOT_PRODUCT, "value": {"asset_ids": []}}]),
            json!(["body", "inputs", 1, "value", "asset_ids"]),
        ),
        // Not a UUID.
        (
            json!([{"id": PRODUCT_SHOT_PROMPT, "value": "x"},
                {"id": PRODUCT_SHOT_PRODUCT, "value": {"asset_ids": ["nope"]}}]),
            json!(["body", "inputs", 1, "value", "asset_ids", 0]),
        ),
    ];
    for (inputs, loc) in cases {
        let (status, body) =
            create(&ctx, json!({"agent_id": PRODUCT_SHOT, "inputs": inputs})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{inputs}");
        assert_eq!(locs(&body)[0], loc, "{body}");
    }
}

#[tokio::test]
async fn an_asset_that_does_not_exist_is_422() {
    let ctx = Ctx::new();
    let missing = "00000000-0000-4000-8000-00000000abcd";
    let body = json!({"agent_id": ECHO,
                      "inputs": [{"id": ECHO_FILE, "value": {"asset_ids": [missing]}}]});
    let (status, body) = create(&ctx, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        locs(&body),
        [json!(["body", "inputs", 0, "value", "asset_ids", 0])]
    );
    assert!(body["detail"][0]["msg"].as_str().unwrap().contains(missing));
}

#[tokio::test]
async fn an_image_input_refuses_a_non_image_asset_and_a_file_input_takes_anything() {
    let ctx = Ctx::new();
    let (_, text) = ctx
        .upload("notes.txt", b"hi".to_vec(), "text/plain", None)
        .await;
    let text_id = text["id"].as_str().unwrap();
    let shot = json!({"agent_id": PRODUCT_SHOT, "inputs": [
        {"id": PRODUCT_SHOT_PROMPT, "value": "x"},
        {"id": PRODUCT_SHOT_PRODUCT, "value": {"asset_ids": [text_id]}}]});
    let (status, body) = create(&ctx, shot).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["detail"][0]["msg"]
            .as_str()
            .unwrap()
            .contains("not an image")
    );

    let png = ctx.upload_png("p.png").await;
    let echo = json!({"agent_id": ECHO, "inputs": [
        {"id": ECHO_FILE, "value": {"asset_ids": [text_id, png]}}]});
    let (status, _) = create(&ctx, echo).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn optional_inputs_may_be_left_out() {
    let ctx = Ctx::new();
    let (status, run) = create(&ctx, json!({"agent_id": ALWAYS_FAILS})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(run["inputs"], json!([]));
}
