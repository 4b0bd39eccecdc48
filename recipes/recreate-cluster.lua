-- The seed's other route: terminate the cluster, recreate it from a spec file (JSON), wait until
-- it is WAITING, add the streaming step and verify it. Slow and disruptive, but it also replaces
-- a broken cluster.
local shared = require("params")
recipe {
  description = "Terminate a cluster, recreate it from a JSON spec (RunJobFlow), then add the streaming step and verify it",
  params = shared.pick(shared.deploy, {
    cluster = { help = "EMR cluster id (j-…) or exact name of the active cluster to replace" },
    spec = { required = true, nonempty = true, help = "JSON file with the RunJobFlow request (Name, ReleaseLabel, Instances, …)" },
    create_timeout = { type = "number", default = 1800, min = 1, help = "seconds for the new cluster to be WAITING" },
    ready_timeout = { help = "seconds for the app to reach RUNNING" },
    settle = { help = "seconds the app must hold RUNNING" },
  }),
}

local deploy = require("deploy")
deploy.require_emr(params, "recreate-cluster", "it terminates and recreates the EMR cluster")
local old = emr.cluster(params.cluster)
-- One deploy of the app at a time, as the other deploys: the lock names the cluster being replaced.
local t = { cluster = old, app = params.app }
deploy.lock(t)
local spec = stage("read spec", function() return emr.read_cluster_spec(params.spec) end)

stage("terminate", function()
  emr.terminate(old)
  emr.wait_cluster(old, { "TERMINATED", "TERMINATED_WITH_ERRORS" }, { timeout = params.create_timeout })
end)

local new = stage("create", function()
  local id = emr.create_cluster(spec)
  return emr.wait_cluster(id, { "WAITING", "RUNNING" }, { timeout = params.create_timeout })
end)

t.cluster, t.rm = new, yarn.connect(new)
local step = stage("submit", function() return deploy.submit(t, deploy.build_from(params)) end)
stage("verify", function() deploy.verified_or_stopped(t, step, params, "build " .. params.jar) end)
