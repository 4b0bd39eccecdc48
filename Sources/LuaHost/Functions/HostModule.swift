/// How a host function's body hands back its results.
public enum HostImplementation {
    /// Any number of values.
    case values(HostBody)
    /// Exactly one value, pushed without building an array (the common case, and the cheapest call).
    case value(HostValueBody)
}

/// A host function: its signature (the single source for checks and docs) and its body.
public struct HostFunction {
    /// The signature.
    public var spec: FunctionSpec
    /// The body; nil for documentation-only entries (functions the Lua prelude defines).
    public var implementation: HostImplementation?

    /// The body as one returning any number of values (nil for documentation-only entries).
    public var body: HostBody? {
        switch implementation {
        case .values(let body): return body
        case .value(let body): return { call in .one(try body(call)) }
        case nil: return nil
        }
    }

    /// Creates a host function returning any number of values.
    public init(_ spec: FunctionSpec, body: HostBody?) {
        self.spec = spec
        self.implementation = body.map(HostImplementation.values)
    }

    /// Creates a host function returning exactly one value.
    public init(_ spec: FunctionSpec, value: @escaping HostValueBody) {
        self.spec = spec
        self.implementation = .value(value)
    }
}

/// A class of host objects (`RM`): instances are tables with methods from a metatable.
public struct ClassSpec: Sendable, Equatable {
    /// The class name.
    public var name: String
    /// One line of documentation.
    public var doc: String
    /// Data fields an instance carries.
    public var fields: [FieldSpec]

    /// Creates a class.
    public init(_ name: String, doc: String, fields: [FieldSpec] = []) {
        self.name = name
        self.doc = doc
        self.fields = fields
    }
}

/// A Lua module (`yarn`, `emr`) or the global functions (`_G`): functions, classes and record types.
public struct HostModule {
    /// The module name (`_G` for globals).
    public var name: String
    /// A paragraph of documentation.
    public var doc: String
    /// Its functions and methods.
    public var functions: [HostFunction]
    /// Record (table shape) types it takes or returns.
    public var records: [RecordSpec]
    /// Classes of objects it returns.
    public var classes: [ClassSpec]

    /// Creates a module.
    public init(name: String, doc: String, functions: [HostFunction], records: [RecordSpec] = [], classes: [ClassSpec] = []) {
        self.name = name
        self.doc = doc
        self.functions = functions
        self.records = records
        self.classes = classes
    }
}
