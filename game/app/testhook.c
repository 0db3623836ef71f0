#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "app/testhook.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    /* EBB_FRAME_STATS: frame times and resident memory every 10 s, for the soak test. */
    FILE *stats;
    Uint64 stats_t0, stats_last;
    double stats_sum_ms, stats_max_ms, stats_cpu_s;
    unsigned stats_frames;
    double stats_next_s;
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
    const char *stats = SDL_getenv("EBB_FRAME_STATS");
    if (stats && *stats) {
        h->stats = fopen(stats, "w");
        if (!h->stats) {
            snprintf(err, err_size, "%s: cannot write the frame stats (EBB_FRAME_STATS)", stats);
            if (h->own_trace && h->trace) {
                fclose(h->trace);
            }
            free(h);
            return false;
        }
        fprintf(h->stats, "# elapsed_s frames mean_ms max_ms rss_kb cpu_ms_per_frame\n");
    }
    if (!h->trace) {
        h->trace = stderr;
    }
    *out = h;
    return true;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kb = strtol(line + 6, NULL, 10);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kb;
}

/* CPU time of the whole process (all threads), in seconds: the work a frame costs, which a
 * busy machine does not inflate the way it inflates the wall time between frames. */
static double cpu_s(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) {
        return 0.0;
    }
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Frame time is the time from one frame's start to the next: what the person sees. */
static void stats_frame(ebb_testhook *h)
{
    const Uint64 now = SDL_GetPerformanceCounter();
    const double freq = (double)SDL_GetPerformanceFrequency();
    if (h->stats_t0 == 0) {
        h->stats_t0 = h->stats_last = now;
        h->stats_next_s = 10.0;
        h->stats_cpu_s = cpu_s();
        return;
    }
    const double dt_ms = (double)(now - h->stats_last) * 1000.0 / freq;
    h->stats_last = now;
    h->stats_sum_ms += dt_ms;
    h->stats_max_ms = dt_ms > h->stats_max_ms ? dt_ms : h->stats_max_ms;
    h->stats_frames++;
    const double elapsed = (double)(now - h->stats_t0) / freq;
    if (elapsed >= h->stats_next_s) {
        const double cpu = cpu_s();
        fprintf(h->stats, "%.1f %u %.3f %.3f %ld %.3f\n", elapsed, h->stats_frames,
                h->stats_sum_ms / (double)h->stats_frames, h->stats_max_ms, rss_kb(),
                (cpu - h->stats_cpu_s) * 1000.0 / (double)h->stats_frames);
        h->stats_cpu_s = cpu;
        fflush(h->stats);
        h->stats_sum_ms = h->stats_max_ms = 0.0;
        h->stats_frames = 0;
        h->stats_next_s += 10.0;
    }
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
    if (h->stats) {
        stats_frame(h);
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
    if (h->stats) {
        fclose(h->stats);
    }
    free(h);
}
