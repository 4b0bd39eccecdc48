import Crypto

/// S3's ETag of a single-part upload: the quoted lower-case hex MD5 of the body.
enum S3ETag {
    /// `"9b2cf535f27731c974343645a3985328"` for `body`.
    static func of(_ body: [UInt8]) -> String {
        let digest = Insecure.MD5.hash(data: body)
        return "\""
            + digest.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined() + "\""
    }
}
