import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A scriptable HTTP server on 127.0.0.1 (port 0) for one test: every request is recorded and answered
/// by `handler`. Used as a fake IMDS, ECS container endpoint, or AWS JSON endpoint.
final class TestServer: Sendable {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var headers: Headers
        var body: String
    }
    /// Request headers, looked up case-insensitively.
    struct Headers: Sendable {
        var storage: [String: String] = [:]
        subscript(name: String) -> String? { storage[name.lowercased()] }
    }
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String] = [:]
        var body: String = ""
    }

    let port: Int
    private let task: Task<Void, Never>
    private let log: RecordBox

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Recorded] { log.items.withLock { $0 } }

    private init(port: Int, task: Task<Void, Never>, log: RecordBox) {
        self.port = port
        self.task = task
        self.log = log
    }

    static func start(_ handler: @escaping @Sendable (Recorded, Int) async -> Reply) async throws -> TestServer {
        let recorded = RecordBox()
        let box = LogBox()
        let ready = ReadyBox()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers = Headers()
            for field in request.headers { headers.storage[field.name.canonicalName.lowercased()] = field.value }
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let entry = Recorded(
                method: request.method.rawValue, path: request.uri.path, headers: headers,
                body: String(buffer: buffer))
            let index = box.append(entry)
            recorded.items.withLock { $0.append(entry) }
            let reply = await handler(entry, index)
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                if let key = HTTPFields.Element.Name(name) { fields[key] = value }
            }
            return Response(
                status: .init(code: reply.status), headers: fields,
                body: .init(byteBuffer: ByteBuffer(string: reply.body)))
        }
        var logger = Logger(label: "test-server")
        logger.logLevel = .error
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                ready.slot.withLock { $0.take() }?.resume(returning: channel.localAddress?.port ?? 0)
            }, logger: logger)
        let holder = Mutex<Task<Void, Never>?>(nil)
        let port: Int = try await withCheckedThrowingContinuation { continuation in
            ready.slot.withLock { $0 = continuation }
            let task = Task {
                do { try await app.run() } catch {
                    ready.slot.withLock { $0.take() }?.resume(throwing: error)
                }
            }
            holder.withLock { $0 = task }
        }
        guard let task = holder.withLock({ $0 }) else { throw CancellationError() }
        return TestServer(port: port, task: task, log: recorded)
    }

    func stop() async {
        task.cancel()
        await task.value
    }

    final class ReadyBox: Sendable {
        let slot = Mutex<CheckedContinuation<Int, any Error>?>(nil)
    }

    final class RecordBox: Sendable {
        let items = Mutex<[Recorded]>([])
    }

    /// Counts requests in arrival order (the handler's second argument, 0-based).
    private final class LogBox: Sendable {
        let count = Mutex(0)
        func append(_ entry: Recorded) -> Int {
            count.withLock { value in
                defer { value += 1 }
                return value
            }
        }
    }
}
