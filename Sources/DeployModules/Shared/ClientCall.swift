import DeployRuntime
import LuaHost
import SparkDeployCore

/// How a module's Lua functions call an async client: on the run's thread, blocking it, with the
/// client's errors turned into recipe-facing ``HostError``s. The one implementation behind every
/// module session's `run` and `waiting`.
enum ClientCall {
    /// Runs `work` on the run's thread, blocking it; an error that `hostError` maps is thrown as
    /// what it maps to, any other (nil) as it is. Without a run context it fails, naming `what`.
    static func run<T: Sendable>(
        _ what: String, context: RunContext?, mapping hostError: (any Error) -> HostError?,
        _ work: @escaping @Sendable () async throws -> T
    ) throws -> T {
        guard let context else { throw HostError(kind: .failed, message: "\(what): no run context") }
        do {
            return try context.await(what, work)
        } catch {
            throw hostError(error) ?? error
        }
    }

    /// ``run(_:context:mapping:_:)`` for a long wait: a live status line and a heartbeat
    /// (``WaitReporter``) while it lasts, fed by the waiter's polls through ``WaitObserver``.
    static func waiting<T: Sendable>(
        _ what: String, context: RunContext?, status: @escaping @Sendable (WaitReporter.Snapshot) -> String,
        mapping hostError: (any Error) -> HostError?, _ work: @escaping @Sendable () async throws -> T
    ) throws -> T {
        let reporter = WaitReporter.start(context, render: status)
        defer { reporter?.stop() }
        let observe = reporter?.observe
        return try run(what, context: context, mapping: hostError) {
            try await WaitObserver.$current.withValue(observe.map(WaitObserver.Callback.init)) { try await work() }
        }
    }
}

/// A module's per-run session whose functions call one kind of client; its `run` and `waiting` are
/// ``ClientCall``'s, with the client's errors mapped by ``hostError(_:)``.
protocol ClientSession: AnyObject {
    /// The run the session belongs to; nil once it has ended (or outside a run).
    var context: RunContext? { get }

    /// The recipe-facing form of a client error; nil for an error to pass on as it is.
    static func hostError(_ error: any Error) -> HostError?
}

extension ClientSession {
    /// Runs a client call on the run's thread, blocking it; maps its errors for Lua.
    func run<T: Sendable>(_ what: String, _ work: @escaping @Sendable () async throws -> T) throws -> T {
        try ClientCall.run(what, context: context, mapping: Self.hostError, work)
    }

    /// ``run(_:_:)`` for a long wait: a live status line and a heartbeat (``WaitReporter``) while it lasts.
    func waiting<T: Sendable>(
        _ what: String, status: @escaping @Sendable (WaitReporter.Snapshot) -> String,
        _ work: @escaping @Sendable () async throws -> T
    ) throws -> T {
        try ClientCall.waiting(what, context: context, status: status, mapping: Self.hostError, work)
    }
}
