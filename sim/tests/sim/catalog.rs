//! The seeded catalog: lists, filters, one entry, pagination, FastAPI-shaped 404/405/422.

use pletor_sim::catalog::*;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Ctx, ids, locs};

#[tokio::test]
async fn agents_list_shows_the_seeded_catalog_in_fixed_order() {
    let ctx = Ctx::new();
    let (status, list) = ctx.get_json("/agents/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        ids(&list),
        [
            TEXT_TO_IMAGE,
            PRODUCT_SHOT,
            REVIEWED_POST,
            ECHO,
            ALWAYS_FAILS
        ]
    );
    assert_eq!(list["has_more"], false);
    let first = &list["data"][0];
    assert_eq!(first["name"], "Text to Image");
    for field in [
        "description",
        "tags",
        "visibility",
        "estimated_cost",
        "inputs",
        "outputs",
    ] {
        assert!(!first[field].is_null(), "{field} missing in {first}");
    }
}

#[tokio::test]
async fn agents_filter_by_visibility_and_by_any_of_several_tags() {
    let ctx = Ctx::new();
    let (_, private) = ctx.get_json("/agents/?visibility=PRIVATE").await;
    assert_eq!(ids(&private), [ECHO]);
    let (_, public) = ctx.get_json("/agents/?visibility=PUBLIC").await;
    assert_eq!(ids(&public).len(), 4);
    let (_, tagged) = ctx.get_json("/agents/?tags=testing").await;
    assert_eq!(ids(&tagged), [ECHO, ALWAYS_FAILS]);
    let (_, repeated) = ctx.get_json("/agents/?tags=review&tags=ecommerce").await;
    assert_eq!(ids(&repeated), [PRODUCT_SHOT, REVIEWED_POST]);
    let (_, comma) = ctx
        .get_json("/agents/?tags=review,ecommerce&unknown=1")
        .await;
    assert_eq!(ids(&comma), [PRODUCT_SHOT, REVIEWED_POST]);
    let (_, none) = ctx.get_json("/agents/?tags=nothing-has-this").await;
    assert_eq!(ids(&none), Vec::<String>::new());
}

#[tokio::test]
async fn agent_show_returns_inputs_with_ids_names_types_and_404_for_unknown() {
    let ctx = Ctx::new();
    let (status, agent) = ctx.get_json(&format!("/agents/{PRODUCT_SHOT}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(agent["id"], PRODUCT_SHOT);
    assert_eq!(
        agent["inputs"],
        json!([
            {"id": PRODUCT_SHOT_PROMPT, "name": "prompt", "type": "text_input",
             "description": "The scene to place the product in.", "required": true},
            {"id": PRODUCT_SHOT_PRODUCT, "name": "product", "type": "image_input",
             "description": "A photo of the product (JPG, PNG, WebP or GIF).", "required": true},
        ])
    );
    assert_eq!(agent["outputs"].as_array().unwrap().len(), 3);
    let (_, echo) = ctx.get_json(&format!("/agents/{ECHO}")).await;
    assert_eq!(echo["inputs"][0]["type"], "file_input");
    assert_eq!(echo["inputs"][1]["required"], false);

    let (status, body) = ctx
        .get_json("/agents/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Agent not found"}));
    // An app id is not an agent.
    let (status, _) = ctx.get_json(&format!("/agents/{SOCIAL_POST}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn apps_list_and_show_the_two_apps() {
    let ctx = Ctx::new();
    let (_, apps) = ctx.get_json("/apps/").await;
    assert_eq!(ids(&apps), [SOCIAL_POST, REVIEWED_AD]);
    let (status, app) = ctx.get_json(&format!("/apps/{REVIEWED_AD}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app["inputs"][0]["id"], REVIEWED_AD_BRIEF);
    assert_eq!(app["inputs"][0]["name"], "brief");
    let (status, body) = ctx.get_json(&format!("/apps/{ECHO}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "App not found"}));
}

#[tokio::test]
async fn malformed_path_uuid_is_a_fastapi_422() {
    let ctx = Ctx::new();
    for path in [
        "/agents/not-a-uuid",
        "/runs/nope",
        "/assets/x",
        "/app-runs/1",
    ] {
        let (status, body) = ctx.get_json(path).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(locs(&body)[0][0], "path", "{path}: {body}");
    }
}

#[tokio::test]
async fn lists_paginate_with_limit_starting_after_and_has_more() {
    let ctx = Ctx::new();
    let (_, page1) = ctx.get_json("/agents/?limit=2").await;
    assert_eq!(ids(&page1), [TEXT_TO_IMAGE, PRODUCT_SHOT]);
    assert_eq!(page1["has_more"], true);
    let (_, page2) = ctx
        .get_json(&format!("/agents/?limit=2&starting_after={PRODUCT_SHOT}"))
        .await;
    assert_eq!(ids(&page2), [REVIEWED_POST, ECHO]);
    assert_eq!(page2["has_more"], true);
    let (_, page3) = ctx
        .get_json(&format!("/agents/?limit=2&starting_after={ECHO}"))
        .await;
    assert_eq!(ids(&page3), [ALWAYS_FAILS]);
    assert_eq!(page3["has_more"], false);
}

#[tokio::test]
async fn the_configured_page_size_is_the_default_limit() {
    let ctx = Ctx::with(pletor_sim::Config {
        page_size: 3,
        ..pletor_sim::Config::default()
    });
    for n in 0..5 {
        ctx.text_to_image(&format!("p{n}")).await;
    }
    let (_, page) = ctx.get_json("/runs/").await;
    assert_eq!(ids(&page).len(), 3);
    assert_eq!(page["has_more"], true);
    let (_, all) = ctx.get_json("/runs/?limit=100").await;
    assert_eq!(ids(&all).len(), 5);
    assert_eq!(all["has_more"], false);
}

#[tokio::test]
async fn the_max_page_size_caps_what_limit_asks_for() {
    let ctx = Ctx::with(pletor_sim::Config {
        max_page_size: 2,
        ..pletor_sim::Config::default()
    });
    let (_, page) = ctx.get_json("/agents/?limit=100").await;
    assert_eq!(ids(&page).len(), 2);
    assert_eq!(page["has_more"], true);
}

#[tokio::test]
async fn limit_out_of_range_or_unknown_cursor_is_422() {
    let ctx = Ctx::new();
    for query in ["limit=0", "limit=101", "limit=ten", "starting_after=nope"] {
        let (status, body) = ctx.get_json(&format!("/agents/?{query}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(locs(&body)[0][0], "query");
    }
    let (status, _) = ctx.get_json("/agents/?limit=100").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_fastapi_json() {
    let ctx = Ctx::new();
    let (status, body) = ctx.get_json("/nothing/here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Not Found"}));
    let (status, body) = crate::common::send_json(ctx.delete("/agents/")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body, json!({"detail": "Method Not Allowed"}));
}
