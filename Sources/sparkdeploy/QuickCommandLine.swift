/// The start-up fast path: reads the everyday forms of `exec` and `run` without ArgumentParser.
///
/// ArgumentParser builds its model of a command by reflection the first time it parses, and in a binary
/// that links Foundation, NIO and the simulator each first protocol-conformance lookup scans every
/// conformance record: 27 M of the 42 M instructions `sparkdeploy exec -e 'return 1'` took, and most of
/// the distance to the bare interpreter (Benchmarks/README.md, section 1).
///
/// This parser accepts only command lines whose meaning is certain: known options, each single-valued
/// option and each flag at most once, values that do not begin with `-`, nothing after `--`. On
/// anything else (help, `--version`, a typo, a value ArgumentParser would refuse, a request that fails
/// validation) it returns nil and ArgumentParser parses the same arguments and reports as it always
/// does. CLITests/QuickCommandLineTests parses thousands of command lines both ways and requires the
/// same request whenever this one accepts.
enum QuickCommandLine {
    /// A command line this parser understood.
    enum Invocation: Equatable {
        /// `sparkdeploy exec …`
        case exec(ExecRequest)
        /// `sparkdeploy run …`
        case run(RunRequest)

        /// Runs it; exits with its code.
        func execute() -> Never {
            switch self {
            case .exec(let request): request.execute()
            case .run(let request): request.execute()
            }
        }
    }

    /// The invocation `arguments` (without the program name) spell, or nil when ArgumentParser must decide.
    static func parse(_ arguments: [String]) -> Invocation? {
        guard let command = arguments.first else { return nil }
        var reader = TokenReader(arguments.dropFirst())
        switch command {
        case "exec":
            var request = ExecRequest()
            let complete = reader.read(into: &request, options: ExecOptions.ownBySpelling, shared: \.shared) { request, value in
                request.arguments.append(value)
                return true
            }
            guard complete, request.problem == nil else { return nil }
            return .exec(request)
        case "run":
            var named = false
            var request = RunRequest(name: "")
            let complete = reader.read(into: &request, options: RunOptions.ownBySpelling, shared: \.shared) { request, value in
                guard !named else { return false }  // one recipe name; ArgumentParser decides the rest
                named = true
                request.name = value
                return true
            }
            guard complete, named, request.problem == nil else { return nil }
            return .run(request)
        default:
            return nil
        }
    }
}

/// Splits command-line tokens into options and positionals, remembering which options were seen.
private struct TokenReader {
    /// One token: an option (named `name` for `--name[=value]`, `-x` for `-x`), or a positional:
    /// anything not starting with `-`.
    enum Token {
        case option(name: String, inline: String?)
        case positional(String)
    }

    private var tokens: ArraySlice<String>
    private var seen: Set<String> = []
    /// Set when a token is outside this parser's grammar.
    private(set) var failed = false

    init(_ tokens: ArraySlice<String>) { self.tokens = tokens }

    /// The next token, or nil at the end (or on a token this parser does not read: then `failed`).
    mutating func next() -> Token? {
        guard !failed, let token = tokens.popFirst() else { return nil }
        let utf8 = token.utf8
        guard utf8.first == UInt8(ascii: "-") else { return .positional(token) }
        if utf8.starts(with: "--".utf8) {
            let body = token.dropFirst(2)
            guard !body.isEmpty else { failed = true; return nil }  // `--`: ArgumentParser's terminator
            if let equals = body.firstIndex(of: "=") {
                return .option(name: String(body[..<equals]), inline: String(body[body.index(after: equals)...]))
            }
            return .option(name: String(body), inline: nil)
        }
        // A short option stands alone (`-e`, `-p`, `-q`, `-v`), or is `-vv…`, which counts.
        let letters = token.dropFirst()
        if letters.count == 1 || (!letters.isEmpty && letters.allSatisfy({ $0 == "v" })) {
            return .option(name: token, inline: nil)
        }
        failed = true
        return nil
    }

    /// Records `name` as given; false when it was given before (ArgumentParser decides repeats).
    mutating func once(_ name: String) -> Bool {
        seen.insert(name).inserted
    }

    /// An option's value: the inline `=value` (not empty: ArgumentParser calls `--name=` a missing value)
    /// or the next token, which must not look like an option.
    mutating func value(_ inline: String?) -> String? {
        if let inline { return inline.isEmpty || inline.utf8.first == UInt8(ascii: "-") ? nil : inline }
        guard let value = tokens.popFirst(), value.utf8.first != UInt8(ascii: "-") else { return nil }
        return value
    }

    /// A flag: given once, without a value.
    mutating func flag(_ name: String, _ inline: String?) -> Bool {
        inline == nil && once(name)
    }

    /// Reads every remaining token into `root` through `options` (the command's own, each option's one
    /// declaration) and ``SharedOptions`` (into `root`'s part at `shared`), and each positional through
    /// `positional`; false when a token or a value is not certain.
    mutating func read<Root>(
        into root: inout Root, options: [String: CommandLineOption<Root>],
        shared: WritableKeyPath<Root, SharedSettings>, positional: (inout Root, String) -> Bool
    ) -> Bool {
        while let token = next() {
            switch token {
            case .positional(let value):
                guard positional(&root, value) else { return false }
            case .option(let name, let inline):
                let read =
                    options[name] != nil
                    ? read(name, inline, into: &root, options: options)
                    : read(name, inline, into: &root[keyPath: shared], options: SharedOptions.bySpelling)
                guard read else { return false }
            }
        }
        return !failed
    }

    /// Reads option `name` (and its value) into `root`; false when it is none of `options` or its value is not certain.
    private mutating func read<Root>(
        _ name: String, _ inline: String?, into root: inout Root,
        options: [String: CommandLineOption<Root>]
    ) -> Bool {
        var repeats = 1
        var option = options[name]
        if option == nil, name.hasPrefix("-"), name.count > 2, let letter = name.dropFirst().first,
            name.dropFirst().allSatisfy({ $0 == letter })
        {
            option = options["-\(letter)"]  // `-vv…`: a counter's letter repeated
            repeats = name.count - 1
        }
        guard let option else { return false }
        switch option.store {
        case .flag(let store):
            guard repeats == 1, flag(option.long, inline) else { return false }
            store(&root)
        case .counter(let store):
            guard inline == nil else { return false }
            store(&root, repeats)
        case .invertible(let store):
            guard repeats == 1, flag(option.long, inline) else { return false }
            store(&root, name == option.long)
        case .value(let store):
            guard repeats == 1, once(option.long), let text = value(inline), store(&root, text) else { return false }
        case .repeated(let store):
            guard repeats == 1, let text = value(inline) else { return false }
            store(&root, text)
        }
        return true
    }
}
