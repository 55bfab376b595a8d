/* rows.h - what an import does with a file before it touches the database,
 * shared by the import and JSON fuzz targets. */
#ifndef GP_FUZZ_ROWS_H
#define GP_FUZZ_ROWS_H
#include <stddef.h>
#include "core/import.h"

/* Validates the LEN bytes at DATA (not NUL-terminated) as an import file of
 * KIND, as store/import.c does before writing (Windows-1252 converted to
 * UTF-8, header, every row), and aborts when a parsed row breaks a promise of
 * core/import.h. */
void fuzz_validate_rows(import_kind kind, const char *data, size_t len);

#endif
