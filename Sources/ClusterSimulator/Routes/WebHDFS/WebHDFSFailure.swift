import Hummingbird

/// The NameNode's WebHDFS error bodies (`{"RemoteException":{…}}`), as Hadoop sends them.
enum WebHDFSFailure {
    /// 404: nothing at `path`.
    static func notFound(_ path: String) -> RemoteException {
        RemoteException(
            status: .notFound, exception: "FileNotFoundException", message: "File does not exist: \(path)",
            javaClassName: "java.io.FileNotFoundException")
    }

    /// 404: `path` is a directory where a file is needed (OPEN).
    static func notAFile(_ path: String) -> RemoteException {
        RemoteException(
            status: .notFound, exception: "FileNotFoundException", message: "Path is not a file: \(path)",
            javaClassName: "java.io.FileNotFoundException")
    }

    /// 403: the NameNode is a standby (HA clients move on to the next NameNode).
    static func standby(write: Bool) -> RemoteException {
        RemoteException(
            status: .forbidden, exception: "StandbyException",
            message: "Operation category \(write ? "WRITE" : "READ") is not supported in state standby. "
                + "Visit https://s.apache.org/sbnn-error",
            javaClassName: "org.apache.hadoop.ipc.StandbyException")
    }

    /// 403: a file or directory already stands at `path`.
    static func alreadyExists(_ path: String, directory: Bool) -> RemoteException {
        RemoteException(
            status: .forbidden, exception: "FileAlreadyExistsException",
            message: directory ? "\(path) already exists as a directory" : "\(path) for client 127.0.0.1 already exists",
            javaClassName: "org.apache.hadoop.fs.FileAlreadyExistsException")
    }

    /// 403: a path component is a file.
    static func parentNotDirectory(_ path: String) -> RemoteException {
        RemoteException(
            status: .forbidden, exception: "ParentNotDirectoryException", message: "\(path) (is not a directory)",
            javaClassName: "org.apache.hadoop.fs.ParentNotDirectoryException")
    }

    /// 403: a non-recursive delete of a non-empty directory.
    static func notEmpty(_ path: String) -> RemoteException {
        RemoteException(
            status: .forbidden, exception: "PathIsNotEmptyDirectoryException",
            message: "`\(path) is non empty': Directory is not empty",
            javaClassName: "org.apache.hadoop.fs.PathIsNotEmptyDirectoryException")
    }

    /// 400: `op` is missing, unknown, or not an operation of `method`.
    static func badOperation(_ op: String, method: String) -> RemoteException {
        let kind = ["GET": "GetOpParam", "PUT": "PutOpParam", "POST": "PostOpParam", "DELETE": "DeleteOpParam"][method] ?? "HttpOpParam"
        return RemoteException(
            status: .badRequest, exception: "IllegalArgumentException",
            message: "Invalid value for webhdfs parameter \"op\": No enum constant org.apache.hadoop.hdfs.web.resources.\(kind).Op.\(op)",
            javaClassName: "java.lang.IllegalArgumentException")
    }

    /// The response for a refused store operation on `path`.
    static func from(_ failure: HDFSStore.Failure) -> RemoteException {
        switch failure {
        case let .notFound(path): return notFound(path)
        case let .wrongType(path): return parentNotDirectory(path)
        case let .exists(path): return alreadyExists(path, directory: false)
        case let .notEmpty(path): return notEmpty(path)
        }
    }
}
