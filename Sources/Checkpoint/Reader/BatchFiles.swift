/// The batch files of a metadata-log directory (`offsets/`, `commits/`): entries named by a batch number.
/// Spark's temporary files (`.7.<uuid>.tmp`), checksums (`.7.crc`) and anything else starting with `.` or not
/// a plain non-negative number are ignored.
public enum BatchFiles {
    /// The batch numbers among `entries`, ascending.
    public static func batches(in entries: [StorageEntry]) -> [Int] {
        entries.compactMap { entry -> Int? in
            guard !entry.isDirectory, let first = entry.name.first, first.isASCII, first.isNumber,
                entry.name.allSatisfy({ $0.isASCII && $0.isNumber }), entry.name.count <= 18
            else { return nil }
            return Int(entry.name)
        }.sorted()
    }
}
