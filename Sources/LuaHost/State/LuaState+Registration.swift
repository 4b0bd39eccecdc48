import CLuaShim

extension LuaState {
    static func classKey(_ name: String) -> String { "sparkdeploy.class." + name }

    /// Installs `module`'s host functions, classes and record types.
    ///
    /// Functions land in the registry's module table (`modules[name]`; `_G` holds globals),
    /// methods in their class's method table. ``Sandbox`` exposes them to recipes read-only.
    public func register(_ module: HostModule) {
        checkThread()
        for record in module.records { records[record.name] = record }
        uncapped {
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            for cls in module.classes {
                classes.insert(cls.name)
                if luaL_newmetatable(L, LuaState.classKey(cls.name)) != 0 {
                    lua_pushstring(L, cls.name)
                    lua_setfield(L, -2, "__name")
                    lua_pushstring(L, cls.name)
                    lua_setfield(L, -2, "__metatable")
                    sd_newtable(L)
                    lua_setfield(L, -2, "__index")
                }
                sd_pop(L, 1)
            }
            _ = lua_getfield(L, sd_registryindex(), LuaState.modulesKey)
            for function in module.functions {
                guard let implementation = function.implementation else { continue }
                let entry = HostEntry(spec: function.spec, implementation: implementation)
                functions.append(entry)  // keeps `entry` alive as long as the state
                let entryPointer = Unmanaged.passUnretained(entry).toOpaque()
                switch function.spec.style {
                case .function:
                    if lua_getfield(L, -1, function.spec.module) != LUA_TTABLE {
                        sd_pop(L, 1)
                        sd_newtable(L)
                        lua_pushvalue(L, -1)
                        lua_setfield(L, -3, function.spec.module)
                    }
                    sd_push_host_function(L, entryPointer)
                    lua_setfield(L, -2, function.spec.name)
                    sd_pop(L, 1)
                case .method(let className):
                    if !classes.contains(className) {
                        classes.insert(className)
                        _ = luaL_newmetatable(L, LuaState.classKey(className))
                        lua_pushstring(L, className)
                        lua_setfield(L, -2, "__name")
                        sd_newtable(L)
                        lua_setfield(L, -2, "__index")
                        sd_pop(L, 1)
                    }
                    _ = lua_getfield(L, sd_registryindex(), LuaState.classKey(className))
                    _ = lua_getfield(L, -1, "__index")
                    sd_push_host_function(L, entryPointer)
                    lua_setfield(L, -2, function.spec.name)
                    sd_pop(L, 2)
                }
            }
        }
    }
}
