//! The `conflictkg` binary: parse arguments, call the library, report errors.
use clap::Parser;
use conflictkg::cli::Cli;

fn main() {
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
