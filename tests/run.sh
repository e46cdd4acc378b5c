#!/usr/bin/env bash
# The whole test suite: installs what it needs, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup.sh
cargo test --locked --all-targets -- --test-threads=2
