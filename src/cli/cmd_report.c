/* cmd_report.c - report social-balance|training-right|participation. */
#include "cli/cli.h"
#include "app/plan_view.h"
#include "app/reports.h"
#include "app/sector.h"
#include "app/onboarding.h"
#include "app/plan_package.h"
#include "util/i18n.h"
#include "util/text.h"
#include "app/html.h"
#include "util/locale_fmt.h"
#include "app/gaps.h"
#include "app/export.h"
#include "core/labels.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char syntax[] =
    "groeipad [--db PATH] report social-balance --year Y [--format F]\n"
    "       groeipad [--db PATH] report training-right --year Y [--format F]\n"
    "       groeipad [--db PATH] report participation --year Y --by DIM [--min-group N]\n"
    "                                                 [--format F]\n"
    "       groeipad [--db PATH] report plan --year Y [--format json|html]\n"
    "       groeipad [--db PATH] report certifications [--date D] [--format json|csv|html]\n"
    "       groeipad [--db PATH] report onboarding [--date D] [--format json|csv|html]\n"
    "       groeipad [--db PATH] report gaps [--date D] [--horizon now|future]\n"
    "                                        [--department D] [--format json|csv|html]\n"
    "       groeipad --pg URL report sector participation --year Y --by DIM\n"
    "                                       [--min-group N] [--format json|csv|html]\n"
    "       groeipad --pg URL report sector social-balance --year Y\n"
    "                                       [--format json|csv|html]";
static const char help[] = N_(
    "The legal figures of a year, as json (the default), csv, html or\n"
    "xlsx. DIM: gender, age, education, category, contract, department, function,\n"
    "origin, disability. A group smaller than --min-group N (default: the\n"
    "min_group setting, 5) never shows on its own: it is combined with the\n"
    "smallest group large enough ('F + X'), or listed without figures when the\n"
    "small groups together reach N. A sector report sums every\n"
    "organisation of a PostgreSQL site under that rule, and lists the\n"
    "organisations under it too: one below min_group people is combined with\n"
    "another or listed without figures. report gaps: the\n"
    "competence gaps on day D (default today) against the level each function\n"
    "needs now or in 2-4 years. report onboarding: the newcomers\n"
    "on D (default today), their mentor and what is wrong with it.");

/* A standalone printable page with the report's tables; the second, when
 * there is one, captioned SECOND (the National Bank codes, the totals). */
static void write_html(str *out, const char *title, const report_output *r, const char *second,
                       const char *intro)
{
    html_page_begin(out, title, i18n_lang());
    if (intro)
        html_printf(out, "<p>%s</p>", intro);
    for (int i = 0; i < r->ntables; i++)
        html_table(out, &r->tables[i], i == 0 ? title : second, i18n_lang());
    html_page_end(out);
}

/* The heading of report KIND in this run's language, as the report pages
 * name it (the files keep report_kind_names). */
static const char *report_heading(int kind)
{
    switch (kind) {
    case REPORT_SOCIAL_BALANCE: return _("Social balance sheet: training");
    case REPORT_TRAINING_RIGHT: return _("Training right per employee");
    case REPORT_PARTICIPATION: return _("Who takes part in learning");
    default: return "";
    }
}

/* Where a sector report goes as tables: FORMAT csv or html, into OUT. */
typedef struct sector_output {
    arena *a;
    const char *format;
    str *out;
    int by;         /* participation's dimension, for the title; -1 for none */
    int year;
} sector_output;

/* Appends DATA to the str CTX (export_write_fn). */
static bool append_to_str(void *ctx, const char *data, size_t n)
{
    return str_append(ctx, data, n);
}

/* Writes view V as CSV (the sector's table, an empty line, the lines by
 * organisation) or as a printable page (sector_show). */
static bool sector_write(const sector_view *v, void *ctx)
{
    sector_output *to = ctx;
    report_output r = {STR_INIT, {{0}}, 2};
    if (!sector_tables(v, to->a, &r.tables[0], &r.tables[1]))
        return false;
    if (r.tables[0].nrows == 0) { /* a site too small to show: its lines only */
        r.tables[0] = r.tables[1];
        r.ntables = 1;
    }
    if (strcmp(to->format, "csv") == 0) {
        str err = STR_INIT;
        bool ok = export_tables(r.tables, r.ntables, EXPORT_CSV, "sector", append_to_str,
                                to->out, &err) == STORE_OK;
        str_free(&err);
        return ok;
    } else {
        char title[256];
        if (to->by >= 0)
            snprintf(title, sizeof title, _("Sector figures: %s %d, %s"),
                     report_heading(v->kind), to->year, dimension_label(to->by));
        else
            snprintf(title, sizeof title, _("Sector figures: %s %d"), report_heading(v->kind),
                     to->year);
        str summary = STR_INIT;
        bool ok = sector_summary(v, &summary);
        write_html(to->out, title, &r, _("By organisation"), ok ? str_cstr(&summary) : NULL);
        str_free(&summary);
        if (!ok)
            return false;
    }
    return str_ok(to->out);
}

/* report sector: the figures of every organisation of the site together. */
static int report_sector(cli *c, const char *year, const char *by, const char *min,
                         const char *format)
{
    if (!store_target_is_pg(c->target) || c->org)
        return cli_fail(EXIT_USAGE, _("report sector: give the site with --pg URL (no --org: "
                                      "it covers every organisation)"));
    sector_query q = {0};
    q.pretty = true;
    int kind = c->argc > 2 ? report_kind_find(c->argv[2]) : -1;
    if (kind != REPORT_PARTICIPATION && kind != REPORT_SOCIAL_BALANCE)
        return cli_fail(EXIT_USAGE, _("report sector: participation or social-balance"));
    q.kind = (report_kind)kind;
    char *end;
    q.year = year ? (int)strtol(year, &end, 10) : 0;
    if (!year || *end || q.year < 1990 || q.year > 2199)
        return cli_fail(EXIT_USAGE, _("report sector: --year takes a year such as 2025"));
    if (kind == REPORT_PARTICIPATION && !by)
        return cli_fail(EXIT_USAGE, _("%s: --by DIM is needed, one of gender, age, education, "
                                      "category, contract, department, function, origin or "
                                      "disability"), "report sector participation");
    if (kind == REPORT_PARTICIPATION && (q.dimension = dimension_find(by)) < 0)
        return cli_fail(EXIT_USAGE, _("report sector participation: --by takes gender, age, "
                                      "education, category, contract, department, function, "
                                      "origin or disability"));
    if (kind != REPORT_PARTICIPATION && by)
        return cli_fail(EXIT_USAGE, _("report sector: --by is for participation"));
    if (min && ((q.min_group = (int)strtol(min, &end, 10)) < 1 || *end))
        return cli_fail(EXIT_USAGE, _("%s: --min-group takes a number of at least 1"),
                        "report sector");
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html"))
        return cli_fail(EXIT_USAGE, _("%s: --format takes json, csv or html"), "report sector");
    int rc = cli_connect(c);
    if (rc != EXIT_OK)
        return rc;
    str json = STR_INIT, err = STR_INIT;
    arena a = ARENA_INIT;
    sector_output to = {&a, format, &json, kind == REPORT_PARTICIPATION ? q.dimension : -1,
                        q.year};
    int built = !format || strcmp(format, "json") == 0
                    ? sector_report(c->db, &q, &json, &err)
                    : sector_report_show(c->db, &q, sector_write, &to, &err);
    arena_free(&a);
    if (built != REPORT_OK)
        rc = cli_fail(built == REPORT_BAD_REQUEST ? EXIT_USAGE : EXIT_INTERNAL,
                      "report sector: %s", str_cstr(&err));
    else if (fwrite(json.p, 1, json.len, stdout) != json.len ||
             (to.format == NULL || strcmp(to.format, "json") == 0 ? fputc('\n', stdout) == EOF
                                                                 : false) ||
             fflush(stdout) != 0)
        rc = cli_fail(EXIT_INTERNAL, _("%s: cannot write the output"), "report sector");
    str_free(&json);
    str_free(&err);
    return rc;
}

/* Writes DATA to standard output (export_write_fn). */
static bool write_stdout(void *ctx, const char *data, size_t n)
{
    (void)ctx;
    return fwrite(data, 1, n, stdout) == n;
}

/* report plan: the year's training plan as JSON, or as the printable
 * information package for the works council. */
static int report_plan(cli *c, int year, const char *format)
{
    if (format && strcmp(format, "json") != 0 && strcmp(format, "html") != 0)
        return cli_fail(EXIT_USAGE, _("report plan: --format takes json or html"));
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    str out = STR_INIT;
    int found;
    if (format && strcmp(format, "html") == 0) {
        found = plan_package_html(c->db, &a, year, &out);
    } else {
        plan_view v;
        found = plan_view_load(c->db, &a, year, &v);
        if (found == STORE_ROW && !plan_json(&v, &out, true))
            found = STORE_ERROR;
    }
    if (found == STORE_DONE)
        rc = cli_fail(EXIT_INPUT, _("report plan: there is no training plan for %d"), year);
    else if (found != STORE_ROW)
        rc = cli_fail(EXIT_INTERNAL, "report plan: %s", store_error(c->db));
    else
        rc = cli_print_output(&out, "report plan");
    str_free(&out);
    arena_free(&a);
    return rc;
}

/* report gaps: rule 9 on a day, for a horizon, optionally one department. */
static int report_gaps(cli *c, const char *format)
{
    bool bad = false;
    const char *day = cli_option(c, "--date", &bad), *horizon = cli_option(c, "--horizon", &bad);
    const char *department = cli_option(c, "--department", &bad);
    gaps_query q = {date_today(), HORIZON_NOW, department, NULL, ROLE_ADMIN, 0, true};
    if (day && !date_parse(day, strlen(day), &q.date))
        return cli_fail(EXIT_USAGE, _("report gaps: --date takes a day such as 2026-06-30"));
    if (horizon && (q.horizon = vocab_find(&vocab_horizon, horizon, strlen(horizon))) < 0)
        return cli_fail(EXIT_USAGE, _("report gaps: --horizon takes now or future"));
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html"))
        return cli_fail(EXIT_USAGE, _("%s: --format takes json, csv or html"), "report gaps");
    if (department && !*department)
        return cli_fail(EXIT_USAGE, _("report gaps: --department takes a department's name"));
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    str err = STR_INIT, out = STR_INIT;
    gaps_view v;
    int built = gaps_view_build(c->db, &a, &q, &v, &err);
    report_output r = {STR_INIT, {{0}}, 2};
    if (built != GAPS_OK) {
        rc = cli_fail(built == GAPS_FAILED ? EXIT_INTERNAL : EXIT_INPUT, "report gaps: %s",
                      str_cstr(&err));
    } else if (!format || strcmp(format, "json") == 0) {
        if (!gaps_view_json(&v, &out, true))
            rc = cli_fail(EXIT_INTERNAL, _("%s: out of memory"), "report gaps");
    } else if (!gaps_competence_table(&v, &a, &r.tables[0]) ||
               !gaps_employee_table(&v, &a, &r.tables[1])) {
        rc = cli_fail(EXIT_INTERNAL, _("%s: out of memory"), "report gaps");
    } else if (strcmp(format, "csv") == 0) {
        table_csv(&out, &r.tables[0], ',');
        str_puts(&out, "\r\n");
        table_csv(&out, &r.tables[1], ',');
    } else {
        char title[160], when[FMT_SIZE];
        fmt_date(i18n_lang(), q.date, when, sizeof when);
        snprintf(title, sizeof title, "%s %s %s%s%s", _("Competence gaps"), when,
                 _(code_label(&vocab_horizon, q.horizon)), department ? " " : "",
                 department ? department : "");
        html_page_begin(&out, title, i18n_lang());
        html_table(&out, &r.tables[0], _("Gaps per competence"), i18n_lang());
        html_table(&out, &r.tables[1], _("Gaps per employee"), i18n_lang());
        html_page_end(&out);
    }
    if (rc == EXIT_OK)
        rc = cli_print_output(&out, "report gaps");
    str_free(&out);
    str_free(&err);
    arena_free(&a);
    return rc;
}

/* report onboarding: rule 7 on a day, as JSON, CSV or a printable page. */
static int report_onboarding(cli *c, const char *date, const char *format)
{
    onboarding_query q = {DATE_NONE, ROLE_ADMIN, 0, REPORT_JSON, true};
    if (date && !date_parse(date, strlen(date), &q.date))
        return cli_fail(EXIT_USAGE,
                        _("report onboarding: --date takes a date such as 2026-06-30"));
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html"))
        return cli_fail(EXIT_USAGE, _("%s: --format takes json, csv or html"),
                        "report onboarding");
    if (format && strcmp(format, "json") != 0)
        q.want = REPORT_TABLES;
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    report_output r;
    str err = STR_INIT, out = STR_INIT;
    if (onboarding_report_build(c->db, &a, &q, &r, &err) != REPORT_OK) {
        rc = cli_fail(EXIT_INTERNAL, "report: %s", str_cstr(&err));
    } else {
        if (q.want == REPORT_JSON) {
            out = r.json;
            r.json = (str)STR_INIT;
        } else if (strcmp(format, "csv") == 0) {
            for (int i = 0; i < r.ntables; i++) {
                if (i)
                    str_puts(&out, "\r\n");
                table_csv(&out, &r.tables[i], ',');
            }
        } else {
            char day[FMT_SIZE], title[128];
            fmt_date(i18n_lang(), q.date == DATE_NONE ? date_today() : q.date, day, sizeof day);
            snprintf(title, sizeof title, "%s %s", _("Onboarding"), day);
            write_html(&out, title, &r, _("Totals"), NULL);
        }
        rc = cli_print_output(&out, "report");
    }
    str_free(&r.json);
    str_free(&out);
    str_free(&err);
    arena_free(&a);
    return rc;
}

int cmd_report(cli *c)
{
    if (c->argc > 1 && strcmp(c->argv[1], "certifications") == 0)
        return cmd_report_certifications(c);
    if (cli_wants_help(c)) {
        cli_print_usage(stdout, syntax);
        printf("\n%s\n", _(help));
        return EXIT_OK;
    }
    bool bad = false;
    if (c->argc > 1 && strcmp(c->argv[1], "gaps") == 0) {
        static const char *const gap_options[] = {"--date=", "--horizon=", "--department=",
                                                  "--format=", NULL};
        if (!cli_check_args(c, 1, gap_options, 1))
            return EXIT_USAGE;
        return report_gaps(c, cli_option(c, "--format", &bad));
    }
    static const char *const options[] = {"--year=", "--format=", "--by=", "--min-group=",
                                          "--date=", NULL};
    bool sector = c->argc > 1 && strcmp(c->argv[1], "sector") == 0;
    if (!cli_check_args(c, 1, options, sector ? 2 : 1))
        return EXIT_USAGE;
    const char *year = cli_option(c, "--year", &bad), *format = cli_option(c, "--format", &bad);
    const char *by = cli_option(c, "--by", &bad), *min = cli_option(c, "--min-group", &bad);
    const char *date = cli_option(c, "--date", &bad);
    if (c->argc > 1 && strcmp(c->argv[1], "onboarding") == 0) {
        if (year || by || min)
            return cli_fail(EXIT_USAGE, _("report onboarding: takes --date and --format only"));
        return report_onboarding(c, date, format);
    }
    if (date)
        return cli_fail(EXIT_USAGE,
                        _("report: --date is for certifications, gaps and onboarding"));
    if (c->argc > 1 && strcmp(c->argv[1], "plan") == 0) {
        char *end;
        long y = year ? strtol(year, &end, 10) : 0;
        if (!year || *end || y < 1990 || y > 2199)
            return cli_fail(EXIT_USAGE, _("report plan: --year takes a year such as 2026"));
        return report_plan(c, (int)y, format);
    }
    if (c->argc > 1 && strcmp(c->argv[1], "sector") == 0)
        return report_sector(c, year, by, min, format);
    int kind = c->argc > 1 ? report_kind_find(c->argv[1]) : -1;
    static const char *const reports[] = {"social-balance", "training-right", "participation",
                                          "certifications", "gaps", "onboarding", "plan",
                                          "sector", NULL};
    const char *meant = kind < 0 && c->argc > 1 && c->argv[1][0] != '-'
                            ? text_closest(c->argv[1], reports)
                            : NULL;
    if (meant)
        return cli_fail(EXIT_USAGE, _("report: there is no report '%s'; did you mean '%s'?"),
                        c->argv[1], meant);
    if (kind < 0)
        return cli_fail(EXIT_USAGE, _("report: which report? social-balance, training-right, "
                                      "participation, certifications, gaps, onboarding, plan "
                                      "or sector"));
    /* The social balance's warnings are in its JSON: CSV and Excel ask for it too. */
    report_query q = {(report_kind)kind, 0, -1, 0, ROLE_ADMIN, 0,
                      !format || strcmp(format, "json") == 0 ? REPORT_JSON
                      : kind == REPORT_SOCIAL_BALANCE        ? REPORT_TABLES | REPORT_JSON
                                                             : REPORT_TABLES,
                      true};
    char *end;
    q.year = year ? (int)strtol(year, &end, 10) : 0;
    if (!year || *end || q.year < 1990 || q.year > 2199)
        return cli_fail(EXIT_USAGE, _("report: --year takes a year such as 2025"));
    if (kind == REPORT_PARTICIPATION) {
        if (!by)
            return cli_fail(EXIT_USAGE, _("%s: --by DIM is needed, one of gender, age, "
                                          "education, category, contract, department, function, "
                                          "origin or disability"), "report participation");
        if ((q.dimension = dimension_find(by)) < 0)
            return cli_fail(EXIT_USAGE, _("report participation: --by takes gender, age, "
                                          "education, category, contract, department, function, "
                                          "origin or disability"));
        if (min) {
            q.min_group = (int)strtol(min, &end, 10);
            if (*end || q.min_group < 1)
                return cli_fail(EXIT_USAGE, _("%s: --min-group takes a number of at least 1"),
                                "report");
        }
    } else if (by || min) {
        return cli_fail(EXIT_USAGE, _("report: --by and --min-group are for participation"));
    }
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html") &&
        strcmp(format, "xlsx"))
        return cli_fail(EXIT_USAGE, _("report: --format takes json, csv, html or xlsx"));
    if (format && strcmp(format, "xlsx") == 0 && isatty(STDOUT_FILENO))
        return cli_fail(EXIT_USAGE, _("report: an Excel file is binary; redirect it to a file"));
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    report_output r;
    str err = STR_INIT, out = STR_INIT;
    int built = report_build(c->db, &a, &q, &r, &err);
    if (built != REPORT_OK) {
        rc = cli_fail(built == REPORT_FAILED ? EXIT_INTERNAL : EXIT_USAGE, "report: %s",
                      str_cstr(&err));
    } else if (format && (strcmp(format, "csv") == 0 || strcmp(format, "xlsx") == 0)) {
        report_table tables[3];
        int n = report_file_tables(&r, &a, tables);
        if (n < 0 || export_tables(tables, n, strcmp(format, "csv") == 0 ? EXPORT_CSV
                                                                         : EXPORT_XLSX,
                                   report_kind_names[kind], write_stdout, NULL, &err) != STORE_OK ||
            fflush(stdout) != 0)
            rc = cli_fail(EXIT_INTERNAL, _("%s: cannot write the output"), "report");
    } else {
        if (!format || strcmp(format, "json") == 0) {
            out = r.json;
            r.json = (str)STR_INIT;
        } else {
            char title[256];
            snprintf(title, sizeof title, "%s %d", report_heading(kind), q.year);
            write_html(&out, title, &r, _("National Bank codes"), NULL);
        }
        rc = cli_print_output(&out, "report");
    }
    str_free(&r.json);
    str_free(&out);
    str_free(&err);
    arena_free(&a);
    return rc;
}
