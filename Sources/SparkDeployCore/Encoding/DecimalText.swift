/// Numbers as the text logs and summaries show, without `String(format:)`: its `CVarArg` casts
/// scan every protocol-conformance record in the binary the first time they run, 1.6 M of the
/// 19 M instructions `sparkdeploy run hello` took, for one stage duration.
public enum DecimalText {
    /// `value` with `digits` decimals (0 to 9), rounded to nearest, as `%.Nf` prints it (`1.50`, `-0.25`, `nan`).
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
        let digits = min(max(digits, 0), 9)
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrEven)
        guard scaled < 9.0e15 else { return String(value) }  // beyond exact integers: no duration is this long
        let units = UInt64(scaled)
        let sign = value.sign == .minus ? "-" : ""
        guard digits > 0 else { return sign + String(units) }
        return sign + String(units / scale) + "." + padded(Int(units % scale), width: digits)
    }

    /// `value` with leading zeros to at least `width` digits, as `%0Nd` prints it (`07`, `-05`).
    public static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count - (value < 0 ? 1 : 0)))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
