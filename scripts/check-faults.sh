#!/usr/bin/env bash
# Fault and hostile-input checks of the command line (docs/reliability.md):
# the RendementReliabilityTests target, with a bigger SIGKILL run than the
# test default, and a note of what this machine allows. Run it as root (or
# with CAP_SYS_ADMIN and CAP_LINUX_IMMUTABLE): the read-only store, full disk
# and unreadable input tests need chattr, mount and setpriv, and are
# skipped (with the reason) where these are not permitted.
#   bash scripts/check-faults.sh                       # 1,000,000 BVH rows, 8 random kills
#   ROWS=300000 KILLS=4 SEED=7 bash scripts/check-faults.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
rows="${ROWS:-1000000}"
kills="${KILLS:-8}"
seed="${SEED:-$(date +%s)}"

echo "== what this machine allows (uid $(id -u))"
probe="$(mktemp -d)"
trap 'umount "$probe/m" 2>/dev/null || true; chattr -i "$probe/f" 2>/dev/null || true; rm -rf "$probe"' EXIT
mkdir "$probe/m"; touch "$probe/f"
if chattr +i "$probe/f" 2>/dev/null; then echo "  chattr +i: yes"; chattr -i "$probe/f"; else echo "  chattr +i: no (read-only store tests will be skipped)"; fi
if mount -t tmpfs -o size=1m tmpfs "$probe/m" 2>/dev/null; then echo "  mount tmpfs / bind: yes"; umount "$probe/m"; else echo "  mount: no (full disk and read-only mount tests will be skipped)"; fi
if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then echo "  setpriv to nobody: yes"; else echo "  setpriv: no (unreadable input test will be skipped)"; fi

echo "== build (debug)"
nice -n 10 swift build --build-tests 2>&1 | tail -1

echo "== RendementReliabilityTests; SIGKILL run: $rows BVH rows, $kills random kills + 4 at stage ends + 1 during the commit + 1 during --replace, seed $seed"
log="$(mktemp)"
start=$(date +%s)
set +e
RENDEMENT_FAULT_ROWS="$rows" RENDEMENT_FAULT_KILLS="$kills" RENDEMENT_FAULT_SEED="$seed" \
  nice -n 10 swift test --skip-build --filter RendementReliabilityTests >"$log" 2>&1
status=$?
set -e
grep -E "^Test Case .*(passed|failed)|error:|skipped|SIGKILL:" "$log" | sed -E "s/^Test Case '([^']*)' /\1 /" || true
grep -E "Executed [0-9]+ tests" "$log" | tail -1
echo "== $(($(date +%s) - start)) s; exit $status"
rm -f "$log"
exit "$status"
