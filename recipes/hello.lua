-- The smallest useful recipe: declares params, runs two stages, logs with fields.
recipe {
  description = "Say hello from a recipe: params, stages, retries and structured logs, no cluster needed",
  params = {
    name  = { help = "who to greet", default = "world" },
    times = { type = "integer", default = 1, help = "how many greetings" },
  },
}

local greeting = stage("compose", function()
  return string.format("hello, %s", params.name)
end)

stage("greet", function()
  for i = 1, params.times do
    log.info(greeting, { n = i })
  end
end)
