//! End to end over a real socket: the built binary ingests `examples/articles`, `serve`s the
//! store on a free loopback port, and a tiny HTTP/1.1 client (std only) checks the SPARQL
//! Protocol answers: JSON, CSV, TSV, XML and Turtle, a 400, a 405, a 403, the graph store, and
//! parallel readers.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_conflictkg");
const STATE_LABELS: &str =
    "SELECT ?label WHERE { ?s a ckg:State ; rdfs:label ?label } ORDER BY ?label";

/// The `serve` child process; killed when the test ends, however it ends.
struct ServerProcess {
    child: Child,
    port: u16,
    _store: tempfile::TempDir,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

/// Ingests the example articles into a fresh store and serves it.
fn start_server(extra_args: &[&str]) -> ServerProcess {
    let store = tempfile::tempdir().expect("temp dir");
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let ingest = Command::new(BIN)
        .arg("ingest")
        .arg("--store")
        .arg(store.path())
        .arg(&articles)
        .output()
        .expect("run conflictkg ingest");
    assert!(
        ingest.status.success(),
        "conflictkg ingest failed: {}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let port = free_port();
    let child = Command::new(BIN)
        .arg("serve")
        .arg("--store")
        .arg(store.path())
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .args(extra_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn conflictkg serve");
    let mut server = ServerProcess {
        child,
        port,
        _store: store,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("conflictkg serve exited early with {status}");
        }
        if http(port, "GET", "/api/prefixes", &[], b"").is_ok_and(|r| r.status == 200) {
            return server;
        }
        assert!(
            Instant::now() < deadline,
            "conflictkg serve did not answer on port {port} within 60 s"
        );
        thread::sleep(Duration::from_millis(100));
    }
}

struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl HttpResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

/// One HTTP/1.1 exchange with `Connection: close`; understands sized and chunked bodies.
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<HttpResponse> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| io::Error::other("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad status line in {head:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body)?;
    }
    Ok(HttpResponse {
        status,
        headers,
        body: String::from_utf8(body).map_err(io::Error::other)?,
    })
}

fn dechunk(mut data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| io::Error::other("truncated chunk size"))?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(io::Error::other)?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err(io::Error::other("truncated chunk"));
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn serves_the_ingested_store_over_http() {
    let server = start_server(&[]);
    let port = server.port;
    let get_query = |query: &str, accept: &str| {
        http(
            port,
            "GET",
            &format!("/sparql?query={}", urlencode(query)),
            &[("Accept", accept)],
            b"",
        )
        .expect("GET /sparql")
    };

    // GET, JSON (the default).
    let json = get_query(STATE_LABELS, "application/sparql-results+json");
    assert_eq!(json.status, 200, "{}", json.body);
    assert!(json
        .content_type()
        .starts_with("application/sparql-results+json"));
    let parsed: serde_json::Value = serde_json::from_str(&json.body).expect("results JSON");
    let labels: Vec<&str> = parsed["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .filter_map(|b| b["label"]["value"].as_str())
        .collect();
    assert!(labels.contains(&"Pakistan"), "state labels: {labels:?}");
    assert_eq!(json.header("access-control-allow-origin"), Some("*"));

    // GET, XML.
    let xml = get_query(STATE_LABELS, "application/sparql-results+xml");
    assert_eq!(xml.status, 200);
    assert!(xml
        .content_type()
        .starts_with("application/sparql-results+xml"));
    assert!(xml.body.contains(">Pakistan</literal>"), "{}", xml.body);

    // POST form, CSV.
    let csv = http(
        port,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/csv"),
        ],
        format!("query={}", urlencode(STATE_LABELS)).as_bytes(),
    )
    .expect("POST form");
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.content_type().starts_with("text/csv"));
    assert!(csv.body.starts_with("label\r\n"), "{}", csv.body);
    assert!(csv.body.lines().any(|l| l == "Pakistan"), "{}", csv.body);

    // POST direct query, TSV.
    let tsv = http(
        port,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/tab-separated-values"),
        ],
        STATE_LABELS.as_bytes(),
    )
    .expect("POST query");
    assert_eq!(tsv.status, 200, "{}", tsv.body);
    assert!(tsv.content_type().starts_with("text/tab-separated-values"));
    assert!(tsv.body.starts_with("?label\n"), "{}", tsv.body);
    assert!(tsv.body.contains("\"Pakistan\""), "{}", tsv.body);

    // CONSTRUCT, Turtle (the default for graphs).
    let turtle = get_query(
        "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a ckg:State ; rdfs:label ?l }",
        "*/*",
    );
    assert_eq!(turtle.status, 200, "{}", turtle.body);
    assert!(turtle.content_type().starts_with("text/turtle"));
    assert!(turtle.body.contains("Pakistan"), "{}", turtle.body);

    // format= overrides Accept.
    let overridden = http(
        port,
        "GET",
        &format!("/sparql?query={}&format=csv", urlencode(STATE_LABELS)),
        &[("Accept", "application/sparql-results+json")],
        b"",
    )
    .expect("format=csv");
    assert!(overridden.content_type().starts_with("text/csv"));

    // A bad query: 400 with the parser's message and position.
    let bad = get_query("SELECT ?x WHERE { ?x ?y }", "*/*");
    assert_eq!(bad.status, 400);
    assert!(bad.content_type().starts_with("text/plain"));
    assert!(bad.body.contains("1:"), "{}", bad.body);

    // A method the endpoint does not take: 405 with Allow.
    let put = http(port, "PUT", "/sparql", &[], b"").expect("PUT");
    assert_eq!(put.status, 405);
    assert!(put.header("allow").is_some_and(|a| a.contains("POST")));

    // Read-only by default.
    let update = http(
        port,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        b"INSERT DATA { <http://example.com/s> <http://example.com/p> 1 }",
    )
    .expect("POST update");
    assert_eq!(update.status, 403, "{}", update.body);

    // The graph store streams the default graph.
    let graph = http(
        port,
        "GET",
        "/graph?default",
        &[("Accept", "application/n-triples")],
        b"",
    )
    .expect("GET /graph");
    assert_eq!(graph.status, 200);
    assert!(graph.content_type().starts_with("application/n-triples"));
    assert!(graph.body.lines().count() > 10, "{}", graph.body);
    assert!(graph.body.lines().all(|l| l.ends_with(" .")));

    // The page and its API.
    let page = http(port, "GET", "/", &[], b"").expect("GET /");
    assert_eq!(page.status, 200);
    assert!(page.content_type().starts_with("text/html"));
    let search = http(port, "GET", "/api/search?q=pakistan", &[], b"").expect("search");
    assert!(search.body.contains("\"Pakistan\""), "{}", search.body);

    // Readers in parallel: 8 clients at once, each answered.
    let started = Instant::now();
    let workers: Vec<_> = (0..8)
        .map(|_| {
            thread::spawn(move || {
                http(
                    port,
                    "GET",
                    &format!("/sparql?query={}", urlencode(STATE_LABELS)),
                    &[],
                    b"",
                )
                .map(|r| r.status)
            })
        })
        .collect();
    for worker in workers {
        assert_eq!(worker.join().expect("client thread").ok(), Some(200));
    }
    eprintln!("8 parallel SELECTs answered in {:?}", started.elapsed());
}

#[test]
fn limits_from_the_command_line_apply() {
    let server = start_server(&["--max-results", "1", "--timeout-s", "5"]);
    let answer = http(
        server.port,
        "GET",
        &format!("/sparql?query={}", urlencode(STATE_LABELS)),
        &[("Accept", "text/csv")],
        b"",
    )
    .expect("GET /sparql");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("x-conflictkg-truncated"), Some("true"));
    assert_eq!(answer.body.lines().count(), 2, "{}", answer.body);
}
