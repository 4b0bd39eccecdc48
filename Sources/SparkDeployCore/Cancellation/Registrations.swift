/// Callbacks kept in the order they were added, each removable by the id it was given: a token's
/// cancellation observers, the process's exit hooks.
///
/// An array, not a dictionary keyed by id: the bodies are wanted in registration order, there are
/// a handful at a time, and at start-up each new dictionary key type costs a scan of every
/// protocol-conformance record in the binary (Benchmarks/README.md, section 1).
public struct Registrations<Body> {
    private var entries: [(id: UInt64, body: Body)] = []
    private var nextID: UInt64 = 0

    /// Creates an empty list.
    public init() {}

    /// Adds `body` last; returns its id for ``remove(_:)``.
    public mutating func add(_ body: Body) -> UInt64 {
        defer { nextID += 1 }
        entries.append((nextID, body))
        return nextID
    }

    /// Forgets the body added under `id` (nothing when it is gone already).
    public mutating func remove(_ id: UInt64) {
        if let index = entries.firstIndex(where: { $0.id == id }) { entries.remove(at: index) }
    }

    /// Every body, in the order added.
    public var bodies: [Body] { entries.map(\.body) }

    /// How many are registered.
    public var count: Int { entries.count }

    /// Forgets them all and returns them, in the order added.
    public mutating func removeAll() -> [Body] {
        defer { entries = [] }
        return bodies
    }
}

extension Registrations: Sendable where Body: Sendable {}
