import Foundation
import LuaHost
import YARN

/// Converts the Spark REST client's types, the progress gate's readings and diagnoses to the Lua
/// tables recipes see (snake_case fields, times as epoch seconds).
enum SparkConversions {
    static func epoch(_ date: Date?) -> LuaValue { .optional(date?.timeIntervalSince1970) }
    static func int(_ value: Int) -> LuaValue { .integer(Int64(value)) }

    static func table(_ job: SparkJob) -> LuaValue {
        .map([
            "id": int(job.jobId), "name": .string(job.name), "status": .string(job.status.rawValue),
            "submitted_at": epoch(job.submissionTime), "completed_at": epoch(job.completionTime),
            "tasks": int(job.numTasks), "completed_tasks": int(job.numCompletedTasks), "failed_tasks": int(job.numFailedTasks),
            "job_group": .optional(job.jobGroup), "failure_reason": .optional(job.failureReason),
        ])
    }

    static func table(_ stage: SparkStage) -> LuaValue {
        .map([
            "id": int(stage.stageId), "attempt": int(stage.attemptId), "status": .string(stage.status), "name": .string(stage.name),
            "tasks": int(stage.numTasks), "active_tasks": int(stage.numActiveTasks), "completed_tasks": int(stage.numCompleteTasks),
            "failed_tasks": int(stage.numFailedTasks), "submitted_at": epoch(stage.submissionTime),
            "completed_at": epoch(stage.completionTime), "failure_reason": .optional(stage.failureReason),
        ])
    }

    static func table(_ executor: SparkExecutor) -> LuaValue {
        .map([
            "id": .string(executor.id), "host_port": .string(executor.hostPort), "active": .boolean(executor.isActive),
            "runs_tasks": .boolean(executor.runsTasks), "cores": int(executor.totalCores), "active_tasks": int(executor.activeTasks),
            "failed_tasks": int(executor.failedTasks), "completed_tasks": int(executor.completedTasks),
            "excluded": .boolean(executor.isExcluded),
        ])
    }

    static func table(_ statistics: SparkStreamingStatistics) -> LuaValue {
        .map([
            "started_at": epoch(statistics.startTime), "batch_duration_ms": int(statistics.batchDuration),
            "completed_batches": int(statistics.numTotalCompletedBatches), "active_batches": int(statistics.numActiveBatches),
            "receivers": int(statistics.numActiveReceivers), "processed_records": int(statistics.numProcessedRecords),
            "avg_processing_ms": .optional(statistics.avgProcessingTime),
            "avg_scheduling_delay_ms": .optional(statistics.avgSchedulingDelay),
            "avg_total_delay_ms": .optional(statistics.avgTotalDelay),
        ])
    }

    static func table(_ execution: SparkSQLExecution) -> LuaValue {
        .map([
            "id": int(execution.id), "status": .string(execution.status.rawValue), "description": .string(execution.description),
            "submitted_at": epoch(execution.submissionTime), "duration_ms": int(execution.duration),
            "completed": .boolean(execution.isCompleted), "batch": .string(execution.batchKey),
        ])
    }

    static func table(_ progress: SparkProgress) -> LuaValue {
        .map([
            "completed_jobs": int(progress.completedJobs), "failed_jobs": int(progress.failedJobs),
            "running_jobs": int(progress.runningJobs),
            "completed_batches": int(progress.completedBatches), "batch_source": .string(progress.batchSource.rawValue),
            "active_executors": int(progress.activeExecutors), "failed_tasks": int(progress.failedTasks),
            "last_completed_at": epoch(progress.lastCompletionTime),
            "failure_reasons": .array(progress.failureReasons),
        ])
    }

    static func table(_ result: ProgressGateResult) -> LuaValue {
        .map([
            "completed_jobs": int(result.tally.completed), "failed_jobs": int(result.tally.failed),
            "running_jobs": int(result.tally.running),
            "active_executors": .optional(result.activeExecutors.map(Int64.init)), "batch_interval": .optional(result.batchInterval),
            "elapsed": .number(result.elapsed), "polls": int(result.polls),
        ])
    }

    static func table(_ tally: JobTally) -> LuaValue {
        .map([
            "completed_jobs": int(tally.completed), "failed_jobs": int(tally.failed), "running_jobs": int(tally.running),
            "failure": .optional(tally.failureText),
        ])
    }

    /// The `Diagnosis` table: the shape `why()` renders.
    static func table(_ diagnosis: AppDiagnosis) -> LuaValue {
        var fields: [String: LuaValue] = [:]
        if let app = diagnosis.app {
            fields["app"] = .map([
                "id": .string(app.id), "state": .string(app.state.rawValue), "final_status": .optional(app.finalStatus?.rawValue),
                "diagnostics": .optional(app.diagnostics.flatMap { $0.isEmpty ? nil : $0 }),
            ])
        } else {
            fields["app"] = .map(["id": .string(diagnosis.applicationId)])
        }
        fields["attempts"] = .table(
            LuaTable(
                sequence: diagnosis.attempts.map { a in
                    .map([
                        "id": .string(a.id), "state": .optional(a.state), "diagnostics": .optional(a.diagnostics),
                        "container_id": .optional(a.containerId),
                    ])
                }))
        if let log = diagnosis.amLog {
            fields["am_log"] = .map([
                "container_id": .string(log.containerId), "file": .string(log.file), "lines": .array(log.lines),
                "truncated": .boolean(log.truncated),
            ])
        }
        fields["failed_jobs"] = .table(
            LuaTable(
                sequence: diagnosis.failedJobs.map { job in
                    .map(["id": int(job.jobId), "name": .string(job.name), "reason": .optional(job.failureReason)])
                }))
        fields["gaps"] = .array(diagnosis.gaps)
        return .map(fields)
    }
}
