/* Recording files: a live session's frames appended to its recording as it is played, and
 * recordings read back (format: core/recording.h, docs/history.md).
 *
 * The writer holds an exclusive lock (flock) on its file for as long as it lives: the history
 * store reads a live session whose recording is not locked as cut off. Frames go to the file
 * a block (250 ms) at a time with write(), so a kill loses at most that; _sync() also pushes
 * them to the disk (called as each step ends). The file is 0600 whatever the umask.
 *
 * Ownership: _open() returns a writer that _close() flushes and frees. */
#ifndef EBB_RECORDING_FILE_H
#define EBB_RECORDING_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/recording.h"

typedef struct ebb_recording_writer ebb_recording_writer;

/* Creates path (it must not exist) and writes the header. NULL with a message on failure. */
ebb_recording_writer *ebb_recording_writer_open(const char *path, const ebb_recording_meta *meta,
                                                const ebb_level *level, char *err,
                                                size_t err_size);

/* Adds one frame; a full block is written at once. False once a write has failed (the
 * message is kept: ebb_recording_writer_error). */
bool ebb_recording_writer_frame(ebb_recording_writer *w, const ebb_frame *f);

/* Writes what is pending and flushes it to the disk. */
bool ebb_recording_writer_sync(ebb_recording_writer *w);

const char *ebb_recording_writer_error(const ebb_recording_writer *w);

/* Syncs, unlocks and closes; true when everything reached the file. */
bool ebb_recording_writer_close(ebb_recording_writer *w);

/* Reads and decodes a recording file. A damaged file is refused with a message naming the
 * file and what is wrong; a cut tail (a killed writer) is not an error (out->cut). */
bool ebb_recording_load(const char *path, ebb_recording *out, char *err, size_t err_size);

/* Reads a recording file and re-scores it in one pass (ebb_recording_rescore): *session is
 * the session played from its frames, *out its header; free both (session first). */
bool ebb_recording_rescore_file(const char *path, ebb_recording *out, ebb_session **session,
                                char *err, size_t err_size);

#endif
