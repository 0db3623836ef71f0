#include "app/testhook.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_state.h"
#include "scenes/scene.h"

#define EVENTS_MAX 512

typedef enum hook_kind { HOOK_KEY = 0, HOOK_BUTTON, HOOK_QUIT } hook_kind;

typedef struct hook_event {
    unsigned frame;
    hook_kind kind;
    SDL_Keycode key;
    SDL_GameControllerButton button;
} hook_event;

struct ebb_testhook {
    hook_event ev[EVENTS_MAX];
    size_t count, next;
    unsigned frame;
    FILE *trace;
    bool own_trace;
    char last[32];
};

const char *ebb_scene_name(const ebb_app *app)
{
    const ebb_scene *s = ebb_scene_get(app->scene);
    if (!s) {
        return "unknown";
    }
    const char *view = s->view_now ? s->view_now(app) : NULL;
    return view ? view : s->name;
}

static bool parse_line(char *line, hook_event *e, char *why, size_t why_size)
{
    char word[32] = "", arg[64] = "";
    unsigned frame = 0;
    /* NOLINTNEXTLINE(cert-err34-c): a test script's frame number; a wrong one mistimes a test */
    int n = sscanf(line, "%u %31s %63s", &frame, word, arg);
    if (n < 2) {
        snprintf(why, why_size, "expected 'FRAME EVENT [ARG]'");
        return false;
    }
    e->frame = frame;
    if (strcmp(word, "key") == 0 && n == 3) {
        e->kind = HOOK_KEY;
        e->key = SDL_GetKeyFromName(arg);
        if (e->key == SDLK_UNKNOWN) {
            snprintf(why, why_size, "'%s' is not an SDL key name (Return, Escape, Down, ...)", arg);
            return false;
        }
    } else if (strcmp(word, "button") == 0 && n == 3) {
        e->kind = HOOK_BUTTON;
        e->button = SDL_GameControllerGetButtonFromString(arg);
        if (e->button == SDL_CONTROLLER_BUTTON_INVALID) {
            snprintf(why, why_size, "'%s' is not a controller button (a, b, start, dpup, ...)", arg);
            return false;
        }
    } else if (strcmp(word, "quit") == 0 && n == 2) {
        e->kind = HOOK_QUIT;
    } else {
        snprintf(why, why_size, "unknown event '%s' (key NAME, button NAME, quit)", word);
        return false;
    }
    return true;
}

bool ebb_testhook_open(ebb_testhook **out, char *err, size_t err_size)
{
    *out = NULL;
    const char *path = SDL_getenv("EBB_TEST_EVENTS");
    if (!path || !*path) {
        return true;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: cannot read the test events (EBB_TEST_EVENTS)", path);
        return false;
    }
    ebb_testhook *h = calloc(1, sizeof *h);
    if (!h) {
        fclose(f);
        snprintf(err, err_size, "out of memory");
        return false;
    }
    char line[256];
    unsigned lineno = 0;
    bool ok = true;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line + strspn(line, " \t");
        if (*p == '#' || *p == '\n' || *p == '\0') {
            continue;
        }
        char why[160];
        if (h->count >= EVENTS_MAX) {
            snprintf(err, err_size, "%s:%u: more than %d events", path, lineno, EVENTS_MAX);
            ok = false;
            break;
        }
        if (!parse_line(p, &h->ev[h->count], why, sizeof why)) {
            snprintf(err, err_size, "%s:%u: %s", path, lineno, why);
            ok = false;
            break;
        }
        h->count++;
    }
    fclose(f);
    const char *trace = SDL_getenv("EBB_TEST_TRACE");
    if (ok && trace && *trace) {
        h->trace = fopen(trace, "w");
        if (!h->trace) {
            snprintf(err, err_size, "%s: cannot write the scene trace (EBB_TEST_TRACE)", trace);
            ok = false;
        }
        h->own_trace = true;
    }
    if (!ok) {
        if (h->trace) {
            fclose(h->trace);
        }
        free(h);
        return false;
    }
    if (!h->trace) {
        h->trace = stderr;
    }
    *out = h;
    return true;
}

static void trace(ebb_testhook *h, const char *what)
{
    fprintf(h->trace, "%s%u %s\n", h->own_trace ? "" : "ebb-test: ", h->frame, what);
    fflush(h->trace);
}

static void push(const hook_event *e)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    switch (e->kind) {
    case HOOK_KEY:
        ev.type = SDL_KEYDOWN;
        ev.key.state = SDL_PRESSED;
        ev.key.keysym.sym = e->key;
        ev.key.keysym.scancode = SDL_GetScancodeFromKey(e->key);
        SDL_PushEvent(&ev);
        ev.type = SDL_KEYUP;
        ev.key.state = SDL_RELEASED;
        SDL_PushEvent(&ev);
        break;
    case HOOK_BUTTON:
        ev.type = SDL_CONTROLLERBUTTONDOWN;
        ev.cbutton.button = (Uint8)e->button;
        ev.cbutton.state = SDL_PRESSED;
        SDL_PushEvent(&ev);
        ev.type = SDL_CONTROLLERBUTTONUP;
        ev.cbutton.state = SDL_RELEASED;
        SDL_PushEvent(&ev);
        break;
    case HOOK_QUIT:
    default:
        ev.type = SDL_QUIT;
        SDL_PushEvent(&ev);
        break;
    }
}

void ebb_testhook_frame(ebb_testhook *h, ebb_app *app)
{
    if (!h) {
        return;
    }
    const char *name = ebb_scene_name(app);
    if (strcmp(name, h->last) != 0) {
        snprintf(h->last, sizeof h->last, "%s", name);
        trace(h, name);
    }
    while (h->next < h->count && h->ev[h->next].frame <= h->frame) {
        push(&h->ev[h->next++]);
    }
    h->frame++;
}

void ebb_testhook_close(ebb_testhook *h)
{
    if (!h) {
        return;
    }
    trace(h, "end");
    if (h->own_trace) {
        fclose(h->trace);
    }
    free(h);
}
