import Foundation
import SparkDeployCore
import Testing

@Suite("Redactor masks secrets by value and by shape")
struct RedactorTests {
    @Test("registered values are masked wherever they appear, also percent-encoded")
    func values() {
        let r = Redactor()
        r.register(secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        #expect(r.redact("key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY end") == "key=*** end")
        #expect(!r.redact("q=wJalrXUtnFEMI%2FK7MDENG%2BbPxRfiCYEXAMPLEKEY").contains("K7MDENG"))
    }

    @Test(arguments: [
        ("https://user:hunter2@knox:8443/gateway", "hunter2"),
        ("Authorization: Basic dXNlcjpodW50ZXIy", "dXNlcjpodW50ZXIy"),
        ("authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1", "AKIDEXAMPLE"),
        ("X-Amz-Security-Token: FwoGZXIvYXdzEXAMPLETOKEN", "FwoGZXIvYXdzEXAMPLETOKEN"),
        ("GET /ws/v1/cluster/apps?delegation=KAAKSm9obiBEb2U", "KAAKSm9obiBEb2U"),
        ("id AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE"),
        ("{\"SecretAccessKey\":\"abc123secretvalue\"}", "abc123secretvalue"),
    ])
    func shapes(text: String, secret: String) {
        #expect(!Redactor().redact(text).contains(secret))
    }

    @Test("ordinary text is left alone")
    func ordinary() {
        let text = "killed application_1700000000000_0042 (Aggregator) in 3.2 s"
        #expect(Redactor().redact(text) == text)
    }

    @Test("secret-looking names are recognised")
    func names() {
        #expect(Redactor.isSecretName("AWS_SECRET_ACCESS_KEY"))
        #expect(Redactor.isSecretName("db_password"))
        #expect(!Redactor.isSecretName("AWS_REGION"))
        // A marker at the start, at the end, alone, in mixed case; near misses and non-ASCII names are not secrets.
        // Whole names in any case; a non-ASCII name upper-cases by Unicode's rules ("ſ" is an "S").
        for name in [
            "TOKEN_FOR_CI", "GITHUB_TOKEN", "apikey", "My_Private_Key", "x-api_key", "passwd", "x-amz-security-token",
            "Cookie", "db_ſecret", "ÄPI_ſECRET",
        ] {
            #expect(Redactor.isSecretName(name), "\(name)")
        }
        for name in ["", "TOKE", "PASS_WORD", "SECRE_T", "HOME", "ÄPIKEY"] {
            #expect(!Redactor.isSecretName(name), "\(name)")
        }
    }

    @Test("long runs of letters redact in linear time, and URL passwords inside them are still masked")
    func longRuns() {
        let run = String(repeating: "abcdefghij", count: 20_000)  // 200 KB: hours with the old pattern
        let text = run + " https://deployer:hunter2pass@rm.example:8088/ws " + run
        let started = ContinuousClock.now
        let out = Redactor().redact(text)
        #expect(ContinuousClock.now - started < .seconds(5), "redaction must not be quadratic")
        #expect(!out.contains("hunter2pass"))
        #expect(out.contains("https://deployer:***@rm.example:8088/ws"))
        #expect(Redactor().redact("xhttps://u:p4ss@h/") == "xhttps://u:***@h/")
    }

    @Test("every encoding of a registered secret is masked: JSON-escaped, percent-encoded, base64 (issue 21, item 4)")
    func encodings() throws {
        let r = Redactor()
        let secret = #"p/a"s\s w+rd=é"#
        r.register(secret: secret)
        let base64 = Data(secret.utf8).base64EncodedString()
        let forms = [
            #"p/a\"s\\s w+rd=é"#, #"p\/a\"s\\s w+rd=é"#, #"p/a\\\"s\\\\s w+rd=é"#,  // JSON, JSON with \/, JSON twice
            secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
            "p%2Fa%22s%5Cs+w%2Brd%3D%C3%A9",
            base64, base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"),
        ]
        for form in forms {
            let out = r.redact("before \(form) after")
            #expect(out.hasPrefix("before ***") && out.hasSuffix(" after"), "\(form) → \(out)")
        }
    }

    @Test("a URL's user-info is masked to the last @, even with a / in the password")
    func userInfo() {
        #expect(Redactor.maskingUserInfo(inURL: "http://u:pa/ss@rm:8088/ws") == "http://u:***@rm:8088/ws")
        #expect(Redactor.maskingUserInfo(inURL: "http://rm:8088/ws") == "http://rm:8088/ws")
    }
}
