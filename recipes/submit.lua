-- Submit a Spark job as an EMR step and wait for it to run. Refuses when a step of the same name
-- is already PENDING or RUNNING (nothing duplicated).
recipe {
  description = "Submit a Spark job as an EMR step (ActionOnFailure=CONTINUE) and verify it reaches RUNNING",
  params = {
    cluster       = { required = true, nonempty = true, help = "EMR cluster id (j-…) or exact name of an active cluster" },
    app           = { required = true, nonempty = true, help = "application and step name" },
    jar           = { required = true, nonempty = true, pattern = { "^s3://", "^hdfs://", "^file://" }, help = "s3:// URI of the build" },
    class         = { required = true, nonempty = true, help = "main class" },
    args          = { type = "list", default = {}, help = "application arguments, comma-separated" },
    conf          = { type = "list", default = {}, help = "spark conf entries key=value, comma-separated" },
    ready_timeout = { type = "number", default = 600, min = 1, help = "seconds to reach RUNNING" },
    settle        = { type = "number", default = 30, min = 0, help = "seconds it must hold RUNNING" },
  },
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)

stage("check", function()
  local running = t.rm:find_app { name = params.app, states = { "ACCEPTED", "RUNNING" } }
  if running then fail(params.app .. " is already running as " .. running.id .. "; use redeploy-streaming") end
  deploy.guard(t, {})
end)

local step = stage("submit", function() return deploy.submit(t, deploy.build_from(params)) end)
stage("verify", function() deploy.verify(t, step, params.ready_timeout, params.settle) end)
