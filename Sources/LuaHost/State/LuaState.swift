import CLuaShim
import Foundation
import Synchronization

/// The body of a host function: receives checked arguments, returns results or throws.
/// It runs on the Lua thread and cannot raise a Lua error: whatever it throws becomes a
/// Lua error raised by C after it returns: a ``HostError`` as it is (clients' errors are mapped to one by
/// the module that called them, e.g. DeployModules' `HostError(yarn:)` and `HostError(emr:operation:)`),
/// a ``LuaError`` by its kind, anything else as a `failed` error naming the function.
public typealias HostBody = (HostCall) throws -> HostResults

/// The body of a host function that returns exactly one value (see ``HostBody``).
public typealias HostValueBody = (HostCall) throws -> LuaValue

/// Owns one `lua_State` and confines it to the thread that created it.
///
/// Every entry into Lua is protected (`lua_pcall` with a traceback handler); host functions are
/// called through the C trampoline, which raises only after Swift has returned; values are
/// pushed with the memory cap lifted, so no allocation failure can unwind a Swift frame.
public final class LuaState {
    /// A process-unique id (function references name the state they belong to).
    public let id: UInt64
    let L: OpaquePointer
    private let owner: pthread_t
    var functions: [HostEntry] = []
    var records: [String: RecordSpec] = [:]
    var classes: Set<String> = []
    /// A thread-safe handle to cancel this state from another thread (signal handler, timer).
    public let canceller: LuaCanceller
    /// Receives Lua warnings (`warn()` and errors in `__gc` finalizers).
    public var warningHandler: ((String) -> Void)?

    private static let nextID = Atomic<UInt64>(1)
    static let modulesKey = "sparkdeploy.modules"
    static let errorMetatableKey = "sparkdeploy.error"

    /// Creates a state with the standard libraries loaded (the sandbox is built on top by
    /// ``Sandbox``), capped at `memoryLimit` bytes (nil: no cap).
    public init(memoryLimit: Int? = nil, cancelCheckInterval: Int32 = 1000) throws(LuaError) {
        LuaState.installDispatcherOnce
        guard let L = sd_newstate(memoryLimit.map { size_t(max(0, $0)) } ?? 0) else {
            throw LuaError(kind: .memory, message: "could not create a Lua state")
        }
        self.L = L
        self.id = LuaState.nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.owner = pthread_self()
        self.canceller = LuaCanceller(L)
        sd_extraspace(L).storeBytes(of: Unmanaged.passUnretained(self).toOpaque(), as: UnsafeMutableRawPointer.self)
        let status = sd_openlibs(L)
        guard status == LUA_OK else {
            sd_close(L)
            throw LuaError(kind: .memory, message: "could not open the Lua standard libraries (status \(status))")
        }
        uncapped {
            // Tables the host keeps in the registry: modules by name, the error metatable.
            sd_newtable(L)
            lua_setfield(L, sd_registryindex(), LuaState.modulesKey)
            _ = luaL_newmetatable(L, LuaState.errorMetatableKey)
            lua_pushstring(L, "sparkdeploy.error")
            lua_setfield(L, -2, "__metatable")
            sd_pop(L, 1)
            sd_push_check_cancel(L)
            lua_setfield(L, sd_registryindex(), "sparkdeploy.check_cancel")
        }
        sd_install_cancel_hook(L, cancelCheckInterval)
    }

    deinit {
        canceller.invalidate()
        sd_close(L)
    }

    /// Fails loudly when used off its thread (a programming error, never external input).
    func checkThread() {
        precondition(pthread_equal(pthread_self(), owner) != 0, "a LuaState was used off the thread that created it")
    }

    /// Runs `body` with the memory cap lifted (pushing values must never fail mid-Swift).
    func uncapped<T>(_ body: () throws(LuaError) -> T) throws(LuaError) -> T {
        sd_begin_uncapped(L)
        defer { sd_end_uncapped(L) }
        return try body()
    }

    /// Non-throwing form of ``uncapped(_:)``.
    func uncapped<T>(_ body: () -> T) -> T {
        sd_begin_uncapped(L)
        defer { sd_end_uncapped(L) }
        return body()
    }

    /// Lets the state run code again after a cancellation: an epilogue (say, describing what
    /// runs now after a deadline) that the caller bounds with a budget of its own, cancelling
    /// through ``canceller`` again when it is spent. Call it on the state's thread, between calls.
    public func clearCancellation() {
        checkThread()
        sd_clear_cancel(L)
    }

    /// Bytes currently allocated by Lua.
    public var memoryUsed: Int { Int(sd_memory_used(L)) }
    /// The cap in bytes (0: none).
    public var memoryLimit: Int { Int(sd_memory_limit(L)) }

    private static let installDispatcherOnce: Void = {
        sd_set_dispatcher(luaHostDispatch, luaHostWarning)
    }()

    /// The LuaState owning `L` (any thread of it), from the state's extra space.
    static func owner(of L: OpaquePointer) -> LuaState {
        unretainedOwner(of: L).takeUnretainedValue()
    }

    /// The same, not yet retained (a host call borrows it for its duration).
    static func unretainedOwner(of L: OpaquePointer) -> Unmanaged<LuaState> {
        Unmanaged<LuaState>.fromOpaque(sd_extraspace(L).load(as: UnsafeMutableRawPointer.self))
    }
}

/// A registered host function, held by reference so that a call copies nothing; the closure
/// Lua calls carries a pointer to it.
final class HostEntry {
    let spec: FunctionSpec
    /// Whether the body returns exactly one value (``valueBody``) rather than a list (``valuesBody``).
    let returnsOneValue: Bool
    // The body, in the field its form calls (the other holds a stub). Calling a closure stored in a
    // field borrows it; taking it out of an enum case retained and released it on every call.
    let valueBody: HostValueBody
    let valuesBody: HostBody
    /// A plain function without parameters: nothing to check.
    let isNullary: Bool
    /// `spec.params.count`.
    let paramCount: Int
    /// For methods, the class `self` must be.
    let methodClass: String?
    /// Per parameter, what a call's check needs, without copying the spec (its strings and
    /// boxed types would be retained and released on every call).
    let checks: [ParamCheck]

    /// The part of a parameter's type a call checks without touching ``LuaType``.
    enum QuickType: UInt8 {
        case any, string, number, integer, boolean, table, function
        /// Arrays, records, objects, unions: checked against the full ``LuaType``.
        case detailed
    }

    /// One parameter's check (plain values, nothing to retain).
    struct ParamCheck {
        let quick: QuickType
        let optional: Bool
    }

    init(spec: FunctionSpec, implementation: HostImplementation) {
        self.spec = spec
        switch implementation {
        case .value(let body):
            (returnsOneValue, valueBody, valuesBody) = (true, body, { _ in [] })
        case .values(let body):
            (returnsOneValue, valueBody, valuesBody) = (false, { _ in .nil }, body)
        }
        self.isNullary = spec.params.isEmpty && spec.style == .function
        self.paramCount = spec.params.count
        if case .method(let className) = spec.style { methodClass = className } else { methodClass = nil }
        self.checks = spec.params.map { param in
            let quick: QuickType
            switch param.type {
            case .any: quick = .any
            case .string: quick = .string
            case .number: quick = .number
            case .integer: quick = .integer
            case .boolean: quick = .boolean
            case .table: quick = .table
            case .function: quick = .function
            case .array, .record, .object, .oneOf: quick = .detailed
            }
            return ParamCheck(quick: quick, optional: param.optional)
        }
    }
}

/// Cancels a ``LuaState`` from any thread: the next count hook or host call raises `message`.
public final class LuaCanceller: Sendable {
    // The lua_State address; 0 once the state is closed. Only the cancel flag is touched.
    private let address: Mutex<UInt>

    init(_ L: OpaquePointer) { address = Mutex(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(L)))) }

    /// Requests cancellation; Lua code stops at its next safe point (a few instructions).
    public func cancel(message: String) {
        address.withLock { raw in
            guard let L = OpaquePointer(bitPattern: raw) else { return }
            message.withCString { sd_request_cancel(L, $0) }
        }
    }

    func invalidate() { address.withLock { $0 = 0 } }
}

/// The trampoline's Swift half: never raises, returns a status for C to act on.
private let luaHostDispatch: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = { L, entry in
    guard let L, let entry else { return SD_RAISE_WHERE }
    // Borrowed, not retained: the state lives while Lua runs on it, and its `functions` array
    // keeps every entry alive for as long as Lua can call it.
    return LuaState.unretainedOwner(of: L)._withUnsafeGuaranteedRef { state in
        Unmanaged<HostEntry>.fromOpaque(entry)._withUnsafeGuaranteedRef { entry in state.dispatch(L, entry: entry) }
    }
}

private let luaHostWarning: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Void = { L, message in
    guard let L, let message else { return }
    LuaState.owner(of: L).warningHandler?(String(cString: message))
}
