/* test_learning_delete.c - deleting a learning record entered by mistake
 * (/learning/:id/delete): it asks first, a GET never deletes, only who may
 * correct the record may delete it, the legal figures lose exactly its
 * hours, the audit log keeps its values, and what must not vanish (an
 * issued badge, a filed incentive claim) keeps it. Also: pages name people,
 * not logins. Runs on the demo organisation, without a socket. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/data.h"
#include "util/date.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("learning-delete.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* Runs METHOD TARGET as LOGIN of the demo (POST: BODY), in English. */
static void as(exchange *x, const char *login, const char *method, const char *target,
               const char *body)
{
    run_as_demo(x, db, login, method, target, body);
}

/* The body of GET TARGET as admin (a report), on the heap. */
static char *report(const char *target)
{
    exchange x;
    as(&x, "admin", "GET", target, NULL);
    assert_int_equal(x.resp.status, 200);
    char *copy = strdup(exchange_body(&x));
    exchange_free(&x);
    return copy;
}

static int64_t count_of(const char *sql, int64_t id)
{
    return store_int_by_id(db, sql, id);
}

static bool record_exists(int64_t id)
{
    return count_of("SELECT count(*) FROM learning_records WHERE id = ?", id) == 1;
}

/* A one-off formal record of 7.60 hours (one day), 100 euro, for E010 (the
 * demo manager's team) on START; its id. */
static int64_t add_record(date_t start, const char *title)
{
    learning_record r = {0};
    r.own_type = TYPE_FORMAL;
    r.type = TYPE_FORMAL;
    r.title = title;
    r.start_date = r.end_date = start;
    r.hours = 760;
    r.cost = 10000;
    r.working_time = 1;
    r.result = RESULT_COMPLETED;
    assert_int_equal(store_begin(db), STORE_OK);
    int rc = learning_insert(db, &r, employees_row(db, "E010"), 0);
    int64_t id = store_last_id(db);
    assert_int_equal(store_end(db, rc), STORE_OK);
    return id;
}

static void test_delete_asks_first_and_restores_the_figures(void **state)
{
    (void)state;
    int year = date_year(date_today());
    char right_url[96], balance_url[96];
    snprintf(right_url, sizeof right_url, "/api/v1/reports/training-right?year=%d", year);
    snprintf(balance_url, sizeof balance_url, "/api/v1/reports/social-balance?year=%d", year);
    char *right_before = report(right_url), *balance_before = report(balance_url);

    int64_t id = add_record(date_today() - 3, "Typed for the wrong person");
    char *right_with = report(right_url), *balance_with = report(balance_url);
    assert_string_not_equal(right_with, right_before);
    assert_string_not_equal(balance_with, balance_before);

    char target[64];
    snprintf(target, sizeof target, "/learning/%lld/delete", (long long)id);
    exchange x;
    /* The record's page offers the deletion, as a form with its token. */
    char page[48];
    snprintf(page, sizeof page, "/learning/%lld", (long long)id);
    as(&x, "admin", "GET", page, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), target));
    exchange_free(&x);

    /* Asked: the confirmation names the person, the activity, the date and
     * the hours and says what changes; nothing is deleted yet. */
    employee e;
    arena a = ARENA_INIT;
    assert_int_equal(employees_get(db, &a, "E010", &e), STORE_ROW);
    as(&x, "admin", "POST", target, "go=1");
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    assert_non_null(strstr(body, e.first_name));
    assert_non_null(strstr(body, e.last_name));
    assert_non_null(strstr(body, "Typed for the wrong person"));
    assert_non_null(strstr(body, "7.60"));
    char day[DATE_TEXT_SIZE];
    date_format(date_today() - 3, day);
    assert_non_null(strstr(body, "training right"));
    assert_non_null(strstr(body, "social balance sheet"));
    assert_non_null(strstr(body, "name=\"confirm\" value=\"yes\""));
    exchange_free(&x);
    assert_true(record_exists(id));

    /* A GET never deletes, even one that says yes. */
    char get_yes[96];
    snprintf(get_yes, sizeof get_yes, "%s?confirm=yes", target);
    as(&x, "admin", "GET", get_yes, NULL);
    assert_int_equal(x.resp.status, 200);
    exchange_free(&x);
    assert_true(record_exists(id));

    /* Who may not change learning records may not delete them. */
    as(&x, "employee", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    as(&x, "representative", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    as(&x, "representative", "GET", target, NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    assert_true(record_exists(id));

    /* Confirmed: gone, back on the person's page, which says so. */
    as(&x, "admin", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/employees/E010?deleted=1");
    exchange_free(&x);
    assert_false(record_exists(id));
    as(&x, "admin", "GET", "/employees/E010?deleted=1", NULL);
    assert_non_null(strstr(exchange_body(&x), "was deleted"));
    exchange_free(&x);

    /* One audit line, with the record's values. */
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    assert_int_equal(store_int_by_text(db, "SELECT count(*) FROM audit_log WHERE action = "
                                           "'delete' AND entity = 'learning_record' AND "
                                           "entity_key = ?", key), 1);
    stmt *s = store_prepare(db, "SELECT actor, before FROM audit_log WHERE action = 'delete' "
                                "AND entity = 'learning_record' AND entity_key = ?");
    stmt_bind_text(s, 1, key);
    assert_int_equal(stmt_step(s), STORE_ROW);
    assert_string_equal(stmt_text(s, 0), "admin");
    const char *before = stmt_text(s, 1);
    assert_non_null(strstr(before, "\"employee_id\":\"E010\""));
    assert_non_null(strstr(before, "\"title\":\"Typed for the wrong person\""));
    assert_non_null(strstr(before, "\"hours\":7.6"));
    assert_non_null(strstr(before, "\"cost\":100"));
    assert_non_null(strstr(before, day));
    stmt_done(s);

    /* The figures are those before the record, at once (the cached reports
     * see the data's new version). */
    char *right_after = report(right_url), *balance_after = report(balance_url);
    assert_string_equal(right_after, right_before);
    assert_string_equal(balance_after, balance_before);
    assert_int_equal(learning_totals_empty(db), 0);

    /* Deleted already: not found. */
    as(&x, "admin", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 404);
    exchange_free(&x);
    arena_free(&a);
    free(right_before);
    free(balance_before);
    free(right_with);
    free(balance_with);
    free(right_after);
    free(balance_after);
}

static void test_team_manager_deletes_not_their_own(void **state)
{
    (void)state;
    int64_t id = add_record(date_today() - 5, "Entered twice");
    char target[64];
    snprintf(target, sizeof target, "/learning/%lld/delete", (long long)id);
    exchange x;
    /* The mentor is no manager: refused by role. */
    as(&x, "mentor", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    as(&x, "manager", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_false(record_exists(id));
    /* The manager's own learning is not theirs to delete. */
    learning_record r = {0};
    r.own_type = r.type = TYPE_FORMAL;
    r.title = "Own";
    r.start_date = date_today() - 5;
    r.end_date = DATE_NONE;
    r.hours = 100;
    r.working_time = -1;
    r.result = RESULT_COMPLETED;
    assert_int_equal(store_begin(db), STORE_OK);
    int rc = learning_insert(db, &r, employees_row(db, "E001"), 0);
    int64_t own = store_last_id(db);
    assert_int_equal(store_end(db, rc), STORE_OK);
    snprintf(target, sizeof target, "/learning/%lld/delete", (long long)own);
    as(&x, "manager", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 404); /* not theirs looks like not there */
    exchange_free(&x);
    assert_true(record_exists(own));
    /* nor to correct: nobody approves their own learning (it goes
     * through /my/log, for someone else to confirm) */
    snprintf(target, sizeof target, "/learning/%lld", (long long)own);
    as(&x, "manager", "GET", target, NULL);
    assert_int_equal(x.resp.status, 404); /* as for the deletion */
    exchange_free(&x);
    as(&x, "manager", "POST", target, "title=Mine&hours=99");
    assert_true(x.resp.status == 403 || x.resp.status == 404);
    exchange_free(&x);
    assert_true(record_exists(own));
    as(&x, "manager", "GET", "/employees/E001/learning", NULL);
    assert_true(x.resp.status == 403 || x.resp.status == 404);
    exchange_free(&x);
    as(&x, "admin", "GET", target, NULL); /* HR may */
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "/delete\""));
    exchange_free(&x);
}

static void test_what_rests_on_a_record(void **state)
{
    (void)state;
    /* A filed incentive claim keeps the record, and the page says why. */
    int64_t id = add_record(date_today() - 7, "Claimed");
    exec_with(db, "INSERT INTO incentive_claims(scheme_id, employee_id, record_id, period_year, "
              "hours, amount, status, filed_on, created_at) SELECT min(id), NULL, ?1, 2026, 0, "
              "5000, 'filed', '2026-01-05', '2026-01-02T10:00:00Z' FROM incentive_schemes",
              id);
    char target[64];
    snprintf(target, sizeof target, "/learning/%lld/delete", (long long)id);
    exchange x;
    as(&x, "admin", "GET", target, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "has been filed"));
    assert_null(strstr(exchange_body(&x), "name=\"confirm\" value=\"yes\""));
    exchange_free(&x);
    as(&x, "admin", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 409);
    assert_non_null(strstr(exchange_body(&x), "Correct the record instead"));
    exchange_free(&x);
    assert_true(record_exists(id));

    /* An issued badge for the logged learning it came from keeps it too. */
    int64_t badged = add_record(date_today() - 8, "Badged");
    exec_with(db, "INSERT INTO learning_claims(employee_id, title, form, start_date, hours, status, "
              "created_at, record_id) SELECT employee_id, 'Badged', 'coaching', start_date, "
              "hours, 'confirmed', '2026-01-02T10:00:00Z', id FROM learning_records WHERE id = ?1",
              badged);
    int64_t claim = count_of("SELECT id FROM learning_claims WHERE record_id = ?", badged);
    exec_with(db, "INSERT INTO signing_keys(public_key, secret_key, created_at) SELECT 'p', 's', "
              "'2026-01-01' WHERE NOT EXISTS (SELECT 1 FROM signing_keys) AND ?1 > 0", claim);
    exec_with(db, "INSERT INTO badges(public_id, employee_id, claim_id, title, jwt, key_id, "
              "issued_at, source_kind, source_id) SELECT 'test-badge', employee_id, id, title, "
              "'x', (SELECT min(id) FROM signing_keys), '2026-01-03', 'claim', id "
              "FROM learning_claims WHERE id = ?1", claim);
    snprintf(target, sizeof target, "/learning/%lld/delete", (long long)badged);
    as(&x, "admin", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 409);
    assert_non_null(strstr(exchange_body(&x), "Badges page"));
    exchange_free(&x);
    assert_true(record_exists(badged));
    /* Revoked, the badge no longer holds it; the logged learning stays. */
    exec_with(db, "UPDATE badges SET revoked_at = '2026-01-04' WHERE claim_id = ?1", claim);
    as(&x, "admin", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_false(record_exists(badged));
    assert_int_equal(count_of("SELECT count(*) FROM learning_claims WHERE id = ? AND "
                              "record_id IS NULL", claim), 1);

    /* Its evaluation and an unfiled claim go with it; the page says so. */
    int64_t tested = add_record(date_today() - 9, "Tested");
    exec_with(db, "INSERT INTO learning_tests(record_id, attempt, taken_on, score, max_score, "
              "pass_mark) VALUES (?1, 1, '2026-01-05', 1500, 2000, 1200)", tested);
    exec_with(db, "INSERT INTO incentive_claims(scheme_id, record_id, period_year, hours, amount, "
              "status, created_at) SELECT min(id), ?1, 2026, 0, 100, 'to_file', "
              "'2026-01-02T10:00:00Z' FROM incentive_schemes", tested);
    snprintf(target, sizeof target, "/learning/%lld/delete", (long long)tested);
    as(&x, "admin", "GET", target, NULL);
    assert_non_null(strstr(exchange_body(&x), "evaluation"));
    assert_non_null(strstr(exchange_body(&x), "not been filed"));
    exchange_free(&x);
    as(&x, "admin", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_false(record_exists(tested));
    assert_int_equal(count_of("SELECT count(*) FROM learning_tests WHERE record_id = ?", tested),
                     0);
    assert_int_equal(count_of("SELECT count(*) FROM incentive_claims WHERE record_id = ?",
                              tested), 0);
}

/* Correcting a record writes it anew: what pointed at the old one (a test
 * attempt, the logged learning it came from) follows it, and nothing points
 * at a record that is gone. */
static void test_correction_keeps_what_points_at_the_record(void **state)
{
    (void)state;
    int64_t id = add_record(date_today() - 11, "Corrected");
    add_record(date_today() - 12, "Not the newest"); /* so no new record reuses its id */
    exec_with(db, "INSERT INTO learning_tests(record_id, attempt, taken_on, score, max_score, "
              "pass_mark) VALUES (?1, 1, '2026-01-05', 1500, 2000, 1200)", id);
    exec_with(db, "INSERT INTO learning_claims(employee_id, title, form, start_date, hours, status, "
              "created_at, record_id) SELECT employee_id, 'Corrected', 'coaching', start_date, "
              "hours, 'confirmed', '2026-01-02T10:00:00Z', id FROM learning_records WHERE id = ?1",
              id);
    char target[48], body[256], day[DATE_TEXT_SIZE];
    snprintf(target, sizeof target, "/learning/%lld", (long long)id);
    date_format(date_today() - 11, day);
    snprintf(body, sizeof body, "activity_code=&title=Corrected&type=formal&start_date=%s&"
             "end_date=&hours=8&cost=100&subsidy=0&working_time=yes&training_leave=no&"
             "result=completed", day);
    exchange x;
    as(&x, "admin", "POST", target, body);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    int64_t now = store_count(db, "SELECT id FROM learning_records WHERE title = 'Corrected'");
    assert_true(now > 0);
    assert_int_equal(count_of("SELECT hours FROM learning_records WHERE id = ?", now), 800);
    assert_int_equal(count_of("SELECT count(*) FROM learning_tests WHERE record_id = ?", now), 1);
    assert_int_equal(count_of("SELECT count(*) FROM learning_claims WHERE record_id = ?", now),
                     1);
    assert_int_equal(store_count(db, "SELECT (SELECT count(*) FROM learning_tests t WHERE NOT "
                                     "EXISTS (SELECT 1 FROM learning_records r WHERE r.id = "
                                     "t.record_id)) + (SELECT count(*) FROM learning_claims c "
                                     "WHERE c.record_id IS NOT NULL AND NOT EXISTS (SELECT 1 "
                                     "FROM learning_records r WHERE r.id = c.record_id))"),
                     0);
}

/* A page that said who recorded something by their login ("Recorded by
 * manager") names the person now. */
static void test_pages_name_people_not_logins(void **state)
{
    (void)state;
    employee e;
    arena a = ARENA_INIT;
    assert_int_equal(employees_get(db, &a, "E001", &e), STORE_ROW); /* the demo manager */
    exchange x;
    as(&x, "admin", "GET", "/onboarding/E045", NULL);
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    const char *by = strstr(body, "Recorded by");
    assert_non_null(by);
    char name[256];
    snprintf(name, sizeof name, "%s %s", e.first_name, e.last_name);
    assert_non_null(strstr(by, name));
    assert_null(strstr(by, ">manager<"));
    exchange_free(&x);
    arena_free(&a);
}

/* Deleting a record that the employee's own logged learning became (a
 * manager confirmed it) declines that logged learning in the same
 * transaction: it no longer counts and no badge can be issued for it (before,
 * it stayed confirmed without its record, and the employee could still
 * issue a badge for it). The confirmation says so first, and the audit log
 * keeps both. */
static void test_deleting_confirmed_logged_learning_declines_it(void **state)
{
    (void)state;
    char day[DATE_TEXT_SIZE], body[256], target[64];
    date_format(date_today() - 2, day);
    snprintf(body, sizeof body, "title=Shadowing+the+planner&form=on_the_job&start_date=%s"
                                "&hours=3", day);
    exchange x;
    as(&x, "employee", "POST", "/my/log", body);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    int64_t claim = count_of("SELECT max(id) FROM learning_claims WHERE title = "
                             "'Shadowing the planner' AND status = 'pending' AND ?1 > 0", 1);
    assert_true(claim > 0);
    snprintf(target, sizeof target, "/claims/%lld", (long long)claim);
    as(&x, "manager", "POST", target, "decision=confirm");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    int64_t id = count_of("SELECT record_id FROM learning_claims WHERE id = ? AND "
                          "status = 'confirmed'", claim);
    assert_true(id > 0);

    /* asked first: the page says what becomes of the logged learning */
    snprintf(target, sizeof target, "/learning/%lld/delete", (long long)id);
    as(&x, "admin", "GET", target, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "becomes declined"));
    assert_non_null(strstr(exchange_body(&x), "no badge can be issued"));
    exchange_free(&x);
    as(&x, "admin", "POST", target, "confirm=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_false(record_exists(id));
    assert_int_equal(count_of("SELECT count(*) FROM learning_claims WHERE id = ? AND status = "
                              "'declined' AND record_id IS NULL AND decided_by = 'admin'", claim),
                     1);
    assert_int_equal(count_of("SELECT count(*) FROM audit_log WHERE entity = 'learning_claim' "
                              "AND entity_key = CAST(?1 AS TEXT) AND action = 'decline' AND "
                              "actor = 'admin' AND after LIKE '%record%deleted%'", claim), 1);
    assert_int_equal(count_of("SELECT count(*) FROM audit_log WHERE entity = 'learning_record' "
                              "AND entity_key = CAST(?1 AS TEXT) AND action = 'delete' AND "
                              "before LIKE '%\"logged_learning_declined\":1%'", id), 1);

    /* no badge for it: the page offers none, and asking for one is refused */
    char field[64];
    snprintf(field, sizeof field, "name=\"claim\" value=\"%lld\"", (long long)claim);
    as(&x, "employee", "GET", "/my/badges", NULL);
    assert_int_equal(x.resp.status, 200);
    assert_null(strstr(exchange_body(&x), field));
    exchange_free(&x);
    snprintf(body, sizeof body, "claim=%lld", (long long)claim);
    as(&x, "employee", "POST", "/my/badges", body);
    exchange_free(&x);
    assert_int_equal(count_of("SELECT count(*) FROM badges WHERE claim_id = ?", claim), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delete_asks_first_and_restores_the_figures),
        cmocka_unit_test(test_team_manager_deletes_not_their_own),
        cmocka_unit_test(test_what_rests_on_a_record),
        cmocka_unit_test(test_correction_keeps_what_points_at_the_record),
        cmocka_unit_test(test_pages_name_people_not_logins),
        cmocka_unit_test(test_deleting_confirmed_logged_learning_declines_it),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
