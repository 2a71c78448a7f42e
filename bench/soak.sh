#!/usr/bin/env bash
# Soak (not part of `make bench`: it is long): `swarmlab run --all` N times in a row (default 5,
# or the first argument) on the same three emulated hosts, then per lab how many of the N runs
# passed (and left every host clean) and how many cells were flaky, and the cells that had a
# second try. Target (issue 12): N of N passed, 0 flaky cells.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-${SOAK_RUNS:-5}}"
export SWARMLAB_STATE="$(mktemp -d)"
swarmlab() { "$root/swarmlab" "$@"; }

[ "$(id -u)" = 0 ] || { echo "bench/soak.sh: needs root (emulated hosts)" >&2; exit 1; }
trap 'rm -rf "$SWARMLAB_STATE"' EXIT
swarmlab hosts up --count 3 >/dev/null
failed_all=0
for ((i = 1; i <= n; i++)); do
  log="$SWARMLAB_STATE/all-$i.log"
  status=0
  swarmlab run --all --labs "$root/labs" >"$log" 2>&1 || status=$?
  unclean=$(grep -c '^after destroying lab .*, a host is not clean' "$log" || true)
  printf 'round %d of %d: run --all exit %d, %d unclean host report(s), %s\n' "$i" "$n" "$status" "$unclean" \
    "$(grep -o 'every lab in .*, in [^(]*' "$log" | sed 's/every lab in [^,]*, in //')"
  [ "$status" = 0 ] || { failed_all=1; cp "$log" "/tmp/swarmlab-soak-$i.log"; echo "  (its log: /tmp/swarmlab-soak-$i.log)"; }
done
swarmlab runs --json | python3 -c '
import collections, json, sys
n = int(sys.argv[1])
runs = json.load(sys.stdin)
passed, flaky, seen = collections.Counter(), collections.Counter(), collections.Counter()
for r in runs:
    seen[r["lab"]] += 1
    passed[r["lab"]] += r["status"] == "passed"
    flaky[r["lab"]] += r["counts"].get("flaky", 0)
print("\n%-18s %-8s %s" % ("LAB", "PASSED", "FLAKY CELLS"))
for lab in sorted(seen):
    print("%-18s %d of %d  %d" % (lab, passed[lab], seen[lab], flaky[lab]))
print("\nall labs: %d of %d runs passed, %d flaky cells" % (sum(passed.values()), sum(seen.values()), sum(flaky.values())))
' "$n"
grep -h 'probed .* cell(s) again' "$SWARMLAB_STATE"/all-*.log | sed 's/^-  */  second tries: /' || echo "  no cell needed a second try in $n rounds"
exit $failed_all
