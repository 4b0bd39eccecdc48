/// One parameter of a host function: the single source for checks, errors and `sparkdeploy api`.
public struct ParamSpec: Sendable, Equatable {
    /// Its name, as error messages and docs show it.
    public var name: String
    /// The accepted type.
    public var type: LuaType
    /// Whether it may be `nil` / left out.
    public var optional: Bool
    /// One line of documentation.
    public var doc: String

    /// Creates a parameter.
    public init(_ name: String, _ type: LuaType, optional: Bool = false, doc: String = "") {
        self.name = name
        self.type = type
        self.optional = optional
        self.doc = doc
    }
}

/// A field of an options table (`record`) type.
public struct FieldSpec: Sendable, Equatable {
    /// The field name.
    public var name: String
    /// Its type.
    public var type: LuaType
    /// Whether it may be left out.
    public var optional: Bool
    /// One line of documentation.
    public var doc: String

    /// Creates a field.
    public init(_ name: String, _ type: LuaType, optional: Bool = true, doc: String = "") {
        self.name = name
        self.type = type
        self.optional = optional
        self.doc = doc
    }
}

/// A named table shape: options tables and the records host functions return.
public struct RecordSpec: Sendable, Equatable {
    /// The type name (`YarnApp`, `KillOptions`).
    public var name: String
    /// One line of documentation.
    public var doc: String
    /// Its fields.
    public var fields: [FieldSpec]
    /// Whether unknown fields are refused when it is an input (catches typos like `timout`).
    public var closed: Bool

    /// Creates a record type.
    public init(_ name: String, doc: String = "", closed: Bool = true, fields: [FieldSpec]) {
        self.name = name
        self.doc = doc
        self.fields = fields
        self.closed = closed
    }
}

/// How a function is called from Lua.
public enum CallStyle: Sendable, Equatable {
    /// `module.name(...)` or a global `name(...)` when the module is `_G`.
    case function
    /// `object:name(...)` on instances of the class; `self` is argument #0.
    case method(className: String)
}

/// A host function's signature and documentation.
public struct FunctionSpec: Sendable, Equatable {
    /// The module (`yarn`, `emr`, `_G` for globals) or the class name for methods.
    public var module: String
    /// The function name.
    public var name: String
    /// How it is called.
    public var style: CallStyle
    /// Its parameters (not counting `self`).
    public var params: [ParamSpec]
    /// What it returns, as a type expression (`YarnApp|nil`).
    public var returns: String
    /// One line of documentation.
    public var doc: String
    /// Whether it changes remote state (for `--dry-run` documentation).
    public var mutates: Bool
    /// Whether this entry only documents a function defined in Lua (the prelude).
    public var documentationOnly: Bool

    /// Creates a function signature.
    public init(
        module: String, name: String, style: CallStyle = .function, params: [ParamSpec] = [],
        returns: String = "nil", doc: String, mutates: Bool = false, documentationOnly: Bool = false
    ) {
        self.module = module
        self.name = name
        self.style = style
        self.params = params
        self.returns = returns
        self.doc = doc
        self.mutates = mutates
        self.documentationOnly = documentationOnly
    }

    /// The name users see in errors and docs: `yarn.kill`, `rm:kill`, `stage`.
    public var qualifiedName: String {
        switch style {
        case .function: return module == "_G" ? name : "\(module).\(name)"
        case .method(let className):
            // How a recipe names the receiver: `rm:hold`, `spark:jobs` (an acronym is lowered whole, not `rM`).
            let receiver =
                className == className.uppercased()
                ? className.lowercased() : className.prefix(1).lowercased() + className.dropFirst()
            return "\(receiver):\(name)"
        }
    }

    /// `yarn.kill(app, opts?)`, `RM:info()`: as the docs show it, a method under its class's own name.
    public var signature: String {
        let list = params.map { $0.optional ? "\($0.name)?" : $0.name }.joined(separator: ", ")
        switch style {
        case .function: return "\(qualifiedName)(\(list))"
        case .method(let className): return "\(className):\(name)(\(list))"
        }
    }
}
