#ifndef SPARKDEPLOY_BUILD_INFO_H
#define SPARKDEPLOY_BUILD_INFO_H
/*
 * What was built: the git commit a release build was made from. scripts/build-release.sh passes
 * it as a C macro (`-Xcc -DSPARKDEPLOY_COMMIT=abc1234`), so no generated file is tracked; a
 * development build (`swift build`) says "unknown".
 */

/* The short git commit of this build, or "unknown". A static string: never freed. */
const char *_Nonnull sd_build_commit(void);

#endif
