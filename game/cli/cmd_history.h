/* `ebb history`: the sessions kept on this machine, newest last. */
#ifndef EBB_CMD_HISTORY_H
#define EBB_CMD_HISTORY_H

int ebb_cmd_history(void);

#endif
