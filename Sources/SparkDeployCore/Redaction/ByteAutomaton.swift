/// An Aho–Corasick automaton over UTF-8 bytes: finds every occurrence of a set of byte patterns in
/// one left-to-right pass, in time linear in the text whatever the patterns are.
///
/// Small pattern sets (the usual case: a handful of secrets and their encodings) get a complete
/// transition table — one array load per byte; large ones (a list secret with thousands of elements)
/// keep sparse children and follow failure links, still amortised linear. With `foldingASCIICase`,
/// patterns are matched ignoring ASCII case (patterns must then be given in lower case).
struct ByteAutomaton: Sendable {
    /// A match: where it ends (exclusive), the length of the longest pattern ending there, and the
    /// union of the kinds of every pattern ending there.
    struct Match {
        let end: Int
        let longest: Int
        let kinds: UInt32
    }

    /// A complete table is built while states × byte classes stays under this many entries (16 MiB).
    private static let denseLimit = 1 << 22

    private let classOf: [Int32]
    private let classCount: Int
    private let dense: [Int32]
    private let rootNext: [Int32]
    private let firstChild: [Int32]
    private let nextSibling: [Int32]
    private let label: [Int32]
    private let fail: [Int32]
    private let longest: [Int32]
    private let kinds: [UInt32]

    /// Whether the automaton has no patterns (nothing can match).
    let isEmpty: Bool

    /// Builds the automaton for `patterns`, each with a kind bit set reported with its matches.
    init(patterns: [(bytes: [UInt8], kind: UInt32)], foldingASCIICase: Bool = false) {
        var classOf = [Int32](repeating: 0, count: 256)
        var classCount: Int32 = 1
        for pattern in patterns {
            for byte in pattern.bytes where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = classCount
                classCount += 1
            }
        }
        if foldingASCIICase {
            for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(upper)] = classOf[Int(upper | 0x20)] }
        }
        // The trie, children as first-child / next-sibling lists.
        var firstChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var label: [Int32] = [0]
        var depth: [Int32] = [0]
        var terminal: [Bool] = [false]
        var ownKinds: [UInt32] = [0]
        func child(_ node: Int32, _ cls: Int32) -> Int32 {
            var c = firstChild[Int(node)]
            while c >= 0 && label[Int(c)] != cls { c = nextSibling[Int(c)] }
            return c
        }
        for pattern in patterns where !pattern.bytes.isEmpty {
            var node: Int32 = 0
            for byte in pattern.bytes {
                let cls = classOf[Int(byte)]
                var next = child(node, cls)
                if next < 0 {
                    next = Int32(label.count)
                    label.append(cls)
                    firstChild.append(-1)
                    nextSibling.append(firstChild[Int(node)])
                    firstChild[Int(node)] = next
                    depth.append(depth[Int(node)] + 1)
                    terminal.append(false)
                    ownKinds.append(0)
                }
                node = next
            }
            terminal[Int(node)] = true
            ownKinds[Int(node)] |= pattern.kind
        }
        let stateCount = label.count
        let useDense = stateCount * Int(classCount) <= Self.denseLimit
        var fail = [Int32](repeating: 0, count: stateCount)
        var longest = [Int32](repeating: 0, count: stateCount)
        var kinds = [UInt32](repeating: 0, count: stateCount)
        var dense = useDense ? [Int32](repeating: 0, count: stateCount * Int(classCount)) : []
        // Breadth-first: a node's failure state is shallower, so it is complete before the node.
        var queue: [Int32] = []
        queue.reserveCapacity(stateCount)
        var c = firstChild[0]
        while c >= 0 { queue.append(c); c = nextSibling[Int(c)] }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            var c = firstChild[Int(node)]
            while c >= 0 {
                queue.append(c)
                var f = fail[Int(node)]
                var target = child(f, label[Int(c)])
                while target < 0 && f != 0 {
                    f = fail[Int(f)]
                    target = child(f, label[Int(c)])
                }
                fail[Int(c)] = node == 0 || target < 0 ? 0 : target  // a root child fails to the root
                c = nextSibling[Int(c)]
            }
        }
        for node in [Int32(0)] + queue {
            let n = Int(node)
            longest[n] = terminal[n] ? depth[n] : (n == 0 ? 0 : longest[Int(fail[n])])
            kinds[n] = ownKinds[n] | (n == 0 ? 0 : kinds[Int(fail[n])])
            guard useDense else { continue }
            let row = n * Int(classCount)
            for cls in 0..<Int(classCount) {
                let direct = cls == 0 ? -1 : child(node, Int32(cls))
                dense[row + cls] = direct >= 0 ? direct : (n == 0 ? 0 : dense[Int(fail[n]) * Int(classCount) + cls])
            }
        }
        var rootNext = [Int32](repeating: 0, count: Int(classCount))
        for cls in 1..<Int(classCount) { rootNext[cls] = max(0, child(0, Int32(cls))) }
        self.classOf = classOf
        self.classCount = Int(classCount)
        self.dense = dense
        self.rootNext = rootNext
        self.firstChild = firstChild
        self.nextSibling = nextSibling
        self.label = label
        self.fail = fail
        self.longest = longest
        self.kinds = kinds
        self.isEmpty = stateCount == 1
    }

    /// Calls `body` for every position of `text` where at least one pattern ends, in order.
    func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        guard !isEmpty else { return }
        if !dense.isEmpty {
            dense.withUnsafeBufferPointer { table in
                classOf.withUnsafeBufferPointer { classes in
                    longest.withUnsafeBufferPointer { longest in
                        var state = 0
                        for i in 0..<text.count {
                            state = Int(table[state &* classCount &+ Int(classes[Int(text[i])])])
                            if longest[state] != 0 { body(Match(end: i + 1, longest: Int(longest[state]), kinds: kinds[state])) }
                        }
                    }
                }
            }
            return
        }
        var state: Int32 = 0
        for i in 0..<text.count {
            let cls = classOf[Int(text[i])]
            state = step(state, cls)
            if longest[Int(state)] != 0 {
                body(Match(end: i + 1, longest: Int(longest[Int(state)]), kinds: kinds[Int(state)]))
            }
        }
    }

    private func step(_ from: Int32, _ cls: Int32) -> Int32 {
        guard cls != 0 else { return 0 }
        var state = from
        while state != 0 {
            var c = firstChild[Int(state)]
            while c >= 0 && label[Int(c)] != cls { c = nextSibling[Int(c)] }
            if c >= 0 { return c }
            state = fail[Int(state)]
        }
        return rootNext[Int(cls)]
    }
}
