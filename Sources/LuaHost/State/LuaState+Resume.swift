import CLuaShim

extension LuaState {
    /// Clears a cancellation requested through ``canceller``, so the state can run code again.
    ///
    /// A run's cancellation is final; only a session that outlives one call (the REPL, where Ctrl-C
    /// stops the line being evaluated but not the prompt) clears it, on the state's own thread, before
    /// its next call into Lua.
    public func clearCancellation() {
        checkThread()
        sd_clear_cancel(L)
    }
}
