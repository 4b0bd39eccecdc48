-- The seed's other route: terminate the cluster, recreate it from a spec file (JSON), wait until
-- it is WAITING, add the streaming step and verify it. Slow and disruptive, but it also replaces
-- a broken cluster.
recipe {
  description = "Terminate a cluster, recreate it from a JSON spec (RunJobFlow), then add the streaming step and verify it",
  params = {
    cluster       = { required = true, nonempty = true, help = "EMR cluster id (j-…) or exact name of the active cluster to replace" },
    spec          = { required = true, nonempty = true, help = "JSON file with the RunJobFlow request (Name, ReleaseLabel, Instances, …)" },
    app           = { required = true, nonempty = true, help = "application and step name" },
    jar           = { required = true, nonempty = true, pattern = { "^s3://", "^hdfs://", "^file://" }, help = "s3:// URI of the build" },
    class         = { required = true, nonempty = true, help = "main class" },
    args          = { type = "list", default = {}, help = "application arguments, comma-separated" },
    conf          = { type = "list", default = {}, help = "spark conf entries key=value, comma-separated" },
    create_timeout = { type = "number", default = 1800, min = 1, help = "seconds for the new cluster to be WAITING" },
    ready_timeout = { type = "number", default = 600, min = 1, help = "seconds for the app to reach RUNNING" },
    settle        = { type = "number", default = 60, min = 0, help = "seconds the app must hold RUNNING" },
  },
}

local deploy = require("deploy")
local old = emr.cluster(params.cluster)
local spec = stage("read spec", function() return emr.read_cluster_spec(params.spec) end)

stage("terminate", function()
  emr.terminate(old)
  emr.wait_cluster(old, { "TERMINATED", "TERMINATED_WITH_ERRORS" }, { timeout = params.create_timeout })
end)

local new = stage("create", function()
  local id = emr.create_cluster(spec)
  return emr.wait_cluster(id, { "WAITING", "RUNNING" }, { timeout = params.create_timeout })
end)

local t = { cluster = new, rm = yarn.connect(new), app = params.app }
local step = stage("submit", function() return deploy.submit(t, deploy.build_from(params)) end)
stage("verify", function() deploy.verify(t, step, params.ready_timeout, params.settle) end)
