#include "include/clua_shim.h"
