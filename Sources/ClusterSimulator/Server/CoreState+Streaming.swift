/// Streaming apps' checkpoints and stop markers, materialised lazily from the virtual clock: before any
/// request is served, ``advance(to:)`` replays the model's transitions and the checkpoint writes due up to
/// now in time order (a model transition first at equal times), so an app's writes stop where a kill or its
/// end left them.
extension CoreState {
    /// One checkpoint write (or an attempt's start) of one app.
    struct StreamingEvent {
        /// What happens.
        enum Kind {
            /// The attempt reached RUNNING: read the checkpoint's latest commit, create `metadata` if absent.
            case start
            /// Micro-batch `k` starts: `offsets/<B+k>`.
            case offsets(Int)
            /// Micro-batch `k` ends: `commits/<B+k>`, then the stop marker is looked for.
            case commit(Int)
        }
        /// When, in virtual seconds.
        var at: Double
        /// The app.
        var appId: String
        /// What happens.
        var kind: Kind
    }

    /// Brings the model and every streaming app's checkpoint up to `now`.
    mutating func advance(to now: Double) {
        startDueLivyApps(upTo: now)
        var guardCount = 0
        while guardCount < 10_000_000 {
            guardCount += 1
            let event = nextStreamingEvent(upTo: now)
            if let transition = model.nextTransition(upTo: event?.at ?? now) {
                model.fire(transition)
                continue
            }
            guard let event else { return }
            apply(event)
        }
    }

    /// The earliest checkpoint event due at or before `now`; forgets apps that ended.
    mutating func nextStreamingEvent(upTo now: Double) -> StreamingEvent? {
        guard !model.streamingApps.isEmpty else { return nil }
        var best: StreamingEvent?
        var ended: [String] = []
        let batchSeconds = model.scenario.sparkBatchSeconds
        for id in model.streamingApps {
            guard let app = model.apps[id], !app.isTerminal, let streaming = app.streaming else {
                ended.append(id)
                continue
            }
            guard let event = Self.nextEvent(of: app, streaming, batchSeconds: batchSeconds), event.at <= now
            else { continue }
            if let b = best, !(event.at < b.at || event.at == b.at && id < b.appId) { continue }
            best = event
        }
        for id in ended { model.streamingApps.remove(id) }
        return best
    }

    /// What `app` writes next while RUNNING, whenever that is; nil when it writes nothing more.
    static func nextEvent(of app: YarnApp, _ streaming: StreamingCheckpoint, batchSeconds: Double) -> StreamingEvent? {
        guard app.internalState == "RUNNING" else { return nil }
        let driver = SparkDriverModel(app: app, now: 0, batchSeconds: batchSeconds)
        guard streaming.attempt == driver.attempt else {
            return StreamingEvent(at: driver.runningSince, appId: app.id, kind: .start)
        }
        guard streaming.stoppedAfter == nil else { return nil }
        let k = streaming.eventsDone / 2
        if streaming.eventsDone % 2 == 0 {
            guard k == 0 || driver.commitsBatches else { return nil }
            return StreamingEvent(at: driver.start(ofBatch: k), appId: app.id, kind: .offsets(k))
        }
        guard driver.commitsBatches else { return nil }
        return StreamingEvent(at: driver.end(ofBatch: k), appId: app.id, kind: .commit(k))
    }

    /// Applies one event found by ``nextStreamingEvent(upTo:)``.
    mutating func apply(_ event: StreamingEvent) {
        guard var app = model.apps[event.appId], var streaming = app.streaming else { return }
        let t = event.at
        switch event.kind {
        case .start:
            streaming.attempt = app.attempts.last?.number ?? 1
            streaming.eventsDone = 0
            streaming.stoppedAfter = nil
            streaming.firstBatch = 0
            if let checkpoint = streaming.checkpoint {
                let latest = CheckpointFiles.latestBatch(storageFileNames(in: checkpoint.appending("commits")))
                streaming.firstBatch = (latest ?? -1) + 1
                streaming.queryId = startCheckpoint(checkpoint, at: t)
            }
        case let .offsets(k):
            if let checkpoint = streaming.checkpoint {
                let n = streaming.batchNumber(k)
                storageWrite(checkpoint.appending("offsets/\(n)"), Array(CheckpointFiles.offsets(batch: n, timestamp: t).utf8), at: t)
            }
            streaming.eventsDone += 1
        case let .commit(k):
            if let checkpoint = streaming.checkpoint {
                let n = streaming.batchNumber(k)
                storageWrite(checkpoint.appending("commits/\(n)"), Array(CheckpointFiles.commit.utf8), at: t)
                let old = n - CheckpointFiles.retainedBatches
                if old >= 0 {
                    storageDelete(checkpoint.appending("offsets/\(old)"))
                    storageDelete(checkpoint.appending("commits/\(old)"))
                }
            }
            streaming.eventsDone += 1
            if !app.ignoresStopMarker, let marker = streaming.stopMarker, storageExists(marker) {
                streaming.stoppedAfter = k
                let finish = t + 1
                app.stopMarkerFinishesAt = finish
                app.nextAt = min(app.nextAt ?? finish, finish)
                model.activeApps.insert(app.id)
                model.version += 1
            }
        }
        app.streaming = streaming
        model.apps[app.id] = app
    }

    /// Creates the checkpoint's `metadata` (a query id stable per location), `sources/` and `state/` when it
    /// has none; returns its query id.
    private mutating func startCheckpoint(_ checkpoint: StorageLocation, at t: Double) -> String {
        let metadata = checkpoint.appending("metadata")
        if let bytes = storageRead(metadata), let id = CheckpointFiles.queryId(inMetadata: bytes) { return id }
        let id = SparkDriverModel.uuid(checkpoint.uri + "/query")
        storageWrite(metadata, Array(CheckpointFiles.metadata(queryId: id).utf8), at: t)
        storageWrite(checkpoint.appending("sources/0/0"), Array(CheckpointFiles.initialSourceOffsets.utf8), at: t)
        storageMakeDirectory(checkpoint.appending("offsets"), at: t)
        storageMakeDirectory(checkpoint.appending("commits"), at: t)
        storageMakeDirectory(checkpoint.appending("state/0"), at: t)
        return id
    }
}
