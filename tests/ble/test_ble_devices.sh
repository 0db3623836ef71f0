#!/usr/bin/env bash
# `ebb devices` with Bluetooth: all five trainers found in a short scan and named; Bluetooth
# switched off, absent, or refused each said in one plain sentence, without failing the
# command (the serial ports and sound inputs are still worth seeing).
#   test_ble_devices.sh EBB
set -euo pipefail
ebb=$1
. "$(dirname "$0")/lib.sh"
ebb_tmpdir ble-devices
ble_bus

# No org.bluez on the bus at all.
"$ebb" devices >"$dir/absent" 2>&1 || true
grep -q "Bluetooth is not available: the Bluetooth service (BlueZ) is not running" "$dir/absent" ||
    ebb_fail "absent: $(cat "$dir/absent")"
echo "ok: absent said plainly"

ble_fake --powered no
"$ebb" devices >"$dir/off" 2>&1 || true
grep -q "Bluetooth is switched off" "$dir/off" || ebb_fail "off: $(cat "$dir/off")"
echo "ok: off said plainly"
ble_ctl quit
wait "$ble_fake_pid" 2>/dev/null || true

ble_fake
rc=0
"$ebb" devices >"$dir/list" 2>&1 || rc=$?
for want in 'ble:C0:FF:EE:00:00:01  Perifit ' 'ble:C0:FF:EE:00:00:02  kGoal Boost ' \
            'ble:C0:FF:EE:00:00:03  Elvie Trainer ' 'ble:C0:FF:EE:00:00:04  femfit ' \
            'ble:C0:FF:EE:00:00:05  Magic Motion Kegel Master '; do
    grep -qF "$want" "$dir/list" || ebb_fail "missing '$want' in: $(cat "$dir/list")"
done
echo "ok: all five trainers listed (exit $rc)"
# The exit code is that of the rest of the listing, with or without Bluetooth.
rc_absent=0; DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/none" "$ebb" devices >/dev/null 2>&1 || rc_absent=$?
[ "$rc" = "$rc_absent" ] || ebb_fail "exit code $rc with Bluetooth, $rc_absent without"
grep -q "system message bus (D-Bus) is not running" <(DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/none" "$ebb" devices 2>&1) ||
    ebb_fail "no bus: no plain sentence"
echo "ok: no system bus said plainly; exit code unchanged ($rc)"
