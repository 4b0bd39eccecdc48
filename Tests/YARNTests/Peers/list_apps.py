#!/usr/bin/env python3
"""Peer client for YARNTests: lists apps with yarn-api-client and prints their ids as JSON.

Usage: list_apps.py '<json>' where json = {"endpoints": [...], "filter": {keyword arguments of
ResourceManager.cluster_applications}}. Prints {"ids": [...]} sorted, or {"error": "..."} and exits 1.
"""
import json
import sys

from yarn_api_client.resource_manager import ResourceManager


def main() -> int:
    request = json.loads(sys.argv[1])
    rm = ResourceManager(service_endpoints=request["endpoints"], timeout=10)
    response = rm.cluster_applications(**request.get("filter", {}))
    apps = (response.data.get("apps") or {}).get("app") or []
    print(json.dumps({"ids": sorted(app["id"] for app in apps), "endpoint": rm.get_active_endpoint()}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # report any failure to the Swift test, readable
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        sys.exit(1)
