-- The modern route (EMR ≥ 5.28): cancel the RUNNING step with StepCancellationOption, confirm the
-- YARN app is gone (in cluster mode the driver can survive the step's process: kill it then),
-- submit the new build and verify it holds RUNNING.
recipe {
  description = "Redeploy by cancelling the RUNNING step (CancelSteps, EMR >= 5.28), confirming the app is gone, then submitting the new build",
  params = {
    cluster       = { required = true, nonempty = true, help = "EMR cluster id (j-…) or exact name of an active cluster" },
    app           = { required = true, nonempty = true, help = "application and step name" },
    jar           = { required = true, nonempty = true, pattern = { "^s3://", "^hdfs://", "^file://" }, help = "s3:// URI of the new build" },
    class         = { required = true, nonempty = true, help = "main class" },
    args          = { type = "list", default = {}, help = "application arguments, comma-separated" },
    conf          = { type = "list", default = {}, help = "spark conf entries key=value, comma-separated" },
    option        = { default = "TERMINATE_PROCESS", choices = { "SEND_INTERRUPT", "TERMINATE_PROCESS" }, help = "StepCancellationOption" },
    ready_timeout = { type = "number", default = 600, min = 1, help = "seconds for the new app to reach RUNNING" },
    settle        = { type = "number", default = 60, min = 0, help = "seconds the new app must hold RUNNING" },
    stop_timeout  = { type = "number", default = 180, min = 1, help = "seconds for the old app to go away" },
    rollback      = { type = "boolean", default = true, help = "resubmit the previous build when the new one fails" },
  },
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)

local current = stage("inspect", function()
  local release = t.cluster.release_label or ""
  local major, minor = release:match("emr%-(%d+)%.(%d+)")
  if major and (tonumber(major) < 5 or (tonumber(major) == 5 and tonumber(minor) < 28)) then
    fail("cluster " .. t.cluster.id .. " runs " .. release .. ": cancelling RUNNING steps needs EMR >= 5.28; use redeploy-streaming")
  end
  local c = deploy.reattach(t, deploy.current(t), deploy.build_from(params))
  deploy.guard(t, c)
  return c
end)

-- Cancelling the old step, confirming its app is gone and submitting the new build is the
-- "swap" (deploy.replace): a signal meanwhile waits until the new build is submitted.
deploy.replace(t, current.build, deploy.build_from(params), params, function()
  stage("cancel old step", function()
    if not current.step then return log.warn("no RUNNING step to cancel", { app = params.app }) end
    local results = emr.cancel_steps(t.cluster, { current.step.id }, { option = params.option })
    for _, r in ipairs(results) do
      if r.status ~= "SUBMITTED" and r.status ~= "DRY_RUN" then fail("CancelSteps refused " .. r.step_id .. ": " .. tostring(r.reason)) end
    end
    if dry_run then return end
    emr.wait_step(t.cluster, current.step, { "CANCELLED", "FAILED", "COMPLETED", "INTERRUPTED" }, { timeout = params.stop_timeout })
  end)

  stage("confirm app gone", function()
    if not current.app or dry_run then return end
    local ok, gone = pcall(t.rm.wait_app, t.rm, current.app.id, { states = { "KILLED", "FINISHED", "FAILED" }, timeout = 30 })
    if ok then
      deploy.stopped(t, gone)
    else
      log.warn("driver survived the step cancellation: killing it", { app = current.app.id })
      deploy.stopped(t, t.rm:kill(current.app, { timeout = params.stop_timeout, diagnostics = "step cancelled by sparkdeploy" }))
    end
  end)
end, current.adopt)
log.info("deployed", { app = params.app, build = params.jar, running = deploy.describe_running(t) })
