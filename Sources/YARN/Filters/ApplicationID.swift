/// Checks application ids before they go into a URL path.
enum ApplicationID {
    /// `application_<digits>_<digits>`.
    static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: "_", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "application"
            && !parts[1].isEmpty && parts[1].allSatisfy(\.isASCII) && parts[1].allSatisfy(\.isNumber)
            && !parts[2].isEmpty && parts[2].allSatisfy(\.isASCII) && parts[2].allSatisfy(\.isNumber)
    }

    /// - Throws: ``YARNError`` (`badRequest`) for a malformed id, without sending anything.
    static func check(_ id: String, operation: String) throws(YARNError) {
        guard isValid(id) else {
            throw YARNError(
                .badRequest, operation: operation,
                message: "invalid application id '\(id.prefix(80))' (expected application_<timestamp>_<sequence>)")
        }
    }
}
