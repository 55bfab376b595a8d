/* cmd_export.c - export <employees|activities|learning|funding>
 * [--format csv|xlsx|json] [--year Y]: every kind goes through one sink that
 * writes rows of cells in the chosen format. */
#include "cli/cli.h"
#include "core/formats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: groeipad [--db PATH] export <employees|activities|learning|funding>\n"
    "                                   [--format csv|xlsx|json] [--year Y]\n\n"
    "Writes the data to standard output: CSV that 'groeipad import' reads back\n"
    "unchanged (the default), an Excel workbook (redirect it to a file), or JSON.\n"
    "--year limits learning and funding to one year.";

enum format { FORMAT_CSV, FORMAT_JSON, FORMAT_XLSX };

/* Where rows go: buffered text on stdout, or an Excel file copied there. */
typedef struct sink {
    enum format format;
    const char *const *columns;
    str out;
    size_t rows;
    xlsx_table *xlsx;
    char xlsx_path[64];
    bool failed;
} sink;

static bool flush_out(sink *k)
{
    if (!str_ok(&k->out) || fwrite(str_cstr(&k->out), 1, k->out.len, stdout) != k->out.len)
        k->failed = true;
    str_clear(&k->out);
    return !k->failed;
}

static bool sink_open(sink *k, enum format format, const char *const *columns, const char *sheet)
{
    memset(k, 0, sizeof *k);
    k->format = format;
    k->columns = columns;
    if (format == FORMAT_CSV)
        return table_csv_header(&k->out, columns, ',');
    if (format == FORMAT_JSON)
        return str_puts(&k->out, "[");
    snprintf(k->xlsx_path, sizeof k->xlsx_path, "/tmp/groeipad-export-XXXXXX");
    int fd = mkstemp(k->xlsx_path);
    if (fd < 0)
        return false;
    close(fd);
    k->xlsx = xlsx_table_open(k->xlsx_path, sheet, columns);
    return k->xlsx != NULL;
}

static int sink_row(sink *k, const cell *cells, size_t n)
{
    if (k->format == FORMAT_XLSX) {
        k->failed |= !xlsx_table_row(k->xlsx, cells, n);
    } else if (k->format == FORMAT_CSV) {
        k->failed |= !table_csv_row(&k->out, cells, n, ',');
    } else {
        json_t *o = table_json_object(k->columns, cells, n);
        char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17)) : NULL;
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

/* Copies the finished workbook to stdout. */
static bool copy_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char buf[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = fwrite(buf, 1, n, stdout) == n;
    fclose(f);
    return ok;
}

static int sink_close(sink *k)
{
    bool ok = !k->failed;
    if (k->format == FORMAT_JSON)
        str_puts(&k->out, "\n]\n");
    if (k->format == FORMAT_XLSX) {
        ok = xlsx_table_close(k->xlsx) && ok && copy_file(k->xlsx_path);
        unlink(k->xlsx_path);
    } else {
        ok = flush_out(k) && ok;
    }
    ok = fflush(stdout) == 0 && ok;
    str_free(&k->out);
    return ok ? EXIT_OK : cli_fail(EXIT_INTERNAL, "export: cannot write the output");
}

static int learning_row(void *ctx, const learning_record *r)
{
    cell c[LEARNING_COLUMNS];
    learning_cells(r, c);
    return sink_row(ctx, c, LEARNING_COLUMNS);
}

/* Writes every row of WHAT into K; a store status. */
static int export_rows(cli *c, const char *what, int year, sink *k, arena *a)
{
    if (strcmp(what, "learning") == 0)
        return learning_each(c->db, year, learning_row, k);
    if (strcmp(what, "funding") == 0) {
        funding *list;
        size_t n;
        int rc = funding_list(c->db, a, year, &list, &n);
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            cell cells[FUNDING_COLUMNS];
            funding_cells(&list[i], cells);
            rc = sink_row(k, cells, FUNDING_COLUMNS) ? STORE_ERROR : STORE_OK;
        }
        return rc;
    }
    if (strcmp(what, "activities") == 0) {
        activity *list;
        size_t n;
        int rc = activities_list(c->db, a, &list, &n);
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            cell cells[ACTIVITY_COLUMNS];
            activity_cells(&list[i], cells);
            rc = sink_row(k, cells, ACTIVITY_COLUMNS) ? STORE_ERROR : STORE_OK;
        }
        return rc;
    }
    employee_query q = {0};
    employee *list;
    size_t n, total;
    int rc = employees_list(c->db, a, &q, &list, &n, &total);
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        cell cells[EMPLOYEE_COLUMNS];
        employee_cells(&list[i], cells);
        rc = sink_row(k, cells, EMPLOYEE_COLUMNS) ? STORE_ERROR : STORE_OK;
    }
    return rc;
}

int cmd_export(cli *c)
{
    if (cli_wants_help(c)) {
        puts(help);
        return EXIT_OK;
    }
    static const char *const options[] = {"--format=", "--year=", NULL};
    if (!cli_check_args(c, 1, options, 1))
        return EXIT_USAGE;
    bool bad = false;
    const char *format = cli_option(c, "--format", &bad), *year_text = cli_option(c, "--year", &bad);
    const char *what = c->argc > 1 && c->argv[1][0] != '-' ? c->argv[1] : NULL;
    static const char *const kinds[] = {"employees", "activities", "learning", "funding"};
    const char *const *columns[] = {employee_columns, activity_columns, learning_columns,
                                    funding_columns};
    int kind = -1;
    for (int i = 0; what && i < 4; i++)
        if (strcmp(what, kinds[i]) == 0)
            kind = i;
    if (kind < 0)
        return cli_fail(EXIT_USAGE, "export: say what to export: employees, activities, "
                                    "learning or funding");
    enum format f = !format || strcmp(format, "csv") == 0 ? FORMAT_CSV
                  : strcmp(format, "json") == 0 ? FORMAT_JSON
                  : strcmp(format, "xlsx") == 0 ? FORMAT_XLSX : (enum format)-1;
    if ((int)f < 0)
        return cli_fail(EXIT_USAGE, "export: --format takes csv, xlsx or json");
    int year = 0;
    if (year_text) {
        char *end;
        long y = strtol(year_text, &end, 10);
        if (*end || y < 1990 || y > 2199)
            return cli_fail(EXIT_USAGE, "export: --year takes a year such as 2025");
        year = (int)y;
    }
    if (f == FORMAT_XLSX && isatty(STDOUT_FILENO))
        return cli_fail(EXIT_USAGE, "export: an Excel file is binary; redirect it, e.g. "
                                    "'> %s.xlsx'", what);
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    sink k;
    if (!sink_open(&k, f, columns[kind], what)) {
        arena_free(&a);
        return cli_fail(EXIT_INTERNAL, "export: cannot prepare the output");
    }
    int stored = export_rows(c, what, year, &k, &a);
    rc = sink_close(&k);
    arena_free(&a);
    if (stored != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "export: %s", store_error(c->db));
    return rc;
}
