-- The main job: replace a running Spark Structured Streaming job with a new build on the same
-- cluster. Stops the old YARN application, submits the new build as an EMR step with
-- ActionOnFailure=CONTINUE (on YARN without EMR: a Livy batch, or spark-submit), and requires it to
-- reach and hold RUNNING. If the new build fails after the old one was stopped, the previous build
-- is resubmitted and verified.
local shared = require("params")
recipe {
  description = "Replace a running Spark streaming job with a new build, keeping the cluster; roll back to the previous build if the new one does not hold RUNNING",
  params = shared.pick({ "cluster", "rm", "livy", "submit", "app", "jar", "class", "args", "conf", "ready_timeout", "settle", "progress", "min_batches", "stop_timeout", "rollback",
                        "stop", "marker", "checkpoint", "grace" }),
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)
local build = deploy.build_from(params)
local stop_mode = params.stop or (params.marker and "drain" or "kill")
if stop_mode == "drain" and not params.marker then
  fail("stop=drain needs -p marker=<URI the job polls>; without one the app can only be killed (stop=kill)")
end
-- The build is told where its checkpoint and stop marker are (spark.sql.streaming.checkpointLocation,
-- spark.sparkdeploy.stopMarker), unless its own conf says otherwise.
if params.checkpoint and not build.conf["spark.sql.streaming.checkpointLocation"] then
  build.conf["spark.sql.streaming.checkpointLocation"] = params.checkpoint
end
if params.marker and not build.conf["spark.sparkdeploy.stopMarker"] then
  build.conf["spark.sparkdeploy.stopMarker"] = params.marker
end

local current = stage("inspect", function()
  return deploy.inspect(t, build)
end)

if params.checkpoint then
  stage("preflight", function() deploy.preflight(t, current, params) end)
end

-- Stopping the old app and submitting the new one is the "swap" (deploy.replace): a signal
-- meanwhile waits until the new build is submitted.
deploy.replace(t, current.build, build, params, function()
  stage("stop old", function()
    if current.app and stop_mode == "drain" then
      deploy.drain(t, current.app, { marker = params.marker, grace = params.grace, checkpoint = params.checkpoint,
                                     stop_timeout = params.stop_timeout })
    elseif current.app then
      deploy.stopped(t, t.rm:kill(current.app, { timeout = params.stop_timeout,
                                                 diagnostics = "redeploy of " .. params.jar .. " by sparkdeploy" }))
      if params.checkpoint and not dry_run then
        local cp = checkpoint.read(params.checkpoint)
        report(string.format("stop: killed (stop=kill)%s", cp.in_flight
          and string.format("; batch %s was in flight: the new build replays it", tostring(cp.latest_offset)) or "; no batch in flight"))
      end
    else
      log.warn("no running copy to stop", { app = params.app })
    end
    deploy.snapshot_checkpoint(t)
  end)
end, current.adopt)

log.info("deployed", { app = params.app, build = params.jar, running = deploy.describe_running(t) })
