/* export.c (app) - see export.h. Every kind goes through one sink that
 * writes rows of cells in the chosen format. */
#include "app/export.h"
#include "core/formats.h"
#include "core/import.h"
#include "store/data.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int export_format_find(const char *name)
{
    if (!name || strcmp(name, "csv") == 0)
        return EXPORT_CSV;
    if (strcmp(name, "json") == 0)
        return EXPORT_JSON;
    if (strcmp(name, "xlsx") == 0)
        return EXPORT_XLSX;
    return -1;
}

int export_kind_find(const char *name)
{
    return import_kind_find(name);
}

typedef struct sink {
    enum export_format format;
    const char *const *columns;
    str out;
    size_t rows;
    xlsx_table *xlsx;
    char xlsx_path[64];
    export_write_fn write;
    void *ctx;
    bool failed;
} sink;

static void flush_out(sink *k)
{
    if (!str_ok(&k->out) || (k->out.len && !k->write(k->ctx, str_cstr(&k->out), k->out.len)))
        k->failed = true;
    str_clear(&k->out);
}

static bool sink_open(sink *k, const char *sheet)
{
    if (k->format == EXPORT_CSV)
        return table_csv_header(&k->out, k->columns, ',');
    if (k->format == EXPORT_JSON)
        return str_puts(&k->out, "[");
    snprintf(k->xlsx_path, sizeof k->xlsx_path, "/tmp/groeipad-export-XXXXXX");
    int fd = mkstemp(k->xlsx_path);
    if (fd < 0)
        return false;
    close(fd);
    k->xlsx = xlsx_table_open(k->xlsx_path, sheet, k->columns);
    if (!k->xlsx)
        unlink(k->xlsx_path);
    return k->xlsx != NULL;
}

static int sink_row(sink *k, const cell *cells, size_t n)
{
    if (k->format == EXPORT_XLSX) {
        k->failed |= !xlsx_table_row(k->xlsx, cells, n);
    } else if (k->format == EXPORT_CSV) {
        k->failed |= !table_csv_row(&k->out, cells, n, ',');
    } else {
        json_t *o = table_json_object(k->columns, cells, n);
        char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
        json_decref(o);
        if (!text)
            return -1;
        str_puts(&k->out, k->rows ? ",\n" : "\n");
        str_puts(&k->out, text);
        free(text);
    }
    k->rows++;
    if (k->out.len > (1u << 20))
        flush_out(k);
    return k->failed ? -1 : 0;
}

/* Hands the finished workbook to the writer. */
static bool copy_file(sink *k)
{
    FILE *f = fopen(k->xlsx_path, "rb");
    if (!f)
        return false;
    char buf[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = k->write(k->ctx, buf, n);
    fclose(f);
    return ok;
}

static bool sink_close(sink *k)
{
    bool ok = !k->failed;
    if (k->format == EXPORT_JSON)
        str_puts(&k->out, "\n]\n");
    if (k->format == EXPORT_XLSX) {
        ok = xlsx_table_close(k->xlsx) && ok && copy_file(k);
        unlink(k->xlsx_path);
    } else {
        flush_out(k);
        ok = ok && !k->failed;
    }
    str_free(&k->out);
    return ok;
}

static int learning_row(void *ctx, const learning_record *r)
{
    cell c[LEARNING_COLUMNS];
    learning_cells(r, c);
    return sink_row(ctx, c, LEARNING_COLUMNS);
}

/* Writes every row of KIND into K; a store status. */
static int export_rows(store *db, int kind, int year, sink *k, arena *a)
{
    if (kind == IMPORT_LEARNING)
        return learning_each(db, year, learning_row, k);
    int rc;
    size_t n;
    if (kind == IMPORT_FUNDING) {
        funding *list;
        rc = funding_list(db, a, year, &list, &n);
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            cell cells[FUNDING_COLUMNS];
            funding_cells(&list[i], cells);
            rc = sink_row(k, cells, FUNDING_COLUMNS) ? STORE_ERROR : STORE_OK;
        }
        return rc;
    }
    if (kind == IMPORT_ACTIVITIES) {
        activity *list;
        rc = activities_list(db, a, &list, &n);
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            cell cells[ACTIVITY_COLUMNS];
            activity_cells(&list[i], cells);
            rc = sink_row(k, cells, ACTIVITY_COLUMNS) ? STORE_ERROR : STORE_OK;
        }
        return rc;
    }
    employee_query q = {0};
    employee *list;
    size_t total;
    rc = employees_list(db, a, &q, &list, &n, &total);
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        cell cells[EMPLOYEE_COLUMNS];
        employee_cells(&list[i], cells);
        rc = sink_row(k, cells, EMPLOYEE_COLUMNS) ? STORE_ERROR : STORE_OK;
    }
    return rc;
}

int export_data(store *db, int kind, enum export_format format, int year, export_write_fn write,
                void *ctx, str *err)
{
    const char *const *columns[IMPORT_KINDS] = {employee_columns, activity_columns,
                                                learning_columns, funding_columns};
    if (kind < 0 || kind >= IMPORT_KINDS) {
        str_puts(err, "unknown data");
        return STORE_ERROR;
    }
    sink k = {format, columns[kind], STR_INIT, 0, NULL, {0}, write, ctx, false};
    arena a = ARENA_INIT;
    if (!sink_open(&k, import_kind_names[kind])) {
        str_puts(err, "cannot prepare the output");
        return STORE_ERROR;
    }
    int rc = export_rows(db, kind, year, &k, &a);
    if (rc != STORE_OK)
        str_puts(err, store_error(db));
    if (!sink_close(&k) && rc == STORE_OK) {
        str_puts(err, "cannot write the output");
        rc = STORE_ERROR;
    }
    arena_free(&a);
    return rc;
}

int export_table(const report_table *t, enum export_format format, const char *sheet,
                 export_write_fn write, void *ctx, str *err)
{
    sink k = {format, t->columns, STR_INIT, 0, NULL, {0}, write, ctx, false};
    if (!sink_open(&k, sheet)) {
        str_puts(err, "cannot prepare the output");
        return STORE_ERROR;
    }
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < t->nrows; i++)
        if (sink_row(&k, &t->cells[i * t->ncols], t->ncols) != 0)
            rc = STORE_ERROR;
    if (!sink_close(&k) || rc != STORE_OK) {
        str_puts(err, "cannot write the output");
        rc = STORE_ERROR;
    }
    return rc;
}
