/* The table of scenes (game/scenes/scene.h) and switching by request, without a window:
 * every row is whole and named once, `--scene` names round-trip through the real command-line
 * parser, and a request changes nothing until ebb_app_apply() runs leave and enter, with real
 * levels (EBB_LEVELS_DIR) and private XDG folders from the test's environment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/app_state.h"
#include "cli/cli.h"
#include "scenes/play.h"
#include "scenes/scene.h"

static void test_rows_whole(void **state)
{
    (void)state;
    for (int i = 0; i < EBB_SCENE_COUNT; i++) {
        const ebb_scene *s = ebb_scene_get((ebb_scene_id)i);
        assert_non_null(s);
        assert_non_null(s->name);
        assert_true(s->name[0] != '\0');
        assert_non_null(s->enter);
        assert_non_null(s->event);
        assert_non_null(s->draw);
    }
    assert_null(ebb_scene_get(EBB_SCENE_NONE));
    assert_null(ebb_scene_get(EBB_SCENE_COUNT));
}

/* Every name --scene takes (scenes and their views) is unique and leads back to its scene. */
static void test_names_unique_and_found(void **state)
{
    (void)state;
    size_t count = 0;
    while (ebb_scene_shot_name(count)) {
        const char *a = ebb_scene_shot_name(count);
        for (size_t j = 0; j < count; j++) {
            assert_string_not_equal(a, ebb_scene_shot_name(j));
        }
        count++;
    }
    size_t views = 0;
    for (int i = 0; i < EBB_SCENE_COUNT; i++) {
        const ebb_scene *s = ebb_scene_get((ebb_scene_id)i);
        assert_int_equal(ebb_scene_find(s->name), i);
        for (const char *const *v = s->views; v && *v; v++) {
            assert_int_equal(ebb_scene_find(*v), i);
            views++;
        }
    }
    assert_int_equal(count, (size_t)EBB_SCENE_COUNT + views);
    assert_int_equal(ebb_scene_find("pause"), EBB_SCENE_PLAY);
    assert_int_equal(ebb_scene_find("lost"), EBB_SCENE_PLAY);
    assert_int_equal(ebb_scene_find("credits"), EBB_SCENE_NONE);
    assert_int_equal(ebb_scene_find("Menu"), EBB_SCENE_NONE);
    assert_int_equal(ebb_scene_find(NULL), EBB_SCENE_NONE);

    char list[200];
    ebb_scene_shot_names(list, sizeof list);
    assert_string_equal(list, "welcome, menu, settings, help, calibration, play, pause, lost, "
                              "results or progress");
}

static int parse(int argc, const char *const *args, ebb_cli *cli, char *err, size_t err_size)
{
    char *argv[12];
    for (int i = 0; i < argc; i++) {
        argv[i] = (char *)(uintptr_t)args[i];
    }
    memset(cli, 0, sizeof *cli);
    FILE *e = tmpfile();
    assert_non_null(e);
    int rc = ebb_cli_parse(argc, argv, cli, e);
    rewind(e);
    size_t n = fread(err, 1, err_size - 1, e);
    err[n] = '\0';
    fclose(e);
    return rc;
}

/* Each name is accepted by the command line as it is written, with a level when its scene
 * shows one, and refused without one; an unknown name is refused naming them all. */
static void test_cli_round_trip(void **state)
{
    (void)state;
    char err[512];
    ebb_cli cli;
    for (size_t i = 0; ebb_scene_shot_name(i); i++) {
        const char *name = ebb_scene_shot_name(i);
        const ebb_scene *s = ebb_scene_get(ebb_scene_find(name));
        const char *with_level[] = {"ebb",          "play", "breathing/resonance", "--screenshot",
                                    "x.png",        "--scene", name, "--at", "1"};
        assert_int_equal(parse(9, with_level, &cli, err, sizeof err), 0);
        assert_string_equal(cli.scene, name);
        assert_int_equal(ebb_scene_find(cli.scene), ebb_scene_find(name));
        const char *alone[] = {"ebb", "--screenshot", "x.png", "--scene", name};
        int rc = parse(5, alone, &cli, err, sizeof err);
        assert_int_equal(rc, s->needs_level ? 2 : 0);
        if (s->timed) {
            const char *untimed[] = {"ebb", "play", "breathing/resonance", "--screenshot",
                                     "x.png", "--scene", name};
            assert_int_equal(parse(7, untimed, &cli, err, sizeof err), 2);
            assert_non_null(strstr(err, "--at"));
        }
    }
    const char *bad[] = {"ebb", "--screenshot", "x.png", "--scene", "credits"};
    assert_int_equal(parse(5, bad, &cli, err, sizeof err), 2);
    assert_non_null(strstr(err, "'credits' is not a screen; use welcome, menu, settings, help, "
                                "calibration, play, pause, lost, results or progress"));
}

static ebb_app *new_app(ebb_app_options *o)
{
    memset(o, 0, sizeof *o);
    o->argv0 = "ebb";
    ebb_app *app = calloc(1, sizeof *app);
    assert_non_null(app);
    app->opts = o;
    app->scene = EBB_SCENE_NONE;
    app->next = EBB_SCENE_NONE;
    app->mouse_scale = 1.0f;
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
    return app;
}

static void free_app(ebb_app *app)
{
    const ebb_scene *s = ebb_scene_get(app->scene);
    if (s && s->leave) {
        s->leave(app, EBB_SCENE_NONE);
    }
    ebb_play_end(app);
    ebb_plan_free(app);
    if (app->catalog_loaded) {
        ebb_catalog_free(&app->catalog);
    }
    free(app);
}

/* A request changes nothing until it is applied; the latest request of a frame wins. */
static void test_request_waits_for_apply(void **state)
{
    (void)state;
    ebb_app_options o;
    ebb_app *app = new_app(&o);
    ebb_app_request(app, EBB_SCENE_WELCOME);
    assert_int_equal(app->scene, EBB_SCENE_NONE);
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_WELCOME);
    assert_int_equal(app->next, EBB_SCENE_NONE);

    ebb_app_request(app, EBB_SCENE_HELP);
    ebb_app_request(app, EBB_SCENE_SETTINGS);
    assert_int_equal(app->scene, EBB_SCENE_WELCOME);
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_SETTINGS);
    ebb_app_apply(app); /* nothing asked: nothing changes */
    assert_int_equal(app->scene, EBB_SCENE_SETTINGS);

    ebb_app_request(app, EBB_SCENE_MENU);
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_MENU);
    assert_true(app->catalog_loaded); /* the menu's enter read the built-in levels */
    assert_true(app->menu.item_count > 2);
    free_app(app);
}

/* Play starts its level on entering; the results keep it; the menu ends it. */
static void test_play_results_menu(void **state)
{
    (void)state;
    ebb_app_options o;
    ebb_app *app = new_app(&o);
    ebb_app_request(app, EBB_SCENE_MENU);
    ebb_app_apply(app);
    ebb_play_request(app, "breathing/resonance", NULL, "keyboard");
    assert_false(app->play.loaded);
    assert_int_equal(app->scene, EBB_SCENE_MENU);
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_PLAY);
    assert_true(app->play.loaded);
    assert_string_equal(app->play.spec, "breathing/resonance");

    ebb_app_request(app, EBB_SCENE_RESULTS);
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_RESULTS);
    assert_true(app->play.loaded); /* the results show it */

    ebb_play_restart(app); /* "Play again" */
    assert_int_equal(app->scene, EBB_SCENE_RESULTS);
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_PLAY);
    assert_true(app->play.loaded);

    ebb_app_request(app, EBB_SCENE_MENU);
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_MENU);
    assert_false(app->play.loaded);
    free_app(app);
}

/* A level that cannot load sends play's enter back to the menu within the same apply. */
static void test_bad_level_back_to_menu(void **state)
{
    (void)state;
    ebb_app_options o;
    ebb_app *app = new_app(&o);
    ebb_app_request(app, EBB_SCENE_MENU);
    ebb_app_apply(app);
    app->menu.selected = 3;
    ebb_play_request(app, "no/such-level", NULL, "keyboard");
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_MENU);
    assert_int_equal(app->next, EBB_SCENE_NONE);
    assert_false(app->play.loaded);
    assert_int_equal(app->menu.selected, 3); /* the menu is as it was left */

    ebb_play_request(app, "breathing/resonance", NULL, "replay:/no/such/file.csv");
    ebb_app_apply(app);
    assert_int_equal(app->scene, EBB_SCENE_MENU);
    assert_false(app->play.loaded);
    free_app(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_whole),
        cmocka_unit_test(test_names_unique_and_found),
        cmocka_unit_test(test_cli_round_trip),
        cmocka_unit_test(test_request_waits_for_apply),
        cmocka_unit_test(test_play_results_menu),
        cmocka_unit_test(test_bad_level_back_to_menu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
