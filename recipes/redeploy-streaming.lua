-- The main job: replace a running Spark Structured Streaming job with a new build on the same
-- cluster. Stops the old YARN application, submits the new build as an EMR step with
-- ActionOnFailure=CONTINUE, and requires it to reach and hold RUNNING. If the new build fails
-- after the old one was stopped, the previous build is resubmitted and verified.
local shared = require("params")
recipe {
  description = "Replace a running Spark streaming job with a new build, keeping the cluster; roll back to the previous build if the new one does not hold RUNNING",
  params = shared.pick({ "cluster", "app", "jar", "class", "args", "conf", "ready_timeout", "settle", "progress", "min_batches", "stop_timeout", "rollback" }),
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)
local build = deploy.build_from(params)

local current = stage("inspect", function()
  return deploy.inspect(t, build)
end)

-- Stopping the old app and submitting the new one is the "swap" (deploy.replace): a signal
-- meanwhile waits until the new build is submitted.
deploy.replace(t, current.build, build, params, function()
  stage("stop old", function()
    if current.app then
      deploy.stopped(t, t.rm:kill(current.app, { timeout = params.stop_timeout,
                                                 diagnostics = "redeploy of " .. params.jar .. " by sparkdeploy" }))
    else
      log.warn("no running copy to stop", { app = params.app })
    end
  end)
end, current.adopt)

log.info("deployed", { app = params.app, build = params.jar, running = deploy.describe_running(t) })
