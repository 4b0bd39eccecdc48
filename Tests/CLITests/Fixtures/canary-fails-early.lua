-- A canary for the reliability matrix: takes redeploy-streaming's params and fails before touching
-- anything. The matrix must reject it in a row that expects a deploy.
recipe {
  description = "canary: fails at once",
  params = {
    cluster = { required = true }, app = { required = true }, jar = { required = true }, class = { required = true },
    settle = { type = "number", default = 60 }, ready_timeout = { type = "number", default = 600 },
  },
}
fail("canary: failing before doing anything")
