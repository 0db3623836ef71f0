/* osc[:PORT][@ADDR] — OSC over UDP: /ebb/pf f, /ebb/abd f, /ebb/breath f, values effort 0..1,
 * so that a Bluetooth bridge or OpenBCI GUI's networking output can drive Ebb. Listens on
 * 127.0.0.1:9000 by default; `@ADDR` (the CLI's --listen) picks another local address.
 *
 * liblo 0.31 binds its servers to every address and cannot be told one, and a trainer should
 * not listen on the network unasked; so we bind the UDP socket ourselves and give each
 * datagram to liblo's lo_message_deserialise, which validates it. Bundles (#bundle) are
 * unpacked here, two levels deep at most. Messages that are malformed, carry no single
 * number, or a number outside 0..1 are dropped and counted; other addresses are ignored.
 * No message for EBB_PROBE_LOST_MS gives EBB_PROBE_LOST. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <lo/lo.h>
#include <math.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "io/pacer.h"
#include "io/probe_backend.h"
#include "io/probe_decode.h"

#define EBB_OSC_DEFAULT_PORT 9000
#define EBB_OSC_DEFAULT_ADDR "127.0.0.1"
#define OSC_DATAGRAM_MAX 65536
#define OSC_DATAGRAMS_PER_POLL 256
#define OSC_BUNDLE_DEPTH 2

typedef struct osc_probe {
    int fd;
    double sum[EBB_CH_COUNT];
    uint32_t n[EBB_CH_COUNT];
    float last[EBB_CH_COUNT];
    uint8_t seen;
    ebb_probe_watch watch;
    uint64_t accepted; /* values taken */
    uint64_t dropped;  /* malformed or out-of-range messages */
    uint64_t ignored;  /* well-formed, other addresses */
    uint8_t buf[OSC_DATAGRAM_MAX];
} osc_probe;


static int osc_channel(const char *path)
{
    static const char *const paths[EBB_CH_COUNT] = {"/ebb/pf", "/ebb/abd", "/ebb/breath"};
    for (int c = 0; c < EBB_CH_COUNT; c++) {
        if (strcmp(path, paths[c]) == 0) {
            return c;
        }
    }
    return -1;
}

static void osc_message(osc_probe *op, uint8_t *data, size_t len)
{
    int result = 0;
    lo_message m = lo_message_deserialise(data, len, &result);
    if (!m) {
        op->dropped++;
        return;
    }
    /* Deserialising succeeded, so data starts with a valid, terminated path string. */
    const int ch = osc_channel((const char *)data);
    const char *types = lo_message_get_types(m);
    lo_arg **argv = lo_message_get_argv(m);
    if (ch < 0) {
        op->ignored++;
    } else if (lo_message_get_argc(m) != 1 || !types) {
        op->dropped++;
    } else {
        double v = NAN;
        switch (types[0]) {
        case LO_FLOAT: v = (double)argv[0]->f; break;
        case LO_DOUBLE: v = argv[0]->d; break;
        case LO_INT32: v = (double)argv[0]->i; break;
        default: break;
        }
        /* Effort, with a little room for noise; beyond that the sender is confused. */
        if (isfinite(v) && v >= -0.05 && v <= 1.05) {
            op->sum[ch] += v;
            op->n[ch]++;
            op->accepted++;
            op->seen = (uint8_t)(op->seen | (1u << ch));
        } else {
            op->dropped++;
        }
    }
    lo_message_free(m);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void osc_packet(osc_probe *op, uint8_t *data, size_t len, int depth)
{
    if (len >= 8 && memcmp(data, "#bundle", 8) == 0) {
        if (depth >= OSC_BUNDLE_DEPTH || len < 16) {
            op->dropped++;
            return;
        }
        size_t pos = 16; /* "#bundle\0" and the time tag, which we ignore: apply on arrival */
        while (pos + 4 <= len) {
            const uint32_t size = be32(data + pos);
            pos += 4;
            if (size == 0 || size % 4 != 0 || size > len - pos) {
                op->dropped++;
                return;
            }
            osc_packet(op, data + pos, size, depth + 1);
            pos += size;
        }
        return;
    }
    osc_message(op, data, len);
}

bool ebb_osc_datagram(const uint8_t *data, size_t len, ebb_osc_tally *out)
{
    osc_probe *op = calloc(1, sizeof *op);
    uint8_t *copy = malloc(len ? len : 1); /* exactly len bytes: reads past it are caught */
    if (!op || !copy) {
        free(op);
        free(copy);
        return false;
    }
    if (len) {
        memcpy(copy, data, len);
    }
    osc_packet(op, copy, len, 0);
    *out = (ebb_osc_tally){.accepted = op->accepted, .dropped = op->dropped,
                           .ignored = op->ignored};
    for (int c = 0; c < EBB_CH_COUNT; c++) {
        out->sum[c] = op->sum[c];
        out->n[c] = op->n[c];
    }
    free(copy);
    free(op);
    return true;
}

static ebb_probe_status osc_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    (void)ms; /* silence is measured on the wall clock: level time stops while lost */
    osc_probe *op = p->impl;
    const uint64_t now = ebb_pacer_now_ms();
    for (int i = 0; i < OSC_DATAGRAMS_PER_POLL; i++) {
        const ssize_t n = recv(op->fd, op->buf, sizeof op->buf, 0);
        if (n < 0) {
            break; /* EAGAIN: nothing more; other errors are transient for UDP */
        }
        osc_packet(op, op->buf, (size_t)n, 0);
    }
    memset(frame, 0, sizeof *frame);
    bool fresh = false;
    for (int c = 0; c < EBB_CH_COUNT; c++) {
        if (op->n[c] > 0) {
            op->last[c] = (float)(op->sum[c] / op->n[c]);
            op->sum[c] = 0.0;
            op->n[c] = 0;
            fresh = true;
        }
        if (op->seen & (1u << c)) {
            const float v = op->last[c];
            frame->raw[c] = v;
            frame->env[c] = v;
            frame->effort[c] = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
        }
    }
    frame->present = op->seen;
    if (fresh) {
        ebb_probe_watch_saw(&op->watch, now);
    }
    if (ebb_probe_watch_lost(&op->watch, now)) {
        frame->signal = EBB_SIGNAL_LOST;
        return EBB_PROBE_LOST;
    }
    frame->signal = EBB_SIGNAL_OK;
    return EBB_PROBE_OK;
}

static void osc_close(ebb_probe *p)
{
    osc_probe *op = p->impl;
    close(op->fd);
    free(op);
}

static void osc_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const osc_probe *op = p->impl;
    out->unit = EBB_UNIT_NONE; /* OSC values are effort 0..1 */
    out->samples = op->accepted;
    out->dropped = op->dropped;
}

static const ebb_probe_ops osc_ops = {.name = "osc", .poll = osc_poll, .close = osc_close, .stats = osc_stats};

/* Binds a non-blocking UDP socket; returns the fd or -1 with the reason in diags. */
static int osc_bind(const char *addr, const char *port, ebb_diags *diags)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    struct addrinfo *ai = NULL;
    if (getaddrinfo(addr, port, &hints, &ai) != 0 || !ai) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "OSC listen address '%s' is not a numeric IP address; use 127.0.0.1 "
                      "(this machine only) or 0.0.0.0 (the network)", addr);
        return -1;
    }
    const int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0 ||
        fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        const int err = errno;
        const char *fix = err == EADDRINUSE
                              ? "another program listens there; close it or pick another "
                                "port, e.g. osc:9001"
                          : err == EADDRNOTAVAIL
                              ? "that address is not one of this machine's; use 127.0.0.1"
                          : err == EACCES ? "ports below 1024 need privileges; use 9000"
                                          : "check the port and address";
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "cannot listen for OSC on %s port %s: %s; %s", addr, port, strerror(err),
                      fix);
        if (fd >= 0) {
            close(fd);
        }
        freeaddrinfo(ai);
        return -1;
    }
    freeaddrinfo(ai);
    return fd;
}

/* "" | "PORT" | "PORT@ADDR" | "@ADDR" */
ebb_probe *ebb_probe_osc_open(const char *arg, ebb_diags *diags)
{
    char port[16];
    char addr[64];
    const char *at = strchr(arg, '@');
    const size_t plen = at ? (size_t)(at - arg) : strlen(arg);
    snprintf(addr, sizeof addr, "%s", at ? at + 1 : EBB_OSC_DEFAULT_ADDR);
    long pnum = EBB_OSC_DEFAULT_PORT;
    if (plen > 0) {
        char *end = NULL;
        pnum = plen < sizeof port ? strtol(arg, &end, 10) : 0;
        if (plen >= sizeof port || end != arg + plen || pnum < 1 || pnum > 65535) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "OSC port must be a number 1..65535, e.g. osc:9000 or "
                          "osc:9000@127.0.0.1");
            return NULL;
        }
    }
    if (at && (addr[0] == '\0' || strlen(at + 1) >= sizeof addr)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "OSC listen address missing or too long after '@', e.g. "
                      "osc:9000@127.0.0.1");
        return NULL;
    }
    snprintf(port, sizeof port, "%ld", pnum);
    const int fd = osc_bind(addr, port, diags);
    if (fd < 0) {
        return NULL;
    }
    osc_probe *op = calloc(1, sizeof *op);
    ebb_probe *p = calloc(1, sizeof *p);
    if (!op || !p) {
        free(op);
        free(p);
        close(fd);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    op->fd = fd;
    p->ops = &osc_ops;
    p->impl = op;
    return p;
}
