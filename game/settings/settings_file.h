/* The settings file on disk: $XDG_CONFIG_HOME/ebb/settings.conf (or ~/.config/ebb/...),
 * written atomically (a temporary file renamed over the old one). */
#ifndef EBB_SETTINGS_FILE_H
#define EBB_SETTINGS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "settings/settings.h"

/* The directory settings live in; false when neither XDG_CONFIG_HOME nor HOME is set. */
bool ebb_settings_dir(char *out, size_t size);

/* Defaults, then the file if there is one. Lines it cannot use are reported to warn (may be
 * NULL) as "ebb: PATH:line N: ..." and skipped. Never fails: a missing or unreadable file
 * leaves the defaults. */
void ebb_settings_load(ebb_settings *s, FILE *warn);

/* Saves atomically; false with the reason in err. */
bool ebb_settings_save(const ebb_settings *s, char *err, size_t err_size);

#endif
