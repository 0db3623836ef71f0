/* Fuzz entry points (see fuzz_targets*.c). Each returns 0 and aborts on a broken contract. */
#ifndef EBB_FUZZ_TARGETS_H
#define EBB_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/* fuzz_targets.c: the pure core */
int ebb_fuzz_level(const uint8_t *data, size_t size);
int ebb_fuzz_pack(const uint8_t *data, size_t size);
int ebb_fuzz_replay(const uint8_t *data, size_t size);
int ebb_fuzz_lineproto(const uint8_t *data, size_t size);
int ebb_fuzz_ble(const uint8_t *data, size_t size);
int ebb_fuzz_recording(const uint8_t *data, size_t size);

/* fuzz_targets_io.c: the I/O library */
int ebb_fuzz_osc(const uint8_t *data, size_t size);
int ebb_fuzz_wav(const uint8_t *data, size_t size);
int ebb_fuzz_calib(const uint8_t *data, size_t size);
int ebb_fuzz_history(const uint8_t *data, size_t size);
int ebb_fuzz_report(const uint8_t *data, size_t size);

/* fuzz_targets_game.c: the game's pure parsers (only when the game is built) */
int ebb_fuzz_settings(const uint8_t *data, size_t size);
int ebb_fuzz_conf(const uint8_t *data, size_t size);

#endif
