"""One RM GET /ws/v1/cluster/apps with yarn-api-client (the YARN peer of `yarn.apps()`)."""
import os
from yarn_api_client import ResourceManager

rm = ResourceManager(service_endpoints=os.environ["SPARKDEPLOY_YARN_URL"].split(","))
print(len((rm.cluster_applications().data.get("apps") or {}).get("app") or []))
