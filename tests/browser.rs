//! The web page in a real browser: headless Chromium loads the page served by the built binary,
//! the page runs the query from its URL (`?query=…&run=1`), and the DOM it leaves must hold the
//! results table; the entity view must draw its graph and list facts, claims and events.
//!
//! Needs `/usr/bin/chromium`. Without it the test fails when `CI` is set (CI installs it) and
//! otherwise prints a notice and passes.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_conflictkg");
const CHROMIUM: &str = "/usr/bin/chromium";

/// A child process killed when the test ends, however it ends.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
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

/// Status and body of a `GET` (HTTP/1.1, `Connection: close`, sized bodies only).
fn get(port: u16, path: &str) -> io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .ok_or_else(|| io::Error::other("no end of headers"))?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::other("bad status line"))?;
    Ok((status, body.to_owned()))
}

/// Ingests the example articles, serves them, and waits until the server answers.
fn start_server(store: &Path) -> (KillOnDrop, u16) {
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let ingest = Command::new(BIN)
        .arg("ingest")
        .arg("--store")
        .arg(store)
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
        .arg(store)
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn conflictkg serve");
    let mut server = KillOnDrop(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("conflictkg serve exited early with {status}");
        }
        if get(port, "/api/prefixes").is_ok_and(|(status, _)| status == 200) {
            return (server, port);
        }
        assert!(
            Instant::now() < deadline,
            "the server did not answer within 60 s"
        );
        thread::sleep(Duration::from_millis(100));
    }
}

/// The DOM Chromium leaves after loading `url` and letting its scripts run.
fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--virtual-time-budget=5000")
        .arg("--dump-dom")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let mut browser = KillOnDrop(child);
    let mut stdout = browser.0.stdout.take().expect("stdout");
    let mut stderr = browser.0.stderr.take().expect("stderr");
    let reader = thread::spawn(move || {
        let mut dom = String::new();
        let _ = stdout.read_to_string(&mut dom);
        dom
    });
    let errors = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        match browser.0.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(100)),
            _ => {
                let _ = browser.0.kill();
                break;
            }
        }
    }
    let dom = reader.join().unwrap_or_default();
    let errors = errors.join().unwrap_or_default();
    assert!(
        dom.contains("</html>"),
        "chromium printed no DOM for {url}; its stderr:\n{errors}"
    );
    dom
}

/// The text between `<table id="results"` and its `</table>`.
fn results_table(dom: &str) -> &str {
    let start = dom
        .find("id=\"results\"")
        .unwrap_or_else(|| panic!("no results table in the DOM:\n{dom}"));
    let end = dom[start..]
        .find("</table>")
        .map_or(dom.len(), |end| start + end);
    &dom[start..end]
}

fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(CHROMIUM);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{CHROMIUM} is missing: CI must install chromium for the browser test");
    }
    eprintln!("notice: {CHROMIUM} not found, browser test skipped (apt-get install chromium)");
    None
}

#[test]
fn page_runs_a_query_from_its_url_and_shows_an_entity() {
    let Some(chromium) = chromium() else {
        return;
    };
    let store = tempfile::tempdir().expect("store dir");
    let (_server, port) = start_server(store.path());

    // The query view: the page reads ?query= and ?run=1 and fills the results table.
    let query = "SELECT ?label WHERE { ?s a ckg:State ; rdfs:label ?label } ORDER BY ?label";
    let url = format!("http://127.0.0.1:{port}/?query={}&run=1", urlencode(query));
    let dom = dump_dom(&chromium, &url);
    let table = results_table(&dom);
    assert!(table.contains("<th scope=\"col\">label</th>"), "{table}");
    assert!(table.contains(">Pakistan</td>"), "{table}");
    let rows = table.matches("<tr>").count();
    assert!(
        rows >= 3,
        "header and at least two states expected:\n{table}"
    );

    // The entity view of Pakistan: its graph and its sections.
    let lookup = "SELECT ?s WHERE { ?s a ckg:State ; rdfs:label \"Pakistan\"@en }";
    let (status, csv) = get(port, &format!("/sparql?query={}", urlencode(lookup))).expect("lookup");
    assert_eq!(status, 200, "{csv}");
    let iri = csv
        .lines()
        .nth(1)
        .expect("Pakistan's IRI")
        .trim()
        .to_owned();
    let url = format!("http://127.0.0.1:{port}/?entity={}", urlencode(&iri));
    let dom = dump_dom(&chromium, &url);
    assert!(dom.contains("<h2>Pakistan</h2>"), "{dom}");
    assert!(
        dom.contains("class=\"graph-svg\""),
        "no graph drawn:\n{dom}"
    );
    assert!(
        dom.contains("class=\"node state centre\""),
        "no centre node:\n{dom}"
    );
    for section in ["id=\"facts\"", "id=\"claims\"", "id=\"events\""] {
        assert!(dom.contains(section), "{section} missing:\n{dom}");
    }
}
