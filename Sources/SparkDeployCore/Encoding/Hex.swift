/// Lower-case hexadecimal, without `String(format:)` (whose `CVarArg` casts cost a scan of every
/// protocol conformance in the binary the first time, at every start-up).
public enum Hex {
    /// `bytes` as lower-case hex digits, two per byte.
    @inlinable  // specialized where it is called: the generic body looks up associated types at run time
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
