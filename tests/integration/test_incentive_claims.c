/* test_incentive_claims.c - incentives through the web as HR uses them (issue 15):
 * the demo's training-leave refund and SME-wallet cap on the HR page, a
 * claim above its cap refused with what is left, a claim's way to paid that
 * fills its record's subsidy and so the social balance's subsidy codes
 * (learning_totals kept exact), overlapping parameters refused, next year's
 * figures closing the open ones, and the claim list as CSV. The day is
 * fixed: GROEIPAD_TODAY=2026-11-29, school year 2026-27. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "app/badges.h"
#include "web/pages.h"
#include "app/reports.h"
#include "app/incentives.h"
#include "store/data.h"

static store *db;
static char *admin;
static char admin_csrf[65];

static int setup(void **state)
{
    (void)state;
    setenv("GROEIPAD_TODAY", "2026-11-29", 1);
    db = demo_store(test_path("incentives.db"));
    admin = login_cookie(db, "admin", "demo-admin", admin_csrf);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "admin", &u, NULL), STORE_ROW);
    assert_int_equal(users_set_lang(db, u.id, "en"), STORE_OK);
    arena_free(&a);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(admin);
    store_close(db);
    unsetenv("GROEIPAD_TODAY");
    return 0;
}

/* POSTs FORM (the token added) as the admin; the exchange in *KEEP when not
 * NULL. */
static int post(const char *target, const char *form, exchange *keep)
{
    char body[2048];
    snprintf(body, sizeof body, "csrf=%s&%s", admin_csrf, form);
    exchange x;
    run_request(&x, db, "POST", target, admin, body, NULL);
    int status = x.resp.status;
    if (keep)
        *keep = x;
    else
        exchange_free(&x);
    return status;
}

/* The body of GET TARGET as the admin (heap). */
static char *get(const char *target, int *status)
{
    exchange x;
    run_request(&x, db, "GET", target, admin, NULL, NULL);
    *status = x.resp.status;
    char *body = strdup(exchange_body(&x));
    exchange_free(&x);
    return body;
}

/* The formal subsidies of YEAR's social balance (M + F + X), in cents, as
 * the report (app/reports.c, which reads learning_totals) gives them. */
static int64_t formal_subsidies(int year)
{
    arena a = ARENA_INIT;
    report_query q = {REPORT_SOCIAL_BALANCE, year, 0, 0, ROLE_ADMIN, 0, REPORT_JSON, false};
    report_output out;
    str err = STR_INIT;
    assert_int_equal(report_build(db, &a, &q, &out, &err), REPORT_OK);
    json_error_t e;
    json_t *j = json_loads(str_cstr(&out.json), 0, &e);
    assert_non_null(j);
    json_t *sub = json_object_get(json_object_get(j, "formal"), "subsidies");
    double sum = json_number_value(json_object_get(sub, "M")) +
                 json_number_value(json_object_get(sub, "F")) +
                 json_number_value(json_object_get(sub, "X"));
    json_decref(j);
    str_free(&out.json);
    str_free(&err);
    arena_free(&a);
    return (int64_t)(sum * 100 + (sum >= 0 ? 0.5 : -0.5));
}

static void test_demo_page_shows_refund_and_sme_cap(void **state)
{
    (void)state;
    int status;
    char *body = get("/incentives", &status);
    assert_int_equal(status, 200);
    /* 2026-27: E003 (80 %) 100 h x 14,91 = 1.491,00; E005 (full time, 150 h
     * taken) 125 h = 1.863,75; E006 40 h = 596,40 (its 24 h course is too
     * short): 3.951,15 to claim, by 31 December 2027. */
    assert_non_null(strstr(body, "€ 3,951.15"));
    assert_non_null(strstr(body, "2027-12-31"));
    /* SME wallet 2026: 480,00 paid and 700,00 filed of 7.500,00. */
    assert_non_null(strstr(body, "€ 6,320.00"));
    assert_non_null(strstr(body, "occupation below the minimum")); /* the half-timer */
    free(body);
    /* French writes the sign after the amount, kept to it; Dutch before */
    arena a = ARENA_INIT;
    request fr = {.a = &a, .lang = "fr"}, nl = {.a = &a, .lang = "nl"};
    assert_string_equal(show_euro(&fr, 632000), "6\u202f320,00\u202f€");
    assert_string_equal(show_euro(&nl, 632000), "€ 6.320,00");
    arena_free(&a);
    /* The same numbers on the claim list. */
    body = get("/incentives?year=2026&format=csv", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(body, "school_year,employee_id,name,fte,courses,eligible_hours,"
                                 "cap_hours,hours_counted,rate_per_hour,refund,claimed,paid\r\n"));
    assert_non_null(strstr(body, "2026-27,E003,Dries De Backer,0.8,2,112,100,100,14.91,1491,0,0"));
    assert_non_null(strstr(body, "2026-27,E005,Ruben Coppens,1,3,150,125,125,14.91,1863.75,0,0"));
    free(body);
    /* And for scripts. */
    body = get("/api/v1/incentives?year=2026", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(body, "{\"code\":\"sme_wallet\",\"kind\":\"sme_wallet\","
                                 "\"period\":\"calendar_year\",\"from\":\"2026-01-01\","
                                 "\"to\":\"2026-12-31\",\"to_file\":0,\"filed\":700,"
                                 "\"paid\":480,\"refused\":0,\"claimable\":null,"
                                 "\"cap_left\":6320,\"file_by\":null}"));
    assert_non_null(strstr(body, "\"claimable\":3951.15,"));
    assert_non_null(strstr(body, "{\"employee_id\":\"E003\",\"fte\":0.8,\"eligible_hours\":112,"
                                 "\"cap_hours\":100,\"counted_hours\":100,\"rate_per_hour\":14.91,"
                                 "\"refund\":1491,\"claimed\":0,\"paid\":0}"));
    free(body);
    assert_int_equal(status_as(db, "manager", "demo-manager", "/api/v1/incentives"), 403);
}

static void test_claim_above_cap_is_refused_with_what_is_left(void **state)
{
    (void)state;
    int64_t before = audit_count(db);
    exchange x;
    assert_int_equal(post("/incentives/claims", "scheme=1&employee=E003&year=2026&amount=1491,01",
                          &x), 422);
    assert_non_null(strstr(exchange_body(&x), "That is above the cap: € 1,491.00 is left."));
    exchange_free(&x);
    assert_int_equal(audit_count(db), before); /* nothing changed */
    /* The whole refund, then nothing is left. */
    assert_int_equal(post("/incentives/claims", "scheme=1&employee=E003&year=2026", NULL), 303);
    assert_int_equal(post("/incentives/claims", "scheme=1&employee=E003&year=2026", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "This refund is claimed already."));
    exchange_free(&x);
}

/* The id of the newest claim. */
static int64_t newest_claim(void)
{
    return store_count(db, "SELECT max(id) FROM incentive_claims");
}

static void test_paid_claim_fills_subsidy_and_social_balance(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    /* A course of E012 this year costing 1.000,00: the SME wallet's 20 %
     * (De Schelde is medium-sized) is 200,00. It started 9 days ago: within
     * the SME wallet's term to file (14 days). */
    int64_t row = employees_row(db, "E012");
    assert_true(row > 0);
    learning_record r = {0};
    r.own_type = r.type = TYPE_FORMAL;
    r.title = "Test course";
    r.start_date = r.end_date = date_from_ymd(2026, 11, 20);
    r.hours = 1600;
    r.cost = 100000;
    r.result = RESULT_COMPLETED;
    r.working_time = 1;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_insert(db, &r, row, 0)), STORE_OK);
    int64_t record = store_count(db, "SELECT max(id) FROM learning_records");
    int64_t subsidies = formal_subsidies(2026);
    char form[128];
    exchange x;
    /* More than 20 %. */
    snprintf(form, sizeof form, "scheme=3&record=%lld&year=2026&amount=200,01", (long long)record);
    assert_int_equal(post("/incentives/claims", form, &x), 422);
    assert_non_null(strstr(exchange_body(&x), "at most € 200.00"));
    exchange_free(&x);
    snprintf(form, sizeof form, "scheme=3&record=%lld&year=2026", (long long)record);
    assert_int_equal(post("/incentives/claims", form, NULL), 303);
    int64_t claim = newest_claim();
    char target[64];
    snprintf(target, sizeof target, "/incentives/claims/%lld", (long long)claim);
    /* Not paid before it is filed. */
    assert_int_equal(post(target, "to=paid&paid=200", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "That step does not follow"));
    exchange_free(&x);
    assert_int_equal(formal_subsidies(2026), subsidies);
    assert_int_equal(post(target, "to=filed&reference=KMO-1", NULL), 303);
    assert_int_equal(post(target, "to=paid&paid=199,50", NULL), 303);
    incentive_claim c;
    assert_int_equal(incentive_claim_get(db, &a, claim, &c), STORE_ROW);
    assert_int_equal(c.status, CLAIM_PAID);
    assert_int_equal(c.paid_amount, 19950);
    assert_string_equal(c.reference, "KMO-1");
    learning_record got;
    int64_t emp;
    assert_int_equal(learning_get(db, &a, record, &got, &emp), STORE_ROW);
    assert_int_equal(got.subsidy, 19950);
    /* The social balance follows, from learning_totals, exactly as a rebuild
     * from the records gives it. */
    assert_int_equal(formal_subsidies(2026), subsidies + 19950);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_totals_rebuild(db)), STORE_OK);
    assert_int_equal(formal_subsidies(2026), subsidies + 19950);
    /* Paid is final. */
    assert_int_equal(post(target, "to=refused", NULL), 422);
    /* What is left of the SME cap: 7.500 - 480 - 700 - 199,50. */
    incentive_year y;
    assert_int_equal(incentive_year_load(db, &a, 2026, &y), STORE_OK);
    assert_int_equal(incentive_year_kind(&y, KIND_SME_WALLET)->cap_left, 612050);
    arena_free(&a);
}

/* Adds a course of E012 titled TITLE starting on START costing 1.000,00;
 * its record id. */
static int64_t cost_course(const char *title, date_t start)
{
    int64_t row = employees_row(db, "E012");
    assert_true(row > 0);
    learning_record r = {0};
    r.own_type = r.type = TYPE_FORMAL;
    r.title = title;
    r.start_date = r.end_date = start;
    r.hours = 1600;
    r.cost = 100000;
    r.result = RESULT_COMPLETED;
    r.working_time = 1;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_insert(db, &r, row, 0)), STORE_OK);
    return store_count(db, "SELECT max(id) FROM learning_records");
}

/* The SME wallet's new-claim form of the HR page (heap), or NULL. */
static char *sme_form(void)
{
    int status;
    char *body = get("/incentives", &status);
    assert_int_equal(status, 200);
    char *from = strstr(body, "id=\"claim-sme_wallet\"");
    char *to = from ? strstr(from, "</form>") : NULL;
    char *form = to ? strndup(from, (size_t)(to - from)) : NULL;
    free(body);
    return form;
}

/* The SME wallet asks for the claim within 14 calendar days of the
 * course's start (a dated parameter of the scheme, migration 013): the HR
 * page no longer offers a course past that term, says the last day to file
 * for the others, and a claim past it is refused. Today is 2026-11-29. */
static void test_sme_wallet_claim_within_its_term(void **state)
{
    (void)state;
    int64_t late = cost_course("Late SME course", date_from_ymd(2026, 11, 14));
    int64_t last_day = cost_course("Last-day SME course", date_from_ymd(2026, 11, 15));
    char *form = sme_form();
    assert_non_null(form);
    /* started 15 days ago: its last day was yesterday */
    assert_null(strstr(form, "Late SME course"));
    /* the demo's course of early September neither */
    assert_null(strstr(form, "Opleiding preventieadviseur niveau 3"));
    /* started 14 days ago: today is its last day, and the form says so */
    char *option = strstr(form, "Last-day SME course");
    assert_non_null(option);
    assert_non_null(strstr(option, "file by 2026-11-29"));
    free(form);
    /* the vouchers set no such term: the late course is offered there */
    int status;
    char *body = get("/incentives", &status);
    char *voucher = strstr(body, "id=\"claim-voucher\"");
    assert_non_null(voucher);
    assert_non_null(strstr(voucher, "Late SME course"));
    /* the scheme's line says the term from its figures */
    assert_non_null(strstr(body, "14 days after the course starts"));
    free(body);
    /* a claim past the term is refused, saying its last day; nothing changes */
    int64_t before = audit_count(db);
    char f[128];
    exchange x;
    snprintf(f, sizeof f, "scheme=3&record=%lld&year=2026", (long long)late);
    assert_int_equal(post("/incentives/claims", f, &x), 422);
    assert_non_null(strstr(exchange_body(&x), "The term to file a claim for this course has "
                                              "passed: the last day was 2026-11-28."));
    exchange_free(&x);
    assert_int_equal(audit_count(db), before);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM incentive_claims WHERE record_id = %lld",
             (long long)late);
    assert_int_equal(store_count(db, sql), 0);
    /* on its last day it is still in time */
    snprintf(f, sizeof f, "scheme=3&record=%lld&year=2026", (long long)last_day);
    assert_int_equal(post("/incentives/claims", f, NULL), 303);
    /* and the claim to file says by when */
    body = get("/incentives", &status);
    char *claim = strstr(body, "<td>Last-day SME course</td>");
    assert_non_null(claim);
    char *row_end = strstr(claim, "</tr>");
    assert_non_null(row_end);
    *row_end = '\0';
    assert_non_null(strstr(claim, "file by 2026-11-29"));
    free(body);
    /* the existing claims and figures are as they were */
    arena a = ARENA_INIT;
    incentive_year y;
    assert_int_equal(incentive_year_load(db, &a, 2026, &y), STORE_OK);
    const scheme_year *sme = incentive_year_kind(&y, KIND_SME_WALLET);
    assert_int_equal(sme->params->share, 3000);
    assert_int_equal(sme->params->share_medium, 2000);
    assert_int_equal(sme->params->cap_amount, 750000);
    arena_free(&a);
}

static void test_paid_leave_refund_goes_to_the_courses(void **state)
{
    (void)state;
    int64_t subsidies = formal_subsidies(2026);
    /* E005: 60 + 50 h counted whole, 15 h of the third course: 1.863,75. */
    assert_int_equal(post("/incentives/claims", "scheme=1&employee=E005&year=2026", NULL), 303);
    int64_t claim = newest_claim();
    char target[64];
    snprintf(target, sizeof target, "/incentives/claims/%lld", (long long)claim);
    assert_int_equal(post(target, "to=filed", NULL), 303);
    assert_int_equal(post(target, "to=paid&paid=1.863,75", NULL), 303);
    /* Split 60 : 50 : 15 over the courses: 894,60 + 745,50 + 223,65. */
    assert_int_equal(formal_subsidies(2026), subsidies + 186375);
    assert_int_equal(store_count(db, "SELECT sum(subsidy) FROM learning_records WHERE title LIKE "
                                     "'Avondopleiding elektromechanica, module 1'"), 89460);
    assert_int_equal(store_count(db, "SELECT sum(subsidy) FROM learning_records WHERE title LIKE "
                                     "'Avondopleiding elektromechanica, module 3'"), 22365);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, learning_totals_rebuild(db)), STORE_OK);
    assert_int_equal(formal_subsidies(2026), subsidies + 186375);
}

static void test_parameters_are_dated_and_never_overlap(void **state)
{
    (void)state;
    int64_t before = store_count(db, "SELECT count(*) FROM incentive_parameters");
    exchange x;
    /* Inside the open-ended 2025 figures, but starting before them: refused. */
    assert_int_equal(post("/incentives/schemes/training_leave",
                          "valid_from=2025-01-01&valid_to=2025-12-31&rate_per_hour=14", &x), 422);
    assert_non_null(strstr(exchange_body(&x), "overlap"));
    exchange_free(&x);
    assert_int_equal(post("/incentives/schemes/training_leave",
                          "valid_from=2027-09-01&valid_to=2027-08-01&rate_per_hour=14", NULL), 422);
    assert_int_equal(post("/incentives/schemes/training_leave",
                          "valid_from=2027-09-01&share=101", NULL), 422);
    assert_int_equal(store_count(db, "SELECT count(*) FROM incentive_parameters"), before);
    /* Next school year's figures close the open ones on 31 August 2027. */
    assert_int_equal(post("/incentives/schemes/training_leave",
                          "valid_from=1/09/2027&rate_per_hour=15,20&cap_hours=125&min_hours=32"
                          "&min_occupation=80", NULL), 303);
    assert_int_equal(store_count(db, "SELECT count(*) FROM incentive_parameters"), before + 1);
    arena a = ARENA_INIT;
    incentive_scheme *s;
    size_t n;
    assert_int_equal(incentive_schemes_load(db, &a, &s, &n), STORE_OK);
    const incentive_scheme *leave = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i].kind == KIND_TRAINING_LEAVE)
            leave = &s[i];
    assert_non_null(leave);
    assert_int_equal(leave->nparams, 2);
    assert_int_equal(leave->params[0].valid_to, date_from_ymd(2027, 8, 31));
    assert_int_equal(leave->params[1].rate_per_hour, 1520);
    assert_int_equal(leave->params[1].min_occupation, 8000);
    /* A sector fund's scheme, its code once only, with its figures. */
    assert_int_equal(post("/incentives/schemes", "code=cevora&name=Sector+fund+courses&kind="
                          "sector_fund&period=calendar_year&per_employee=no", NULL), 303);
    assert_int_equal(post("/incentives/schemes", "code=cevora&name=Again&kind=sector_fund&"
                          "period=calendar_year", NULL), 422);
    assert_int_equal(post("/incentives/schemes", "code=Bad+Code&name=X&kind=other&"
                          "period=calendar_year", NULL), 422);
    assert_int_equal(post("/incentives/schemes/cevora", "valid_from=2026-01-01&cap_amount=2000",
                          NULL), 303);
    assert_int_equal(incentive_schemes_load(db, &a, &s, &n), STORE_OK);
    assert_int_equal(n, 4);
    assert_string_equal(s[0].code, "cevora");
    assert_int_equal(s[0].kind, KIND_SECTOR_FUND);
    assert_int_equal(s[0].per_employee, 0);
    assert_int_equal(s[0].nparams, 1);
    assert_int_equal(s[0].params[0].cap_amount, 200000);
    assert_int_equal(s[0].params[0].share, -1);
    arena_free(&a);
}

static void test_only_hr_sees_incentives(void **state)
{
    (void)state;
    assert_int_equal(status_as(db, "manager", "demo-manager", "/incentives"), 403);
    assert_int_equal(status_as(db, "representative", "demo-representative", "/incentives"), 403);
    assert_int_equal(status_as(db, "employee", "demo-employee", "/incentives/schemes"), 403);
}

/* The learning claim of employee E010 with STATUS (the first found). */
static int64_t claim_of(const char *status)
{
    arena a = ARENA_INIT;
    learning_claim *c;
    size_t n;
    int64_t row = employees_row(db, "E010"), id = 0;
    assert_int_equal(claims_list(db, &a, row, 0, false, &c, &n), STORE_OK);
    for (size_t i = 0; i < n && !id; i++)
        if (strcmp(c[i].status, status) == 0)
            id = c[i].id;
    arena_free(&a);
    assert_true(id > 0);
    return id;
}

static void test_badges_for_confirmed_learning_only(void **state)
{
    (void)state;
    char csrf[65], form[128];
    arena la = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &la, "employee", &u, NULL), STORE_ROW);
    assert_int_equal(users_set_lang(db, u.id, "en"), STORE_OK);
    arena_free(&la);
    char *worker = login_cookie(db, "employee", "demo-employee", csrf);
    exchange x;
    /* Pending learning gets no badge, and nothing is written. */
    int64_t before = store_count(db, "SELECT count(*) FROM badges");
    snprintf(form, sizeof form, "csrf=%s&claim=%lld", csrf, (long long)claim_of("pending"));
    run_request(&x, db, "POST", "/my/badges", worker, form, NULL);
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "only for learning your manager confirmed"));
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM badges"), before);
    /* Confirmed learning does, once. */
    snprintf(form, sizeof form, "csrf=%s&claim=%lld", csrf, (long long)claim_of("confirmed"));
    run_request(&x, db, "POST", "/my/badges", worker, form, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    run_request(&x, db, "POST", "/my/badges", worker, form, NULL);
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    arena a = ARENA_INIT;
    badge *b;
    size_t n;
    assert_int_equal(badges_list(db, &a, employees_row(db, "E010"), &b, &n), STORE_OK);
    assert_int_equal(n, 1);
    /* The download is the signed JWT; its signature holds with the
     * organisation's key and breaks with one changed character. */
    char target[128];
    snprintf(target, sizeof target, "/my/badges/%s", b[0].public_id);
    run_request(&x, db, "GET", target, worker, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_string_equal(exchange_body(&x), b[0].jwt);
    exchange_free(&x);
    char key[65];
    assert_int_equal(signing_key_public(db, b[0].key_id, key), STORE_ROW);
    json_t *payload;
    assert_true(badge_jwt_verify(b[0].jwt, key, &payload));
    json_t *types = json_object_get(payload, "type");
    assert_string_equal(json_string_value(json_array_get(types, 1)), "OpenBadgeCredential");
    assert_string_equal(json_string_value(json_object_get(payload, "jti")),
                        json_string_value(json_object_get(payload, "id")));
    json_decref(payload);
    char *forged = strdup(b[0].jwt);
    char *p = strchr(forged, '.') + 5;
    *p = *p == 'A' ? 'B' : 'A';
    assert_false(badge_jwt_verify(forged, key, NULL));
    free(forged);
    /* Another employee cannot download it; anyone can verify it. */
    assert_int_equal(status_as(db, "mentor", "demo-mentor", target), 404);
    snprintf(target, sizeof target, "/badges/%s", b[0].public_id);
    run_request(&x, db, "GET", target, NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "data-status=\"valid\""));
    exchange_free(&x);
    /* Revoked: the verification page says so. */
    char revoke[128];
    snprintf(revoke, sizeof revoke, "/badges/%s/revoke", b[0].public_id);
    assert_int_equal(post(revoke, "", NULL), 303); /* asks first: still valid */
    run_request(&x, db, "GET", target, NULL, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "data-status=\"valid\""));
    exchange_free(&x);
    assert_int_equal(post(revoke, "confirm=yes", NULL), 303);
    run_request(&x, db, "GET", target, NULL, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "data-status=\"revoked\""));
    exchange_free(&x);
    free(worker);
    arena_free(&a);
}

static void test_figures_from_an_update_file(void **state)
{
    (void)state;
    const char *path = test_path("figures.db");
    char *out = NULL;
    assert_int_equal(gp(path, "init", NULL, NULL), 0);
    /* Next school year's training leave, as Belgian Excel saves it. */
    const char *file = write_file("figures.csv",
                                  "scheme;valid_from;rate_per_hour;cap_hours;min_hours;"
                                  "min_occupation\r\ntraining_leave;1/09/2026;15,20;125;32;80\r\n");
    char args[512];
    snprintf(args, sizeof args, "incentives figures %s", file);
    assert_int_equal(gp(path, args, NULL, NULL), 0);
    assert_int_equal(gp(path, "incentives list", NULL, &out), 0);
    assert_string_equal(out,
        "scheme,valid_from,valid_to,rate_per_hour,share,share_medium,cap_hours,cap_amount,"
        "min_hours,min_occupation,file_within_days\r\n"
        "sme_wallet,2025-01-01,,,30.00,20.00,,7500.00,,,14\r\n"
        "training_leave,2025-09-01,2026-08-31,14.91,,,125.00,,32.00,80.00,\r\n"
        "training_leave,2026-09-01,,15.20,,,125.00,,32.00,80.00,\r\n"
        "voucher,2025-09-01,,,50.00,,,125.00,,,\r\n");
    free(out);
    /* A period inside another, after a good row: nothing changes. */
    uint64_t before = db_digest(path);
    assert_int_equal(gp(path, "incentives figures - 2>&1",
                        "scheme,valid_from,valid_to,share\nsme_wallet,2030-01-01,,25\n"
                        "voucher,2025-10-01,2025-12-31,40\n", &out), 1);
    assert_non_null(strstr(out, "-:3: the period overlaps the figures of scheme voucher from "
                                "2025-09-01"));
    free(out);
    assert_int_equal(db_digest(path), before);
    assert_int_equal(gp(path, "incentives figures - 2>&1", "scheme,valid_from,rate\n", &out), 1);
    assert_non_null(strstr(out, "unknown column 'rate'"));
    free(out);
    /* a term beyond reason is named as such */
    assert_int_equal(gp(path, "incentives figures - 2>&1",
                        "scheme,valid_from,share,file_within_days\nsme_wallet,2027-01-01,30,"
                        "4000\n", &out), 1);
    assert_non_null(strstr(out, "-:2: file_within_days above 3660 days"));
    free(out);
    /* A file without the column keeps the term of the figures before; a
     * blank cell in a file with it says there is none. */
    assert_int_equal(gp(path, "incentives figures - 2>&1",
                        "scheme,valid_from,share,share_medium,cap_amount\n"
                        "sme_wallet,2027-01-01,30,20,7500\n", NULL), 0);
    assert_int_equal(gp(path, "incentives figures - 2>&1",
                        "scheme,valid_from,share,share_medium,cap_amount,file_within_days\n"
                        "sme_wallet,2028-01-01,30,20,7500,\n", NULL), 0);
    assert_int_equal(gp(path, "incentives list", NULL, &out), 0);
    assert_non_null(strstr(out, "sme_wallet,2027-01-01,2027-12-31,,30.00,20.00,,7500.00,,,14\r\n"
                                "sme_wallet,2028-01-01,,,30.00,20.00,,7500.00,,,\r\n"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_page_shows_refund_and_sme_cap),
        cmocka_unit_test(test_claim_above_cap_is_refused_with_what_is_left),
        cmocka_unit_test(test_paid_claim_fills_subsidy_and_social_balance),
        cmocka_unit_test(test_paid_leave_refund_goes_to_the_courses),
        cmocka_unit_test(test_sme_wallet_claim_within_its_term),
        cmocka_unit_test(test_parameters_are_dated_and_never_overlap),
        cmocka_unit_test(test_only_hr_sees_incentives),
        cmocka_unit_test(test_badges_for_confirmed_learning_only),
        cmocka_unit_test(test_figures_from_an_update_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
