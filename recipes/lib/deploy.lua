-- Shared building blocks for deploy recipes: resolve the cluster and its ResourceManager,
-- find what is running, guard against concurrent deploys, submit and verify a build, roll back.
-- Recipes use it with `local deploy = require("deploy")`.
local M = {}

--- The cluster (by id or unique active name) and a connection to its ResourceManager.
function M.target(p)
  local cluster = emr.cluster(p.cluster)
  local rm = yarn.connect(cluster)
  log.info("target resolved", { cluster = cluster.id, name = cluster.name, state = cluster.state,
                                rm = table.concat(rm.urls, ","), concurrency = cluster.step_concurrency_level })
  return { cluster = cluster, rm = rm, app = p.app }
end

--- Refuses to run when another deploy of the same app holds the lock: this machine's, and with a lock
--- store (SPARKDEPLOY_LOCK_STORE, --lock-store) every runner's. Returns the lock; `lock.unfinished` is
--- the journal of a deploy under this lock that did not finish (see M.reattach).
function M.lock(t)
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
  t.listed = emr.steps(t.cluster, { states = { "PENDING", "CANCEL_PENDING", "RUNNING" } })
  local ok, current = pcall(function()
    local c = M.reattach(t, M.current(t), build)
    M.guard(t)
    return c
  end)
  t.listed = nil
  if not ok then error(current, 0) end
  return current
end

--- What runs now: the YARN app (nil if none), the EMR step behind it and its build. Remembers every
--- live copy and step of the app as found here (M.ours), and notes them in the deploy journal.
function M.current(t)
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
function M.guard(t)
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
  for _, app in ipairs(t.rm:find_app { name = t.app, all = true, finished_after = window }) do
    if app.finished_at and app.finished_at > fence then fence = app.finished_at end
  end
  t.fence = fence
  return fence
end

--- Adds the Spark step for `build` and returns it, with `fence` (see M.fence) taken just before and
--- the deploy tag its app will carry. Refuses first when a step of the app that this run neither
--- started nor found at inspect is PENDING or RUNNING: another deploy got there in between.
function M.submit(t, build)
  for _, s in ipairs(M.steps(t, { "PENDING", "RUNNING" })) do
    if not M.own_step(t, s) then
      t.yielded = true
      fail(string.format("another deploy of %s submitted step %s (%s, build %s) while this one ran; not submitting a second copy; now: %s",
        t.app, s.id, s.state, s.spark and s.spark.jar or "?", M.describe_running(t)))
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

--- Two deploys of the same app overlapped (possible only without a lock store): the copy that started
--- later yields. Stops this run's own copy `app` when another deploy's copy started first; never the other.
local function yield_to_earlier_copy(t, app)
  for _, other in ipairs(t.rm:find_app { name = t.app, states = { "ACCEPTED", "RUNNING" }, all = true }) do
    if other.id ~= app.id and not M.ours(t, other) then
      local first = (other.started_at or 0) < (app.started_at or 0)
        or ((other.started_at or 0) == (app.started_at or 0) and other.id < app.id)
      if first then
        t.yielded = true
        M.stopped(t, t.rm:kill(app, { diagnostics = "yielded to an overlapping deploy by sparkdeploy" }))
        fail(string.format("another deploy of %s overlapped this one: its copy %s started first, so this run stopped its own copy %s; now: %s",
          t.app, other.id, app.id, M.describe_running(t)))
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
  local ready_timeout, hold = p.ready_timeout or 600, p.settle or 0
  local gated = p.progress ~= false
  if dry_run then
    log.info("dry-run: would wait for the step and its app to be RUNNING and making progress, then hold",
             { step = step.id, settle = hold, progress = tostring(gated) })
    return nil
  end
  local started = emr.wait_step(t.cluster, step, { "RUNNING", "COMPLETED" }, { timeout = ready_timeout })
  if started.state ~= "RUNNING" then
    fail(string.format("step %s is %s, not RUNNING: a streaming job must not finish", step.id, started.state))
  end
  -- The new app started after every earlier copy stopped (step.fence, by the RM's own clock, so
  -- EMR's clock running ahead cannot hide it): none of those can be mistaken for it.
  local app = t.rm:wait_app({ name = t.app, tags = { step.tag or deploy_tag } },
                            { state = "RUNNING", timeout = ready_timeout, submitted_after = step.fence })
  log.info("new app running", { app = app.id, step = step.id })
  yield_to_earlier_copy(t, app)
  local stall = nil
  if gated then
    local seen = t.rm:await_progress(app, { min_batches = p.min_batches or 2, timeout = ready_timeout })
    log.info("new app making progress", { app = app.id, jobs = seen.completed_jobs, executors = seen.active_executors,
                                          pace = seen.batch_interval and string.format("%.1fs", seen.batch_interval) or "-" })
    -- A stall is judged by the pace the app showed: three batches' worth, never less than settle or 30 s.
    stall = math.max(hold, 30, 3 * (seen.batch_interval or 0))
  end
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
    local copies = t.rm:find_app { name = t.app, tags = { step.tag or deploy_tag }, all = true, started_after = step.fence }
    local newest = nil
    for _, app in ipairs(copies) do
      if not newest or (app.started_at or 0) > (newest.started_at or 0) then newest = app end
    end
    if newest then report = t.rm:diagnose(newest) end
    local ok_step, described = pcall(emr.step, t.cluster, step.id)
    if ok_step then report.step = described end
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
  local stopped, problem = pcall(M.stop_all, t, p.stop_timeout or 180)
  fail(string.format("%s failed: %s; %s; now: %s", subject, tostring(err),
    stopped and "stopped the copy this run started (no previous build to restore)"
      or ("stopping the copy this run started failed too: " .. tostring(problem)),
    M.describe_running(t)))
end

local live_states = { "NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED", "RUNNING" }
local live = {}
for _, state in ipairs(live_states) do live[state] = true end

--- Stops the copies of the app this run may stop (M.ours: a crash-looping new build, say) and their
--- steps, and moves the fence past every one of them (killed here, or already failed on its own).
function M.stop_all(t, timeout)
  local copies = t.fence and t.rm:find_app { name = t.app, all = true, started_after = t.fence }
    or t.rm:find_app { name = t.app, states = live_states, all = true }
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
end

--- One line saying what runs now, for summaries and failure messages.
function M.describe_running(t)
  local apps = t.rm:find_app { name = t.app, states = { "ACCEPTED", "RUNNING" }, all = true }
  if #apps == 0 then return "no copy of " .. t.app .. " is running" end
  local steps = M.steps(t, { "RUNNING" })
  local jar = steps[1] and steps[1].spark and steps[1].spark.jar or "unknown build"
  return string.format("%d cop%s of %s running (%s, build %s)", #apps, #apps == 1 and "y" or "ies", t.app, apps[1].id, jar)
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
  local stop_timeout = p.stop_timeout or 180
  if not (p.rollback ~= false and previous and previous.jar ~= build.jar) then
    pcall(M.stop_all, t, stop_timeout)
    fail(string.format("new build %s failed: %s; no rollback (%s); now: %s", build.jar, tostring(err),
      previous and "rollback disabled or same build" or "previous build unknown", M.describe_running(t)))
  end
  local rolled, rollback_err = pcall(stage, "rollback", function()
    M.stop_all(t, stop_timeout)
    local restored = M.submit(t, previous)
    M.verified(t, restored, p, "rollback to " .. previous.jar)
  end)
  if not rolled then
    -- Never leave a half-started copy behind: stop everything and say so.
    pcall(M.stop_all, t, stop_timeout)
    fail(string.format("new build %s failed: %s; rollback to %s failed too: %s; now: %s", build.jar, tostring(err),
      previous.jar, tostring(rollback_err), M.describe_running(t)))
  end
  fail(string.format("new build %s failed: %s; rolled back: %s", build.jar, tostring(err), M.describe_running(t)))
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
