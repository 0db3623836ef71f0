/* serial:PORT[@BAUD][,FORMAT] — a microcontroller probe on a serial port speaking the Ebb
 * line protocol or SpikerShield frames (lineproto.h). FORMAT is auto (default), ascii or
 * spiker; BAUD defaults to 115200.
 *
 * Ports libserialport knows (USB adapters, on-board UARTs) are opened through it, so that its
 * per-platform setup applies. It refuses pseudo-terminals (it looks ports up in /sys and needs
 * modem-line ioctls), which is what Bluetooth/USB bridges in software and our tests use, so
 * those are opened as plain POSIX ttys with termios.
 *
 * Reads never block: poll() drains what has arrived. No sample for EBB_PROBE_LOST_MS, or the
 * port going away (unplugged, read error, hangup), gives EBB_PROBE_LOST; a vanished port is
 * reopened quietly every EBB_SERIAL_REOPEN_MS and the signal comes back by itself. */
#define _DEFAULT_SOURCE /* cfmakeraw, cfsetspeed, B230400... */

#include <errno.h>
#include <fcntl.h>
#include <libserialport.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/lineproto.h"
#include "io/pacer.h"
#include "io/probe_backend.h"
#include "io/probe_decode.h"

#define EBB_SERIAL_REOPEN_MS 250u
#define EBB_SERIAL_DEFAULT_BAUD 115200
#define SERIAL_READS_PER_POLL 16 /* bounds one poll's work at ~64 KiB, ~3 s at 230400 */

typedef struct serial_probe {
    char path[256];
    int baud;
    ebb_lineproto *lp;
    struct sp_port *sp; /* when libserialport opened it */
    int fd;             /* its file descriptor (from sp, or our own); -1 when closed */
    ebb_probe_watch watch;
    uint64_t next_reopen_ms;
    char said[EBB_LINEPROTO_PROBLEM_MAX]; /* header problem told last */
} serial_probe;


static speed_t baud_constant(int baud)
{
    static const struct { int baud; speed_t c; } table[] = {
        {1200, B1200}, {2400, B2400}, {4800, B4800}, {9600, B9600}, {19200, B19200},
        {38400, B38400}, {57600, B57600}, {115200, B115200}, {230400, B230400},
        {460800, B460800}, {500000, B500000}, {921600, B921600}, {1000000, B1000000},
        {2000000, B2000000},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].baud == baud) {
            return table[i].c;
        }
    }
    return B0;
}

static void port_close(serial_probe *sp)
{
    if (sp->sp) {
        sp_close(sp->sp);
        sp_free_port(sp->sp);
        sp->sp = NULL;
    } else if (sp->fd >= 0) {
        close(sp->fd);
    }
    sp->fd = -1;
}

/* Through libserialport: 8N1, no flow control. Returns false (quietly) when it cannot. */
static bool port_open_sp(serial_probe *sp)
{
    struct sp_port *port = NULL;
    if (sp_get_port_by_name(sp->path, &port) != SP_OK) {
        return false;
    }
    int fd = -1;
    if (sp_open(port, SP_MODE_READ_WRITE) != SP_OK) {
        sp_free_port(port);
        return false;
    }
    if (sp_set_baudrate(port, sp->baud) != SP_OK || sp_set_bits(port, 8) != SP_OK ||
        sp_set_parity(port, SP_PARITY_NONE) != SP_OK || sp_set_stopbits(port, 1) != SP_OK ||
        sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE) != SP_OK ||
        sp_get_port_handle(port, &fd) != SP_OK) {
        sp_close(port);
        sp_free_port(port);
        return false;
    }
    sp_flush(port, SP_BUF_INPUT);
    sp->sp = port;
    sp->fd = fd;
    return true;
}

/* Plain POSIX tty. Returns 0 or the errno that explains the failure. */
static int port_open_tty(serial_probe *sp)
{
    const int fd = open(sp->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    struct termios tio;
    if (!isatty(fd) || tcgetattr(fd, &tio) != 0) {
        close(fd);
        return ENOTTY;
    }
    cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cc[VMIN] = 1; /* with O_NONBLOCK: "no data" is EAGAIN, so 0 bytes means hangup */
    tio.c_cc[VTIME] = 0;
    if (cfsetspeed(&tio, baud_constant(sp->baud)) != 0 || tcsetattr(fd, TCSANOW, &tio) != 0) {
        const int err = errno;
        close(fd);
        return err;
    }
    /* A pty keeps what was written before anyone read it: start from now. */
    tcflush(fd, TCIFLUSH);
    sp->fd = fd;
    return 0;
}

static int port_open(serial_probe *sp)
{
    if (port_open_sp(sp)) {
        return 0;
    }
    return port_open_tty(sp);
}

/* Reads what has arrived. Returns false when the port is gone. */
static bool port_drain(serial_probe *sp)
{
    uint8_t buf[4096];
    for (int i = 0; i < SERIAL_READS_PER_POLL; i++) {
        struct pollfd pfd = {.fd = sp->fd, .events = POLLIN};
        const int r = poll(&pfd, 1, 0);
        if (r < 0) {
            return errno == EINTR;
        }
        if (r == 0) {
            return true;
        }
        if (pfd.revents & (POLLERR | POLLNVAL)) {
            return false;
        }
        ssize_t n;
        if (sp->sp) {
            const int got = sp_nonblocking_read(sp->sp, buf, sizeof buf);
            n = got;
        } else {
            n = read(sp->fd, buf, sizeof buf);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                return true;
            }
        }
        if (n < 0 || (n == 0 && (pfd.revents & POLLHUP))) {
            return false;
        }
        if (n == 0) {
            return sp->sp != NULL; /* our tty: readable with 0 bytes is end of file */
        }
        ebb_lineproto_feed(sp->lp, buf, (size_t)n);
        char source[sizeof sp->path + 8];
        snprintf(source, sizeof source, "serial:%s", sp->path);
        ebb_probe_lines_tell(sp->lp, source, sp->said, sizeof sp->said);
        if ((size_t)n < sizeof buf) {
            return true;
        }
    }
    return true;
}

static ebb_probe_status serial_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    (void)ms; /* silence is measured on the wall clock: level time stops while lost */
    serial_probe *sp = p->impl;
    const uint64_t now = ebb_pacer_now_ms();
    if (sp->fd < 0 && now >= sp->next_reopen_ms) {
        if (port_open(sp) == 0) {
            ebb_lineproto_reset(sp->lp); /* it may come back with other firmware */
        } else {
            sp->next_reopen_ms = now + EBB_SERIAL_REOPEN_MS;
        }
    }
    if (sp->fd >= 0 && !port_drain(sp)) {
        port_close(sp);
        sp->next_reopen_ms = now + EBB_SERIAL_REOPEN_MS;
    }
    if (ebb_lineproto_frame(sp->lp, frame)) {
        ebb_probe_watch_saw(&sp->watch, now);
    }
    if (sp->fd < 0 || ebb_probe_watch_lost(&sp->watch, now)) {
        frame->signal = EBB_SIGNAL_LOST;
        return EBB_PROBE_LOST;
    }
    return EBB_PROBE_OK;
}

static void serial_close(ebb_probe *p)
{
    serial_probe *sp = p->impl;
    port_close(sp);
    ebb_lineproto_destroy(sp->lp);
    free(sp);
}

static void serial_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const serial_probe *sp = p->impl;
    const ebb_lineproto_stats st = ebb_lineproto_get_stats(sp->lp);
    out->unit = ebb_lineproto_unit(sp->lp, EBB_CH_PF);
    out->samples = st.samples;
    out->dropped = st.dropped_total;
}

static const ebb_probe_ops serial_ops = {.name = "serial", .poll = serial_poll, .close = serial_close, .stats = serial_stats};

/* "PORT[@BAUD][,FORMAT]" */
static bool serial_parse(const char *arg, serial_probe *sp, ebb_lineproto_mode *mode,
                         ebb_diags *diags)
{
    char spec[sizeof sp->path + 32];
    if (strlen(arg) >= sizeof spec) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, 0, 0, "serial port name too long");
        return false;
    }
    /* NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.strcpy): length checked above */
    strcpy(spec, arg);
    *mode = EBB_LINEPROTO_AUTO;
    char *comma = strrchr(spec, ',');
    if (comma) {
        *comma = '\0';
        if (!ebb_lineproto_mode_parse(comma + 1, mode)) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "unknown serial format '%s'; use auto, ascii or spiker, "
                          "e.g. serial:/dev/ttyACM0@230400,spiker", comma + 1);
            return false;
        }
    }
    sp->baud = EBB_SERIAL_DEFAULT_BAUD;
    char *at = strrchr(spec, '@');
    if (at) {
        *at = '\0';
        char *end = NULL;
        const long b = strtol(at + 1, &end, 10);
        if (end == at + 1 || *end != '\0' || b <= 0 || b > 4000000 ||
            baud_constant((int)b) == B0) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "unsupported baud rate '%s'; use a standard rate such as 9600, "
                          "115200 or 230400", at + 1);
            return false;
        }
        sp->baud = (int)b;
    }
    if (spec[0] == '\0') {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0,
                      "no serial port given; use serial:/dev/ttyACM0 (see `ebb devices`)");
        return false;
    }
    if (strlen(spec) >= sizeof sp->path) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, 0, 0, "serial port name too long");
        return false;
    }
    /* NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.strcpy): length checked above */
    strcpy(sp->path, spec);
    return true;
}

ebb_probe *ebb_probe_serial_open(const char *arg, ebb_diags *diags)
{
    serial_probe *sp = calloc(1, sizeof *sp);
    ebb_probe *p = calloc(1, sizeof *p);
    if (!sp || !p) {
        free(sp);
        free(p);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    sp->fd = -1;
    ebb_lineproto_mode mode = EBB_LINEPROTO_AUTO;
    if (!serial_parse(arg, sp, &mode, diags)) {
        free(sp);
        free(p);
        return NULL;
    }
    const int err = port_open(sp);
    if (err != 0) {
        const char *fix = err == ENOENT   ? "is the device plugged in? `ebb devices` lists ports"
                          : err == EACCES ? "add yourself to the 'dialout' group and log in again"
                          : err == EBUSY  ? "another program (a serial monitor?) has it open"
                          : err == ENOTTY ? "that file is not a serial port"
                                          : "check the cable and the port name";
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "cannot open serial port %s: %s; %s",
                      sp->path, strerror(err), fix);
        free(sp);
        free(p);
        return NULL;
    }
    sp->lp = ebb_lineproto_create(mode);
    if (!sp->lp) {
        port_close(sp);
        free(sp);
        free(p);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    p->ops = &serial_ops;
    p->impl = sp;
    return p;
}
