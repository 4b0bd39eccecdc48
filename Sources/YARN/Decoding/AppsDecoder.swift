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

    static func decode(_ bytes: [UInt8]) throws(Problem) -> [YARNApp] {
        let result: Result<[YARNApp], Problem> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer: buffer)
            do throws(Problem) {
                let apps = try decodeRoot(&scanner)
                scanner.skipSpace()
                if scanner.index != buffer.count { throw .json(scanner.fail("unexpected data after the JSON value")) }
                return .success(apps)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func json<T>(_ body: () throws(JSONReadError) -> T) throws(Problem) -> T {
        do { return try body() } catch { throw .json(error) }
    }

    private static func decodeRoot(_ s: inout JSONScanner) throws(Problem) -> [YARNApp] {
        guard s.peek() == UInt8(ascii: "{") else {
            if s.peek() == nil { throw .json(s.fail("empty body")) }
            if s.peek() == UInt8(ascii: "<") { throw .json(s.fail("found markup ('<'), the body looks like HTML or XML")) }
            let type = s.nextTypeName()
            _ = try json { () throws(JSONReadError) in try s.value(depth: 0) }
            throw .shape("expected a JSON object at the top level, found a \(type)")
        }
        s.index += 1
        var apps: [YARNApp]?
        var keys: [String] = []
        if !s.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try json { () throws(JSONReadError) in try s.fieldName() }
                if key == "apps" {
                    apps = try decodeAppsObject(&s)
                } else {
                    keys.append(key)
                    try json { () throws(JSONReadError) in try s.skipValue(depth: 1) }
                }
            } while try json({ () throws(JSONReadError) in try s.next(closing: UInt8(ascii: "}"), inside: "an object") })
        }
        guard let apps else {
            let found = keys.sorted().prefix(5).joined(separator: ", ")
            throw .shape("missing 'apps' (found: \(found.isEmpty ? "nothing" : found))")
        }
        return apps
    }

    /// `null` (2.x empty), `{}` (3.x empty) or `{"app": […]}`.
    private static func decodeAppsObject(_ s: inout JSONScanner) throws(Problem) -> [YARNApp] {
        switch s.peek() {
        case UInt8(ascii: "n"):
            _ = try json { () throws(JSONReadError) in try s.value(depth: 1) }
            return []
        case UInt8(ascii: "{"):
            s.index += 1
            var apps: [YARNApp] = []
            if s.consume(UInt8(ascii: "}")) { return apps }
            repeat {
                let key = try json { () throws(JSONReadError) in try s.fieldName() }
                if key == "app" {
                    apps = try decodeAppList(&s)
                } else {
                    try json { () throws(JSONReadError) in try s.skipValue(depth: 2) }
                }
            } while try json({ () throws(JSONReadError) in try s.next(closing: UInt8(ascii: "}"), inside: "an object") })
            return apps
        default:
            let type = s.nextTypeName()
            throw .shape("'apps' is a \(type), expected an object or null")
        }
    }

    private static func decodeAppList(_ s: inout JSONScanner) throws(Problem) -> [YARNApp] {
        switch s.peek() {
        case UInt8(ascii: "n"):
            _ = try json { () throws(JSONReadError) in try s.value(depth: 2) }
            return []
        case UInt8(ascii: "{"):
            return [try decodeApp(&s, label: "apps.app")]
        case UInt8(ascii: "["):
            s.index += 1
            var apps: [YARNApp] = []
            if s.consume(UInt8(ascii: "]")) { return apps }
            repeat {
                let label = "apps.app[\(apps.count)]"
                guard s.peek() == UInt8(ascii: "{") else {
                    throw .shape("\(label) is a \(s.nextTypeName()), expected an object")
                }
                apps.append(try decodeApp(&s, label: label))
            } while try json({ () throws(JSONReadError) in try s.next(closing: UInt8(ascii: "]"), inside: "an array") })
            return apps
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
