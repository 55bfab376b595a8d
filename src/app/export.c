/* export.c (app) - see export.h. Every kind goes through one sink that
 * writes rows of cells in the chosen format. */
#include "app/export.h"
#include "core/formats.h"
#include "core/import.h"
#include "store/data.h"
#include "store/competences.h"
#include "store/onboarding.h"
#include "util/csv.h"
#include "util/i18n.h"
#include <xlsxwriter.h>
#include <limits.h>
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
    char xlsx_path[PATH_MAX];
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

/* Makes an empty temporary file for a workbook being written (libxlsxwriter
 * writes to a path) in $TMPDIR or /tmp, its name in PATH (N bytes); false
 * when it cannot, or when the name does not fit. */
static bool workbook_path(char *path, size_t n)
{
    const char *dir = getenv("TMPDIR");
    int len = snprintf(path, n, "%s/groeipad-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    if (len < 0 || (size_t)len >= n)
        return false;
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

static bool sink_open(sink *k, const char *sheet)
{
    if (k->format == EXPORT_CSV)
        return table_csv_header(&k->out, k->columns, ',');
    if (k->format == EXPORT_JSON)
        return str_puts(&k->out, "[");
    if (!workbook_path(k->xlsx_path, sizeof k->xlsx_path))
        return false;
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
        if (!text) {
            k->failed = true;
            return -1;
        }
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

/* Ends the output. COMPLETE false: the rows could not all be read, and
 * what is still held back is dropped instead of written, so that a
 * failure before the first megabyte (a table that cannot be read fails at
 * its first row) writes nothing at all, not even the header. */
static bool sink_close(sink *k, bool complete)
{
    bool ok = !k->failed;
    if (k->format == EXPORT_JSON)
        str_puts(&k->out, "\n]\n");
    if (k->format == EXPORT_XLSX) {
        ok = xlsx_table_close(k->xlsx) && ok && (!complete || copy_file(k));
        unlink(k->xlsx_path);
    } else {
        if (complete)
            flush_out(k);
        ok = ok && !k->failed;
    }
    str_free(&k->out);
    return ok;
}

static int assessment_row(void *ctx, const assessment *x)
{
    cell c[ASSESSMENT_COLUMNS];
    assessment_cells(x, c);
    return sink_row(ctx, c, ASSESSMENT_COLUMNS);
}

static int learning_row(void *ctx, const learning_record *r)
{
    cell c[LEARNING_COLUMNS];
    learning_cells(r, c);
    return sink_row(ctx, c, LEARNING_COLUMNS);
}

/* Competences, profiles or assessments (issue 11) into K; a store status. */
static int export_competence_rows(store *db, int kind, sink *k, arena *a)
{
    size_t n;
    int rc;
    if (kind == IMPORT_COMPETENCES) {
        competence *list;
        rc = competences_list(db, a, &list, &n);
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            cell cells[COMPETENCE_COLUMNS];
            competence_cells(&list[i], cells);
            rc = sink_row(k, cells, COMPETENCE_COLUMNS) ? STORE_ERROR : STORE_OK;
        }
        return rc;
    }
    if (kind == IMPORT_PROFILES) {
        profile_line *list;
        rc = profiles_list(db, a, &list, &n);
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            cell cells[PROFILE_COLUMNS];
            profile_cells(&list[i], cells);
            rc = sink_row(k, cells, PROFILE_COLUMNS) ? STORE_ERROR : STORE_OK;
        }
        return rc;
    }
    return assessments_each(db, assessment_row, k);
}

/* Writes every row of KIND into K; a store status. */
static int export_rows(store *db, int kind, int year, sink *k, arena *a)
{
    if (kind == IMPORT_LEARNING)
        return learning_each(db, year, learning_row, k);
    int rc;
    size_t n;
    if (kind == IMPORT_MENTORS) {
        mentor_assignment *list;
        rc = mentors_all(db, a, &list, &n);
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            cell cells[MENTOR_COLUMNS];
            mentor_cells(&list[i], cells);
            rc = sink_row(k, cells, MENTOR_COLUMNS) ? STORE_ERROR : STORE_OK;
        }
        return rc;
    }
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
    if (kind >= IMPORT_COMPETENCES)
        return export_competence_rows(db, kind, k, a);
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
                                                learning_columns, funding_columns,
                                                competence_columns, profile_columns,
                                                assessment_columns,
                                                mentor_columns};
    if (kind < 0 || kind >= IMPORT_KINDS) {
        str_puts(err, _("unknown data"));
        return STORE_ERROR;
    }
    sink k = {format, columns[kind], STR_INIT, 0, NULL, {0}, write, ctx, false};
    arena a = ARENA_INIT;
    if (!sink_open(&k, import_kind_names[kind])) {
        str_puts(err, _("cannot prepare the output"));
        return STORE_ERROR;
    }
    int rc = export_rows(db, kind, year, &k, &a);
    /* a failed write stops the rows: the store then has no error to tell */
    if (rc != STORE_OK)
        str_puts(err, k.failed ? _("cannot write the output") : store_error(db));
    if (!sink_close(&k, rc == STORE_OK) && rc == STORE_OK) {
        str_puts(err, _("cannot write the output"));
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
        str_puts(err, _("cannot prepare the output"));
        return STORE_ERROR;
    }
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < t->nrows; i++)
        if (sink_row(&k, &t->cells[i * t->ncols], t->ncols) != 0)
            rc = STORE_ERROR;
    if (!sink_close(&k, rc == STORE_OK) || rc != STORE_OK) {
        str_puts(err, _("cannot write the output"));
        rc = STORE_ERROR;
    }
    return rc;
}

int export_tables(const report_table *tables, int n, enum export_format format,
                  const char *sheet, export_write_fn write, void *ctx, str *err)
{
    if (n < 1 || (format != EXPORT_CSV && format != EXPORT_XLSX)) {
        str_puts(err, _("no table, or not a format for tables"));
        return STORE_ERROR;
    }
    sink k = {format, tables[0].columns, STR_INIT, 0, NULL, {0}, write, ctx, false};
    if (format == EXPORT_CSV) { /* each table whole, an empty line between */
        for (int t = 0; t < n; t++)
            if ((t && !str_puts(&k.out, "\r\n")) || !table_csv(&k.out, &tables[t], ','))
                k.failed = true;
        if (!k.failed) /* out of memory half way: nothing, rather than half */
            flush_out(&k);
        str_free(&k.out);
    } else if (!sink_open(&k, sheet)) {
        k.failed = true;
    } else { /* one sheet: the first table, then each other one with rows as a block */
        for (int t = 0; !k.failed && t < n; t++) {
            if (tables[t].nrows == 0)
                continue;
            if (t > 0)
                k.failed = !xlsx_table_block(k.xlsx, tables[t].columns);
            for (size_t i = 0; !k.failed && i < tables[t].nrows; i++)
                k.failed = !xlsx_table_row(k.xlsx, &tables[t].cells[i * tables[t].ncols],
                                           tables[t].ncols);
        }
        k.failed = !sink_close(&k, !k.failed) || k.failed;
    }
    if (k.failed)
        str_puts(err, _("cannot write the output"));
    return k.failed ? STORE_ERROR : STORE_OK;
}

/* Copies the file at PATH through WRITE. */
static bool copy_path(const char *path, export_write_fn write, void *ctx)
{
    sink k = {0};
    snprintf(k.xlsx_path, sizeof k.xlsx_path, "%s", path);
    k.write = write;
    k.ctx = ctx;
    return copy_file(&k);
}

/* The template as CSV the way Belgian Excel opens it: a BOM, ';', the header
 * and the example row. */
static bool template_csv(const import_column *cols, export_write_fn write, void *ctx)
{
    str out = STR_INIT;
    str_puts(&out, "\xEF\xBB\xBF");
    for (int pass = 0; pass < 2; pass++) {
        for (int c = 0; cols[c].name; c++) {
            if (c)
                str_putc(&out, ';');
            csv_put_text(&out, pass == 0 ? cols[c].name : cols[c].example, ';');
        }
        str_puts(&out, "\r\n");
    }
    bool ok = str_ok(&out) && write(ctx, str_cstr(&out), out.len);
    str_free(&out);
    return ok;
}

/* The template as a workbook: the header and the example row on the first
 * sheet, and a second sheet explaining each column in the current language. */
static bool template_xlsx(const char *kind_name, const import_column *cols, const char *path)
{
    lxw_workbook *book = workbook_new(path);
    if (!book)
        return false;
    lxw_worksheet *data = workbook_add_worksheet(book, kind_name);
    lxw_worksheet *help = workbook_add_worksheet(book, _("Explanation"));
    lxw_format *bold = workbook_add_format(book);
    lxw_format *wrap = workbook_add_format(book);
    bool ok = data && help && bold && wrap;
    if (!ok) {
        workbook_close(book);
        return false;
    }
    format_set_bold(bold);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    const char *heads[] = {_("Column"), _("Required?"), _("Meaning"), _("Allowed values")};
    for (lxw_col_t c = 0; c < 4; c++)
        ok &= worksheet_write_string(help, 0, c, heads[c], bold) == LXW_NO_ERROR;
    worksheet_set_column(help, 0, 1, 16, NULL);
    worksheet_set_column(help, 2, 3, 60, wrap);
    for (int c = 0; cols[c].name; c++) {
        lxw_col_t col = (lxw_col_t)c;
        lxw_row_t row = (lxw_row_t)c + 1;
        ok &= worksheet_write_string(data, 0, col, cols[c].name, bold) == LXW_NO_ERROR;
        if (*cols[c].example)
            ok &= worksheet_write_string(data, 1, col, cols[c].example, NULL) == LXW_NO_ERROR;
        str allowed = STR_INIT;
        ok &= import_column_allowed(&cols[c], &allowed);
        ok &= worksheet_write_string(help, row, 0, cols[c].name, NULL) == LXW_NO_ERROR;
        ok &= worksheet_write_string(help, row, 1, cols[c].required ? _("must be filled") : _("may stay empty"),
                                     NULL) == LXW_NO_ERROR;
        ok &= worksheet_write_string(help, row, 2, _(cols[c].meaning), NULL) == LXW_NO_ERROR;
        ok &= worksheet_write_string(help, row, 3, str_cstr(&allowed), NULL) == LXW_NO_ERROR;
        str_free(&allowed);
    }
    worksheet_set_column(data, 0, 30, 16, NULL);
    return workbook_close(book) == LXW_NO_ERROR && ok;
}

int export_template(int kind, enum export_format format, export_write_fn write, void *ctx,
                    str *err)
{
    if (kind < 0 || kind >= IMPORT_KINDS || format == EXPORT_JSON) {
        str_puts(err, _("no such template"));
        return STORE_ERROR;
    }
    const import_column *cols = import_columns((import_kind)kind);
    if (format == EXPORT_CSV) {
        if (template_csv(cols, write, ctx))
            return STORE_OK;
        str_puts(err, _("cannot write the output"));
        return STORE_ERROR;
    }
    char path[PATH_MAX];
    if (!workbook_path(path, sizeof path)) {
        str_puts(err, _("cannot prepare the output"));
        return STORE_ERROR;
    }
    bool ok = template_xlsx(import_kind_names[kind], cols, path) && copy_path(path, write, ctx);
    unlink(path);
    if (!ok)
        str_puts(err, _("cannot write the output"));
    return ok ? STORE_OK : STORE_ERROR;
}
