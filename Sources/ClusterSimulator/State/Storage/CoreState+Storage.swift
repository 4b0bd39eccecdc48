import Foundation

/// One file API over the three places a simulated streaming app reads and writes (``StorageLocation``):
/// the simulator's S3 (written with wall-clock `Last-Modified`, like every S3 object, the bucket created if
/// missing), its HDFS (virtual time) and the local filesystem (`FileManager`; a failing local write is
/// dropped, as a job that cannot write its checkpoint would simply not have it).
extension CoreState {
    /// True when a file (or object) exists at `location`.
    func storageExists(_ location: StorageLocation) -> Bool {
        switch location {
        case let .s3(bucket, key): return s3.buckets[bucket]?.objects[key] != nil
        case let .hdfs(path): return hdfs.entry(path).map { !$0.isDirectory } ?? false
        case let .file(path):
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// The bytes of the file at `location`, nil when there is none.
    func storageRead(_ location: StorageLocation) -> [UInt8]? {
        switch location {
        case let .s3(bucket, key): return s3.buckets[bucket]?.objects[key]?.body
        case let .hdfs(path): return hdfs.entry(path)?.bytes
        case let .file(path): return FileManager.default.contents(atPath: path).map { Array($0) }
        }
    }

    /// The names of the files directly inside directory (prefix) `location`.
    func storageFileNames(in location: StorageLocation) -> [String] {
        switch location {
        case let .s3(bucket, key):
            guard let objects = s3.buckets[bucket]?.objects else { return [] }
            let prefix = key.isEmpty ? "" : key + "/"
            return objects.keys.compactMap { k in
                guard k.hasPrefix(prefix) else { return nil }
                let name = k.dropFirst(prefix.count)
                return name.isEmpty || name.contains("/") ? nil : String(name)
            }
        case let .hdfs(path):
            return hdfs.children(of: path).filter { !$0.1.isDirectory }.map(\.0)
        case let .file(path):
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { storageExists(location.appending($0)) }
        }
    }

    /// Writes `bytes` to `location` (creating parents), at virtual time `t`.
    mutating func storageWrite(_ location: StorageLocation, _ bytes: [UInt8], at t: Double) {
        switch location {
        case let .s3(bucket, key):
            let wallNow = Date().timeIntervalSince1970
            s3.ensureBucket(bucket, now: wallNow)
            _ = s3.put(
                bucket: bucket, key: key, body: bytes, contentType: "application/octet-stream", ifNoneMatch: nil,
                ifMatch: nil, now: wallNow)
        case let .hdfs(path):
            _ = hdfs.write(path, bytes: bytes, owner: "hadoop", at: t)
        case let .file(path):
            let url = URL(fileURLWithPath: path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(bytes).write(to: url, options: .atomic)
        }
    }

    /// Creates directory `location` where directories exist (HDFS, local); nothing for S3.
    mutating func storageMakeDirectory(_ location: StorageLocation, at t: Double) {
        switch location {
        case .s3: break
        case let .hdfs(path): _ = hdfs.mkdirs(path, owner: "hadoop", at: t)
        case let .file(path):
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    /// Deletes the file at `location`, if any.
    mutating func storageDelete(_ location: StorageLocation) {
        switch location {
        case let .s3(bucket, key): _ = s3.delete(bucket: bucket, key: key, ifMatch: nil)
        case let .hdfs(path): _ = hdfs.delete(path, recursive: false)
        case let .file(path): try? FileManager.default.removeItem(atPath: path)
        }
    }
}
