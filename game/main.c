/* ebb: the command line front door. Parses arguments, then hands over to the headless
 * commands or to the windowed game. */
#include <stdio.h>

#include "app.h"
#include "cli.h"
#include "cmd_check.h"
#include "headless.h"
#include "probe.h"

#ifndef EBB_VERSION
#define EBB_VERSION "0.0.0"
#endif

int main(int argc, char **argv)
{
    ebb_cli cli;
    int rc = ebb_cli_parse(argc, argv, &cli, stderr);
    if (rc != 0) {
        return rc;
    }
    if (cli.command == EBB_CMD_PLAY || cli.command == EBB_CMD_MENU) {
        /* A wrong probe is a usage error: say so before opening anything. */
        ebb_diags diags;
        ebb_diags_init(&diags, "ebb");
        if (ebb_probe_spec_kind(cli.probe, &diags) == EBB_PROBE_KIND_INVALID) {
            ebb_diags_print(&diags, stderr);
            return 2;
        }
    }
    switch (cli.command) {
    case EBB_CMD_HELP:
        printf("Ebb %s: a calm pelvic floor and breathing trainer.\n\n", EBB_VERSION);
        ebb_cli_usage(stdout);
        return 0;
    case EBB_CMD_VERSION:
        printf("ebb %s\n", EBB_VERSION);
        return 0;
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
        .screenshot_path = cli.screenshot,
        .screenshot_at_s = cli.at_s,
        .exit_when_done = cli.exit_when_done,
        .fullscreen = cli.fullscreen,
        .width = cli.width,
        .height = cli.height,
    };
    return ebb_app_run(&opts);
}
