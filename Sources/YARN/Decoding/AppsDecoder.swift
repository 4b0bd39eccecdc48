/// Decodes `{"apps":{"app":[…]}}` straight from bytes into ``YARNApp`` values, without building a
/// JSON tree: known fields are read as scalars, everything else (resourceSecondsMap, timeouts,
/// resourceRequests, fields of newer Hadoop versions) is validated and skipped.
///
/// Measured on a 20,000-app, 31 MB body (release build, 2-core machine): see the YARN report;
/// it beats `JSONDecoder` and `JSONSerialization` while keeping every check of ``JSONReader``.
enum AppsDecoder {
    /// Why the list could not be decoded: malformed JSON, or a well-formed document of the wrong shape.
    enum Problem: Error {
        case json(JSONReadError)
        case shape(String)
    }

    /// The apps of a list: those `keep` accepts, and how many the list held.
    struct Decoded {
        /// The apps kept, in the list's order.
        var apps: [YARNApp] = []
        /// How many apps the list held.
        var total = 0
    }

    /// Every app of the list.
    static func decode(_ bytes: [UInt8]) throws(Problem) -> [YARNApp] {
        try decode(bytes, keeping: { _ in true }).apps
    }

    /// The apps `keep` accepts, dropped as soon as each is read: a search through an RM that cannot
    /// filter (Hadoop 2 answers all 20,000 apps) holds the body and the matches, not 20,000 decoded apps
    /// (that was most of its peak memory, 2.8× the payload).
    static func decode(_ bytes: [UInt8], keeping keep: (YARNApp) -> Bool) throws(Problem) -> Decoded {
        let result: Result<Decoded, Problem> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer: buffer)
            var decoded = Decoded()
            do throws(Problem) {
                try decodeRoot(&scanner, into: &decoded, keep)
                scanner.skipSpace()
                if scanner.index != buffer.count { throw .json(scanner.fail("unexpected data after the JSON value")) }
                return .success(decoded)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func json<T>(_ body: () throws(JSONReadError) -> T) throws(Problem) -> T {
        do { return try body() } catch { throw .json(error) }
    }

    private static func decodeRoot(_ s: inout JSONScanner, into decoded: inout Decoded, _ keep: (YARNApp) -> Bool) throws(Problem) {
        guard s.peek() == UInt8(ascii: "{") else {
            if s.peek() == nil { throw .json(s.fail("empty body")) }
            if s.peek() == UInt8(ascii: "<") { throw .json(s.fail("found markup ('<'), the body looks like HTML or XML")) }
            let type = s.nextTypeName()
            _ = try json { () throws(JSONReadError) in try s.value(depth: 0) }
            throw .shape("expected a JSON object at the top level, found a \(type)")
        }
        s.index += 1
        var sawApps = false
        var keys: [String] = []
        if !s.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try json { () throws(JSONReadError) in try s.fieldName() }
                if key == "apps" {
                    decoded = Decoded()  // a repeated key: the last one counts, as before
                    try decodeAppsObject(&s, into: &decoded, keep)
                    sawApps = true
                } else {
                    keys.append(key)
                    try json { () throws(JSONReadError) in try s.skipValue(depth: 1) }
                }
            } while try json({ () throws(JSONReadError) in try s.next(closing: UInt8(ascii: "}"), inside: "an object") })
        }
        guard sawApps else {
            let found = keys.sorted().prefix(5).joined(separator: ", ")
            throw .shape("missing 'apps' (found: \(found.isEmpty ? "nothing" : found))")
        }
    }

    /// `null` (2.x empty), `{}` (3.x empty) or `{"app": […]}`.
    private static func decodeAppsObject(_ s: inout JSONScanner, into decoded: inout Decoded, _ keep: (YARNApp) -> Bool) throws(Problem) {
        switch s.peek() {
        case UInt8(ascii: "n"):
            _ = try json { () throws(JSONReadError) in try s.value(depth: 1) }
        case UInt8(ascii: "{"):
            s.index += 1
            if s.consume(UInt8(ascii: "}")) { return }
            repeat {
                let key = try json { () throws(JSONReadError) in try s.fieldName() }
                if key == "app" {
                    decoded = Decoded()
                    try decodeAppList(&s, into: &decoded, keep)
                } else {
                    try json { () throws(JSONReadError) in try s.skipValue(depth: 2) }
                }
            } while try json({ () throws(JSONReadError) in try s.next(closing: UInt8(ascii: "}"), inside: "an object") })
        default:
            let type = s.nextTypeName()
            throw .shape("'apps' is a \(type), expected an object or null")
        }
    }

    private static func decodeAppList(_ s: inout JSONScanner, into decoded: inout Decoded, _ keep: (YARNApp) -> Bool) throws(Problem) {
        switch s.peek() {
        case UInt8(ascii: "n"):
            _ = try json { () throws(JSONReadError) in try s.value(depth: 2) }
        case UInt8(ascii: "{"):
            let app = try decodeApp(&s, label: "apps.app")
            decoded.total = 1
            if keep(app) { decoded.apps.append(app) }
        case UInt8(ascii: "["):
            s.index += 1
            if s.consume(UInt8(ascii: "]")) { return }
            repeat {
                let label = "apps.app[\(decoded.total)]"
                guard s.peek() == UInt8(ascii: "{") else {
                    throw .shape("\(label) is a \(s.nextTypeName()), expected an object")
                }
                let app = try decodeApp(&s, label: label)
                decoded.total += 1
                if keep(app) { decoded.apps.append(app) }
            } while try json({ () throws(JSONReadError) in try s.next(closing: UInt8(ascii: "]"), inside: "an array") })
        default:
            throw .shape("apps.app is a \(s.nextTypeName()), expected an array")
        }
    }

    private static func decodeApp(_ s: inout JSONScanner, label: String) throws(Problem) -> YARNApp {
        s.index += 1
        var app = YARNApp(id: "", state: .other(""))
        var idValue: RMJSONValue?
        if !s.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try json { () throws(JSONReadError) in try s.rawFieldName() }
                let known = key.bytes.map(YARNApp.Field.match) ?? key.fallback.flatMap { YARNApp.Field.byName[$0] }
                if let field = known {
                    let value = try json { () throws(JSONReadError) in try s.value(depth: 4) }
                    if field == .id { idValue = value }
                    app.set(field, value)
                } else {
                    try json { () throws(JSONReadError) in try s.skipValue(depth: 4) }
                }
            } while try json({ () throws(JSONReadError) in try s.next(closing: UInt8(ascii: "}"), inside: "an object") })
        }
        do { try app.checkIdentity(idValue: idValue) } catch { throw .shape("\(label): \(error.reason)") }
        return app
    }
}
