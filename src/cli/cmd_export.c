/* cmd_export.c - export <employees|activities|learning|funding|mentors>
 * [--format csv|xlsx|json] [--year Y], streamed to standard output; a
 * failed export takes back what it wrote to a file (see the help). */
#include "cli/cli.h"
#include "util/i18n.h"
#include "app/export.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char syntax[] =
    "groeipad [--db PATH] export <employees|activities|learning|funding|\n"
    "                                    competences|profiles|assessments|mentors>\n"
    "                                   [--format csv|xlsx|json] [--year Y]";
static const char help[] = N_(
    "Writes the data to standard output: CSV that 'groeipad import' reads back\n"
    "unchanged (the default), an Excel workbook (redirect it to a file), or JSON.\n"
    "--year limits learning and funding to one year.\n\n"
    "An export that fails ends with status 3 and says why on standard error.\n"
    "Redirected to a file ('> file' or '>> file'), it leaves the file as it was\n"
    "before: what the export wrote is taken back ('1<> file' writes over the\n"
    "file's start, which cannot be taken back). Into a pipe, the first\n"
    "megabyte is held back and the rest streams (a large export is never held\n"
    "in memory whole): a failure after that leaves what went through, and the\n"
    "message says the output is INCOMPLETE (JSON then lacks its closing ']').");

/* Where the export goes: standard output, and whether what was written can
 * be taken back (a regular file: truncated to where the export began). */
typedef struct output {
    bool retractable;
    off_t start;
    long long written;
} output;

/* Looks at standard output before anything is written. */
static void output_begin(output *o)
{
    struct stat st;
    o->retractable = false;
    o->written = 0;
    fflush(stdout); /* nothing is there; the data goes past stdio */
    if (fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    int flags = fcntl(STDOUT_FILENO, F_GETFL);
    /* '>>' writes at the end whatever the offset says. */
    o->start = flags >= 0 && (flags & O_APPEND) ? st.st_size : lseek(STDOUT_FILENO, 0, SEEK_CUR);
    /* Before the end ('1<>file' opens without emptying): the export writes
     * over what was there, which cutting the file would not bring back. */
    o->retractable = flags >= 0 && o->start >= 0 && o->start >= st.st_size;
}

/* Writes straight to the descriptor, past stdio, so that no buffered bytes
 * are left to come out after a failed export was taken back. */
static bool write_stdout(void *ctx, const char *data, size_t n)
{
    output *o = ctx;
    while (n > 0) {
        ssize_t done = write(STDOUT_FILENO, data, n);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return false;
        o->written += done;
        data += done;
        n -= (size_t)done;
    }
    return true;
}

/* Takes back what a failed export wrote to a file; true when nothing of
 * it is left on standard output. */
static bool output_retract(const output *o)
{
    if (o->written == 0)
        return true;
    return o->retractable && ftruncate(STDOUT_FILENO, o->start) == 0 &&
           lseek(STDOUT_FILENO, o->start, SEEK_SET) == o->start;
}

int cmd_export(cli *c)
{
    if (cli_wants_help(c)) {
        cli_print_usage(stdout, syntax);
        printf("\n%s\n", _(help));
        return EXIT_OK;
    }
    static const char *const options[] = {"--format=", "--year=", NULL};
    if (!cli_check_args(c, 1, options, 1))
        return EXIT_USAGE;
    bool bad = false;
    const char *format = cli_option(c, "--format", &bad), *year_text = cli_option(c, "--year", &bad);
    int kind = c->argc > 1 && c->argv[1][0] != '-' ? export_kind_find(c->argv[1]) : -1;
    if (kind < 0)
        return cli_fail(EXIT_USAGE, _("export: say what to export: employees, activities, "
                                      "learning, funding, competences, profiles, "
                                      "assessments or mentors"));
    int f = export_format_find(format);
    if (f < 0)
        return cli_fail(EXIT_USAGE, _("export: --format takes csv, xlsx or json"));
    int year = 0;
    if (year_text) {
        char *end;
        long y = strtol(year_text, &end, 10);
        if (*end || y < 1990 || y > 2199)
            return cli_fail(EXIT_USAGE, _("export: --year takes a year such as 2025"));
        year = (int)y;
    }
    if (f == EXPORT_XLSX && isatty(STDOUT_FILENO))
        return cli_fail(EXIT_USAGE, _("export: an Excel file is binary; redirect it, e.g. "
                                      "'> %s.xlsx'"), c->argv[1]);
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    str err = STR_INIT;
    output out;
    output_begin(&out);
    if (export_data(c->db, kind, (enum export_format)f, year, write_stdout, &out, &err) !=
        STORE_OK) {
        const char *why = err.len ? str_cstr(&err) : _("cannot write");
        if (output_retract(&out))
            rc = cli_fail(EXIT_INTERNAL, _("export: %s; nothing was written"), why);
        else
            rc = cli_fail(EXIT_INTERNAL, _("export: %s; the output is INCOMPLETE (it stops "
                                           "after %lld bytes): do not use it"), why, out.written);
    }
    str_free(&err);
    return rc;
}
