# Helpers for the fault tests (sourced, not run).

# fault_fail MESSAGE: says what went wrong and stops.
fault_fail() { echo "FAIL: $*" >&2; exit 1; }

# fault_sql DB SQL: one value from a database, read-only, with Python's own SQLite (so the
# check does not go through Ebb's code).
fault_sql() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
row = db.execute(sys.argv[2]).fetchone()
print("" if row is None or row[0] is None else row[0])
PY
}

# fault_feed VALUE SECONDS: probe lines of VALUE at about 100 a second (the stdin probe is
# live: every line counts as arriving when it is read). VALUE "noise": random values, which
# make a recording that does not compress.
fault_feed() {
  python3 -u -c '
import os, random, sys, time
v, s = sys.argv[1], float(sys.argv[2])
t0 = time.monotonic()
try:
    while time.monotonic() - t0 < s:
        print("%.3f" % random.random() if v == "noise" else v)
        time.sleep(0.01)
except BrokenPipeError:  # the level ended first: that is fine
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
' "$1" "$2"
}

# fault_no_temp DIR...: no temporary file (the atomic writer's .NAME.XXXXXX) is left.
fault_no_temp() {
  local left
  left=$(find "$@" -name '.*' -type f 2>/dev/null || true)
  [ -z "$left" ] || fault_fail "temporary files left behind: $left"
}
