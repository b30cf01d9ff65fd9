//! Assets: streamed upload, list, metadata, download with Range and Content-Disposition,
//! generated results, and admin-created assets with hostile names.

use pletor_sim::catalog::*;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::common::{Ctx, ids, locs, send_json};

async fn admin_asset(ctx: &Ctx, body: Value) -> Value {
    let response = ctx
        .http
        .post(ctx.admin("/assets"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn download(ctx: &Ctx, id: &str, range: Option<&str>) -> reqwest::Response {
    let mut request = ctx.get(&format!("/assets/{id}/download"));
    if let Some(range) = range {
        request = request.header("Range", range);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn an_upload_reports_size_sha256_mime_and_a_download_url() {
    let ctx = Ctx::new();
    let bytes = b"col1,col2\n1,2\n".to_vec();
    let (status, asset) = ctx
        .upload("table.csv", bytes.clone(), "text/csv", None)
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(asset["filename"], "table.csv");
    assert_eq!(asset["mime_type"], "text/csv");
    assert_eq!(asset["size"], bytes.len());
    assert_eq!(asset["sha256"], hex::encode(Sha256::digest(&bytes)));
    assert_eq!(asset["external_id"], Value::Null);
    let id = asset["id"].as_str().unwrap();
    assert_eq!(asset["url"], ctx.url(&format!("/assets/{id}/download")));
    assert_eq!(ctx.stats().await["assets_uploaded"], 1);

    let (status, shown) = ctx.get_json(&format!("/assets/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown, asset);
    let response = download(&ctx, id, None).await;
    assert_eq!(response.bytes().await.unwrap().as_ref(), bytes.as_slice());
}

#[tokio::test]
async fn an_upload_without_a_content_type_gets_one_from_its_extension() {
    let ctx = Ctx::new();
    let part = Part::bytes(b"{}".to_vec()).file_name("data.json");
    let (status, asset) = send_json(
        ctx.post("/assets/upload/")
            .multipart(Form::new().part("file", part)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(asset["mime_type"], "application/json");
}

#[tokio::test]
async fn an_upload_without_a_file_part_or_not_multipart_is_422() {
    let ctx = Ctx::new();
    let form = Form::new().text("other", "x");
    let (status, body) = send_json(ctx.post("/assets/upload/").multipart(form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(locs(&body), [json!(["body", "file"])]);
    let (status, body) = ctx
        .post_json("/assets/upload/", &json!({"file": "x"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(locs(&body), [json!(["body", "file"])]);
}

#[tokio::test]
async fn assets_are_listed_newest_first_and_unknown_ones_are_404() {
    let ctx = Ctx::new();
    let a = ctx.upload_png("a.png").await;
    let b = ctx.upload_png("b.png").await;
    let (_, list) = ctx.get_json("/assets/").await;
    assert_eq!(ids(&list), [b.clone(), a]);
    let (status, body) = ctx
        .get_json("/assets/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Asset not found"}));
    let response = download(&ctx, "00000000-0000-4000-8000-000000000000", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn result_assets_are_downloadable_png_files() {
    let ctx = Ctx::new();
    let run = ctx.text_to_image("a red fox").await;
    ctx.skip_ahead();
    let done = ctx.poll("/runs/", &run).await;
    let asset_id = done["results"][0]["asset_id"].as_str().unwrap();
    let (status, meta) = ctx.get_json(&format!("/assets/{asset_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(meta["mime_type"], "image/png");
    let response = download(&ctx, asset_id, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.headers()["accept-ranges"], "bytes");
    assert_eq!(
        response.headers()["content-length"].to_str().unwrap(),
        meta["size"].to_string()
    );
    let bytes = response.bytes().await.unwrap();
    assert_eq!(bytes[..8], pletor_sim::png::SIGNATURE);
    assert_eq!(hex::encode(Sha256::digest(&bytes)), meta["sha256"]);
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let info = decoder.read_info().unwrap();
    assert_eq!(info.info().width, 64);
}

#[tokio::test]
async fn download_honours_ranges_with_206_and_content_range_and_416() {
    let ctx = Ctx::new();
    let asset = admin_asset(&ctx, json!({"filename": "f.bin", "size": 1000})).await;
    let id = asset["id"].as_str().unwrap();
    let full = download(&ctx, id, None).await.bytes().await.unwrap();
    assert_eq!(full.len(), 1000);
    assert_eq!(full[300], (300 % 251) as u8, "filler is offset mod 251");

    for (range, start, end) in [
        ("bytes=10-19", 10, 19),
        ("bytes=990-", 990, 999),
        ("bytes=-5", 995, 999),
        ("bytes=900-5000", 900, 999),
    ] {
        let response = download(&ctx, id, Some(range)).await;
        assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT, "{range}");
        assert_eq!(
            response.headers()["content-range"],
            format!("bytes {start}-{end}/1000").as_str()
        );
        assert_eq!(
            response.headers()["content-length"],
            (end - start + 1).to_string().as_str()
        );
        let part = response.bytes().await.unwrap();
        assert_eq!(part.as_ref(), &full[start..=end], "{range}");
    }
    let response = download(&ctx, id, Some("bytes=1000-")).await;
    assert_eq!(response.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(response.headers()["content-range"], "bytes */1000");
    let response = download(&ctx, id, Some("bytes=0-1,5-6")).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "multiple ranges get the whole file"
    );
}

#[tokio::test]
async fn content_disposition_carries_an_ascii_fallback_and_the_utf8_name() {
    let ctx = Ctx::new();
    let (_, asset) = ctx
        .upload(
            "Résumé \"final\".pdf",
            b"%PDF-1.4".to_vec(),
            "application/pdf",
            None,
        )
        .await;
    let response = download(&ctx, asset["id"].as_str().unwrap(), None).await;
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"R_sum_ \\\"final\\\".pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf"
    );
}

#[tokio::test]
async fn admin_assets_accept_hostile_names_filler_sizes_and_base64() {
    let ctx = Ctx::new();
    let long = "a".repeat(396) + ".png";
    for name in [
        "../../x.png",
        "/etc/passwd",
        "a\u{0}b.png",
        long.as_str(),
        "..",
        "dir\\win.txt",
    ] {
        let asset = admin_asset(
            &ctx,
            json!({"filename": name, "size": 3, "mime_type": "image/png"}),
        )
        .await;
        assert_eq!(asset["filename"], name);
        assert_eq!(asset["mime_type"], "image/png");
        let response = download(&ctx, asset["id"].as_str().unwrap(), None).await;
        assert_eq!(response.status(), StatusCode::OK, "{name:?}");
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\""),
            "{disposition}"
        );
        assert_eq!(response.bytes().await.unwrap().as_ref(), [0, 1, 2]);
    }
    let response = download(
        &ctx,
        admin_asset(&ctx, json!({"filename": "../../x.png", "size": 1})).await["id"]
            .as_str()
            .unwrap(),
        None,
    )
    .await;
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"../../x.png\"; filename*=UTF-8''..%2F..%2Fx.png"
    );

    let hello = admin_asset(
        &ctx,
        json!({"filename": "hi.txt", "content_base64": "aGVsbG8="}),
    )
    .await;
    assert_eq!(hello["size"], 5);
    assert_eq!(hello["mime_type"], "text/plain");
    let response = download(&ctx, hello["id"].as_str().unwrap(), None).await;
    assert_eq!(response.text().await.unwrap(), "hello");

    let response = ctx
        .http
        .post(ctx.admin("/assets"))
        .json(&json!({"size": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "filename is required"
    );
}

#[tokio::test]
async fn admin_assets_can_be_run_inputs() {
    let ctx = Ctx::new();
    let asset = admin_asset(&ctx, json!({"filename": "big.bin", "size": 5_000_000})).await;
    let run = ctx
        .run(
            ECHO,
            json!([{"id": ECHO_FILE, "value": {"asset_ids": [asset["id"]]}}]),
        )
        .await;
    ctx.skip_ahead();
    let done = ctx.poll("/runs/", &run).await;
    assert_eq!(done["results"][0]["asset_id"], asset["id"]);
    let response = download(&ctx, asset["id"].as_str().unwrap(), None).await;
    assert_eq!(response.bytes().await.unwrap().len(), 5_000_000);
}
