/* fuzz_import.c - the import's row validation (core/import.c) on any file.
 * The first byte picks the kind of file, the rest is the file. */
#include <stdint.h>
#include "rows.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fuzz_validate_rows((import_kind)(data[0] % IMPORT_KINDS), (const char *)data + 1, size - 1);
    return 0;
}
