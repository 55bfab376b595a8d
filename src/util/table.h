/* table.h - one way to write a table: rows of typed cells, out as CSV, JSON
 * or an Excel sheet. The model knows its columns (core/formats.h); this file
 * knows the formats. */
#ifndef GP_TABLE_H
#define GP_TABLE_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "util/date.h"
#include "util/str.h"

enum cell_kind {
    CELL_EMPTY,
    CELL_TEXT,
    CELL_NUMBER, /* value scaled by 10^scale */
    CELL_MONEY,  /* cents */
    CELL_DATE
};

/* How a page shows a cell; files (CSV, JSON, Excel) ignore it and write the
 * canonical value. */
enum cell_show {
    SHOW_PLAIN = 0,
    SHOW_CODE,    /* a text cell holding a code: pages show its label */
    SHOW_PERCENT  /* a number cell holding a fraction: pages show a percentage */
};

typedef struct cell {
    int kind;
    const char *text;
    int64_t value;
    int scale;
    date_t date;
    int show; /* enum cell_show */
} cell;

static inline cell cell_text(const char *s)
{
    return (cell){s && *s ? CELL_TEXT : CELL_EMPTY, s, 0, 0, DATE_NONE};
}
static inline cell cell_number(int64_t v, int scale)
{
    return (cell){CELL_NUMBER, NULL, v, scale, DATE_NONE};
}
static inline cell cell_money(int64_t cents)
{
    return (cell){CELL_MONEY, NULL, cents, 2, DATE_NONE};
}
static inline cell cell_date(date_t d)
{
    return (cell){d == DATE_NONE ? CELL_EMPTY : CELL_DATE, NULL, 0, 0, d};
}
/* A code ("blue_collar", "under"): files keep it, pages show its label. */
static inline cell cell_code(const char *s)
{
    cell c = cell_text(s);
    c.show = SHOW_CODE;
    return c;
}
/* The number cell C, a fraction, shown on pages as a percentage. */
static inline cell cell_as_percent(cell c)
{
    c.show = SHOW_PERCENT;
    return c;
}
static inline cell cell_empty(void)
{
    return (cell){CELL_EMPTY, NULL, 0, 0, DATE_NONE};
}

/* A whole table: its columns and NROWS rows of NCOLS cells. */
typedef struct report_table {
    const char *const *columns; /* NULL-terminated */
    size_t ncols;
    cell *cells;                /* nrows x ncols */
    size_t nrows;
} report_table;

/* Makes T a table of NROWS rows of empty cells for COLUMNS (NULL-terminated,
 * outliving T), its cells from A; false when out of memory. */
struct arena;
bool table_new(struct arena *a, const char *const *columns, size_t nrows, report_table *t);

/* Writes a number cell's value as the shortest exact decimal ("7.6", "12"). */
bool table_number_text(const cell *c, char *out, size_t n);
/* Appends COLUMNS (NULL-terminated) as a header line, separated by SEP. */
bool table_csv_header(str *out, const char *const *columns, char sep);
/* Appends one line of N cells, ending in "\r\n". */
bool table_csv_row(str *out, const cell *cells, size_t n, char sep);
/* A JSON object: COLUMNS[i] -> cells[i] (numbers as numbers, empty as null). */
json_t *table_json_object(const char *const *columns, const cell *cells, size_t n);

/* Appends the whole table as CSV, header first. */
bool table_csv(str *out, const report_table *t, char sep);

/* Writes ITEMS (a JSON object or an array of objects) as CSV with COLUMNS as
 * header: strings as they are, numbers exactly as JSON wrote them, true and
 * false as yes and no, null as empty. False, with ERR saying why, for a key
 * that is not a column or an item that is not an object. */
bool table_csv_from_json(json_t *items, const char *const *columns, str *out, str *err);

/* An Excel workbook with one sheet being written to a file. */
typedef struct xlsx_table xlsx_table;
xlsx_table *xlsx_table_open(const char *path, const char *sheet, const char *const *columns);
bool xlsx_table_row(xlsx_table *t, const cell *cells, size_t n);
/* Leaves a blank row, then starts another block of the same sheet with
 * COLUMNS as its bold header row (as a CSV file of several tables does). */
bool xlsx_table_block(xlsx_table *t, const char *const *columns);
/* Finishes the file; false when it could not be written. */
bool xlsx_table_close(xlsx_table *t);

#endif
