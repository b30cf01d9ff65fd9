//! The accept loop: one hyper HTTP/1 connection task per TCP stream, each with a kill switch.
//!
//! `axum::serve` cannot drop a connection from inside a handler, and the `reset` faults need
//! exactly that. So each connection gets a [`ConnKill`] token in every request's extensions;
//! cancelling it makes the connection task return, which drops the hyper connection and closes
//! the socket without a response. On shutdown the loop stops accepting, connections finish
//! their current exchange (for at most [`GRACE`]), and whatever is left is dropped.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::{TowerToHyperService, TowerToHyperServiceFuture};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::api::error::ApiError;
use crate::config::{ADMIN_PREFIX, API_PREFIX};
use crate::gate::{ConnKill, gate};
use crate::state::Shared;

/// How long connections may take to finish after shutdown begins.
const GRACE: Duration = Duration::from_secs(3);

/// Serves until `shutdown` resolves, then drains.
pub async fn run(
    shared: Arc<Shared>,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let router = app_router(shared.clone());
    let stopping = shared.stopping.clone();
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, router.clone(), stopping.clone()));
                }
                // Running out of file descriptors is transient; back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
        }
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    stopping.cancel();
    let drained = tokio::time::timeout(GRACE + Duration::from_secs(1), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.abort_all();
    }
    Ok(())
}

/// The API behind the gate, the admin endpoints, and FastAPI-shaped 404/405 answers.
fn app_router(shared: Arc<Shared>) -> Router {
    Router::new()
        .nest(API_PREFIX, crate::api::router())
        .nest(ADMIN_PREFIX, crate::admin::router())
        .fallback(|| async { ApiError::Detail(StatusCode::NOT_FOUND, "Not Found".into()) })
        .method_not_allowed_fallback(|| async {
            ApiError::Detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed".into())
        })
        .layer(axum::middleware::from_fn_with_state(shared.clone(), gate))
        .with_state(shared)
}

/// Serves one connection until it ends, its kill switch fires, or shutdown runs out of grace.
async fn serve_connection(stream: TcpStream, router: Router, stopping: CancellationToken) {
    let _ = stream.set_nodelay(true);
    let kill = CancellationToken::new();
    let service = ConnService {
        router: TowerToHyperService::new(router),
        kill: ConnKill(kill.clone()),
    };
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new());
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        () = kill.cancelled() => return,
        () = stopping.cancelled() => {}
    }
    conn.as_mut().graceful_shutdown();
    tokio::select! {
        _ = conn.as_mut() => {}
        () = kill.cancelled() => {}
        () = tokio::time::sleep(GRACE) => {}
    }
}

/// Hands each request to the router with the connection's kill switch attached.
#[derive(Clone)]
struct ConnService {
    router: TowerToHyperService<Router>,
    kill: ConnKill,
}

impl hyper::service::Service<Request<Incoming>> for ConnService {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = TowerToHyperServiceFuture<Router, Request<Incoming>>;

    fn call(&self, mut req: Request<Incoming>) -> Self::Future {
        req.extensions_mut().insert(self.kill.clone());
        self.router.call(req)
    }
}
