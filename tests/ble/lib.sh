# Helpers for the Bluetooth LE tests (sourced): a private D-Bus daemon of the system type and
# the fake BlueZ on it. Reuses tests/probes/lib.sh for temp dirs, cleanup and waiting.
. "$(dirname "${BASH_SOURCE[0]}")/../probes/lib.sh"
ble_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ble_bus: starts dbus-daemon (type system, unix socket in $dir, everything allowed) and points
# DBUS_SYSTEM_BUS_ADDRESS at it. Needs ebb_tmpdir first.
ble_bus() {
    cat >"$dir/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
    ${BLE_POLICY_EXTRA:-}
  </policy>
</busconfig>
CONF
    dbus-daemon --config-file="$dir/bus.conf" --nofork --nopidfile >"$dir/dbus.log" 2>&1 &
    ebb_track $!
    ebb_wait_for "[ -S '$dir/bus' ]" 5 || ebb_fail "dbus-daemon did not start: $(cat "$dir/dbus.log")"
    export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/bus"
    export DBUS_SESSION_BUS_ADDRESS="disabled:"
    # `ebb devices` also lists sound inputs: a null ALSA keeps that quiet and leak-free.
    printf 'pcm.!default { type null }\nctl.!default { type hw card 0 }\n' >"$dir/alsa.conf"
    export ALSA_CONFIG_PATH="$dir/alsa.conf"
}

# ble_fake ARGS...: starts the fake BlueZ and waits until it owns org.bluez.
ble_fake() {
    # Empty the log here, not only in the child: a loaded machine may run the first check
    # below before the child has opened the log, and find the last fake's "ready" in it.
    : >"$dir/fake.log"
    "${EBB_PYTHON:-/usr/bin/python3}" "$ble_here/fake_bluez.py" "$@" >>"$dir/fake.log" 2>&1 &
    ble_fake_pid=$!
    ebb_track "$ble_fake_pid"
    ebb_wait_for "grep -q ready '$dir/fake.log'" 10 || ebb_fail "fake BlueZ did not start: $(cat "$dir/fake.log")"
}

ble_ctl() { "${EBB_PYTHON:-/usr/bin/python3}" "$ble_here/fake_bluez.py" ctl "$@"; }
