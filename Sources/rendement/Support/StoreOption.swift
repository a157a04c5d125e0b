import ArgumentParser

/// The `--db PATH` option every command that touches the store shares.
struct StoreOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "The store (SQLite file).")
    var path: String = "rendement.sqlite"
}
