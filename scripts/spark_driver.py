#!/usr/bin/env python3
"""A real Spark driver for the tests: local Structured Streaming queries, the REST API on a UI port.

Run with the project virtualenv's Python (.venv/bin/python, which has pyspark; Java 17 on PATH):
  spark_driver.py [PORT]    PORT 0 (the default) lets Spark pick a free port
Starts `local[1]` with a `rate` source, a `noop` sink and a 2 s processing-time trigger, waits until the
driver's REST API answers (`/api/v1/applications/<id>/jobs`, at most 120 s, else exits 1), then prints one
line `READY <application id> <UI base URL> <checkpoint dir> <stop marker> <query id>` on stdout. It runs until
its stdin closes (the test process exited or closed the pipe), then stops the queries and Spark and exits, so
no driver outlives its tests.

A second query (`rate` → `noop`, 1 s trigger) checkpoints to `<checkpoint dir>` (a fresh temporary
directory) and drains like a production job that honours sparkdeploy's stop marker: once the file
`<stop marker>` exists, it waits for the current micro-batch to commit, calls `query.stop()` and writes
`<stop marker>.stopped` (the query id, then the last batch id).
"""
import os
import sys
import tempfile
import threading
import time
import urllib.request


def main(argv):
    port = argv[1] if len(argv) > 1 else "0"
    # Only the READY line goes to the caller's stdout pipe, which nobody reads afterwards: everything else
    # (the JVM inherits fd 1) goes to stderr, so a chatty driver can never block on a full pipe.
    ready = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("sparkdeploy-test-driver")
        .config("spark.ui.port", port)
        .config("spark.ui.enabled", "true")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    query = (
        spark.readStream.format("rate").option("rowsPerSecond", 1).load()
        .writeStream.format("noop").queryName("sparkdeploy_rate_noop")
        .trigger(processingTime="2 seconds").start()
    )
    root = tempfile.mkdtemp(prefix="sd-spark-checkpoint-")
    checkpoint = os.path.join(root, "checkpoint")
    marker = os.path.join(root, "stop-marker")
    checkpointed = (
        spark.readStream.format("rate").option("rowsPerSecond", 5).load()
        .writeStream.format("noop").queryName("sparkdeploy_checkpointed")
        .option("checkpointLocation", checkpoint)
        .trigger(processingTime="1 second").start()
    )
    threading.Thread(target=drain_on_marker, args=(checkpointed, marker), daemon=True).start()
    context = spark.sparkContext
    if not answers(f"{context.uiWebUrl}/api/v1/applications/{context.applicationId}/jobs", seconds=120):
        print(f"the REST API at {context.uiWebUrl} did not answer within 120 s", file=sys.stderr, flush=True)
        return 1
    print(f"READY {context.applicationId} {context.uiWebUrl} {checkpoint} {marker} {checkpointed.id}", file=ready, flush=True)
    ready.close()
    sys.stdin.read()  # returns at EOF: the parent is gone or done
    query.stop()
    if checkpointed.isActive:
        checkpointed.stop()
    spark.stop()
    return 0


def drain_on_marker(query, marker):
    """The job-side half of a drain: poll the marker; once it exists, stop right after the next batch commits.

    `lastProgress` changes only after a micro-batch has written its commit, and the next one starts no
    sooner than the next 1 s trigger, so stopping at that moment never leaves a batch in flight.
    """
    while not os.path.exists(marker):
        time.sleep(0.2)
    seen = (query.lastProgress or {}).get("batchId")
    while query.isActive and (query.lastProgress or {}).get("batchId") == seen:
        time.sleep(0.01)
    last = (query.lastProgress or {}).get("batchId")
    query.stop()
    with open(marker + ".stopped", "w") as out:
        out.write(f"{query.id}\n{last}\n")


def answers(url, seconds):
    """True once `url` answers 200, polling every 0.2 s for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except Exception:
            pass
        time.sleep(0.2)
    return False


if __name__ == "__main__":
    sys.exit(main(sys.argv))
