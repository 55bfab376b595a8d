/* test_badges_more.c - Open Badges for a completed onboarding trajectory and
 * a valid certification (issue 15) on the demo: issued, signed (the JWT
 * checks with the organisation's key), the Achievement naming what was
 * achieved and a certification's valid_until as validUntil; an incomplete
 * trajectory and an expired certification refused with nothing stored. The
 * day is fixed: GROEIPAD_TODAY=2026-11-29. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "util/locale_fmt.h"
#include "app/badges.h"
#include "app/certifications.h"
#include "store/data.h"
#include "store/onboarding.h"

static store *db;
static date_t today;

static int setup(void **state)
{
    (void)state;
    setenv("GROEIPAD_TODAY", "2026-11-29", 1);
    db = demo_store(test_path("badges_more.db"));
    today = date_today();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    unsetenv("GROEIPAD_TODAY");
    return 0;
}

/* The verified payload of badge B (the test fails when it does not verify). */
static json_t *verified(const badge *b)
{
    char key[65];
    assert_int_equal(signing_key_public(db, b->key_id, key), STORE_ROW);
    json_t *payload = NULL;
    assert_true(badge_jwt_verify(b->jwt, key, &payload));
    return payload;
}

/* The achievement's member NAME in PAYLOAD. */
static const char *achievement(json_t *payload, const char *name)
{
    json_t *subject = json_object_get(payload, "credentialSubject");
    return json_string_value(json_object_get(json_object_get(subject, "achievement"), name));
}

/* The first (employee, certification) of the demo with status WANT today:
 * its employee's row and the activity code in A. */
static bool certification_with(arena *a, int want, int64_t *row, const char **code)
{
    cert_query q = {today, ROLE_ADMIN, 0, -1, NULL, NULL, false};
    cert_view v;
    str err = STR_INIT;
    assert_int_equal(cert_view_build(db, a, &q, false, &v, &err), CERT_OK);
    str_free(&err);
    str_free(&v.json);
    for (size_t i = 0; i < v.r.nlines; i++) {
        const cert_line *l = &v.r.lines[i];
        if (l->status == want && v.f.acts[l->activity].validity_months > 0) {
            *row = employees_row(db, v.f.people[l->person].employee_id);
            *code = v.f.acts[l->activity].code;
            return true;
        }
    }
    return false;
}

static void test_certification_badge(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    int64_t row;
    const char *code;
    badge b;
    int problem;
    /* Expired: refused, nothing stored. */
    int64_t before = store_count(db, "SELECT count(*) FROM badges");
    assert_true(certification_with(&a, CERT_EXPIRED, &row, &code));
    assert_int_equal(badge_issue_certification(db, &a, "admin", row, code, today,
                                               "http://groeipad.test/badges", &b, &problem),
                     STORE_CONSTRAINT);
    assert_int_equal(problem, BADGE_NOT_VALID);
    assert_int_equal(store_count(db, "SELECT count(*) FROM badges"), before);
    /* Valid: issued once, signed, the activity and its validity named. */
    assert_true(certification_with(&a, CERT_VALID, &row, &code));
    assert_int_equal(badge_issue_certification(db, &a, "admin", row, code, today,
                                               "http://groeipad.test/badges", &b, &problem),
                     STORE_OK);
    assert_int_equal(store_count(db, "SELECT count(*) FROM badges"), before + 1);
    json_t *p = verified(&b);
    assert_string_equal(json_string_value(json_array_get(json_object_get(p, "type"), 1)),
                        "OpenBadgeCredential");
    /* in the language of who issues it: Dutch here */
    assert_non_null(strstr(achievement(p, "name"), "Attest: "));
    json_t *criteria =
        json_object_get(json_object_get(json_object_get(p, "credentialSubject"), "achievement"),
                        "criteria");
    const char *narrative = json_string_value(json_object_get(criteria, "narrative"));
    assert_non_null(strstr(narrative, code));
    const char *until = json_string_value(json_object_get(p, "validUntil"));
    assert_non_null(until);
    char until_day[11];
    memcpy(until_day, until, 10);
    until_day[10] = '\0';
    date_t until_date;
    char until_nl[FMT_SIZE];
    assert_true(date_parse(until_day, 10, &until_date));
    assert_true(fmt_date("nl", until_date, until_nl, sizeof until_nl));
    assert_non_null(strstr(narrative, until_nl)); /* the same valid_until, as Dutch writes it */
    assert_non_null(strstr(narrative, "geldig tot"));
    assert_true(strcmp(until_day, "2026-11-29") >= 0);
    json_decref(p);
    badge *all;
    size_t n;
    assert_int_equal(badges_list(db, &a, row, &all, &n), STORE_OK);
    assert_true(n >= 1);
    assert_string_equal(all[0].source_kind, "certification");
    /* Twice: refused. */
    assert_int_equal(badge_issue_certification(db, &a, "admin", row, code, today,
                                               "http://groeipad.test/badges", &b, &problem),
                     STORE_CONSTRAINT);
    assert_int_equal(problem, BADGE_ALREADY);
    arena_free(&a);
}

static void test_trajectory_badge(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    int64_t row = store_count(
        db, "SELECT min(t.newcomer_id) FROM onboarding_trajectories t WHERE EXISTS (SELECT 1 "
            "FROM onboarding_modules m WHERE m.trajectory_id = t.id AND (m.mentor_signed_on "
            "IS NULL OR m.newcomer_signed_on IS NULL))");
    assert_true(row > 0);
    badge b;
    int problem;
    int64_t before = store_count(db, "SELECT count(*) FROM badges");
    assert_int_equal(badge_issue_trajectory(db, &a, "admin", row, "http://groeipad.test/badges", &b,
                                            &problem),
                     STORE_CONSTRAINT);
    assert_int_equal(problem, BADGE_INCOMPLETE);
    assert_int_equal(store_count(db, "SELECT count(*) FROM badges"), before);
    /* Every module signed by both: complete. */
    trajectory t;
    assert_int_equal(trajectory_get(db, &a, row, &t), STORE_ROW);
    assert_true(t.nmodules > 0);
    for (size_t i = 0; i < t.nmodules; i++) {
        assert_int_equal(store_begin(db), STORE_OK);
        int rc = trajectory_sign(db, "admin", t.modules[i].id, SIGN_MENTOR, row, today);
        assert_true(rc == STORE_OK || rc == STORE_DONE);
        rc = trajectory_sign(db, "admin", t.modules[i].id, SIGN_NEWCOMER, row, today);
        assert_true(rc == STORE_OK || rc == STORE_DONE);
        assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    }
    assert_int_equal(badge_issue_trajectory(db, &a, "admin", row, "http://groeipad.test/badges", &b,
                                            &problem),
                     STORE_OK);
    json_t *p = verified(&b);
    char want[256];
    snprintf(want, sizeof want, "Onthaal: %s", t.function);
    assert_string_equal(achievement(p, "name"), want);
    assert_string_equal(json_string_value(json_object_get(p, "name")), want);
    assert_null(json_object_get(p, "validUntil"));
    json_decref(p);
    assert_int_equal(badge_issue_trajectory(db, &a, "admin", row, "http://groeipad.test/badges", &b,
                                            &problem),
                     STORE_CONSTRAINT);
    assert_int_equal(problem, BADGE_ALREADY);
    arena_free(&a);
}

/* Through the page: the employee sees the second table and a request that
 * cannot be granted is refused with a message and nothing stored. */
static void test_employee_page(void **state)
{
    (void)state;
    char csrf[65], form[160];
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "employee", &u, NULL), STORE_ROW);
    assert_int_equal(users_set_lang(db, u.id, "en"), STORE_OK);
    arena_free(&a);
    char *worker = login_cookie(db, "employee", "demo-employee", csrf);
    exchange x;
    run_request(&x, db, "GET", "/my/badges", worker, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "id=\"my-other-badges\""));
    exchange_free(&x);
    int64_t before = store_count(db, "SELECT count(*) FROM badges");
    snprintf(form, sizeof form, "csrf=%s&source=certification&activity=NO-SUCH", csrf);
    run_request(&x, db, "POST", "/my/badges", worker, form, NULL);
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "You have no such trajectory or certification."));
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM badges"), before);
    free(worker);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_certification_badge),
        cmocka_unit_test(test_trajectory_badge),
        cmocka_unit_test(test_employee_page),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
