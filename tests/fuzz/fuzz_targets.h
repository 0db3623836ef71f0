/* Fuzz entry points (see fuzz_targets.c). Each returns 0 and aborts on a broken contract. */
#ifndef EBB_FUZZ_TARGETS_H
#define EBB_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

int ebb_fuzz_level(const uint8_t *data, size_t size);
int ebb_fuzz_pack(const uint8_t *data, size_t size);
int ebb_fuzz_replay(const uint8_t *data, size_t size);
int ebb_fuzz_lineproto(const uint8_t *data, size_t size);
int ebb_fuzz_ble(const uint8_t *data, size_t size);

#endif
