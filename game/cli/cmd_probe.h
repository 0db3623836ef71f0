/* `ebb probe` and `ebb devices`: the tools a maker uses to check a new device, and the way
 * tests and benchmarks see the signal pipeline from outside. */
#ifndef EBB_CMD_PROBE_H
#define EBB_CMD_PROBE_H

#include "cli/cli.h"

/* Prints the processed signal tick by tick: CSV with a header like t,pf_raw,pf_env,pf_effort
 * (--csv), or a small live meter. Replays run as fast as the file allows unless --realtime. */
int ebb_cmd_probe(const ebb_cli *cli, const char *spec);

int ebb_cmd_devices(void);

#endif
