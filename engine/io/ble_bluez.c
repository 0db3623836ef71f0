/* BlueZ over sd-bus. See ble_bluez.h. The object cache holds what we need of each object
 * (adapter power, device address/name/UUIDs/connection, service -> device, characteristic ->
 * service and UUID); the link is a small state machine advanced by replies and signals. */
#define _POSIX_C_SOURCE 200809L

#include "io/ble_bluez.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#include "io/pacer.h"

#define BLUEZ "org.bluez"
#define OBJ_UUIDS_MAX 16
#define RETRY_MS 1000u      /* between connection attempts */
#define RESOLVE_MS 10000u   /* connected but no services: disconnect and try again */
#define CALL_TIMEOUT_US (20u * 1000000u)

enum { IF_ADAPTER = 1, IF_DEVICE = 2, IF_SERVICE = 4, IF_CHAR = 8 };

typedef struct bz_obj {
    char path[192];
    unsigned ifaces;
    bool powered, connected, resolved, has_rssi;
    int16_t rssi;
    char address[18], name[64];
    char uuid[37];            /* service or characteristic */
    char parent[192];         /* service: its Device; characteristic: its Service */
    char uuids[OBJ_UUIDS_MAX][37];
    size_t n_uuids;
} bz_obj;

typedef struct bz_link {
    bool active;
    char spec[128];
    char dev_path[192];
    char char_path[192];
    const ebb_ble_model *model;
    ebb_bluez_link_state state;
    sd_bus_slot *call;        /* the pending method call, if any */
    uint64_t next_try_ms, state_since_ms, next_read_ms;
    bool read_pending;
    int battery;
    bool battery_asked;
    uint32_t failures, drops;
    ebb_bluez_value_fn on_value;
    void *user;
} bz_link;

struct ebb_bluez {
    sd_bus *bus;
    char owner[64];           /* org.bluez's unique name: signals from others are ignored */
    bz_obj *objs;
    size_t n, cap;
    bz_link link;
};

static void bz_set(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static bz_obj *bz_find(ebb_bluez *b, const char *path)
{
    for (size_t i = 0; i < b->n; i++) {
        if (strcmp(b->objs[i].path, path) == 0) {
            return &b->objs[i];
        }
    }
    return NULL;
}

static bz_obj *bz_get(ebb_bluez *b, const char *path)
{
    bz_obj *o = bz_find(b, path);
    if (o || strlen(path) >= sizeof o->path) {
        return o;
    }
    if (b->n == b->cap) {
        const size_t cap = b->cap ? b->cap * 2 : 32;
        bz_obj *grown = realloc(b->objs, cap * sizeof *grown);
        if (!grown) {
            return NULL;
        }
        b->objs = grown;
        b->cap = cap;
    }
    o = &b->objs[b->n++];
    memset(o, 0, sizeof *o);
    bz_set(o->path, sizeof o->path, path);
    return o;
}

static unsigned bz_iface_bit(const char *iface)
{
    if (strcmp(iface, "org.bluez.Adapter1") == 0) return IF_ADAPTER;
    if (strcmp(iface, "org.bluez.Device1") == 0) return IF_DEVICE;
    if (strcmp(iface, "org.bluez.GattService1") == 0) return IF_SERVICE;
    if (strcmp(iface, "org.bluez.GattCharacteristic1") == 0) return IF_CHAR;
    return 0;
}

static void bz_lower(char *s)
{
    for (; *s; s++) {
        if (*s >= 'A' && *s <= 'Z') {
            *s = (char)(*s - 'A' + 'a');
        }
    }
}

static void link_value(ebb_bluez *b, const char *path, const uint8_t *data, size_t len);
static void link_step(ebb_bluez *b);

/* Reads one a{sv} of interface `bit` into o. Returns < 0 on a malformed message. */
static int bz_read_props(ebb_bluez *b, sd_bus_message *m, bz_obj *o, unsigned bit)
{
    int r = sd_bus_message_enter_container(m, 'a', "{sv}");
    if (r < 0) {
        return r;
    }
    while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
        const char *key = NULL, *contents = NULL;
        if ((r = sd_bus_message_read(m, "s", &key)) < 0 ||
            (r = sd_bus_message_peek_type(m, NULL, &contents)) < 0) {
            return r;
        }
        bool done = false;
        if (contents && strcmp(contents, "s") == 0) {
            const char *v = NULL;
            if ((r = sd_bus_message_read(m, "v", "s", &v)) < 0) {
                return r;
            }
            done = true;
            if (bit == IF_DEVICE && strcmp(key, "Address") == 0) {
                bz_set(o->address, sizeof o->address, v);
            } else if (bit == IF_DEVICE && strcmp(key, "Name") == 0) {
                bz_set(o->name, sizeof o->name, v);
            } else if ((bit == IF_SERVICE || bit == IF_CHAR) && strcmp(key, "UUID") == 0) {
                bz_set(o->uuid, sizeof o->uuid, v);
                bz_lower(o->uuid);
            }
        } else if (contents && strcmp(contents, "o") == 0) {
            const char *v = NULL;
            if ((r = sd_bus_message_read(m, "v", "o", &v)) < 0) {
                return r;
            }
            done = true;
            if ((bit == IF_SERVICE && strcmp(key, "Device") == 0) ||
                (bit == IF_CHAR && strcmp(key, "Service") == 0)) {
                bz_set(o->parent, sizeof o->parent, v);
            }
        } else if (contents && strcmp(contents, "b") == 0) {
            int v = 0;
            if ((r = sd_bus_message_read(m, "v", "b", &v)) < 0) {
                return r;
            }
            done = true;
            if (bit == IF_ADAPTER && strcmp(key, "Powered") == 0) {
                o->powered = v != 0;
            } else if (bit == IF_DEVICE && strcmp(key, "Connected") == 0) {
                o->connected = v != 0;
            } else if (bit == IF_DEVICE && strcmp(key, "ServicesResolved") == 0) {
                o->resolved = v != 0;
            }
        } else if (contents && strcmp(contents, "n") == 0 && bit == IF_DEVICE &&
                   strcmp(key, "RSSI") == 0) {
            int16_t v = 0;
            if ((r = sd_bus_message_read(m, "v", "n", &v)) < 0) {
                return r;
            }
            done = true;
            o->rssi = v;
            o->has_rssi = true;
        } else if (contents && strcmp(contents, "as") == 0 && bit == IF_DEVICE &&
                   strcmp(key, "UUIDs") == 0) {
            if ((r = sd_bus_message_enter_container(m, 'v', "as")) < 0 ||
                (r = sd_bus_message_enter_container(m, 'a', "s")) < 0) {
                return r;
            }
            o->n_uuids = 0;
            const char *u = NULL;
            while ((r = sd_bus_message_read(m, "s", &u)) > 0) {
                if (o->n_uuids < OBJ_UUIDS_MAX) {
                    bz_set(o->uuids[o->n_uuids], sizeof o->uuids[0], u);
                    bz_lower(o->uuids[o->n_uuids++]);
                }
            }
            if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0 ||
                (r = sd_bus_message_exit_container(m)) < 0) {
                return r;
            }
            done = true;
        } else if (contents && strcmp(contents, "ay") == 0 && bit == IF_CHAR &&
                   strcmp(key, "Value") == 0) {
            const void *data = NULL;
            size_t len = 0;
            if ((r = sd_bus_message_enter_container(m, 'v', "ay")) < 0 ||
                (r = sd_bus_message_read_array(m, 'y', &data, &len)) < 0 ||
                (r = sd_bus_message_exit_container(m)) < 0) {
                return r;
            }
            done = true;
            link_value(b, o->path, data, len);
        }
        if (!done && (r = sd_bus_message_skip(m, "v")) < 0) {
            return r;
        }
        if ((r = sd_bus_message_exit_container(m)) < 0) {
            return r;
        }
    }
    if (r < 0) {
        return r;
    }
    return sd_bus_message_exit_container(m);
}

/* a{sa{sv}} for object `path`. */
static int bz_read_ifaces(ebb_bluez *b, sd_bus_message *m, const char *path)
{
    int r = sd_bus_message_enter_container(m, 'a', "{sa{sv}}");
    if (r < 0) {
        return r;
    }
    while ((r = sd_bus_message_enter_container(m, 'e', "sa{sv}")) > 0) {
        const char *iface = NULL;
        if ((r = sd_bus_message_read(m, "s", &iface)) < 0) {
            return r;
        }
        const unsigned bit = bz_iface_bit(iface);
        bz_obj *o = bit ? bz_get(b, path) : NULL;
        if (o) {
            o->ifaces |= bit;
            r = bz_read_props(b, m, o, bit);
        } else {
            r = sd_bus_message_skip(m, "a{sv}");
        }
        if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0) {
            return r;
        }
    }
    return r < 0 ? r : sd_bus_message_exit_container(m);
}

static bool bz_from_bluez(ebb_bluez *b, sd_bus_message *m)
{
    const char *sender = sd_bus_message_get_sender(m);
    return sender && strcmp(sender, b->owner) == 0;
}

static int on_ifaces_added(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
    (void)err;
    ebb_bluez *b = userdata;
    const char *path = NULL;
    if (bz_from_bluez(b, m) && sd_bus_message_read(m, "o", &path) >= 0) {
        bz_read_ifaces(b, m, path);
    }
    return 0;
}

static int on_ifaces_removed(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
    (void)err;
    ebb_bluez *b = userdata;
    const char *path = NULL;
    if (!bz_from_bluez(b, m) || sd_bus_message_read(m, "o", &path) < 0) {
        return 0;
    }
    bz_obj *o = bz_find(b, path);
    const char *iface = NULL;
    if (o && sd_bus_message_enter_container(m, 'a', "s") >= 0) {
        while (sd_bus_message_read(m, "s", &iface) > 0) {
            o->ifaces &= ~bz_iface_bit(iface);
        }
        if (o->ifaces == 0) {
            *o = b->objs[--b->n];
        }
    }
    return 0;
}

static int on_props_changed(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
    (void)err;
    ebb_bluez *b = userdata;
    const char *iface = NULL;
    if (!bz_from_bluez(b, m) || sd_bus_message_read(m, "s", &iface) < 0) {
        return 0;
    }
    const unsigned bit = bz_iface_bit(iface);
    bz_obj *o = bit ? bz_find(b, sd_bus_message_get_path(m)) : NULL;
    if (o) {
        bz_read_props(b, m, o, bit);
    }
    return 0;
}

static void bz_say_error(const sd_bus_error *e, int r, ebb_bluez_status *status, char *msg,
                         size_t size)
{
    if (sd_bus_error_has_name(e, SD_BUS_ERROR_ACCESS_DENIED) || r == -EACCES || r == -EPERM) {
        *status = EBB_BLUEZ_DENIED;
        snprintf(msg, size, "Bluetooth is here, but this account may not use it; ask the "
                            "computer's administrator to allow it (on many systems: join the "
                            "'bluetooth' group), then log in again");
    } else if (sd_bus_error_has_name(e, SD_BUS_ERROR_SERVICE_UNKNOWN) ||
               sd_bus_error_has_name(e, SD_BUS_ERROR_NAME_HAS_NO_OWNER)) {
        *status = EBB_BLUEZ_ABSENT;
        snprintf(msg, size, "Bluetooth is not available: the Bluetooth service (BlueZ) is not "
                            "running on this computer");
    } else {
        *status = EBB_BLUEZ_FAILED;
        snprintf(msg, size, "Bluetooth did not answer: %s",
                 e && e->message ? e->message : strerror(-r));
    }
}

static const bz_obj *bz_adapter(const ebb_bluez *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->objs[i].ifaces & IF_ADAPTER) {
            return &b->objs[i];
        }
    }
    return NULL;
}

ebb_bluez *ebb_bluez_open(ebb_bluez_status *status, char *msg, size_t msg_size)
{
    *status = EBB_BLUEZ_FAILED;
    ebb_bluez *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(msg, msg_size, "out of memory");
        return NULL;
    }
    b->link.battery = -1;
    int r = sd_bus_open_system(&b->bus);
    if (r < 0) {
        *status = r == -EACCES || r == -EPERM ? EBB_BLUEZ_DENIED : EBB_BLUEZ_ABSENT;
        snprintf(msg, msg_size, *status == EBB_BLUEZ_DENIED
                                    ? "Bluetooth cannot be used: the system message bus refused "
                                      "this account"
                                    : "Bluetooth is not available: the system message bus "
                                      "(D-Bus) is not running");
        ebb_bluez_close(b);
        return NULL;
    }
    sd_bus_error e = SD_BUS_ERROR_NULL;
    sd_bus_message *reply = NULL;
    r = sd_bus_call_method(b->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus", "GetNameOwner", &e, &reply, "s", BLUEZ);
    const char *owner = NULL;
    if (r >= 0 && sd_bus_message_read(reply, "s", &owner) >= 0) {
        bz_set(b->owner, sizeof b->owner, owner);
    }
    sd_bus_message_unref(reply);
    reply = NULL;
    if (r < 0) {
        bz_say_error(&e, r, status, msg, msg_size);
        sd_bus_error_free(&e);
        ebb_bluez_close(b);
        return NULL;
    }
    /* Watch before asking, so that nothing happens unseen in between. */
    {
        r = sd_bus_match_signal(b->bus, NULL, NULL, NULL, "org.freedesktop.DBus.ObjectManager",
                                "InterfacesAdded", on_ifaces_added, b);
    }
    if (r >= 0) {
        r = sd_bus_match_signal(b->bus, NULL, NULL, NULL, "org.freedesktop.DBus.ObjectManager",
                                "InterfacesRemoved", on_ifaces_removed, b);
    }
    if (r >= 0) {
        r = sd_bus_match_signal(b->bus, NULL, NULL, NULL, "org.freedesktop.DBus.Properties",
                                "PropertiesChanged", on_props_changed, b);
    }
    if (r >= 0) {
        r = sd_bus_call_method(b->bus, BLUEZ, "/", "org.freedesktop.DBus.ObjectManager",
                               "GetManagedObjects", &e, &reply, "");
    }
    if (r < 0) {
        bz_say_error(&e, r, status, msg, msg_size);
        sd_bus_error_free(&e);
        ebb_bluez_close(b);
        return NULL;
    }
    if ((r = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}")) >= 0) {
        while ((r = sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}")) > 0) {
            const char *path = NULL;
            if ((r = sd_bus_message_read(reply, "o", &path)) < 0 ||
                (r = bz_read_ifaces(b, reply, path)) < 0 ||
                (r = sd_bus_message_exit_container(reply)) < 0) {
                break;
            }
        }
    }
    sd_bus_message_unref(reply);
    if (r < 0) {
        snprintf(msg, msg_size, "Bluetooth gave an answer Ebb could not read (%s)", strerror(-r));
        ebb_bluez_close(b);
        return NULL;
    }
    const bz_obj *a = bz_adapter(b);
    if (!a) {
        *status = EBB_BLUEZ_ABSENT;
        snprintf(msg, msg_size, "Bluetooth is not available: this computer has no Bluetooth "
                                "adapter");
        ebb_bluez_close(b);
        return NULL;
    }
    if (!a->powered) {
        *status = EBB_BLUEZ_OFF;
        snprintf(msg, msg_size, "Bluetooth is switched off; switch it on (in the system settings, "
                                "or with 'bluetoothctl power on') and try again");
        ebb_bluez_close(b);
        return NULL;
    }
    *status = EBB_BLUEZ_OK;
    msg[0] = '\0';
    return b;
}

void ebb_bluez_close(ebb_bluez *b)
{
    if (!b) {
        return;
    }
    sd_bus_slot_unref(b->link.call);
    if (b->bus) {
        sd_bus_flush_close_unref(b->bus);
    }
    free(b->objs);
    free(b);
}

bool ebb_bluez_pump(ebb_bluez *b, uint32_t wait_ms)
{
    for (int i = 0; i < 256; i++) { /* bounded work per call */
        const int r = sd_bus_process(b->bus, NULL);
        if (r < 0) {
            return false;
        }
        if (r == 0) {
            if (wait_ms == 0) {
                break;
            }
            if (sd_bus_wait(b->bus, (uint64_t)wait_ms * 1000u) < 0) {
                return false;
            }
            wait_ms = 0;
        }
    }
    link_step(b);
    return true;
}

static void bz_device_of(const bz_obj *o, ebb_bluez_device *d)
{
    memset(d, 0, sizeof *d);
    bz_set(d->address, sizeof d->address, o->address);
    bz_set(d->name, sizeof d->name, o->name);
    const char *uuids[OBJ_UUIDS_MAX];
    for (size_t k = 0; k < o->n_uuids; k++) {
        uuids[k] = o->uuids[k];
    }
    d->model = ebb_ble_model_match(o->name, uuids, o->n_uuids);
    d->connected = o->connected;
    d->rssi = o->rssi;
    d->has_rssi = o->has_rssi;
}

size_t ebb_bluez_devices(const ebb_bluez *b, ebb_bluez_device *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n && n < max; i++) {
        if (b->objs[i].ifaces & IF_DEVICE) {
            bz_device_of(&b->objs[i], &out[n++]);
        }
    }
    return n;
}

static bool bz_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        const int a = (*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s;
        const int c = (*prefix >= 'A' && *prefix <= 'Z') ? *prefix - 'A' + 'a' : *prefix;
        if (a != c) {
            return false;
        }
    }
    return true;
}

bool ebb_bluez_spec_matches(const char *spec, const ebb_bluez_device *d)
{
    if (!spec || !spec[0]) {
        return d->model != NULL;
    }
    if (strlen(spec) == 17 && spec[2] == ':') {
        return bz_prefix(d->address, spec) && strlen(d->address) == 17;
    }
    return (d->name[0] && bz_prefix(d->name, spec)) ||
           (d->model && (bz_prefix(d->model->name, spec) || bz_prefix(d->model->id, spec)));
}

static const bz_obj *bz_pick(const ebb_bluez *b, const char *spec)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->objs[i].ifaces & IF_DEVICE) {
            ebb_bluez_device d;
            bz_device_of(&b->objs[i], &d);
            if (d.model && ebb_bluez_spec_matches(spec, &d)) {
                return &b->objs[i];
            }
        }
    }
    return NULL;
}

ebb_bluez_status ebb_bluez_scan(ebb_bluez *b, uint32_t ms, const char *spec, char *msg,
                                size_t msg_size)
{
    sd_bus_error e = SD_BUS_ERROR_NULL;
    const bz_obj *a = bz_adapter(b);
    char adapter[192];
    bz_set(adapter, sizeof adapter, a ? a->path : "");
    int r = a ? sd_bus_call_method(b->bus, BLUEZ, adapter, "org.bluez.Adapter1",
                                   "StartDiscovery", &e, NULL, "")
              : -ENODEV;
    if (r < 0) {
        ebb_bluez_status st;
        bz_say_error(&e, r, &st, msg, msg_size);
        sd_bus_error_free(&e);
        return st;
    }
    const uint64_t end = ebb_pacer_now_ms() + ms;
    bool ok = true;
    for (uint64_t now = ebb_pacer_now_ms(); ok && now < end; now = ebb_pacer_now_ms()) {
        if (spec && bz_pick(b, spec)) {
            break;
        }
        ok = ebb_bluez_pump(b, (uint32_t)(end - now < 50u ? end - now : 50u));
    }
    sd_bus_call_method(b->bus, BLUEZ, adapter, "org.bluez.Adapter1", "StopDiscovery", NULL, NULL,
                       "");
    msg[0] = '\0';
    return ok ? EBB_BLUEZ_OK : EBB_BLUEZ_FAILED;
}

/* --- the link ----------------------------------------------------------------------------- */

static void link_to(bz_link *l, ebb_bluez_link_state s)
{
    l->state = s;
    l->state_since_ms = ebb_pacer_now_ms();
}

static void link_value(ebb_bluez *b, const char *path, const uint8_t *data, size_t len)
{
    bz_link *l = &b->link;
    if (l->active && l->state == EBB_LINK_STREAMING && strcmp(path, l->char_path) == 0 &&
        l->on_value) {
        l->on_value(l->user, data, len);
    }
}

/* The characteristic with this UUID on the followed device, found through the Service and
 * Device properties. */
static const bz_obj *link_char(const ebb_bluez *b, const char *uuid)
{
    for (size_t i = 0; i < b->n; i++) {
        const bz_obj *c = &b->objs[i];
        if (!(c->ifaces & IF_CHAR) || strcmp(c->uuid, uuid) != 0) {
            continue;
        }
        for (size_t k = 0; k < b->n; k++) {
            const bz_obj *s = &b->objs[k];
            if ((s->ifaces & IF_SERVICE) && strcmp(s->path, c->parent) == 0 &&
                strcmp(s->parent, b->link.dev_path) == 0) {
                return c;
            }
        }
    }
    return NULL;
}

static int on_connect_reply(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
    (void)err;
    ebb_bluez *b = userdata;
    bz_link *l = &b->link;
    l->call = sd_bus_slot_unref(l->call);
    if (sd_bus_message_is_method_error(m, NULL)) {
        l->failures++;
        l->next_try_ms = ebb_pacer_now_ms() + RETRY_MS;
        link_to(l, EBB_LINK_IDLE);
    } else {
        l->failures = 0;
        link_to(l, EBB_LINK_RESOLVING);
    }
    return 0;
}

static int on_notify_reply(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
    (void)err;
    ebb_bluez *b = userdata;
    bz_link *l = &b->link;
    l->call = sd_bus_slot_unref(l->call);
    if (sd_bus_message_is_method_error(m, NULL)) {
        l->next_try_ms = ebb_pacer_now_ms() + RETRY_MS;
        link_to(l, EBB_LINK_RESOLVING); /* try subscribing again */
    } else {
        link_to(l, EBB_LINK_STREAMING);
    }
    return 0;
}

static int on_read_reply(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
    (void)err;
    ebb_bluez *b = userdata;
    bz_link *l = &b->link;
    l->call = sd_bus_slot_unref(l->call);
    l->read_pending = false;
    const void *data = NULL;
    size_t len = 0;
    if (!sd_bus_message_is_method_error(m, NULL) &&
        sd_bus_message_read_array(m, 'y', &data, &len) >= 0) {
        if (l->state == EBB_LINK_SUBSCRIBING) {
            link_to(l, EBB_LINK_STREAMING);
        }
        link_value(b, l->char_path, data, len);
    }
    return 0;
}

static int on_battery_reply(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
    (void)err;
    ebb_bluez *b = userdata;
    const void *data = NULL;
    size_t len = 0;
    if (!sd_bus_message_is_method_error(m, NULL) &&
        sd_bus_message_read_array(m, 'y', &data, &len) >= 0 && len >= 1 &&
        ((const uint8_t *)data)[0] <= 100) {
        b->link.battery = ((const uint8_t *)data)[0];
    }
    return 0;
}

/* ReadValue with no options. */
static int link_read(ebb_bluez *b, const char *path, sd_bus_slot **slot,
                     sd_bus_message_handler_t cb)
{
    sd_bus_message *m = NULL;
    int r = sd_bus_message_new_method_call(b->bus, &m, BLUEZ, path,
                                           "org.bluez.GattCharacteristic1", "ReadValue");
    if (r >= 0) {
        r = sd_bus_message_append(m, "a{sv}", 0);
    }
    if (r >= 0) {
        r = sd_bus_call_async(b->bus, slot, m, cb, b, CALL_TIMEOUT_US);
    }
    sd_bus_message_unref(m);
    return r;
}

static void link_step(ebb_bluez *b)
{
    bz_link *l = &b->link;
    if (!l->active) {
        return;
    }
    const uint64_t now = ebb_pacer_now_ms();
    const bz_obj *dev = bz_find(b, l->dev_path);
    const bool connected = dev && dev->connected;
    if (!connected && l->state >= EBB_LINK_RESOLVING) {
        if (l->state == EBB_LINK_STREAMING) {
            l->drops++;
        }
        l->call = sd_bus_slot_unref(l->call);
        l->read_pending = false;
        l->next_try_ms = now + RETRY_MS / 4u;
        link_to(l, EBB_LINK_IDLE);
    }
    switch (l->state) {
    case EBB_LINK_IDLE:
        if (dev && now >= l->next_try_ms && !l->call) {
            if (sd_bus_call_method_async(b->bus, &l->call, BLUEZ, l->dev_path,
                                         "org.bluez.Device1", "Connect", on_connect_reply, b,
                                         "") >= 0) {
                link_to(l, EBB_LINK_CONNECTING);
            }
        }
        break;
    case EBB_LINK_CONNECTING:
        break;
    case EBB_LINK_RESOLVING: {
        const bz_obj *c = dev && dev->resolved ? link_char(b, l->model->char_uuid) : NULL;
        if (!c) {
            if (now - l->state_since_ms > RESOLVE_MS && !l->call) {
                /* BlueZ never listed the pressure characteristic: start over. */
                sd_bus_call_method_async(b->bus, NULL, BLUEZ, l->dev_path, "org.bluez.Device1",
                                         "Disconnect", NULL, NULL, "");
                l->next_try_ms = now + RETRY_MS;
                link_to(l, EBB_LINK_IDLE);
            }
            break;
        }
        if (now < l->next_try_ms || l->call) {
            break;
        }
        bz_set(l->char_path, sizeof l->char_path, c->path);
        char battery_uuid[40];
        const bz_obj *bat = link_char(b, ebb_ble_uuid16(0x2a19, battery_uuid, sizeof battery_uuid));
        if (bat && !l->battery_asked) {
            l->battery_asked = true;
            link_read(b, bat->path, NULL, on_battery_reply); /* NULL: the bus owns the call */
        }
        if (l->model->notify) {
            if (sd_bus_call_method_async(b->bus, &l->call, BLUEZ, l->char_path,
                                         "org.bluez.GattCharacteristic1", "StartNotify",
                                         on_notify_reply, b, "") >= 0) {
                link_to(l, EBB_LINK_SUBSCRIBING);
            }
        } else {
            link_to(l, EBB_LINK_SUBSCRIBING);
            l->next_read_ms = now;
        }
        break;
    }
    case EBB_LINK_SUBSCRIBING:
    case EBB_LINK_STREAMING:
        if (!l->model->notify && !l->read_pending && now >= l->next_read_ms) {
            if (link_read(b, l->char_path, &l->call, on_read_reply) >= 0) {
                l->read_pending = true;
                l->next_read_ms = now + l->model->poll_ms;
            }
        }
        break;
    }
}

ebb_bluez_status ebb_bluez_follow(ebb_bluez *b, const char *spec, ebb_bluez_value_fn on_value,
                                  void *user, char *msg, size_t msg_size)
{
    const bz_obj *o = bz_pick(b, spec);
    if (!o) {
        snprintf(msg, msg_size, "no %s found nearby; switch it on, bring it close, and make "
                                "sure its phone app is closed (it may hold the connection)",
                 spec && spec[0] ? spec : "Bluetooth pelvic-floor trainer");
        return EBB_BLUEZ_NOT_FOUND;
    }
    ebb_bluez_device d;
    bz_device_of(o, &d);
    bz_link *l = &b->link;
    memset(l, 0, sizeof *l);
    l->active = true;
    bz_set(l->spec, sizeof l->spec, spec);
    bz_set(l->dev_path, sizeof l->dev_path, o->path);
    l->model = d.model;
    l->battery = -1;
    l->on_value = on_value;
    l->user = user;
    link_to(l, o->connected ? EBB_LINK_RESOLVING : EBB_LINK_IDLE);
    msg[0] = '\0';
    return EBB_BLUEZ_OK;
}

ebb_bluez_link_info ebb_bluez_link(const ebb_bluez *b)
{
    ebb_bluez_link_info info;
    memset(&info, 0, sizeof info);
    const bz_link *l = &b->link;
    info.state = l->state;
    info.battery = l->battery;
    info.connect_failures = l->failures;
    info.drops = l->drops;
    for (size_t i = 0; l->active && i < b->n; i++) {
        if (strcmp(b->objs[i].path, l->dev_path) == 0) {
            bz_device_of(&b->objs[i], &info.device);
        }
    }
    return info;
}
