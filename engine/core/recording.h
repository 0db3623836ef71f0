/* Session recordings: the input frames of one session, with the level as it was played, in a
 * compact, versioned byte format (docs/history.md, "The recording format").
 *
 *   header  "EBBREC" u8 version(1) u8 flags(0) u16 tick_hz u16 reserved  u32 meta_len
 *           meta (meta_len bytes: tab-separated text lines, the level and who played it)
 *           u32 crc32 of everything before it
 *   blocks  "FB" u16 frame_count u32 payload_len u32 crc32(payload)  payload
 *
 * All integers are little-endian. A block's payload holds frame_count frames; each frame is
 * a tag byte (bit 0: signal lost; bits 1..3: effort of channel 0..2 changed; bit 4: a byte
 * with the present-channel mask follows) and, for each changed channel, the zigzag varint of
 * the difference between the float's bit pattern and the previous one (lossless: a replay
 * gives the runner the very same floats). Delta state restarts at every block, so blocks
 * stand alone. A writer appends one block at a time: a file cut off by a kill ends in at most
 * one partial block, which the decoder drops and reports as a cut tail; a damaged block
 * anywhere is refused.
 *
 * Pure: this file encodes and decodes memory only. engine/io/recording_file.c writes files. */
#ifndef EBB_RECORDING_H
#define EBB_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/frame.h"
#include "core/level.h"
#include "core/session.h"

#define EBB_RECORDING_VERSION 1
#define EBB_RECORDING_BLOCK_FRAMES 25 /* 250 ms: what a kill can lose at most */
#define EBB_RECORDING_BLOCK_MAX (16u + EBB_RECORDING_BLOCK_FRAMES * (2u + 3u * 5u))
#define EBB_RECORDING_ERR_MAX 256

/* Who played, with what: kept in the header beside the level. */
typedef struct ebb_recording_meta {
    char probe[128];
    char started_at[24]; /* ISO-8601 UTC */
} ebb_recording_meta;

/* Encodes the header (meta and the whole level) into a new buffer (*out, free() it). */
bool ebb_recording_header(const ebb_recording_meta *meta, const ebb_level *level,
                          uint8_t **out, size_t *len);

/* The encoder of one block at a time. */
typedef struct ebb_recording_enc {
    uint8_t block[EBB_RECORDING_BLOCK_MAX];
    size_t len;       /* payload bytes so far (after the 12-byte block header room) */
    uint16_t frames;  /* frames in the block so far */
    uint32_t prev[EBB_CH_COUNT];
    uint8_t prev_present;
} ebb_recording_enc;

void ebb_recording_enc_init(ebb_recording_enc *e);

/* Adds a frame; returns true when the block is full and must be taken with _block(). */
bool ebb_recording_enc_frame(ebb_recording_enc *e, const ebb_frame *f);

/* The finished block (header and payload) to write; *len is 0 when it holds no frame. The
 * encoder then starts a new block. The pointer stays valid until the next call. */
const uint8_t *ebb_recording_enc_block(ebb_recording_enc *e, size_t *len);

/* A decoded recording. frames[i] has effort, present and signal set (raw and env are 0). */
typedef struct ebb_recording {
    uint8_t version;
    uint16_t tick_hz;
    ebb_recording_meta meta;
    ebb_level level;     /* as played; free with ebb_recording_free */
    ebb_frame *frames;
    size_t count;
    bool cut;            /* the last block was cut off (the writer was killed): dropped */
} ebb_recording;

/* Decodes a whole file. On failure returns false with one sentence in err saying what is
 * wrong and where (the caller adds the file name); nothing to free. */
bool ebb_recording_decode(const uint8_t *data, size_t len, ebb_recording *out, char *err,
                          size_t err_size);
void ebb_recording_free(ebb_recording *r);

/* Plays the recorded frames through the session runner against the recorded level: the
 * result as it was played (or, after a scoring fix, as it would be scored now). A recording
 * that ends before the level does gives a session stopped early. NULL when out of memory;
 * the session borrows r->level (keep r until the session is destroyed). */
ebb_session *ebb_recording_run(const ebb_recording *r);

/* ebb_recording_decode and ebb_recording_run in one pass, without the frame array: each
 * block is checked, decoded and fed to a new session at once (re-scoring a year of sessions
 * reads 44 M frames; this keeps them in a 25-frame buffer). *out gets the header (meta,
 * level; frames NULL, count the frames read) and *session the session, both for the caller
 * to free (the session borrows out->level). The file is checked whole, as by _decode: a
 * damaged block anywhere refuses it, with the same message. */
bool ebb_recording_rescore(const uint8_t *data, size_t len, ebb_recording *out,
                           ebb_session **session, char *err, size_t err_size);

uint32_t ebb_crc32(const uint8_t *data, size_t len);

#endif
