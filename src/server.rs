//! The HTTP face of conflictkg: a SPARQL endpoint, a read-only graph store and a web page.
//!
//! `conflictkg serve` answers:
//!
//! | route | what |
//! | --- | --- |
//! | `GET /` (and `/app.js`, `/style.css`) | the web page: query editor, entity search and view, neighbourhood graph |
//! | `GET, POST /sparql` | [SPARQL 1.1 Protocol](https://www.w3.org/TR/sparql11-protocol/) queries (and updates, only with [`ServerConfig::allow_update`]) |
//! | `GET /graph[?default \| ?graph=IRI]` | [Graph Store Protocol](https://www.w3.org/TR/sparql11-http-rdf-update/) reads, streamed |
//! | `GET /api/examples`, `/api/prefixes` | the example queries and the predeclared prefixes, as JSON |
//! | `GET /api/search?q=` | entities whose `rdfs:label` or `skos:altLabel` contains `q` (case-insensitive) |
//! | `GET /api/entity?iri=` | one entity: labels, types, facts with evidence, claims, events |
//! | `GET /api/neighbourhood?iri=` | nodes and edges around one entity, for the drawn graph |
//!
//! Why it looks the way it does:
//!
//! - **Safe by default.** It binds to loopback, is read-only unless asked otherwise, has a time
//!   limit per query, a cap on result rows and on request bodies, and never reads files or the
//!   network on a query's behalf: `SERVICE` and `LOAD` are refused before evaluation (and the
//!   store is built without Oxigraph's `http-client` feature, so they could not run anyway).
//! - **The handler is a pure function** ([`handle_request`]) of the request, the store and the
//!   configuration, so every route is tested without sockets; [`serve`] only wires it to
//!   [`oxhttp::Server`], which runs one thread per connection, so readers run in parallel.
//! - **Conventions users know**: SPARQL results JSON and Turtle by default, `Accept` with
//!   q-values and wildcards, `format=` as an override, 400 with the parser's message and position
//!   for a bad query, CORS open to every origin (the data is read-only and public to whoever can
//!   reach the port).
//! - **The JSON API is SPARQL over the store** in the vocabulary contract's terms; values from the
//!   request enter those queries only as parsed, re-serialised RDF terms, never as raw text.

use crate::vocab::{self, term};
use oxhttp::model::header::{self, HeaderName};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, QuadRef, Term,
};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator,
};
use oxigraph::store::{QuadIter, Store};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, ToSocketAddrs};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

/// Response header set to `true` when a result was cut at [`ServerConfig::max_results`].
pub const TRUNCATED_HEADER: &str = "x-conflictkg-truncated";
/// Query worker threads alive at once (see [`run_with_deadline`]).
const MAX_RUNNING_QUERIES: usize = 16;
/// Socket read/write timeout of a connection (an idle keep-alive connection is closed after it).
const IO_TIMEOUT: Duration = Duration::from_secs(60);
/// Rows one internal API query may return (the page shows far fewer).
const API_ROW_LIMIT: usize = 2_000;
/// Entities returned by `/api/search`.
const SEARCH_LIMIT: usize = 20;
/// Longest accepted `/api/search` query text, in characters.
const SEARCH_MAX_CHARS: usize = 200;
/// Nodes drawn in a neighbourhood graph.
const NEIGHBOURHOOD_MAX_NODES: usize = 60;
/// Quads serialised per refill of a streamed `/graph` body.
const GRAPH_CHUNK_QUADS: usize = 512;

const INDEX_HTML: &str = include_str!("web/index.html");
const APP_JS: &str = include_str!("web/app.js");
const STYLE_CSS: &str = include_str!("web/style.css");

/// How [`serve`] and [`handle_request`] behave. [`Default`] is the safe setting.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on, `host:port` (default `127.0.0.1:7878`, loopback only).
    pub bind: String,
    /// Accept SPARQL updates (default `false`: the server is read-only).
    pub allow_update: bool,
    /// Time limit of one query or update (default 30 s); past it the answer is 503.
    pub timeout: Duration,
    /// Result rows (or triples) served per query (default 10 000); more are cut and the response
    /// carries [`TRUNCATED_HEADER`]`: true`.
    pub max_results: usize,
    /// Largest accepted request body in bytes (default 1 MiB); larger ones get 413.
    pub max_body: usize,
    /// Connections served at once (default 64); further ones wait.
    pub max_connections: usize,
    /// `(title, query)` pairs offered in the page's example menu.
    pub examples: Vec<(String, String)>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:7878".into(),
            allow_update: false,
            timeout: Duration::from_secs(30),
            max_results: 10_000,
            max_body: 1024 * 1024,
            max_connections: 64,
            examples: builtin_examples(),
        }
    }
}

/// The example queries shown in the page when the caller provides none of its own.
pub fn builtin_examples() -> Vec<(String, String)> {
    [
        (
            "States in the graph",
            "SELECT ?state ?label WHERE {\n  ?state a ckg:State ; rdfs:label ?label .\n}\nORDER BY ?label",
        ),
        (
            "Claims: who says what, asserted or denied",
            "SELECT ?claimantLabel ?stance ?subjectLabel ?predicate ?objectLabel ?sentence WHERE {\n  ?claim a ckg:Claim ; rdf:subject ?s ; rdf:predicate ?predicate ; rdf:object ?o .\n  OPTIONAL { ?claim ckg:claimant/rdfs:label ?claimantLabel }\n  OPTIONAL { ?claim ckg:stance ?stance }\n  OPTIONAL { ?claim ckg:sentence ?sentence }\n  OPTIONAL { ?s rdfs:label ?subjectLabel }\n  OPTIONAL { ?o rdfs:label ?objectLabel }\n}\nLIMIT 100",
        ),
        (
            "Events by date, with place",
            "SELECT ?event ?type ?date ?placeLabel WHERE {\n  ?event a ?type ; ckg:date ?date .\n  FILTER(?type != ckg:Event)\n  OPTIONAL { ?event ckg:location/rdfs:label ?placeLabel }\n}\nORDER BY ?date",
        ),
        (
            "Who leads which group",
            "SELECT ?leaderLabel ?groupLabel ?sentence WHERE {\n  ?leader ckg:leaderOf ?group .\n  ?leader rdfs:label ?leaderLabel .\n  ?group rdfs:label ?groupLabel .\n  OPTIONAL {\n    ?ev a ckg:Evidence ; rdf:subject ?leader ; rdf:predicate ckg:leaderOf ;\n        rdf:object ?group ; ckg:sentence ?sentence .\n  }\n}",
        ),
        (
            "Deaths by victim side",
            "SELECT ?victimLabel (SUM(?killed) AS ?dead) WHERE {\n  ?event ckg:casualties ?c .\n  ?c ckg:victim ?victim ; ckg:killed ?killed .\n  ?victim rdfs:label ?victimLabel .\n}\nGROUP BY ?victimLabel\nORDER BY DESC(?dead)",
        ),
        (
            "Documents",
            "SELECT ?doc ?title ?date WHERE {\n  ?doc a ckg:Document ; dcterms:title ?title .\n  OPTIONAL { ?doc dcterms:date ?date }\n}\nORDER BY ?date",
        ),
    ]
    .into_iter()
    .map(|(title, query)| (title.to_owned(), query.to_owned()))
    .collect()
}

/// Why [`serve`] could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The bind address is not `host:port` or does not resolve.
    #[error("invalid bind address {addr:?}: {reason}")]
    Address { addr: String, reason: String },
    /// Listening failed (port taken, no permission, …).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },
    /// The listener thread stopped with an error.
    #[error("the server stopped: {0}")]
    Stopped(#[source] io::Error),
}

/// Listens on [`ServerConfig::bind`] and answers requests with [`handle_request`] until the
/// process ends. Prints `listening on http://…/` to stderr once the socket is bound.
pub fn serve(store: Store, config: ServerConfig) -> Result<(), ServerError> {
    let addr = resolve_bind(&config.bind)?;
    let max_connections = config.max_connections.max(1);
    let allow_update = config.allow_update;
    let config = Arc::new(config);
    let server = oxhttp::Server::new(move |request| handle_request(request, &store, &config))
        .bind(addr)
        .with_global_timeout(IO_TIMEOUT)
        .with_max_concurrent_connections(max_connections);
    let server = match server.with_server_name(concat!("conflictkg/", env!("CARGO_PKG_VERSION"))) {
        Ok(server) => server,
        Err(error) => {
            return Err(ServerError::Address {
                addr: addr.to_string(),
                reason: error.to_string(),
            })
        }
    };
    let listening = server
        .spawn()
        .map_err(|source| ServerError::Bind { addr, source })?;
    eprintln!(
        "listening on http://{addr}/ ({})",
        if allow_update {
            "SPARQL updates allowed"
        } else {
            "read-only"
        }
    );
    if !addr.ip().is_loopback() {
        eprintln!("warning: {addr} is not a loopback address: anyone who can reach it can query the store");
    }
    listening.join().map_err(ServerError::Stopped)
}

fn resolve_bind(bind: &str) -> Result<SocketAddr, ServerError> {
    if let Ok(addr) = bind.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let error = |reason: String| ServerError::Address {
        addr: bind.to_owned(),
        reason,
    };
    let addrs: Vec<SocketAddr> = bind
        .to_socket_addrs()
        .map_err(|e| error(e.to_string()))?
        .collect();
    // `localhost` may resolve to both ::1 and 127.0.0.1; one listener is enough, IPv4 first.
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or_else(|| addrs.first())
        .copied()
        .ok_or_else(|| error("it resolves to no address".into()))
}

/// Answers one HTTP request. Never panics on any input; every response carries
/// `Access-Control-Allow-Origin: *`.
pub fn handle_request(
    request: &mut Request<Body>,
    store: &Store,
    config: &ServerConfig,
) -> Response<Body> {
    let mut response = route(request, store, config).unwrap_or_else(HttpError::into_response);
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(TRUNCATED_HEADER),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

// ---------------------------------------------------------------------------------------------
// Routing

/// Methods each route answers (the `Allow` header of a 405 and of a preflight).
fn allowed_methods(path: &str) -> Option<&'static str> {
    match path {
        "/sparql" => Some("GET, POST, OPTIONS"),
        "/" | "/index.html" | "/app.js" | "/style.css" | "/graph" | "/api/examples"
        | "/api/prefixes" | "/api/search" | "/api/entity" | "/api/neighbourhood" => {
            Some("GET, OPTIONS")
        }
        _ => None,
    }
}

fn route(
    request: &mut Request<Body>,
    store: &Store,
    config: &ServerConfig,
) -> Result<Response<Body>, HttpError> {
    let path = request.uri().path().to_owned();
    let Some(allow) = allowed_methods(&path) else {
        return Err(HttpError::new(
            StatusCode::NOT_FOUND,
            format!("no such resource: {path}"),
        ));
    };
    let method = request.method().clone();
    if method == Method::OPTIONS {
        return Ok(preflight(allow));
    }
    if path == "/sparql" {
        return sparql(request, store, config);
    }
    if method != Method::GET {
        let message = if path == "/graph" {
            format!("{method} is not allowed: the graph store is read-only here (writes go through `conflictkg ingest`)")
        } else {
            format!("{method} is not allowed on {path}")
        };
        return Err(HttpError::new(StatusCode::METHOD_NOT_ALLOWED, message).with_allow(allow));
    }
    let params = parse_params(request.uri().query().unwrap_or(""), true)?;
    match path.as_str() {
        "/" | "/index.html" => Ok(static_file(INDEX_HTML, "text/html; charset=utf-8", true)),
        "/app.js" => Ok(static_file(APP_JS, "text/javascript; charset=utf-8", false)),
        "/style.css" => Ok(static_file(STYLE_CSS, "text/css; charset=utf-8", false)),
        "/graph" => graph_get(request, store, &params),
        "/api/examples" => {
            let examples: Vec<_> = config
                .examples
                .iter()
                .map(|(title, query)| Example { title, query })
                .collect();
            json_response(&examples)
        }
        "/api/prefixes" => {
            let prefixes: Vec<_> = vocab::PREFIXES
                .iter()
                .map(|(prefix, iri)| Prefix { prefix, iri })
                .collect();
            json_response(&prefixes)
        }
        "/api/search" => api_search(store, config, &params),
        "/api/entity" => api_entity(store, config, &params),
        "/api/neighbourhood" => api_neighbourhood(store, config, &params),
        _ => Err(HttpError::new(
            StatusCode::NOT_FOUND,
            format!("no such resource: {path}"),
        )),
    }
}

fn preflight(allow: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    headers.insert(header::ALLOW, HeaderValue::from_static(allow));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(allow),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Content-Type, Accept"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    response
}

fn static_file(content: &'static str, content_type: &'static str, page: bool) -> Response<Body> {
    let mut response = Response::new(Body::from(content));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if page {
        // Everything the page needs comes from this server; nothing inline, nothing remote.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            ),
        );
    }
    response
}

fn json_response(value: &impl Serialize) -> Result<Response<Body>, HttpError> {
    let body = serde_json::to_vec(value)
        .map_err(|e| HttpError::internal(format!("cannot serialise JSON: {e}")))?;
    Ok(bytes_response(body, "application/json"))
}

fn bytes_response(body: Vec<u8>, content_type: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

// ---------------------------------------------------------------------------------------------
// Errors as responses

/// An error answer: status, `text/plain` message, and for 405 the `Allow` header.
#[derive(Debug)]
struct HttpError {
    status: StatusCode,
    message: String,
    allow: Option<&'static str>,
}

impl HttpError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            allow: None,
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    fn with_allow(mut self, allow: &'static str) -> Self {
        self.allow = Some(allow);
        self
    }

    fn timeout(limit: Duration) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query exceeded the time limit of {} and was cancelled; narrow it (LIMIT, more specific patterns) or raise --timeout-s",
                describe_duration(limit)
            ),
        )
    }

    fn into_response(self) -> Response<Body> {
        let mut text = self.message;
        text.push('\n');
        let mut response = Response::new(Body::from(text));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if let Some(allow) = self.allow {
            headers.insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        response
    }
}

fn describe_duration(d: Duration) -> String {
    if d.as_millis() >= 1000 && d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// Maps an evaluation failure to an answer: cancellation means the time limit passed.
fn evaluation_error(error: QueryEvaluationError, limit: Duration) -> HttpError {
    match error {
        QueryEvaluationError::Cancelled => HttpError::timeout(limit),
        QueryEvaluationError::UnsupportedService(service) => HttpError::bad_request(format!(
            "SERVICE {service} is not available: this server does not send federated queries"
        )),
        other => HttpError::internal(format!("query evaluation failed: {other}")),
    }
}

// ---------------------------------------------------------------------------------------------
// Time limit

/// Query workers alive right now, including those whose client already got a 503.
static RUNNING_QUERIES: AtomicUsize = AtomicUsize::new(0);

/// A slot among [`MAX_RUNNING_QUERIES`]; the worker holds it until it ends (or unwinds).
struct QuerySlot;

impl QuerySlot {
    fn acquire() -> Option<Self> {
        if RUNNING_QUERIES.fetch_add(1, Ordering::SeqCst) >= MAX_RUNNING_QUERIES {
            RUNNING_QUERIES.fetch_sub(1, Ordering::SeqCst);
            None
        } else {
            Some(Self)
        }
    }

    /// Waits for a free slot at most `limit`: under load, queries queue instead of failing.
    fn acquire_within(limit: Duration) -> Option<Self> {
        let deadline = std::time::Instant::now() + limit;
        let mut pause = Duration::from_micros(200);
        loop {
            if let Some(slot) = Self::acquire() {
                return Some(slot);
            }
            if std::time::Instant::now() >= deadline {
                return None;
            }
            thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        }
    }
}

impl Drop for QuerySlot {
    fn drop(&mut self) {
        RUNNING_QUERIES.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `job` on a worker thread and waits at most `limit` for it.
///
/// When the limit passes we cancel the token and answer 503 at once. Oxigraph checks the token
/// on every read from the store, so most queries stop soon after. **A query busy in memory
/// without reading the store (say, a cross product of already-read patterns under `COUNT`)
/// does not notice and keeps its worker thread and a CPU core until it ends** — Rust cannot
/// kill a thread. Nobody waits for it and its result is dropped; to keep such stragglers from
/// piling up, at most [`MAX_RUNNING_QUERIES`] workers may be alive at once, stragglers
/// included; further queries wait for a slot (at most their time limit) and get 503 if none
/// frees up.
fn run_with_deadline<T: Send + 'static>(
    limit: Duration,
    token: &CancellationToken,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HttpError> {
    let slot = QuerySlot::acquire_within(limit).ok_or_else(|| {
        HttpError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "{MAX_RUNNING_QUERIES} queries are running already (some may have passed their time limit and not yet stopped); try again shortly"
            ),
        )
    })?;
    let (sender, receiver) = mpsc::sync_channel(1);
    thread::Builder::new()
        .name("conflictkg-query".into())
        .spawn(move || {
            let _slot = slot;
            // The receiver is gone when the deadline passed: nobody wants the result then.
            let _ = sender.send(job());
        })
        .map_err(|e| HttpError::internal(format!("cannot start a query thread: {e}")))?;
    match receiver.recv_timeout(limit) {
        Ok(value) => Ok(value),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            Err(HttpError::timeout(limit))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(HttpError::internal(
            "the query failed unexpectedly (the evaluation thread stopped)",
        )),
    }
}

/// A SPARQL evaluator with the vocabulary's prefixes predeclared and the given cancellation
/// token. Predeclaring through the parser (rather than prepending `PREFIX` lines) keeps the
/// parser's error positions relative to the user's text; a query may still redeclare them.
fn evaluator(token: &CancellationToken) -> Result<SparqlEvaluator, HttpError> {
    vocab::PREFIXES
        .iter()
        .try_fold(
            SparqlEvaluator::new().with_cancellation_token(token.clone()),
            |evaluator, (prefix, iri)| evaluator.with_prefix(*prefix, *iri),
        )
        .map_err(|e| HttpError::internal(format!("invalid predeclared prefix: {e}")))
}

// ---------------------------------------------------------------------------------------------
// SPARQL 1.1 Protocol

/// What a `/sparql` request asks for.
enum Operation {
    Query {
        text: String,
        default_graphs: Vec<String>,
        named_graphs: Vec<String>,
    },
    Update(String),
}

fn sparql(
    request: &mut Request<Body>,
    store: &Store,
    config: &ServerConfig,
) -> Result<Response<Body>, HttpError> {
    let url_params = parse_params(request.uri().query().unwrap_or(""), true)?;
    let operation = match *request.method() {
        Method::GET => {
            if url_params.iter().any(|(k, _)| k == "update") {
                return Err(HttpError::bad_request(
                    "a SPARQL update must be sent with POST, not GET",
                ));
            }
            operation_from_params(&url_params, config)?
        }
        Method::POST => {
            let media_type = request_media_type(request)?;
            match media_type.as_str() {
                "application/x-www-form-urlencoded" => {
                    let body = read_body(request, config.max_body)?;
                    let body = String::from_utf8(body).map_err(|_| {
                        HttpError::bad_request("the form body is not valid UTF-8")
                    })?;
                    let mut params = parse_params(&body, true)?;
                    // `format` may come in the URL of a form POST too.
                    params.extend(url_params.iter().filter(|(k, _)| k == "format").cloned());
                    operation_from_params(&params, config)?
                }
                "application/sparql-query" => {
                    let text = read_utf8_body(request, config.max_body)?;
                    Operation::Query {
                        text,
                        default_graphs: values(&url_params, "default-graph-uri"),
                        named_graphs: values(&url_params, "named-graph-uri"),
                    }
                }
                "application/sparql-update" => {
                    refuse_update_unless_allowed(config)?;
                    Operation::Update(read_utf8_body(request, config.max_body)?)
                }
                "" => {
                    return Err(HttpError::new(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "a POST to /sparql needs a Content-Type: application/x-www-form-urlencoded, application/sparql-query or application/sparql-update",
                    ))
                }
                other => {
                    return Err(HttpError::new(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!("unsupported Content-Type {other}: use application/x-www-form-urlencoded, application/sparql-query or application/sparql-update"),
                    ))
                }
            }
        }
        ref method => {
            return Err(HttpError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{method} is not allowed on /sparql: use GET or POST"),
            )
            .with_allow("GET, POST, OPTIONS"))
        }
    };
    let format_param = single(&url_params, "format")?;
    match operation {
        Operation::Query {
            text,
            default_graphs,
            named_graphs,
        } => {
            let accept = header_str(request, header::ACCEPT)?;
            evaluate_query(
                store,
                config,
                &text,
                &default_graphs,
                &named_graphs,
                accept.as_deref(),
                format_param.as_deref(),
            )
        }
        Operation::Update(text) => evaluate_update(store, config, &text),
    }
}

fn operation_from_params(
    params: &[(String, String)],
    config: &ServerConfig,
) -> Result<Operation, HttpError> {
    let query = single(params, "query")?;
    let update = single(params, "update")?;
    match (query, update) {
        (Some(text), None) => Ok(Operation::Query {
            text,
            default_graphs: values(params, "default-graph-uri"),
            named_graphs: values(params, "named-graph-uri"),
        }),
        (None, Some(text)) => {
            refuse_update_unless_allowed(config)?;
            Ok(Operation::Update(text))
        }
        (Some(_), Some(_)) => Err(HttpError::bad_request(
            "give either a query or an update parameter, not both",
        )),
        (None, None) => Err(HttpError::bad_request(
            "missing the query parameter: /sparql?query=SELECT…",
        )),
    }
}

fn refuse_update_unless_allowed(config: &ServerConfig) -> Result<(), HttpError> {
    if config.allow_update {
        Ok(())
    } else {
        Err(HttpError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: SPARQL updates need `conflictkg serve --allow-update`",
        ))
    }
}

/// The value of a parameter that may appear at most once.
fn single(params: &[(String, String)], name: &str) -> Result<Option<String>, HttpError> {
    let mut found = params.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
    let first = found.next().cloned();
    if found.next().is_some() {
        return Err(HttpError::bad_request(format!(
            "the {name} parameter is given more than once"
        )));
    }
    Ok(first)
}

fn values(params: &[(String, String)], name: &str) -> Vec<String> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The request's media type, lower-cased and without parameters; `""` when absent.
/// Rejects a charset other than UTF-8.
fn request_media_type(request: &Request<Body>) -> Result<String, HttpError> {
    let Some(value) = header_str(request, header::CONTENT_TYPE)? else {
        return Ok(String::new());
    };
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    for parameter in parts {
        if let Some((name, charset)) = parameter.split_once('=') {
            let charset = charset.trim().trim_matches('"');
            if name.trim().eq_ignore_ascii_case("charset")
                && !charset.eq_ignore_ascii_case("utf-8")
                && !charset.eq_ignore_ascii_case("utf8")
            {
                return Err(HttpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("unsupported charset {charset}: send UTF-8"),
                ));
            }
        }
    }
    Ok(media_type)
}

fn header_str(request: &Request<Body>, name: HeaderName) -> Result<Option<String>, HttpError> {
    match request.headers().get(&name) {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .map(|v| Some(v.to_owned()))
            .map_err(|_| HttpError::bad_request(format!("the {name} header is not ASCII text"))),
    }
}

fn read_body(request: &mut Request<Body>, max: usize) -> Result<Vec<u8>, HttpError> {
    let too_large = || {
        HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the limit of {max} bytes"),
        )
    };
    let max = u64::try_from(max).unwrap_or(u64::MAX);
    if request.body().len().is_some_and(|len| len > max) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .body_mut()
        .by_ref()
        .take(max.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| HttpError::bad_request(format!("cannot read the request body: {e}")))?;
    if u64::try_from(body.len()).unwrap_or(u64::MAX) > max {
        return Err(too_large());
    }
    Ok(body)
}

fn read_utf8_body(request: &mut Request<Body>, max: usize) -> Result<String, HttpError> {
    String::from_utf8(read_body(request, max)?)
        .map_err(|_| HttpError::bad_request("the request body is not valid UTF-8"))
}

/// The serialisation of a query answer, chosen before evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GraphFormat {
    Turtle,
    NTriples,
    JsonLd,
}

impl GraphFormat {
    fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::default(),
            },
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Self::Turtle => "text/turtle",
            Self::NTriples => "application/n-triples",
            Self::JsonLd => "application/ld+json",
        }
    }
}

/// Media types offered for SELECT/ASK answers, the default first.
const RESULTS_OFFERS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];
/// Media types offered for CONSTRUCT/DESCRIBE answers, the default first.
const GRAPH_OFFERS: &[(&str, GraphFormat)] = &[
    ("text/turtle", GraphFormat::Turtle),
    ("application/x-turtle", GraphFormat::Turtle),
    ("application/n-triples", GraphFormat::NTriples),
    ("application/ld+json", GraphFormat::JsonLd),
];
/// Media types offered by `/graph`.
const GRAPH_STORE_OFFERS: &[(&str, GraphFormat)] = &[
    ("text/turtle", GraphFormat::Turtle),
    ("application/x-turtle", GraphFormat::Turtle),
    ("application/n-triples", GraphFormat::NTriples),
];

/// A `format=` value: one of the names users type instead of a media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormatName {
    Results(QueryResultsFormat),
    Graph(GraphFormat),
}

fn format_name(name: &str) -> Result<FormatName, HttpError> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "json" | "srj" => FormatName::Results(QueryResultsFormat::Json),
        "xml" | "srx" => FormatName::Results(QueryResultsFormat::Xml),
        "csv" => FormatName::Results(QueryResultsFormat::Csv),
        "tsv" => FormatName::Results(QueryResultsFormat::Tsv),
        "turtle" | "ttl" => FormatName::Graph(GraphFormat::Turtle),
        "ntriples" | "nt" | "n-triples" => FormatName::Graph(GraphFormat::NTriples),
        "jsonld" | "json-ld" => FormatName::Graph(GraphFormat::JsonLd),
        _ => {
            return Err(HttpError::bad_request(format!(
                "unknown format {name:?}: use json, xml, csv, tsv, turtle, ntriples or jsonld"
            )))
        }
    })
}

/// Picks the offer the `Accept` header prefers (q-values, `type/*`, `*/*`; the most specific
/// matching range decides an offer's quality; ties go to the earlier offer). No or an empty
/// header means the first offer.
fn negotiate<T: Copy>(accept: Option<&str>, offers: &[(&str, T)]) -> Option<T> {
    let ranges = accept.map(parse_accept).unwrap_or_default();
    if ranges.is_empty() {
        return offers.first().map(|(_, value)| *value);
    }
    let mut best: Option<(f32, T)> = None;
    for (media_type, value) in offers {
        let quality = quality_of(media_type, &ranges);
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, *value));
        }
    }
    best.map(|(_, value)| value)
}

#[derive(Debug)]
struct MediaRange {
    kind: String,
    subtype: String,
    quality: f32,
}

fn parse_accept(header: &str) -> Vec<MediaRange> {
    header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (kind, subtype) = media.split_once('/')?;
            let (kind, subtype) = (kind.trim(), subtype.trim());
            if kind.is_empty() || subtype.is_empty() || (kind == "*" && subtype != "*") {
                return None;
            }
            let mut quality = 1.0f32;
            for parameter in parts {
                if let Some((name, value)) = parameter.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        quality = value.trim().parse::<f32>().ok()?;
                        if !(0.0..=1.0).contains(&quality) {
                            return None;
                        }
                    }
                }
            }
            Some(MediaRange {
                kind: kind.to_owned(),
                subtype: subtype.to_owned(),
                quality,
            })
        })
        .collect()
}

fn quality_of(media_type: &str, ranges: &[MediaRange]) -> f32 {
    let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
    ranges
        .iter()
        .filter_map(|range| {
            let specificity = if range.kind == kind && range.subtype == subtype {
                2
            } else if range.kind == kind && range.subtype == "*" {
                1
            } else if range.kind == "*" {
                0
            } else {
                return None;
            };
            Some((specificity, range.quality))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map_or(0.0, |(_, quality)| quality)
}

fn not_acceptable(kind: &str, offers: &[(&str, impl Copy)]) -> HttpError {
    let list: Vec<&str> = offers.iter().map(|(media_type, _)| *media_type).collect();
    HttpError::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the accepted media types fits {kind}; available: {}",
            list.join(", ")
        ),
    )
}

/// The query form, from the first SELECT/ASK/CONSTRUCT/DESCRIBE keyword of a parsed query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QueryForm {
    Solutions,
    Graph,
}

fn query_form(text: &str) -> Option<QueryForm> {
    bare_words(text).into_iter().find_map(|word| {
        if word.eq_ignore_ascii_case("SELECT") || word.eq_ignore_ascii_case("ASK") {
            Some(QueryForm::Solutions)
        } else if word.eq_ignore_ascii_case("CONSTRUCT") || word.eq_ignore_ascii_case("DESCRIBE") {
            Some(QueryForm::Graph)
        } else {
            None
        }
    })
}

/// The answer format for each query form, or why none fits.
struct Choice {
    results: Result<QueryResultsFormat, HttpError>,
    graph: Result<GraphFormat, HttpError>,
}

fn choose_formats(accept: Option<&str>, format: Option<&str>) -> Result<Choice, HttpError> {
    if let Some(name) = format {
        return Ok(match format_name(name)? {
            FormatName::Results(results) => Choice {
                results: Ok(results),
                graph: Err(HttpError::new(
                    StatusCode::NOT_ACCEPTABLE,
                    format!("format={name} is for SELECT or ASK results; a CONSTRUCT or DESCRIBE answer can be turtle, ntriples or jsonld"),
                )),
            },
            FormatName::Graph(graph) => Choice {
                results: Err(HttpError::new(
                    StatusCode::NOT_ACCEPTABLE,
                    format!("format={name} is for CONSTRUCT or DESCRIBE answers; SELECT or ASK results can be json, xml, csv or tsv"),
                )),
                graph: Ok(graph),
            },
        });
    }
    Ok(Choice {
        results: negotiate(accept, RESULTS_OFFERS)
            .ok_or_else(|| not_acceptable("SELECT or ASK results", RESULTS_OFFERS)),
        graph: negotiate(accept, GRAPH_OFFERS)
            .ok_or_else(|| not_acceptable("CONSTRUCT or DESCRIBE results", GRAPH_OFFERS)),
    })
}

/// A fully serialised answer.
struct Rendered {
    body: Vec<u8>,
    content_type: &'static str,
    truncated: bool,
}

fn evaluate_query(
    store: &Store,
    config: &ServerConfig,
    text: &str,
    default_graphs: &[String],
    named_graphs: &[String],
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<Response<Body>, HttpError> {
    let token = CancellationToken::new();
    let mut prepared = evaluator(&token)?
        .parse_query(text)
        .map_err(|e| HttpError::bad_request(format!("bad SPARQL query: {e}")))?;
    if contains_keyword(text, "SERVICE") {
        return Err(HttpError::bad_request(
            "SERVICE (federated query) is disabled: this server only queries its own store",
        ));
    }
    let choice = choose_formats(accept, format)?;
    // Refuse an unacceptable format before evaluating, when the query form is known.
    let choice = match (query_form(text), choice) {
        (
            Some(QueryForm::Solutions),
            Choice {
                results: Err(e), ..
            },
        )
        | (Some(QueryForm::Graph), Choice { graph: Err(e), .. }) => return Err(e),
        (_, choice) => choice,
    };
    if !default_graphs.is_empty() {
        let graphs = default_graphs
            .iter()
            .map(|iri| parse_iri(iri).map(GraphName::from))
            .collect::<Result<Vec<_>, _>>()?;
        prepared.dataset_mut().set_default_graph(graphs);
    }
    if !named_graphs.is_empty() {
        let graphs = named_graphs
            .iter()
            .map(|iri| parse_iri(iri).map(NamedOrBlankNode::from))
            .collect::<Result<Vec<_>, _>>()?;
        prepared.dataset_mut().set_available_named_graphs(graphs);
    }
    let store = store.clone();
    let max_results = config.max_results;
    let rendered = run_with_deadline(config.timeout, &token, move || {
        let results = prepared.on_store(&store).execute().map_err(Failure::Eval)?;
        render(results, choice, max_results)
    })?;
    let rendered = rendered.map_err(|failure| match failure {
        Failure::Eval(error) => evaluation_error(error, config.timeout),
        Failure::Http(error) => error,
        Failure::Io(error) => HttpError::internal(format!("cannot serialise the results: {error}")),
    })?;
    let mut response = bytes_response(rendered.body, rendered.content_type);
    if rendered.truncated {
        response.headers_mut().insert(
            HeaderName::from_static(TRUNCATED_HEADER),
            HeaderValue::from_static("true"),
        );
    }
    Ok(response)
}

/// Why a worker could not produce an answer.
enum Failure {
    Eval(QueryEvaluationError),
    Http(HttpError),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

fn render(
    results: QueryResults<'_>,
    choice: Choice,
    max_results: usize,
) -> Result<Rendered, Failure> {
    match results {
        QueryResults::Boolean(value) => {
            let format = choice.results.map_err(Failure::Http)?;
            let body = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), value)?;
            Ok(Rendered {
                body,
                content_type: format.media_type(),
                truncated: false,
            })
        }
        QueryResults::Solutions(solutions) => {
            let format = choice.results.map_err(Failure::Http)?;
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())?;
            let mut truncated = false;
            for (count, solution) in solutions.enumerate() {
                let solution = solution.map_err(Failure::Eval)?;
                if count >= max_results {
                    truncated = true;
                    break;
                }
                serializer.serialize(&solution)?;
            }
            Ok(Rendered {
                body: serializer.finish()?,
                content_type: format.media_type(),
                truncated,
            })
        }
        QueryResults::Graph(triples) => {
            let format = choice.graph.map_err(Failure::Http)?;
            let mut serializer = rdf_serializer(format).for_writer(Vec::new());
            let mut truncated = false;
            for (count, triple) in triples.enumerate() {
                let triple = triple.map_err(Failure::Eval)?;
                if count >= max_results {
                    truncated = true;
                    break;
                }
                serializer.serialize_triple(&triple)?;
            }
            Ok(Rendered {
                body: serializer.finish()?,
                content_type: format.media_type(),
                truncated,
            })
        }
    }
}

/// A serializer for `format`, with the vocabulary's prefixes where the format has prefixes.
fn rdf_serializer(format: GraphFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    if format == GraphFormat::Turtle {
        for (prefix, iri) in vocab::PREFIXES {
            // The prefix IRIs are constants; one that failed to parse would only cost brevity.
            serializer = match serializer.clone().with_prefix(*prefix, *iri) {
                Ok(with_prefix) => with_prefix,
                Err(_) => serializer,
            };
        }
    }
    serializer
}

fn evaluate_update(
    store: &Store,
    config: &ServerConfig,
    text: &str,
) -> Result<Response<Body>, HttpError> {
    let token = CancellationToken::new();
    let prepared = evaluator(&token)?
        .parse_update(text)
        .map_err(|e| HttpError::bad_request(format!("bad SPARQL update: {e}")))?;
    for keyword in ["LOAD", "SERVICE"] {
        if contains_keyword(text, keyword) {
            return Err(HttpError::new(
                StatusCode::FORBIDDEN,
                format!("{keyword} is disabled: this server reads no files or remote data"),
            ));
        }
    }
    let store = store.clone();
    // On timeout the token is cancelled: the update fails at its next read and its transaction
    // is rolled back, unless it had already reached its commit.
    let outcome = run_with_deadline(config.timeout, &token, move || {
        prepared.on_store(&store).execute()
    })?;
    outcome.map_err(|e| HttpError::internal(format!("update failed: {e}")))?;
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    Ok(response)
}

fn parse_iri(iri: &str) -> Result<NamedNode, HttpError> {
    NamedNode::new(iri).map_err(|e| HttpError::bad_request(format!("invalid IRI <{iri}>: {e}")))
}

// ---------------------------------------------------------------------------------------------
// A tiny SPARQL lexer: just enough to find keywords outside strings, IRIs and comments.

/// Whether `keyword` occurs in `text` as a keyword (not inside a string, IRI, comment, variable,
/// prefixed name or language tag). Case-insensitive, like SPARQL keywords.
fn contains_keyword(text: &str, keyword: &str) -> bool {
    bare_words(text)
        .into_iter()
        .any(|word| word.eq_ignore_ascii_case(keyword))
}

/// The bare words of a SPARQL text: keywords, function names, `a`, `true`, `false`.
fn bare_words(text: &str) -> Vec<&str> {
    fn is_name_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
    }
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut words = Vec::new();
    let mut i = 0;
    while i < len {
        let c = bytes[i];
        match c {
            b'#' => {
                while i < len && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                if bytes.get(i + 1) == Some(&c) && bytes.get(i + 2) == Some(&c) {
                    i += 3;
                    while i < len {
                        if bytes[i] == b'\\' {
                            i += 2;
                        } else if bytes[i] == c
                            && bytes.get(i + 1) == Some(&c)
                            && bytes.get(i + 2) == Some(&c)
                        {
                            i += 3;
                            break;
                        } else {
                            i += 1;
                        }
                    }
                } else {
                    i += 1;
                    while i < len {
                        if bytes[i] == b'\\' {
                            i += 2;
                        } else if bytes[i] == c || bytes[i] == b'\n' {
                            i += 1;
                            break;
                        } else {
                            i += 1;
                        }
                    }
                }
            }
            b'<' => {
                // IRIREF ::= '<' ([^<>"{}|^`\]-[#x00-#x20])* '>'; otherwise `<` is an operator.
                let mut j = i + 1;
                while j < len
                    && bytes[j] > 0x20
                    && !matches!(
                        bytes[j],
                        b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\'
                    )
                {
                    j += 1;
                }
                i = if j < len && bytes[j] == b'>' {
                    j + 1
                } else {
                    i + 1
                };
            }
            b'?' | b'$' | b'@' => {
                i += 1;
                while i < len && is_name_byte(bytes[i]) {
                    i += 1;
                }
            }
            _ if c.is_ascii_alphabetic() || c == b'_' || c == b':' || c >= 0x80 => {
                let start = i;
                let mut prefixed = false;
                while i < len {
                    let b = bytes[i];
                    if is_name_byte(b) {
                        i += 1;
                    } else if b == b':' {
                        prefixed = true;
                        i += 1;
                    } else if b == b'.' && bytes.get(i + 1).is_some_and(|n| is_name_byte(*n)) {
                        // a dot inside a prefixed local name, not a triple terminator
                        i += 1;
                    } else if b == b'%' || (b == b'\\' && prefixed) {
                        i += if b == b'%' { 3 } else { 2 };
                    } else {
                        break;
                    }
                }
                if !prefixed {
                    if let Some(word) = text.get(start..i.min(len)) {
                        words.push(word);
                    }
                }
            }
            b'0'..=b'9' => {
                while i < len && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    words
}

// ---------------------------------------------------------------------------------------------
// URL parameters

/// Parses `a=1&b=2` (a URL query string or a form body). With `plus_is_space`, `+` is a space.
fn parse_params(input: &str, plus_is_space: bool) -> Result<Vec<(String, String)>, HttpError> {
    input
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((
                percent_decode(key, plus_is_space)?,
                percent_decode(value, plus_is_space)?,
            ))
        })
        .collect()
}

fn percent_decode(input: &str, plus_is_space: bool) -> Result<String, HttpError> {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let decoded = match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(h), Some(l)) => hex(*h).zip(hex(*l)).map(|(h, l)| h * 16 + l),
                    _ => None,
                };
                let Some(byte) = decoded else {
                    return Err(HttpError::bad_request(format!(
                        "invalid percent-encoding at byte {i} of a parameter"
                    )));
                };
                out.push(byte);
                i += 3;
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
        .map_err(|_| HttpError::bad_request("a parameter is not valid UTF-8 once decoded"))
}

// ---------------------------------------------------------------------------------------------
// Graph Store Protocol (read)

fn graph_get(
    request: &Request<Body>,
    store: &Store,
    params: &[(String, String)],
) -> Result<Response<Body>, HttpError> {
    let named = single(params, "graph")?;
    let default = params.iter().any(|(k, _)| k == "default");
    let graph = match (named, default) {
        (Some(_), true) => {
            return Err(HttpError::bad_request(
                "give either ?default or ?graph=IRI, not both",
            ))
        }
        (Some(iri), false) => {
            let node = parse_iri(&iri)?;
            let exists = store
                .contains_named_graph(&node)
                .map_err(|e| HttpError::internal(format!("store error: {e}")))?;
            if !exists {
                return Err(HttpError::new(
                    StatusCode::NOT_FOUND,
                    format!("no graph named <{iri}> in this store"),
                ));
            }
            GraphName::NamedNode(node)
        }
        (None, _) => GraphName::DefaultGraph,
    };
    let format = match single(params, "format")? {
        Some(name) => match format_name(&name)? {
            FormatName::Graph(format @ (GraphFormat::Turtle | GraphFormat::NTriples)) => format,
            _ => {
                return Err(HttpError::new(
                    StatusCode::NOT_ACCEPTABLE,
                    format!("format={name} is not available here: use turtle or ntriples"),
                ))
            }
        },
        None => {
            let accept = header_str(request, header::ACCEPT)?;
            negotiate(accept.as_deref(), GRAPH_STORE_OFFERS)
                .ok_or_else(|| not_acceptable("a graph", GRAPH_STORE_OFFERS))?
        }
    };
    let quads = store.quads_for_pattern(None, None, None, Some(graph.as_ref()));
    let body = Body::from_read(StreamedGraph::new(quads, format));
    let mut response = Response::new(body);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    Ok(response)
}

/// A `Write` whose bytes the reader side of [`StreamedGraph`] drains.
#[derive(Clone, Default)]
struct SharedBuffer(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Serialises a graph lazily as the HTTP body is read, so a large graph never sits in memory
/// whole (the store snapshot is taken when the request arrives).
struct StreamedGraph {
    quads: QuadIter<'static>,
    serializer: Option<WriterQuadSerializer<SharedBuffer>>,
    buffer: SharedBuffer,
    position: usize,
}

impl StreamedGraph {
    fn new(quads: QuadIter<'static>, format: GraphFormat) -> Self {
        let buffer = SharedBuffer::default();
        Self {
            quads,
            serializer: Some(rdf_serializer(format).for_writer(buffer.clone())),
            buffer,
            position: 0,
        }
    }

    /// Serialises the next chunk of quads (or the document's end) into the buffer.
    fn refill(&mut self) -> io::Result<()> {
        let Some(serializer) = self.serializer.as_mut() else {
            return Ok(());
        };
        for _ in 0..GRAPH_CHUNK_QUADS {
            match self.quads.next() {
                Some(Ok(quad)) => {
                    let quad = QuadRef::new(
                        &quad.subject,
                        &quad.predicate,
                        &quad.object,
                        GraphNameRef::DefaultGraph,
                    );
                    serializer.serialize_triple(quad)?;
                }
                Some(Err(error)) => return Err(io::Error::other(error)),
                None => {
                    if let Some(serializer) = self.serializer.take() {
                        serializer.finish()?;
                    }
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

impl Read for StreamedGraph {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            {
                let mut buffer = self.buffer.0.borrow_mut();
                if self.position < buffer.len() {
                    let available = &buffer[self.position..];
                    let n = available.len().min(out.len());
                    out[..n].copy_from_slice(&available[..n]);
                    self.position += n;
                    if self.position == buffer.len() {
                        buffer.clear();
                        self.position = 0;
                    }
                    return Ok(n);
                }
            }
            if self.serializer.is_none() {
                return Ok(0);
            }
            self.refill()?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON API

#[derive(Serialize)]
struct Example<'a> {
    title: &'a str,
    query: &'a str,
}

#[derive(Serialize)]
struct Prefix<'a> {
    prefix: &'a str,
    iri: &'a str,
}

#[derive(Serialize)]
struct SearchHit {
    iri: String,
    label: Option<String>,
    types: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntityView {
    iri: String,
    label: Option<String>,
    types: Vec<String>,
    alt_labels: Vec<String>,
    facts: Vec<FactView>,
    claims: Vec<ClaimView>,
    events: Vec<EventView>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct FactView {
    predicate: String,
    /// `out`: the entity is the subject; `in`: it is the object.
    direction: &'static str,
    other: String,
    /// `iri`, `literal` or `blank`.
    other_kind: &'static str,
    other_label: Option<String>,
    sentence: Option<String>,
    document: Option<String>,
    document_title: Option<String>,
    rule: Option<String>,
    derived_from: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimView {
    iri: String,
    subject: String,
    subject_label: Option<String>,
    predicate: String,
    object: String,
    object_kind: &'static str,
    object_label: Option<String>,
    claimant: Option<String>,
    claimant_label: Option<String>,
    /// The stance's local name: `Asserted` or `Denied`.
    stance: Option<String>,
    sentence: Option<String>,
    document: Option<String>,
    document_title: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventView {
    iri: String,
    types: Vec<String>,
    /// The entity's first role in the event: `agent`, `target`, `participant`, `mediator`,
    /// `location` or `victim`.
    role: String,
    /// All its roles in the event, `role` first.
    roles: Vec<String>,
    date: Option<String>,
    location: Option<String>,
    location_label: Option<String>,
    sentence: Option<String>,
    document: Option<String>,
    document_title: Option<String>,
    participants: Vec<ParticipantView>,
    casualties: Vec<CasualtiesView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParticipantView {
    role: String,
    iri: String,
    label: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CasualtiesView {
    victim: Option<String>,
    victim_label: Option<String>,
    killed: Option<String>,
    at_least: bool,
}

#[derive(Serialize)]
struct Neighbourhood {
    nodes: Vec<GraphNode>,
    edges: Vec<GraphEdge>,
}

#[derive(Serialize)]
struct GraphNode {
    id: String,
    label: String,
    /// `state`, `group`, `organization`, `person`, `place`, `event`, `document` or `other`.
    kind: &'static str,
}

#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GraphEdge {
    source: String,
    target: String,
    label: String,
    claim: bool,
    /// For a claim edge: `Asserted` or `Denied`.
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<String>,
    /// For a claim edge: who claims it.
    #[serde(skip_serializing_if = "Option::is_none", rename = "claimant")]
    claimant_label: Option<String>,
}

/// Runs one of the API's own SELECT queries under the time limit.
fn select(
    store: &Store,
    config: &ServerConfig,
    query: &str,
) -> Result<Vec<QuerySolution>, HttpError> {
    let token = CancellationToken::new();
    let prepared = evaluator(&token)?
        .parse_query(query)
        .map_err(|e| HttpError::internal(format!("internal query is invalid: {e}")))?;
    let store = store.clone();
    let rows = run_with_deadline(config.timeout, &token, move || {
        match prepared.on_store(&store).execute()? {
            QueryResults::Solutions(solutions) => solutions.take(API_ROW_LIMIT).collect(),
            QueryResults::Boolean(_) | QueryResults::Graph(_) => Ok(Vec::new()),
        }
    })?;
    rows.map_err(|e| evaluation_error(e, config.timeout))
}

/// Fills `%NAME%` placeholders of a query template with SPARQL-serialised terms (an IRI as
/// `<…>`, a string with its quotes escaped), so request data can never change a query's shape.
fn fill(template: &str, substitutions: &[(&str, &str)]) -> String {
    let mut query = template.to_owned();
    for (name, term) in substitutions {
        query = query.replace(name, term);
    }
    query
}

/// The required `iri` parameter as a SPARQL IRI term.
fn iri_param(params: &[(String, String)]) -> Result<NamedNode, HttpError> {
    match single(params, "iri")? {
        Some(iri) if !iri.is_empty() => parse_iri(&iri),
        _ => Err(HttpError::bad_request("missing the iri parameter: ?iri=…")),
    }
}

fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => node.as_str().to_owned(),
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}

fn term_kind(term: &Term) -> &'static str {
    match term {
        Term::NamedNode(_) => "iri",
        Term::Literal(_) => "literal",
        _ => "blank",
    }
}

fn text(solution: &QuerySolution, variable: &str) -> Option<String> {
    solution.get(variable).map(term_text)
}

fn iri(solution: &QuerySolution, variable: &str) -> Option<String> {
    match solution.get(variable) {
        Some(Term::NamedNode(node)) => Some(node.as_str().to_owned()),
        _ => None,
    }
}

/// The part of an IRI after its last `#` or `/`.
fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn push_unique(list: &mut Vec<String>, value: Option<String>) {
    if let Some(value) = value {
        if !list.contains(&value) {
            list.push(value);
        }
    }
}

const SEARCH_QUERY: &str = r#"
SELECT ?e (SAMPLE(?label0) AS ?label) (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
       (MIN(?rank0) AS ?rank)
WHERE {
  ?e rdfs:label|skos:altLabel ?name .
  BIND(LCASE(STR(?name)) AS ?lname)
  FILTER(CONTAINS(?lname, LCASE(%Q%)))
  BIND(IF(?lname = LCASE(%Q%), 0, IF(STRSTARTS(?lname, LCASE(%Q%)), 1, 2)) AS ?rank0)
  OPTIONAL { ?e rdfs:label ?label0 }
  OPTIONAL { ?e a ?type }
}
GROUP BY ?e
ORDER BY ?rank LCASE(STR(?label)) ?e
LIMIT %LIMIT%
"#;

fn api_search(
    store: &Store,
    config: &ServerConfig,
    params: &[(String, String)],
) -> Result<Response<Body>, HttpError> {
    let q = single(params, "q")?.unwrap_or_default();
    let q = q.trim();
    if q.chars().count() > SEARCH_MAX_CHARS {
        return Err(HttpError::bad_request(format!(
            "the search text is longer than {SEARCH_MAX_CHARS} characters"
        )));
    }
    let literal = Literal::new_simple_literal(q).to_string();
    let limit = SEARCH_LIMIT.to_string();
    let query = fill(SEARCH_QUERY, &[("%Q%", &literal), ("%LIMIT%", &limit)]);
    let hits: Vec<SearchHit> = select(store, config, &query)?
        .iter()
        .filter_map(|row| {
            Some(SearchHit {
                iri: iri(row, "e")?,
                label: text(row, "label"),
                types: text(row, "types")
                    .map(|t| t.split_whitespace().map(str::to_owned).collect())
                    .unwrap_or_default(),
            })
        })
        .collect();
    json_response(&hits)
}

const ENTITY_BASICS_QUERY: &str = r#"
SELECT ?label ?alt ?type ?any WHERE {
  { %E% rdfs:label ?label } UNION { %E% skos:altLabel ?alt } UNION { %E% a ?type }
  UNION { SELECT (true AS ?any) WHERE { { %E% ?p ?o } UNION { ?s ?q %E% } } LIMIT 1 }
}
"#;

/// Plain triples around the entity, each with its evidence when there is some.
const ENTITY_FACTS_QUERY: &str = r#"
SELECT ?dir ?p ?other ?otherLabel ?sentence ?doc ?docTitle ?rule ?derived WHERE {
  {
    %E% ?p ?other .
    FILTER(?p NOT IN (rdf:type, rdfs:label, skos:altLabel))
    BIND("out" AS ?dir)
    OPTIONAL {
      ?ev rdf:subject %E% ; rdf:predicate ?p ; rdf:object ?other ; a ckg:Evidence .
      OPTIONAL { ?ev ckg:sentence ?sentence }
      OPTIONAL { ?ev ckg:document ?doc . OPTIONAL { ?doc dcterms:title ?docTitle } }
      OPTIONAL { ?ev ckg:rule ?rule }
      OPTIONAL { ?ev prov:wasDerivedFrom ?derived }
    }
  } UNION {
    ?other ?p %E% .
    FILTER(?p NOT IN (rdf:subject, rdf:object, ckg:claimant, ckg:agent, ckg:target,
                      ckg:participant, ckg:mediator, ckg:location, ckg:victim, ckg:document))
    FILTER NOT EXISTS { ?other a ckg:Evidence }
    FILTER NOT EXISTS { ?other a ckg:Claim }
    BIND("in" AS ?dir)
    OPTIONAL {
      ?ev rdf:subject ?other ; rdf:predicate ?p ; rdf:object %E% ; a ckg:Evidence .
      OPTIONAL { ?ev ckg:sentence ?sentence }
      OPTIONAL { ?ev ckg:document ?doc . OPTIONAL { ?doc dcterms:title ?docTitle } }
      OPTIONAL { ?ev ckg:rule ?rule }
      OPTIONAL { ?ev prov:wasDerivedFrom ?derived }
    }
  }
  OPTIONAL { ?other rdfs:label ?otherName }
  OPTIONAL { ?other dcterms:title ?otherTitle }
  BIND(COALESCE(?otherName, ?otherTitle) AS ?otherLabel)
}
ORDER BY ?dir ?p ?other ?docTitle ?sentence
"#;

const ENTITY_CLAIMS_QUERY: &str = r#"
SELECT DISTINCT ?c ?s ?sLabel ?p ?o ?oLabel ?claimant ?claimantLabel ?stance ?sentence ?doc ?docTitle
WHERE {
  { ?c rdf:subject %E% } UNION { ?c rdf:object %E% } UNION { ?c ckg:claimant %E% }
  ?c a ckg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?s rdfs:label ?sLabel }
  OPTIONAL { ?o rdfs:label ?oLabel }
  OPTIONAL { ?c ckg:claimant ?claimant . OPTIONAL { ?claimant rdfs:label ?claimantLabel } }
  OPTIONAL { ?c ckg:stance ?stance }
  OPTIONAL { ?c ckg:sentence ?sentence }
  OPTIONAL { ?c ckg:document ?doc . OPTIONAL { ?doc dcterms:title ?docTitle } }
}
ORDER BY ?docTitle ?sentence ?c
"#;

const ENTITY_EVENTS_QUERY: &str = r#"
SELECT ?ev ?role ?date ?sentence ?doc ?docTitle WHERE {
  {
    ?ev ?role %E% .
    FILTER(?role IN (ckg:agent, ckg:target, ckg:participant, ckg:mediator, ckg:location))
  } UNION {
    ?ev ckg:casualties ?cas . ?cas ckg:victim %E% .
    BIND(ckg:victim AS ?role)
  }
  OPTIONAL { ?ev ckg:date ?date }
  OPTIONAL { ?ev ckg:sentence ?sentence }
  OPTIONAL { ?ev ckg:document ?doc . OPTIONAL { ?doc dcterms:title ?docTitle } }
}
ORDER BY ?date ?ev ?role
"#;

/// Types, role fillers and casualties of the events listed in `%EVENTS%`.
const EVENT_DETAILS_QUERY: &str = r#"
SELECT ?ev ?p ?x ?xLabel ?victim ?victimLabel ?killed ?atLeast WHERE {
  VALUES ?ev { %EVENTS% }
  {
    ?ev ?p ?x .
    FILTER(?p IN (rdf:type, ckg:agent, ckg:target, ckg:participant, ckg:mediator, ckg:location))
    OPTIONAL { ?x rdfs:label ?xLabel }
  } UNION {
    ?ev ckg:casualties ?x .
    BIND(ckg:casualties AS ?p)
    OPTIONAL { ?x ckg:victim ?victim . OPTIONAL { ?victim rdfs:label ?victimLabel } }
    OPTIONAL { ?x ckg:killed ?killed }
    OPTIONAL { ?x ckg:atLeast ?atLeast }
  }
}
ORDER BY ?ev ?p ?x
"#;

fn api_entity(
    store: &Store,
    config: &ServerConfig,
    params: &[(String, String)],
) -> Result<Response<Body>, HttpError> {
    let node = iri_param(params)?;
    let entity = node.to_string();
    let substitutions = [("%E%", entity.as_str())];

    let basics = select(store, config, &fill(ENTITY_BASICS_QUERY, &substitutions))?;
    if basics.is_empty() {
        return Err(HttpError::new(
            StatusCode::NOT_FOUND,
            format!("nothing is known about {entity}"),
        ));
    }
    let mut label = None;
    let mut alt_labels = Vec::new();
    let mut types = Vec::new();
    for row in &basics {
        if label.is_none() {
            label = text(row, "label");
        }
        push_unique(&mut alt_labels, text(row, "alt"));
        push_unique(&mut types, iri(row, "type"));
    }

    let facts = select(store, config, &fill(ENTITY_FACTS_QUERY, &substitutions))?
        .iter()
        .filter_map(|row| {
            let other = row.get("other")?;
            Some(FactView {
                predicate: iri(row, "p")?,
                direction: if text(row, "dir").as_deref() == Some("in") {
                    "in"
                } else {
                    "out"
                },
                other: term_text(other),
                other_kind: term_kind(other),
                other_label: text(row, "otherLabel"),
                sentence: text(row, "sentence"),
                document: text(row, "doc"),
                document_title: text(row, "docTitle"),
                rule: text(row, "rule"),
                derived_from: text(row, "derived"),
            })
        })
        .collect();

    let claims = select(store, config, &fill(ENTITY_CLAIMS_QUERY, &substitutions))?
        .iter()
        .filter_map(|row| {
            let object = row.get("o")?;
            Some(ClaimView {
                iri: text(row, "c")?,
                subject: text(row, "s")?,
                subject_label: text(row, "sLabel"),
                predicate: iri(row, "p")?,
                object: term_text(object),
                object_kind: term_kind(object),
                object_label: text(row, "oLabel"),
                claimant: text(row, "claimant"),
                claimant_label: text(row, "claimantLabel"),
                stance: iri(row, "stance").map(|s| local_name(&s).to_owned()),
                sentence: text(row, "sentence"),
                document: text(row, "doc"),
                document_title: text(row, "docTitle"),
            })
        })
        .collect();

    let events = entity_events(store, config, &substitutions)?;

    json_response(&EntityView {
        iri: node.into_string(),
        label,
        types,
        alt_labels,
        facts,
        claims,
        events,
    })
}

fn entity_events(
    store: &Store,
    config: &ServerConfig,
    substitutions: &[(&str, &str)],
) -> Result<Vec<EventView>, HttpError> {
    let mut events: Vec<EventView> = Vec::new();
    for row in select(store, config, &fill(ENTITY_EVENTS_QUERY, substitutions))? {
        let (Some(event), Some(role)) = (iri(&row, "ev"), iri(&row, "role")) else {
            continue;
        };
        let role = local_name(&role).to_owned();
        // One entry per event, even with several roles, dates or sentences.
        if let Some(known) = events.iter_mut().find(|e| e.iri == event) {
            push_unique(&mut known.roles, Some(role));
            continue;
        }
        events.push(EventView {
            iri: event,
            types: Vec::new(),
            roles: vec![role.clone()],
            role,
            date: text(&row, "date"),
            location: None,
            location_label: None,
            sentence: text(&row, "sentence"),
            document: text(&row, "doc"),
            document_title: text(&row, "docTitle"),
            participants: Vec::new(),
            casualties: Vec::new(),
        });
    }
    if events.is_empty() {
        return Ok(events);
    }
    let iris: BTreeSet<String> = events
        .iter()
        .filter_map(|e| NamedNode::new(&e.iri).ok().map(|n| n.to_string()))
        .collect();
    let list = iris.into_iter().collect::<Vec<_>>().join(" ");
    let details = select(
        store,
        config,
        &fill(EVENT_DETAILS_QUERY, &[("%EVENTS%", &list)]),
    )?;
    for event in &mut events {
        for row in details
            .iter()
            .filter(|row| iri(row, "ev").as_deref() == Some(event.iri.as_str()))
        {
            let (Some(predicate), Some(value)) = (iri(row, "p"), row.get("x")) else {
                continue;
            };
            let predicate = local_name(&predicate).to_owned();
            match predicate.as_str() {
                "type" => push_unique(&mut event.types, iri(row, "x")),
                "casualties" => event.casualties.push(CasualtiesView {
                    victim: text(row, "victim"),
                    victim_label: text(row, "victimLabel"),
                    killed: text(row, "killed"),
                    at_least: text(row, "atLeast").as_deref() == Some("true")
                        || text(row, "atLeast").as_deref() == Some("1"),
                }),
                role => {
                    if role == term::LOCATION && event.location.is_none() {
                        event.location = Some(term_text(value));
                        event.location_label = text(row, "xLabel");
                    }
                    let participant = ParticipantView {
                        role: role.to_owned(),
                        iri: term_text(value),
                        label: text(row, "xLabel"),
                    };
                    if !event
                        .participants
                        .iter()
                        .any(|p| p.role == participant.role && p.iri == participant.iri)
                    {
                        event.participants.push(participant);
                    }
                }
            }
        }
    }
    Ok(events)
}

/// Plain edges touching the entity (either direction), and event role edges pointing at it.
const NEIGHBOUR_EDGES_QUERY: &str = r#"
SELECT DISTINCT ?s ?p ?o WHERE {
  {
    %E% ?p ?o .
    FILTER(isIRI(?o))
    FILTER NOT EXISTS { ?o a ckg:Document }
    BIND(%E% AS ?s)
  } UNION {
    ?s ?p %E% .
    FILTER(isIRI(?s) && ?p != ckg:victim)
    FILTER NOT EXISTS { ?s a ckg:Evidence }
    FILTER NOT EXISTS { ?s a ckg:Claim }
    FILTER NOT EXISTS { ?s a ckg:Document }
    BIND(%E% AS ?o)
  } UNION {
    ?s ckg:casualties ?cas . ?cas ckg:victim %E% .
    BIND(ckg:victim AS ?p)
    BIND(%E% AS ?o)
  }
  FILTER(?p NOT IN (rdf:type, owl:sameAs, prov:wasDerivedFrom, ckg:document, ckg:stance,
                    rdf:subject, rdf:predicate, rdf:object, ckg:claimant, rdfs:subClassOf,
                    rdfs:domain, rdfs:range))
}
LIMIT 400
"#;

/// Role edges of the events listed in `%EVENTS%` (the second hop of the drawing).
const EVENT_ROLES_QUERY: &str = r#"
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?s { %EVENTS% }
  {
    ?s ?p ?o .
    FILTER(?p IN (ckg:agent, ckg:target, ckg:participant, ckg:mediator, ckg:location))
  } UNION {
    ?s ckg:casualties ?cas . ?cas ckg:victim ?o .
    BIND(ckg:victim AS ?p)
  }
  FILTER(isIRI(?o))
}
LIMIT 400
"#;

const NEIGHBOUR_CLAIMS_QUERY: &str = r#"
SELECT DISTINCT ?s ?p ?o ?claimantLabel ?stance WHERE {
  { ?c rdf:subject %E% } UNION { ?c rdf:object %E% }
  ?c a ckg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(isIRI(?s) && isIRI(?o))
  OPTIONAL { ?c ckg:claimant ?claimant . OPTIONAL { ?claimant rdfs:label ?claimantLabel } }
  OPTIONAL { ?c ckg:stance ?stance }
}
LIMIT 200
"#;

const NODE_INFO_QUERY: &str = r#"
SELECT ?n ?label ?title ?type ?date ?role WHERE {
  VALUES ?n { %NODES% }
  { ?n rdfs:label ?label } UNION { ?n dcterms:title ?title } UNION { ?n a ?type }
  UNION { ?n ckg:date ?date }
  UNION {
    ?n ?role ?x .
    FILTER(?role IN (ckg:agent, ckg:target, ckg:participant, ckg:mediator, ckg:location))
  }
}
"#;

const EVENT_ROLES: &[&str] = &[
    term::AGENT,
    term::TARGET,
    term::PARTICIPANT,
    term::MEDIATOR_P,
    term::LOCATION,
    term::VICTIM,
];

fn api_neighbourhood(
    store: &Store,
    config: &ServerConfig,
    params: &[(String, String)],
) -> Result<Response<Body>, HttpError> {
    let node = iri_param(params)?;
    let center = node.as_str().to_owned();
    let entity = node.to_string();
    let substitutions = [("%E%", entity.as_str())];
    let is_role = |predicate: &str| {
        EVENT_ROLES
            .iter()
            .any(|role| predicate == vocab::ckg(role).as_str())
    };

    // Node order decides who stays when the drawing is full: centre, direct neighbours,
    // claim partners, then the other parties of neighbouring events.
    let mut order: Vec<String> = vec![center.clone()];
    let mut edges: BTreeSet<GraphEdge> = BTreeSet::new();
    let add_node = |order: &mut Vec<String>, iri: &str| {
        if !order.iter().any(|n| n == iri) {
            order.push(iri.to_owned());
        }
    };
    let plain_edge = |s: String, p: &str, o: String| GraphEdge {
        source: s,
        target: o,
        label: local_name(p).to_owned(),
        claim: false,
        stance: None,
        claimant_label: None,
    };

    let mut events = BTreeSet::new();
    for row in select(store, config, &fill(NEIGHBOUR_EDGES_QUERY, &substitutions))? {
        let (Some(s), Some(p), Some(o)) = (iri(&row, "s"), iri(&row, "p"), iri(&row, "o")) else {
            continue;
        };
        if is_role(&p) && o == center {
            events.insert(s.clone());
        }
        add_node(&mut order, &s);
        add_node(&mut order, &o);
        edges.insert(plain_edge(s, &p, o));
    }
    for row in select(store, config, &fill(NEIGHBOUR_CLAIMS_QUERY, &substitutions))? {
        let (Some(s), Some(p), Some(o)) = (iri(&row, "s"), iri(&row, "p"), iri(&row, "o")) else {
            continue;
        };
        add_node(&mut order, &s);
        add_node(&mut order, &o);
        let stance = iri(&row, "stance").map(|s| local_name(&s).to_owned());
        let claimant = text(&row, "claimantLabel");
        let mut label = format!("{}?", local_name(&p));
        match (&claimant, stance.as_deref()) {
            (Some(who), Some("Denied")) => label.push_str(&format!(" (denied by {who})")),
            (None, Some("Denied")) => label.push_str(" (denied)"),
            (Some(who), _) => label.push_str(&format!(" (says {who})")),
            (None, _) => {}
        }
        edges.insert(GraphEdge {
            source: s,
            target: o,
            label,
            claim: true,
            stance,
            claimant_label: claimant,
        });
    }
    if !events.is_empty() {
        let list = events
            .iter()
            .filter_map(|e| NamedNode::new(e).ok().map(|n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        for row in select(
            store,
            config,
            &fill(EVENT_ROLES_QUERY, &[("%EVENTS%", &list)]),
        )? {
            let (Some(s), Some(p), Some(o)) = (iri(&row, "s"), iri(&row, "p"), iri(&row, "o"))
            else {
                continue;
            };
            add_node(&mut order, &o);
            edges.insert(plain_edge(s, &p, o));
        }
    }
    order.truncate(NEIGHBOURHOOD_MAX_NODES);

    // Labels and kinds of the kept nodes.
    let list = order
        .iter()
        .filter_map(|n| NamedNode::new(n).ok().map(|n| n.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    let mut info: HashMap<String, NodeInfo> = HashMap::new();
    for row in select(store, config, &fill(NODE_INFO_QUERY, &[("%NODES%", &list)]))? {
        let Some(n) = iri(&row, "n") else { continue };
        let entry = info.entry(n).or_default();
        if let Some(label) = text(&row, "label") {
            entry.label = Some(label);
        } else if entry.label.is_none() {
            entry.label = text(&row, "title");
        }
        if entry.date.is_none() {
            entry.date = text(&row, "date");
        }
        push_unique(&mut entry.types, iri(&row, "type"));
        entry.has_roles |= row.get("role").is_some();
    }
    let nodes: Vec<GraphNode> = order
        .iter()
        .map(|id| {
            let node_info = info.remove(id).unwrap_or_default();
            let kind = node_kind(&node_info);
            GraphNode {
                label: node_label(id, &node_info, kind),
                id: id.clone(),
                kind,
            }
        })
        .collect();
    let kept: BTreeSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let edges = edges
        .into_iter()
        .filter(|e| kept.contains(e.source.as_str()) && kept.contains(e.target.as_str()))
        .collect();
    json_response(&Neighbourhood { nodes, edges })
}

#[derive(Default)]
struct NodeInfo {
    label: Option<String>,
    types: Vec<String>,
    date: Option<String>,
    has_roles: bool,
}

/// The drawing's node kind, from the node's classes (an event also by having role edges).
fn node_kind(info: &NodeInfo) -> &'static str {
    let has = |class: &str| info.types.iter().any(|t| *t == vocab::ckg(class));
    if info.has_roles || has(term::EVENT) {
        "event"
    } else if has(term::STATE) {
        "state"
    } else if has(term::ARMED_GROUP) {
        "group"
    } else if has(term::ORGANIZATION) {
        "organization"
    } else if has(term::PERSON) {
        "person"
    } else if has(term::PLACE) || has(term::CITY) || has(term::REGION) {
        "place"
    } else if has(term::DOCUMENT) {
        "document"
    } else {
        "other"
    }
}

/// The label drawn for a node: its `rdfs:label`; for an unlabelled event its most specific
/// `ckg:` type and date; otherwise the IRI's last segment.
fn node_label(id: &str, info: &NodeInfo, kind: &str) -> String {
    if let Some(label) = &info.label {
        return label.clone();
    }
    if kind == "event" {
        let event_class = vocab::ckg(term::EVENT);
        let mut names: BTreeMap<bool, &str> = BTreeMap::new();
        for t in &info.types {
            if let Some(local) = t.strip_prefix(vocab::CKG) {
                names.entry(*t != event_class).or_insert(local);
            }
        }
        let name = names.get(&true).or(names.get(&false)).unwrap_or(&"event");
        return match &info.date {
            Some(date) => format!("{name} {date}"),
            None => (*name).to_owned(),
        };
    }
    local_name(id).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Quad};

    fn ckg(local: &str) -> NamedNode {
        NamedNode::new(vocab::ckg(local)).expect("valid IRI")
    }
    fn id(path: &str) -> NamedNode {
        NamedNode::new(vocab::id(path)).expect("valid IRI")
    }
    fn nn(iri: &str) -> NamedNode {
        NamedNode::new(iri).expect("valid IRI")
    }
    fn rdf(local: &str) -> NamedNode {
        nn(&format!("{}{local}", vocab::RDF))
    }
    fn rdfs(local: &str) -> NamedNode {
        nn(&format!("{}{local}", vocab::RDFS))
    }

    /// A State with labels, an ArmedGroup, a Person, a City, an Airstrike event with
    /// evidence, casualties and a document, a Claim (asserted) and its denial.
    fn test_store() -> Store {
        let store = Store::new().expect("in-memory store");
        let pakistan = id("state/pakistan");
        let afghanistan = id("state/afghanistan");
        let ttp = id("group/ttp");
        let mehsud = id("person/noor-wali-mehsud");
        let kabul = id("place/kabul");
        let strike = id("event/strike-1");
        let doc = id("doc/d1");
        let ev = id("evidence/e1");
        let claim = id("claim/c1");
        let denial = id("claim/c2");
        let cas = BlankNode::new("cas1").expect("blank node");
        let sentence = "Pakistani jets struck Kabul on 9 October, killing 10 TTP fighters.";
        let en = |s: &str| Literal::new_language_tagged_literal(s, "en").expect("lang literal");
        let s = |v: &str| Literal::new_simple_literal(v);
        let label = rdfs("label");
        let alt = nn(&format!("{}altLabel", vocab::SKOS));
        let a = rdf("type");
        let mut quads: Vec<Quad> = Vec::new();
        let mut add = |s: &NamedNode, p: &NamedNode, o: Term| {
            quads.push(Quad::new(s.clone(), p.clone(), o, GraphName::DefaultGraph));
        };
        add(&pakistan, &a, ckg(term::STATE).into());
        add(&pakistan, &a, ckg(term::PLACE).into());
        add(&pakistan, &label, en("Pakistan").into());
        add(&pakistan, &alt, en("Islamic Republic of Pakistan").into());
        add(&afghanistan, &a, ckg(term::STATE).into());
        add(&afghanistan, &label, en("Afghanistan").into());
        add(&ttp, &a, ckg(term::ARMED_GROUP).into());
        add(&ttp, &label, en("Tehrik-i-Taliban Pakistan").into());
        add(&ttp, &alt, en("TTP").into());
        add(&mehsud, &a, ckg(term::PERSON).into());
        add(&mehsud, &label, en("Noor Wali Mehsud").into());
        add(&mehsud, &ckg("leaderOf"), ttp.clone().into());
        add(&kabul, &a, ckg(term::CITY).into());
        add(&kabul, &label, en("Kabul").into());
        add(&kabul, &ckg("locatedIn"), afghanistan.clone().into());
        add(&doc, &a, ckg(term::DOCUMENT).into());
        add(
            &doc,
            &nn(&format!("{}title", vocab::DCTERMS)),
            s("Strikes on Kabul").into(),
        );
        add(&ev, &a, ckg(term::EVIDENCE).into());
        add(&ev, &rdf("subject"), mehsud.clone().into());
        add(&ev, &rdf("predicate"), ckg("leaderOf").into());
        add(&ev, &rdf("object"), ttp.clone().into());
        add(
            &ev,
            &ckg(term::SENTENCE),
            s("TTP chief Noor Wali Mehsud.").into(),
        );
        add(&ev, &ckg(term::DOCUMENT_P), doc.clone().into());
        add(&ev, &ckg(term::RULE), s("leader-apposition").into());
        add(&strike, &a, ckg(term::EVENT).into());
        add(&strike, &a, ckg("Airstrike").into());
        add(&strike, &ckg(term::AGENT), pakistan.clone().into());
        add(&strike, &ckg(term::TARGET), ttp.clone().into());
        add(&strike, &ckg(term::LOCATION), kabul.clone().into());
        add(
            &strike,
            &ckg(term::DATE),
            Literal::new_typed_literal("2025-10-09", nn(&format!("{}date", vocab::XSD))).into(),
        );
        add(&strike, &ckg(term::SENTENCE), s(sentence).into());
        add(&strike, &ckg(term::DOCUMENT_P), doc.clone().into());
        add(&claim, &a, ckg(term::CLAIM).into());
        add(&claim, &rdf("subject"), afghanistan.clone().into());
        add(&claim, &rdf("predicate"), ckg("harbors").into());
        add(&claim, &rdf("object"), ttp.clone().into());
        add(&claim, &ckg(term::CLAIMANT), pakistan.clone().into());
        add(&claim, &ckg(term::STANCE), ckg(term::ASSERTED).into());
        add(
            &claim,
            &ckg(term::SENTENCE),
            s("Islamabad accuses Kabul of harboring the TTP.").into(),
        );
        add(&claim, &ckg(term::DOCUMENT_P), doc.clone().into());
        add(&denial, &a, ckg(term::CLAIM).into());
        add(&denial, &rdf("subject"), afghanistan.clone().into());
        add(&denial, &rdf("predicate"), ckg("harbors").into());
        add(&denial, &rdf("object"), ttp.clone().into());
        add(&denial, &ckg(term::CLAIMANT), afghanistan.clone().into());
        add(&denial, &ckg(term::STANCE), ckg(term::DENIED).into());
        for quad in quads {
            store.insert(&quad).expect("insert");
        }
        store
            .insert(&Quad::new(
                strike.clone(),
                ckg(term::CASUALTIES_P),
                cas.clone(),
                GraphName::DefaultGraph,
            ))
            .expect("insert");
        store
            .insert(&Quad::new(
                cas.clone(),
                ckg(term::VICTIM),
                ttp.clone(),
                GraphName::DefaultGraph,
            ))
            .expect("insert");
        store
            .insert(&Quad::new(
                cas,
                ckg(term::KILLED),
                Literal::from(10),
                GraphName::DefaultGraph,
            ))
            .expect("insert");
        // One named graph, for the Graph Store tests.
        store
            .insert(&Quad::new(
                pakistan,
                label,
                en("Pakistan (named)"),
                nn("http://example.com/g"),
            ))
            .expect("insert");
        store
    }

    fn enc(text: &str) -> String {
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

    struct Answer {
        status: u16,
        headers: oxhttp::model::HeaderMap,
        body: String,
    }

    impl Answer {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers.get(name).and_then(|v| v.to_str().ok())
        }
        fn content_type(&self) -> &str {
            self.header("content-type").unwrap_or("")
        }
        fn json(&self) -> serde_json::Value {
            serde_json::from_str(&self.body).expect("JSON body")
        }
    }

    fn call(
        store: &Store,
        config: &ServerConfig,
        method: &str,
        uri: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let mut builder = Request::builder()
            .method(method)
            .uri(format!("http://localhost{uri}"));
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder
            .body(Body::from(body.to_owned()))
            .expect("valid request");
        let response = handle_request(&mut request, store, config);
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.into_body().to_string().expect("UTF-8 body");
        Answer {
            status,
            headers,
            body,
        }
    }

    const STATES: &str =
        "SELECT ?label WHERE { ?s a ckg:State ; rdfs:label ?label } ORDER BY ?label";
    const CONSTRUCT: &str =
        "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a ckg:State ; rdfs:label ?l }";

    struct Case {
        name: &'static str,
        method: &'static str,
        uri: String,
        headers: Vec<(&'static str, &'static str)>,
        body: String,
        allow_update: bool,
        status: u16,
        content_type: &'static str,
        contains: Vec<&'static str>,
    }

    fn case(name: &'static str, method: &'static str, uri: impl Into<String>) -> Case {
        Case {
            name,
            method,
            uri: uri.into(),
            headers: Vec::new(),
            body: String::new(),
            allow_update: false,
            status: 200,
            content_type: "",
            contains: Vec::new(),
        }
    }

    impl Case {
        fn header(mut self, name: &'static str, value: &'static str) -> Self {
            self.headers.push((name, value));
            self
        }
        fn body(mut self, body: impl Into<String>) -> Self {
            self.body = body.into();
            self
        }
        fn updates(mut self) -> Self {
            self.allow_update = true;
            self
        }
        fn expect(
            mut self,
            status: u16,
            content_type: &'static str,
            contains: &[&'static str],
        ) -> Self {
            self.status = status;
            self.content_type = content_type;
            self.contains = contains.to_vec();
            self
        }
    }

    fn get_query(query: &str) -> String {
        format!("/sparql?query={}", enc(query))
    }

    #[test]
    fn routes_methods_content_types_and_errors() {
        let form = "application/x-www-form-urlencoded";
        let cases = vec![
            case("page", "GET", "/").expect(
                200,
                "text/html",
                &["<textarea", "app.js", "id=\"results\""],
            ),
            case("page script", "GET", "/app.js").expect(200, "text/javascript", &["fetch("]),
            case("page style", "GET", "/style.css").expect(200, "text/css", &["body"]),
            case("unknown path", "GET", "/nope").expect(404, "text/plain", &["/nope"]),
            case("GET query, JSON by default", "GET", get_query(STATES)).expect(
                200,
                "application/sparql-results+json",
                &["\"Pakistan\"", "\"vars\":[\"label\"]"],
            ),
            case("Accept XML", "GET", get_query(STATES))
                .header("accept", "application/sparql-results+xml")
                .expect(
                    200,
                    "application/sparql-results+xml",
                    &["<literal xml:lang=\"en\">Pakistan</literal>"],
                ),
            case("Accept CSV", "GET", get_query(STATES))
                .header("accept", "text/csv")
                .expect(200, "text/csv", &["label\r\nAfghanistan\r\nPakistan\r\n"]),
            case("Accept TSV", "GET", get_query(STATES))
                .header("accept", "text/tab-separated-values")
                .expect(
                    200,
                    "text/tab-separated-values",
                    &["?label\n\"Afghanistan\"@en\n"],
                ),
            case("Accept q-values", "GET", get_query(STATES))
                .header(
                    "accept",
                    "text/csv;q=0.5, application/sparql-results+xml;q=0.8, */*;q=0.1",
                )
                .expect(200, "application/sparql-results+xml", &["<sparql"]),
            case("Accept type wildcard", "GET", get_query(STATES))
                .header("accept", "text/*")
                .expect(200, "text/csv", &["Pakistan"]),
            case("Accept browser default", "GET", get_query(STATES))
                .header(
                    "accept",
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                )
                .expect(200, "application/sparql-results+json", &["Pakistan"]),
            case("Accept nothing usable", "GET", get_query(STATES))
                .header("accept", "image/png")
                .expect(406, "text/plain", &["application/sparql-results+json"]),
            case(
                "format= overrides Accept",
                "GET",
                format!("{}&format=csv", get_query(STATES)),
            )
            .header("accept", "application/sparql-results+json")
            .expect(200, "text/csv", &["Pakistan"]),
            case(
                "format=tsv",
                "GET",
                format!("{}&format=tsv", get_query(STATES)),
            )
            .expect(200, "text/tab-separated-values", &["Pakistan"]),
            case(
                "format=xml",
                "GET",
                format!("{}&format=xml", get_query(STATES)),
            )
            .expect(200, "application/sparql-results+xml", &["Pakistan"]),
            case(
                "format unknown",
                "GET",
                format!("{}&format=yaml", get_query(STATES)),
            )
            .expect(400, "text/plain", &["unknown format"]),
            case(
                "format for the wrong form",
                "GET",
                format!("{}&format=turtle", get_query(STATES)),
            )
            .expect(406, "text/plain", &["CONSTRUCT"]),
            case("ASK", "GET", get_query("ASK { ?s a ckg:Claim }")).expect(
                200,
                "application/sparql-results+json",
                &["\"boolean\":true"],
            ),
            case("CONSTRUCT, Turtle by default", "GET", get_query(CONSTRUCT)).expect(
                200,
                "text/turtle",
                &["@prefix rdfs:", "\"Pakistan\"@en"],
            ),
            case("CONSTRUCT as N-Triples", "GET", get_query(CONSTRUCT))
                .header("accept", "application/n-triples")
                .expect(
                    200,
                    "application/n-triples",
                    &["<http://www.w3.org/2000/01/rdf-schema#label> \"Pakistan\"@en ."],
                ),
            case("CONSTRUCT as JSON-LD", "GET", get_query(CONSTRUCT))
                .header("accept", "application/ld+json")
                .expect(200, "application/ld+json", &["\"@value\"", "Pakistan"]),
            case(
                "CONSTRUCT format=ntriples",
                "GET",
                format!("{}&format=ntriples", get_query(CONSTRUCT)),
            )
            .expect(200, "application/n-triples", &["Pakistan"]),
            case(
                "CONSTRUCT refuses results types",
                "GET",
                get_query(CONSTRUCT),
            )
            .header("accept", "application/sparql-results+json")
            .expect(406, "text/plain", &["text/turtle"]),
            case("POST form query", "POST", "/sparql")
                .header("content-type", form)
                .body(format!("query={}", enc(STATES)))
                .expect(200, "application/sparql-results+json", &["Pakistan"]),
            case(
                "POST form query with + for spaces",
                "POST",
                "/sparql?format=csv",
            )
            .header(
                "content-type",
                "application/x-www-form-urlencoded; charset=UTF-8",
            )
            .body("query=SELECT+%3Fl+WHERE+%7B+%3Fs+a+ckg%3AState+%3B+rdfs%3Alabel+%3Fl+%7D")
            .expect(200, "text/csv", &["Pakistan"]),
            case("POST direct query", "POST", "/sparql")
                .header("content-type", "application/sparql-query")
                .header("accept", "text/csv")
                .body(STATES)
                .expect(200, "text/csv", &["Pakistan"]),
            case("POST unsupported type", "POST", "/sparql")
                .header("content-type", "text/plain")
                .body(STATES)
                .expect(415, "text/plain", &["text/plain"]),
            case("POST without type", "POST", "/sparql")
                .body(STATES)
                .expect(415, "text/plain", &["Content-Type"]),
            case("POST bad charset", "POST", "/sparql")
                .header("content-type", "application/sparql-query; charset=latin1")
                .body(STATES)
                .expect(415, "text/plain", &["charset"]),
            case(
                "bad query, with position",
                "GET",
                get_query("SELECT ?x WHERE { ?x ?y }"),
            )
            .expect(400, "text/plain", &["bad SPARQL query", "1:"]),
            case(
                "bad query, position in user text",
                "GET",
                get_query("SELECT * WHERE {\n  ?s ?p\n}"),
            )
            .expect(400, "text/plain", &["3:"]),
            case("no query", "GET", "/sparql").expect(
                400,
                "text/plain",
                &["missing the query parameter"],
            ),
            case(
                "query twice",
                "GET",
                format!("{}&query=ASK%7B%7D", get_query(STATES)),
            )
            .expect(400, "text/plain", &["more than once"]),
            case("bad percent-encoding", "GET", "/sparql?query=%zz").expect(
                400,
                "text/plain",
                &["percent-encoding"],
            ),
            case("PUT on /sparql", "PUT", "/sparql").expect(405, "text/plain", &["PUT"]),
            case("DELETE on the page", "DELETE", "/").expect(405, "text/plain", &[]),
            case("OPTIONS preflight", "OPTIONS", "/sparql").expect(204, "", &[]),
            case(
                "SERVICE refused",
                "GET",
                get_query("SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }"),
            )
            .expect(400, "text/plain", &["SERVICE"]),
            case(
                "SERVICE in a string is fine",
                "GET",
                get_query("SELECT (\"SERVICE\" AS ?x) WHERE {}"),
            )
            .expect(200, "application/sparql-results+json", &["SERVICE"]),
            case("update POST refused read-only", "POST", "/sparql")
                .header("content-type", "application/sparql-update")
                .body("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }")
                .expect(403, "text/plain", &["read-only"]),
            case("update form refused read-only", "POST", "/sparql")
                .header("content-type", form)
                .body(format!(
                    "update={}",
                    enc("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }")
                ))
                .expect(403, "text/plain", &["read-only"]),
            case(
                "update by GET refused",
                "GET",
                format!("/sparql?update={}", enc("CLEAR ALL")),
            )
            .updates()
            .expect(400, "text/plain", &["POST"]),
            case("update accepted when allowed", "POST", "/sparql")
                .header("content-type", "application/sparql-update")
                .body("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }")
                .updates()
                .expect(204, "", &[]),
            case("update form accepted when allowed", "POST", "/sparql")
                .header("content-type", form)
                .body(format!(
                    "update={}",
                    enc("INSERT DATA { <http://e/s> <http://e/p> 1 }")
                ))
                .updates()
                .expect(204, "", &[]),
            case(
                "LOAD refused even when updates are allowed",
                "POST",
                "/sparql",
            )
            .header("content-type", "application/sparql-update")
            .body("LOAD <file:///etc/passwd>")
            .updates()
            .expect(403, "text/plain", &["LOAD"]),
            case("bad update", "POST", "/sparql")
                .header("content-type", "application/sparql-update")
                .body("INSERT NOTHING")
                .updates()
                .expect(400, "text/plain", &["bad SPARQL update"]),
            case("graph: default graph as Turtle", "GET", "/graph?default").expect(
                200,
                "text/turtle",
                &["@prefix ckg:", "\"Pakistan\"@en"],
            ),
            case("graph: no parameter is the default graph", "GET", "/graph")
                .header("accept", "application/n-triples")
                .expect(200, "application/n-triples", &["\"Pakistan\"@en .\n"]),
            case(
                "graph: named graph",
                "GET",
                format!("/graph?graph={}", enc("http://example.com/g")),
            )
            .expect(200, "text/turtle", &["Pakistan (named)"]),
            case(
                "graph: missing named graph",
                "GET",
                format!("/graph?graph={}", enc("http://example.com/none")),
            )
            .expect(404, "text/plain", &["http://example.com/none"]),
            case("graph: invalid IRI", "GET", "/graph?graph=not%20an%20iri").expect(
                400,
                "text/plain",
                &["invalid IRI"],
            ),
            case(
                "graph: format=ntriples",
                "GET",
                "/graph?default&format=ntriples",
            )
            .expect(200, "application/n-triples", &["Pakistan"]),
            case("graph: not acceptable", "GET", "/graph")
                .header("accept", "application/ld+json")
                .expect(406, "text/plain", &[]),
            case("graph: PUT refused", "PUT", "/graph?default")
                .body("<a> <b> <c> .")
                .updates()
                .expect(405, "text/plain", &["read-only"]),
            case("graph: DELETE refused", "DELETE", "/graph?default").expect(
                405,
                "text/plain",
                &["read-only"],
            ),
            case("examples", "GET", "/api/examples").expect(
                200,
                "application/json",
                &["\"title\"", "\"query\""],
            ),
            case("prefixes", "GET", "/api/prefixes").expect(
                200,
                "application/json",
                &["\"ckg\"", vocab::CKG],
            ),
            case("search by label", "GET", "/api/search?q=paki").expect(
                200,
                "application/json",
                &["state/pakistan", "\"Pakistan\""],
            ),
            case("search by altLabel, any case", "GET", "/api/search?q=ttp").expect(
                200,
                "application/json",
                &["group/ttp", "ArmedGroup"],
            ),
            case(
                "search quotes are data",
                "GET",
                "/api/search?q=%22%29%20%7D",
            )
            .expect(200, "application/json", &["[]"]),
            case("entity: missing iri", "GET", "/api/entity").expect(400, "text/plain", &["iri"]),
            case("entity: invalid iri", "GET", "/api/entity?iri=%3E%20x").expect(
                400,
                "text/plain",
                &["invalid IRI"],
            ),
            case(
                "entity: unknown",
                "GET",
                format!("/api/entity?iri={}", enc("http://example.com/unknown")),
            )
            .expect(404, "text/plain", &[]),
            case("neighbourhood: missing iri", "GET", "/api/neighbourhood").expect(
                400,
                "text/plain",
                &[],
            ),
            case("POST on an API route", "POST", "/api/search").expect(405, "text/plain", &[]),
        ];
        let mut failures = Vec::new();
        for c in cases {
            let store = test_store();
            let config = ServerConfig {
                allow_update: c.allow_update,
                ..ServerConfig::default()
            };
            let answer = call(&store, &config, c.method, &c.uri, &c.headers, &c.body);
            let mut problems = Vec::new();
            if answer.status != c.status {
                problems.push(format!("status {} (expected {})", answer.status, c.status));
            }
            if !answer.content_type().starts_with(c.content_type) {
                problems.push(format!(
                    "content type {:?} (expected {:?})",
                    answer.content_type(),
                    c.content_type
                ));
            }
            for needle in &c.contains {
                if !answer.body.contains(needle) {
                    problems.push(format!("body lacks {needle:?}"));
                }
            }
            if answer.header("access-control-allow-origin") != Some("*") {
                problems.push("no CORS header".into());
            }
            if answer.status == 405 && answer.header("allow").is_none() {
                problems.push("405 without Allow".into());
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{}: {}\n  body: {}",
                    c.name,
                    problems.join("; "),
                    answer.body.chars().take(300).collect::<String>()
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} case(s) failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn preflight_names_methods_and_headers() {
        let store = test_store();
        let answer = call(
            &store,
            &ServerConfig::default(),
            "OPTIONS",
            "/sparql",
            &[
                ("origin", "http://elsewhere"),
                ("access-control-request-method", "POST"),
            ],
            "",
        );
        assert_eq!(answer.status, 204);
        assert_eq!(
            answer.header("access-control-allow-methods"),
            Some("GET, POST, OPTIONS")
        );
        assert!(answer
            .header("access-control-allow-headers")
            .is_some_and(|h| h.contains("Content-Type")));
        assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
        let answer = call(&store, &ServerConfig::default(), "PUT", "/sparql", &[], "");
        assert_eq!(answer.header("allow"), Some("GET, POST, OPTIONS"));
    }

    #[test]
    fn update_is_visible_to_later_queries() {
        let store = test_store();
        let config = ServerConfig {
            allow_update: true,
            ..ServerConfig::default()
        };
        let update = "INSERT DATA { <http://example.com/x> rdfs:label \"Inserted\" }";
        let answer = call(
            &store,
            &config,
            "POST",
            "/sparql",
            &[("content-type", "application/sparql-update")],
            update,
        );
        assert_eq!(answer.status, 204, "{}", answer.body);
        let answer = call(
            &store,
            &config,
            "GET",
            &get_query("SELECT ?l WHERE { <http://example.com/x> rdfs:label ?l }"),
            &[("accept", "text/csv")],
            "",
        );
        assert_eq!(answer.body, "l\r\nInserted\r\n");
    }

    #[test]
    fn result_cap_cuts_rows_and_says_so() {
        let store = test_store();
        let config = ServerConfig {
            max_results: 1,
            ..ServerConfig::default()
        };
        let answer = call(
            &store,
            &config,
            "GET",
            &get_query(STATES),
            &[("accept", "text/csv")],
            "",
        );
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header(TRUNCATED_HEADER), Some("true"));
        assert_eq!(answer.body, "label\r\nAfghanistan\r\n");
        let answer = call(
            &store,
            &config,
            "GET",
            &get_query(CONSTRUCT),
            &[("accept", "application/n-triples")],
            "",
        );
        assert_eq!(answer.header(TRUNCATED_HEADER), Some("true"));
        assert_eq!(answer.body.lines().count(), 1, "{}", answer.body);
        // Under the cap: no header.
        let answer = call(
            &store,
            &ServerConfig::default(),
            "GET",
            &get_query(STATES),
            &[],
            "",
        );
        assert_eq!(answer.header(TRUNCATED_HEADER), None);
    }

    #[test]
    fn body_over_the_limit_is_413() {
        let store = test_store();
        let config = ServerConfig {
            max_body: 16,
            ..ServerConfig::default()
        };
        let answer = call(
            &store,
            &config,
            "POST",
            "/sparql",
            &[("content-type", "application/sparql-query")],
            STATES,
        );
        assert_eq!(answer.status, 413, "{}", answer.body);
        // A body without a known length (chunked) is cut while reading.
        let mut request = Request::builder()
            .method("POST")
            .uri("http://localhost/sparql")
            .header("content-type", "application/sparql-query")
            .body(Body::from_read(io::Cursor::new(STATES.as_bytes().to_vec())))
            .expect("request");
        let response = handle_request(&mut request, &store, &config);
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn slow_query_is_cancelled_with_503() {
        let store = test_store();
        let config = ServerConfig {
            timeout: Duration::from_millis(50),
            ..ServerConfig::default()
        };
        // ~55 quads to the 6th power: far more than 50 ms of work. (This one runs in memory
        // and keeps its worker busy after the 503: see `run_with_deadline`.)
        let query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }";
        let started = std::time::Instant::now();
        let answer = call(&store, &config, "GET", &get_query(query), &[], "");
        assert_eq!(answer.status, 503, "{}", answer.body);
        assert!(
            answer.body.contains("time limit of 50 ms"),
            "{}",
            answer.body
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn entity_view_has_facts_claims_and_events() {
        let store = test_store();
        let config = ServerConfig::default();
        let ttp = vocab::id("group/ttp");
        let answer = call(
            &store,
            &config,
            "GET",
            &format!("/api/entity?iri={}", enc(&ttp)),
            &[],
            "",
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
        let json = answer.json();
        assert_eq!(json["iri"], ttp.as_str());
        assert_eq!(json["label"], "Tehrik-i-Taliban Pakistan");
        assert_eq!(json["altLabels"], serde_json::json!(["TTP"]));
        assert_eq!(
            json["types"],
            serde_json::json!([vocab::ckg(term::ARMED_GROUP)])
        );

        let facts = json["facts"].as_array().expect("facts");
        let leader = facts
            .iter()
            .find(|f| f["predicate"] == vocab::ckg("leaderOf").as_str())
            .expect("leaderOf fact");
        assert_eq!(leader["direction"], "in");
        assert_eq!(leader["otherLabel"], "Noor Wali Mehsud");
        assert_eq!(leader["sentence"], "TTP chief Noor Wali Mehsud.");
        assert_eq!(leader["documentTitle"], "Strikes on Kabul");
        assert_eq!(leader["rule"], "leader-apposition");
        assert!(
            !facts
                .iter()
                .any(|f| f["predicate"] == vocab::ckg(term::TARGET).as_str()),
            "event roles belong to events, not facts: {facts:?}"
        );

        let claims = json["claims"].as_array().expect("claims");
        assert_eq!(claims.len(), 2, "{claims:?}");
        let asserted = claims
            .iter()
            .find(|c| c["stance"] == "Asserted")
            .expect("asserted claim");
        assert_eq!(asserted["claimantLabel"], "Pakistan");
        assert_eq!(asserted["subjectLabel"], "Afghanistan");
        assert_eq!(asserted["predicate"], vocab::ckg("harbors").as_str());
        assert_eq!(
            asserted["sentence"],
            "Islamabad accuses Kabul of harboring the TTP."
        );
        assert_eq!(asserted["documentTitle"], "Strikes on Kabul");
        assert!(claims
            .iter()
            .any(|c| c["stance"] == "Denied" && c["claimantLabel"] == "Afghanistan"));

        let events = json["events"].as_array().expect("events");
        let target = events
            .iter()
            .find(|e| e["role"] == "target")
            .expect("target role");
        assert_eq!(target["date"], "2025-10-09");
        assert_eq!(target["locationLabel"], "Kabul");
        assert_eq!(target["documentTitle"], "Strikes on Kabul");
        assert!(target["types"]
            .as_array()
            .is_some_and(|t| t.contains(&serde_json::json!(vocab::ckg("Airstrike")))));
        assert!(target["participants"].as_array().is_some_and(|p| p
            .iter()
            .any(|p| p["role"] == "agent" && p["label"] == "Pakistan")));
        assert_eq!(target["casualties"][0]["killed"], "10");
        assert_eq!(
            target["casualties"][0]["victimLabel"],
            "Tehrik-i-Taliban Pakistan"
        );
        assert_eq!(events.len(), 1, "one entry per event: {events:?}");
        assert_eq!(target["roles"], serde_json::json!(["target", "victim"]));
    }

    #[test]
    fn neighbourhood_draws_kinds_and_claims() {
        let store = test_store();
        let ttp = vocab::id("group/ttp");
        let answer = call(
            &store,
            &ServerConfig::default(),
            "GET",
            &format!("/api/neighbourhood?iri={}", enc(&ttp)),
            &[],
            "",
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
        let json = answer.json();
        let nodes = json["nodes"].as_array().expect("nodes");
        let kind_of = |path: &str| {
            nodes
                .iter()
                .find(|n| n["id"] == vocab::id(path).as_str())
                .map(|n| {
                    (
                        n["kind"].as_str().unwrap_or("").to_owned(),
                        n["label"].as_str().unwrap_or("").to_owned(),
                    )
                })
        };
        assert_eq!(nodes[0]["id"], ttp.as_str(), "the centre comes first");
        assert_eq!(
            kind_of("group/ttp"),
            Some(("group".into(), "Tehrik-i-Taliban Pakistan".into()))
        );
        assert_eq!(
            kind_of("person/noor-wali-mehsud").map(|k| k.0),
            Some("person".into())
        );
        assert_eq!(
            kind_of("state/afghanistan").map(|k| k.0),
            Some("state".into())
        );
        assert_eq!(
            kind_of("event/strike-1"),
            Some(("event".into(), "Airstrike 2025-10-09".into()))
        );
        // Second hop through the event: its agent and its place.
        assert_eq!(kind_of("state/pakistan").map(|k| k.0), Some("state".into()));
        assert_eq!(kind_of("place/kabul").map(|k| k.0), Some("place".into()));
        let edges = json["edges"].as_array().expect("edges");
        assert!(edges.iter().any(|e| e["claim"] == true
            && e["source"] == vocab::id("state/afghanistan").as_str()
            && e["label"]
                .as_str()
                .is_some_and(|l| l.starts_with("harbors"))));
        assert!(edges
            .iter()
            .any(|e| e["claim"] == false && e["label"] == "leaderOf"));
        assert!(
            edges
                .iter()
                .any(|e| e["label"] == "target"
                    && e["source"] == vocab::id("event/strike-1").as_str())
        );
        for edge in edges {
            for end in ["source", "target"] {
                assert!(
                    nodes.iter().any(|n| n["id"] == edge[end]),
                    "dangling edge {edge}"
                );
            }
        }
    }

    #[test]
    fn search_ranks_exact_matches_first_and_caps() {
        let store = test_store();
        let answer = call(
            &store,
            &ServerConfig::default(),
            "GET",
            "/api/search?q=PAKISTAN",
            &[],
            "",
        );
        let hits = answer.json();
        let hits = hits.as_array().expect("array");
        assert_eq!(hits[0]["label"], "Pakistan", "{hits:?}");
        assert!(hits
            .iter()
            .any(|h| h["label"] == "Tehrik-i-Taliban Pakistan"));
        assert!(hits.len() <= SEARCH_LIMIT);
        let answer = call(
            &store,
            &ServerConfig::default(),
            "GET",
            &format!("/api/search?q={}", "x".repeat(300)),
            &[],
            "",
        );
        assert_eq!(answer.status, 400);
    }

    #[test]
    fn negotiation_table() {
        let cases: &[(Option<&str>, Option<QueryResultsFormat>)] = &[
            (None, Some(QueryResultsFormat::Json)),
            (Some(""), Some(QueryResultsFormat::Json)),
            (Some("*/*"), Some(QueryResultsFormat::Json)),
            (Some("application/json"), Some(QueryResultsFormat::Json)),
            (Some("TEXT/CSV"), Some(QueryResultsFormat::Csv)),
            (
                Some("text/*;q=0.5, text/tab-separated-values"),
                Some(QueryResultsFormat::Tsv),
            ),
            (
                Some("text/csv;q=0, */*;q=0.1"),
                Some(QueryResultsFormat::Json),
            ),
            (
                Some("*/*;q=0.1, text/csv;q=0"),
                Some(QueryResultsFormat::Json),
            ),
            (
                Some("application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.8"),
                Some(QueryResultsFormat::Xml),
            ),
            (Some("image/png, text/html"), None),
            (Some("garbage"), Some(QueryResultsFormat::Json)),
            (Some("text/csv;q=abc"), Some(QueryResultsFormat::Json)),
        ];
        for (accept, expected) in cases {
            assert_eq!(
                negotiate(*accept, RESULTS_OFFERS),
                *expected,
                "Accept: {accept:?}"
            );
        }
    }

    #[test]
    fn lexer_finds_keywords_only_where_they_are_keywords() {
        let cases: &[(&str, bool)] = &[
            ("SELECT * { SERVICE <http://x> { ?s ?p ?o } }", true),
            ("select * { service silent <http://x> { } }", true),
            ("SELECT (\"SERVICE\" AS ?x) {}", false),
            ("SELECT ('''a\nSERVICE''' AS ?x) {}", false),
            ("SELECT * { ?s <http://x/SERVICE> ?o }", false),
            ("SELECT * { ?s ex:SERVICE ?o } # SERVICE", false),
            ("SELECT ?SERVICE {}", false),
            ("SELECT * { ?s ?p \"x\"@service }", false),
            ("SELECT * { FILTER(?a<?b) SERVICE <http://x> {} }", true),
        ];
        for (text, expected) in cases {
            assert_eq!(contains_keyword(text, "SERVICE"), *expected, "{text}");
        }
        assert_eq!(
            query_form("PREFIX a: <http://select/> ASK {}"),
            Some(QueryForm::Solutions)
        );
        assert_eq!(
            query_form("# SELECT\nCONSTRUCT WHERE { ?s ?p ?o }"),
            Some(QueryForm::Graph)
        );
        assert_eq!(query_form("DESCRIBE <x>"), Some(QueryForm::Graph));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("a+b%20c%C3%A9", true).ok(),
            Some("a b cé".to_owned())
        );
        assert_eq!(percent_decode("a+b", false).ok(), Some("a+b".to_owned()));
        assert!(percent_decode("%", true).is_err());
        assert!(percent_decode("%4", true).is_err());
        assert!(percent_decode("%ff", true).is_err(), "not UTF-8");
        let params = parse_params("default&graph=x%3Dy&&q=", true).expect("params");
        assert_eq!(
            params,
            vec![
                ("default".to_owned(), String::new()),
                ("graph".to_owned(), "x=y".to_owned()),
                ("q".to_owned(), String::new())
            ]
        );
    }

    #[test]
    fn no_panic_on_odd_requests() {
        let store = test_store();
        let config = ServerConfig::default();
        type OddRequest<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a str);
        let odd: &[OddRequest<'_>] = &[
            ("GET", "/sparql?query", &[], ""),
            ("GET", "/sparql?=&&&=", &[], ""),
            ("GET", "/sparql?query=%E2%82", &[], ""),
            ("POST", "/sparql", &[("content-type", ";;;")], "x"),
            (
                "POST",
                "/sparql",
                &[("content-type", "application/x-www-form-urlencoded")],
                "query=%",
            ),
            (
                "POST",
                "/sparql",
                &[("content-type", "application/sparql-query")],
                "\u{0}\u{1}",
            ),
            (
                "GET",
                "/sparql?query=SELECT%20*%20%7B%7D",
                &[("accept", ",,;q=,*/;")],
                "",
            ),
            ("GET", "/api/entity?iri=", &[], ""),
            ("GET", "/api/search", &[], ""),
            ("GET", "/graph?graph=", &[], ""),
            ("GET", "/graph?default&graph=http%3A%2F%2Fx", &[], ""),
        ];
        for (method, uri, headers, body) in odd {
            let answer = call(&store, &config, method, uri, headers, body);
            assert!(
                answer.status < 500,
                "{method} {uri}: {} {}",
                answer.status,
                answer.body
            );
        }
        // Invalid UTF-8 in a body.
        let mut request = Request::builder()
            .method("POST")
            .uri("http://localhost/sparql")
            .header("content-type", "application/sparql-query")
            .body(Body::from(vec![0xff, 0xfe]))
            .expect("request");
        assert_eq!(
            handle_request(&mut request, &store, &config).status(),
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn graph_stream_is_whole_and_parseable() {
        let store = Store::new().expect("store");
        for i in 0..(GRAPH_CHUNK_QUADS * 3 + 7) {
            store
                .insert(&Quad::new(
                    id(&format!("n/{i}")),
                    rdfs("label"),
                    Literal::new_simple_literal(format!("node {i}")),
                    GraphName::DefaultGraph,
                ))
                .expect("insert");
        }
        for accept in ["text/turtle", "application/n-triples"] {
            let answer = call(
                &store,
                &ServerConfig::default(),
                "GET",
                "/graph",
                &[("accept", accept)],
                "",
            );
            assert_eq!(answer.status, 200);
            let format = RdfFormat::from_media_type(accept).expect("format");
            let parsed = oxigraph::io::RdfParser::from_format(format)
                .for_slice(answer.body.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .expect("parses");
            assert_eq!(parsed.len(), GRAPH_CHUNK_QUADS * 3 + 7, "{accept}");
        }
    }

    #[test]
    fn examples_come_from_the_config() {
        let store = test_store();
        let config = ServerConfig {
            examples: vec![("Mine".into(), "ASK {}".into())],
            ..ServerConfig::default()
        };
        let answer = call(&store, &config, "GET", "/api/examples", &[], "");
        assert_eq!(
            answer.json(),
            serde_json::json!([{"title": "Mine", "query": "ASK {}"}])
        );
        // Every built-in example is a valid query over the vocabulary.
        for (title, query) in builtin_examples() {
            let answer = call(
                &store,
                &ServerConfig::default(),
                "GET",
                &get_query(&query),
                &[],
                "",
            );
            assert_eq!(answer.status, 200, "{title}: {}", answer.body);
        }
    }

    /// Deterministic pseudo-random inputs (no extra crate): the lexer, the parameter and
    /// Accept parsers and the whole handler must answer, never panic, and never 5xx.
    #[test]
    fn random_inputs_never_panic() {
        let alphabet: Vec<char> = "SELECTWHERE{}<>?$\"'#%+&=;:,.*/@_-0123456789abc \n\\é€"
            .chars()
            .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let store = test_store();
        let config = ServerConfig::default();
        for round in 0..600 {
            let len = usize::try_from(next() % 40).unwrap_or(0);
            let text: String = (0..len)
                .map(|_| alphabet[usize::try_from(next()).unwrap_or(0) % alphabet.len()])
                .collect();
            let _ = bare_words(&text);
            let _ = parse_params(&text, true);
            let _ = negotiate(Some(&text), RESULTS_OFFERS);
            if round % 3 == 0 {
                let uri = format!("/sparql?query={}", enc(&text));
                let answer = call(&store, &config, "GET", &uri, &[], "");
                assert!(
                    answer.status == 200 || answer.status == 400,
                    "{text:?}: {} {}",
                    answer.status,
                    answer.body
                );
                let uri = format!("/api/search?q={}", enc(&text));
                assert_eq!(
                    call(&store, &config, "GET", &uri, &[], "").status,
                    200,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn bind_addresses_resolve() {
        assert!(resolve_bind("127.0.0.1:7878").is_ok());
        assert!(resolve_bind("localhost:0").is_ok_and(|a| a.ip().is_loopback()));
        assert!(matches!(
            resolve_bind("nonsense"),
            Err(ServerError::Address { .. })
        ));
    }
}
