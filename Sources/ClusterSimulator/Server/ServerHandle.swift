import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Why a simulator listener could not start.
public struct SimulatorStartError: Error, Sendable, CustomStringConvertible {
    /// Host the listener should have bound.
    public var host: String
    /// Port requested (0 = any).
    public var port: Int
    /// What went wrong.
    public var reason: String
    /// Human-readable summary.
    public var description: String { "simulator cannot listen on \(host):\(port): \(reason)" }
}

/// One running HTTP listener (an EMR endpoint or one RM) and the task that runs it.
final class ServerHandle: Sendable {
    let port: Int
    private let task: Task<Void, Never>

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    /// Binds `host:port` (0 = any free port) and returns once the server accepts connections.
    static func start(
        host: String, port: Int, logger: Logger,
        handler: @escaping @Sendable (Request, SimContext) async -> Response
    ) async throws -> ServerHandle {
        let ready = Box<CheckedContinuation<Int, any Error>?>(nil)
        let holder = Box<Task<Void, Never>?>(nil)
        let boundPort: Int = try await withCheckedThrowingContinuation { continuation in
            ready.value.withLock { $0 = continuation }
            let task = Task {
                let responder = CallbackResponder<SimContext> { request, context in await handler(request, context) }
                let app = Application(
                    responder: responder,
                    configuration: .init(address: .hostname(host, port: port), serverName: nil, reuseAddress: true),
                    onServerRunning: { channel in
                        let bound = channel.localAddress?.port ?? port
                        ready.value.withLock { $0.take() }?.resume(returning: bound)
                    },
                    logger: logger)
                do {
                    try await app.run()
                } catch {
                    ready.value.withLock { $0.take() }?.resume(
                        throwing: SimulatorStartError(
                            host: host, port: port, reason: "\(error)"))
                    return
                }
                ready.value.withLock { $0.take() }?.resume(
                    throwing: SimulatorStartError(
                        host: host, port: port, reason: "server stopped before it was running"))
            }
            holder.value.withLock { $0 = task }
        }
        guard let task = holder.value.withLock({ $0 }) else {
            throw SimulatorStartError(host: host, port: port, reason: "server task missing")
        }
        return ServerHandle(port: boundPort, task: task)
    }

    /// Stops accepting connections and waits for the server to shut down.
    func stop() async {
        task.cancel()
        await task.value
    }
}

/// A shared, lock-protected slot (lets escaping closures share a `Mutex`).
final class Box<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
}
