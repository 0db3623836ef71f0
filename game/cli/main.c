/* ebb: the command line front door. Parses arguments, then hands over to the headless
 * commands or to the windowed game. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "io/audio_list.h"
#include "cli/cli.h"
#include "cli/cmd_calibrate.h"
#include "cli/cmd_check.h"
#include "cli/cmd_history.h"
#include "cli/cmd_pack.h"
#include "cli/cmd_probe.h"
#include "cli/headless.h"
#include "io/probe.h"

#ifndef EBB_VERSION
#define EBB_VERSION "0.0.0"
#endif

/* The probe spec with --listen folded in (osc:PORT@ADDR), checked before anything opens:
 * a wrong probe is a usage error. */
static int main_probe_spec(const ebb_cli *cli, char *spec, size_t size)
{
    if (cli->listen) {
        const ebb_probe_kind_info *k = ebb_probe_spec_info(cli->probe, NULL);
        if (!k || k->kind != EBB_PROBE_KIND_OSC) {
            fprintf(stderr, "ebb: --listen is for osc probes (e.g. --probe osc:9000 --listen 0.0.0.0)\n");
            return 2;
        }
        if (strchr(cli->probe, '@')) {
            fprintf(stderr, "ebb: give the address once: either --listen or osc:PORT@ADDR\n");
            return 2;
        }
        snprintf(spec, size, "%s%s@%s", cli->probe, strchr(cli->probe, ':') ? "" : ":",
                 cli->listen);
    } else {
        snprintf(spec, size, "%s", cli->probe);
    }
    ebb_diags diags;
    ebb_diags_init(&diags, "ebb");
    if (ebb_probe_spec_kind(spec, &diags) == EBB_PROBE_KIND_INVALID) {
        ebb_diags_print(&diags, stderr);
        if (!ebb_probe_spec_info(spec, NULL)) {
            fputs("Probes:\n", stderr);
            ebb_probe_kinds_print(stderr);
        }
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* No sound card is a normal situation: we say so once, ALSA need not say it sixty times. */
    ebb_audio_quiet_alsa();

    /* pack and today have their own small grammars (cmd_pack.c). */
    if (argc >= 2 && strcmp(argv[1], "pack") == 0) {
        return ebb_cmd_pack(argc - 2, argv + 2);
    }
    /* The history commands have their own small grammars too (cmd_history.h). */
    if (argc >= 2 && strcmp(argv[1], "history") == 0) {
        return ebb_cmd_history(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "replay") == 0) {
        return ebb_cmd_replay(argc - 2, argv + 2, argv[0]);
    }
    if (argc >= 2 && strcmp(argv[1], "rescore") == 0) {
        return ebb_cmd_rescore(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "export") == 0) {
        return ebb_cmd_export(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "report") == 0) {
        return ebb_cmd_report(argc - 2, argv + 2);
    }

    if (argc >= 2 && strcmp(argv[1], "today") == 0) {
        if (argc > 2) {
            fprintf(stderr, "ebb: today takes no arguments ('%s')\nTry 'ebb --help'.\n", argv[2]);
            return 2;
        }
        return ebb_cmd_today();
    }
    ebb_cli cli;
    int rc = ebb_cli_parse(argc, argv, &cli, stderr);
    if (rc != 0) {
        return rc;
    }
    char spec[1024];
    if (cli.command == EBB_CMD_PLAY || cli.command == EBB_CMD_MENU || cli.command == EBB_CMD_PROBE ||
        cli.command == EBB_CMD_CALIBRATE) {
        rc = main_probe_spec(&cli, spec, sizeof spec);
        if (rc != 0) {
            return rc;
        }
        cli.probe = spec;
    }
    switch (cli.command) {
    case EBB_CMD_HELP:
        printf("Ebb %s: a calm pelvic floor and breathing trainer.\n\n", EBB_VERSION);
        ebb_cli_usage(stdout);
        return 0;
    case EBB_CMD_VERSION:
        printf("ebb %s\n", EBB_VERSION);
        return 0;
    case EBB_CMD_PROBE:
        return ebb_cmd_probe(&cli, cli.probe);
    case EBB_CMD_CALIBRATE:
        return ebb_cmd_calibrate(&cli, cli.probe);
    case EBB_CMD_DEVICES:
        return ebb_cmd_devices();
    case EBB_CMD_LIST:
        return ebb_headless_list(argv[0]);
    case EBB_CMD_CHECK:
        return ebb_cmd_check(&cli);
    case EBB_CMD_PLAY:
        if (cli.headless) {
            return ebb_headless_play(&cli, argv[0]);
        }
        break;
    case EBB_CMD_MENU:
        break;
    }
    ebb_app_options opts = {
        .argv0 = argv[0],
        .level_spec = cli.command == EBB_CMD_PLAY ? cli.level : NULL,
        .probe_spec = cli.probe,
        .breath_spec = cli.breath,
        .screenshot_path = cli.screenshot,
        .screenshot_scene = cli.scene,
        .json = cli.json,
        .screenshot_at_s = cli.at_s,
        .exit_when_done = cli.exit_when_done,
        .fullscreen = cli.fullscreen,
        .width = cli.width,
        .height = cli.height,
    };
    return ebb_app_run(&opts);
}
