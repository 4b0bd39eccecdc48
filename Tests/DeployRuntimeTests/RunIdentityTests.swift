import DeployRuntime
import Foundation
import Testing

/// A run's deploy id names it in leases, journals and YARN tags: UTC time, then 6 random hex digits, lowercase.
@Suite("Run identity")
struct RunIdentityTests {
    @Test("the deploy id is the UTC time and 6 lowercase hex digits; the tag prefixes it")
    func deployID() throws {
        // 2026-12-05T00:35:12Z
        let identity = RunIdentity(recipe: "r", paramsDigest: "d", now: Date(timeIntervalSince1970: 1_796_430_912))
        let parts = identity.deployID.split(separator: "-")
        #expect(parts.count == 2)
        #expect(parts.first == "20261205t003512z", "\(identity.deployID)")
        #expect(parts.last?.count == 6 && parts.last?.allSatisfy { $0.isHexDigit && !$0.isUppercase } == true, "\(identity.deployID)")
        #expect(identity.tag == "sparkdeploy-" + identity.deployID)
        #expect(RunIdentity(recipe: "r", paramsDigest: "d", now: Date(timeIntervalSince1970: 0)).deployID.hasPrefix("19700101t000000z-"))
    }

    @Test("the params digest ignores a secret's value and changes with any other value")
    func digest() {
        let a = RunIdentity.digest(of: ["jar": .string("s3://a.jar"), "token": .string("one")], secret: ["token"])
        let b = RunIdentity.digest(of: ["jar": .string("s3://a.jar"), "token": .string("two")], secret: ["token"])
        let c = RunIdentity.digest(of: ["jar": .string("s3://b.jar"), "token": .string("one")], secret: ["token"])
        #expect(a == b && a != c && a.count == 16)
        // No params (exec, param-less recipes): SHA-256 of nothing, e3b0c442 98fc1c14 9afbf4c8…, not hashed at run time.
        #expect(RunIdentity.digest(of: [:], secret: []) == "e3b0c44298fc1c14")
    }
}
