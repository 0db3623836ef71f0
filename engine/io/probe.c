#include "probe.h"

#include <stdlib.h>
#include <string.h>

/* Each backend provides one opener. */
ebb_probe *ebb_probe_replay_open(const char *path, ebb_diags *diags);

static bool probe_is(const char *spec, const char *name)
{
    size_t n = strlen(name);
    return strncmp(spec, name, n) == 0 && (spec[n] == '\0' || spec[n] == ':');
}

ebb_probe_kind ebb_probe_spec_kind(const char *spec, ebb_diags *diags)
{
    if (strcmp(spec, "keyboard") == 0) {
        return EBB_PROBE_KIND_KEYBOARD;
    }
    if (strcmp(spec, "gamepad") == 0) {
        return EBB_PROBE_KIND_GAMEPAD;
    }
    if (strcmp(spec, "mouse") == 0) {
        return EBB_PROBE_KIND_MOUSE;
    }
    if (strncmp(spec, "replay:", 7) == 0) {
        if (spec[7] == '\0') {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0,
                          "--probe replay: needs a file, e.g. replay:session.csv");
            return EBB_PROBE_KIND_INVALID;
        }
        return EBB_PROBE_KIND_REPLAY;
    }
    static const char *const planned[] = {"sim", "serial", "audio", "osc", "stdin"};
    for (size_t i = 0; i < sizeof planned / sizeof planned[0]; i++) {
        if (probe_is(spec, planned[i])) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "probe '%s' is not available in this version yet; use keyboard, "
                          "gamepad, mouse or replay:FILE", planned[i]);
            return EBB_PROBE_KIND_INVALID;
        }
    }
    ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                  "unknown probe '%s'; use keyboard, gamepad, mouse or replay:FILE", spec);
    return EBB_PROBE_KIND_INVALID;
}

ebb_probe *ebb_probe_open(const char *spec, ebb_diags *diags)
{
    switch (ebb_probe_spec_kind(spec, diags)) {
    case EBB_PROBE_KIND_REPLAY:
        return ebb_probe_replay_open(spec + 7, diags);
    case EBB_PROBE_KIND_INVALID:
        return NULL;
    default:
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "probe '%s' needs the game window; it cannot be used headless", spec);
        return NULL;
    }
}

ebb_probe_status ebb_probe_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    return p->ops->poll(p, ms, frame);
}

void ebb_probe_close(ebb_probe *p)
{
    if (p) {
        p->ops->close(p);
        free(p);
    }
}
