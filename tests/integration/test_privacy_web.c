/* test_privacy_web.c - the privacy rule and the training-right pages on a
 * real SQLite file with the demo organisation (today fixed at 2026-11-29),
 * through the router, the API and the command line: every place that shows
 * groups follows RULES.md §4; "behind" follows its definition; HR's
 * company-wide training-right page filters, sorts and exports; deleting a
 * learning record and rebuilding the totals change the figures exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "helpers.h"
#include "app/reports.h"
#include "store/data.h"
#include "store/facts.h"

#define TODAY "2026-11-29"

static store *db;
static const char *db_path;

/* Adds employee ID of GENDER in DEPARTMENT, hired in 2020. */
static void add_employee(const char *id, int gender, const char *department)
{
    employee e = {0};
    e.employee_id = id;
    e.first_name = "Test";
    e.last_name = id;
    e.gender = gender;
    e.birth_date = date_from_ymd(1990, 1, 1);
    e.hire_date = date_from_ymd(2020, 1, 1);
    e.exit_date = DATE_NONE;
    e.department = department;
    e.function = "Tester";
    e.fte = 10000;
    e.born_abroad = e.disability = e.shift = -1;
    int64_t row;
    int created;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(employees_upsert(db, &e, &row, &created), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
}

static int setup(void **state)
{
    (void)state;
    setenv("GROEIPAD_TODAY", TODAY, 1);
    db_path = test_path("privacy.db");
    db = demo_store(db_path);
    /* One department of a single person: small on its own. */
    add_employee("Z900", GENDER_M, "Kwaliteit");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* A session of LOGIN whose pages are in English (the statuses are read). */
static char *english_session(const char *login, const char *password)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    strcat(cookie, "; gp_lang=en"); /* room: login_cookie allocates 256 bytes */
    return cookie;
}

static json_t *api_json(const char *login, const char *password, const char *target)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    json_error_t e;
    json_t *j = json_loads(exchange_body(&x), 0, &e);
    assert_non_null(j);
    exchange_free(&x);
    free(cookie);
    return j;
}

/* The line of GROUPS named NAME, or NULL. */
static json_t *line_named(json_t *groups, const char *name)
{
    size_t i;
    json_t *g;
    json_array_foreach(groups, i, g)
        if (strcmp(json_string_value(json_object_get(g, "group")), name) == 0)
            return g;
    return NULL;
}

static void test_api_combines_a_small_department(void **state)
{
    (void)state;
    /* Kwaliteit (1) is small and alone: combined with the smallest large
     * department; a representative cannot ask for a smaller minimum. */
    json_t *j = api_json("representative", "demo-representative",
                         "/api/v1/reports/participation?year=2026&by=department&min_group=1");
    assert_int_equal(json_integer_value(json_object_get(j, "min_group")), 5);
    json_t *groups = json_object_get(j, "groups");
    assert_null(line_named(groups, "Kwaliteit"));
    size_t i;
    json_t *g, *combined = NULL;
    int64_t sum = 0;
    json_array_foreach(groups, i, g) {
        assert_non_null(json_object_get(g, "suppressed"));
        assert_non_null(json_object_get(g, "combined"));
        if (json_is_true(json_object_get(g, "combined")))
            combined = g;
        else
            assert_null(json_object_get(g, "members"));
        sum += json_integer_value(json_object_get(g, "headcount"));
    }
    assert_non_null(combined);
    json_t *members = json_object_get(combined, "members");
    assert_int_equal(json_array_size(members), 2);
    assert_string_equal(json_string_value(json_array_get(members, 0)), "Kwaliteit");
    /* the lines add up to the overall line: nothing hidden to subtract */
    assert_int_equal(sum, json_integer_value(json_object_get(json_object_get(j, "overall"),
                                                             "headcount")));
    json_decref(j);
    /* the admin may look at groups of one */
    j = api_json("admin", "demo-admin",
                 "/api/v1/reports/participation?year=2026&by=department&min_group=1");
    g = line_named(json_object_get(j, "groups"), "Kwaliteit");
    assert_non_null(g);
    assert_int_equal(json_integer_value(json_object_get(g, "headcount")), 1);
    json_decref(j);
}

static void test_cli_csv_shows_the_combined_line(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(gp(db_path, "report participation --year 2026 --by department --format csv",
                        NULL, &out),
                     0);
    assert_non_null(strstr(out, "combined\r\n"));
    assert_null(strstr(out, "\r\nKwaliteit,"));
    assert_non_null(strstr(out, "\r\nKwaliteit + "));
    free(out);
}

/* The text of the table row of the reports page whose first cell is NAME. */
static const char *row_of(const char *body, const char *name)
{
    char needle[128];
    snprintf(needle, sizeof needle, "<tr><td>%s</td>", name);
    const char *p = strstr(body, needle);
    if (!p)
        snprintf(needle, sizeof needle, "<tr><th scope=\"row\">%s</th>", name);
    return p ? p : strstr(body, needle);
}

static void test_reports_page_department_table(void **state)
{
    (void)state;
    char csrf[65];
    const char *logins[][2] = {{"representative", "demo-representative"},
                               {"admin", "demo-admin"}};
    for (size_t k = 0; k < 2; k++) {
        char *cookie = login_cookie(db, logins[k][0], logins[k][1], csrf);
        exchange x;
        run_request(&x, db, "GET", "/reports?year=2026", cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        /* neither table shows the department of one on its own, so nothing
         * can be derived from the totals */
        assert_null(row_of(exchange_body(&x), "Kwaliteit"));
        assert_non_null(strstr(exchange_body(&x), "Kwaliteit + "));
        exchange_free(&x);
        /* nor does the representative's overview of staff per department */
        run_request(&x, db, "GET", "/", cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        if (k == 0) {
            assert_null(row_of(exchange_body(&x), "Kwaliteit"));
            assert_non_null(strstr(exchange_body(&x), "<tr><td>Kwaliteit + "));
        }
        exchange_free(&x);
        free(cookie);
    }
}

/* The status cell ("behind"/"on track") of employee ID's row in BODY, or NULL. */
static bool status_of(const char *body, const char *id, bool *behind)
{
    char needle[64];
    snprintf(needle, sizeof needle, "<tr><td>%s</td>", id);
    const char *row = strstr(body, needle);
    if (!row)
        return false;
    const char *end = strstr(row, "</tr>");
    const char *b = strstr(row, ">behind<"), *o = strstr(row, ">on track<");
    assert_true((b && b < end) != (o && o < end));
    *behind = b && b < end;
    return true;
}

/* Checks, for every line of the training-right JSON J, the page's status
 * against the definition worked out here from the rounded figures: behind
 * when used < entitlement x 10/12 (on 29 November ten months have passed;
 * 2026 is not the last year of its period, so the days carried in may wait)
 * and the balance is above zero. Returns how many are behind. */
static size_t check_statuses(json_t *j, const char *body, size_t *checked)
{
    size_t i, behind_count = 0;
    json_t *l;
    json_array_foreach(json_object_get(j, "employees"), i, l) {
        const char *id = json_string_value(json_object_get(l, "employee_id"));
        double used = json_number_value(json_object_get(l, "used_days"));
        double right = json_number_value(json_object_get(l, "entitlement_days"));
        double balance = json_number_value(json_object_get(l, "balance_days"));
        double due = right * 10 / 12;
        bool shown;
        if (!status_of(body, id, &shown))
            continue;
        if ((used - due < 0.02 && used - due > -0.02) || (balance < 0.01 && balance > -0.01))
            continue; /* too close to call from rounded figures */
        bool expected = used < due && balance > 0;
        if (expected != shown)
            fail_msg("%s: used %.2f of %.2f (due %.2f), balance %.2f: page says %s", id, used,
                     right, due, balance, shown ? "behind" : "on track");
        behind_count += shown;
        (*checked)++;
    }
    return behind_count;
}

static void test_team_right_marks_only_those_behind(void **state)
{
    (void)state;
    char *cookie = english_session("manager", "demo-manager");
    exchange x;
    run_request(&x, db, "GET", "/team/right?year=2026", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    json_t *j = api_json("manager", "demo-manager", "/api/v1/reports/training-right?year=2026");
    size_t checked = 0;
    size_t behind = check_statuses(j, exchange_body(&x), &checked);
    assert_true(checked >= 5);
    assert_true(behind < checked); /* not everyone */
    json_decref(j);
    exchange_free(&x);
    free(cookie);
}

/* The employee ids of the rows of BODY's table, in order (at most MAX). */
static size_t row_ids(const char *body, char ids[][16], size_t max)
{
    size_t n = 0;
    const char *p = strstr(body, "<tbody>");
    while (p && n < max && (p = strstr(p, "<tr><td>")) != NULL) {
        p += 8;
        const char *end = strchr(p, '<');
        if (!end || end - p >= 16)
            break;
        memcpy(ids[n], p, (size_t)(end - p));
        ids[n++][end - p] = '\0';
    }
    return n;
}

/* Adds HOURS (hundredths) of formal learning in 2026 for Z900; the record's id. */
static int64_t add_learning(int64_t hours)
{
    employee e;
    arena a = ARENA_INIT;
    assert_int_equal(employees_get(db, &a, "Z900", &e), STORE_ROW);
    learning_record r = {0};
    r.title = "Audit";
    r.own_type = r.type = TYPE_FORMAL;
    r.start_date = date_from_ymd(2026, 3, 2);
    r.end_date = DATE_NONE;
    r.hours = hours;
    r.working_time = 1;
    r.cost = 10000;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_insert(db, &r, e.id, 0), STORE_OK);
    int64_t id = store_last_id(db);
    assert_int_equal(store_commit(db), STORE_OK);
    arena_free(&a);
    return id;
}

static void test_hr_training_right_page(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = english_session("admin", "demo-admin");
    exchange x;
    /* Z900 has a right of 15 days in 2026 (5 a year since 2024, carried
     * over); 13 used is more than the 12.5 due by November, less than the
     * right: on track with days left. */
    int64_t record = add_learning(13 * 760);
    /* reachable from HR's navigation */
    run_request(&x, db, "GET", "/", cookie, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "href=\"/right\""));
    exchange_free(&x);
    /* everyone in the year, with the right status */
    json_t *j = api_json("admin", "demo-admin", "/api/v1/reports/training-right?year=2026");
    size_t everyone = json_array_size(json_object_get(j, "employees"));
    run_request(&x, db, "GET", "/right?year=2026", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    static char ids[400][16];
    assert_int_equal(row_ids(exchange_body(&x), ids, 400), everyone);
    size_t checked = 0;
    size_t behind = check_statuses(j, exchange_body(&x), &checked);
    assert_true(checked > everyone / 2);
    bool z900_behind;
    assert_true(status_of(exchange_body(&x), "Z900", &z900_behind));
    assert_false(z900_behind);
    assert_true(behind > 0 && behind < checked);
    exchange_free(&x);
    /* filtered on behind: exactly those */
    run_request(&x, db, "GET", "/right?year=2026&status=behind", cookie, NULL, NULL);
    size_t n = row_ids(exchange_body(&x), ids, 400);
    assert_true(n >= behind);
    for (size_t i = 0; i < n; i++) {
        bool b;
        assert_true(status_of(exchange_body(&x), ids[i], &b));
        assert_true(b);
    }
    exchange_free(&x);
    /* filtered on a department */
    run_request(&x, db, "GET", "/right?year=2026&department=Kwaliteit", cookie, NULL, NULL);
    assert_int_equal(row_ids(exchange_body(&x), ids, 400), 1);
    assert_string_equal(ids[0], "Z900");
    exchange_free(&x);
    /* sorted by used days, most first: the JSON's largest comes first */
    double most = -1;
    const char *most_id = NULL;
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(j, "employees"), i, l)
        if (json_number_value(json_object_get(l, "used_days")) > most) {
            most = json_number_value(json_object_get(l, "used_days"));
            most_id = json_string_value(json_object_get(l, "employee_id"));
        }
    run_request(&x, db, "GET", "/right?year=2026&sort=used_days&dir=desc", cookie, NULL, NULL);
    assert_true(row_ids(exchange_body(&x), ids, 400) == everyone);
    assert_string_equal(ids[0], most_id);
    exchange_free(&x);
    /* the CSV download: a header and one line per employee shown */
    run_request(&x, db, "GET", "/right?year=2026&status=behind&format=csv", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(x.resp.file);
    rewind(x.resp.file);
    char line[512];
    assert_non_null(fgets(line, sizeof line, x.resp.file));
    assert_string_equal(line, "employee_id,name,department,entitlement_days,carried_in_days,"
                              "used_days,balance_days,status\r\n");
    size_t lines = 0;
    while (fgets(line, sizeof line, x.resp.file)) {
        lines++;
        assert_non_null(strstr(line, ",behind\r\n"));
    }
    assert_int_equal(lines, n);
    exchange_free(&x);
    /* the Excel download is a workbook (a zip) */
    run_request(&x, db, "GET", "/right?year=2026&format=xlsx", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    rewind(x.resp.file);
    char magic[2];
    assert_int_equal(fread(magic, 1, 2, x.resp.file), 2);
    assert_memory_equal(magic, "PK", 2);
    exchange_free(&x);
    json_decref(j);
    free(cookie);
    /* HR only */
    cookie = login_cookie(db, "manager", "demo-manager", csrf);
    run_request(&x, db, "GET", "/right?year=2026", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    free(cookie);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_delete(db, record), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
}

/* The training right and participation reports of 2026 as the admin sees
 * them, as JSON text (heap). */
static char *reports_text(void)
{
    str all = STR_INIT;
    arena a = ARENA_INIT;
    report_query q = {REPORT_TRAINING_RIGHT, 2026, -1, 0, ROLE_ADMIN, 0, REPORT_JSON, false};
    report_output out;
    str err = STR_INIT;
    assert_int_equal(report_build(db, &a, &q, &out, &err), REPORT_OK);
    str_puts(&all, str_cstr(&out.json));
    str_free(&out.json);
    q.kind = REPORT_PARTICIPATION;
    q.dimension = DIM_GENDER;
    assert_int_equal(report_build(db, &a, &q, &out, &err), REPORT_OK);
    str_puts(&all, str_cstr(&out.json));
    str_free(&out.json);
    str_free(&err);
    arena_free(&a);
    char *text = strdup(str_cstr(&all));
    str_free(&all);
    return text;
}

/* The rows of learning_totals as text, ordered. */
static char *totals_text(void)
{
    stmt *s = store_prepare(db, "SELECT employee_id, year, type, records, hours, cost, subsidy, "
                                "right_hours FROM learning_totals ORDER BY 1, 2, 3");
    assert_non_null(s);
    str t = STR_INIT;
    while (stmt_step(s) == STORE_ROW) {
        for (int c = 0; c < 8; c++)
            str_printf(&t, "%lld,", (long long)stmt_int(s, c));
        str_putc(&t, '\n');
    }
    char *text = strdup(str_cstr(&t));
    str_free(&t);
    return text;
}

static void test_delete_and_rebuild_change_the_figures_exactly(void **state)
{
    (void)state;
    /* A record of 7.6 hours (exactly one day) for Z900, the only person in
     * Kwaliteit, so the change is visible in its own line. */
    int64_t id = add_learning(760);
    char *before = totals_text();
    json_t *j = api_json("admin", "demo-admin",
                         "/api/v1/reports/training-right?year=2026");
    json_t *line = NULL, *l;
    size_t i;
    json_array_foreach(json_object_get(j, "employees"), i, l)
        if (strcmp(json_string_value(json_object_get(l, "employee_id")), "Z900") == 0)
            line = l;
    assert_non_null(line);
    assert_true(json_number_value(json_object_get(line, "used_days")) == 1.0);
    double total_before = json_number_value(json_object_get(json_object_get(j, "totals"),
                                                            "used_days"));
    json_decref(j);
    /* the maintained totals equal the ones rebuilt from the records */
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_totals_rebuild(db), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
    char *rebuilt = totals_text();
    assert_string_equal(before, rebuilt);
    char *reports_before = reports_text();
    /* deleting the record takes exactly its day off */
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_delete(db, id), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
    j = api_json("admin", "demo-admin", "/api/v1/reports/training-right?year=2026");
    json_array_foreach(json_object_get(j, "employees"), i, l)
        if (strcmp(json_string_value(json_object_get(l, "employee_id")), "Z900") == 0)
            assert_true(json_number_value(json_object_get(l, "used_days")) == 0.0);
    double total_after = json_number_value(json_object_get(json_object_get(j, "totals"),
                                                           "used_days"));
    assert_true(total_before - total_after > 0.995 && total_before - total_after < 1.005);
    json_decref(j);
    char *after = totals_text();
    assert_string_not_equal(after, before);
    /* and rebuilding after the delete gives the same totals and reports */
    char *reports_after = reports_text();
    assert_string_not_equal(reports_after, reports_before);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_totals_rebuild(db), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
    char *rebuilt_after = totals_text();
    assert_string_equal(after, rebuilt_after);
    char *reports_rebuilt = reports_text();
    assert_string_equal(reports_after, reports_rebuilt);
    /* deleting a record that is gone changes nothing */
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_delete(db, id), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
    char *again = totals_text();
    assert_string_equal(after, again);
    free(again);
    free(before);
    free(rebuilt);
    free(after);
    free(rebuilt_after);
    free(reports_before);
    free(reports_after);
    free(reports_rebuilt);
}

/* True when the row starting at ROW has a digit before its end. */
static bool row_has_figure(const char *row)
{
    const char *end = strstr(row, "</tr>");
    for (const char *p = row; p < end; p++)
        if (*p >= '0' && *p <= '9')
            return true;
    return false;
}

static void test_small_departments_large_together_are_suppressed(void **state)
{
    (void)state;
    /* Kwaliteit (1) and Veiligheid (4): n_S = 5 >= 5, both listed without
     * figures, everywhere a representative looks */
    static const char *const ids[] = {"Z901", "Z902", "Z903", "Z904"};
    for (size_t i = 0; i < 4; i++)
        add_employee(ids[i], GENDER_F, "Veiligheid");
    char csrf[65];
    char *cookie = login_cookie(db, "representative", "demo-representative", csrf);
    const char *targets[] = {"/reports?year=2026", "/"};
    for (size_t t = 0; t < 2; t++) {
        exchange x;
        run_request(&x, db, "GET", targets[t], cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        const char *names[] = {"Kwaliteit", "Veiligheid"};
        for (size_t k = 0; k < 2; k++) {
            const char *row = row_of(exchange_body(&x), names[k]);
            assert_non_null(row);
            for (; row; row = strstr(row + 1, names[k]))
                if ((strncmp(row - 8, "<tr><td>", 8) == 0 ||
                     strncmp(row - 16, "<th scope=\"row\">", 16) == 0) &&
                    row[strlen(names[k])] == '<') /* the name itself, not a longer one */
                    if (row_has_figure(row + strlen(names[k])))
                        fail_msg("%s: %.200s", targets[t], row);
        }
        assert_null(strstr(exchange_body(&x), "Kwaliteit + "));
        exchange_free(&x);
    }
    free(cookie);
    json_t *j = api_json("representative", "demo-representative",
                         "/api/v1/reports/participation?year=2026&by=department");
    json_t *g = line_named(json_object_get(j, "groups"), "Veiligheid");
    assert_true(json_is_true(json_object_get(g, "suppressed")));
    assert_true(json_is_null(json_object_get(g, "headcount")));
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api_combines_a_small_department),
        cmocka_unit_test(test_cli_csv_shows_the_combined_line),
        cmocka_unit_test(test_reports_page_department_table),
        cmocka_unit_test(test_team_right_marks_only_those_behind),
        cmocka_unit_test(test_hr_training_right_page),
        cmocka_unit_test(test_delete_and_rebuild_change_the_figures_exactly),
        cmocka_unit_test(test_small_departments_large_together_are_suppressed),
    };
    return cmocka_run_group_tests_name("privacy_web", tests, setup, teardown);
}
