#!/usr/bin/env bash
# Builds the client-go side of the benchmark runner's full mode (main.go, types.go; client-go v0.37.2)
# into a cache directory, once: later runs find the binary there and return at once.
#
#   tools/client-go-bench/build.sh     # prints the path of the client-go-bench binary
#
# $KGATEWAY_SDK_CACHE/client-go-bench (default ~/.cache/kgateway-sdk/...); a stamp holds the hash of
# this module's sources, so a change rebuilds. Exits 3 without Go on the PATH, 4 when the build fails.
set -euo pipefail
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export GOFLAGS="${GOFLAGS:--mod=mod -buildvcs=false}"

here="$(cd "$(dirname "$0")" && pwd)"
cache="${KGATEWAY_SDK_CACHE:-$HOME/.cache/kgateway-sdk}"
out="$cache/client-go-bench"

if ! command -v go >/dev/null 2>&1; then
    echo "client-go-bench: Go is not on the PATH" >&2
    exit 3
fi
stamp="$(cd "$here" && cat go.mod go.sum build.sh *.go | sha256sum | cut -c1-16)"
if [ -x "$out/client-go-bench" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "$out/client-go-bench"
    exit 0
fi
mkdir -p "$out"
if ! (cd "$here" && go build -o "$out/client-go-bench.tmp" .); then
    echo "client-go-bench: the Go build failed (above)" >&2
    exit 4
fi
mv "$out/client-go-bench.tmp" "$out/client-go-bench"
echo "$stamp" > "$out/.stamp"
echo "$out/client-go-bench"
