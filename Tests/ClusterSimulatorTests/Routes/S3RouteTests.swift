import ClusterSimulator
import Foundation
import HTTPTransport
import Testing

/// The S3 subset on the EMR listener, over real HTTP: wire shapes (XML errors, headers, HEAD without a body)
/// that the S3 client tests (Tests/S3Tests) do not look at byte by byte.
@Suite struct S3RouteTests {
    @Test func objectsLiveBesideEMROnTheSamePortWithS3Headers() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            #expect(sim.s3Endpoint == sim.emrEndpoint)
            #expect(try await client.s3(sim, "PUT", "/leases").status == 200)
            let put = try await client.s3(
                sim, "PUT", "/leases/apps/stream%20one/lease", body: "one",
                headers: [("Content-Type", "application/json")])
            #expect(put.status == 200)
            #expect(put.header("ETag") == "\"f97c5d29941bfb1b2fdab0874906ab82\"")  // MD5("one")
            #expect(put.header("x-amz-request-id")?.count == 16)

            let get = try await client.s3(sim, "GET", "/leases/apps/stream%20one/lease")
            #expect(get.status == 200)
            #expect(text(get) == "one")
            #expect(get.header("Content-Type") == "application/json")
            #expect(get.header("ETag") == put.header("ETag"))
            let modified = try #require(get.header("Last-Modified"))
            #expect(
                modified.range(
                    of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#,
                    options: .regularExpression) != nil, "\(modified)")

            let head = try await client.s3(sim, "HEAD", "/leases/apps/stream%20one/lease")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Length") == "3")
            #expect(head.header("ETag") == put.header("ETag"))

            // EMR still answers on the same port.
            let clusters = try await client.emr(sim, "ListClusters")
            #expect(clusters.status == 200)
            let counts = await sim.requestCounts()
            #expect(counts["S3.PutObject"] == 1)
            #expect(counts["S3.GetObject"] == 1)
            #expect(counts["S3.HeadObject"] == 1)
            #expect(counts["S3.CreateBucket"] == 1)
            #expect(counts["EMR.ListClusters"] == 1)
        }
    }

    @Test func errorsHaveTheXMLShapeAWSAndMotoSend() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            _ = try await client.s3(sim, "PUT", "/journal")
            _ = try await client.s3(sim, "PUT", "/journal/k", body: "v1")

            let again = try await client.s3(sim, "PUT", "/journal/k", body: "v2", headers: [("If-None-Match", "*")])
            #expect(again.status == 412)
            #expect(again.header("Content-Type") == "application/xml")
            let id = try #require(again.header("x-amz-request-id"))
            #expect(
                text(again) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PreconditionFailed</Code>"
                    + "<Message>At least one of the pre-conditions you specified did not hold</Message>"
                    + "<Condition>If-None-Match</Condition><RequestId>\(id)</RequestId></Error>")

            let missing = try await client.s3(sim, "GET", "/journal/a%26b")
            #expect(missing.status == 404)
            #expect(
                text(missing).contains(
                    "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                        + "<Key>a&amp;b</Key><RequestId>"))

            let noBucket = try await client.s3(sim, "GET", "/nope-bucket/k")
            #expect(noBucket.status == 404)
            #expect(
                text(noBucket).contains(
                    "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist"
                        + "</Message><BucketName>nope-bucket</BucketName><RequestId>"))

            let headMissing = try await client.s3(sim, "HEAD", "/journal/none")
            #expect(headMissing.status == 404)
            #expect(headMissing.body.isEmpty)

            let ifMatchMissing = try await client.s3(
                sim, "PUT", "/journal/none", body: "x",
                headers: [("If-Match", "\"abc\"")])
            #expect(ifMatchMissing.status == 404)
            #expect(text(ifMatchMissing).contains("<Code>NoSuchKey</Code>"))
            let deleteStale = try await client.s3(sim, "DELETE", "/journal/k", headers: [("If-Match", "\"abc\"")])
            #expect(deleteStale.status == 412)
            let deletePlainMissing = try await client.s3(sim, "DELETE", "/journal/none")
            #expect(deletePlainMissing.status == 204)

            let tooBig = try await client.s3(
                sim, "PUT", "/journal/big",
                body: String(repeating: "x", count: 5 * 1024 * 1024 + 1))
            #expect(tooBig.status == 400)
            #expect(text(tooBig).contains("<Code>EntityTooLarge</Code>"))
            #expect(try await client.s3(sim, "HEAD", "/journal/big").status == 404)

            let badName = try await client.s3(sim, "PUT", "/ab")
            #expect(badName.status == 400)
            #expect(text(badName).contains("<Code>InvalidBucketName</Code>"))
        }
    }

    @Test func createBucketIsIdempotentInUSEast1AndConflictsWithARegion() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            #expect(try await client.s3(sim, "PUT", "/locks").status == 200)
            #expect(try await client.s3(sim, "PUT", "/locks").status == 200)
            let constrained = try await client.s3(
                sim, "PUT", "/locks",
                body:
                    "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>")
            #expect(constrained.status == 409)
            #expect(text(constrained).contains("<Code>BucketAlreadyOwnedByYou</Code>"))
            #expect(text(constrained).contains("<BucketName>locks</BucketName>"))
        }
    }

    @Test func listObjectsV2PagesWithPrefixTokenAndStartAfter() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            _ = try await client.s3(sim, "PUT", "/journal")
            for key in ["d/3", "d/1", "d/2", "e/1", "d/0"] { _ = try await client.s3(sim, "PUT", "/journal/\(key)", body: key) }
            let first = try await client.s3(sim, "GET", "/journal?list-type=2&prefix=d%2F&max-keys=2")
            #expect(first.status == 200)
            let body = text(first)
            #expect(
                body.hasPrefix(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Name>journal</Name><Prefix>d/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>"
                        + "<Contents><Key>d/0</Key><LastModified>"))
            #expect(body.contains("<ETag>&quot;") && body.contains("<Size>3</Size><StorageClass>STANDARD</StorageClass>"))
            let token = try #require(
                body.range(of: "<NextContinuationToken>").flatMap { start in
                    body.range(of: "</NextContinuationToken>").map { String(body[start.upperBound..<$0.lowerBound]) }
                })
            let second = text(try await client.s3(sim, "GET", "/journal?list-type=2&prefix=d%2F&max-keys=2&continuation-token=\(token)"))
            #expect(second.contains("<Key>d/2</Key>") && second.contains("<Key>d/3</Key>"))
            #expect(second.contains("<IsTruncated>false</IsTruncated>") && !second.contains("NextContinuationToken"))
            let after = text(try await client.s3(sim, "GET", "/journal?list-type=2&start-after=d%2F2"))
            #expect(after.contains("<StartAfter>d/2</StartAfter><KeyCount>2</KeyCount>"))
            #expect(after.contains("<Key>d/3</Key>") && after.contains("<Key>e/1</Key>") && !after.contains("<Key>d/2</Key>"))
            _ = try await client.s3(sim, "PUT", "/journal/d/a%20b%2Bc%C3%BC", body: "x")
            let encoded = text(try await client.s3(sim, "GET", "/journal?list-type=2&prefix=d%2Fa&encoding-type=url"))
            #expect(encoded.contains("<Prefix>d/a</Prefix>") && encoded.contains("<EncodingType>url</EncodingType>"))
            #expect(encoded.contains("<Key>d/a%20b%2Bc%C3%BC</Key>"), "\(encoded)")
            let raw = text(try await client.s3(sim, "GET", "/journal?list-type=2&prefix=d%2Fa"))
            #expect(raw.contains("<Key>d/a b+cü</Key>") && !raw.contains("EncodingType"))
            let bad = try await client.s3(sim, "GET", "/journal?list-type=2&continuation-token=zz")
            #expect(bad.status == 400)
            #expect(text(bad).contains("<Code>InvalidArgument</Code>"))
        }
    }
}
