//! The `conflictkg` binary: parse arguments, call the library, report errors.
use clap::Parser;
use conflictkg::cli::Cli;

/// mimalloc instead of glibc's malloc: extraction allocates many small, short-lived strings
/// and vectors per sentence, and spends a fifth of its instructions in glibc's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (index 15 of `mi_option_e` in the bundled mimalloc 3;
/// the Rust bindings name only the older options; `MIMALLOC_PURGE_DELAY=0` in the environment
/// reads back as 0 at this index). By default freed pages go back to the OS after a delay, and
/// an ingest of 10,000 articles peaked at 810 MiB; purged at once, 375 MiB, for ~5 % more time.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the OS at once, unless the user set `MIMALLOC_PURGE_DELAY`.
fn purge_freed_memory_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: setting a process-wide allocator option is a plain call into mimalloc with a
    // valid option index, made before any other thread starts; no memory is touched.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

fn main() {
    purge_freed_memory_at_once();
    let cli = Cli::parse();
    if let Err(e) = conflictkg::app::run(cli.command) {
        // a closed pipe (`| head`) is not an error
        if e.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        }) {
            std::process::exit(0);
        }
        let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
        let mut msg = chain.join(": ");
        // thiserror messages often repeat their source
        for c in &chain[1..] {
            let dup = format!(": {c}: {c}");
            msg = msg.replace(&dup, &format!(": {c}"));
        }
        eprintln!("conflictkg: {msg}");
        std::process::exit(2);
    }
}
