-- The main job: replace a running Spark Structured Streaming job with a new build on the same
-- cluster. Stops the old YARN application, submits the new build as an EMR step with
-- ActionOnFailure=CONTINUE, and requires it to reach and hold RUNNING. If the new build fails
-- after the old one was stopped, the previous build is resubmitted and verified.
recipe {
  description = "Replace a running Spark streaming job with a new build, keeping the cluster; roll back to the previous build if the new one does not hold RUNNING",
  params = {
    cluster       = { required = true, nonempty = true, help = "EMR cluster id (j-…) or exact name of an active cluster" },
    app           = { required = true, nonempty = true, help = "Spark application name as YARN lists it (spark.app.name)" },
    jar           = { required = true, nonempty = true, pattern = { "^s3://", "^hdfs://", "^file://" }, help = "s3:// URI of the new build" },
    class         = { required = true, nonempty = true, help = "main class" },
    args          = { type = "list", default = {}, help = "application arguments, comma-separated" },
    conf          = { type = "list", default = {}, help = "spark conf entries key=value, comma-separated" },
    ready_timeout = { type = "number", default = 600, min = 1, help = "seconds for the new app to reach RUNNING" },
    settle        = { type = "number", default = 60, min = 0, help = "seconds the new app must hold RUNNING" },
    kill_timeout  = { type = "number", default = 180, min = 1, help = "seconds for the old app to stop" },
    rollback      = { type = "boolean", default = true, help = "resubmit the previous build when the new one fails" },
  },
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)
local build = deploy.build_from(params)

local current = stage("inspect", function()
  local c = deploy.reattach(t, deploy.current(t), build)
  deploy.guard(t, c)
  return c
end)

-- Stopping the old app and submitting the new one is the "swap" (deploy.replace): a signal
-- meanwhile waits until the new build is submitted.
deploy.replace(t, current.build, build, params, function()
  stage("stop old", function()
    if current.app then
      deploy.stopped(t, t.rm:kill(current.app, { timeout = params.kill_timeout,
                                                 diagnostics = "redeploy of " .. params.jar .. " by sparkdeploy" }))
    else
      log.warn("no running copy to stop", { app = params.app })
    end
  end)
end, current.adopt)

log.info("deployed", { app = params.app, build = params.jar, running = deploy.describe_running(t) })
