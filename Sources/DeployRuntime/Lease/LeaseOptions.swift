/// Checks of the lease settings for the command line, before a run starts.
public enum LeaseOptions {
    /// What is wrong with the lease variables in `environment` (`SPARKDEPLOY_LOCK_STORE`, `_TTL`, `_WAIT`,
    /// `SPARKDEPLOY_REATTACH`), or nil.
    public static func problem(environment: [String: String]) -> String? {
        do throws(LeaseStoreError) {
            _ = try LeaseSettings.from(environment: environment)
            return nil
        } catch {
            return error.description
        }
    }
}
