/// Why a lease could not be taken or kept. Every message names the lock and the store; a refusal names
/// the holder, since when and until when.
public struct LeaseError: Error, Sendable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Sendable {
        /// Another live run holds the lease (`LockHeld`).
        case held = "LockHeld"
        /// The object at the lease key is not a SparkDeploy lease; it is never overwritten.
        case foreignObject = "LockForeignObject"
        /// Other writers kept racing for the key.
        case contention = "LockContention"
        /// The store could not be reached or refused the request (S3 errors, time-outs).
        case store = "LockStoreError"
        /// The lease was taken over by another run (it expired while this run could not renew it).
        case lost = "LockLost"
    }

    /// What happened.
    public var kind: Kind
    /// The full message.
    public var message: String

    /// The message.
    public var description: String { message }
}
