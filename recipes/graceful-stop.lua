-- Stop a streaming job gracefully. With -p marker (the stop marker the job polls) it drains: writes the
-- marker, waits for the app to finish its current batch, kills it only after the grace period. Without
-- one it asks the step to stop (CancelSteps with SEND_INTERRUPT, EMR ≥ 5.28; this reaches spark-submit,
-- not a cluster-mode driver), waits, and kills the YARN app if it is still alive; on YARN without EMR
-- (no step) it kills the app at once.
local shared = require("params")
recipe {
  description = "Stop a streaming job gracefully: SEND_INTERRUPT its step, wait, then kill the YARN app after a grace period",
  params = shared.pick({ "cluster", "rm", "livy", "submit", "app", "marker", "checkpoint", "grace" }, {
    grace = { default = 120, help = "seconds to wait for a graceful stop before killing" },
  }),
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)

local app = stage("find", function()
  local a = deploy.find(t, { states = { "ACCEPTED", "RUNNING" } })
  if not a then log.warn("nothing running", { app = params.app }) end
  return a
end)

if app and params.marker then
  -- The job polls a stop marker: the same drain a redeploy does.
  stage("drain", function()
    deploy.drain(t, app, { marker = params.marker, grace = params.grace, checkpoint = params.checkpoint })
  end)
elseif app and not t.cluster then
  -- YARN without EMR has no step to interrupt: without a stop marker the only stop is a kill.
  stage("kill", function()
    log.warn("no stop marker (-p marker) and no EMR step to interrupt: killing", { app = app.id })
    t.rm:kill(app, { diagnostics = "graceful-stop without a stop marker by sparkdeploy" })
  end)
elseif app then
  stage("interrupt", function()
    for _, s in ipairs(deploy.steps(t, { "RUNNING", "PENDING" })) do
      emr.cancel_steps(t.cluster, { s.id }, { option = "SEND_INTERRUPT" })
    end
  end)

  local stopped = stage("wait", function()
    if dry_run then return true end
    local ok = pcall(t.rm.wait_app, t.rm, app.id, { states = { "FINISHED", "KILLED", "FAILED" }, timeout = params.grace })
    return ok
  end)

  if not stopped then
    stage("kill", function()
      log.warn("grace period over: killing", { app = app.id, grace = params.grace })
      t.rm:kill(app, { diagnostics = "graceful stop timed out after " .. params.grace .. " s" })
    end)
  end
end
