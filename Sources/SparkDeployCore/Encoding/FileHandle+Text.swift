import Foundation

extension FileHandle {
    /// Writes `text` as UTF-8, copied once. Not `write(Data(text.utf8))`: Data's generic initializer
    /// casts its sequence at run time, and the first such cast scans every protocol-conformance record in
    /// the binary (0.4 M instructions, on the first log line of every run).
    public func write(text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            write(Data(bytes: base, count: bytes.count))
        }
    }
}
