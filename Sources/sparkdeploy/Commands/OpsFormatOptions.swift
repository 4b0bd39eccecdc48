import ArgumentParser

/// `--output` of the everyday commands.
struct OpsFormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Result format on stdout: table, json or tsv.", valueName: "format"))
    var output: OpsOutputFormat = .table
}
