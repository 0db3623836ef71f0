/* stdin — the Ebb line protocol (or SpikerShield frames) on standard input, e.g. from a
 * script or a bridge program: `my-sensor-bridge | ebb play ... --probe stdin`.
 *
 * Reads never block: poll() with a zero timeout says whether bytes are waiting, and one read
 * takes only what is there. We do not set O_NONBLOCK on fd 0: that flag belongs to the open
 * file description, shared with the shell when stdin is a terminal, and would outlive us.
 *
 * No sample for EBB_PROBE_LOST_MS gives EBB_PROBE_LOST; end of input gives EBB_PROBE_ENDED
 * once the last samples have been delivered. To play a recorded file at its own pace, use
 * replay:FILE instead: here every line counts as arriving now. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/lineproto.h"
#include "io/pacer.h"
#include "io/probe_backend.h"
#include "io/probe_decode.h"

#define STDIN_READS_PER_POLL 16

typedef struct stdin_probe {
    ebb_lineproto *lp;
    int fd;
    bool eof;
    ebb_probe_watch watch;
    char said[EBB_LINEPROTO_PROBLEM_MAX]; /* header problem told last */
} stdin_probe;


static void stdin_drain(stdin_probe *sp)
{
    uint8_t buf[4096];
    for (int i = 0; i < STDIN_READS_PER_POLL && !sp->eof; i++) {
        struct pollfd pfd = {.fd = sp->fd, .events = POLLIN};
        const int r = poll(&pfd, 1, 0);
        if (r <= 0) {
            return; /* nothing waiting (or EINTR: try again next tick) */
        }
        if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
            return;
        }
        const ssize_t n = read(sp->fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
            return;
        }
        if (n <= 0) {
            sp->eof = true; /* end of input, or an error that will not go away */
            return;
        }
        ebb_lineproto_feed(sp->lp, buf, (size_t)n);
        ebb_probe_lines_tell(sp->lp, "stdin", sp->said, sizeof sp->said);
    }
}

static ebb_probe_status stdin_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    (void)ms; /* silence is measured on the wall clock: level time stops while lost */
    stdin_probe *sp = p->impl;
    const uint64_t now = ebb_pacer_now_ms();
    const bool was_eof = sp->eof;
    stdin_drain(sp);
    const bool fresh = ebb_lineproto_frame(sp->lp, frame);
    if (fresh) {
        ebb_probe_watch_saw(&sp->watch, now);
    }
    if (was_eof && !fresh) {
        frame->signal = EBB_SIGNAL_LOST;
        return EBB_PROBE_ENDED;
    }
    if (ebb_probe_watch_lost(&sp->watch, now)) {
        frame->signal = EBB_SIGNAL_LOST;
        return sp->eof ? EBB_PROBE_ENDED : EBB_PROBE_LOST;
    }
    return EBB_PROBE_OK;
}

static void stdin_close(ebb_probe *p)
{
    stdin_probe *sp = p->impl;
    ebb_lineproto_destroy(sp->lp);
    free(sp);
}

static void stdin_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const stdin_probe *sp = p->impl;
    const ebb_lineproto_stats st = ebb_lineproto_get_stats(sp->lp);
    out->unit = ebb_lineproto_unit(sp->lp, EBB_CH_PF);
    out->samples = st.samples;
    out->dropped = st.dropped_total;
}

static const ebb_probe_ops stdin_ops = {.name = "stdin", .poll = stdin_poll, .close = stdin_close, .stats = stdin_stats};

/* "" or ",FORMAT" ("stdin:spiker", "stdin:ascii"): the format, auto by default. */
ebb_probe *ebb_probe_stdin_open(const char *arg, ebb_diags *diags)
{
    ebb_lineproto_mode mode = EBB_LINEPROTO_AUTO;
    if (*arg != '\0' && !ebb_lineproto_mode_parse(arg, &mode)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "unknown stdin format '%s'; use stdin, stdin:ascii or stdin:spiker", arg);
        return NULL;
    }
    stdin_probe *sp = calloc(1, sizeof *sp);
    ebb_probe *p = calloc(1, sizeof *p);
    ebb_lineproto *lp = ebb_lineproto_create(mode);
    if (!sp || !p || !lp) {
        free(sp);
        free(p);
        ebb_lineproto_destroy(lp);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    sp->lp = lp;
    sp->fd = STDIN_FILENO;
    p->ops = &stdin_ops;
    p->impl = sp;
    return p;
}
