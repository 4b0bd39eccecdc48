import Hummingbird

extension SimEngine {
    /// Serves a NodeManager's `GET /ws/v1/node/containerlogs/{containerId}/{file}` (Hadoop 3) for the AM
    /// containers of every app: `size=-N` is the last N bytes, `size=N` the first N, none the whole file;
    /// `text/plain`. Unknown containers and files answer NMWebServices' 404 `NotFoundException`.
    func nodeManager(_ call: YARNCall) -> Response {
        let parts = call.path.split(separator: "/").map(String.init)
        guard parts.count == 6, parts[3] == "containerlogs", call.method == .get || call.method == .head else {
            return RemoteException.notFound("Path \(call.path) not found").response
        }
        let containerId = parts[4]
        let fileName = parts[5]
        guard let (appId, attemptNumber) = Self.amContainerOwner(containerId) else {
            return RemoteException.badRequest("Invalid ContainerId: \(containerId)", cause: "java.lang.IllegalArgumentException")
                .response
        }
        var size: Int64?
        if let raw = call.query.first(where: { $0.0 == "size" })?.1, !raw.isEmpty {
            guard let parsed = Int64(raw) else { return Responses.text(.internalServerError, "For input string: \"\(raw)\"") }
            size = parsed
        }
        let text: String? = withState { core, _ in
            guard let app = core.model.apps[appId], let attempt = app.attempts.first(where: { $0.number == attemptNumber }),
                IDs.amContainer(appId: appId, attempt: attemptNumber) == containerId
            else { return nil }
            return ContainerLogs.file(fileName, app: app, attempt: attempt, batchSeconds: core.model.scenario.sparkBatchSeconds)
                ?? ""
        }
        guard let text else { return RemoteException.notFound("Container \(containerId) does not exist.").response }
        guard ContainerLogs.files.contains(fileName) else {
            return RemoteException.notFound("Cannot find this log on the local disk.").response
        }
        let bytes = Array(text.utf8)
        let body: ArraySlice<UInt8>
        switch size {
        case .none: body = bytes[...]
        case .some(let n) where n < 0: body = bytes.suffix(Int(min(n.magnitude, UInt64(bytes.count))))
        case .some(let n): body = bytes.prefix(Int(min(n, Int64(bytes.count))))
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The app id and attempt number of an AM container id (`container_<ts>_<seq>_<attempt>_000001`), or nil
    /// when the id is not a container id.
    static func amContainerOwner(_ containerId: String) -> (appId: String, attempt: Int)? {
        let parts = containerId.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "container",
            parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
            let attempt = Int(parts[3])
        else { return nil }
        return ("application_\(parts[1])_\(parts[2])", attempt)
    }
}
