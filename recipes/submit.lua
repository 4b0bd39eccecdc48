-- Submit a Spark job as an EMR step (on YARN without EMR: a Livy batch, or spark-submit) and wait for
-- it to run. Refuses when a copy is already running or a step of the same name is PENDING or RUNNING
-- (nothing duplicated).
local shared = require("params")
recipe {
  description = "Submit a Spark job as an EMR step (ActionOnFailure=CONTINUE) and verify it reaches RUNNING",
  params = shared.pick(shared.deploy, {
    ready_timeout = { help = "seconds to reach RUNNING" },
    settle = { default = 30, help = "seconds it must hold RUNNING" },
  }),
}

local deploy = require("deploy")
local t = deploy.target(params)
deploy.lock(t)

stage("check", function()
  local running = deploy.find(t, { states = { "ACCEPTED", "RUNNING" } })
  if running then fail(params.app .. " is already running as " .. running.id .. "; use redeploy-streaming") end
  deploy.guard(t)
end)

local step = stage("submit", function() return deploy.submit(t, deploy.build_from(params)) end)
stage("verify", function() deploy.verified_or_stopped(t, step, params, "build " .. params.jar) end)
