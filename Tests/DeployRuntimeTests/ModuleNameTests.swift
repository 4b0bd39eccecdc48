import Foundation
import Testing

@testable import DeployRuntime

@Suite("require's module names")
struct ModuleNameTests {
    /// The rule as a regular expression (what `require` used to run on every call).
    private func reference(_ name: String) -> Bool {
        name.range(of: #"^[A-Za-z0-9_][A-Za-z0-9_.-]*$"#, options: .regularExpression) != nil && !name.contains("..")
    }

    @Test("the byte check accepts exactly what the regular expression did")
    func sameAsRegex() {
        let fixed = [
            "deploy", "team.common", "a-b_c.d", "_x", "9lives", "", ".", "..", "a..b", ".hidden", "-x", "a/b", "../etc",
            "a b", "ä", "deploy.lua", "x.", "x-", "a.-.b",
        ]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09_.-/ ä".unicodeScalars)
        var names = fixed
        for _ in 0..<3000 {
            let length = Int.random(in: 0...6, using: &generator)
            names.append(String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })))
        }
        for name in names {
            #expect(GlobalsModule.isModuleName(name) == reference(name), "\(name)")
        }
    }
}
