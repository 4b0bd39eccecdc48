import Checkpoint
import Testing

/// `StorageURI` parses the three schemes and refuses anything else with an error naming the URI.
struct StorageURITests {
    @Test func parsesTheThreeSchemes() throws {
        let s3 = try StorageURI(parsing: "s3://bucket/checkpoints/orders/")
        #expect(s3.scheme == .s3 && s3.authority == "bucket" && s3.path == "checkpoints/orders")
        #expect(s3.appending("offsets/7").description == "s3://bucket/checkpoints/orders/offsets/7")
        let hdfs = try StorageURI(parsing: "hdfs://nn1:8020/cp/orders")
        #expect(hdfs.host == "nn1" && hdfs.path == "/cp/orders" && hdfs.description == "hdfs://nn1:8020/cp/orders")
        let file = try StorageURI(parsing: "file:///tmp/cp")
        #expect(file.path == "/tmp/cp" && file.description == "file:///tmp/cp")
        #expect(file.sibling(suffix: ".sparkdeploy-snapshots").appending("s1").path == "/tmp/cp.sparkdeploy-snapshots/s1")
    }

    @Test(arguments: [
        ("gs://bucket/cp", "unsupported scheme"), ("s3://bucket", "no key prefix"), ("s3:///cp", "no bucket"),
        ("hdfs:///cp", "no NameNode host"), ("hdfs://nn:port/cp", "port is not a number"), ("file://host/cp", "names no host"),
        ("/tmp/cp", "expected s3://"), ("file:///tmp/../etc", "'..'"), ("s3://b/cp?x=1", "no query"),
    ])
    func refusesWithAnErrorNamingTheURI(text: String, problem: String) {
        #expect {
            try StorageURI(parsing: text)
        } throws: { error in
            guard let error = error as? CheckpointError else { return false }
            return error.kind == .invalidURI && error.message.contains(text) && error.message.contains(problem)
        }
    }
}
