import Hummingbird
import NIOCore

/// Request context that keeps the channel, so a fault can drop the connection.
struct SimContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Request bodies up to 16 MB.
    var maxUploadSize: Int { 16 * 1024 * 1024 }
}
