import Foundation
import SparkDeployCore
import Testing

@Suite("Decimal text without String(format:)")
struct DecimalTextTests {
    @Test("fixed decimals read as printf's %.Nf for durations, signs and non-finite values")
    func fixed() {
        let values: [Double] = [0, 0.004, 0.005, 0.125, 1.5, 2.675, 59.999, 61.25, 3600.5, 123_456.789, -0.25, -3.5, 1e-9]
        for value in values {
            for digits in 0...3 {
                let expected = String(format: "%.\(digits)f", value)
                let got = DecimalText.fixed(value, digits: digits)
                // Exact halves of the printed digit may round either way between the two (binary values decide).
                if expected != got {
                    let scale = pow(10, Double(digits))
                    #expect(
                        (value * scale).magnitude.truncatingRemainder(dividingBy: 1) == 0.5,
                        "\(value) with \(digits): \(got) vs \(expected)")
                }
            }
        }
        #expect(DecimalText.fixed(1.5, digits: 2) == "1.50")
        #expect(DecimalText.fixed(-0.25, digits: 1) == "-0.2" || DecimalText.fixed(-0.25, digits: 1) == "-0.3")
        #expect(DecimalText.fixed(12.345, digits: 0) == "12")
        #expect(DecimalText.fixed(.nan, digits: 2) == "nan")
        #expect(DecimalText.fixed(-.infinity, digits: 2) == "-inf")
    }

    @Test("zero padding reads as printf's %0Nd")
    func padded() {
        for (value, width) in [(7, 2), (0, 2), (59, 2), (123, 2), (-5, 3), (42, 0)] {
            #expect(DecimalText.padded(value, width: width) == String(format: "%0\(width)d", value), "\(value) width \(width)")
        }
    }
}
