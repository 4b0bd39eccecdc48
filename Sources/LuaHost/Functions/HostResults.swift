/// What a host function's body returns: any number of values, built from an array literal
/// (`return [app, nil]`) or from an array (`HostResults(values)`).
///
/// Small results are held inline: a body returning a literal of up to two values allocates
/// nothing (the compiler builds the case directly), which made the list path of a host call
/// as cheap as the one-value path. Larger results keep an array.
public enum HostResults: ExpressibleByArrayLiteral {
    /// No value.
    case none
    /// One value.
    case one(LuaValue)
    /// Two values (`value, err`-style pairs).
    case two(LuaValue, LuaValue)
    /// Three or more values.
    case many([LuaValue])

    /// The results of an array literal (inlined into the body, so the literal's array never exists).
    @inlinable @inline(__always)
    public init(arrayLiteral elements: LuaValue...) {
        switch elements.count {
        case 0: self = .none
        case 1: self = .one(elements[0])
        case 2: self = .two(elements[0], elements[1])
        // A copy, so the literal's own buffer does not escape and can live on the stack.
        default: self = .many(elements.map { $0 })
        }
    }

    /// The results `values`, in order.
    @inlinable
    public init(_ values: [LuaValue]) {
        switch values.count {
        case 0: self = .none
        case 1: self = .one(values[0])
        case 2: self = .two(values[0], values[1])
        default: self = .many(values)
        }
    }
}
