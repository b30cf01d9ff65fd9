//! A small TCP proxy for faults below HTTP: a stall in the middle of a body, a connection cut
//! after N bytes, a slow drip. It sits between `pletor` and the simulator; the first `times`
//! connections get the fault, later ones pass through untouched.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// What happens to the answer bytes of a faulted connection.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Forward `after` bytes, then go silent (the connection stays open).
    StallAfter(usize),
    /// Forward `after` bytes, then close the connection.
    CutAfter(usize),
    /// Forward everything in `chunk`-byte pieces, `pause` apart.
    Drip { chunk: usize, pause: Duration },
}

/// A running proxy; dropping it stops stalls and the accept loop.
pub struct Proxy {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    connections: Arc<AtomicUsize>,
}

impl Proxy {
    /// Proxies to `upstream` (host:port), faulting the first `times` connections.
    pub fn start(upstream: SocketAddr, fault: Fault, times: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let (stop2, count) = (stop.clone(), connections.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                let n = count.fetch_add(1, Ordering::SeqCst);
                let fault = (n < times).then_some(fault);
                let stop3 = stop2.clone();
                std::thread::spawn(move || relay(client, upstream, fault, &stop3));
            }
        });
        Self {
            addr,
            stop,
            connections,
        }
    }

    /// The API base through the proxy, for a simulator's API base.
    pub fn api_base(&self, sim_api_base: &str) -> String {
        let path = sim_api_base.splitn(4, '/').nth(3).unwrap_or("");
        format!("http://{}/{path}", self.addr)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn relay(client: TcpStream, upstream: SocketAddr, fault: Option<Fault>, stop: &AtomicBool) {
    let Ok(server) = TcpStream::connect(upstream) else {
        return;
    };
    let (mut client_read, mut server_write) =
        (client.try_clone().unwrap(), server.try_clone().unwrap());
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_read, &mut server_write);
        let _ = server_write.shutdown(Shutdown::Write);
    });
    let (mut from, mut to) = (server, client);
    let mut sent = 0usize;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        match fault {
            None => {
                if to.write_all(chunk).is_err() {
                    break;
                }
            }
            Some(Fault::StallAfter(limit)) | Some(Fault::CutAfter(limit)) if sent + n >= limit => {
                let _ = to.write_all(&chunk[..limit - sent]);
                let _ = to.flush();
                if let Some(Fault::StallAfter(_)) = fault {
                    for _ in 0..600 {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    }
                }
                break;
            }
            Some(Fault::Drip { chunk: size, pause }) => {
                for piece in chunk.chunks(size) {
                    if to.write_all(piece).is_err() {
                        return;
                    }
                    let _ = to.flush();
                    std::thread::sleep(pause);
                }
            }
            Some(_) => {
                if to.write_all(chunk).is_err() {
                    break;
                }
            }
        }
        sent += n;
    }
    let _ = to.shutdown(Shutdown::Both);
}
