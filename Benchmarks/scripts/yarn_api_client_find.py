"""Find one app id by exact name with yarn-api-client (lists every app, filters locally)."""
import os
import sys
from yarn_api_client import ResourceManager

name = sys.argv[1]
rm = ResourceManager(service_endpoints=os.environ["SPARKDEPLOY_YARN_URL"].split(","))
apps = (rm.cluster_applications().data.get("apps") or {}).get("app") or []
print(" ".join(a["id"] for a in apps if a.get("name") == name))
