-- The params deploy recipes share, declared once. A recipe picks the ones it takes and may override
-- fields of each (a default, the help text) or add its own:
--   local shared = require("params")
--   recipe { params = shared.pick({ "cluster", "app", "jar" }, { settle = { default = 30 }, extra = { type = "boolean" } }) }
local M = {}

M.specs = {
  cluster       = { nonempty = true, help = "EMR cluster id (j-…) or exact name of an active cluster; omit it for YARN without EMR (rm, livy or submit)" },
  rm            = { type = "list", nonempty = true, pattern = { "^https?://" }, help = "YARN without EMR: ResourceManager URL(s), comma-separated for HA (default --yarn, SPARKDEPLOY_YARN_URL, YARN_CONF_DIR)" },
  livy          = { nonempty = true, pattern = { "^https?://" }, help = "YARN without EMR: Apache Livy URL the build is submitted to (default --livy, SPARKDEPLOY_LIVY_URL)" },
  submit        = { choices = { "livy", "spark-submit" }, help = "YARN without EMR: how the build reaches YARN: livy (the default) or spark-submit (needs --allow-exec)" },
  app           = { required = true, nonempty = true, help = "Spark application name as YARN lists it (spark.app.name), also the EMR step name" },
  jar           = { required = true, nonempty = true, pattern = { "^s3://", "^hdfs://", "^file://" }, help = "s3:// URI of the build" },
  class         = { required = true, nonempty = true, help = "main class" },
  args          = { type = "list", default = {}, help = "application arguments, comma-separated" },
  conf          = { type = "list", default = {}, help = "spark conf entries key=value, comma-separated" },
  ready_timeout = { type = "number", default = 600, min = 1, help = "seconds for the new app to reach RUNNING" },
  settle        = { type = "number", default = 60, min = 0, help = "seconds the new app must hold RUNNING" },
  stop_timeout  = { type = "number", default = 180, min = 1, help = "seconds for the old app to stop" },
  rollback      = { type = "boolean", default = true, help = "resubmit the previous build when the new one fails" },
  progress      = { type = "boolean", default = true, help = "require progress, not just RUNNING: Spark jobs complete (Spark UI via the RM proxy); false for jobs without a UI" },
  stop          = { choices = { "drain", "kill" }, help = "how the running app stops: drain (stop marker, then kill after grace; the default with -p marker) or kill" },
  marker        = { pattern = { "^s3://", "^hdfs://", "^file://" }, help = "stop-marker URI the job polls (spark.sparkdeploy.stopMarker): its presence means finish after the current batch" },
  checkpoint    = { pattern = { "^s3://", "^hdfs://", "^file://" }, help = "the query's checkpoint URI: checked before anything stops, snapshotted for rollback, proven past after" },
  grace         = { type = "number", default = 300, min = 0, help = "seconds a drain waits for the app to finish its batch before killing it" },
  min_batches   = { type = "integer", default = 2, min = 1, help = "Spark jobs or micro-batches the new app must complete within ready_timeout (with progress)" },
}

--- The shared specs named in `names`, each copied and overridden by `extra[name]`, plus every entry of
--- `extra` that names no shared spec.
function M.pick(names, extra)
  extra = extra or {}
  local out = {}
  for _, name in ipairs(names) do
    local spec = M.specs[name]
    if not spec then error("params.pick: no shared param '" .. tostring(name) .. "'", 2) end
    local copy = {}
    for k, v in pairs(spec) do copy[k] = v end
    for k, v in pairs(extra[name] or {}) do copy[k] = v end
    out[name] = copy
  end
  for name, spec in pairs(extra) do
    if out[name] == nil then out[name] = spec end
  end
  return out
end

--- The params that name the target: an EMR cluster, or YARN without EMR (a ResourceManager and a submitter).
M.target = { "cluster", "rm", "livy", "submit" }

--- The params every build-deploying recipe takes: target, build, timings.
M.deploy = { "cluster", "rm", "livy", "submit", "app", "jar", "class", "args", "conf", "ready_timeout", "settle", "progress", "min_batches" }

return M
