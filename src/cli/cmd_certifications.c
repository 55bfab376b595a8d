/* cmd_certifications.c - report certifications (RULES.md §5) and reminders:
 * the certifications on a day, and the reminders due on it. */
#include "cli/cli.h"
#include "app/certifications.h"
#include "app/html.h"
#include "util/locale_fmt.h"
#include "util/i18n.h"
#include <stdio.h>
#include <string.h>

static const char report_usage[] =
    "groeipad [--db PATH] report certifications [--date D] [--format json|csv|html]";
static const char report_help[] = N_(
    "Every certification on day D (default today; YYYY-MM-DD or 5/03/2026): per\n"
    "employee employed that day, each activity that certifies or is required for\n"
    "them, with its status (valid, expiring, expired, missing), the date it was\n"
    "achieved and the date it stays valid until.");

static const char reminders_usage[] = "groeipad [--db PATH] reminders [--date D]";
static const char reminders_help[] = N_(
    "Sends the certification reminders due on day D (default today): 90, 60 and\n"
    "30 days before a certification expires and on the day itself, to the\n"
    "employee and their manager, each step once. Run it daily (cron); the server\n"
    "also runs it once a day.");

/* Reads --date into *day (today when absent); false after saying why. */
static bool read_day(const cli *c, const char *what, date_t *day)
{
    bool bad = false;
    const char *d = cli_option(c, "--date", &bad);
    *day = date_today();
    if (!d)
        return !bad;
    date_status st = date_read(d, strlen(d), day);
    if (st != DATE_READ_OK) {
        cli_fail(EXIT_USAGE, _("%s: --date takes a date such as 2026-06-30"), what);
        return false;
    }
    return true;
}

int cmd_report_certifications(cli *c)
{
    if (cli_wants_help(c)) {
        cli_print_usage(stdout, report_usage);
        printf("\n%s\n", _(report_help));
        return EXIT_OK;
    }
    static const char *const options[] = {"--date=", "--format=", NULL};
    if (!cli_check_args(c, 2, options, 0))
        return EXIT_USAGE;
    bool bad = false;
    const char *format = cli_option(c, "--format", &bad);
    date_t day;
    if (!read_day(c, "report certifications", &day))
        return EXIT_USAGE;
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html"))
        return cli_fail(EXIT_USAGE, _("%s: --format takes json, csv or html"),
                        "report certifications");
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    arena a = ARENA_INIT;
    str err = STR_INIT, out = STR_INIT;
    cert_query q = {day, ROLE_ADMIN, 0, -1, NULL, NULL, true};
    cert_view v;
    bool json = !format || strcmp(format, "json") == 0;
    q.stream = json ? stdout : NULL; /* the JSON goes out as it is written */
    if (cert_view_build(c->db, &a, &q, json, &v, &err) != CERT_OK) {
        rc = cli_fail(EXIT_INTERNAL, "report certifications: %s", str_cstr(&err));
    } else {
        report_table lines, totals;
        if (json) {
            out = v.json;
            v.json = (str)STR_INIT;
        } else if (!cert_tables(&v, &a, &lines, &totals)) {
            rc = cli_fail(EXIT_INTERNAL, _("%s: out of memory"), "report certifications");
        } else if (strcmp(format, "csv") == 0) {
            table_csv(&out, &lines, ',');
            str_puts(&out, "\r\n");
            table_csv(&out, &totals, ',');
        } else {
            char day_text[FMT_SIZE], title[128];
            fmt_date(i18n_lang(), day, day_text, sizeof day_text);
            snprintf(title, sizeof title, "%s %s", _("Certifications"), day_text);
            html_page_begin(&out, title, i18n_lang());
            html_table(&out, &totals, _("Totals"), i18n_lang());
            html_table(&out, &lines, _("Certifications"), i18n_lang());
            html_page_end(&out);
        }
        if (rc == EXIT_OK)
            rc = cli_print_output(&out, "report certifications");
    }
    str_free(&v.json);
    str_free(&out);
    str_free(&err);
    arena_free(&a);
    return rc;
}

int cmd_reminders(cli *c)
{
    if (cli_wants_help(c)) {
        cli_print_usage(stdout, reminders_usage);
        printf("\n%s\n", _(reminders_help));
        return EXIT_OK;
    }
    static const char *const options[] = {"--date=", NULL};
    if (!cli_check_args(c, 1, options, 0))
        return EXIT_USAGE;
    date_t day;
    if (!read_day(c, "reminders", &day))
        return EXIT_USAGE;
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    str err = STR_INIT;
    int certs, messages;
    if (reminders_run(c->db, day, &certs, &messages, &err) != CERT_OK)
        rc = cli_fail(EXIT_INTERNAL, "reminders: %s", str_cstr(&err));
    else
        /* English as it always printed, for one too; the others count */
        printf(P_("%d reminders sent (%d messages)\n", "%d reminders sent (%d messages)\n",
                  (unsigned long)certs),
               certs, messages);
    str_free(&err);
    return rc;
}
