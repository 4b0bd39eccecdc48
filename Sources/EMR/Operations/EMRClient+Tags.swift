import AWSCore
import Logging

struct AddTagsInput: Encodable, Sendable {
    var ResourceId: String
    var Tags: [Tag]
}
struct RemoveTagsInput: Encodable, Sendable {
    var ResourceId: String
    var TagKeys: [String]
}

extension EMRClient {
    /// AddTags on a cluster.
    /// - Throws: ``EMRError``.
    public func addTags(resourceId: String, tags: [Tag], logger: Logger) async throws {
        _ = try await call(
            "AddTags", AddTagsInput(ResourceId: resourceId, Tags: tags), as: EmptyOutput.self,
            logger: logger)
    }

    /// RemoveTags from a cluster.
    /// - Throws: ``EMRError``.
    public func removeTags(resourceId: String, keys: [String], logger: Logger) async throws {
        _ = try await call(
            "RemoveTags", RemoveTagsInput(ResourceId: resourceId, TagKeys: keys),
            as: EmptyOutput.self, logger: logger)
    }
}
