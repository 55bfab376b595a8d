/* test_plan.c - the plan cycle as HR and the representatives go through it
 * in the browser, the information package, 'report plan', and the scans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/plans.h"
#include "app/plan_view.h"

static store *db;
static char *admin, *rep;
static char admin_csrf[65], rep_csrf[65];

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("plan.db"));
    admin = login_cookie(db, "admin", "demo-admin", admin_csrf);
    rep = login_cookie(db, "representative", "demo-representative", rep_csrf);
    /* Both read English, so the assertions can quote the pages. */
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "admin", &u, NULL), STORE_ROW);
    assert_int_equal(users_set_lang(db, u.id, "en"), STORE_OK);
    assert_int_equal(users_find(db, &a, "representative", &u, NULL), STORE_ROW);
    assert_int_equal(users_set_lang(db, u.id, "en"), STORE_OK);
    arena_free(&a);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(admin);
    free(rep);
    store_close(db);
    return 0;
}

/* POSTs FORM (without the token) as the admin or the representative. */
static int post(bool as_admin, const char *target, const char *form, exchange *keep)
{
    char body[2048];
    snprintf(body, sizeof body, "csrf=%s&%s", as_admin ? admin_csrf : rep_csrf, form);
    exchange x;
    run_request(&x, db, "POST", target, as_admin ? admin : rep, body, NULL);
    int status = x.resp.status;
    if (keep)
        *keep = x;
    else
        exchange_free(&x);
    return status;
}

static int get(bool as_admin, const char *target, exchange *x)
{
    run_request(x, db, "GET", target, as_admin ? admin : rep, NULL, NULL);
    return x->resp.status;
}

static void test_plan_cycle(void **state)
{
    (void)state;
    exchange x;
    /* the demo has this year's adopted plan and next year's draft; make one more */
    assert_int_equal(post(true, "/plans", "year=2030&copy=yes", NULL), 303);
    assert_int_equal(post(true, "/plans", "year=2030", NULL), 409);
    arena a = ARENA_INIT;
    plan p;
    assert_int_equal(plans_get(db, &a, 2030, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_DRAFT);
    /* nothing to copy from 2029: an empty draft */
    plan_initiative *items;
    size_t n;
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(n, 0);
    /* representatives do not see a draft */
    assert_int_equal(get(false, "/plans/2030", &x), 404);
    exchange_free(&x);
    assert_int_equal(get(true, "/plans/2030", &x), 200);
    assert_non_null(strstr(exchange_body(&x), "workers aged 50 or more"));
    exchange_free(&x);
    /* an initiative, texts, a budget */
    assert_int_equal(post(true, "/plans/2030/initiative",
                          "action=add&title=Lassen&form=classroom&type=formal&target_group=techniekers"
                          "&attention_bottleneck=yes&department=Onderhoud&participants=4&hours=7%2C5"
                          "&working_time=yes&internal=no&cost=1.200%2C50", NULL), 303);
    assert_int_equal(post(true, "/plans/2030/texts", "goal=Veilig+werken&mandatory=EHBO", NULL),
                     303);
    assert_int_equal(post(true, "/plans/2030/budget",
                          "department=Onderhoud&planned=5000&committed=1000", NULL), 303);
    /* a wrong amount comes back on the page (see test_plan_forms.c) */
    assert_int_equal(post(true, "/plans/2030/budget", "department=Onderhoud&planned=abc", NULL),
                     422);
    /* the representative cannot even see the draft; HR submits with only 10 days' notice */
    assert_int_equal(post(false, "/plans/2030/state",
                          "to=submitted&body=works_council&submitted_on=2030-02-01", NULL), 404);
    assert_int_equal(post(true, "/plans/2030/state", "to=advised&advice_on=2030-03-01&"
                                                     "advice_kind=positive", NULL), 409);
    /* submitted once that day has come (a day still to come is refused) */
    setenv("GROEIPAD_TODAY", "2030-02-01", 1);
    assert_int_equal(post(true, "/plans/2030/state",
                          "to=submitted&body=works_council&submitted_on=01/02/2030&"
                          "meeting_on=2030-02-11", NULL), 303);
    unsetenv("GROEIPAD_TODAY");
    assert_int_equal(get(false, "/plans/2030", &x), 200);
    assert_non_null(strstr(exchange_body(&x), "Lassen"));
    exchange_free(&x);
    assert_int_equal(get(true, "/plans/2030", &x), 200);
    assert_non_null(strstr(exchange_body(&x), "10 days before the meeting"));
    exchange_free(&x);
    /* the representatives give their advice and a comment; they cannot adopt */
    assert_int_equal(post(false, "/plans/2030/comment", "text=Meer+aandacht+voor+de+nachtploeg",
                          NULL), 303);
    /* the advice of 20 March 2030 is recorded once that day has come */
    setenv("GROEIPAD_TODAY", "2030-03-20", 1);
    assert_int_equal(post(false, "/plans/2030/state", "to=advised&advice_on=2030-03-20&"
                                                      "advice_kind=remarks&advice_text=Goed",
                          NULL), 303);
    unsetenv("GROEIPAD_TODAY");
    assert_int_equal(post(false, "/plans/2030/state", "to=adopted&adopted_on=2030-03-21", NULL),
                     409);
    /* and the adoption of 2 April once that day has come, not before */
    assert_int_equal(post(true, "/plans/2030/state", "to=adopted&adopted_on=2030-04-02&"
                                                     "employer_answer=Akkoord", NULL), 422);
    setenv("GROEIPAD_TODAY", "2030-04-02", 1);
    assert_int_equal(post(true, "/plans/2030/state", "to=adopted&adopted_on=2030-04-02&"
                                                     "employer_answer=Akkoord", NULL), 303);
    unsetenv("GROEIPAD_TODAY");
    assert_int_equal(plans_get(db, &a, 2030, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_ADOPTED);
    /* both dates broke the timeline: two warnings, no block */
    assert_int_equal(get(true, "/plans/2030", &x), 200);
    assert_non_null(strstr(exchange_body(&x), "after 15 March 2030"));
    assert_non_null(strstr(exchange_body(&x), "adopted after 31 March 2030"));
    exchange_free(&x);
    /* the whole history is in the audit log */
    assert_true(audit_count(db) > 10);
    /* the evaluation */
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(n, 1);
    char form[256];
    snprintf(form, sizeof form, "rp_%lld=3&rh_%lld=22%%2C5&rc_%lld=1100&"
                                "evaluation_meeting_on=2031-01-20&evaluation_notes=Goed&close=yes",
             (long long)items[0].id, (long long)items[0].id, (long long)items[0].id);
    assert_int_equal(post(true, "/plans/2030/evaluation", form, NULL), 303);
    assert_int_equal(plans_get(db, &a, 2030, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_EVALUATED);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(items[0].realised_participants, 3);
    assert_int_equal(items[0].realised_hours, 2250);
    assert_int_equal(get(false, "/plans/2030/evaluation", &x), 200);
    assert_non_null(strstr(exchange_body(&x), "Onderhoud"));
    exchange_free(&x);
    /* next year starts as a copy: the texts, the initiatives without results, the budget */
    assert_int_equal(post(true, "/plans", "year=2031&copy=yes", NULL), 303);
    assert_int_equal(plans_get(db, &a, 2031, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_DRAFT);
    assert_string_equal(p.goal, "Veilig werken");
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].title, "Lassen");
    assert_int_equal(items[0].hours, 750);
    assert_int_equal(items[0].realised_participants, -1);
    plan_budget *budgets;
    assert_int_equal(plans_budgets(db, &a, p.id, 2031, &budgets, &n), STORE_OK);
    bool copied = false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(budgets[i].department, "Onderhoud") == 0)
            copied = budgets[i].planned == 500000 && budgets[i].committed == 0;
    assert_true(copied);
    arena_free(&a);
}

/* A draft that reached the body after its meeting says "after", never
 * "-9 days before". */
static void test_notice_after_the_meeting(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    plan_view v = {0};
    v.p.year = 2027;
    plan_warning w = {.code = WARN_NOTICE_TOO_SHORT, .detail = -9};
    const char *text = plan_warning_text(&a, &v, &w);
    assert_non_null(text);
    assert_non_null(strstr(text, "9 days after the meeting"));
    assert_null(strstr(text, "-9"));
    w.detail = 10;
    assert_non_null(strstr(plan_warning_text(&a, &v, &w), "10 days before the meeting"));
    arena_free(&a);
}

static void test_information_package(void **state)
{
    (void)state;
    exchange x;
    int year = date_year(date_today());
    char target[64];
    snprintf(target, sizeof target, "/plans/%d/package", year);
    assert_int_equal(get(false, target, &x), 200);
    const char *html = exchange_body(&x);
    /* every section is there, printed on A4 with page numbers by a stylesheet
     * of its own: linked, as the Content-Security-Policy refuses inline styles */
    assert_non_null(strstr(html, "<link rel=\"stylesheet\" href=\"/static/print.css\">"));
    assert_null(strstr(html, "<style"));
    for (int s = 1; s <= 6; s++) {
        char h2[24];
        snprintf(h2, sizeof h2, "<h2>%d. ", s);
        if (!strstr(html, h2))
            fail_msg("section %d missing", s);
    }
    assert_non_null(strstr(html, "Nederlands op de werkvloer"));
    /* participation by group: small groups hidden */
    assert_non_null(strstr(html, "hidden: fewer people than the minimum group"));
    exchange_free(&x);
    /* in French too */
    run_request(&x, db, "GET", target, rep, NULL, NULL);
    exchange_free(&x);
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s", rep);
    assert_int_equal(post(false, "/language", "lang=fr&next=%2F", NULL), 303);
    assert_int_equal(get(false, target, &x), 200);
    assert_non_null(strstr(exchange_body(&x), "Plan de formation"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/static/print.css", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_string_equal(x.resp.content_type, "text/css; charset=utf-8");
    assert_non_null(strstr(exchange_body(&x), "size: A4"));
    assert_non_null(strstr(exchange_body(&x), "counter(page)"));
    exchange_free(&x);
    assert_int_equal(post(false, "/language", "lang=en&next=%2F", NULL), 303);
}

static void test_report_plan_cli(void **state)
{
    (void)state;
    const char *path = test_path("plan.db");
    int year = date_year(date_today());
    char args[128], *out;
    snprintf(args, sizeof args, "report plan --year %d", year);
    assert_int_equal(gp(path, args, NULL, &out), 0);
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    free(out);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "state")), "adopted");
    assert_int_equal(json_array_size(json_object_get(j, "initiatives")), 6);
    json_t *effort = json_object_get(j, "effort");
    /* 8x4 + 4x14 + 15x6 + 3x8 + 6x24 + 6x21 = 472 hours; / 7.6 = 62.11 days */
    assert_true(json_number_value(json_object_get(effort, "planned_hours")) == 472);
    assert_true(json_number_value(json_object_get(effort, "planned_days")) == 62.11);
    assert_int_equal(json_array_size(json_object_get(j, "attention_groups_without_initiative")),
                     0);
    json_decref(j);
    snprintf(args, sizeof args, "report plan --year %d --format html", year);
    assert_int_equal(gp(path, args, NULL, &out), 0);
    assert_non_null(strstr(out, "<h2>6. "));
    /* a file on its own: the same print stylesheet, inline */
    assert_non_null(strstr(out, "<style>"));
    assert_non_null(strstr(out, "size: A4"));
    assert_null(strstr(out, "<link rel=\"stylesheet\""));
    free(out);
    assert_int_equal(gp(path, "report plan --year 1999 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(path, "report plan 2>/dev/null", NULL, NULL), 2);
}

static void test_scans_side_by_side(void **state)
{
    (void)state;
    exchange x;
    assert_int_equal(get(true, "/scans", &x), 200);
    exchange_free(&x);
    assert_int_equal(get(true, "/scans/readiness?year=2031", &x), 200);
    assert_non_null(strstr(exchange_body(&x), "s_vision.1"));
    exchange_free(&x);
    /* HR says vision.1 and vision.2 apply; the representatives say only vision.1 */
    assert_int_equal(post(true, "/scans/readiness", "year=2031&s_vision.1=1&s_vision.2=1", NULL),
                     303);
    assert_int_equal(post(false, "/scans/readiness", "year=2031&s_vision.1=1", NULL), 303);
    assert_int_equal(get(false, "/scans/readiness/compare?year=2031", &x), 200);
    const char *html = exchange_body(&x);
    assert_non_null(strstr(html, "50%"));   /* employer: 2 of 4 vision statements */
    assert_non_null(strstr(html, "25%"));   /* representatives: 1 of 4 */
    assert_non_null(strstr(html, "according to the representatives"));
    assert_non_null(strstr(html, "according to both sides"));
    exchange_free(&x);
    arena a = ARENA_INIT;
    scan_answer *answers;
    size_t n;
    assert_int_equal(scan_answers_get(db, &a, "readiness", 2031, "representatives", 0, &answers,
                                      &n), STORE_OK);
    assert_int_equal(n, 30); /* 25 in five aspects and five apart, as in the source */
    arena_free(&a);
    /* the learning potential scan is per function */
    assert_int_equal(post(true, "/scans/potential", "year=2031&s_content.1=1", NULL), 400);
    assert_int_equal(get(true, "/scans/nothing", &x), 404);
    exchange_free(&x);
    /* employees have no access to the scans or the plan */
    char csrf[65];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    run_request(&x, db, "GET", "/scans", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    run_request(&x, db, "GET", "/plans", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    free(cookie);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_cycle),
        cmocka_unit_test(test_notice_after_the_meeting),
        cmocka_unit_test(test_information_package),
        cmocka_unit_test(test_report_plan_cli),
        cmocka_unit_test(test_scans_side_by_side),
    };
    return cmocka_run_group_tests_name("plan", tests, setup, teardown);
}
