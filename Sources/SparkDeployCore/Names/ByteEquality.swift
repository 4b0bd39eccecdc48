extension String {
    /// Whether the two strings hold the same UTF-8 bytes — how YARN, EMR and Lua compare names.
    ///
    /// Swift's `==` compares by canonical equivalence: `"Cafe\u{301}" == "Caf\u{E9}"` is true, though
    /// the services see two different names. Every comparison that decides which app or step to kill,
    /// stop, submit or reuse uses this instead, so `-p app=Café` never matches a running `Cafe\u{301}`.
    public func hasSameBytes(as other: String) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }
}

extension Optional where Wrapped == String {
    /// ``Swift/String/hasSameBytes(as:)`` for an optional name: `nil` matches only `nil`.
    public func hasSameBytes(as other: String?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case let (a?, b?): return a.hasSameBytes(as: b)
        default: return false
        }
    }
}
