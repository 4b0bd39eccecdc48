-- Shared building blocks for deploy recipes: resolve the cluster and its ResourceManager,
-- find what is running, guard against concurrent deploys, submit and verify a build, roll back.
-- Recipes use it with `local deploy = require("deploy")`.
local M = {}

local live_states = { "NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED", "RUNNING" }
local live = {}
for _, state in ipairs(live_states) do live[state] = true end

--- The platform a deploy runs on: an EMR cluster (`-p cluster`: by id or unique active name, and its
--- ResourceManager), or — with no cluster — a YARN-only target: a ResourceManager (`-p rm=URL[,URL]`, else
--- --yarn / $SPARKDEPLOY_YARN_URL / $YARN_CONF_DIR) and a submitter (`-p livy=URL`, else --livy /
--- $SPARKDEPLOY_LIVY_URL; or `-p submit=spark-submit`, which needs yarn.spark_submit and --allow-exec).
--- `t.platform` is "emr" or "yarn"; on YARN `t.cluster` is nil and what runs is found by the app's tags.
function M.target(p)
  if rawget(p, "cluster") == nil then return M.yarn_target(p) end
  local cluster = emr.cluster(p.cluster)
  local rm = yarn.connect(cluster)
  log.info("target resolved", { cluster = cluster.id, name = cluster.name, state = cluster.state,
                                rm = table.concat(rm.urls, ","), concurrency = cluster.step_concurrency_level })
  -- How long a deploy of these params may still be verifying its copy (see M.guard). rawget: a recipe
  -- without these params (stop, status) has a strict params table that refuses to read them.
  local t = { cluster = cluster, rm = rm, app = p.app, platform = "emr", id = cluster.id,
              verify_window = (rawget(p, "ready_timeout") or 600) + (rawget(p, "settle") or 0) }
  -- Every exit of the run (success, failure, deadline, signal) ends with `now: …` (M.describe_running).
  describe_now(function() return M.describe_running(t) end)
  return t
end

--- The message of a configuration error without its location ("…: no ResourceManager configured").
local function reason(err)
  return (tostring(err):gsub("^[^\n:]+%.lua:%d+: ", ""))
end

--- A YARN-only target (no `-p cluster`): the ResourceManager and the submitter, or a failure naming
--- what is missing. No request is sent here.
function M.yarn_target(p)
  local rm_param, livy_param, route = rawget(p, "rm"), rawget(p, "livy"), rawget(p, "submit")
  local ok_rm, rm = pcall(yarn.connect, rm_param and table.concat(rm_param, ",") or nil)
  if not ok_rm then
    fail(string.format("no target: give -p cluster=<EMR cluster id or name>, or for YARN without EMR a ResourceManager "
      .. "(-p rm=URL[,URL], --yarn, SPARKDEPLOY_YARN_URL or YARN_CONF_DIR) and a submitter (-p livy=URL or "
      .. "-p submit=spark-submit); no ResourceManager: %s", reason(rm)))
  end
  local submitter
  if route == "spark-submit" then
    -- Checked here, before anything is stopped: a redeploy must not kill the old copy and then find it cannot submit.
    if M.spark_submit() == nil or not exec.allowed() then
      fail("spark-submit route needs --allow-exec (it runs spark-submit on this machine)", { usage = true })
    end
    local found, program = yarn.spark_submit_program()
    if found == nil then
      fail(string.format("spark-submit route: %s not found (set $SPARK_HOME, or put spark-submit on PATH)", program),
        { usage = true })
    end
    submitter = { kind = "spark-submit" }
  else
    local ok_livy, server = pcall(livy.server, livy_param)
    if not ok_livy then
      fail(string.format("YARN-only target (no -p cluster) at %s: no submitter; give -p livy=URL (or --livy, "
        .. "SPARKDEPLOY_LIVY_URL) or -p submit=spark-submit (with --allow-exec), or -p cluster=… for EMR (%s)",
        table.concat(rm.urls, ","), reason(server)))
    end
    submitter = { kind = "livy", server = server, url = server.url }
  end
  local hosts = {}
  for i, url in ipairs(rm.urls) do hosts[i] = (url:gsub("^%a+://", ""):gsub("/+$", "")) end
  table.sort(hosts)
  local t = { rm = rm, app = p.app, platform = "yarn", id = "yarn:" .. table.concat(hosts, ","), submitter = submitter,
              livy = submitter.server, app_tag = M.app_tag(p.app), builds = {}, submitted = {},
              verify_window = (rawget(p, "ready_timeout") or 600) + (rawget(p, "settle") or 0) }
  log.info("target resolved", { platform = "yarn (no EMR)", rm = table.concat(rm.urls, ","), submit = submitter.kind,
                                livy = submitter.url or "-" })
  describe_now(function() return M.describe_running(t) end)
  return t
end

--- The host's `yarn.spark_submit{jar, class, args, conf, name, queue, tags, master, deploy_mode, timeout}` →
--- {app_id, exit_code, command, output_tail} (the spark-submit route, --allow-exec), nil where it is not registered.
function M.spark_submit()
  return yarn.spark_submit -- luacheck: ignore 143 (registered with the spark-submit route)
end

--- Refuses (exit 2, before anything is touched) to run `recipe` on a YARN-only target: it needs EMR for `what`.
function M.require_emr(p, recipe_name, what)
  if rawget(p, "cluster") ~= nil then return end
  fail(string.format("%s is EMR-only (%s) and no -p cluster was given: on YARN without EMR use redeploy-streaming, "
    .. "submit, stop, status or graceful-stop", recipe_name, what), { usage = true })
end

--- The YARN tag every copy of `app` a YARN-only deploy starts carries (YARN lower-cases tags; a tag has no commas).
function M.app_tag(app)
  return "sparkdeploy-app:" .. (app or ""):lower():gsub("[^%w%-_.]", "_"):sub(1, 80)
end

--- 64-bit FNV-1a of `text`, 16 hex digits: a build's identity in its YARN tag (not a security digest).
local function fnv1a(text)
  local h = -3750763034362895579 -- 0xcbf29ce484222325
  for i = 1, #text do
    h = (h ~ text:byte(i)) * 1099511628211
  end
  return string.format("%016x", h)
end

--- The digest of a build (jar, class, args, conf): equal builds have equal digests; carried by the
--- YARN tag `sparkdeploy-build:<digest>` of every copy a YARN-only deploy starts.
function M.build_digest(build)
  local keys = {}
  for k in pairs(build.conf or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  local conf = {}
  for i, k in ipairs(keys) do conf[i] = k .. "=" .. tostring(build.conf[k]) end
  return fnv1a(table.concat({ build.jar or "", build.class or "", table.concat(build.args or {}, "\0"),
                              table.concat(conf, "\0") }, "\n"))
end

--- Whether `app` (a YARN app) is a copy of the target's app on YARN: named exactly like it (started by hand or
--- another tool), or named `<app>-…` and tagged `sparkdeploy-app:<app>` (started by a YARN-only deploy).
function M.is_copy(t, app)
  if app.name == t.app then return true end
  if app.name:sub(1, #t.app + 1) ~= t.app .. "-" then return false end
  for _, tag in ipairs(app.tags or {}) do
    if tag == t.app_tag then return true end
  end
  return false
end

--- The app's copies matching `filter` (an AppFilter without name): on EMR rm:find_app with the app's name;
--- on YARN by name and by the app tag (M.is_copy), newest first. Like find_app: one copy or nil, an error
--- naming them when several match, or every match with `all = true`.
function M.find(t, filter)
  local f = {}
  for k, v in pairs(filter or {}) do f[k] = v end
  if t.platform ~= "yarn" then
    f.name = t.app
    return t.rm:find_app(f)
  end
  local want_all = f.all
  f.all = true
  local lists
  if f.tags then
    lists = { t.rm:find_app(f) }
  else
    local by_name, by_tag = {}, {}
    for k, v in pairs(f) do by_name[k], by_tag[k] = v, v end
    by_name.name, by_tag.tags = t.app, { t.app_tag }
    lists = { t.rm:find_app(by_name), t.rm:find_app(by_tag) }
  end
  local seen, copies = {}, {}
  for _, list in ipairs(lists) do
    for _, app in ipairs(list) do
      if not seen[app.id] and M.is_copy(t, app) then
        seen[app.id] = true
        copies[#copies + 1] = app
      end
    end
  end
  table.sort(copies, function(a, b)
    if (a.started_at or 0) ~= (b.started_at or 0) then return (a.started_at or 0) > (b.started_at or 0) end
    return a.id > b.id
  end)
  if want_all then return copies end
  if #copies > 1 then
    local ids = {}
    for i, app in ipairs(copies) do ids[i] = app.id .. " (" .. app.state .. ")" end
    fail(string.format("%d copies of %s match: %s", #copies, t.app, table.concat(ids, ", ")))
  end
  return copies[1]
end

--- The build a YARN copy runs, from its `sparkdeploy-build:<digest>` tag and the builds recorded by earlier
--- deploys under the lock (`t.builds`, carried in the deploy journals: needs a lock store). Returns the build
--- (nil when not recorded) and the digest (nil when the copy was not started by a YARN-only deploy).
function M.build_of(t, app)
  if not app then return nil, nil end
  for _, tag in ipairs(app.tags or {}) do
    local digest = tag:match("^sparkdeploy%-build:(%x+)$")
    if digest then return t.builds and t.builds[digest] or nil, digest end
  end
  return nil, nil
end

--- The Livy batch behind YARN app `app` (nil without Livy or when no batch knows it).
function M.batch_of(t, app)
  if not t.livy or not app then return nil end
  for _, b in ipairs(t.livy:batches()) do
    if b.app_id == app.id then return b end
  end
  return nil
end

--- Remembers `build` (the one being submitted) in the deploy journal, so the deploy after this one knows what
--- a copy tagged with its digest runs: at most the 10 newest builds are carried on.
local function record_build(t, digest, build)
  local entry = { jar = build.jar, class = build.class, args = build.args or {}, conf = build.conf or {}, recorded_at = now() }
  t.builds[digest] = entry
  local order = {}
  for d, b in pairs(t.builds) do order[#order + 1] = { d = d, at = b.recorded_at or 0 } end
  table.sort(order, function(a, b) return a.at > b.at end)
  for i = 11, #order do t.builds[order[i].d] = nil end
  journal.note { builds = t.builds }
end

--- Refuses to run when another deploy of the same app holds the lock: this machine's, and with a lock
--- store (SPARKDEPLOY_LOCK_STORE, --lock-store) every runner's. Returns the lock; `lock.unfinished` is
--- the journal of a deploy under this lock that did not finish (see M.reattach).
--- On YARN the builds earlier deploys recorded (M.build_of) come from the last journal under the lock.
function M.lock(t)
  if t.platform == "yarn" then
    t.lease = lock("deploy:" .. t.id .. ":" .. t.app)
    t.own_tags = { [deploy_tag] = true }
    local before = t.lease.unfinished or t.lease.last
    for digest, build in pairs(before and before.notes and before.notes.builds or {}) do t.builds[digest] = build end
    journal.note { target = t.id, app = t.app, builds = t.builds }
    return t.lease
  end
  t.lease = lock("deploy:" .. t.cluster.id .. ":" .. t.app)
  t.own_tags = { [deploy_tag] = true }
  journal.note { cluster = t.cluster.id, app = t.app }
  return t.lease
end

--- Whether `tags` (a YARN app's tags, or a Spark step's spark.tags) include a tag of this deploy, or of
--- the unfinished deploy it continues.
function M.tagged(t, tags)
  for _, tag in ipairs(tags or {}) do
    if t.own_tags and t.own_tags[tag] then return true end
  end
  return false
end

--- Whether this run may stop `app`: this deploy started it (its tag), or it ran when this run inspected
--- the cluster. A copy another deploy started is never stopped.
function M.ours(t, app)
  return M.tagged(t, app.tags) or (t.inspected ~= nil and t.inspected[app.id] == true)
end

--- Whether step `s` is this deploy's, or was the app's step when this run inspected the cluster.
function M.own_step(t, s)
  return M.tagged(t, s.spark and s.spark.tags) or (t.inspected_steps ~= nil and t.inspected_steps[s.id] == true)
end

--- Steps in `states` (every state when nil), newest first: the app's, or the whole cluster's with `every_app`. During
--- M.inspect one ListSteps of every live state answers them all (`t.listed`); elsewhere each call asks EMR.
function M.steps(t, states, every_app)
  if not t.cluster then return {} end -- YARN without EMR: no steps
  local wanted = nil
  if states then
    wanted = {}
    for _, state in ipairs(states) do wanted[state] = true end
  end
  local out = {}
  local listed = states and t.listed or emr.steps(t.cluster, { states = states })
  for _, s in ipairs(listed) do
    if (not wanted or wanted[s.state]) and (every_app or s.name == t.app) then out[#out + 1] = s end
  end
  return out
end

--- The inspect stage of a redeploy: what runs now (M.current), continued from an unfinished deploy's
--- journal when there is one (M.reattach), refused when another deploy is in flight (M.guard) — all
--- from one listing of the cluster's live steps.
function M.inspect(t, build)
  if t.cluster then t.listed = emr.steps(t.cluster, { states = { "PENDING", "CANCEL_PENDING", "RUNNING" } }) end
  local ok, current = pcall(function()
    local c = M.reattach(t, M.current(t), build)
    M.guard(t, c)
    return c
  end)
  t.listed = nil
  if not ok then error(current, 0) end
  return current
end

--- What runs now: the YARN app (nil if none), the EMR step behind it and its build. Remembers every
--- live copy and step of the app as found here (M.ours), and notes them in the deploy journal.
function M.current(t)
  if t.platform == "yarn" then return M.current_on_yarn(t) end
  local app = t.rm:find_app { name = t.app, states = { "ACCEPTED", "RUNNING" } }
  local running = M.steps(t, { "RUNNING" })
  local step = running[1]
  local build = step and step.spark or nil
  t.inspected, t.inspected_steps = {}, {}
  if app then t.inspected[app.id] = true end
  for _, s in ipairs(M.steps(t, { "PENDING", "RUNNING" })) do t.inspected_steps[s.id] = true end
  log.info("current deployment", { app = app and app.id or "none", state = app and app.state or "-",
                                   step = step and step.id or "none", build = build and build.jar or "unknown" })
  journal.note { previous = { app = app and app.id or nil, step = step and step.id or nil, build = build } }
  return { app = app, step = step, build = build }
end

--- M.current on a YARN-only target: the copy (by name or app tag), its Livy batch, and its build from its
--- build tag and the recorded builds (unknown for a copy no YARN-only deploy started, or without a lock store).
function M.current_on_yarn(t)
  local app = M.find(t, { states = { "ACCEPTED", "RUNNING" } })
  local build, digest = M.build_of(t, app)
  local batch = M.batch_of(t, app)
  t.inspected, t.inspected_steps = {}, {}
  if app then t.inspected[app.id] = true end
  log.info("current deployment", { app = app and app.id or "none", state = app and app.state or "-",
                                   batch = batch and tostring(batch.id) or "none",
                                   build = build and build.jar or (digest and ("digest " .. digest .. ", not recorded") or "unknown") })
  journal.note { previous = { app = app and app.id or nil, batch = batch and batch.id or nil, build = build, digest = digest } }
  return { app = app, batch = batch, build = build }
end

local function same_build(a, b)
  if not a or not b or a.jar ~= b.jar or a.class ~= b.class then return false end
  return json.encode(a.args or {}) == json.encode(b.args or {}) and json.encode(a.conf or {}) == json.encode(b.conf or {})
end

--- Continues the deploy a run that died left unfinished (`t.lease.unfinished`, its journal): that
--- deploy's copies and steps count as this run's, the build that ran before it is the rollback target
--- (even though it may no longer run), and when it already submitted this same build its step is
--- adopted — verified, not submitted again (`current.adopt`). When the journal and the cluster disagree
--- (a copy runs that neither that deploy nor the one before it started), refuses unless --resume.
function M.reattach(t, current, build)
  local j = t.lease and t.lease.unfinished
  if not j then return current end
  local notes = j.notes or {}
  local before = notes.previous or {}
  if j.tag then t.own_tags[j.tag] = true end
  log.warn("continuing an unfinished deploy", { deploy = j.deploy_id, stage = j.stage or "-", journal = j.key,
                                                previous_build = before.build and before.build.jar or "unknown" })
  journal.note { reattached_to = j.deploy_id }
  if notes.previous == nil then
    -- It died before inspecting: it changed nothing, and what runs now is what ran before it.
    log.info("the unfinished deploy stopped before inspecting the cluster: nothing to continue", { deploy = j.deploy_id })
    return current
  end
  local app = current.app
  if app and not M.tagged(t, app.tags) and app.id ~= before.app then
    if not t.lease.resume then
      fail(string.format("the unfinished deploy %s (stage %s, journal %s) disagrees with the cluster: it recorded %s as the "
        .. "running copy, but %s runs now and neither it nor the deploy before it started that copy; rerun with --resume to "
        .. "continue it as recorded (stop %s, deploy, roll back to %s) or --abandon to start afresh from what runs now",
        j.deploy_id, j.stage or "-", j.key or "?", before.app or "no copy", app.id, app.id,
        before.build and before.build.jar or "nothing"))
    end
    log.warn("--resume: stopping a copy the journal does not know", { app = app.id })
  end
  if before.build then current.build = before.build end
  if t.platform == "yarn" then
    -- Its copy of this same build (its deploy tag and this build's digest) is adopted, not submitted again.
    local digest = M.build_digest(build)
    for _, copy in ipairs(M.find(t, { states = live_states, all = true })) do
      local _, copy_digest = M.build_of(t, copy)
      if M.tagged(t, copy.tags) and copy_digest == digest then
        current.adopt = { id = copy.id, app_id = copy.id, tag = j.tag, fence = (copy.started_at or 1) - 1 }
        log.info("the unfinished deploy already submitted this build: verifying its copy instead of submitting again",
                 { app = copy.id, state = copy.state, deploy = j.deploy_id })
        break
      end
    end
    return current
  end
  for _, s in ipairs(M.steps(t, { "PENDING", "RUNNING" })) do
    if M.tagged(t, s.spark and s.spark.tags) and same_build(s.spark, build) then
      s.tag = j.tag
      current.adopt = s
      log.info("the unfinished deploy already submitted this build: verifying its step instead of submitting again",
               { step = s.id, state = s.state, deploy = j.deploy_id })
      break
    end
  end
  return current
end

--- Refuses when a deploy is already in flight: a PENDING step for the app, a second RUNNING
--- one, or a step that would never start because the cluster runs one step at a time and
--- another job's step holds it.
function M.guard(t, current)
  M.guard_unshared(t, current)
  if t.platform == "yarn" then return M.guard_yarn(t) end
  local pending = {}
  for _, s in ipairs(M.steps(t, { "PENDING", "CANCEL_PENDING" })) do
    if not M.tagged(t, s.spark and s.spark.tags) then pending[#pending + 1] = s end
  end
  if #pending > 0 then
    fail(string.format("another deploy of %s is in flight: step %s is %s (build %s); refusing to submit a duplicate",
      t.app, pending[1].id, pending[1].state, pending[1].spark and pending[1].spark.jar or "?"))
  end
  local running = M.steps(t, { "RUNNING" })
  if #running > 1 then
    fail(string.format("%d RUNNING steps named %s (%s, %s): another deploy is in flight", #running, t.app, running[1].id, running[2].id))
  end
  if t.cluster.step_concurrency_level == 1 then
    for _, s in ipairs(M.steps(t, { "RUNNING" }, true)) do
      if s.name ~= t.app then
        fail(string.format("cluster %s has StepConcurrencyLevel 1 and step %s (%s) is RUNNING: a new step would stay PENDING behind it; "
          .. "stop that job or raise the level (emr.set_step_concurrency)", t.cluster.id, s.id, s.name))
      end
    end
  end
end

--- M.guard on a YARN-only target: refuses when two copies of the app are alive, or when a Livy batch of the
--- app that this run did not submit is still starting (its YARN app is yet to appear).
function M.guard_yarn(t)
  local copies = M.find(t, { states = live_states, all = true })
  local others = {}
  for _, app in ipairs(copies) do
    if not M.tagged(t, app.tags) then others[#others + 1] = app end
  end
  if #others > 1 then
    fail(string.format("%d live copies of %s (%s, %s): another deploy is in flight", #others, t.app, others[1].id, others[2].id))
  end
  local starting = M.starting_batches(t)
  if #starting > 0 then
    fail(string.format("another deploy of %s is in flight: Livy batch %d (%s) is %s and its YARN app is yet to start; "
      .. "refusing to submit a duplicate", t.app, starting[1].id, starting[1].name or "?", starting[1].state))
  end
end

--- Livy batches of the app (named `<app>` or `<app>-…`) without a YARN app yet, that this run did not submit.
function M.starting_batches(t)
  local out = {}
  if not t.livy then return out end
  for _, b in ipairs(t.livy:batches()) do
    local name = b.name or ""
    local mine = name == t.app or name:sub(1, #t.app + 1) == t.app .. "-"
    if mine and b.app_id == nil and (b.state == "starting" or b.state == "not_started") and not t.submitted[b.id] then
      out[#out + 1] = b
    end
  end
  return out
end

--- Without a lock store nothing tells this run whether the copy running now belongs to another deploy
--- still verifying it (the progress gate and settle take minutes): a copy another sparkdeploy deploy
--- started (its `sparkdeploy-…` tag) less than this run's verify window ago (ready_timeout + settle, by
--- the RM's own elapsed time) counts as in flight, and this run refuses rather than stop it.
function M.guard_unshared(t, current)
  local app = current and current.app
  if not app or (t.lease and t.lease.lease) then return end
  local foreign = nil
  for _, tag in ipairs(app.tags or {}) do
    -- Deploy tags only: a YARN-only deploy's `sparkdeploy-app:…`/`sparkdeploy-build:…` tags name no deploy.
    if tag:match("^sparkdeploy%-") and not tag:find(":", 1, true) and not (t.own_tags and t.own_tags[tag]) then foreign = tag end
  end
  local window = t.verify_window or 660
  if foreign and app.elapsed and app.elapsed < window then
    fail(string.format("another deploy of %s may be in flight: its copy %s (%s) started %d s ago, within the %d s a deploy "
      .. "may take to verify it, and without a lock store this run cannot tell whether that deploy is done; refusing to "
      .. "stop a copy another deploy started (use a lock store, --lock-store, or retry later)",
      t.app, app.id, foreign, math.floor(app.elapsed), math.floor(window)))
  end
end

--- How far apart this machine's clock and the RMs' may be, in seconds (see M.fence).
M.clock_tolerance = 3600

--- Notes that `stopped` (a kill result or an app) has stopped: a copy that starts later is a new one.
--- Its finished_at is the RM's clock, the clock app start times use. Returns `stopped`.
function M.stopped(t, stopped)
  local at = stopped and stopped.finished_at
  if at and at > (t.fence or 0) then t.fence = at end
  return stopped
end

--- When the last copy of the app stopped, by the RM's clock: the new app is the one that starts later.
--- (An EMR step's created_at would compare two services' clocks: EMR running ahead hid the new app.)
--- Known from this run's kills; otherwise read from the copies that stopped within M.clock_tolerance
--- (a bounded list), or that window's start when none did.
function M.fence(t)
  if t.fence then return t.fence end
  local window = now() - M.clock_tolerance
  local fence = window
  for _, app in ipairs(M.find(t, { all = true, finished_after = window })) do
    if app.finished_at and app.finished_at > fence then fence = app.finished_at end
  end
  t.fence = fence
  return fence
end

--- Adds the Spark step for `build` and returns it, with `fence` (see M.fence) taken just before and
--- the deploy tag its app will carry. Refuses first when a step of the app that this run neither
--- started nor found at inspect is PENDING or RUNNING: another deploy got there in between.
function M.submit(t, build)
  if t.platform == "yarn" then return M.submit_on_yarn(t, build) end
  for _, s in ipairs(M.steps(t, { "PENDING", "RUNNING" })) do
    if not M.own_step(t, s) then
      t.yielded = true
      fail(string.format("another deploy of %s submitted step %s (%s, build %s) while this one ran; not submitting a second copy",
        t.app, s.id, s.state, s.spark and s.spark.jar or "?"))
    end
  end
  local fence = M.fence(t)
  local step = emr.add_spark_step(t.cluster, {
    name = t.app, jar = build.jar, class = build.class, args = build.args, conf = build.conf,
    deploy_mode = build.deploy_mode or "cluster", action_on_failure = "CONTINUE",
  })
  step.fence = fence
  step.tag = deploy_tag
  return step
end

--- M.submit on a YARN-only target: the build goes to YARN through Livy (a batch named `<app>-<deploy id>[-n]`,
--- unique as Livy requires) or spark-submit (yarn.spark_submit, --allow-exec), its copy tagged with this deploy's
--- tag, the app tag and the build's digest (recorded in the journal). Returns {id, app_id?, batch?, fence, tag}.
--- Refuses first when a copy or starting batch of the app that this run neither started nor found appeared.
function M.submit_on_yarn(t, build)
  for _, app in ipairs(M.find(t, { states = live_states, all = true })) do
    if not M.ours(t, app) then
      t.yielded = true
      fail(string.format("another deploy of %s started copy %s (%s) while this one ran; not submitting a second copy",
        t.app, app.id, app.state))
    end
  end
  local starting = M.starting_batches(t)
  if #starting > 0 then
    t.yielded = true
    fail(string.format("another deploy of %s submitted Livy batch %d (%s) while this one ran; not submitting a second copy",
      t.app, starting[1].id, starting[1].name or "?"))
  end
  local fence = M.fence(t)
  local digest = M.build_digest(build)
  record_build(t, digest, build)
  t.submissions = (t.submissions or 0) + 1
  local name = t.app .. "-" .. deploy_id .. (t.submissions > 1 and ("-" .. t.submissions) or "")
  local tags = { deploy_tag, t.app_tag, "sparkdeploy-build:" .. digest }
  local step
  if t.submitter.kind == "spark-submit" then
    local spark_submit = M.spark_submit()
    if spark_submit == nil then
      fail("spark-submit route needs yarn.spark_submit (--allow-exec)")
    end
    local r = spark_submit { jar = build.jar, class = build.class, args = build.args, conf = build.conf, name = name,
                                  tags = tags, master = "yarn", deploy_mode = "cluster" }
    if r.exit_code and r.exit_code ~= 0 and not r.dry_run then
      fail(string.format("spark-submit of %s exited %s: %s", name, tostring(r.exit_code), tostring(r.output_tail or "")))
    end
    step = { id = r.app_id or name, app_id = r.app_id, name = name }
  else
    local b = t.livy:submit { file = build.jar, class = build.class, args = build.args, conf = build.conf, name = name,
                              tags = tags }
    if b.id and b.id >= 0 then t.submitted[b.id] = true end
    step = { id = "batch " .. tostring(b.id), batch = b, app_id = b.app_id, name = name }
  end
  step.fence = fence
  step.tag = deploy_tag
  step.digest = digest
  log.info("submitted", { name = name, via = t.submitter.kind, digest = digest, app = step.app_id or "-" })
  return step
end

--- Two deploys of the same app overlapped (possible only without a lock store): the copy that started
--- later yields. Stops this run's own copy `app` when another deploy's copy started first; never the other.
local function yield_to_earlier_copy(t, app)
  for _, other in ipairs(M.find(t, { states = { "ACCEPTED", "RUNNING" }, all = true })) do
    if other.id ~= app.id and not M.ours(t, other) then
      local first = (other.started_at or 0) < (app.started_at or 0)
        or ((other.started_at or 0) == (app.started_at or 0) and other.id < app.id)
      if first then
        t.yielded = true
        M.stopped(t, t.rm:kill(app, { diagnostics = "yielded to an overlapping deploy by sparkdeploy" }))
        fail(string.format("another deploy of %s overlapped this one: its copy %s started first, so this run stopped its own copy %s",
          t.app, other.id, app.id))
      end
    end
  end
end

--- Waits for the step and its YARN app to be RUNNING, then — healthy, not just RUNNING — for the app to
--- complete `p.min_batches` Spark jobs or micro-batches (default 2) with no failed job and an executor
--- alive, within `p.ready_timeout` of reaching RUNNING; then requires it to hold RUNNING for `p.settle`
--- seconds while jobs keep completing. `p.progress = false` turns the Spark checks off (jobs without a UI).
--- (The old form verify(t, step, ready_timeout, settle) still works.)
function M.verify(t, step, p, settle)
  if type(p) ~= "table" then p = { ready_timeout = p, settle = settle } end
  -- rawget: params are strict, and a recipe need not declare the optional ones.
  local ready_timeout, hold = rawget(p, "ready_timeout") or 600, rawget(p, "settle") or 0
  local gated = rawget(p, "progress") ~= false
  if dry_run then
    log.info("dry-run: would wait for the step and its app to be RUNNING and making progress, then hold",
             { step = step.id, settle = hold, progress = tostring(gated) })
    return nil
  end
  local app
  if t.platform == "yarn" then
    -- The submission names its app: spark-submit read it from its output, Livy links it to the batch.
    local app_id = step.app_id
    if not app_id and not step.batch then
      fail(string.format("submission %s reported no YARN application id: cannot tell which app to verify", step.id))
    end
    if not app_id then app_id = t.livy:await_app(step.batch.id, { timeout = ready_timeout }) end
    step.app_id = app_id
    app = t.rm:wait_app(app_id, { state = "RUNNING", timeout = ready_timeout })
    log.info("new app running", { app = app.id, submission = step.id })
  else
    local started = emr.wait_step(t.cluster, step, { "RUNNING", "COMPLETED" }, { timeout = ready_timeout })
    if started.state ~= "RUNNING" then
      fail(string.format("step %s is %s, not RUNNING: a streaming job must not finish", step.id, started.state))
    end
    -- The new app started after every earlier copy stopped (step.fence, by the RM's own clock, so
    -- EMR's clock running ahead cannot hide it): none of those can be mistaken for it.
    app = t.rm:wait_app({ name = t.app, tags = { step.tag or deploy_tag } },
                        { state = "RUNNING", timeout = ready_timeout, submitted_after = step.fence })
    log.info("new app running", { app = app.id, step = step.id })
  end
  yield_to_earlier_copy(t, app)
  local stall = nil
  if gated then
    local seen = t.rm:await_progress(app, { min_batches = rawget(p, "min_batches") or 2, timeout = ready_timeout })
    log.info("new app making progress", { app = app.id, jobs = seen.completed_jobs, executors = seen.active_executors,
                                          pace = seen.batch_interval and string.format("%.1fs", seen.batch_interval) or "-" })
    -- A stall is judged by the pace the app showed: three batches' worth, never less than settle or 30 s.
    stall = math.max(hold, 30, 3 * (seen.batch_interval or 0))
  end
  M.prove_checkpoint(t, app, ready_timeout)
  if hold > 0 then t.rm:hold(app, "RUNNING", hold, gated and { progress = true, stall_timeout = stall } or nil) end
  return app
end

--- The message of a failure without its location and client prefix: "application_… completed no …".
local function cause_of(err)
  local text = tostring(err)
  text = text:gsub("^[^\n:]+%.lua:%d+: ", "")
  text = text:gsub("^YARN %S+ failed %b(): ", "")
  text = text:gsub("; app application_%d+_%d+.*$", "")
  return text
end

--- Reports why `step` (this run's, for `subject`) failed with `err`: its YARN app diagnosed
--- (rm:diagnose: diagnostics, attempts, the AM's stderr tail, failed Spark jobs) and the EMR step's
--- FailureDetails, under `why:` in the summary. Collecting never fails the run.
function M.explain(t, step, err, subject)
  if dry_run or not step or not step.id then return end
  local ok, problem = pcall(function()
    local report = {}
    local copies = M.find(t, { tags = { step.tag or deploy_tag }, all = true, started_after = step.fence })
    local newest = nil
    for _, app in ipairs(copies) do
      if not newest or (app.started_at or 0) > (newest.started_at or 0) then newest = app end
    end
    if newest then report = t.rm:diagnose(newest) end
    if t.cluster then
      local ok_step, described = pcall(emr.step, t.cluster, step.id)
      if ok_step then report.step = described end
    end
    report.subject, report.cause = subject, cause_of(err)
    why(report)
  end)
  if not ok then log.warn("could not collect why the deploy failed", { error = tostring(problem) }) end
end

--- M.verify, and on failure M.explain before the error goes on.
function M.verified(t, step, p, subject)
  local ok, err = pcall(M.verify, t, step, p)
  if ok then return err end
  if not t.yielded then M.explain(t, step, err, subject) end
  error(err, 0)
end

--- M.verified for a build with nothing to roll back to (submit, recreate-cluster): when it fails, the
--- copies this run started are stopped too (an unhealthy copy left RUNNING holds the cluster and its
--- step slot), and the failure says what runs now.
function M.verified_or_stopped(t, step, p, subject)
  local ok, err = pcall(M.verified, t, step, p, subject)
  if ok then return err end
  if dry_run or t.yielded then error(err, 0) end
  local stopped, problem = pcall(M.stop_all, t, rawget(p, "stop_timeout") or 180)
  fail(string.format("%s failed: %s; %s", subject, tostring(err),
    stopped and "stopped the copy this run started (no previous build to restore)"
      or ("stopping the copy this run started failed too: " .. tostring(problem))))
end

--- Whether a storage URI is local to one node (a driver elsewhere cannot see it).
local function node_local(uri)
  return uri:match("^file:") ~= nil
end

--- The query id a running Structured Streaming app reports (its SQL executions name `id = <uuid>`),
--- nil when it reports none or its UI cannot be read.
function M.reported_query_id(t, app)
  local ok, executions = pcall(function() return t.rm:spark(app):sql() end)
  if not ok then return nil end
  for i = #executions, 1, -1 do
    local id = (executions[i].description or ""):match("id = (%x+%-%x+%-%x+%-%x+%-%x+)")
    if id then return id end
  end
  return nil
end

--- Checks, before anything is stopped, that the checkpoint `p.checkpoint` can carry the stream over:
--- it exists, it is not local to one node, and its query id is the running app's (when the app
--- reports one). Remembers its last commit (t.checkpoint_before). Refuses otherwise.
function M.preflight(t, current, p)
  local uri = p.checkpoint
  t.checkpoint = uri
  if node_local(uri) then
    fail(string.format("checkpoint %s is local to one node: a new driver on another node would start from nothing; "
      .. "use an s3:// or hdfs:// checkpoint", uri))
  end
  local cp = checkpoint.read(uri)
  if not cp.exists then
    fail(string.format("no checkpoint at %s: the new build would start from scratch (reprocess or skip data); "
      .. "check -p checkpoint", uri))
  end
  if current.app and current.app.state == "RUNNING" then
    local running_id = M.reported_query_id(t, current.app)
    if running_id and cp.query_id and running_id ~= cp.query_id then
      fail(string.format("the running app %s reports query id %s but checkpoint %s belongs to query %s: wrong checkpoint",
        current.app.id, running_id, uri, cp.query_id))
    end
  end
  t.checkpoint_before = cp
  log.info("checkpoint checked", { checkpoint = uri, query = cp.query_id or "-", latest_commit = cp.latest_commit or "none",
                                   in_flight = tostring(cp.in_flight) })
  return cp
end

--- Stops `app` gracefully: writes the stop marker the job polls (`opts.marker`), waits up to `opts.grace`
--- seconds for it to end on its own after its current batch commits, and checks the checkpoint
--- (`opts.checkpoint`) has no batch in flight; past the grace period kills it and says the stop was not
--- graceful. The marker is removed before returning (the next build must not see it). Returns
--- {graceful, state, last_commit, in_flight}.
function M.drain(t, app, opts)
  local grace = opts.grace or 300
  if dry_run then
    log.info("dry-run: would write the stop marker, wait for the app to finish its batch, then remove the marker",
             { marker = opts.marker, app = app.id, grace = grace, then_kill_after = grace })
    return { graceful = true, dry_run = true }
  end
  checkpoint.write(opts.marker, json.encode { deploy_id = deploy_id, app = app.id, requested_at = now() })
  log.info("stop marker written: waiting for the app to finish its current batch", { marker = opts.marker, app = app.id, grace = grace })
  local ended_ok, ended = pcall(t.rm.wait_app, t.rm, app.id, { states = { "FINISHED", "FAILED", "KILLED" }, timeout = grace })
  local result
  if ended_ok and ended.state == "FINISHED" then
    M.stopped(t, ended)
    result = { graceful = true, state = "FINISHED" }
  else
    local why_not = ended_ok and ("it ended " .. ended.state) or ("it did not stop within " .. grace .. " s")
    log.warn("drain did not end the app cleanly: killing", { app = app.id, reason = why_not })
    local killed = M.stopped(t, t.rm:kill(app, { timeout = opts.stop_timeout,
                                               diagnostics = "drain: " .. why_not .. "; killed by sparkdeploy" }))
    result = { graceful = false, state = killed and killed.state or "KILLED", reason = why_not }
  end
  -- The next build polls the same marker: it must be gone before that build starts.
  retry({ attempts = 4, delay = 1 }, function() checkpoint.remove(opts.marker) end)
  if opts.checkpoint then
    local cp = checkpoint.read(opts.checkpoint)
    result.last_commit, result.in_flight = cp.latest_commit, cp.in_flight
    if result.graceful and cp.in_flight then
      result.graceful, result.reason = false, "it finished with batch " .. tostring(cp.latest_offset) .. " uncommitted"
    end
  end
  journal.note { drain = { app = app.id, graceful = result.graceful, state = result.state, last_commit = result.last_commit } }
  local commit = result.last_commit and (", last commit batch " .. result.last_commit) or ""
  if result.graceful then
    report(string.format("stop: graceful — %s finished after its current batch committed%s; no batch in flight", app.id, commit))
  else
    report(string.format("stop: NOT graceful — %s was killed (%s)%s%s", app.id, result.reason or "killed", commit,
      result.in_flight and "; a batch was in flight: the next build replays it" or ""))
  end
  return result
end

--- Keeps a copy of the checkpoint's offsets/ and commits/ as the stopped build left them (so a rollback
--- can restart the previous build where it stopped), and remembers its last commit.
function M.snapshot_checkpoint(t)
  if not t.checkpoint or dry_run then return nil end
  local snap = checkpoint.snapshot(t.checkpoint, deploy_id)
  t.snapshot, t.old_last_commit = snap, snap.latest_commit
  journal.note { checkpoint = { uri = t.checkpoint, snapshot = snap.location, last_commit = snap.latest_commit } }
  return snap
end

--- After the new build runs: it committed a batch past the old app's last commit (it resumed from the
--- checkpoint and makes progress past the old offsets, not just RUNNING). Waits up to `timeout`; fails
--- at once when `app` stops RUNNING meanwhile.
function M.prove_checkpoint(t, app, timeout)
  if not t.checkpoint or t.old_last_commit == nil or dry_run then return end
  local last = t.old_last_commit
  local cp = wait_until({ timeout = timeout, what = "a commit after batch " .. last .. " in " .. t.checkpoint }, function()
    local c = checkpoint.read(t.checkpoint)
    if c.latest_commit and c.latest_commit > last then return c end
    local now_app = t.rm:app(app.id)
    if now_app.state ~= "RUNNING" then
      fail(string.format("%s left RUNNING (%s) before committing a batch after %d in %s; diagnostics: %s", app.id,
        now_app.state, last, t.checkpoint, now_app.diagnostics or "-"))
    end
    return false
  end)
  report(string.format("checkpoint: the stopped app's last commit was batch %d; %s resumed at batch %d (latest commit %d)",
    last, t.rolling_back and "the restored previous build" or "the new build", last + 1, cp.latest_commit))
end

--- Before the previous build is resubmitted: the checkpoint back as it stood when the new build started
--- (batches the failed build wrote are removed), so the previous build resumes where it stopped.
function M.restore_checkpoint(t)
  if not t.snapshot or dry_run then return end
  local restored = checkpoint.restore(t.checkpoint, deploy_id)
  local removed = #(restored.removed_commits or {})
  report(string.format("checkpoint: restored to the snapshot taken before the new build (removed %d offsets and %d commits it wrote)",
    #(restored.removed_offsets or {}), removed))
end

--- Stops the copies of the app this run may stop (M.ours: a crash-looping new build, say) and their
--- steps, and moves the fence past every one of them (killed here, or already failed on its own).
function M.stop_all(t, timeout)
  local copies = t.fence and M.find(t, { all = true, started_after = t.fence })
    or M.find(t, { states = live_states, all = true })
  for _, app in ipairs(copies) do
    if not M.ours(t, app) then
      if live[app.state] then
        log.warn("leaving a copy another deploy started", { app = app.id, tags = table.concat(app.tags or {}, ",") })
      end
    elseif live[app.state] then
      M.stopped(t, t.rm:kill(app, { timeout = timeout, diagnostics = "stopped by sparkdeploy" }))
    else
      M.stopped(t, app)
    end
  end
  for _, s in ipairs(M.steps(t, { "PENDING", "RUNNING" })) do
    if M.own_step(t, s) then emr.cancel_steps(t.cluster, { s.id }, { option = "TERMINATE_PROCESS" }) end
  end
  -- YARN via Livy: a batch this run submitted whose app has not appeared yet would start it later.
  if t.livy then
    for id in pairs(t.submitted or {}) do
      local ok, b = pcall(t.livy.batch, t.livy, id)
      if ok and b.app_id == nil and (b.state == "starting" or b.state == "not_started") then t.livy:delete(id) end
    end
  end
end

--- One line saying what runs now, for summaries and failure messages, and the ids it names
--- (`app_id`, `step_id`: `now_fields` in the JSON summary, the GitHub Action's outputs).
function M.describe_running(t)
  if t.platform == "yarn" then return M.describe_running_on_yarn(t) end
  local apps = t.rm:find_app { name = t.app, states = { "ACCEPTED", "RUNNING" }, all = true }
  if #apps == 0 then return "no copy of " .. t.app .. " is running" end
  local steps = M.steps(t, { "RUNNING" })
  local jar = steps[1] and steps[1].spark and steps[1].spark.jar or "unknown build"
  return string.format("%d cop%s of %s running (%s, build %s)", #apps, #apps == 1 and "y" or "ies", t.app, apps[1].id, jar),
    { app_id = apps[1].id, step_id = steps[1] and steps[1].id or nil }
end

--- M.describe_running on a YARN-only target: the copies, the newest one's build (recorded, or its digest)
--- and Livy batch (`batch_id` in the ids).
function M.describe_running_on_yarn(t)
  local apps = M.find(t, { states = { "ACCEPTED", "RUNNING" }, all = true })
  if #apps == 0 then return "no copy of " .. t.app .. " is running" end
  local build, digest = M.build_of(t, apps[1])
  local ok, batch = pcall(M.batch_of, t, apps[1])
  batch = ok and batch or nil
  local jar = build and build.jar or (digest and ("digest " .. digest) or "unknown")
  return string.format("%d cop%s of %s running (%s, build %s%s)", #apps, #apps == 1 and "y" or "ies", t.app, apps[1].id, jar,
    batch and (", Livy batch " .. batch.id) or ""), { app_id = apps[1].id, batch_id = batch and tostring(batch.id) or nil }
end

--- Submits `build` (or takes `adopted`, the step an unfinished deploy submitted) and verifies it; if
--- that fails, stops what it started and brings back `previous` (when known and different), verifying it too. Returns on success; otherwise fails
--- with a message that says which build, if any, is running now. Never leaves two copies.
--- `stop_old` (optional) stops the running copy first; it and the submit form the critical
--- section "swap", so a SIGINT/SIGTERM meanwhile waits until the new build is submitted and the
--- stream is not left down. A failing `stop_old` fails the run as it is (no rollback); a failing
--- submit or verify goes through the rollback below. With `adopted` there is nothing to stop or submit.
function M.replace(t, previous, build, p, stop_old, adopted)
  local step = adopted
  local ok, err = true, nil
  if not adopted then
    ok, err = critical("swap", function()
      if stop_old then stop_old() end
      return pcall(function() step = stage("submit", function() return M.submit(t, build) end) end)
    end)
  end
  if ok then
    ok, err = pcall(function() stage("verify", function() M.verified(t, step, p, "new build " .. build.jar) end) end)
  end
  if ok then return end
  if dry_run or t.yielded then error(err, 0) end
  local stop_timeout = rawget(p, "stop_timeout") or 180
  if not (rawget(p, "rollback") ~= false and previous and previous.jar ~= build.jar) then
    pcall(M.stop_all, t, stop_timeout)
    fail(string.format("new build %s failed: %s; no rollback (%s)", build.jar, tostring(err),
      previous and "rollback disabled or same build" or "previous build unknown"))
  end
  local rolled, rollback_err = pcall(stage, "rollback", function()
    M.stop_all(t, stop_timeout)
    t.rolling_back = true
    M.restore_checkpoint(t)
    local restored = M.submit(t, previous)
    M.verified(t, restored, p, "rollback to " .. previous.jar)
  end)
  if not rolled then
    -- Never leave a half-started copy behind: stop everything and say so.
    pcall(M.stop_all, t, stop_timeout)
    fail(string.format("new build %s failed: %s; rollback to %s failed too: %s", build.jar, tostring(err),
      previous.jar, tostring(rollback_err)))
  end
  fail(string.format("new build %s failed: %s; rolled back to %s", build.jar, tostring(err), previous.jar))
end

--- The build described by recipe params.
function M.build_from(p)
  local conf = {}
  for _, kv in ipairs(p.conf or {}) do
    local k, v = kv:match("^([^=]+)=(.*)$")
    if not k then fail("conf entry '" .. kv .. "' is not key=value") end
    conf[k] = v
  end
  return { jar = p.jar, class = p.class, args = p.args or {}, conf = conf }
end

return M
