/* The windowed game: start-up, the main loop, scene switching and screenshots.
 *
 * The loop knows scenes only through their table (scenes/scene.h): each frame it applies the
 * scene asked for, feeds the events, updates and draws the scene on screen. */
#include "app/app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_state.h"
#include "app/assets.h"
#include "app/bench.h"
#include "app/screenshot.h"
#include "app/testhook.h"
#include "gfx/draw.h"
#include "gfx/sprite.h"
#include "gfx/track.h"
#include "scenes/scene.h"
#include "settings/settings_file.h"

#define DEFAULT_W 1280
#define DEFAULT_H 720
#define MIN_W 640
#define MIN_H 360
/* Without vsync, frames are paced to about 60 a second. */
#define FRAME_MS_NO_VSYNC 16.0

static bool driver_is(const char *name)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && strcmp(d, name) == 0;
}

static void update_size(ebb_app *app)
{
    int ow = 0, oh = 0, ww = 0, wh = 0;
    SDL_GetRendererOutputSize(app->renderer, &ow, &oh);
    SDL_GetWindowSize(app->window, &ww, &wh);
    app->w = ow > 0 ? ow : DEFAULT_W;
    app->h = oh > 0 ? oh : DEFAULT_H;
    app->mouse_scale = ww > 0 ? (float)app->w / (float)ww : 1.0f;
    if (app->text) {
        ebb_text_resize(app->text, app->h);
    }
}

/* The background gradient is computed once per window size into a texture (row by row,
 * exactly ebb_theme_bg_at(), which the screenshot tests rely on); drawing it is then a plain
 * copy, far cheaper than shading the whole window every frame in software. */
static SDL_Texture *make_background(SDL_Renderer *r, int w, int h)
{
    /* An opaque format the renderer takes: the software renderer lists the window surface's
     * own format among them, and a copy between the same formats is a memcpy per row; any
     * other format is converted pixel by pixel, every frame. */
    Uint32 fmt = SDL_PIXELFORMAT_ARGB8888;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) == 0) {
        for (Uint32 i = 0; i < info.num_texture_formats; i++) {
            Uint32 f = info.texture_formats[i];
            if (!SDL_ISPIXELFORMAT_FOURCC(f) && !SDL_ISPIXELFORMAT_ALPHA(f) &&
                !SDL_ISPIXELFORMAT_INDEXED(f) && SDL_BYTESPERPIXEL(f) == 4) {
                fmt = f;
                break;
            }
        }
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, fmt);
    if (!s) {
        return NULL;
    }
    for (int y = 0; y < h; y++) {
        ebb_rgba c = ebb_theme_bg_at(((float)y + 0.5f) / (float)h);
        Uint32 px = SDL_MapRGBA(s->format, c.r, c.g, c.b, 255);
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < w; x++) {
            row[x] = px;
        }
    }
    SDL_Texture *t = SDL_CreateTexture(r, fmt, SDL_TEXTUREACCESS_STATIC, w, h);
    if (t && SDL_UpdateTexture(t, NULL, s->pixels, s->pitch) != 0) {
        SDL_DestroyTexture(t);
        t = NULL;
    }
    SDL_FreeSurface(s);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    }
    return t;
}

void ebb_app_draw_background(ebb_app *app)
{
    if (!app->bg || app->bg_w != app->w || app->bg_h != app->h) {
        if (app->bg) {
            SDL_DestroyTexture(app->bg);
        }
        app->bg = make_background(app->renderer, app->w, app->h);
        ebb_track_layer_free(&app->track);
        app->bg_w = app->w;
        app->bg_h = app->h;
    }
    if (app->bg) {
        SDL_RenderCopy(app->renderer, app->bg, NULL, NULL);
    } else {
        SDL_SetRenderDrawColor(app->renderer, 0, 0, 0, 255);
        SDL_RenderClear(app->renderer);
        ebb_frect all = {0.0f, 0.0f, (float)app->w, (float)app->h};
        ebb_draw_gradient_v(app->renderer, all, EBB_THEME_BG_TOP, EBB_THEME_BG_BOTTOM);
    }
}

bool ebb_app_load_catalog(ebb_app *app)
{
    if (app->catalog_loaded) {
        return true;
    }
    const char *dir = ebb_levels_dir(app->opts->argv0);
    if (!dir) {
        fprintf(stderr, "ebb: cannot find the built-in levels (set EBB_LEVELS_DIR to the "
                        "levels/ directory)\n");
        return false;
    }
    if (!ebb_catalog_load(dir, &app->catalog, stderr)) {
        fprintf(stderr, "ebb: cannot read the levels in %s\n", dir);
        return false;
    }
    app->catalog_loaded = true;
    return true;
}

float ebb_app_text_scale(const ebb_app *app)
{
    switch (app->settings.text_size) {
    case EBB_TEXT_LARGE:
        return 1.25f;
    case EBB_TEXT_LARGER:
        return 1.5f;
    case EBB_TEXT_NORMAL:
    case EBB_TEXT_SIZE_COUNT:
    default:
        return 1.0f;
    }
}

void ebb_app_apply_settings(ebb_app *app)
{
    ebb_theme_use(app->settings.palette);
    if (app->bg) {
        SDL_DestroyTexture(app->bg); /* the background follows the palette */
        app->bg = NULL;
        ebb_track_layer_free(&app->track); /* and the track drawn over it */
    }
    ebb_text_set_scale(app->text, ebb_app_text_scale(app));
}

void ebb_app_request(ebb_app *app, ebb_scene_id scene)
{
    app->next = scene;
}

/* Enough for an enter that sends on at once (a level that cannot load goes back to the
 * menu); a pair of scenes sending each other back and forth stops here, on the last. */
#define APPLY_HOPS_MAX 4

void ebb_app_apply(ebb_app *app)
{
    for (int hop = 0; hop < APPLY_HOPS_MAX && app->next != EBB_SCENE_NONE; hop++) {
        ebb_scene_id to = app->next;
        app->next = EBB_SCENE_NONE;
        const ebb_scene *from = ebb_scene_get(app->scene);
        if (from && from->leave) {
            from->leave(app, to);
        }
        app->scene = to;
        const ebb_scene *s = ebb_scene_get(to);
        if (s && s->enter) {
            s->enter(app);
        }
    }
    app->next = EBB_SCENE_NONE;
}

static void toggle_fullscreen(ebb_app *app)
{
    Uint32 flags = SDL_GetWindowFlags(app->window);
    bool full = (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
    SDL_SetWindowFullscreen(app->window, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
    update_size(app);
}

static void handle_event(ebb_app *app, const SDL_Event *ev)
{
    ebb_input_event(&app->input, ev, app->mouse_scale, ebb_play_active(app));
    switch (ev->type) {
    case SDL_QUIT:
        app->quit = true;
        return;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            update_size(app);
        } else if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            ebb_input_release_keys(&app->input);
        }
        break; /* the scene hears of it too (play pauses when focus goes) */
    case SDL_KEYDOWN:
        if (ev->key.keysym.sym == SDLK_F11 ||
            (ev->key.keysym.sym == SDLK_RETURN && (ev->key.keysym.mod & KMOD_ALT))) {
            if (!ev->key.repeat) {
                toggle_fullscreen(app);
            }
            return;
        }
        break;
    default:
        break;
    }
    const ebb_scene *s = ebb_scene_get(app->scene);
    if (s && s->event) {
        s->event(app, ev);
    }
}

static void draw_scene(ebb_app *app)
{
    ebb_text_frame(app->text);
    ebb_app_draw_background(app);
    const ebb_scene *s = ebb_scene_get(app->scene);
    if (s && s->draw) {
        s->draw(app);
    }
}

/* A still screen (menu, settings, help, results) changes only when an event comes; drawing it
 * anyway would cost a full software frame 60 times a second. It is drawn again on any event,
 * a scene change, and once a second in case something outside the events changed (a device
 * list, the date). EBB_BENCH_ALWAYS_DRAW=1 turns the skipping off, so `make bench` can compare. */
#define STILL_REFRESH_MS 1000.0

static const char *renderer_name(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    return SDL_GetRendererInfo(r, &info) == 0 && info.name ? info.name : "unknown";
}

static void main_loop(ebb_app *app)
{
    Uint64 freq = SDL_GetPerformanceFrequency();
    Uint64 last = SDL_GetPerformanceCounter();
    ebb_bench *bench = ebb_bench_open(); /* EBB_BENCH_FRAMES: figures for `make bench` */
    ebb_photon *photon = ebb_photon_open(); /* EBB_BENCH_PHOTON: probe-to-photon stamps */
    const char *always = SDL_getenv("EBB_BENCH_ALWAYS_DRAW");
    bool skip_still = !(always && strcmp(always, "1") == 0);
    ebb_scene_id drawn_scene = EBB_SCENE_NONE;
    int drawn_w = 0, drawn_h = 0;
    double since_draw_ms = 0.0;
    while (!app->quit) {
        Uint64 frame_start = SDL_GetPerformanceCounter();
        ebb_bench_frame_begin(bench);
        /* The scene asked for last frame (or at start-up) takes over before anything else
         * sees this frame: no scene switches from inside a handler. */
        ebb_app_apply(app);
        ebb_testhook_frame(app->testhook, app); /* EBB_TEST_EVENTS: scripted input, trace */
        SDL_Event ev;
        bool events = false;
        while (SDL_PollEvent(&ev)) {
            handle_event(app, &ev);
            events = true;
        }
        Uint64 now = SDL_GetPerformanceCounter();
        double dt_ms = (double)(now - last) * 1000.0 / (double)freq;
        last = now;
        app->clock_s += dt_ms / 1000.0;
        since_draw_ms += dt_ms;
        ebb_audio_settings(app->audio, &app->settings); /* volumes, ambience: cheap */
        const ebb_scene *s = ebb_scene_get(app->scene);
        if (s && s->update) {
            s->update(app, dt_ms);
        }
        if (app->quit) {
            break;
        }
        bool playing = app->scene == EBB_SCENE_PLAY && app->play.loaded;
        if (photon && playing) {
            ebb_photon_ticked(photon, app->play.cur_effort);
        }
        bool draw = !skip_still || !s || !s->still || events || app->next != EBB_SCENE_NONE ||
                    app->scene != drawn_scene || app->w != drawn_w || app->h != drawn_h ||
                    since_draw_ms >= STILL_REFRESH_MS;
        if (draw) {
            draw_scene(app);
            if (photon && playing) {
                ebb_photon_drawn(photon, ebb_play_character_effort(&app->play));
            }
            SDL_RenderPresent(app->renderer);
            ebb_photon_presented(photon, stdout);
            drawn_scene = app->scene;
            drawn_w = app->w;
            drawn_h = app->h;
            since_draw_ms = 0.0;
        }
        if (ebb_bench_frame_end(bench, draw)) {
            ebb_bench_report(bench, stdout, ebb_scene_name(app),
                             renderer_name(app->renderer));
            app->quit = true;
        }
        double spent = (double)(SDL_GetPerformanceCounter() - frame_start) * 1000.0 / (double)freq;
        /* With vsync, presenting waits for the display and this floor is rarely reached; it
         * only stops a driver that claims vsync but ignores it from spinning. */
        double target = app->vsync && draw ? app->frame_floor_ms : FRAME_MS_NO_VSYNC;
        if (spent < target) {
            SDL_Delay((Uint32)(target - spent));
        }
    }
    ebb_bench_close(bench);
    ebb_photon_close(photon);
}

static int take_screenshot(ebb_app *app)
{
    const ebb_app_options *o = app->opts;
    const char *view = o->screenshot_scene ? o->screenshot_scene : "play";
    ebb_scene_id id = ebb_scene_find(view);
    double at = o->screenshot_at_s > 0.0 ? o->screenshot_at_s : 0.0;
    /* The same way in as in play: ask, apply (leave and enter), then the moment. */
    if (id == EBB_SCENE_CALIBRATION) {
        ebb_calibrate_request(app, o->probe_spec ? o->probe_spec : app->settings.probe, NULL, NULL,
                              EBB_SCENE_SETTINGS);
    } else {
        ebb_app_request(app, id == EBB_SCENE_NONE ? EBB_SCENE_PLAY : id);
    }
    ebb_app_apply(app);
    const ebb_scene *s = ebb_scene_get(app->scene);
    if (s && s->shot) {
        s->shot(app, view, (uint32_t)(at * 1000.0 + 0.5));
    }
    /* The decorative motion (a balloon's string, a kite's tail, ripples) follows the clock:
     * in a picture it shows the moment the picture is of, so two moments differ as they would
     * on screen (unless reduced motion is on). */
    app->clock_s = o->screenshot_at_s > 0.0 ? o->screenshot_at_s : 0.0;
    draw_scene(app);
    char err[512];
    /* Read back before presenting: after SDL_RenderPresent the back buffer is undefined. */
    if (!ebb_screenshot_save(app->renderer, o->screenshot_path, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    SDL_RenderPresent(app->renderer);
    return 0;
}

static SDL_Renderer *create_renderer(ebb_app *app, bool software)
{
    SDL_Renderer *r = NULL;
    if (!software) {
        r = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    }
    if (!r) {
        r = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (r) {
        SDL_RendererInfo info;
        bool accelerated = SDL_GetRendererInfo(r, &info) == 0 &&
                           (info.flags & SDL_RENDERER_ACCELERATED) != 0;
        /* The software renderer reports vsync without waiting for anything. */
        app->vsync = accelerated && (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
        SDL_DisplayMode mode;
        int hz = 60;
        if (SDL_GetWindowDisplayMode(app->window, &mode) == 0 && mode.refresh_rate > 0) {
            hz = mode.refresh_rate;
        }
        app->frame_floor_ms = 0.9 * 1000.0 / (double)hz;
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    }
    return r;
}

static int run(ebb_app *app)
{
    const ebb_app_options *o = app->opts;
    bool shot = o->screenshot_path != NULL;
    const ebb_scene *shot_scene =
        ebb_scene_get(o->screenshot_scene ? ebb_scene_find(o->screenshot_scene) : EBB_SCENE_PLAY);
    bool shot_menu = shot && shot_scene && !shot_scene->needs_level;

    /* Load the level and the input first: a mistake in them is reported the same with or
     * without a display. */
    if (o->level_spec && !shot_menu) {
        int rc = ebb_play_begin(app, o->level_spec, o->probe_spec);
        if (rc != 0) {
            return rc;
        }
    } else if (!shot && !ebb_app_load_catalog(app)) {
        return 1;
    }

    /* Software rendering keeps pixels identical across drivers and avoids EGL on offscreen;
     * without acceleration the window surface must not be backed by a renderer either. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr,
                "ebb: cannot open a window (no display?): %s. Try `ebb play LEVEL --headless`.\n",
                SDL_GetError());
        return 1;
    }
    bool headless_driver = driver_is("offscreen") || driver_is("dummy");
    if (!shot && headless_driver && !SDL_getenv("SDL_VIDEODRIVER")) {
        /* SDL falls back to an invisible offscreen window when there is no display. */
        fprintf(stderr,
                "ebb: cannot open a window (no display?): no display found. Try `ebb play LEVEL "
                "--headless`.\n");
        return 1;
    }
    if (!shot) {
        SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER); /* optional: keyboard always works */
    }
    int w = o->width > 0 ? o->width : DEFAULT_W;
    int h = o->height > 0 ? o->height : DEFAULT_H;
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (shot) {
        flags |= SDL_WINDOW_HIDDEN;
    } else if (o->fullscreen || app->settings.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    app->window = SDL_CreateWindow("Ebb", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!app->window) {
        fprintf(stderr,
                "ebb: cannot open a window (no display?): %s. Try `ebb play LEVEL --headless`.\n",
                SDL_GetError());
        return 1;
    }
    SDL_SetWindowMinimumSize(app->window, MIN_W, MIN_H);
    /* The software renderer by default: measured under Xvfb (docs/performance.md, "Frame
     * cost"), OpenGL on Mesa's software rasteriser cost more CPU per frame and four times the
     * memory, and the scenes are small enough for the CPU. SDL_RENDER_DRIVER=opengl (or any
     * SDL driver name) still asks for another. */
    const char *asked = SDL_getenv("SDL_RENDER_DRIVER");
    bool software = shot || headless_driver || !asked || !*asked || strcmp(asked, "software") == 0;
    app->renderer = create_renderer(app, software);
    if (!app->renderer) {
        fprintf(stderr, "ebb: cannot draw in the window: %s\n", SDL_GetError());
        return 1;
    }
    update_size(app);
    char err[512];
    app->text = ebb_text_create(app->renderer, app->h, err, sizeof err);
    if (!app->text) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    ebb_app_apply_settings(app);
    if (shot) {
        return take_screenshot(app);
    }
    app->audio = ebb_audio_open(err, sizeof err);
    if (!app->audio) {
        fprintf(stderr, "ebb: no sound device (%s); playing with captions only\n", err);
        app->no_sound = true;
    }
    if (app->play.loaded) {
        ebb_app_request(app, EBB_SCENE_PLAY); /* the command line's level, loaded above */
    } else {
        /* The first time, the welcome and its safety note come before the menu. */
        ebb_app_request(app, app->settings.welcome_seen ? EBB_SCENE_MENU : EBB_SCENE_WELCOME);
    }
    if (!ebb_testhook_open(&app->testhook, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return 2;
    }
    main_loop(app);
    return app->exit_code;
}

int ebb_app_run(const ebb_app_options *opts)
{
    ebb_app *app = calloc(1, sizeof *app);
    if (!app) {
        fprintf(stderr, "ebb: out of memory\n");
        return 1;
    }
    app->opts = opts;
    app->scene = EBB_SCENE_NONE;
    app->next = EBB_SCENE_NONE;
    app->mouse_scale = 1.0f;
    ebb_settings_load(&app->settings, stderr);
    ebb_assets_load(opts->argv0, stderr);
    ebb_theme_use(app->settings.palette);
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "ebb: SDL could not start: %s\n", SDL_GetError());
        free(app);
        return 1;
    }
    int rc = run(app);
    ebb_testhook_close(app->testhook);
    const ebb_scene *last = ebb_scene_get(app->scene);
    if (last && last->leave) {
        last->leave(app, EBB_SCENE_NONE);
    }
    ebb_play_end(app); /* loaded at start-up but never shown (no display) */
    ebb_plan_free(app);
    ebb_input_close(&app->input);
    ebb_audio_close(app->audio);
    ebb_text_destroy(app->text);
    if (app->bg) {
        SDL_DestroyTexture(app->bg);
    }
    ebb_track_layer_free(&app->track);
    if (app->renderer) {
        ebb_sprite_release(app->renderer);
        SDL_DestroyRenderer(app->renderer);
    }
    if (app->window) {
        SDL_DestroyWindow(app->window);
    }
    if (app->catalog_loaded) {
        ebb_catalog_free(&app->catalog);
    }
    IMG_Quit();
    SDL_Quit();
    free(app);
    return rc;
}
