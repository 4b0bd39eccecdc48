import SparkDeployCore
import Testing

@Suite("Strings concatenated with a separator")
struct ConcatenatedTests {
    @Test("the same text as joined(separator:)")
    func sameAsJoined() {
        for parts in [[], [""], ["a"], ["a", "b"], ["", "", ""], ["x=1", "ü=2", "emoji 🚀"]] {
            for separator in ["", " ", "\t", "\n  "] {
                #expect(parts.concatenated(separator: separator) == parts.joined(separator: separator))
            }
        }
    }
}
