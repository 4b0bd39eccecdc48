"""yarn-api-client against the simulator. argv: standby_url active_url"""
import sys
import time
from yarn_api_client.resource_manager import ResourceManager

standby, active = sys.argv[1], sys.argv[2]
rm = ResourceManager(service_endpoints=[standby, active], timeout=10)
apps = rm.cluster_applications(states=["RUNNING"]).data["apps"]["app"]
assert len(apps) == 1 and apps[0]["name"] == "Aggregator", apps
app_id = apps[0]["id"]
assert rm.cluster_application(app_id).data["app"]["state"] == "RUNNING"
info = ResourceManager(service_endpoints=[active]).cluster_information().data["clusterInfo"]
assert info["haState"] == "ACTIVE", info
first = rm.cluster_application_kill(app_id)
assert first.data["state"] in ("KILLING", "FINAL_SAVING"), first.data
time.sleep(1.0)  # the scenario's kill takes 0.3 s
second = rm.cluster_application_kill(app_id)
assert second.data["state"] == "KILLED", second.data
assert rm.cluster_applications(states=["RUNNING"]).data["apps"] == {}
print("OK killed", app_id)
