import NIOCore

/// Reads one request per connection, asks the shared responder, writes its bytes and then closes
/// or stalls the connection as told.
final class HostileConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let shared: HostileServer.Shared
    private var received: [UInt8] = []
    private var answered = false

    init(shared: HostileServer.Shared) { self.shared = shared }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let (request, _) = HostileRequest.parse(received) else { return }
        answered = true
        received = []
        shared.requests.withLock { $0.append(request) }
        let responder = shared.responder.withLock { $0 }
        let response = responder(request)
        let channel = context.channel
        let written = context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: response.bytes)))
        if response.ending == .close {
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
