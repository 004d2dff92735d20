#!/usr/bin/env bash
# Import speed side by side: sqlite-utils' CLI and `claimtrack import`, over one generated CSV.
#
#   bash benches/import/vs-sqlite-utils.sh [ROWS]      # default 1000000
#
# Generates ROWS claim-like rows (ten-word statement, speaker, outlet, URL, date),
# installs sqlite-utils from PyPI into a throwaway virtual environment, and times:
#   1. sqlite-utils insert alone;
#   2. sqlite-utils doing the same work claimtrack does: insert, create-index for
#      the columns claimtrack indexes, enable-fts on the statement;
#   3. claimtrack import end to end (sources resolved, articles and citations,
#      every index including the full-text one, the audit events of one change), from a release build.
# Prints one line per run: seconds and rows per second, then the ledger's bytes per claim.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$rows" "$work/claims.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
words = ("port harbour council budget tax school bridge river election minister police hospital "
         "road rail water price wage job energy coal gas farm wheat court judge strike union bank").split()
with open(path, "w") as f:
    f.write("statement,speaker,outlet,url,date\n")
    for i in range(rows):
        text = " ".join(random.choice(words) for _ in range(10))
        f.write(f'"{text} ({i})",Speaker {random.randrange(20000)},Outlet {random.randrange(2000)},'
                f"https://news{random.randrange(2000)}.example/a/{i},"
                f"20{random.randrange(10, 26)}-{random.randrange(1, 13):02d}-{random.randrange(1, 29):02d}\n")
PY

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet sqlite-utils
cargo build --release --quiet

# Each step runs under /usr/bin/time; wall seconds and CPU seconds (user + system) are summed
# per run, since on a shared machine the CPU time is the steadier figure.
# `sync` first: what the previous step left for the kernel to write back is not on this one's clock.
timed() { sync; /usr/bin/time -f "%e %U %S" -a -o "$work/times" "$@"; }
report() {
    python3 - "$1" "$work/times" "$rows" <<'PY'
import sys
label, path, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
wall = cpu = 0.0
for line in open(path):
    e, u, s = map(float, line.split()[-3:])
    wall, cpu = wall + e, cpu + u + s
print(f"{label:<52} wall {wall:7.2f} s  cpu {cpu:7.2f} s  {rows / cpu:9.0f} rows per cpu-second")
PY
    rm -f "$work/times"
}

timed "$work/venv/bin/sqlite-utils" insert "$work/su-bare.db" claims "$work/claims.csv" --csv
report "sqlite-utils insert alone"

timed "$work/venv/bin/sqlite-utils" insert "$work/su.db" claims "$work/claims.csv" --csv
for column in speaker outlet url date; do
    timed "$work/venv/bin/sqlite-utils" create-index "$work/su.db" claims "$column"
done
timed "$work/venv/bin/sqlite-utils" enable-fts "$work/su.db" claims statement
report "sqlite-utils insert + create-index x4 + enable-fts"

./target/release/claimtrack --db "$work/ledger.db" init >/dev/null
sync
/usr/bin/time -f "%e %U %S" -o "$work/times" ./target/release/claimtrack --db "$work/ledger.db" --format json \
    import "$work/claims.csv" --from csv --map text=statement,source=speaker,publisher=outlet,url=url,date=date \
    > "$work/report.json"
report "claimtrack import (every index, the full-text one too)"
python3 - "$work/report.json" "$work/ledger.db" "$rows" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
size = os.path.getsize(sys.argv[2])
read, write, matching = report['read_ms'], report['write_ms'], report['matching_ms']
print(f"claimtrack: read {read} ms, load {report['load_ms']} ms, matching index (full-text words, keys, "
      f"quantities) {matching} ms, other indexes {report['index_ms']} ms, audit digests {report['audit_ms']} ms, "
      f"write incl. commit {write} ms; {size} bytes, {size / int(sys.argv[3]):.0f} bytes per claim")
print(f"claimtrack without the matching index (wall, in process): {(read + write - matching) / 1000:.2f} s")
PY
