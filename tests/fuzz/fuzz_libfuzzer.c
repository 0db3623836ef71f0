/* libFuzzer entry: one binary per target, chosen at compile time (EBB_FUZZ_TARGET). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return EBB_FUZZ_TARGET(data, size);
}
