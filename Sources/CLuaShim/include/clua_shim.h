#ifndef SPARKDEPLOY_CLUA_SHIM_H
#define SPARKDEPLOY_CLUA_SHIM_H
/*
 * The C side of the Lua bridge. Everything that can raise a Lua error (longjmp) lives here,
 * so that no Lua error ever unwinds a Swift frame:
 *   - host functions are called through `sd_trampoline`, which calls the Swift dispatcher,
 *     lets it return a status, and only then raises (lua_error) from C;
 *   - the memory cap is enforced by our allocator, but never while Swift is pushing values
 *     (allocation is "uncapped" during a host call; the trampoline checks the cap afterwards);
 *   - the deadline / cancellation is a count hook written in C that raises from C;
 *   - every call into Lua goes through `sd_pcall`, with a traceback message handler.
 * Swift re-exports of Lua macros (lua_pcall, lua_pop, lua_tostring…) are static inline here.
 */
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
#include <stddef.h>
#include <stdint.h>

/* What a host function returns to the trampoline (>= 0: number of results pushed). */
#define SD_RAISE (-1)           /* the error object is on top of the stack: raise it */
#define SD_RAISE_WHERE (-2)     /* a message string is on top: prefix file:line, then raise */
#define SD_CANCELLED (-3)       /* the run was cancelled: raise the cancellation error */

/* Called by the trampoline with the host function's entry (an opaque pointer the state keeps
   alive for its whole life); `L`'s extra space holds the Swift owner. */
typedef int (*sd_dispatch_fn)(lua_State *L, void *entry);
/* Receives complete warning messages (lua_warning / GC finalizer errors). */
typedef void (*sd_warn_fn)(lua_State *L, const char *message);

/* Per-state bookkeeping, reachable from the allocator's user data. */
typedef struct sd_control sd_control;

/* Installs the process-wide dispatcher and warning sink (once, before any state is made). */
void sd_set_dispatcher(sd_dispatch_fn dispatch, sd_warn_fn warn);

/* A new state with our allocator (cap `limit_bytes`, 0 = none), panic and warning handlers. */
lua_State *sd_newstate(size_t limit_bytes);
/* Closes the state and frees its bookkeeping. */
void sd_close(lua_State *L);

/* Opens the standard libraries under protection; returns a lua status code. */
int sd_openlibs(lua_State *L);

/* Pushes a C closure that dispatches to the Swift host function `entry`. Call uncapped. */
void sd_push_host_function(lua_State *L, void *entry);

/* Pushes a C function that raises the cancellation error if the state is cancelled (else does
   nothing): the sandbox's pcall/xpcall/coroutine.resume call it after catching an error, so
   recipe code cannot swallow a deadline or a signal. */
void sd_push_check_cancel(lua_State *L);

/* Calls the function below `nargs` arguments with a traceback handler (like lua_pcall).
   On error, the error object is left on the stack and the traceback is stored for sd_last_traceback. */
int sd_pcall(lua_State *L, int nargs, int nresults);
/* Pushes the traceback text of the last failed sd_pcall (or nil). */
void sd_push_last_traceback(lua_State *L);

/* Allocation accounting. */
void sd_begin_uncapped(lua_State *L);
void sd_end_uncapped(lua_State *L);
size_t sd_memory_used(lua_State *L);
size_t sd_memory_limit(lua_State *L);
/* 1 if an allocation was refused because of the cap since the last reset. */
int sd_memory_exceeded(lua_State *L);
void sd_memory_reset_exceeded(lua_State *L);

/* Cancellation: thread-safe; the next count hook or host call raises `message`. */
void sd_request_cancel(lua_State *L, const char *message);
int sd_is_cancelled(lua_State *L);
/* Clears a cancellation, so the state can run again: an epilogue with a budget of its own, or the REPL
 * after Ctrl-C stopped one line. Call only on the state's own thread, between calls into Lua. */
void sd_clear_cancel(lua_State *L);
/* Installs the count hook that checks for cancellation every `instructions` VM instructions. */
void sd_install_cancel_hook(lua_State *L, int instructions);

/* Swift-importable forms of Lua macros. */
static inline int sd_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void sd_pop(lua_State *L, int n) { lua_settop(L, -(n) - 1); }
static inline void sd_newtable(lua_State *L) { lua_createtable(L, 0, 0); }
static inline int sd_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline const char *sd_tolstring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
static inline lua_Integer sd_tointegerx(lua_State *L, int i, int *isnum) { return lua_tointegerx(L, i, isnum); }
static inline lua_Number sd_tonumberx(lua_State *L, int i, int *isnum) { return lua_tonumberx(L, i, isnum); }
static inline int sd_isinteger(lua_State *L, int i) { return lua_isinteger(L, i); }
static inline void *sd_extraspace(lua_State *L) { return lua_getextraspace(L); }
static inline int sd_loadbuffer(lua_State *L, const char *buf, size_t len, const char *name, const char *mode) {
    return luaL_loadbufferx(L, buf, len, name, mode);
}
#endif
