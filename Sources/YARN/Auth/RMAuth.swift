import Foundation
import SparkDeployCore

/// How requests authenticate to the ResourceManager (or to a Knox gateway in front of it).
public enum RMAuth: Sendable, Hashable {
    /// No credentials: the RM's static user (`dr.who`).
    case anonymous
    /// Hadoop simple auth: `?user.name=U` (and `doAs=` to impersonate); the `hadoop.auth` cookie is kept.
    case simple(user: String, doAs: String? = nil)
    /// HTTP Basic, as a Knox gateway expects.
    case basic(user: String, password: String)
    /// A Hadoop delegation token, sent as `X-Hadoop-Delegation-Token`.
    case delegationToken(String)

    /// Query parameters this auth adds to every request.
    var queryItems: [(name: String, value: String)] {
        switch self {
        case .simple(let user, let doAs):
            return [("user.name", user)] + (doAs.map { [("doAs", $0)] } ?? [])
        default:
            return []
        }
    }

    /// Headers this auth adds to every request.
    var headers: [(name: String, value: String)] {
        switch self {
        case .basic(let user, let password):
            let token = Data("\(user):\(password)".utf8).base64EncodedString()
            return [("Authorization", "Basic " + token)]
        case .delegationToken(let token):
            return [("X-Hadoop-Delegation-Token", token)]
        case .anonymous, .simple:
            return []
        }
    }

    /// Registers every secret of this auth with the process-wide redactor.
    func registerSecrets() {
        switch self {
        case .basic(let user, let password):
            Redactor.shared.register(secret: password)
            Redactor.shared.register(secret: Data("\(user):\(password)".utf8).base64EncodedString())
        case .delegationToken(let token):
            Redactor.shared.register(secret: token)
        case .anonymous, .simple:
            break
        }
    }

    /// A label safe to log (`"basic(user: alice)"`), never a secret.
    public var label: String {
        switch self {
        case .anonymous: return "anonymous"
        case .simple(let user, let doAs): return "simple(user: \(user)" + (doAs.map { ", doAs: \($0)" } ?? "") + ")"
        case .basic(let user, _): return "basic(user: \(user))"
        case .delegationToken: return "delegationToken"
        }
    }
}
