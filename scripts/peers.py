#!/usr/bin/env python3
"""The test peers: one list, one probe, shared by scripts/bootstrap.sh and the Swift tests.

Run with the project virtualenv's Python (.venv/bin/python):
  peers.py requirements      pip requirements of the peers whose probe fails, one per line
  peers.py check NAME        exit 0 when NAME works, else print why and exit 1
  peers.py names             every peer's name
A peer "works" when its probe runs, not merely when its package is installed: a broken
install (an import that fails, a CLI that does not start) is reported the same as a missing one.
"""
import importlib
import os
import subprocess
import sys

BIN = os.path.dirname(sys.executable)

# name: (pip requirement, probe kind, probe target)
PEERS = {
    "awscli": ("awscli", "command", "aws"),
    "boto3": ("boto3", "import", "boto3"),
    "botocore": ("botocore", "import", "botocore.auth"),
    "moto": ("moto[server]", "import", "moto.server, flask, flask_cors, boto3"),
    "yarn-api-client": ("yarn-api-client", "import", "yarn_api_client"),
    # A real Apache Livy client (pylivy): submits, polls and deletes batches on the simulator's Livy.
    "livy": ("livy", "import", "livy"),
    # A real Spark driver (scripts/spark_driver.py): the module, and the Java it runs on.
    "pyspark": ("pyspark", "import+java", "pyspark"),
}


def probe(name):
    """None when the peer works, else the reason it does not."""
    requirement, kind, target = PEERS[name]
    if kind == "import+java":
        return probe_java() or probe_imports(target, requirement)
    if kind == "import":
        return probe_imports(target, requirement)
    executable = os.path.join(BIN, target)
    if not os.access(executable, os.X_OK):
        return f"{executable} ({requirement}) is not installed in the virtualenv"
    try:
        done = subprocess.run([executable, "--version"], capture_output=True, timeout=60)
    except Exception as error:
        return f"{executable} --version failed to start: {error}"
    if done.returncode != 0:
        return f"{executable} --version exited {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}"
    return None


def probe_imports(target, requirement):
    """None when every module of `target` (comma-separated) imports, else why not."""
    for module in (m.strip() for m in target.split(",")):
        try:
            importlib.import_module(module)
        except Exception as error:  # a broken install fails like a missing one
            return f"python module {module} ({requirement}) does not import: {type(error).__name__}: {error}"
    return None


def probe_java():
    """None when `java -version` runs, else why not (pyspark starts its driver with it)."""
    try:
        done = subprocess.run(["java", "-version"], capture_output=True, timeout=60)
    except Exception as error:
        return f"java -version failed to start ({error}); install Java 17 (Debian: openjdk-17-jre-headless)"
    if done.returncode != 0:
        return f"java -version exited {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}"
    return None


def main(argv):
    if argv[1:] == ["requirements"]:
        for name in PEERS:
            if probe(name) is not None:
                print(PEERS[name][0])
        return 0
    if argv[1:] == ["names"]:
        print("\n".join(PEERS))
        return 0
    if len(argv) == 3 and argv[1] == "check":
        if argv[2] not in PEERS:
            print(f"unknown peer {argv[2]!r}; peers: {', '.join(PEERS)}")
            return 2
        reason = probe(argv[2])
        if reason:
            print(reason)
            return 1
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
