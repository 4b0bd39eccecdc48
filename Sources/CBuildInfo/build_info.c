#include "build_info.h"

/* Two levels, so that the macro's value (a bare token such as abc1234) becomes a string. */
#define SD_STRINGIFY_VALUE(x) #x
#define SD_STRINGIFY(x) SD_STRINGIFY_VALUE(x)

const char *sd_build_commit(void) {
#ifdef SPARKDEPLOY_COMMIT
    return SD_STRINGIFY(SPARKDEPLOY_COMMIT);
#else
    return "unknown";
#endif
}
