/// An EMR error in the real JSON 1.1 shape: `{"__type":"…","Message":"…"}`.
struct EMRFault: Error, Sendable {
    var type: String
    var message: String
    var status: Int = 400

    static func invalidRequest(_ message: String) -> EMRFault { EMRFault(type: "InvalidRequestException", message: message) }
    static func validation(_ message: String) -> EMRFault { EMRFault(type: "ValidationException", message: message) }
    static func invalidCluster(_ id: String) -> EMRFault { .invalidRequest("Cluster id '\(id)' is not valid.") }

    var body: JSONValue { .object([("__type", .string(type)), ("Message", .string(message))]) }
}
