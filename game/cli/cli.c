#include "cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_pack.h"
#include "io/probe.h"
#include "scenes/scene.h"

void ebb_cli_usage(FILE *out)
{
    fputs(
        "Usage:\n"
        "  ebb                         start the game at its menu\n"
        "  ebb play LEVEL [options]    play one level (a file, or a built-in id such as\n"
        "                              lengthening/drop-and-release)\n"
        "  ebb list                    list the built-in levels\n"
        "  ebb history [--csv | --json] [--delete ID]\n"
        "                              the sessions kept on this computer; --delete\n"
        "                              removes one and its recording\n"
        "  ebb replay SESSION [--headless --json]\n"
        "                              play a recorded session back (in the window, or\n"
        "                              re-scored and printed)\n"
        "  ebb rescore [SESSION | --all]\n"
        "                              score recorded sessions again from their input\n"
        "  ebb export --csv DIR        sessions, level results, reps and calibrations as\n"
        "                              CSV files for a spreadsheet\n"
        "  ebb report --html FILE [--from DATE] [--to DATE]\n"
        "                              a printable report for your therapist\n"
        "  ebb devices                 list audio inputs, serial ports and Bluetooth trainers\n"
        "  ebb calibrate --probe SPEC [--profile NAME]\n"
        "                              measure your rest and strongest squeeze (about a\n"
        "                              minute) so levels use your own range\n"
        "  ebb probe --probe SPEC [--seconds N] [--csv] [--realtime]\n"
        "                              print the processed signal tick by tick\n"
        "  ebb check [--explain] FILE...\n"
        "                              check level files; exit 0 when clean, 2 when not;\n"
        "                              --explain prints each level as a timeline\n",
        out);
    ebb_cmd_pack_usage(out);
    fputs(
        "  ebb --help | --version\n"
        "\n"
        "Options for play:\n"
        "  --probe SPEC        input: keyboard (default), gamepad, mouse, replay:FILE\n"
        "                      (.csv or .wav), sim[:PROFILE], serial:PORT[@BAUD],\n"
        "                      audio[:DEVICE], osc[:PORT], stdin, ble[:NAME|ADDRESS],\n"
        "                      mic[:DEVICE] (breath from a microphone)\n"
        "  --breath SPEC       a second source for the breath channel beside --probe,\n"
        "                      e.g. --probe ble:Perifit --breath mic\n"
        "  --listen ADDR       address an osc probe listens on (default 127.0.0.1)\n"
        "  --headless          no window and no sound; runs as fast as the input allows\n"
        "                      (needs a recorded input: --probe replay:FILE.csv)\n"
        "  --json              print the result as one JSON object on stdout (also after\n"
        "                      playing in the window)\n"
        "  --screenshot FILE   render the play screen at --at SECONDS, save it (.png or\n"
        "  --at SECONDS        .bmp) and exit\n"
        "  --scene NAME        with --screenshot: welcome, menu, settings, help,\n"
        "                      calibration, play (default), pause, lost, results or\n"
        "                      progress\n"
        "  --exit-when-done    quit after the results instead of waiting\n"
        "  --fullscreen        start in fullscreen (F11 toggles)\n"
        "  --window WxH        initial window size, e.g. 1280x720\n"
        "\n"
        "Keys while playing: hold Space to squeeze, let go to release; Up/Down for finer\n"
        "control; Escape pauses; F11 fullscreen.\n"
        "\n"
        "Exit codes: 0 done, 1 runtime failure (device lost, I/O), 2 bad usage or bad input.\n"
        "Ebb is a training aid, not a medical device.\n",
        out);
}

static int cli_fail(FILE *err, const char *fmt, const char *arg)
{
    fputs("ebb: ", err);
    fprintf(err, fmt, arg);
    fputs("\nTry 'ebb --help'.\n", err);
    return 2;
}

static bool cli_number(const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

static bool cli_size(const char *s, int *w, int *h)
{
    char *end = NULL;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X')) {
        return false;
    }
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (end == rest || *end != '\0' || a < 320 || b < 240 || a > 16384 || b > 16384) {
        return false;
    }
    *w = (int)a;
    *h = (int)b;
    return true;
}

/* Options that take a value; returns the value or NULL (after reporting) if missing. */
static const char *cli_value(int argc, char **argv, int *i, FILE *err)
{
    if (*i + 1 >= argc) {
        cli_fail(err, "%s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int cli_play_option(int argc, char **argv, int *i, ebb_cli *cli, FILE *err)
{
    const char *a = argv[*i];
    const char *v = NULL;
    if (strcmp(a, "--headless") == 0) {
        cli->headless = true;
    } else if (strcmp(a, "--json") == 0) {
        cli->json = true;
    } else if (strcmp(a, "--exit-when-done") == 0) {
        cli->exit_when_done = true;
    } else if (strcmp(a, "--fullscreen") == 0) {
        cli->fullscreen = true;
    } else if (strcmp(a, "--probe") == 0) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        cli->probe = v;
    } else if (strcmp(a, "--breath") == 0) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        cli->breath = v;
    } else if (strcmp(a, "--listen") == 0) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        cli->listen = v;
    } else if (strcmp(a, "--profile") == 0 && cli->command == EBB_CMD_CALIBRATE) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        cli->profile = v;
    } else if (strcmp(a, "--realtime") == 0 && cli->command == EBB_CMD_PROBE) {
        cli->realtime = true;
    } else if (strcmp(a, "--csv") == 0 && cli->command == EBB_CMD_PROBE) {
        cli->csv = true;
    } else if (strcmp(a, "--seconds") == 0 && cli->command == EBB_CMD_PROBE) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        if (!cli_number(v, &cli->seconds) || cli->seconds <= 0.0 || cli->seconds > 86400.0) {
            return cli_fail(err, "--seconds: '%s' is not a duration in seconds (above 0)", v);
        }
    } else if (strcmp(a, "--screenshot") == 0) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        cli->screenshot = v;
    } else if (strcmp(a, "--scene") == 0) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        if (ebb_scene_find(v) == EBB_SCENE_NONE) {
            char names[200], why[320];
            ebb_scene_shot_names(names, sizeof names);
            snprintf(why, sizeof why, "--scene: '%s' is not a screen; use %s", v, names);
            return cli_fail(err, "%s", why);
        }
        cli->scene = v;
    } else if (strcmp(a, "--at") == 0) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        if (!cli_number(v, &cli->at_s) || cli->at_s < 0.0) {
            return cli_fail(err, "--at: '%s' is not a time in seconds (0 or more)", v);
        }
        cli->at_given = true;
    } else if (strcmp(a, "--window") == 0) {
        if (!(v = cli_value(argc, argv, i, err))) {
            return 2;
        }
        if (!cli_size(v, &cli->width, &cli->height)) {
            return cli_fail(err, "--window: '%s' is not a size like 1280x720 (at least 320x240)", v);
        }
    } else if (a[0] == '-' && a[1] != '\0') {
        return cli_fail(err, "unknown option '%s'", a);
    } else if (!cli->level) {
        cli->level = a;
    } else {
        return cli_fail(err, "play takes one level; '%s' is one too many", a);
    }
    return 0;
}

static int cli_check_play(ebb_cli *cli, FILE *err)
{
    if (!cli->level) {
        return cli_fail(err, "%s", "play needs a level, e.g. 'ebb play lengthening/drop-and-release'");
    }
    const ebb_scene *shown = ebb_scene_get(cli->scene ? ebb_scene_find(cli->scene) : EBB_SCENE_PLAY);
    const bool timed_scene = shown && shown->timed;
    if (cli->scene && !cli->screenshot) {
        return cli_fail(err, "%s", "--scene is only used with --screenshot FILE");
    }
    if (cli->screenshot && timed_scene && !cli->at_given) {
        return cli_fail(err, "%s", "--screenshot needs --at SECONDS");
    }
    if (cli->at_given && !cli->screenshot) {
        return cli_fail(err, "%s", "--at is only used with --screenshot FILE");
    }
    if (cli->screenshot && cli->headless) {
        return cli_fail(err, "%s", "--screenshot draws the screen, so it cannot be --headless");
    }
    if (cli->breath) {
        if (ebb_probe_spec_has(cli->probe, EBB_PROBE_WINDOW)) {
            return cli_fail(err, "--breath goes beside a probe for the pelvic floor (e.g. --probe "
                                 "serial:/dev/ttyUSB0 --breath mic); for the breath alone use "
                                 "--probe mic, not --breath with '%s'", cli->probe);
        }
        const ebb_probe_kind_info *k = ebb_probe_spec_info(cli->breath, NULL);
        if (!k || (k->flags & EBB_PROBE_WINDOW)) {
            return cli_fail(err, "--breath '%s' is not a source the breath can come from; use "
                                 "mic[:DEVICE] (or osc, replay:FILE.csv)", cli->breath);
        }
    }
    if (cli->headless && ebb_probe_spec_has(cli->probe, EBB_PROBE_WINDOW)) {
        return cli_fail(err, "--headless has no window to read '%s' from; give a recorded input, "
                             "e.g. --probe replay:FILE.csv", cli->probe);
    }
    return 0;
}

int ebb_cli_parse(int argc, char **argv, ebb_cli *cli, FILE *err)
{
    memset(cli, 0, sizeof *cli);
    cli->probe = "keyboard";
    if (argc < 2) {
        cli->command = EBB_CMD_MENU;
        return 0;
    }
    const char *cmd = argv[1];
    int first = 2;
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        cli->command = EBB_CMD_HELP;
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        cli->command = EBB_CMD_VERSION;
        return 0;
    }
    if (strcmp(cmd, "list") == 0) {
        cli->command = EBB_CMD_LIST;
        return argc > 2 ? cli_fail(err, "list takes no arguments ('%s')", argv[2]) : 0;
    }
    if (strcmp(cmd, "check") == 0) {
        cli->command = EBB_CMD_CHECK;
        for (int i = first; i < argc; i++) {
            if (strcmp(argv[i], "--explain") == 0) {
                cli->explain = true;
                continue;
            }
            if (argv[i][0] == '-' && argv[i][1] != '\0') {
                return cli_fail(err, "check: unknown option '%s'", argv[i]);
            }
            if (cli->file_count >= EBB_CLI_FILES_MAX) {
                return cli_fail(err, "check: too many files (at most %s at once)", "256");
            }
            cli->files[cli->file_count++] = argv[i];
        }
        return cli->file_count ? 0 : cli_fail(err, "%s", "check needs at least one file");
    }
    if (strcmp(cmd, "devices") == 0) {
        cli->command = EBB_CMD_DEVICES;
        return argc > 2 ? cli_fail(err, "devices takes no arguments ('%s')", argv[2]) : 0;
    }
    if (strcmp(cmd, "play") == 0 || strcmp(cmd, "probe") == 0 || strcmp(cmd, "calibrate") == 0) {
        cli->command = strcmp(cmd, "play") == 0    ? EBB_CMD_PLAY
                       : strcmp(cmd, "probe") == 0 ? EBB_CMD_PROBE
                                                   : EBB_CMD_CALIBRATE;
    } else if (cmd[0] == '-') {
        /* Window options also work without a command: `ebb --fullscreen`. */
        cli->command = EBB_CMD_MENU;
        first = 1;
    } else {
        return cli_fail(err, "unknown command '%s' (commands: play, list, check, probe, devices, calibrate, pack, today, history, replay, rescore, export, report)", cmd);
    }
    for (int i = first; i < argc; i++) {
        int rc = cli_play_option(argc, argv, &i, cli, err);
        if (rc) {
            return rc;
        }
    }
    if (cli->command == EBB_CMD_CALIBRATE) {
        if (cli->level || cli->headless || cli->json || cli->screenshot || cli->at_given ||
            cli->breath) {
            return cli_fail(err, "%s", "calibrate only takes --probe, --profile and --listen");
        }
        if (ebb_probe_spec_has(cli->probe, EBB_PROBE_WINDOW)) {
            return cli_fail(err, "calibrate is for probes; '%s' needs no calibration "
                                 "(e.g. --probe serial:/dev/ttyUSB0)", cli->probe);
        }
        return 0;
    }
    if (cli->command == EBB_CMD_PROBE) {
        if (cli->level) {
            return cli_fail(err, "probe takes no level ('%s'); use --probe SPEC", cli->level);
        }
        if (cli->headless || cli->json || cli->screenshot || cli->at_given || cli->breath) {
            return cli_fail(err, "%s", "probe only takes --probe, --seconds, --csv, --realtime and --listen");
        }
        return 0;
    }
    if (cli->command == EBB_CMD_MENU) {
        /* Screens that need no level can be captured without one: ebb --screenshot F --scene menu */
        const ebb_scene *shown = ebb_scene_get(cli->scene ? ebb_scene_find(cli->scene) : EBB_SCENE_NONE);
        const bool levelless_shot = cli->screenshot && shown && !shown->needs_level;
        if (cli->level || cli->headless || cli->json || cli->at_given ||
            (cli->screenshot && !levelless_shot)) {
            return cli_fail(err, "%s", "these options need 'play LEVEL'");
        }
        return 0;
    }
    return cli_check_play(cli, err);
}
