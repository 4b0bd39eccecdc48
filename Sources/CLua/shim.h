#ifndef SPARKDEPLOY_CLUA_H
#define SPARKDEPLOY_CLUA_H
// Include paths come from `pkg-config --cflags lua5.4` (Debian: /usr/include/lua5.4).
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
#endif
