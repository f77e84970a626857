#!/bin/sh
# Builds gcn-manager and runs every test with CTest; prints CTest's summary.
set -eu
cd "$(dirname "$0")/.."
build_dir=${GCN_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j "$(nproc)"
cd "$build_dir"
ctest --output-on-failure -j "${GCN_TEST_JOBS:-2}" "$@"
