-- Show one job's state across EMR and YARN: the cluster, the job's steps and its applications (on YARN
-- without EMR: the ResourceManager, the job's Livy batches and its applications).
local shared = require("params")
recipe {
  description = "Show a job's cluster, EMR steps and YARN applications as a table",
  params = shared.pick({ "cluster", "rm", "livy", "submit", "app" }, {
    limit = { type = "integer", default = 10, min = 1, help = "how many recent steps and apps to show" },
  }),
}

local deploy = require("deploy")
local t = deploy.target(params)

local function row(...) print(string.format("%-12s %-34s %-12s %s", ...)) end

stage("status", function()
  if t.cluster then
    print(string.format("cluster %s (%s) %s, release %s, step concurrency %s", t.cluster.id, t.cluster.name,
      t.cluster.state, t.cluster.release_label or "?", tostring(t.cluster.step_concurrency_level)))
  else
    print(string.format("YARN %s (no EMR), submit via %s%s", table.concat(t.rm.urls, ","), t.submitter.kind,
      t.submitter.url and (" " .. t.submitter.url) or ""))
  end
  row("KIND", "ID", "STATE", "DETAIL")
  local steps = deploy.steps(t, nil)
  for i = 1, math.min(#steps, params.limit) do
    local s = steps[i]
    row("step", s.id, s.state, s.spark and s.spark.jar or "")
  end
  if t.livy then
    local shown = 0
    local batches = t.livy:batches()
    for i = #batches, 1, -1 do
      local b = batches[i]
      local name = b.name or ""
      if shown < params.limit and (name == params.app or name:sub(1, #params.app + 1) == params.app .. "-") then
        row("batch", tostring(b.id), b.state, name .. " " .. (b.app_id or "(no app yet)"))
        shown = shown + 1
      end
    end
  end
  local apps = deploy.find(t, { all = true })
  table.sort(apps, function(a, b) return (a.started_at or 0) > (b.started_at or 0) end)
  for i = 1, math.min(#apps, params.limit) do
    local a = apps[i]
    row("app", a.id, a.state, (a.final_status or "") .. " " .. os.date("!%Y-%m-%dT%H:%M:%SZ", math.floor(a.started_at or 0)))
  end
  return #apps
end)
