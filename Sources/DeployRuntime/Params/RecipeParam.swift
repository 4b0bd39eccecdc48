import LuaHost

/// One parameter a recipe declares in `recipe{ params = { … } }`.
public struct RecipeParam: Sendable, Equatable {
    /// The value type a parameter accepts from `-p key=value`.
    public enum Kind: String, Sendable, CaseIterable {
        /// Text, as given.
        case string
        /// A number (`60`, `2.5`).
        case number
        /// A whole number.
        case integer
        /// `true/false`, `yes/no`, `1/0`, `on/off`.
        case boolean
        /// A comma-separated list of strings.
        case list
    }

    /// The name (`-p name=…`).
    public var name: String
    /// Its type.
    public var kind: Kind
    /// Whether a value must be given (a default satisfies it).
    public var required: Bool
    /// The value when none is given.
    public var defaultValue: LuaValue?
    /// One line of help.
    public var help: String
    /// Allowed values, if limited.
    public var choices: [String]?
    /// Whether the value is a secret: redacted from every log, error and summary.
    public var secret: Bool
    /// Limits on the value (`min`, `max`, `nonempty`, `pattern`).
    public var rules = ParamRules()

    /// Creates a parameter.
    public init(
        name: String, kind: Kind = .string, required: Bool = false, defaultValue: LuaValue? = nil, help: String = "",
        choices: [String]? = nil, secret: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.help = help
        self.choices = choices
        self.secret = secret
    }
}

/// What `recipe{}` declares: the single source for `list`, `describe`, `check` and param validation.
public struct RecipeMetadata: Sendable, Equatable {
    /// The recipe name (file name without `.lua`).
    public var name: String
    /// The file, relative to the working directory (as errors show it).
    public var path: String
    /// One paragraph.
    public var description: String
    /// Its parameters, sorted by name.
    public var params: [RecipeParam]
    /// Optional default deadline in seconds (`--timeout` overrides).
    public var timeout: Double?

    /// Creates metadata.
    public init(name: String, path: String, description: String, params: [RecipeParam], timeout: Double? = nil) {
        self.name = name
        self.path = path
        self.description = description
        self.params = params
        self.timeout = timeout
    }
}
