import ArgumentParser

/// One option of `exec` or `run`, declared once: its spellings, its help, and how a given value lands in
/// the request (`Root`). Stores are closures rather than key paths: a key path literal costs its
/// instantiation at every start.
///
/// ArgumentParser's declarations take their names and help from here, and the start-up fast path
/// (``QuickCommandLine``) reads command lines with these tables alone (``ExecOptions``, ``RunOptions``,
/// ``SharedOptions``), so the two cannot drift apart (CLITests/QuickCommandLineTests checks every entry both ways).
struct CommandLineOption<Root>: Sendable {
    /// How the option is spelled on the command line and what it stores.
    enum Store: Sendable {
        /// `--name`: at most once, without a value.
        case flag(@Sendable (inout Root) -> Void)
        /// `-v`, `-vv`, `--verbose`: repeatable, each occurrence counts.
        case counter(@Sendable (inout Root, Int) -> Void)
        /// `--name` or `--no-name`, one of them at most once.
        case invertible(@Sendable (inout Root, Bool) -> Void)
        /// `--name value` or `--name=value`, at most once; false when the text is not a value of the option's type.
        case value(@Sendable (inout Root, String) -> Bool)
        /// `--name value` or `--name=value`, any number of times, each appended.
        case repeated(@Sendable (inout Root, String) -> Void)
    }

    /// The long name, without `--`.
    let long: String
    /// The one-letter name, if any.
    let short: Character?
    /// What `--help` says.
    let help: String
    /// The value's placeholder in `--help` (nil: ArgumentParser's default).
    let valueName: String?
    /// Its kind and where its value goes.
    let store: Store

    /// The names as ArgumentParser declares them.
    var names: NameSpecification {
        guard let short else { return [.customLong(long)] }
        return [.customShort(short), .customLong(long)]
    }

    /// The help as ArgumentParser declares it.
    var argumentHelp: ArgumentHelp { ArgumentHelp(help, valueName: valueName) }

    /// Every spelling the fast path accepts for this option (`--no-` forms included; `-vv…` is read from `-v`).
    var spellings: [String] {
        var all = [long]
        if case .invertible = store { all.append("no-" + long) }
        if let short { all.append("-\(short)") }
        return all
    }

    /// The same option storing into the part of `Outer` at `path`.
    func lifted<Outer>(_ path: any WritableKeyPath<Outer, Root> & Sendable) -> CommandLineOption<Outer> {
        let lifted: CommandLineOption<Outer>.Store
        switch store {
        case .flag(let store): lifted = .flag { store(&$0[keyPath: path]) }
        case .counter(let store): lifted = .counter { store(&$0[keyPath: path], $1) }
        case .invertible(let store): lifted = .invertible { store(&$0[keyPath: path], $1) }
        case .value(let store): lifted = .value { store(&$0[keyPath: path], $1) }
        case .repeated(let store): lifted = .repeated { store(&$0[keyPath: path], $1) }
        }
        return CommandLineOption<Outer>(long: long, short: short, help: help, valueName: valueName, store: lifted)
    }
}

extension CommandLineOption {
    /// A flag: `set` runs when it is given.
    static func flag(
        _ long: String, short: Character? = nil, help: String,
        _ set: @escaping @Sendable (inout Root) -> Void
    ) -> CommandLineOption {
        CommandLineOption(long: long, short: short, help: help, valueName: nil, store: .flag(set))
    }

    /// A text value, given at most once.
    static func text(
        _ long: String, short: Character? = nil, valueName: String? = nil, help: String,
        _ set: @escaping @Sendable (inout Root, String) -> Void
    ) -> CommandLineOption {
        CommandLineOption(
            long: long, short: short, help: help, valueName: valueName,
            store: .value { root, text in
                set(&root, text); return true
            })
    }

    /// A text value given any number of times (`append` runs for each).
    static func texts(
        _ long: String, short: Character? = nil, valueName: String? = nil, help: String,
        _ append: @escaping @Sendable (inout Root, String) -> Void
    ) -> CommandLineOption {
        CommandLineOption(long: long, short: short, help: help, valueName: valueName, store: .repeated(append))
    }

    /// A number of type `T`, read as ArgumentParser reads it (`T(text)`), given at most once.
    static func number<T: LosslessStringConvertible & Sendable>(
        _ long: String, valueName: String? = nil, help: String, as type: T.Type, _ set: @escaping @Sendable (inout Root, T) -> Void
    ) -> CommandLineOption {
        CommandLineOption(
            long: long, short: nil, help: help, valueName: valueName,
            store: .value { root, text in
                guard let number = T(text) else { return false }
                set(&root, number)
                return true
            })
    }

    /// The table of `options` by every spelling.
    static func bySpelling(_ options: [CommandLineOption]) -> [String: CommandLineOption] {
        var table: [String: CommandLineOption] = [:]
        for option in options { for spelling in option.spellings { table[spelling] = option } }
        return table
    }
}

/// One option `exec` and `run` share.
typealias SharedOption = CommandLineOption<SharedSettings>

/// The options of ``RuntimeOptions`` and ``RehearsalFlags`` as plain values: what a ``SharedOption`` writes into.
struct SharedSettings: Equatable, Sendable {
    /// The Lua-run options.
    var runtime = RuntimeSettings()
    /// `--sandbox` and its companions.
    var rehearsal = RehearsalSettings()
}
