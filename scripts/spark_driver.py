#!/usr/bin/env python3
"""A real Spark driver for the tests: one local Structured Streaming query, its REST API on a UI port.

Run with the project virtualenv's Python (.venv/bin/python, which has pyspark; Java 17 on PATH):
  spark_driver.py [PORT]    PORT 0 (the default) lets Spark pick a free port
Starts `local[1]` with a `rate` source, a `noop` sink and a 2 s processing-time trigger, waits until the
driver's REST API answers (`/api/v1/applications/<id>/jobs`, at most 120 s, else exits 1), then prints one
line `READY <application id> <UI base URL>` on stdout. It runs until its stdin closes (the test process
exited or closed the pipe), then stops the query and Spark and exits, so no driver outlives its tests.
"""
import os
import sys
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
    context = spark.sparkContext
    if not answers(f"{context.uiWebUrl}/api/v1/applications/{context.applicationId}/jobs", seconds=120):
        print(f"the REST API at {context.uiWebUrl} did not answer within 120 s", file=sys.stderr, flush=True)
        return 1
    print(f"READY {context.applicationId} {context.uiWebUrl}", file=ready, flush=True)
    ready.close()
    sys.stdin.read()  # returns at EOF: the parent is gone or done
    query.stop()
    spark.stop()
    return 0


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
