-- The modern route (EMR ≥ 5.28): cancel the RUNNING step with StepCancellationOption, confirm the
-- YARN app is gone (in cluster mode the driver can survive the step's process: kill it then),
-- submit the new build and verify it holds RUNNING.
local shared = require("params")
recipe {
  description = "Redeploy by cancelling the RUNNING step (CancelSteps, EMR >= 5.28), confirming the app is gone, then submitting the new build",
  params = shared.pick({ "cluster", "rm", "livy", "submit", "app", "jar", "class", "args", "conf", "ready_timeout", "settle", "progress", "min_batches", "stop_timeout", "rollback" }, {
    stop_timeout = { help = "seconds for the old app to go away" },
    option = { default = "TERMINATE_PROCESS", choices = { "SEND_INTERRUPT", "TERMINATE_PROCESS" }, help = "StepCancellationOption" },
  }),
}

local deploy = require("deploy")
deploy.require_emr(params, "redeploy-via-cancel", "it cancels the running EMR step")
local t = deploy.target(params)
deploy.lock(t)

local current = stage("inspect", function()
  local release = t.cluster.release_label or ""
  local major, minor = release:match("emr%-(%d+)%.(%d+)")
  if major and (tonumber(major) < 5 or (tonumber(major) == 5 and tonumber(minor) < 28)) then
    fail("cluster " .. t.cluster.id .. " runs " .. release .. ": cancelling RUNNING steps needs EMR >= 5.28; use redeploy-streaming")
  end
  return deploy.inspect(t, deploy.build_from(params))
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
