import S3

/// Whether a lease read from S3 has expired.
///
/// S3's own clock decides when it can: the time since the object was last written is the answer's `Date`
/// minus the object's `Last-Modified`, both stamped by S3, so a runner whose clock is off cannot take a
/// live lease over early. Without those headers the holder's `expires_at` is compared with this clock.
enum LeaseExpiry {
    /// Seconds of slack for `Last-Modified`'s one-second resolution.
    static let slack: Double = 2

    /// Seconds left before `document` (read as `object`) expires; ≤ 0 when it has.
    static func secondsLeft(_ document: LeaseDocument, object: S3Object, localNow: Double) -> Double {
        if let modified = object.lastModified.flatMap(HTTPDate.seconds),
            let served = object.serverDate.flatMap(HTTPDate.seconds)
        {
            return document.ttl + slack - max(0, served - modified)
        }
        return document.expiresAt - localNow
    }
}
