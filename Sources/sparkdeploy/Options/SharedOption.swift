import ArgumentParser

/// One option `exec` and `run` share (``RuntimeOptions``, ``RehearsalFlags``), declared once: its spellings,
/// its help, and how a given value lands in ``SharedSettings``.
///
/// ArgumentParser's declarations take their names and help from here, and the start-up fast path
/// (``QuickCommandLine``) reads command lines with this table alone, so the two cannot drift apart
/// (CLITests/QuickCommandLineTests checks every entry both ways).
struct SharedOption: Sendable {
    /// How the option is spelled on the command line and what it stores.
    enum Store: Sendable {
        /// `--name`: at most once, without a value.
        case flag(@Sendable (inout SharedSettings) -> Void)
        /// `-v`, `-vv`, `--verbose`: repeatable, each occurrence counts.
        case counter(@Sendable (inout SharedSettings, Int) -> Void)
        /// `--name` or `--no-name`, one of them at most once.
        case invertible(@Sendable (inout SharedSettings, Bool) -> Void)
        /// `--name value` or `--name=value`, at most once; false when the text is not a value of the option's type.
        case value(@Sendable (inout SharedSettings, String) -> Bool)
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

    /// Every spelling the fast path accepts for this option (`--no-` forms and `-vv…` included).
    var spellings: [String] {
        var all = [long]
        if case .invertible = store { all.append("no-" + long) }
        if let short { all.append("-\(short)") }
        return all
    }
}

/// The options of ``RuntimeOptions`` and ``RehearsalFlags`` as plain values: what one ``SharedOption`` writes into.
struct SharedSettings: Equatable, Sendable {
    /// The Lua-run options.
    var runtime = RuntimeSettings()
    /// `--sandbox` and its companions.
    var rehearsal = RehearsalSettings()
}

extension SharedOption {
    /// A flag that sets `path` to true.
    static func flag(_ long: String, short: Character? = nil, help: String,
                     _ path: any WritableKeyPath<SharedSettings, Bool> & Sendable) -> SharedOption {
        SharedOption(long: long, short: short, help: help, valueName: nil, store: .flag { $0[keyPath: path] = true })
    }

    /// A text value.
    static func text(_ long: String, valueName: String? = nil, help: String,
                     _ path: any WritableKeyPath<SharedSettings, String?> & Sendable) -> SharedOption {
        SharedOption(long: long, short: nil, help: help, valueName: valueName,
                     store: .value { settings, text in settings[keyPath: path] = text; return true })
    }

    /// A number (read as ArgumentParser reads it: `T(text)`), stored in an optional.
    static func number<T: LosslessStringConvertible & Sendable>(
        _ long: String, valueName: String? = nil, help: String, _ path: any WritableKeyPath<SharedSettings, T?> & Sendable
    ) -> SharedOption {
        SharedOption(long: long, short: nil, help: help, valueName: valueName, store: .value { settings, text in
            guard let number = T(text) else { return false }
            settings[keyPath: path] = number
            return true
        })
    }

    /// A number with a default (read as ArgumentParser reads it: `T(text)`).
    static func number<T: LosslessStringConvertible & Sendable>(
        _ long: String, valueName: String? = nil, help: String, _ path: any WritableKeyPath<SharedSettings, T> & Sendable
    ) -> SharedOption {
        SharedOption(long: long, short: nil, help: help, valueName: valueName, store: .value { settings, text in
            guard let number = T(text) else { return false }
            settings[keyPath: path] = number
            return true
        })
    }
}
