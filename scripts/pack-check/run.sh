#!/usr/bin/env bash
# The SDK outside this repository: pack @path/core, @path/kit-cli, @path/local and @path/testing
# as npm would publish them, install the tarballs into an empty project from the npm cache, and
# use them there as a user would: plain `node` (no tsx, no build step of theirs) and `tsc`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pack-check-XXXXXX")"
trap 'rm -rf "$work"' EXIT
step() { echo "pack check: $1 (${SECONDS} s)"; }

cd "$repo"
npm run -s build >/dev/null
step "built"
npm pack --silent --pack-destination "$work" \
  -w @path/core -w @path/kit-cli -w @path/local -w @path/testing >/dev/null

# A tarball holds the built code, its types, package.json and the README: no sources, tests,
# benches or a tsconfig.json that extends a file outside the package.
for tarball in "$work"/*.tgz; do
  extra="$(tar tzf "$tarball" | grep -Ev '^package/(dist/.+\.(js|d\.ts)|package\.json|README\.md)$' || true)"
  if [ -n "$extra" ] || tar tzf "$tarball" | grep -q '\.test\.'; then
    echo "pack check: $(basename "$tarball") ships more than it should:" >&2
    echo "$extra" >&2
    exit 1
  fi
done

mkdir "$work/project" && cp -r "$repo/stubs" "$work/stubs"
node "$here/write-project.mjs" "$repo" "$work/project"
cp "$here/call-core.mjs" "$here/call-local.mjs" "$here/use-packages.ts" "$here/tsconfig.json" \
  "$work/project/"
cd "$work/project"
npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null
step "packed and installed into an empty project"

# The user's shell, not ours: no source condition, no proxy for the fake server on 127.0.0.1.
clean=(env -u NODE_OPTIONS -u HTTPS_PROXY -u HTTP_PROXY -u ALL_PROXY -u https_proxy -u http_proxy -u all_proxy)
"${clean[@]}" node call-core.mjs
"${clean[@]}" node call-local.mjs
"${clean[@]}" "$repo/node_modules/.bin/tsc" -p .
step "node calls and tsc passed"
