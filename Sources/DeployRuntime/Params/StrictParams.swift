import LuaHost

/// Makes a recipe's `params` table strict: reading a param the recipe did not declare (`params.hodl`) raises at
/// that line — "params.hodl: no such param (did you mean 'hold'?)" with the declared names — instead of returning
/// nil and failing later, after a step was submitted. A declared param that was not given reads as nil.
enum StrictParams {
    /// Installs the metatable on the sandbox's `params` global; `declared` are the recipe's param names.
    static func install(in state: LuaState, declared: [String]) throws(LuaError) {
        _ = try state.run(source, chunkName: "=strict-params", arguments: [.array(declared.sorted())])
    }

    /// The metatable, in Lua: an unknown key raises at the caller's line (level 2), with the closest declared
    /// name within two edits.
    static let source = """
        local declared = ...
        local env = debug.getregistry()["sparkdeploy.env"]
        local params = env and rawget(env, "params")
        if type(params) ~= "table" then return end
        local known, names = {}, {}
        for _, name in ipairs(declared) do known[name] = true; names[#names + 1] = name end
        local function distance(a, b)
          local row = {}
          for j = 0, #b do row[j] = j end
          for i = 1, #a do
            local previous = row[0]
            row[0] = i
            for j = 1, #b do
              local current = row[j]
              local cost = (a:sub(i, i) == b:sub(j, j)) and 0 or 1
              row[j] = math.min(row[j] + 1, row[j - 1] + 1, previous + cost)
              previous = current
            end
          end
          return row[#b]
        end
        local names_text = #names > 0 and table.concat(names, ", ") or "none"
        setmetatable(params, {
          __index = function(_, key)
            if known[key] then return nil end
            local shown = tostring(key)
            local hint, best = "", 3
            if type(key) == "string" then
              for _, name in ipairs(names) do
                local d = distance(key, name)
                if d < best then best, hint = d, " (did you mean '" .. name .. "'?)" end
              end
            end
            error("params." .. shown .. ": no such param" .. hint .. "; the recipe declares: " .. names_text, 2)
          end,
        })
        """
}
