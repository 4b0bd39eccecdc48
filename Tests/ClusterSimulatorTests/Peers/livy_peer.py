"""pylivy (PyPI `livy`) against the simulator's Livy: submit a batch, poll it to RUNNING, read its log, delete it.

Usage: livy_peer.py LIVY_URL
Prints "OK <batch id> <application id>" and exits 0, or fails with the reason.
"""
import sys
import time

import requests
from livy.client import LivyClient
from livy.models import SessionState

url = sys.argv[1]

# Livy's CSRF protection (on in the simulator) refuses a POST without X-Requested-By: pylivy does not send
# it by default, so its plain client must fail, and one whose session sends the header must work.
plain = LivyClient(url)
try:
    plain.create_batch(file="hdfs:///jobs/peer.jar", name="pylivy-refused")
    sys.exit("a POST without X-Requested-By was accepted")
except requests.HTTPError as error:
    assert error.response.status_code == 400, error.response.status_code
    assert "CSRF" in error.response.text, error.response.text

session = requests.Session()
session.headers["X-Requested-By"] = "pylivy-peer"
client = LivyClient(url, requests_session=session)
batch = client.create_batch(
    file="hdfs:///jobs/peer-1.0.jar", class_name="com.acme.Peer", args=["--mode", "peer"], name="pylivy-peer-1",
    queue="default", driver_memory="1g", num_executors=2, spark_conf={"spark.yarn.tags": "peer,pylivy"})
assert batch.state == SessionState.STARTING, batch
assert batch.app_id is None, batch

deadline = time.time() + 60
while True:
    current = client.get_batch(batch.batch_id)
    if current.state == SessionState.RUNNING and current.app_id:
        break
    if current.state in (SessionState.DEAD, SessionState.KILLED, SessionState.ERROR, SessionState.SUCCESS):
        sys.exit(f"batch ended {current.state} before running")
    if time.time() > deadline:
        sys.exit(f"batch still {current.state} after 60 s")
    time.sleep(0.1)

log = client.get_batch_log(batch.batch_id, from_=0, size=50)
assert any(current.app_id in line for line in log.lines), log
listed = [b.batch_id for b in client.list_batches()]
assert batch.batch_id in listed, listed

client.delete_batch(batch.batch_id)
assert client.get_batch(batch.batch_id) is None, "a deleted batch is still there"
print("OK", batch.batch_id, current.app_id)
