/* cmd_export.c - export employees|activities [--format csv|json]. */
#include "cli/cli.h"
#include "core/formats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: groeipad [--db PATH] export <employees|activities> [--format csv|json]\n\n"
    "Writes the data to standard output, as CSV that 'groeipad import' reads back\n"
    "unchanged (the default) or as JSON.";

static int write_out(str *out)
{
    if (!str_ok(out))
        return cli_fail(EXIT_INTERNAL, "export: out of memory");
    if (fwrite(str_cstr(out), 1, out->len, stdout) != out->len || fflush(stdout) != 0)
        return cli_fail(EXIT_INTERNAL, "export: cannot write the output");
    return EXIT_OK;
}

static int export_employees(cli *c, arena *a, bool json, str *out)
{
    employee_query q = {0};
    employee *list;
    size_t n, total;
    if (employees_list(c->db, a, &q, &list, &n, &total) != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, employee_json(&list[i]));
        char *text = json_dumps(arr, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
        json_decref(arr);
        if (!text)
            return cli_fail(EXIT_INTERNAL, "export: out of memory");
        str_puts(out, text);
        str_putc(out, '\n');
        free(text);
    } else {
        csv_header(out, employee_columns, ',');
        for (size_t i = 0; i < n; i++)
            employee_csv(out, &list[i], ',');
    }
    return write_out(out);
}

static int export_activities(cli *c, arena *a, bool json, str *out)
{
    activity *list;
    size_t n;
    if (activities_list(c->db, a, &list, &n) != STORE_OK)
        return cli_fail(EXIT_INTERNAL, "%s", store_error(c->db));
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, activity_json(&list[i]));
        char *text = json_dumps(arr, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
        json_decref(arr);
        if (!text)
            return cli_fail(EXIT_INTERNAL, "export: out of memory");
        str_puts(out, text);
        str_putc(out, '\n');
        free(text);
    } else {
        csv_header(out, activity_columns, ',');
        for (size_t i = 0; i < n; i++)
            activity_csv(out, &list[i], ',');
    }
    return write_out(out);
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
    const char *format = cli_option(c, "--format", &bad);
    const char *what = c->argc > 1 && c->argv[1][0] != '-' ? c->argv[1] : NULL;
    if (!what)
        return cli_fail(EXIT_USAGE, "export: say what to export (employees, activities)");
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
        return cli_fail(EXIT_USAGE, "export: --format takes csv or json");
    bool json = format && strcmp(format, "json") == 0;
    int (*run)(cli *, arena *, bool, str *) =
        strcmp(what, "employees") == 0 ? export_employees
        : strcmp(what, "activities") == 0 ? export_activities : NULL;
    if (!run)
        return cli_fail(EXIT_USAGE, "export: unknown data '%s' (employees, activities)", what);
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    str out = STR_INIT;
    rc = run(c, &a, json, &out);
    str_free(&out);
    arena_free(&a);
    return rc;
}
