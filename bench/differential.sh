#!/usr/bin/env bash
# The differential test with fresh seeds: for --minutes M (default 10), draw a random seed, run the lab
# generated from it on two emulated hosts (`swarmlab run --generated SEED`), destroy it, and count the labs,
# cells and cells not matched. A generated lab uses only what the judge models, so every cell must be
# matched; a seed that is not is printed with its lab file and report, to keep as a test resource
# (controller/src/test/resources/differential/seeds.txt) once the model error it found is fixed.
#   bash bench/differential.sh [--minutes M] [--seed SEED]...   (given seeds first, then fresh ones)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=10
seeds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --seed) seeds+=("$2"); shift 2 ;;
    *) echo "bench/differential.sh: unknown argument $1 (use --minutes M, --seed SEED)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "bench/differential.sh: needs root (emulated hosts)" >&2; exit 1; }
export SWARMLAB_STATE="${SWARMLAB_STATE:-$(mktemp -d)}"
swarmlab() { "$root/swarmlab" "$@"; }
swarmlab hosts up --count 2 >/dev/null
end=$(( $(date +%s) + minutes * 60 ))
labs=0; cells=0; bad=0; failed=()
while [ "$(date +%s)" -lt "$end" ]; do
  if [ ${#seeds[@]} -gt 0 ]; then seed=${seeds[0]}; seeds=("${seeds[@]:1}"); else seed=$(( (RANDOM << 30) | (RANDOM << 15) | RANDOM )); fi
  out="$SWARMLAB_STATE/differential/$seed"
  mkdir -p "$out"
  status=0
  swarmlab run --generated "$seed" --out "$out" > "$out/run.log" 2>&1 || status=$?
  swarmlab destroy "$SWARMLAB_STATE/generated/gen-$seed.yaml" > "$out/destroy.log" 2>&1 || echo "seed $seed: destroy failed, see $out/destroy.log"
  labs=$((labs + 1))
  if [ -f "$out/report.json" ]; then
    read -r n matched < <(python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['summary']['counts']; print(c['cells'], c['matched'])" "$out/report.json")
  else
    n=0; matched=0
  fi
  cells=$((cells + n)); bad=$((bad + n - matched))
  if [ "$status" != 0 ] || [ "$n" != "$matched" ] || [ "$n" = 0 ]; then
    failed+=("$seed")
    echo "seed $seed: exit $status, $matched of $n cells matched: $SWARMLAB_STATE/generated/gen-$seed.yaml, $out/run.log"
  else
    echo "seed $seed: $n cells, all matched"
  fi
done
echo "differential: $labs generated labs, $cells cells, $bad not matched, in $minutes min; seeds not matched: ${failed[*]:-none}"
[ ${#failed[@]} -eq 0 ]
