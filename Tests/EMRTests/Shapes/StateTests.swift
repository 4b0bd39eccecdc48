import EMR
import Foundation
import Testing

/// Cluster and step states are one open representation (``EMRWireState``): wire strings with named constants.
struct StateTests {
    @Test func knownAndUnknownStatesDecodeAsThemselvesAndEncodeBack() throws {
        let status = try JSONDecoder().decode(ClusterStatus.self, from: Data(#"{"State":"WAITING"}"#.utf8))
        #expect(status.state == .waiting)
        let future = try JSONDecoder().decode(StepStatus.self, from: Data(#"{"State":"PAUSED_BY_EMR"}"#.utf8))
        #expect(future.state == StepState(rawValue: "PAUSED_BY_EMR"))
        #expect(future.state?.description == "PAUSED_BY_EMR")
        let encoded = try JSONEncoder().encode([ClusterState.terminatedWithErrors, ClusterState(rawValue: "NEW")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["TERMINATED_WITH_ERRORS","NEW"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(StepStatus.self, from: Data(#"{"State":7}"#.utf8))
        }
    }
}
