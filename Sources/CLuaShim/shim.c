#include "clua_shim.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sd_control {
    size_t used;
    size_t limit;           /* 0 = unlimited */
    int uncapped;           /* > 0 while Swift pushes values: allocation is never refused */
    int exceeded;           /* an allocation was refused because of the cap */
    atomic_int cancelled;
    char cancel_message[512];
    char warning[1024];     /* a warning being assembled from pieces */
    size_t warning_len;
};

static sd_dispatch_fn g_dispatch = NULL;
static sd_warn_fn g_warn = NULL;
static const char *TRACEBACK_KEY = "sparkdeploy.traceback";

void sd_set_dispatcher(sd_dispatch_fn dispatch, sd_warn_fn warn) {
    g_dispatch = dispatch;
    g_warn = warn;
}

static sd_control *control_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (sd_control *)ud;
}

static void *sd_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    sd_control *c = (sd_control *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        c->used -= old;
        free(ptr);
        return NULL;
    }
    if (nsize > old && c->limit != 0 && c->uncapped == 0 && c->used + (nsize - old) > c->limit) {
        c->exceeded = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    c->used = c->used - old + nsize;
    return p;
}

static int sd_panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "sparkdeploy: unprotected Lua error (a bug): %s\n", msg ? msg : "(error object is not a string)");
    return 0; /* Lua aborts */
}

static void sd_warnf(void *ud, const char *msg, int tocont) {
    lua_State *L = (lua_State *)ud;
    sd_control *c = control_of(L);
    if (c == NULL) return;
    /* Control messages ("@on", "@off") are not warnings. */
    if (c->warning_len == 0 && !tocont && msg[0] == '@') return;
    size_t n = strlen(msg);
    size_t room = sizeof(c->warning) - 1 - c->warning_len;
    if (n > room) n = room;
    memcpy(c->warning + c->warning_len, msg, n);
    c->warning_len += n;
    c->warning[c->warning_len] = '\0';
    if (!tocont) {
        if (g_warn) g_warn(L, c->warning);
        c->warning_len = 0;
        c->warning[0] = '\0';
    }
}

lua_State *sd_newstate(size_t limit_bytes) {
    sd_control *c = calloc(1, sizeof(sd_control));
    if (c == NULL) return NULL;
    c->limit = limit_bytes;
    atomic_store(&c->cancelled, 0);
    lua_State *L = lua_newstate(sd_alloc, c);
    if (L == NULL) {
        free(c);
        return NULL;
    }
    lua_atpanic(L, sd_panic);
    lua_setwarnf(L, sd_warnf, L);
    return L;
}

void sd_close(lua_State *L) {
    sd_control *c = control_of(L);
    lua_close(L);
    free(c);
}

static int openlibs_protected(lua_State *L) {
    luaL_openlibs(L);
    return 0;
}

int sd_openlibs(lua_State *L) {
    lua_pushcfunction(L, openlibs_protected);
    return lua_pcall(L, 0, 0, 0);
}

static int raise_cancelled(lua_State *L, sd_control *c) {
    lua_pushstring(L, c->cancel_message);
    return lua_error(L);
}

static int sd_trampoline(lua_State *L) {
    sd_control *c = control_of(L);
    if (atomic_load(&c->cancelled)) return raise_cancelled(L, c);
    void *entry = lua_touserdata(L, lua_upvalueindex(1));
    c->uncapped++;
    int n = g_dispatch ? g_dispatch(L, entry) : SD_RAISE_WHERE;
    c->uncapped--;
    /* Swift has returned: from here on raising is safe. */
    if (n == SD_CANCELLED || (n < 0 && atomic_load(&c->cancelled))) {
        return raise_cancelled(L, c);
    }
    if (c->uncapped == 0 && c->limit != 0 && c->used > c->limit) {
        c->exceeded = 1;
        lua_pushfstring(L, "memory limit of %d MiB exceeded", (int)(c->limit >> 20));
        return lua_error(L);
    }
    if (n == SD_RAISE) return lua_error(L);
    if (n == SD_RAISE_WHERE || n < 0) {
        if (!g_dispatch) lua_pushliteral(L, "host dispatcher not installed");
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return n;
}

static int check_cancel(lua_State *L) {
    sd_control *c = control_of(L);
    if (atomic_load(&c->cancelled)) return raise_cancelled(L, c);
    return 0;
}

void sd_push_check_cancel(lua_State *L) { lua_pushcfunction(L, check_cancel); }

void sd_push_host_function(lua_State *L, void *entry) {
    lua_pushlightuserdata(L, entry);
    lua_pushcclosure(L, sd_trampoline, 1);
}

static int sd_msgh(lua_State *L) {
    /* Keep the error object as it is (a string or a structured error table); store the
       traceback beside it, in the registry, for the host to read. */
    const char *msg = NULL;
    if (lua_type(L, 1) == LUA_TSTRING) {
        msg = lua_tostring(L, 1);
    } else if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
        msg = lua_tostring(L, -1);
    } else {
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, TRACEBACK_KEY);
    lua_settop(L, 1);
    return 1;
}

int sd_pcall(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs; /* the function's index */
    if (!lua_checkstack(L, 2)) return LUA_ERRMEM;
    sd_control *c = control_of(L);
    c->uncapped++; /* the registry key's string may be allocated: never refuse it here */
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, TRACEBACK_KEY);
    c->uncapped--;
    lua_pushcfunction(L, sd_msgh);
    lua_insert(L, base);
    /* Lua code runs capped even when called from inside a host function. */
    int saved = c->uncapped;
    c->uncapped = 0;
    int status = lua_pcall(L, nargs, nresults, base);
    c->uncapped = saved;
    lua_remove(L, base);
    return status;
}

void sd_push_last_traceback(lua_State *L) {
    sd_control *c = control_of(L);
    c->uncapped++;
    lua_getfield(L, LUA_REGISTRYINDEX, TRACEBACK_KEY);
    c->uncapped--;
}

void sd_begin_uncapped(lua_State *L) { control_of(L)->uncapped++; }
void sd_end_uncapped(lua_State *L) {
    sd_control *c = control_of(L);
    if (c->uncapped > 0) c->uncapped--;
}
size_t sd_memory_used(lua_State *L) { return control_of(L)->used; }
size_t sd_memory_limit(lua_State *L) { return control_of(L)->limit; }
int sd_memory_exceeded(lua_State *L) { return control_of(L)->exceeded; }
void sd_memory_reset_exceeded(lua_State *L) { control_of(L)->exceeded = 0; }

void sd_request_cancel(lua_State *L, const char *message) {
    sd_control *c = control_of(L);
    if (atomic_load(&c->cancelled)) return;
    snprintf(c->cancel_message, sizeof(c->cancel_message), "%s", message ? message : "run cancelled");
    atomic_store(&c->cancelled, 1);
}

int sd_is_cancelled(lua_State *L) { return atomic_load(&control_of(L)->cancelled); }

void sd_clear_cancel(lua_State *L) {
    sd_control *c = control_of(L);
    atomic_store(&c->cancelled, 0);
    c->cancel_message[0] = '\0';
}

static void cancel_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    sd_control *c = control_of(L);
    if (atomic_load(&c->cancelled)) {
        /* Sticky: raised again every few instructions, so a recipe's pcall cannot swallow it. */
        luaL_where(L, 1);
        lua_pushstring(L, c->cancel_message);
        lua_concat(L, 2);
        lua_error(L);
    }
}

void sd_install_cancel_hook(lua_State *L, int instructions) {
    lua_sethook(L, cancel_hook, LUA_MASKCOUNT, instructions > 0 ? instructions : 1000);
}
