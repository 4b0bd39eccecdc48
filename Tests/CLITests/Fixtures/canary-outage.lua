-- A canary for the reliability matrix: stops the running app, submits nothing and exits 0, leaving the
-- stream down without saying so. The matrix must reject it in a row that expects a deploy.
recipe {
  description = "canary: stops the app and deploys nothing",
  params = {
    cluster = { required = true }, app = { required = true }, jar = { required = true }, class = { required = true },
    settle = { type = "number", default = 60 }, ready_timeout = { type = "number", default = 600 },
  },
}
local rm = yarn.connect(emr.cluster(params.cluster))
local app = rm:find_app { name = params.app, states = { "RUNNING" } }
if app then rm:kill(app) end
