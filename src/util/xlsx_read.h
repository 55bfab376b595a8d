/* xlsx_read.h - reading the first sheet of an Excel workbook (.xlsx) row by
 * row, as the import reads a CSV file.
 *
 * The workbook is a ZIP archive (libzip) of XML parts (expat). The shared
 * strings and the cell styles are read first; the sheet itself is streamed:
 * its XML is inflated and parsed a chunk at a time and the parser stops at
 * the end of each row, so memory does not grow with the number of rows.
 * Each row is handed over as the fields of a csv_reader, its line being the
 * spreadsheet's row number, so that the import validates and reports a
 * workbook exactly as a CSV file. Cells become the text a person would type:
 * shared and inline strings as they are, numbers in their shortest decimal
 * form ("1234.5"), numbers in a date style (serial days) as YYYY-MM-DD, and
 * booleans as yes or no. */
#ifndef GP_XLSX_READ_H
#define GP_XLSX_READ_H
#include <stdbool.h>
#include <stddef.h>
#include "util/csv.h"
#include "util/date.h"

typedef struct xlsx_reader xlsx_reader;

/* True when the N bytes at DATA start like a ZIP archive (an .xlsx file). */
bool xlsx_is_workbook(const char *data, size_t n);

/* Opens the workbook in DATA (N bytes, which must stay valid while reading)
 * and prepares R to read its first sheet: csv_next(R) then gives its rows.
 * NULL, with *ERROR set to a message id saying why, when it is not a
 * workbook that can be read (or memory ran out). */
xlsx_reader *xlsx_open(const char *data, size_t n, csv_reader *r, const char **error);
/* Frees the reader (R's fields are freed by csv_close). */
void xlsx_close(xlsx_reader *x);

/* Serial day number SERIAL of a workbook (1900 date system, or 1904 when
 * DATE1904) as a date; false when outside the dates groeipad handles. */
bool xlsx_serial_date(double serial, bool date1904, date_t *out);

#endif
