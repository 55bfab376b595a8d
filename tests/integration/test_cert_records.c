/* test_cert_records.c - the certifications report reads its dates from
 * cert_records (migration 010), a side table that every write keeps: after
 * each kind of write (a record added one by one, an import, a replaced
 * year, a deletion, a test attempt that fails or passes a record, an
 * activity that stops or starts certifying) the table equals what it is
 * made from, and the report says what it said before the table was made
 * again. The report's JSON is also written line by line without jsonw
 * (app/certifications.c): it must equal what a JSON library writes for the
 * same document, pretty (the CLI) and compact (the API). */
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
#include "store/certifications.h"
#include "store/data.h"
#include "store/evaluation.h"

static const char employees_csv[] =
    "employee_id;first_name;last_name;gender;birth_date;hire_date;exit_date;department;function;"
    "category;contract;fte;education;manager_id\n"
    "E1;An;Aerts;F;1980-01-01;2010-01-01;;Prod;Operator;blue_collar;permanent;1;low;E3\n"
    "E2;Bo;Borms;M;1980-01-01;2010-01-01;;Prod;Operator;blue_collar;permanent;1;low;E3\n"
    "E3;Cy;Claes;M;1980-01-01;2010-01-01;;Prod;Chef;white_collar;permanent;1;high;\n";

static const char activities_csv[] =
    "code;title;type;form;validity_months;mandatory;target_functions\n"
    "VCA;Safety;formal;classroom;120;ja;\n"
    "HACCP;Hygiene;formal;classroom;24;nee;\n"
    "ONCE;Intro;formal;classroom;;ja;Operator\n"
    "OTHER;Excel;formal;classroom;;nee;\n";

static const char learning_csv[] =
    "employee_id;activity_code;start_date;end_date;hours;result\n"
    "E1;VCA;1/07/2016;;8;completed\n"
    "E1;VCA;1/07/2016;;8;completed\n"
    "E1;HACCP;2024-01-10;31/01/2024;8;completed\n"
    "E1;HACCP;2025-03-10;;8;failed\n"
    "E2;ONCE;2025-02-01;;4;completed\n"
    "E2;OTHER;2025-02-01;;4;completed\n"
    "E3;HACCP;2025-05-10;;4;completed\n";

/* The rows of cert_records as one text, in key order (heap). */
static char *side_rows(store *db)
{
    stmt *s = store_prepare(db, "SELECT employee_id, activity_id, achieved FROM cert_records "
                                "ORDER BY employee_id, activity_id, achieved");
    assert_non_null(s);
    str t = STR_INIT;
    while (stmt_step(s) == STORE_ROW)
        str_printf(&t, "%lld/%lld/%s ", (long long)stmt_int(s, 0), (long long)stmt_int(s, 1),
                   stmt_text(s, 2));
    char *copy = strdup(str_cstr(&t));
    str_free(&t);
    return copy;
}

/* The report on DAY as the CLI writes it (heap). */
static char *report(const char *path, const char *day)
{
    char args[96], *out;
    snprintf(args, sizeof args, "report certifications --date %s", day);
    assert_int_equal(gp(path, args, NULL, &out), 0);
    return out;
}

/* Asserts that cert_records equals what it is made from, and that the
 * report on two days is unchanged by making it again. Returns its rows
 * (heap) for the caller to compare with a later state. */
static char *assert_side_exact(const char *path)
{
    char *before_2025 = report(path, "2025-03-01"), *before_2026 = report(path, "2026-06-30");
    store *db = test_store_open(path);
    char *kept = side_rows(db);
    assert_int_equal(store_end(db, store_begin(db) == STORE_OK ? cert_records_rebuild(db)
                                                               : STORE_ERROR),
                     STORE_OK);
    char *made = side_rows(db);
    store_close(db);
    assert_string_equal(kept, made);
    char *after_2025 = report(path, "2025-03-01"), *after_2026 = report(path, "2026-06-30");
    assert_string_equal(before_2025, after_2025);
    assert_string_equal(before_2026, after_2026);
    free(before_2025);
    free(before_2026);
    free(after_2025);
    free(after_2026);
    free(made);
    return kept;
}

/* Runs "import KIND" of TEXT (extra ARGS) on PATH. */
static void import(const char *path, const char *kind, const char *text, const char *args)
{
    char cmd[512], name[32];
    snprintf(name, sizeof name, "cr-%s.csv", kind);
    snprintf(cmd, sizeof cmd, "import %s %s %s >/dev/null", kind, write_file(name, text), args);
    assert_int_equal(gp(path, cmd, NULL, NULL), 0);
}

static int64_t row_of(store *db, const char *sql, const char *key)
{
    int64_t row = store_int_by_text(db, sql, key);
    assert_true(row > 0);
    return row;
}

/* The status of WHO's activity CODE in the report TEXT ("" when not
 * listed). */
static const char *status_in(const char *text, const char *who, const char *code)
{
    static char status[16];
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    assert_non_null(j);
    status[0] = '\0';
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(j, "certifications"), i, l) {
        if (strcmp(json_string_value(json_object_get(l, "employee_id")), who) == 0 &&
            strcmp(json_string_value(json_object_get(l, "activity_code")), code) == 0)
            snprintf(status, sizeof status, "%s",
                     json_string_value(json_object_get(l, "status")));
    }
    json_decref(j);
    return status;
}

static void test_side_table_follows_every_write(void **state)
{
    (void)state;
    const char *path = test_path("cert-records.db");
    assert_int_equal(gp(path, "init >/dev/null", NULL, NULL), 0);
    import(path, "employees", employees_csv, "");
    import(path, "activities", activities_csv, "");
    import(path, "learning", learning_csv, "");
    char *first = assert_side_exact(path);
    /* Two equal records give one row; the failed one, the one-off activity
     * that is not mandatory and the records without activity none. */
    assert_int_equal(strlen(first) - strlen(strchr(first, ' ')), strlen("1/1/2016-07-01"));

    /* One record added through the store (a session's attendance, a claim). */
    store *db = test_store_open(path);
    int64_t e2 = row_of(db, "SELECT id FROM employees WHERE employee_id = ?", "E2");
    int64_t haccp = row_of(db, "SELECT id FROM activities WHERE code = ?", "HACCP");
    learning_record r = {0};
    r.type = TYPE_FORMAL;
    r.own_type = -1;
    r.working_time = -1;
    r.start_date = date_from_ymd(2026, 6, 1);
    r.end_date = DATE_NONE;
    r.hours = 4;
    r.result = RESULT_COMPLETED;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_insert(db, &r, e2, haccp)), STORE_OK);
    int64_t added = learning_last_id(db);
    store_close(db);
    char *text = report(path, "2026-06-30");
    assert_string_equal(status_in(text, "E2", "HACCP"), "valid");
    free(text);
    free(assert_side_exact(path));

    /* A failed retake makes the record failed: it no longer certifies. */
    db = test_store_open(path);
    learning_test t = {0, date_from_ymd(2026, 6, 2), 30, 100, 50};
    int attempt;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_tests_add(db, "test", added, &t, &attempt)),
                     STORE_OK);
    store_close(db);
    text = report(path, "2026-06-30");
    assert_string_equal(status_in(text, "E2", "HACCP"), "");
    free(text);
    free(assert_side_exact(path));
    db = test_store_open(path);
    t.score = 80;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_tests_add(db, "test", added, &t, &attempt)),
                     STORE_OK);
    store_close(db);
    free(assert_side_exact(path));

    /* Deleted again. */
    db = test_store_open(path);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_delete(db, added)), STORE_OK);
    store_close(db);
    text = report(path, "2026-06-30");
    assert_string_equal(status_in(text, "E2", "HACCP"), "");
    free(text);
    free(assert_side_exact(path));

    /* HACCP stops certifying, then certifies again. */
    import(path, "activities", "code;title;type;form;validity_months;mandatory\n"
                               "HACCP;Hygiene;formal;classroom;;nee\n", "");
    text = report(path, "2026-06-30");
    assert_string_equal(status_in(text, "E3", "HACCP"), "");
    free(text);
    free(assert_side_exact(path));
    import(path, "activities", "code;title;type;form;validity_months;mandatory\n"
                               "HACCP;Hygiene;formal;classroom;36;nee\n", "");
    text = report(path, "2026-06-30");
    assert_string_equal(status_in(text, "E3", "HACCP"), "valid");
    free(text);
    free(assert_side_exact(path));

    /* An import that adds, then one that replaces the year 2025. */
    import(path, "learning", "employee_id;activity_code;start_date;end_date;hours;result\n"
                             "E3;VCA;2026-01-05;;8;completed\n"
                             "E2;HACCP;2025-11-05;;8;completed\n", "");
    free(assert_side_exact(path));
    import(path, "learning", "employee_id;activity_code;start_date;end_date;hours;result\n"
                             "E1;HACCP;2025-06-05;;8;completed\n", "--replace-year 2025");
    text = report(path, "2026-06-30");
    assert_string_equal(status_in(text, "E3", "HACCP"), "");  /* its 2025 record went */
    assert_string_equal(status_in(text, "E1", "HACCP"), "valid");
    assert_string_equal(status_in(text, "E2", "ONCE"), "missing");
    assert_string_equal(status_in(text, "E3", "VCA"), "valid"); /* 2026 stays */
    free(text);
    char *last = assert_side_exact(path);
    assert_string_not_equal(first, last);
    free(first);
    free(last);
}

/* TEXT is what jansson writes for the document it holds (FLAGS), plus the
 * line break the writer ends with. */
static void assert_written_as_jansson(const char *text, size_t flags)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    assert_non_null(j);
    char *again = json_dumps(j, flags | JSON_PRESERVE_ORDER);
    assert_non_null(again);
    size_t n = strlen(again);
    assert_true(strlen(text) == n + 1 && text[n] == '\n');
    assert_memory_equal(text, again, n);
    free(again);
    json_decref(j);
}

static void test_json_as_a_library_writes_it(void **state)
{
    (void)state;
    const char *path = test_path("cert-json.db");
    store *db = demo_store(path);
    for (int k = 0; k < 2; k++) {
        const char *day = k ? "2027-03-01" : "2026-11-29";
        /* The CLI (pretty) ... */
        char *text = report(path, day);
        assert_true(strstr(text, "\"employee_id\"") != NULL);
        assert_written_as_jansson(text, JSON_INDENT(2));
        free(text);
        /* ... and the API (compact), as HR. */
        char csrf[65], target[96];
        char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
        snprintf(target, sizeof target, "/api/v1/reports/certifications?date=%s", day);
        exchange x;
        run_request(&x, db, "GET", target, cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        assert_written_as_jansson(exchange_body(&x), JSON_COMPACT);
        exchange_free(&x);
        free(cookie);
    }
    store_close(db);
    /* No line at all: the array is written empty. */
    const char *empty = test_path("cert-empty.db");
    assert_int_equal(gp(empty, "init >/dev/null", NULL, NULL), 0);
    char *text = report(empty, "2026-06-30");
    assert_true(strstr(text, "\"certifications\": []") != NULL);
    assert_written_as_jansson(text, JSON_INDENT(2));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_side_table_follows_every_write),
        cmocka_unit_test(test_json_as_a_library_writes_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
