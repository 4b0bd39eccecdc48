/// The registered secret values, compiled into one ``ByteAutomaton`` so that every one of them is
/// found in a single pass over the text.
///
/// Patterns longer than ``chunkLength`` bytes are registered as the chunks that tile them (every
/// `chunkLength` bytes, plus the last `chunkLength`): a whole occurrence is then masked by the chunks'
/// adjacent matches, and the automaton stays proportional to the secrets' total size, however long one is.
struct SecretMatcher: Sendable {
    /// The longest pattern the automaton holds.
    static let chunkLength = 64

    private let automaton: ByteAutomaton

    /// Compiles `secrets` (byte strings, each at least 1 byte).
    init(secrets: Set<[UInt8]>) {
        var patterns = Set<[UInt8]>()
        for secret in secrets {
            guard secret.count > Self.chunkLength else {
                patterns.insert(secret)
                continue
            }
            var start = 0
            while start + Self.chunkLength <= secret.count {
                patterns.insert(Array(secret[start..<(start + Self.chunkLength)]))
                start += Self.chunkLength
            }
            patterns.insert(Array(secret[(secret.count - Self.chunkLength)...]))
        }
        automaton = ByteAutomaton(patterns: patterns.map { ($0, 1) })
    }

    /// Appends the byte ranges of `text` that hold a secret.
    func collect(in text: UnsafeBufferPointer<UInt8>, into masks: inout [Range<Int>]) {
        automaton.forEachMatch(in: text) { match in masks.append((match.end - match.longest)..<match.end) }
    }
}
