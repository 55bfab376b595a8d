/* cmd_export.c - export <employees|activities|learning|funding|mentors>
 * [--format csv|xlsx|json] [--year Y], streamed to standard output. */
#include "cli/cli.h"
#include "app/export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: groeipad [--db PATH] export <employees|activities|learning|funding|\n"
    "                                    competences|profiles|assessments|mentors>\n"
    "                                   [--format csv|xlsx|json] [--year Y]\n\n"
    "Writes the data to standard output: CSV that 'groeipad import' reads back\n"
    "unchanged (the default), an Excel workbook (redirect it to a file), or JSON.\n"
    "--year limits learning and funding to one year.";

static bool write_stdout(void *ctx, const char *data, size_t n)
{
    (void)ctx;
    return fwrite(data, 1, n, stdout) == n;
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
    int kind = c->argc > 1 && c->argv[1][0] != '-' ? export_kind_find(c->argv[1]) : -1;
    if (kind < 0)
        return cli_fail(EXIT_USAGE, "export: say what to export: employees, activities, "
                                    "learning, funding, competences, profiles or "
                                    "assessments");
    int f = export_format_find(format);
    if (f < 0)
        return cli_fail(EXIT_USAGE, "export: --format takes csv, xlsx or json");
    int year = 0;
    if (year_text) {
        char *end;
        long y = strtol(year_text, &end, 10);
        if (*end || y < 1990 || y > 2199)
            return cli_fail(EXIT_USAGE, "export: --year takes a year such as 2025");
        year = (int)y;
    }
    if (f == EXPORT_XLSX && isatty(STDOUT_FILENO))
        return cli_fail(EXIT_USAGE, "export: an Excel file is binary; redirect it, e.g. "
                                    "'> %s.xlsx'", c->argv[1]);
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    str err = STR_INIT;
    if (export_data(c->db, kind, (enum export_format)f, year, write_stdout, NULL, &err) !=
            STORE_OK ||
        fflush(stdout) != 0)
        rc = cli_fail(EXIT_INTERNAL, "export: %s", err.len ? str_cstr(&err) : "cannot write");
    str_free(&err);
    return rc;
}
