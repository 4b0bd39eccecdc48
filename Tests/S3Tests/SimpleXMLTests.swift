import Testing

@testable import S3

/// The strict reader behind S3's error and list documents.
struct SimpleXMLTests {
    @Test func readsAnErrorDocumentWithEntitiesAndNamespaces() throws {
        let xml =
            "<?xml version=\"1.0\"?>\n<Error xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Code>NoSuchKey</Code>"
            + "<Message>a &lt;b&gt; &amp; &#233;&#x21;</Message><RequestId><![CDATA[R<1>]]></RequestId></Error>"
        let root = try SimpleXML.parse(Array(xml.utf8))
        #expect(root.name == "Error")
        #expect(root.text(of: "Code") == "NoSuchKey")
        #expect(root.text(of: "Message") == "a <b> & é!")
        #expect(root.text(of: "RequestId") == "R<1>")
    }

    @Test(arguments: [
        "<Error><Code>x</Error>", "<Error>", "<Error/><Extra/>", "<!DOCTYPE e [<!ENTITY x \"y\">]><Error/>",
        "<Error a=b/>", "<Error>&bogus;</Error>", "", "text",
    ])
    func rejectsMalformedDocuments(xml: String) {
        #expect(throws: SimpleXML.Problem.self) { try SimpleXML.parse(Array(xml.utf8)) }
    }

    @Test func aNonXMLErrorBodyFallsBackToTheStatusCode() {
        let parsed = S3ErrorBody.parse(status: 404, method: "HEAD", hasKey: true, body: [])
        #expect(parsed.code == "NoSuchKey")
        let html = S3ErrorBody.parse(status: 502, method: "PUT", hasKey: true, body: Array("<html>bad gateway".utf8))
        #expect(html.code == "HTTP502")
        #expect(html.message == "<html>bad gateway")
    }
}
