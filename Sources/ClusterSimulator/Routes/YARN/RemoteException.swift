import Hummingbird

/// A YARN web-service error in the RM's JSON shape:
/// `{"RemoteException":{"exception":…,"message":…,"javaClassName":…}}`.
struct RemoteException: Error, Sendable {
    var status: HTTPResponse.Status
    var exception: String
    var message: String
    var javaClassName: String

    /// 400 BadRequestException; the message is wrapped like the RM does (`java.lang.Exception: …`).
    static func badRequest(_ message: String, cause: String = "java.lang.Exception") -> RemoteException {
        RemoteException(
            status: .badRequest, exception: "BadRequestException", message: "\(cause): \(message)",
            javaClassName: "org.apache.hadoop.yarn.webapp.BadRequestException")
    }

    /// 404 NotFoundException.
    static func notFound(_ message: String) -> RemoteException {
        RemoteException(
            status: .notFound, exception: "NotFoundException", message: "java.lang.Exception: \(message)",
            javaClassName: "org.apache.hadoop.yarn.webapp.NotFoundException")
    }

    /// 404 for an unknown app id.
    static func appNotFound(_ id: String) -> RemoteException { .notFound("app with id: \(id) not found") }

    /// 400 IllegalArgumentException (raised unwrapped, e.g. by `FinalApplicationStatus.valueOf`).
    static func illegalArgument(_ message: String) -> RemoteException {
        RemoteException(
            status: .badRequest, exception: "IllegalArgumentException", message: message,
            javaClassName: "java.lang.IllegalArgumentException")
    }

    var response: Response {
        Responses.json(
            status,
            .object([
                (
                    "RemoteException",
                    .object([
                        ("exception", .string(exception)), ("message", .string(message)), ("javaClassName", .string(javaClassName)),
                    ])
                )
            ]))
    }
}
