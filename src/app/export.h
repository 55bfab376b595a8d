/* export.h (app) - the data as files: CSV that imports back unchanged, JSON,
 * or an Excel sheet, written through a callback so that the CLI can stream
 * to stdout and the web can answer a download. */
#ifndef GP_APP_EXPORT_H
#define GP_APP_EXPORT_H
#include <stdbool.h>
#include <stddef.h>
#include "store/store.h"
#include "util/table.h"

enum export_format { EXPORT_CSV, EXPORT_JSON, EXPORT_XLSX };

/* The format named NAME (NULL: CSV), or -1. */
int export_format_find(const char *name);
/* The kind of data named NAME (employees, activities, learning, funding), or -1. */
int export_kind_find(const char *name);

typedef bool (*export_write_fn)(void *ctx, const char *data, size_t n);

/* Writes every row of KIND (for learning and funding of YEAR, 0: all years)
 * in FORMAT through WRITE. STORE_OK, or STORE_ERROR with ERR saying why. */
int export_data(store *db, int kind, enum export_format format, int year, export_write_fn write,
                void *ctx, str *err);

/* Writes the report table T in FORMAT through WRITE, the same way as the
 * data (SHEET names the workbook's sheet). STORE_OK, or STORE_ERROR with ERR
 * saying why. */
int export_table(const report_table *t, enum export_format format, const char *sheet,
                 export_write_fn write, void *ctx, str *err);

/* Writes the N report TABLES in FORMAT (CSV or XLSX) through WRITE: CSV
 * each table whole with an empty line between, a workbook one sheet (named
 * SHEET) with each further table that has rows as a block of its own.
 * STORE_OK, or STORE_ERROR with ERR saying why. */
int export_tables(const report_table *tables, int n, enum export_format format,
                  const char *sheet, export_write_fn write, void *ctx, str *err);

/* The import template of KIND in FORMAT (CSV or XLSX) through WRITE: the
 * header row and one example row; the workbook has a second sheet explaining
 * each column (required or not, meaning, allowed values with the Dutch and
 * French words), in the current language. STORE_OK, or STORE_ERROR with ERR. */
int export_template(int kind, enum export_format format, export_write_fn write, void *ctx,
                    str *err);

#endif
