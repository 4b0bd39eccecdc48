# Swift compiler flags of every release build (scripts/build-release.sh, Benchmarks/run.sh): sourced, not run.
#
# -disable-concrete-type-metadata-mangled-name-accessors: by default optimized code gets the metadata of a
# concrete generic type (Dictionary<String, X>, Mutex<State>, …) by demangling its name at run time, and
# the demangler proves each generic requirement (String: Hashable) with a conformance lookup; on Linux the
# first lookup of each (type, protocol) pair scans every protocol-conformance record in the binary, ~0.6 M
# instructions each in this 180 MB binary. With the flag the compiler calls the metadata accessor with
# the witness tables it already knows. Measured (callgrind, same commit, both built with
# --static-swift-stdlib): `exec -e 'return 1'` 11.3 M → 8.6 M instructions, `run hello` 19.5 M → 15.5 M;
# Benchmarks/README.md, section 1.
RELEASE_SWIFT_FLAGS=(-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
