/* test_plan_forms.c - the plan's forms as people fill them in (issue 9, §5.4
 * to §5.7): amounts typed the Belgian way, a form with a problem that comes
 * back filled in with the message beside the field, initiatives that can be
 * changed, a second plan for a year, an advice dated in the future, and a scan
 * comparison while one side has not answered. The day is fixed
 * (GROEIPAD_TODAY=2026-06-15): 2026's plan is adopted, 2027's a draft. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "app/plan_package.h"
#include "core/scan.h"
#include "store/data.h"
#include "store/plans.h"
#include "util/embed.h"

static store *db;
static char *admin, *rep;
static char admin_csrf[65], rep_csrf[65];

static int setup(void **state)
{
    (void)state;
    setenv("GROEIPAD_TODAY", "2026-06-15", 1);
    db = demo_store(test_path("forms.db"));
    admin = login_cookie(db, "admin", "demo-admin", admin_csrf);
    rep = login_cookie(db, "representative", "demo-representative", rep_csrf);
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
    unsetenv("GROEIPAD_TODAY");
    return 0;
}

/* POSTs FORM (without the token) as the admin or the representative; the
 * exchange in *KEEP when not NULL. */
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

/* The budget line of DEPARTMENT in the plan of YEAR. */
static plan_budget budget_of(arena *a, int year, const char *department)
{
    plan p;
    plan_budget *b;
    size_t n;
    assert_int_equal(plans_get(db, a, year, &p), STORE_ROW);
    assert_int_equal(plans_budgets(db, a, p.id, year, &b, &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        if (strcmp(b[i].department, department) == 0)
            return b[i];
    fail_msg("no budget line for %s", department);
    return b[0];
}

static void test_amounts_the_belgian_way(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    static const struct { const char *typed; int64_t cents; } amounts[] = {
        {"2.000", 200000},  {"2.000%2C50", 200050}, {"2000.5", 200050}, {"2+000", 200000},
        {"2%C2%A0000", 200000}, {"1.234.567", 123456700}, {"1.5", 150}, {"12%2C5", 1250}};
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
        char form[128];
        snprintf(form, sizeof form, "department=Onderhoud&planned=%s&committed=", amounts[i].typed);
        if (post(true, "/plans/2027/budget", form, NULL) != 303)
            fail_msg("%s was refused", amounts[i].typed);
        if (budget_of(&a, 2027, "Onderhoud").planned != amounts[i].cents)
            fail_msg("%s was read as %lld", amounts[i].typed,
                     (long long)budget_of(&a, 2027, "Onderhoud").planned);
    }
    arena_free(&a);
}

static void test_budget_form_keeps_and_comes_back(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    assert_int_equal(post(true, "/plans/2027/budget",
                          "department=Productie&planned=12.000&committed=3.500%2C25", NULL), 303);
    plan_budget b = budget_of(&a, 2027, "Productie");
    assert_int_equal(b.planned, 1200000);
    assert_int_equal(b.committed, 350025);
    /* a blank field keeps its amount: committed stays, only planned changes */
    assert_int_equal(post(true, "/plans/2027/budget", "department=Productie&planned=13000&"
                                                      "committed=+", NULL), 303);
    b = budget_of(&a, 2027, "Productie");
    assert_int_equal(b.planned, 1300000);
    assert_int_equal(b.committed, 350025);
    assert_int_equal(post(true, "/plans/2027/budget", "department=Productie", NULL), 303);
    b = budget_of(&a, 2027, "Productie");
    assert_int_equal(b.planned, 1300000);
    assert_int_equal(b.committed, 350025);
    /* the form shows the current amounts */
    exchange x;
    run_request(&x, db, "GET", "/plans/2027", admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "value=\"13000.00\""));
    assert_non_null(strstr(exchange_body(&x), "value=\"3500.25\""));
    exchange_free(&x);
    /* a wrong amount: the page comes back, filled in, the message names the field */
    assert_int_equal(post(true, "/plans/2027/budget", "department=Productie&planned=14000&"
                                                      "committed=veel", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Committed: give an amount such as 2.000 or 1.250,50."));
    assert_non_null(strstr(exchange_body(&x), "value=\"veel\""));
    assert_non_null(strstr(exchange_body(&x), "value=\"14000\""));
    assert_non_null(strstr(exchange_body(&x), "<form method=\"post\"")); /* a page, not a dead end */
    exchange_free(&x);
    b = budget_of(&a, 2027, "Productie");
    assert_int_equal(b.planned, 1300000);
    arena_free(&a);
}

static void test_initiatives_can_be_changed(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    plan p;
    plan_initiative *items;
    size_t n;
    assert_int_equal(plans_get(db, &a, 2027, &p), STORE_ROW);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_true(n > 0);
    plan_initiative was = items[0];
    char form[1024], target[64];
    /* the page offers the change, and opens the form filled in */
    exchange x;
    snprintf(target, sizeof target, "/plans/2027?edit=%lld", (long long)was.id);
    run_request(&x, db, "GET", target, admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Change the initiative"));
    assert_non_null(strstr(exchange_body(&x), "name=\"action\" value=\"update\""));
    assert_non_null(strstr(exchange_body(&x), was.title));
    exchange_free(&x);
    /* a wrong number comes back with what was sent and the field named */
    snprintf(form, sizeof form, "action=update&id=%lld&title=Veilig+heffen&target_group=iedereen"
                                "&participants=9&hours=zeven&type=formal", (long long)was.id);
    assert_int_equal(post(true, "/plans/2027/initiative", form, &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Hours per participant: give a number of hours"));
    assert_non_null(strstr(exchange_body(&x), "value=\"Veilig heffen\""));
    assert_non_null(strstr(exchange_body(&x), "value=\"zeven\""));
    exchange_free(&x);
    snprintf(form, sizeof form, "action=update&id=%lld&title=&target_group=iedereen",
             (long long)was.id);
    assert_int_equal(post(true, "/plans/2027/initiative", form, &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Initiative: this cannot stay empty."));
    exchange_free(&x);
    /* the change: blank numbers keep theirs; audited */
    int64_t audited = audit_count(db);
    snprintf(form, sizeof form, "action=update&id=%lld&title=Veilig+heffen&target_group=iedereen"
                                "&participants=9&hours=&cost=1.500&type=informal&working_time=no"
                                "&internal=yes", (long long)was.id);
    assert_int_equal(post(true, "/plans/2027/initiative", form, NULL), 303);
    assert_int_equal(audit_count(db), audited + 1);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    const plan_initiative *now = NULL;
    for (size_t i = 0; i < n; i++)
        if (items[i].id == was.id)
            now = &items[i];
    assert_non_null(now);
    assert_string_equal(now->title, "Veilig heffen");
    assert_int_equal(now->participants, 9);
    assert_int_equal(now->hours, was.hours);
    assert_int_equal(now->cost, 150000);
    assert_int_equal(now->working_time, 0);
    /* an initiative of another plan, or none, cannot be changed through this one */
    plan last;
    assert_int_equal(plans_get(db, &a, 2026, &last), STORE_ROW);
    assert_int_equal(plans_initiatives(db, &a, last.id, &items, &n), STORE_OK);
    snprintf(form, sizeof form, "action=update&id=%lld&title=X&target_group=Y&participants=1"
                                "&hours=1", (long long)items[0].id);
    assert_int_equal(post(true, "/plans/2027/initiative", form, NULL), 404);
    assert_int_equal(post(true, "/plans/2027/initiative", "action=update&id=0&title=X", NULL), 404);
    arena_free(&a);
}

static void test_a_second_plan_for_a_year(void **state)
{
    (void)state;
    exchange x;
    /* the form proposes the first year without a plan (the demo has 2025-2027) */
    run_request(&x, db, "GET", "/plans", admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "name=\"year\" type=\"number\" min=\"2000\" "
                                     "max=\"2199\" value=\"2028\""));
    exchange_free(&x);
    assert_int_equal(post(true, "/plans", "year=2027&copy=yes", &x), 409);
    assert_non_null(strstr(exchange_body(&x), "There is a training plan for 2027 already."));
    assert_non_null(strstr(exchange_body(&x), "href=\"/plans/2027\""));
    assert_null(strstr(exchange_body(&x), "went wrong"));
    exchange_free(&x);
    assert_int_equal(post(true, "/plans", "year=2027", &x), 409);
    exchange_free(&x);
    assert_int_equal(post(true, "/plans", "year=twintig", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Year: give a year such as 2027."));
    assert_non_null(strstr(exchange_body(&x), "value=\"twintig\""));
    exchange_free(&x);
}

static void test_no_advice_from_the_future(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    assert_int_equal(post(true, "/plans", "year=2032", NULL), 303);
    assert_int_equal(post(true, "/plans/2032/state",
                          "to=submitted&body=works_council&submitted_on=2026-06-01", NULL), 303);
    exchange x;
    assert_int_equal(post(false, "/plans/2032/state", "to=advised&advice_on=2026-06-16&"
                                                      "advice_kind=positive&advice_text=Prima",
                          &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Advice on: the advice cannot be given on a day still to "
                                     "come."));
    assert_non_null(strstr(exchange_body(&x), "Prima")); /* what was written stays */
    exchange_free(&x);
    assert_int_equal(post(false, "/plans/2032/comment", "text=+", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Your comment: this cannot stay empty."));
    exchange_free(&x);
    plan p;
    assert_int_equal(plans_get(db, &a, 2032, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_SUBMITTED);
    /* a missing date or a wrong one comes back too, on the form it came from */
    assert_int_equal(post(false, "/plans/2032/state", "to=advised&advice_on=31/02/2026&"
                                                      "advice_kind=positive", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Advice on: give a date that exists, as DD/MM/YYYY."));
    exchange_free(&x);
    /* today itself is fine */
    assert_int_equal(post(false, "/plans/2032/state", "to=advised&advice_on=15/06/2026&"
                                                      "advice_kind=positive", NULL), 303);
    assert_int_equal(plans_get(db, &a, 2032, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_ADVISED);
    assert_int_equal(post(true, "/plans/2032/state", "to=adopted&adopted_on=", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Adopted on: give a date that exists, as DD/MM/YYYY."));
    exchange_free(&x);
    assert_int_equal(post(true, "/plans", "year=2035", NULL), 303);
    assert_int_equal(post(true, "/plans/2035/state", "to=submitted&body=nobody&"
                                                     "submitted_on=2026-06-01", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Consulted body: choose one of the options."));
    assert_non_null(strstr(exchange_body(&x), "value=\"2026-06-01\""));
    exchange_free(&x);
    arena_free(&a);
}

/* The HR team found a submission to the council dated after today
 * accepted, and an advice dated before the submission with only "Some
 * dates come before the step they follow". Now a submission still to come
 * is refused, as the advice and the adoption are, and an advice before the
 * submission is saved (RULES.md §6: a warning, never a block) with a
 * warning of its own. Today is 2026-06-15. */
static void test_submission_dates_told_apart(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    exchange x;
    assert_int_equal(post(true, "/plans", "year=2036", NULL), 303);
    assert_int_equal(post(true, "/plans/2036/state", "to=submitted&body=works_council&"
                                                     "submitted_on=16/06/2026", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Submitted on: the plan cannot be submitted on a "
                                              "day still to come."));
    assert_non_null(strstr(exchange_body(&x), "value=\"16/06/2026\"")); /* as typed */
    exchange_free(&x);
    plan p;
    assert_int_equal(plans_get(db, &a, 2036, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_DRAFT);
    /* today is fine; the meeting may lie ahead */
    assert_int_equal(post(true, "/plans/2036/state", "to=submitted&body=works_council&"
                                                     "submitted_on=15/06/2026&"
                                                     "meeting_on=2026-07-15", NULL), 303);
    /* an advice dated before the submission is kept, with its own warning */
    assert_int_equal(post(false, "/plans/2036/state", "to=advised&advice_on=2026-06-01&"
                                                      "advice_kind=positive", NULL), 303);
    assert_int_equal(plans_get(db, &a, 2036, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_ADVISED);
    run_request(&x, db, "GET", "/plans/2036", admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "The advice is dated before the plan was "
                                              "submitted to the consulted body"));
    assert_null(strstr(exchange_body(&x), "Some dates come before the step they follow."));
    exchange_free(&x);
    arena_free(&a);
}

static void test_compare_while_one_side_has_not_answered(void **state)
{
    (void)state;
    exchange x;
    assert_int_equal(post(true, "/scans/readiness", "year=2033&s_vision.1=1&s_needs.1=1", NULL),
                     303);
    run_request(&x, db, "GET", "/scans/readiness/compare?year=2033", admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    const char *html = exchange_body(&x);
    assert_null(strstr(html, "(0 %"));
    assert_non_null(strstr(html, "not answered yet"));
    assert_non_null(strstr(html, "The representatives have not answered yet for this year"));
    /* priorities from the side that answered only */
    assert_non_null(strstr(html, "according to the employer"));
    assert_null(strstr(html, "according to both sides"));
    assert_null(strstr(html, "according to the representatives"));
    assert_null(strstr(html, "talk about it"));
    exchange_free(&x);
    /* over the years, a year this side did not answer says so */
    assert_int_equal(post(false, "/scans/readiness", "year=2034&s_vision.1=1", NULL), 303);
    run_request(&x, db, "GET", "/scans/readiness/compare?year=2033", rep, NULL, NULL);
    const char *progress = strstr(exchange_body(&x), "<h2>Progress");
    assert_non_null(progress);
    assert_non_null(strstr(progress, "not answered yet"));
    exchange_free(&x);
    /* nobody answered: no priorities at all */
    run_request(&x, db, "GET", "/scans/readiness/compare?year=2036", rep, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Neither side has answered yet for this year."));
    assert_null(strstr(exchange_body(&x), "Priorities"));
    exchange_free(&x);
    /* the block apart has its own heading on the form */
    run_request(&x, db, "GET", "/scans/readiness?year=2033", rep, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "<h2>Does the organisation encourage informal learning?"));
    exchange_free(&x);
}

static void test_evaluation_form_comes_back(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    plan p;
    plan_initiative *items;
    size_t n;
    assert_int_equal(plans_get(db, &a, 2026, &p), STORE_ROW);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_true(n > 1);
    int64_t id = items[1].id;
    char form[256];
    exchange x;
    snprintf(form, sizeof form, "rp_%lld=7&rh_%lld=veel&evaluation_notes=Goed+verlopen",
             (long long)id, (long long)id);
    assert_int_equal(post(true, "/plans/2026/evaluation", form, &x), 422);
    char message[256];
    snprintf(message, sizeof message, "Hours realised, %s: give a number of hours", items[1].title);
    assert_non_null(strstr(exchange_body(&x), message));
    assert_non_null(strstr(exchange_body(&x), "value=\"veel\""));
    assert_non_null(strstr(exchange_body(&x), "Goed verlopen</textarea>"));
    exchange_free(&x);
    snprintf(form, sizeof form, "rp_%lld=zeven", (long long)id);
    assert_int_equal(post(true, "/plans/2026/evaluation", form, &x), 422);
    assert_non_null(strstr(exchange_body(&x), "Participants realised, "));
    exchange_free(&x);
    /* nothing was saved; then the figures, typed the Belgian way, are */
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(items[1].realised_participants, -1);
    snprintf(form, sizeof form, "rp_%lld=7&rh_%lld=1.500&rc_%lld=2.000%%2C50", (long long)id,
             (long long)id, (long long)id);
    assert_int_equal(post(true, "/plans/2026/evaluation", form, NULL), 303);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(items[1].realised_participants, 7);
    assert_int_equal(items[1].realised_hours, 150000);
    assert_int_equal(items[1].realised_cost, 200050);
    arena_free(&a);
}

/* The demo's answers to the policy scan name statements the scan has. */
static void test_demo_answers_fit_the_scan(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    const struct embedded_file *f = embed_find(embedded_scans, "policy.nl.json");
    scan_def d;
    assert_true(scan_parse(&a, (const char *)f->data, f->len, &d));
    scan_answer *answers;
    size_t n;
    assert_int_equal(scan_answers_get(db, &a, "policy", 2026, "employer", 0, &answers, &n),
                     STORE_OK);
    size_t total = 0;
    for (size_t i = 0; i < d.naspects; i++)
        total += d.aspects[i].n;
    assert_int_equal(n, total);
    for (size_t k = 0; k < n; k++) {
        bool found = false;
        for (size_t i = 0; i < d.naspects; i++)
            for (size_t m = 0; m < d.aspects[i].n; m++)
                found |= strcmp(d.aspects[i].statements[m].id, answers[k].statement) == 0;
        if (!found)
            fail_msg("the demo answers %s, which the scan does not have", answers[k].statement);
    }
    arena_free(&a);
}

/* Removing an initiative asks first; only the confirmed form removes it. */
static void test_removing_an_initiative_asks_first(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    plan p;
    plan_initiative *items;
    size_t n, before;
    assert_int_equal(plans_get(db, &a, 2027, &p), STORE_ROW);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &before), STORE_OK);
    assert_true(before > 0);
    int64_t id = items[before - 1].id;
    char form[128], target[64];
    exchange x;
    snprintf(form, sizeof form, "action=delete&id=%lld", (long long)id);
    assert_int_equal(post(true, "/plans/2027/initiative", form, &x), 303);
    assert_non_null(strstr(response_get_header(&x.resp, "Location"), "?remove="));
    exchange_free(&x);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(n, before); /* nothing removed yet */
    snprintf(target, sizeof target, "/plans/2027?remove=%lld", (long long)id);
    run_request(&x, db, "GET", target, admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Yes, remove it"));
    assert_non_null(strstr(exchange_body(&x), "No, keep it"));
    exchange_free(&x);
    snprintf(form, sizeof form, "action=delete&id=%lld&confirm=yes", (long long)id);
    assert_int_equal(post(true, "/plans/2027/initiative", form, NULL), 303);
    assert_int_equal(plans_initiatives(db, &a, p.id, &items, &n), STORE_OK);
    assert_int_equal(n, before - 1);
    arena_free(&a);
}

/* The package on the site leads back to its plan; not the file of the
 * command line, which stands on its own. */
static void test_package_leads_back(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/plans/2026/package", admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "<a href=\"/plans/2026\">Back to the plan</a>"));
    exchange_free(&x);
    arena a = ARENA_INIT;
    str file = STR_INIT;
    assert_int_equal(plan_package_html(db, &a, 2026, &file), STORE_ROW);
    assert_null(strstr(str_cstr(&file), "Back to the plan"));
    str_free(&file);
    arena_free(&a);
}

/* GET TARGET as HR: the body (heap), the status 200. */
static char *admin_page(const char *target)
{
    exchange x;
    run_request(&x, db, "GET", target, admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    char *body = strdup(exchange_body(&x));
    exchange_free(&x);
    return body;
}

/* Adopting a plan the council has not advised on (RULES.md §6, policy.h
 * POLICY_ADOPT_*): before the council's meeting as after it, only with the
 * box "without the council's advice" ticked and a reason, which the plan
 * then shows beside the warning (a warning, never a block); never on a day
 * still to come. The walk adopted a plan submitted for a meeting two weeks
 * later, in one click. */
static void test_adopting_without_advice_asks_first(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    exchange x;
    assert_int_equal(post(true, "/plans", "year=2033", NULL), 303);
    assert_int_equal(post(true, "/plans/2033/state", "to=submitted&body=works_council&"
                                                     "submitted_on=2026-06-01&"
                                                     "meeting_on=2026-06-30", NULL), 303);
    char *body = admin_page("/plans/2033");
    assert_non_null(strstr(body, "name=\"adopted_on\""));
    assert_non_null(strstr(body, "name=\"without_advice\""));
    free(body);
    assert_int_equal(post(true, "/plans/2033/state", "to=adopted&adopted_on=2026-06-15", &x),
                     422);
    assert_non_null(strstr(exchange_body(&x), "tick this box to adopt the plan without it"));
    exchange_free(&x);
    plan p;
    assert_int_equal(plans_get(db, &a, 2033, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_SUBMITTED);
    /* the meeting was held, no advice came */
    setenv("GROEIPAD_TODAY", "2026-07-10", 1);
    body = admin_page("/plans/2033");
    assert_non_null(strstr(body, "name=\"without_advice\""));
    assert_non_null(strstr(body, "max=\"2026-07-10\""));
    free(body);
    assert_int_equal(post(true, "/plans/2033/state", "to=adopted&adopted_on=2026-07-10", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "tick this box to adopt the plan without it"));
    exchange_free(&x);
    assert_int_equal(post(true, "/plans/2033/state", "to=adopted&adopted_on=2026-07-10&"
                                                     "without_advice=yes&without_advice_reason=+",
                          &x), 422);
    assert_non_null(strstr(exchange_body(&x), "say why the plan is adopted without"));
    assert_non_null(strstr(exchange_body(&x), "name=\"without_advice\" value=\"yes\" checked"));
    exchange_free(&x);
    assert_int_equal(post(true, "/plans/2033/state", "to=adopted&adopted_on=2026-07-11&"
                                                     "without_advice=yes&"
                                                     "without_advice_reason=Geen+advies", &x),
                     422);
    assert_non_null(strstr(exchange_body(&x), "cannot be adopted on a day still to come"));
    exchange_free(&x);
    assert_int_equal(plans_get(db, &a, 2033, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_SUBMITTED);
    assert_int_equal(post(true, "/plans/2033/state", "to=adopted&adopted_on=2026-07-10&"
                                                     "without_advice=yes&without_advice_reason="
                                                     "De+raad+gaf+binnen+de+termijn+geen+advies",
                          NULL), 303);
    assert_int_equal(plans_get(db, &a, 2033, &p), STORE_ROW);
    assert_int_equal(p.state, PLAN_ADOPTED);
    body = admin_page("/plans/2033");
    assert_non_null(strstr(body, "Adopted without the council&#39;s advice: "
                                 "De raad gaf binnen de termijn geen advies"));
    free(body);
    setenv("GROEIPAD_TODAY", "2026-06-15", 1);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amounts_the_belgian_way),
        cmocka_unit_test(test_budget_form_keeps_and_comes_back),
        cmocka_unit_test(test_initiatives_can_be_changed),
        cmocka_unit_test(test_a_second_plan_for_a_year),
        cmocka_unit_test(test_no_advice_from_the_future),
        cmocka_unit_test(test_submission_dates_told_apart),
        cmocka_unit_test(test_adopting_without_advice_asks_first),
        cmocka_unit_test(test_compare_while_one_side_has_not_answered),
        cmocka_unit_test(test_evaluation_form_comes_back),
        cmocka_unit_test(test_demo_answers_fit_the_scan),
        cmocka_unit_test(test_removing_an_initiative_asks_first),
        cmocka_unit_test(test_package_leads_back),
    };
    return cmocka_run_group_tests_name("plan forms", tests, setup, teardown);
}
