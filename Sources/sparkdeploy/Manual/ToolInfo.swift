/// The part of ArgumentParser's tool description (`--experimental-dump-help`, serialization version 0) the
/// manual page is written from. ArgumentParser ships the full model as `ArgumentParserToolInfo`, which is
/// not a product of its package; these are the fields it documents as stable.
struct ToolInfo: Decodable {
    /// The root command.
    var command: CommandInfo

    /// One command: its name, help and arguments, and its subcommands.
    struct CommandInfo: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var subcommands: [CommandInfo]?
        var arguments: [ArgumentInfo]?
    }

    /// One positional, option or flag.
    struct ArgumentInfo: Decodable {
        var kind: String
        var shouldDisplay: Bool?
        var isOptional: Bool?
        var isRepeating: Bool?
        var names: [NameInfo]?
        var valueName: String?
        var defaultValue: String?
        var abstract: String?
        var discussion: String?
    }

    /// One spelling of an option: `short` (`-p`), `long` (`--param`), `longWithSingleDash` (`-param`).
    struct NameInfo: Decodable {
        var kind: String
        var name: String

        /// As typed on the command line.
        var spelled: String { kind == "long" ? "--" + name : "-" + name }
    }
}
