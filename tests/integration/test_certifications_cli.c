/* test_certifications.c - rule 5 as a user meets it: the report on several
 * days from the command line (JSON, CSV, HTML), the activities' new column,
 * bad input refused, what each role gets from the API, and the reminders
 * counted while GROEIPAD_TODAY moves forward one day at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "helpers.h"
#include "app/certifications.h"
#include "store/data.h"

static const char employees_csv[] =
    "employee_id;first_name;last_name;gender;birth_date;hire_date;exit_date;department;function;"
    "category;contract;fte;education;manager_id\n"
    "E1;An;Aerts;F;1980-01-01;2010-01-01;;Prod;Operator;blue_collar;permanent;1;low;E3\n"
    "E2;Bo;Borms;M;1980-01-01;2010-01-01;1/05/2026;Prod;Operator;blue_collar;permanent;1;low;E3\n"
    "E3;Cy;Claes;M;1980-01-01;2010-01-01;;Prod;Chef;white_collar;permanent;1;high;\n"
    "E10;Di;Dams;X;1980-01-01;1/07/2026;;Log;Driver;blue_collar;permanent;1;low;E3\n";

static const char activities_csv[] =
    "code;title;type;form;validity_months;mandatory;target_functions\n"
    "VCA;Safety;formal;classroom;120;ja;\n"
    "EHBO;First aid;formal;classroom;24;ja; Operator | Driver \n"
    "HACCP;Hygiene;formal;classroom;24;nee;\n"
    "SHORT;Refresher;formal;classroom;3;nee;\n";

static const char learning_csv[] =
    "employee_id;activity_code;start_date;end_date;hours;result\n"
    "E1;VCA;1/07/2016;;8;completed\n"
    "E1;HACCP;2024-01-10;31/01/2024;8;completed\n"
    "E1;EHBO;2026-07-01;;8;failed\n"
    "E2;VCA;15/06/2016;;8;completed\n"
    "E3;SHORT;15/02/2026;;4;completed\n"
    "E3;SHORT;10/05/2026;;4;completed\n";

/* A database with the three files above; its path. */
static const char *small_org(const char *name)
{
    const char *db = test_path(name);
    char args[512];
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "import employees %s >/dev/null",
             write_file("cert-emp.csv", employees_csv));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import activities %s >/dev/null",
             write_file("cert-act.csv", activities_csv));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import learning %s >/dev/null",
             write_file("cert-lr.csv", learning_csv));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    return db;
}

/* The report on DAY as JSON (the caller decrefs). */
static json_t *report_on(const char *db, const char *day)
{
    char args[128], *out;
    snprintf(args, sizeof args, "report certifications --date %s", day);
    assert_int_equal(gp(db, args, NULL, &out), 0);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    free(out);
    assert_non_null(j);
    return j;
}

/* "E1 VCA expiring 2016-07-01 2026-07-01 | ..." for a compact comparison. */
static char *lines_text(json_t *report)
{
    static char buf[2048];
    buf[0] = '\0';
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(report, "certifications"), i, l) {
        const char *a = json_string_value(json_object_get(l, "achieved"));
        const char *v = json_string_value(json_object_get(l, "valid_until"));
        char one[160];
        snprintf(one, sizeof one, "%s%s %s %s %s %s", i ? " | " : "",
                 json_string_value(json_object_get(l, "employee_id")),
                 json_string_value(json_object_get(l, "activity_code")),
                 json_string_value(json_object_get(l, "status")), a ? a : "-", v ? v : "-");
        strncat(buf, one, sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

static void test_report_on_several_days(void **state)
{
    (void)state;
    const char *db = small_org("cert-days.db");
    json_t *j = report_on(db, "2026-06-30");
    assert_string_equal(json_string_value(json_object_get(j, "date")), "2026-06-30");
    assert_int_equal(json_integer_value(json_object_get(j, "warn_days")), 60);
    /* E2 left on 1 May, E10 starts on 1 July; E1's EHBO failed: missing;
     * E3 is a chef: EHBO not required; VCA required for everyone. */
    assert_string_equal(lines_text(j),
                        "E1 EHBO missing - - | E1 HACCP expired 2024-01-31 2026-01-31 | "
                        "E1 VCA expiring 2016-07-01 2026-07-01 | "
                        "E3 SHORT expiring 2026-05-10 2026-08-10 | E3 VCA missing - -");
    /* (2026-08-10 - 60 days = 2026-06-11: SHORT is expiring already.) */
    json_t *t = json_object_get(j, "totals");
    assert_int_equal(json_integer_value(json_object_get(t, "valid")), 0);
    assert_int_equal(json_integer_value(json_object_get(t, "expiring")), 2);
    assert_int_equal(json_integer_value(json_object_get(t, "expired")), 1);
    assert_int_equal(json_integer_value(json_object_get(t, "missing")), 2);
    json_decref(j);

    /* On 2026-05-09 the second SHORT record lies ahead: the first counts
     * (until 2026-05-15, expiring); E2 left on 1 May. */
    j = report_on(db, "9/05/2026");
    assert_string_equal(lines_text(j),
                        "E1 EHBO missing - - | E1 HACCP expired 2024-01-31 2026-01-31 | "
                        "E1 VCA expiring 2016-07-01 2026-07-01 | "
                        "E3 SHORT expiring 2026-02-15 2026-05-15 | E3 VCA missing - -");
    json_decref(j);

    /* On 2026-07-01, the boundary day: still expiring; E10 joins. */
    j = report_on(db, "2026-07-01");
    assert_string_equal(lines_text(j),
                        "E1 EHBO missing - - | E1 HACCP expired 2024-01-31 2026-01-31 | "
                        "E1 VCA expiring 2016-07-01 2026-07-01 | E10 EHBO missing - - | "
                        "E10 VCA missing - - | E3 SHORT expiring 2026-05-10 2026-08-10 | "
                        "E3 VCA missing - -");
    json_decref(j);
    j = report_on(db, "2026-07-02");
    assert_non_null(strstr(lines_text(j), "E1 VCA expired 2016-07-01 2026-07-01"));
    json_decref(j);

    /* On 2026-04-30 E2 is still employed (exit 1 May) and expiring. */
    j = report_on(db, "2026-04-30");
    assert_non_null(strstr(lines_text(j), "E2 VCA expiring 2016-06-15 2026-06-15"));
    json_decref(j);

    /* warn_days moves the boundary. */
    assert_int_equal(gp(db, "settings warn_days 0 >/dev/null", NULL, NULL), 0);
    j = report_on(db, "2026-06-30");
    assert_non_null(strstr(lines_text(j), "E1 VCA valid 2016-07-01 2026-07-01"));
    assert_int_equal(json_integer_value(json_object_get(j, "warn_days")), 0);
    json_decref(j);
    assert_int_equal(gp(db, "settings warn_days 4000 2>/dev/null", NULL, NULL), 1);
}

static void test_csv_html_and_usage(void **state)
{
    (void)state;
    const char *db = small_org("cert-formats.db");
    char *out;
    assert_int_equal(gp(db, "report certifications --date 2026-06-30 --format csv", NULL, &out),
                     0);
    assert_string_equal(out, "employee_id,activity_code,status,achieved,valid_until\r\n"
                             "E1,EHBO,missing,,\r\n"
                             "E1,HACCP,expired,2024-01-31,2026-01-31\r\n"
                             "E1,VCA,expiring,2016-07-01,2026-07-01\r\n"
                             "E3,SHORT,expiring,2026-05-10,2026-08-10\r\n"
                             "E3,VCA,missing,,\r\n"
                             "\r\n"
                             "status,count\r\n"
                             "valid,0\r\nexpiring,2\r\nexpired,1\r\nmissing,2\r\n");
    free(out);
    assert_int_equal(gp(db, "report certifications --date 2026-06-30 --format html", NULL, &out),
                     0);
    assert_non_null(strstr(out, "<table>"));
    assert_non_null(strstr(out, "E3"));
    free(out);
    assert_int_equal(gp(db, "report certifications --date 2026-02-30 2>/dev/null", NULL, NULL),
                     2);
    assert_int_equal(gp(db, "report certifications --format xml 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "report certifications --year 2026 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "report certifications --help", NULL, &out), 0);
    assert_non_null(strstr(out, "usage: groeipad"));
    free(out);
}

static void test_activities_column_and_bad_input(void **state)
{
    (void)state;
    const char *db = small_org("cert-activities.db");
    char *out, args[256];
    assert_int_equal(gp(db, "export activities", NULL, &out), 0);
    assert_non_null(strstr(out, "validity_months,mandatory,target_functions,competences\r\n"));
    assert_non_null(strstr(out, "EHBO,First aid,formal,classroom,,no,,,24,yes,Operator|Driver,"));
    free(out);
    /* The export imports back unchanged. */
    snprintf(args, sizeof args, "export activities > %s", test_path("cert-act-out.csv"));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import activities %s", test_path("cert-act-out.csv"));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "4 unchanged"));
    free(out);
    /* A negative validity changes nothing and says what was expected. */
    snprintf(args, sizeof args, "import activities %s 2>&1",
             write_file("cert-bad.csv", "code,title,type,form,validity_months\n"
                                        "VCA,Safety,formal,classroom,-12\n"));
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "validity_months"));
    free(out);
    json_t *j = report_on(db, "2026-06-30");
    assert_non_null(strstr(lines_text(j), "E1 VCA expiring 2016-07-01 2026-07-01"));
    json_decref(j);
    /* A function no employee has: imported, with a warning that names it. */
    snprintf(args, sizeof args, "import activities %s 2>&1 >/dev/null",
             write_file("cert-typo.csv", "code,title,type,form,validity_months,mandatory,"
                                         "target_functions\n"
                                         "EHBO,First aid,formal,classroom,24,yes,Operator|Drivr\n"));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "EHBO"));
    assert_non_null(strstr(out, "'Drivr'"));
    assert_null(strstr(out, "'Operator'"));
    free(out);
}

/* The API: each role sees its share, on the day asked. */
static void test_api_by_role(void **state)
{
    (void)state;
    store *db = demo_store(test_path("cert-api.db"));
    exchange x;
    char csrf[65];
    struct {
        const char *login, *password;
    } who[] = {{"admin", "demo-admin"}, {"manager", "demo-manager"},
               {"employee", "demo-employee"}, {"representative", "demo-representative"}};
    static const char *const statuses[] = {"valid", "expiring", "expired", "missing"};
    size_t lines[4];
    json_int_t total[4], of_status[4][4];
    bool shown[4][4];
    for (int k = 0; k < 4; k++) {
        char *cookie = login_cookie(db, who[k].login, who[k].password, csrf);
        run_request(&x, db, "GET", "/api/v1/reports/certifications?date=2026-11-29", cookie,
                    NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        json_t *j = json_loads(exchange_body(&x), 0, NULL);
        assert_non_null(j);
        assert_string_equal(json_string_value(json_object_get(j, "date")), "2026-11-29");
        lines[k] = json_array_size(json_object_get(j, "certifications"));
        json_t *t = json_object_get(j, "totals");
        total[k] = 0;
        for (int i = 0; i < 4; i++) {
            json_t *v = json_object_get(t, statuses[i]);
            shown[k][i] = json_is_integer(v);
            of_status[k][i] = json_integer_value(v);
            total[k] += of_status[k][i];
        }
        json_decref(j);
        exchange_free(&x);
        run_request(&x, db, "GET", "/certifications", cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        exchange_free(&x);
        run_request(&x, db, "GET", "/api/v1/reports/certifications?date=31/02/2026", cookie,
                    NULL, NULL);
        assert_int_equal(x.resp.status, 400);
        exchange_free(&x);
        free(cookie);
    }
    assert_true(lines[0] > lines[1] && lines[1] > lines[2] && lines[2] > 0);
    assert_int_equal(lines[3], 0);                 /* no person for representatives */
    /* but the organisation's totals, a status of few people hidden (null) */
    for (int i = 0; i < 4; i++) {
        assert_true(shown[0][i]);
        if (shown[3][i])
            assert_int_equal(of_status[3][i], of_status[0][i]);
    }
    assert_int_equal(total[0], (json_int_t)lines[0]);
    assert_int_equal(total[1], (json_int_t)lines[1]);
    store_close(db);
}

/* Counts the reminders while the day moves from FROM for DAYS days, each
 * day through GROEIPAD_TODAY as a server or cron would see it. */
static void run_days(store *db, date_t from, int days, int *certs, int *messages)
{
    *certs = *messages = 0;
    for (int i = 0; i < days; i++) {
        char day[DATE_TEXT_SIZE];
        date_format(from + i, day);
        setenv("GROEIPAD_TODAY", day, 1);
        int c, m;
        str err = STR_INIT;
        assert_int_equal(reminders_run(db, date_today(), &c, &m, &err), CERT_OK);
        str_free(&err);
        *certs += c;
        *messages += m;
    }
    unsetenv("GROEIPAD_TODAY");
}

static void test_reminders_day_by_day(void **state)
{
    (void)state;
    const char *path = small_org("cert-reminders.db");
    store *db = test_store_open(path); /* the file, or its organisation on PostgreSQL */
    int certs, messages;
    /* 2026-03-01 .. 2026-08-31, worked out by hand:
     * E1 VCA until 2026-07-01: 90 on 04-02, 60 on 05-02, 30 on 06-01, 0 on
     *   07-01: 4 steps, each to E1 and their manager E3: 8 messages.
     * E1 HACCP until 2026-01-31: its last step lapsed on 02-07: none.
     * E2 VCA until 2026-06-15: 90 on 03-17, 60 on 04-16; gone after 05-01:
     *   2 steps, 4 messages (E3 manages E2).
     * E3 SHORT until 2026-05-15: 90 due since 02-14, sent late on 03-01; 60
     *   on 03-16; 30 on 04-15; then the record of 05-10 starts a new series
     *   until 2026-08-10: 90 on 05-12, 60 on 06-11, 30 on 07-11, 0 on 08-10:
     *   7 steps, 7 messages (E3 has no manager).
     * E10's EHBO and VCA are missing: nothing to remind. */
    run_days(db, date_from_ymd(2026, 3, 1), 184, &certs, &messages);
    assert_int_equal(certs, 4 + 2 + 7);
    assert_int_equal(messages, 8 + 4 + 7);
    assert_int_equal(cert_reminders_count(db), 13);
    /* The same days again send nothing: each step once. */
    run_days(db, date_from_ymd(2026, 3, 1), 184, &certs, &messages);
    assert_int_equal(certs, 0);
    assert_int_equal(messages, 0);
    /* The dashboard's list: the manager E3 (row of E3) sees their team's. */
    arena a = ARENA_INIT;
    cert_reminder *list;
    size_t n;
    int64_t e3 = employees_row(db, "E3"), e1 = employees_row(db, "E1");
    assert_int_equal(cert_reminders_list(db, &a, e3, e3, date_from_ymd(2026, 1, 1), 100, &list,
                                         &n), STORE_OK);
    assert_int_equal(n, 13);
    assert_int_equal(cert_reminders_list(db, &a, e1, 0, date_from_ymd(2026, 1, 1), 100, &list,
                                         &n), STORE_OK);
    assert_int_equal(n, 4);
    assert_string_equal(list[0].activity_code, "VCA");
    assert_int_equal(list[0].step, 0); /* newest first */
    arena_free(&a);
    store_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_on_several_days),
        cmocka_unit_test(test_csv_html_and_usage),
        cmocka_unit_test(test_activities_column_and_bad_input),
        cmocka_unit_test(test_api_by_role),
        cmocka_unit_test(test_reminders_day_by_day),
    };
    return cmocka_run_group_tests_name("certifications", tests, NULL, NULL);
}
