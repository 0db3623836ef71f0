#!/usr/bin/env python3
"""A fake BlueZ (org.bluez) on a private D-Bus system bus, for Ebb's Bluetooth LE tests.

It exposes one adapter and one device of each kind Ebb knows (Perifit, kGoal Boost, Elvie
Trainer, femfit, Magic Motion Kegel Master) with their GATT services and characteristics, and
sends each device's payload following a scripted effort curve while someone is subscribed (or
answers ReadValue for the Elvie, which offers no notify). The curve runs on "streaming time":
it stands still while a device is disconnected.

  fake_bluez.py [--powered no] [--no-adapter] [--known] [--refuse ADDR:N]... [--curve SPEC]
  fake_bluez.py ctl drop ADDR SECONDS | ctl garbage ADDR N | ctl quit

--known: devices are there from the start (as if BlueZ remembered them); otherwise they appear
during discovery. --curve "0.05:1.2,0.6:2.4,0.05:0": effort:seconds pairs, the last held.
Object paths are deliberately not BlueZ's usual ones: clients must not guess them.
"""
import struct
import sys
import time

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

BUS_NAME = "org.bluez"
OM = "org.freedesktop.DBus.ObjectManager"
PROPS = "org.freedesktop.DBus.Properties"
ADAPTER = "org.bluez.Adapter1"
DEVICE = "org.bluez.Device1"
SERVICE = "org.bluez.GattService1"
CHAR = "org.bluez.GattCharacteristic1"
CTL = "org.ebbtest.Control"


def uuid16(u):
    return "0000%04x-0000-1000-8000-00805f9b34fb" % u


def be16(v):
    return struct.pack(">H", max(0, min(65535, int(round(v)))))


def femfit_u16(mmhg):
    return be16(mmhg / 0.00750063755 - 65536)


# name, address, service, characteristic, notify, period (s), payload(effort) -> bytes
def perifit(e):
    return be16(800 + 2000 * e) + be16(600 + 200 * e)


def kgoal(e):
    return b"\x00\x01\x04" + be16(1000 * e) + be16(300 + 1000 * e)


def elvie(e):
    return bytes([0x10, 0, 0, 0, 0, int(round(9 + 10 * e)), 0, 0])


def femfit(es):
    out = b"\x00\x01"
    for sensor in range(2):
        for e in es:
            out += femfit_u16(770 + 29.42 * e) + bytes([169])
    return out


def kegel(e):
    return be16(100 + 1000 * e)


KINDS = [
    ("Perifit_o)", "C0:FF:EE:00:00:01", uuid16(0xAA41), uuid16(0xAA41), True, 0.04, perifit, False),
    ("Boost", "C0:FF:EE:00:00:02", "8e7c6065-7656-17ad-1b41-b53d1a548e0d",
     "10c2be2d-d2d5-b7a8-5f42-e2468c9ebbf5", True, 0.05, kgoal, True),
    ("Elvie Trainer", "C0:FF:EE:00:00:03", "0a09fff0-dcac-7001-ed03-030502030401",
     "0a09fff1-dcac-7001-ed03-030502030401", False, 0.05, elvie, False),
    ("femfit", "C0:FF:EE:00:00:04", "0d9e0001-c111-49cd-bba3-85c7471cb6fa",
     "0d9e0002-c111-49cd-bba3-85c7471cb6fa", True, 0.06, femfit, False),
    ("Kegel Master", "C0:FF:EE:00:00:05", "6f468792-f91f-11e3-a847-b2227cce2b54",
     "6f468bfc-f91f-11e3-a847-b2227cce2b54", True, 0.05, kegel, False),
]


class Failed(dbus.DBusException):
    _dbus_error_name = "org.bluez.Error.Failed"


class Obj(dbus.service.Object):
    """An object with properties per interface; PropertiesChanged on every change."""

    def __init__(self, bus, path, props):
        self.path = path
        self.props = props  # {iface: {name: value}}
        super().__init__(bus, path)

    @dbus.service.method(PROPS, in_signature="ss", out_signature="v")
    def Get(self, iface, name):
        return self.props[iface][name]

    @dbus.service.method(PROPS, in_signature="s", out_signature="a{sv}")
    def GetAll(self, iface):
        return self.props.get(iface, {})

    @dbus.service.signal(PROPS, signature="sa{sv}as")
    def PropertiesChanged(self, iface, changed, invalidated):
        pass

    def set(self, iface, **kv):
        self.props[iface].update(kv)
        self.PropertiesChanged(iface, kv, dbus.Array([], signature="s"))


class Root(dbus.service.Object):
    def __init__(self, bus, fake):
        self.fake = fake
        super().__init__(bus, "/")

    @dbus.service.method(OM, out_signature="a{oa{sa{sv}}}")
    def GetManagedObjects(self):
        return {o.path: o.props for o in self.fake.visible()}

    @dbus.service.signal(OM, signature="oa{sa{sv}}")
    def InterfacesAdded(self, path, ifaces):
        pass

    @dbus.service.signal(OM, signature="oas")
    def InterfacesRemoved(self, path, ifaces):
        pass


class Adapter(Obj):
    def __init__(self, bus, path, fake, powered):
        self.fake = fake
        super().__init__(bus, path, {ADAPTER: {"Address": "00:EB:B0:00:00:00", "Powered":
                                               dbus.Boolean(powered), "Discovering":
                                               dbus.Boolean(False)}})

    @dbus.service.method(ADAPTER)
    def StartDiscovery(self):
        self.set(ADAPTER, Discovering=dbus.Boolean(True))
        for d in self.fake.devices:
            GLib.timeout_add(150 + 100 * self.fake.devices.index(d), d.appear)

    @dbus.service.method(ADAPTER)
    def StopDiscovery(self):
        self.set(ADAPTER, Discovering=dbus.Boolean(False))


class Char(Obj):
    def __init__(self, bus, path, uuid, service, flags, dev):
        self.dev = dev
        super().__init__(bus, path, {CHAR: {"UUID": uuid, "Service": dbus.ObjectPath(service),
                                            "Flags": dbus.Array(flags, signature="s"),
                                            "Value": dbus.Array([], signature="y")}})

    @dbus.service.method(CHAR)
    def StartNotify(self):
        if "notify" not in self.props[CHAR]["Flags"]:
            raise Failed("Operation is not supported")
        if not self.dev.connected:
            raise Failed("Not connected")
        self.dev.subscribed = True

    @dbus.service.method(CHAR)
    def StopNotify(self):
        self.dev.subscribed = False

    @dbus.service.method(CHAR, in_signature="a{sv}", out_signature="ay")
    def ReadValue(self, options):
        if not self.dev.connected:
            raise Failed("Not connected")
        return dbus.Array(self.dev.read(self), signature="y")


class Device(Obj):
    def __init__(self, bus, fake, index, kind):
        name, addr, svc, chr_, notify, period, payload, battery = kind
        self.fake, self.bus, self.name, self.addr = fake, bus, name, addr
        self.svc_uuid, self.char_uuid, self.notify = svc, chr_, notify
        self.period, self.payload, self.battery = period, payload, battery
        self.connected = False
        self.subscribed = False
        self.shown = False
        self.refuse = 0
        self.down_until = 0.0
        self.garbage = 0
        self.t_stream = 0.0  # streaming time, seconds
        self.gatt = []
        base = "/org/bluez/hci0/ebbtest%d_%s" % (index, addr.replace(":", ""))
        super().__init__(bus, base, {DEVICE: {
            "Address": addr, "Name": name, "Alias": name, "Adapter":
            dbus.ObjectPath("/org/bluez/hci0"), "UUIDs": dbus.Array([svc], signature="s"),
            "Connected": dbus.Boolean(False), "ServicesResolved": dbus.Boolean(False),
            "RSSI": dbus.Int16(-50 - 3 * index)}})
        GLib.timeout_add(int(period * 1000), self.tick)

    def appear(self):
        if not self.shown:
            self.shown = True
            self.fake.root.InterfacesAdded(self.path, self.props)
        return False

    @dbus.service.method(DEVICE)
    def Connect(self):
        if self.refuse > 0:
            self.refuse -= 1
            raise Failed("le-connection-abort-by-local")
        if time.monotonic() < self.down_until:
            raise Failed("Page Timeout")
        if self.connected:
            return
        self.connected = True
        self.set(DEVICE, Connected=dbus.Boolean(True))
        self.add_gatt()
        self.set(DEVICE, ServicesResolved=dbus.Boolean(True))

    @dbus.service.method(DEVICE)
    def Disconnect(self):
        self.drop(0)

    def add_gatt(self):
        # BlueZ numbers services and characteristics per device; ours use other numbers.
        p = self.path
        objs = []
        if self.battery:
            objs.append(Obj(self.bus, p + "/svc0007", {SERVICE: {"UUID": uuid16(0x180F), "Device":
                                                                 dbus.ObjectPath(p), "Primary":
                                                                 dbus.Boolean(True)}}))
            bat = Char(self.bus, p + "/svc0007/chr0008", uuid16(0x2A19), p + "/svc0007",
                       ["read"], self)
            bat.level = 84
            objs.append(bat)
        svc = Obj(self.bus, p + "/svc0020", {SERVICE: {"UUID": self.svc_uuid, "Device":
                                                       dbus.ObjectPath(p), "Primary":
                                                       dbus.Boolean(True)}})
        flags = ["read", "notify"] if self.notify else ["read"]
        self.char = Char(self.bus, p + "/svc0020/chr0021", self.char_uuid, p + "/svc0020",
                         flags, self)
        objs += [svc, self.char]
        # A femfit has more sensor characteristics; Ebb must pick the right one by UUID.
        if self.name == "femfit":
            objs.append(Char(self.bus, p + "/svc0020/chr0019",
                             "0d9e0003-c111-49cd-bba3-85c7471cb6fa", p + "/svc0020",
                             ["notify"], self))
        for o in objs:
            self.fake.root.InterfacesAdded(o.path, o.props)
        self.gatt = objs

    def drop(self, seconds):
        if not self.connected:
            return
        self.connected = False
        self.subscribed = False
        self.down_until = time.monotonic() + seconds
        self.set(DEVICE, ServicesResolved=dbus.Boolean(False))
        self.set(DEVICE, Connected=dbus.Boolean(False))
        for o in reversed(self.gatt):
            self.fake.root.InterfacesRemoved(o.path, dbus.Array(list(o.props.keys()),
                                                                signature="s"))
            o.remove_from_connection()
        self.gatt = []

    def effort(self, t):
        for e, secs in self.fake.curve:
            if secs <= 0 or t < secs:
                return e
            t -= secs
        return self.fake.curve[-1][0]

    def sample(self):
        if self.name == "femfit":
            es = [self.effort(self.t_stream + k * self.period / 3) for k in range(3)]
            return self.payload(es)
        return self.payload(self.effort(self.t_stream))

    def next_garbage(self):
        self.garbage -= 1
        if self.name == "Boost" and self.garbage % 2:
            return b"\x00\x01\x04\xff\xff\x00\x00"  # normalised pressure beyond 2000
        return b"\xff"  # shorter than every layout

    def tick(self):
        if self.connected and self.subscribed and self.notify:
            data = self.next_garbage() if self.garbage > 0 else self.sample()
            self.t_stream += self.period
            self.char.set(CHAR, Value=dbus.Array(data, signature="y"))
        return True

    def read(self, char):
        if getattr(char, "level", None) is not None:
            return bytes([char.level])
        data = self.next_garbage() if self.garbage > 0 else self.sample()
        self.t_stream += self.period
        return data


class Control(dbus.service.Object):
    def __init__(self, bus, fake):
        self.fake = fake
        super().__init__(bus, "/ebbtest")

    def dev(self, addr):
        for d in self.fake.devices:
            if d.addr == addr:
                return d
        raise Failed("no device " + addr)

    @dbus.service.method(CTL, in_signature="sd")
    def Drop(self, addr, seconds):
        self.dev(addr).drop(seconds)

    @dbus.service.method(CTL, in_signature="su")
    def Garbage(self, addr, n):
        self.dev(addr).garbage = n

    @dbus.service.method(CTL)
    def Quit(self):
        GLib.timeout_add(50, self.fake.loop.quit)


class Fake:
    def __init__(self, args):
        self.curve = [(0.05, 1.2), (0.6, 2.4), (0.05, 0)]
        powered, adapter, known, refuse = True, True, False, {}
        i = 0
        while i < len(args):
            a = args[i]
            if a == "--powered":
                powered = args[i + 1] != "no"
                i += 1
            elif a == "--no-adapter":
                adapter = False
            elif a == "--known":
                known = True
            elif a == "--refuse":
                addr, n = args[i + 1].rsplit(":", 1)
                refuse[addr] = int(n)
                i += 1
            elif a == "--curve":
                self.curve = [(float(e), float(s)) for e, s in
                              (p.split(":") for p in args[i + 1].split(","))]
                i += 1
            else:
                sys.exit("fake_bluez: unknown argument " + a)
            i += 1
        self.bus = dbus.SystemBus()
        self.root = Root(self.bus, self)
        self.adapter = Adapter(self.bus, "/org/bluez/hci0", self, powered) if adapter else None
        self.devices = [Device(self.bus, self, k, kind) for k, kind in enumerate(KINDS)]
        for d in self.devices:
            d.shown = known
            d.refuse = refuse.get(d.addr, 0)
        self.control = Control(self.bus, self)
        self.name = dbus.service.BusName(BUS_NAME, self.bus)
        self.loop = GLib.MainLoop()

    def visible(self):
        out = [self.adapter] if self.adapter else []
        for d in self.devices:
            if d.shown:
                out.append(d)
                out += d.gatt
        return out


def ctl(args):
    bus = dbus.SystemBus()
    c = dbus.Interface(bus.get_object(BUS_NAME, "/ebbtest"), CTL)
    if args[0] == "drop":
        c.Drop(args[1], float(args[2]))
    elif args[0] == "garbage":
        c.Garbage(args[1], dbus.UInt32(int(args[2])))
    elif args[0] == "quit":
        c.Quit()


def main():
    DBusGMainLoop(set_as_default=True)
    if len(sys.argv) > 1 and sys.argv[1] == "ctl":
        ctl(sys.argv[2:])
        return
    fake = Fake(sys.argv[1:])
    # A name still held by a fake that is going away is only queued for: "ready" means owned.
    for _ in range(200):
        if fake.bus.get_name_owner(BUS_NAME) == fake.bus.get_unique_name():
            break
        time.sleep(0.025)
    else:
        sys.exit("fake_bluez: could not own " + BUS_NAME)
    print("fake_bluez: ready", flush=True)
    fake.loop.run()


if __name__ == "__main__":
    main()
