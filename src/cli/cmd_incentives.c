/* cmd_incentives.c - groeipad incentives: the schemes' dated figures from an
 * update file (figures FILE), and the schemes with their figures as CSV
 * (list), in the columns the update file reads, so a list edited in a
 * spreadsheet loads back. */
#include "cli/cli.h"
#include "util/i18n.h"
#include "store/incentives.h"
#include "util/csv.h"
#include "util/decimal.h"
#include "util/table.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints the command's usage on OUT: stdout when asked for (--help),
 * stderr after a mistake, as every command does. */
static void print_usage(FILE *out)
{
    cli_print_usage(out, "groeipad [--db PATH] incentives figures FILE|-\n"
                         "       groeipad [--db PATH] incentives list");
    fputc('\n', out);
    fprintf(out, "%s\n",
            _("figures: adds the dated figures of the incentive schemes in FILE (CSV with the\n"
              "  columns scheme, valid_from, valid_to, rate_per_hour, share, share_medium,\n"
              "  cap_hours, cap_amount, min_hours, min_occupation, file_within_days; money in\n"
              "  euro, hours in hours, shares and occupation in percent, file_within_days in\n"
              "  calendar days after a course starts; a blank cell does not apply).\n"
              "  Every row is checked first: one bad row (an unknown scheme, a period that\n"
              "  overlaps another of its scheme) and nothing changes. New figures that start\n"
              "  after open-ended ones end those the day before.\n"
              "list: every scheme's figures in those columns."));
}

/* Reads all of PATH ("-": standard input) into *data (malloc). */
static int read_all(const char *path, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return cli_fail(EXIT_INPUT, "%s: %s", path, cli_strerror(errno));
    str buf = STR_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!str_append(&buf, chunk, n))
            break;
    bool failed = ferror(f) || !str_ok(&buf);
    if (f != stdin)
        fclose(f);
    if (failed) {
        str_free(&buf);
        return cli_fail(EXIT_INPUT, _("%s: cannot read"), path);
    }
    *len = buf.len;
    *data = str_steal(&buf);
    return *data ? EXIT_OK : cli_fail(EXIT_INTERNAL, _("%s: out of memory"), path);
}

/* The index of scheme CODE (N bytes) among S, or -1. */
static int scheme_index(const incentive_scheme *s, size_t n, const char *code, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(s[i].code) == len && memcmp(s[i].code, code, len) == 0)
            return (int)i;
    return -1;
}

/* Maps the header's columns to figures columns in COLS (-1: not in the
 * file); false after saying which column is unknown or missing. */
static bool read_header(csv_reader *r, const char *path, int *cols)
{
    for (int i = 0; i < FC_COUNT; i++)
        cols[i] = -1;
    for (size_t k = 0; k < r->nfields; k++) {
        int found = -1;
        for (int i = 0; i < FC_COUNT && found < 0; i++)
            if (strlen(figures_columns[i]) == r->fields[k].len &&
                memcmp(figures_columns[i], r->fields[k].p, r->fields[k].len) == 0)
                found = i;
        if (found < 0) {
            cli_fail(EXIT_INPUT, _("%s:1: unknown column '%.*s'"), path, (int)r->fields[k].len,
                     r->fields[k].p);
            return false;
        }
        cols[found] = (int)k;
    }
    if (cols[FC_SCHEME] < 0 || cols[FC_VALID_FROM] < 0) {
        cli_fail(EXIT_INPUT, _("%s:1: the columns scheme and valid_from are required"), path);
        return false;
    }
    return true;
}

/* Adds every row of R to the schemes S, in the caller's transaction. */
static int load_rows(store *db, csv_reader *r, const char *path, const int *cols,
                     const incentive_scheme *s, size_t n)
{
    int got;
    while ((got = csv_next(r)) == 1) {
        const char *text[FC_COUNT];
        size_t len[FC_COUNT];
        for (int i = 0; i < FC_COUNT; i++) {
            bool has = cols[i] >= 0 && (size_t)cols[i] < r->nfields;
            text[i] = has ? r->fields[cols[i]].p : NULL;
            len[i] = has ? r->fields[cols[i]].len : 0;
        }
        int k = text[FC_SCHEME] ? scheme_index(s, n, text[FC_SCHEME], len[FC_SCHEME]) : -1;
        if (k < 0)
            return cli_fail(EXIT_INPUT, _("%s:%ld: column scheme: no such scheme"), path,
                            r->record_line);
        incentive_params p;
        int bad, problem;
        date_t with;
        if (!figures_read(text, len, &p, &bad))
            return cli_fail(EXIT_INPUT, _("%s:%ld: column %s: value '%.*s' is not a %s"), path,
                            r->record_line, figures_columns[bad], (int)len[bad],
                            text[bad] ? text[bad] : "",
                            bad <= FC_VALID_TO           ? _("date")
                            : bad == FC_FILE_WITHIN_DAYS ? _("whole number of days of at least 0")
                                                         : _("number of at least 0"));
        /* a file of the columns before file_within_days keeps the term of
         * the figures it follows (blank in a file that has the column: none) */
        if (cols[FC_FILE_WITHIN_DAYS] < 0)
            p.file_within_days = incentive_term_before(s[k].params, s[k].nparams, p.valid_from);
        int rc = incentive_params_add(db, "cli", s[k].id, &p, &problem, &with);
        if (rc == STORE_CONSTRAINT) {
            char from[DATE_TEXT_SIZE];
            date_format(with, from);
            if (problem == PARAMS_OVERLAP)
                return cli_fail(EXIT_INPUT, _("%s:%ld: the period overlaps the figures of scheme "
                                  "%s from %s"), path, r->record_line, s[k].code, from);
            return cli_fail(EXIT_INPUT, "%s:%ld: %s", path, r->record_line,
                            problem == PARAMS_RANGE  ? _("valid_to is before valid_from")
                            : problem == PARAMS_TERM ? _("file_within_days above 3660 days")
                                                     : _("a share or occupation above 100"));
        }
        if (rc != STORE_OK)
            return cli_fail(EXIT_INTERNAL, "%s", store_error(db));
    }
    return got == 0 ? EXIT_OK
                    : cli_fail(EXIT_INPUT, "%s:%ld: %s", path, r->line, r->error);
}

static int figures(cli *c, const char *path)
{
    char *data;
    size_t len;
    int rc = read_all(path, &data, &len);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    incentive_scheme *s;
    size_t n;
    csv_reader r;
    int cols[FC_COUNT];
    csv_open(&r, data, len);
    if (csv_next(&r) != 1)
        rc = cli_fail(EXIT_INPUT, _("%s: no header line"), path);
    else if (!read_header(&r, path, cols))
        rc = EXIT_INPUT;
    else if (store_begin(c->db) != STORE_OK || incentive_schemes_load(c->db, &a, &s, &n) != STORE_OK)
        rc = cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    else {
        rc = load_rows(c->db, &r, path, cols, s, n);
        if (store_end(c->db, rc == EXIT_OK ? STORE_OK : STORE_ERROR) != STORE_OK && rc == EXIT_OK)
            rc = cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    }
    csv_close(&r);
    free(data);
    arena_free(&a);
    return rc;
}

/* Appends figure V (hundredths of its unit) as a CSV cell: blank when absent. */
static void put_figure(str *out, int64_t v)
{
    char buf[48];
    str_puts(out, ",");
    if (v >= 0 && decimal_format(v, 2, 2, buf, sizeof buf))
        str_puts(out, buf);
}

static int list(cli *c)
{
    arena a = ARENA_INIT;
    incentive_scheme *s;
    size_t n;
    if (incentive_schemes_load(c->db, &a, &s, &n) != STORE_OK) {
        arena_free(&a);
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    }
    str out = STR_INIT;
    table_csv_header(&out, figures_columns, ',');
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < s[i].nparams; k++) {
            const incentive_params *p = &s[i].params[k];
            char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
            date_format(p->valid_from, from);
            date_format(p->valid_to, to);
            csv_put_text(&out, s[i].code, ',');
            str_printf(&out, ",%s,%s", from, to);
            const int64_t figures[] = {p->rate_per_hour, p->share, p->share_medium, p->cap_hours,
                                       p->cap_amount, p->min_hours, p->min_occupation};
            for (size_t f = 0; f < sizeof figures / sizeof *figures; f++)
                put_figure(&out, figures[f]);
            /* the term to file, in whole days */
            if (p->file_within_days >= 0)
                str_printf(&out, ",%lld", (long long)p->file_within_days);
            else
                str_puts(&out, ",");
            str_puts(&out, "\r\n");
        }
    bool ok = str_ok(&out) && fwrite(out.p, 1, out.len, stdout) == out.len;
    str_free(&out);
    arena_free(&a);
    return ok ? EXIT_OK : cli_fail(EXIT_INTERNAL, _("cannot write the list"));
}

int cmd_incentives(cli *c)
{
    if (cli_wants_help(c)) {
        print_usage(stdout);
        return EXIT_OK;
    }
    const char *what = c->argc > 1 ? c->argv[1] : NULL;
    bool is_figures = what && strcmp(what, "figures") == 0 && c->argc == 3;
    bool is_list = what && strcmp(what, "list") == 0 && c->argc == 2;
    if (!is_figures && !is_list) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    rc = is_figures ? figures(c, c->argv[2]) : list(c);
    cli_close(c);
    return rc;
}
