/* The command line: parsed into a plain struct, with no side effects, so that every mistake
 * is reported before anything opens a window or a file. */
#ifndef EBB_CLI_H
#define EBB_CLI_H

#include <stdbool.h>
#include <stdio.h>

typedef enum ebb_command {
    EBB_CMD_MENU = 0,   /* no command: start the game at its menu */
    EBB_CMD_PLAY,
    EBB_CMD_CHECK,
    EBB_CMD_LIST,
    EBB_CMD_PROBE,      /* print the processed signal tick by tick */
    EBB_CMD_DEVICES,    /* list audio inputs and serial ports */
    EBB_CMD_CALIBRATE,  /* rest and strongest squeeze, saved per probe */
    EBB_CMD_HELP,
    EBB_CMD_VERSION
} ebb_command;

#define EBB_CLI_FILES_MAX 256

typedef struct ebb_cli {
    ebb_command command;
    const char *level;            /* play */
    const char *probe;            /* default "keyboard" */
    const char *breath;           /* --breath SPEC: the breath channel's source; NULL: none */
    bool headless, json, exit_when_done, fullscreen;
    bool explain;                 /* check --explain */
    bool realtime, csv;           /* probe */
    double seconds;               /* probe --seconds N; 0 = until the input ends */
    const char *listen;           /* --listen ADDR for osc probes */
    const char *profile;          /* calibrate --profile NAME */
    const char *screenshot;       /* --screenshot FILE */
    const char *scene;            /* --scene NAME: which screen --screenshot draws */
    double at_s;                  /* --at SECONDS */
    bool at_given;
    int width, height;            /* --window WxH */
    const char *files[EBB_CLI_FILES_MAX]; /* check */
    int file_count;
} ebb_cli;

/* Returns 0 on success; on a usage error writes one line naming the problem to err and
 * returns 2 (the exit code). */
int ebb_cli_parse(int argc, char **argv, ebb_cli *cli, FILE *err);

void ebb_cli_usage(FILE *out);

#endif
