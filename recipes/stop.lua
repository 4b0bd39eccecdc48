-- Stop a running application by exact name: kill it over the ResourceManager REST API and wait
-- for a terminal state. Refuses when several apps match unless all=true.
local shared = require("params")
recipe {
  description = "Stop a Spark application by exact name (YARN kill, waits for a terminal state)",
  params = shared.pick({ "cluster", "rm", "livy", "submit", "app", "stop_timeout" }, {
    all = { type = "boolean", default = false, help = "stop every matching app instead of refusing ambiguity" },
    stop_timeout = { help = "seconds to wait for each app to stop" },
    cancel_steps = { type = "boolean", default = true, help = "also cancel the app's PENDING/RUNNING EMR steps (EMR only)" },
  }),
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)

local apps = stage("find", function()
  local states = { "NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED", "RUNNING" }
  if params.all then return deploy.find(t, { states = states, all = true }) end
  local one = deploy.find(t, { states = states })
  return one and { one } or {}
end)

stage("kill", function()
  if #apps == 0 then log.warn("nothing to stop", { app = params.app }) end
  for _, app in ipairs(apps) do
    local r = t.rm:kill(app, { timeout = params.stop_timeout, diagnostics = "stopped by sparkdeploy" })
    log.info("stopped", { app = app.id, state = r.state })
  end
end)

if params.cancel_steps and t.cluster then
  stage("cancel steps", function()
    for _, s in ipairs(deploy.steps(t, { "PENDING", "RUNNING" })) do
      emr.cancel_steps(t.cluster, { s.id }, { option = "TERMINATE_PROCESS" })
    end
  end)
end
