#!/usr/bin/env bash
# Builds the self-contained release binary a CI runner needs nothing else for:
#   dist/sparkdeploy                                  stripped; the Swift runtime, Foundation and Lua 5.4 linked in
#   dist/sparkdeploy-VERSION-linux-ARCH.tar.gz        the binary (and README.md, LICENSE when present)
#   dist/sparkdeploy-VERSION-linux-ARCH.tar.gz.sha256 for `sha256sum -c`
# It depends only on glibc, libstdc++, libgcc and zlib (ReleaseBuildTests checks `ldd`). The build has its
# own scratch path, .build-release/, so it never disturbs the development build in .build/.
#
# usage: scripts/build-release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCRATCH=$ROOT/.build-release
DIST=$ROOT/dist
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

# Lua 5.4's static library comes with Debian's liblua5.4-dev (as bootstrap.sh installs it); binutils for strip.
MULTIARCH=$(gcc -dumpmachine 2>/dev/null || echo "$(uname -m)-linux-gnu")
LUA_ARCHIVE=/usr/lib/$MULTIARCH/liblua5.4.a
need_apt=()
{ [ -f "$LUA_ARCHIVE" ] && pkg-config --exists lua5.4 2>/dev/null; } || need_apt+=(liblua5.4-dev pkg-config)
command -v strip >/dev/null 2>&1 || need_apt+=(binutils)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "build-release: apt-get install ${need_apt[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
[ -f "$LUA_ARCHIVE" ] || { echo "build-release: $LUA_ARCHIVE is missing after installing liblua5.4-dev" >&2; exit 1; }

# Lua statically, with no change to the CLua system-library target (development keeps linking the shared
# library). SwiftPM takes CLua's compiler and linker flags from the pkg-config file lua5.4.pc, which it reads
# itself, searching PKG_CONFIG_PATH first. Debian's file says `-L/usr/lib/<multiarch> -llua5.4`, and the
# linker, given a directory holding both liblua5.4.so and liblua5.4.a, takes the .so. So the release build
# gets a lua5.4.pc of its own whose -L names a directory holding only liblua5.4.a: -llua5.4 can resolve to
# nothing but the archive (an -L added later on the command line would lose to Debian's, which SwiftPM puts
# first). Debian builds the archive position-independent, so it links into the PIE executable; its own
# needs (libm, libdl) are glibc's.
LUA_STATIC_DIR=$SCRATCH/lua-static
mkdir -p "$LUA_STATIC_DIR"
ln -sf "$LUA_ARCHIVE" "$LUA_STATIC_DIR/liblua5.4.a"
cat > "$LUA_STATIC_DIR/lua5.4.pc" <<PC
Name: Lua
Description: Lua 5.4, linked statically into the sparkdeploy release binary (scripts/build-release.sh)
Version: $(pkg-config --modversion lua5.4)
Libs: -L$LUA_STATIC_DIR -llua5.4 -lm -ldl
Cflags: $(pkg-config --cflags lua5.4)
PC
export PKG_CONFIG_PATH=$LUA_STATIC_DIR${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

# The commit goes in as a C macro (CBuildInfo), so no generated file is tracked: SPARKDEPLOY_COMMIT when set
# (a build from a source tarball), else git's "abc1234", or "unknown" outside a git checkout. A bare token: CBuildInfo turns it into a string.
COMMIT=${SPARKDEPLOY_COMMIT:-$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)}
[[ "$COMMIT" =~ ^[0-9a-f]+$ ]] || COMMIT=unknown

source "$ROOT/scripts/release-flags.sh"
BUILD=(swift build -c release --product sparkdeploy --scratch-path "$SCRATCH" --static-swift-stdlib
  "${RELEASE_SWIFT_FLAGS[@]}" -Xcc -DSPARKDEPLOY_COMMIT="$COMMIT")
echo "build-release: ${BUILD[*]}" >&2
started=$(date +%s)
"${BUILD[@]}" >&2
echo "build-release: built in $(($(date +%s) - started)) s" >&2
BIN=$("${BUILD[@]}" --show-bin-path)/sparkdeploy

# The binary alone must run: no Swift, Foundation, ICU or Lua shared library (ldd lists what it would load).
if ldd "$BIN" | grep -E 'libswift|libFoundation|libicu|liblua|libdispatch|libBlocksRuntime'; then
  echo "build-release: $BIN still needs the shared libraries above" >&2
  exit 1
fi

rm -rf "$DIST"
mkdir -p "$DIST"
strip -o "$DIST/sparkdeploy" "$BIN"
VERSION=$("$DIST/sparkdeploy" --version | cut -d' ' -f1)
ARCH=$(uname -m)
NAME=sparkdeploy-$VERSION-linux-$ARCH
STAGE=$SCRATCH/stage/$NAME
rm -rf "$SCRATCH/stage"
mkdir -p "$STAGE"
cp "$DIST/sparkdeploy" "$STAGE/"
for doc in README.md LICENSE; do [ -f "$doc" ] && cp "$doc" "$STAGE/"; done
tar -C "$SCRATCH/stage" -czf "$DIST/$NAME.tar.gz" "$NAME"
(cd "$DIST" && sha256sum "$NAME.tar.gz" > "$NAME.tar.gz.sha256")
echo "build-release: $DIST/sparkdeploy ($("$DIST/sparkdeploy" --version), $(du -h "$DIST/sparkdeploy" | cut -f1)), $DIST/$NAME.tar.gz" >&2
