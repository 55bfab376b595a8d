/* test_walk_forms.c - what a walk through every form of the demo with wrong
 * input found, kept fixed: a refused form said "something went wrong on our
 * side", long texts (a monthly review, a need, a development conversation,
 * a scheme's figures) were lost on a refusal, a negative cost was answered
 * with a bound of 23 thousand billion, and closing a session or refusing a
 * claim - both final, one button beside another - happened at one click.
 * On SQLite and on PostgreSQL; the pages in Dutch, the default language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "util/crypto.h"
#include "util/date.h"
#include "util/str.h"
#include "store/data.h"
#include "store/evaluation.h"
#include "store/sessions.h"
#include "app/training.h"
#include "core/onboarding.h"
#include "core/policy.h"
#include "web/router.h"

static store *db;
static char *cookie;
static char csrf[65];

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("forms.db"));
    cookie = login_cookie(db, "admin", "demo-admin", csrf);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(cookie);
    store_close(db);
    return 0;
}

/* POSTs urlencoded FIELDS to TARGET as the admin into X, freed by the
 * caller. */
static void post(exchange *x, const char *target, const char *fields)
{
    str body = STR_INIT;
    str_printf(&body, "csrf=%s&%s", csrf, fields);
    assert_true(str_ok(&body));
    run_request(x, db, "POST", target, cookie, str_cstr(&body), NULL);
    str_free(&body);
}

/* Fails unless TEXT holds NEEDLE, showing TEXT when it does not. */
static void holds(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("no \"%s\" in:\n%s", needle, text);
}

/* 1. A form refused for what was typed is headed as such, not as our
 * fault, and tells how to get back to the form with what was typed. */
static void test_refused_form_is_not_our_fault(void **state)
{
    (void)state;
    exchange x;
    post(&x, "/evaluation/remark", "year=2026");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    holds(body, "<h1>Niet bewaard: verbeter het formulier</h1>");
    holds(body, "Met de knop Terug van je browser kom je weer bij het formulier");
    assert_null(strstr(body, "Er ging bij ons iets mis"));
    exchange_free(&x);
}

/* 2. A monthly review refused for its date comes back with its texts. */
static void test_review_keeps_its_text(void **state)
{
    (void)state;
    int64_t before = store_count(db, "SELECT count(*) FROM onboarding_reviews");
    exchange x;
    post(&x, "/onboarding/E045/review",
         "on=31%2F02%2F2026&practised=Zelf+de+ploeg+gestart&mastered=%3Cb%3Ex%3C%2Fb%3E&"
         "next_plan=");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    holds(body, "Niet bewaard: Geef een datum die bestaat, als DD/MM/JJJJ of JJJJ-MM-DD.");
    holds(body, "name=\"on\" type=\"text\" required value=\"31/02/2026\"");
    holds(body, ">Zelf de ploeg gestart</textarea>");
    holds(body, ">&lt;b&gt;x&lt;/b&gt;</textarea>");
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM onboarding_reviews"), before);
}

/* 3. A need refused for an unknown person keeps what was typed and says
 * what was expected; a development conversation refused for its date
 * keeps its notes. */
static void test_need_and_conversation_keep_their_text(void **state)
{
    (void)state;
    exchange x;
    post(&x, "/needs", "title=Heftruck+opfrissen&scope=person&employee_id=E999&"
                       "source=manager&priority=high");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    holds(body, "Niet bewaard: Het formulier verwacht het personeelsnummer van een medewerker");
    holds(body, "href=\"#need-new\"");
    holds(body, "name=\"title\" required maxlength=\"200\" value=\"Heftruck opfrissen\"");
    holds(body, "name=\"employee_id\" value=\"E999\"");
    holds(body, "<option value=\"high\" selected>");
    exchange_free(&x);

    post(&x, "/employees/E001/development",
         "year=2026&what=conversation&conversation_on=31%2F02%2F2026&conversation_with=E002&"
         "notes=Wil+ploegleider+worden");
    assert_int_equal(x.resp.status, 422);
    body = exchange_body(&x);
    holds(body, "Niet bewaard: Het formulier verwacht een datum");
    holds(body, "href=\"#dev-conversation\"");
    holds(body, "name=\"conversation_on\" value=\"31/02/2026\"");
    holds(body, "name=\"conversation_with\" value=\"E002\"");
    holds(body, ">Wil ploegleider worden</textarea>");
    exchange_free(&x);
    /* saved, the conversation names the person it was with, not a number */
    post(&x, "/employees/E001/development",
         "year=2026&what=conversation&conversation_on=2026-01-20&conversation_with=E002&"
         "notes=Wil+ploegleider+worden");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees/E001/development?year=2026", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    body = exchange_body(&x);
    employee other;
    arena a = ARENA_INIT;
    assert_int_equal(employees_get(db, &a, "E002", &other), STORE_ROW);
    const char *with = strstr(body, "<dd translate=\"no\">");
    assert_non_null(with);
    assert_non_null(strstr(with, other.last_name));
    arena_free(&a);
    exchange_free(&x);
}

/* 4. Refused figures of a scheme come back in their own form. */
static void test_scheme_figures_come_back(void **state)
{
    (void)state;
    exchange x;
    post(&x, "/incentives/schemes/voucher", "valid_from=31%2F02%2F2027&valid_to=&"
                                            "rate_per_hour=14%2C91&share=50");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    holds(body, "name=\"valid_from\" value=\"31/02/2027\"");
    holds(body, "name=\"rate_per_hour\" value=\"14,91\"");
    holds(body, "name=\"share\" value=\"50\"");
    exchange_free(&x);
}

/* 5. A negative cost is answered with what is allowed, not with the
 * overflow guard behind it. */
static void test_negative_cost_says_at_least_zero(void **state)
{
    (void)state;
    exchange x;
    post(&x, "/employees/E001/learning", "activity_code=HACCP&start_date=2026-11-02&hours=4&"
                                         "cost=-3&result=completed");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    holds(body, "minstens 0");
    assert_null(strstr(body, "23058430092136940"));
    exchange_free(&x);
}

/* 6. Closing a session asks first (its button sits beside "Save
 * attendance"); it closes only when confirmed. A session still to come
 * has no close button that could only answer "not yet". */
static void test_close_asks_first(void **state)
{
    (void)state;
    /* the SQL texts are static: the store keeps its statements by their
     * text's address, which a buffer on the stack would share with
     * another test's */
    static char sql[400], state_sql[128], coming_sql[400];
    char today[DATE_TEXT_SIZE], target[64], back[64];
    date_format(date_today(), today);
    snprintf(sql, sizeof sql, "SELECT coalesce(min(s.id), 0) FROM training_sessions s WHERE "
                              "s.state = 'planned' AND NOT EXISTS (SELECT 1 FROM session_dates d "
                              "WHERE d.session_id = s.id AND d.day > '%s')", today);
    int64_t ended = store_count(db, sql);
    assert_true(ended > 0); /* the demo holds one, ended and not yet closed */
    snprintf(target, sizeof target, "/sessions/%lld/close", (long long)ended);
    snprintf(back, sizeof back, "href=\"/sessions/%lld/attendance\"", (long long)ended);
    snprintf(state_sql, sizeof state_sql, "SELECT count(*) FROM training_sessions WHERE "
                                          "id = %lld AND state = 'closed'", (long long)ended);
    /* nobody's attendance is registered yet: closing names them and has
     * no button to close, and a close sent anyway is refused (a person
     * left on "-" never becomes a no-show who owes the fee) */
    arena a = ARENA_INIT;
    enrolment *missing;
    size_t nmissing;
    assert_int_equal(training_unregistered(db, &a, ended, &missing, &nmissing), STORE_OK);
    assert_true(nmissing >= 3);
    exchange x;
    post(&x, target, "x=1");
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    holds(body, "Deze sessie afsluiten? Nog niet");
    for (size_t i = 0; i < nmissing; i++)
        holds(body, missing[i].employee_name);
    assert_null(strstr(body, "name=\"confirm\" value=\"yes\""));
    holds(body, back);
    exchange_free(&x);
    post(&x, target, "confirm=yes");
    assert_int_equal(x.resp.status, 409);
    holds(exchange_body(&x), missing[0].employee_name);
    exchange_free(&x);
    assert_int_equal(store_count(db, state_sql), 0);
    static char fees_sql[160];
    snprintf(fees_sql, sizeof fees_sql, "SELECT count(*) FROM enrolments WHERE session_id = "
                                        "%lld AND fee_due > 0", (long long)ended);
    int64_t fees = store_count(db, fees_sql);
    char attendance[64];
    snprintf(attendance, sizeof attendance, "/sessions/%lld/attendance", (long long)ended);
    run_request(&x, db, "GET", attendance, cookie, NULL, NULL);
    holds(exchange_body(&x), "Nog niet op elke datum een aanwezigheid geregistreerd voor:");
    exchange_free(&x);

    /* the tester's case: the first partly there (3,5 of the 8 hours), the
     * second absent, the others present; saving says so */
    session_plan p;
    assert_int_equal(tsessions_get(db, &a, ended, &p), STORE_ROW);
    assert_int_equal(p.nslots, 1);
    /* first with "veel" as hours: refused, naming whose mark, and every
     * mark comes back as it was chosen */
    str bad = STR_INIT;
    for (size_t i = 0; i < nmissing; i++) {
        long long eid = (long long)missing[i].id, did = (long long)p.slots[0].id;
        str_printf(&bad, "&m_%lld_%lld=%s", eid, did, i == 0 ? "partly" : "present");
        if (i == 0)
            str_printf(&bad, "&h_%lld_%lld=veel", eid, did);
    }
    post(&x, attendance, str_cstr(&bad) + 1);
    str_free(&bad);
    assert_int_equal(x.resp.status, 422);
    body = exchange_body(&x);
    char expected[200];
    snprintf(expected, sizeof expected, "role=\"alert\">%s, ", missing[0].employee_name);
    holds(body, expected);
    holds(body, "value=\"partly\" selected");
    holds(body, "value=\"veel\"");
    holds(body, "value=\"present\" selected");
    exchange_free(&x);
    str form = STR_INIT;
    for (size_t i = 0; i < nmissing; i++) {
        long long eid = (long long)missing[i].id, did = (long long)p.slots[0].id;
        str_printf(&form, "&m_%lld_%lld=%s", eid, did,
                   i == 0 ? "partly" : i == 1 ? "absent" : "present");
        if (i == 0)
            str_printf(&form, "&h_%lld_%lld=3%%2C5", eid, did);
    }
    post(&x, attendance, str_cstr(&form) + 1);
    str_free(&form);
    assert_int_equal(x.resp.status, 303);
    char *to = strdup(response_get_header(&x.resp, "Location"));
    exchange_free(&x);
    run_request(&x, db, "GET", to, cookie, NULL, NULL);
    holds(exchange_body(&x), "De aanwezigheden zijn bewaard.");
    assert_null(strstr(exchange_body(&x), "Nog niet op elke datum"));
    exchange_free(&x);
    free(to);

    post(&x, target, "x=1");
    assert_int_equal(x.resp.status, 200);
    body = exchange_body(&x);
    holds(body, "Deze sessie afsluiten?");
    holds(body, "name=\"confirm\" value=\"yes\"");
    holds(body, back);
    exchange_free(&x);
    assert_int_equal(store_count(db, state_sql), 0);
    post(&x, target, "confirm=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(store_count(db, state_sql), 1);
    assert_int_equal(store_count(db, fees_sql), fees + 1); /* the one marked absent */

    /* partly there: the hours attended, ongoing, no certification; all
     * there: completed and certified */
    learning_record *r;
    size_t nr;
    for (size_t i = 0; i < nmissing; i += nmissing - 1) {
        assert_int_equal(learning_of(db, &a, missing[i].employee_row, &r, &nr), STORE_OK);
        size_t k = 0;
        while (k < nr && !(r[k].activity_code && strcmp(r[k].activity_code, p.activity_code) == 0 &&
                           r[k].start_date == p.slots[0].day))
            k++;
        assert_true(k < nr);
        assert_int_equal(r[k].hours, i == 0 ? 350 : 800);
        assert_int_equal(r[k].result, i == 0 ? RESULT_ONGOING : RESULT_COMPLETED);
        static char cert_sql[2][200];
        char day[DATE_TEXT_SIZE];
        date_format(p.slots[0].day, day);
        snprintf(cert_sql[i != 0], sizeof cert_sql[0],
                 "SELECT count(*) FROM cert_records WHERE employee_id = %lld AND "
                 "activity_id = %lld AND achieved = '%s'",
                 (long long)missing[i].employee_row, (long long)p.activity_row, day);
        assert_int_equal(store_count(db, cert_sql[i != 0]), i == 0 ? 0 : 1);
    }
    arena_free(&a);

    snprintf(coming_sql, sizeof coming_sql,
             "SELECT coalesce(min(s.id), 0) FROM training_sessions s WHERE s.state = 'planned' "
             "AND EXISTS (SELECT 1 FROM session_dates d WHERE d.session_id = s.id AND "
             "d.day > '%s')", today);
    int64_t coming = store_count(db, coming_sql);
    assert_true(coming > 0);
    snprintf(target, sizeof target, "/sessions/%lld/attendance", (long long)coming);
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    body = exchange_body(&x);
    holds(body, "De sessie kan worden afgesloten na haar laatste dag:");
    assert_null(strstr(body, "/close\""));
    exchange_free(&x);
}

/* 7. Marking a filed claim refused asks first; "paid" still goes at once. */
static void test_refusing_a_claim_asks_first(void **state)
{
    (void)state;
    int64_t id = store_count(db, "SELECT min(id) FROM incentive_claims WHERE status = 'filed'");
    assert_true(id > 0);
    static char sql[128]; /* static: see test_close_asks_first */
    char target[64];
    snprintf(target, sizeof target, "/incentives/claims/%lld", (long long)id);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM incentive_claims WHERE id = %lld AND "
                              "status = 'filed'", (long long)id);
    exchange x;
    post(&x, target, "paid=100%2C00&to=refused");
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    holds(body, "Deze aanvraag als geweigerd markeren?");
    holds(body, "name=\"to\" value=\"refused\"");
    exchange_free(&x);
    assert_int_equal(store_count(db, sql), 1);
    post(&x, target, "to=refused&confirm=yes");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(store_count(db, sql), 0);
}

/* 8. A new login, or a new password, redirects to the list saying so (a
 * reload posts nothing again); a refused new password keeps whose it was. */
static void test_users_form_after_post(void **state)
{
    (void)state;
    exchange x;
    post(&x, "/users", "action=add&login=walker&role=employee&employee_id=&"
                       "password=long-enough-1");
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/users?done=created");
    exchange_free(&x);
    run_request(&x, db, "GET", "/users?done=created", cookie, NULL, NULL);
    holds(exchange_body(&x), "role=\"status\">De login werd aangemaakt.");
    exchange_free(&x);
    post(&x, "/users", "action=password&login=walker&password=kort");
    assert_int_equal(x.resp.status, 400);
    holds(exchange_body(&x), "name=\"login\" required value=\"walker\"");
    exchange_free(&x);
    /* one's own role left as it is: back to the users, told so */
    post(&x, "/users", "action=role&login=admin&role=admin");
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/users?done=same");
    exchange_free(&x);
    /* every mistake of the new-user form at once */
    post(&x, "/users", "action=add&login=&role=&employee_id=&password=");
    assert_int_equal(x.resp.status, 400);
    holds(exchange_body(&x), "Geef een gebruikersnaam. Een wachtwoord heeft minstens 8 tekens "
                             "nodig. Kies een rol.");
    exchange_free(&x);
    /* a login made without its employee is linked afterwards, not made again */
    run_request(&x, db, "GET", "/users", cookie, NULL, NULL);
    holds(exchange_body(&x), "name=\"action\" value=\"link\"><input type=\"hidden\" "
                             "name=\"login\" value=\"walker\">");
    exchange_free(&x);
    post(&x, "/users", "action=link&login=walker&employee_id=E999");
    assert_int_equal(x.resp.status, 422);
    holds(exchange_body(&x), "Er is geen medewerker met dat personeelsnummer.");
    exchange_free(&x);
    post(&x, "/users", "action=link&login=walker&employee_id=E001"); /* the manager's */
    assert_int_equal(x.resp.status, 422);
    holds(exchange_body(&x), "al de gebruikersnaam manager");
    exchange_free(&x);
    post(&x, "/users", "action=link&login=walker&employee_id=E030");
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/users?done=linked");
    exchange_free(&x);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "walker", &u, NULL), STORE_ROW);
    assert_string_equal(u.employee_id, "E030");
    arena_free(&a);
}

/* 9. A person is welcomed by their first name, HR's login by the login; a
 * full session says before the click that enrolling means the waiting
 * list, and a new calendar address that the old one ends. */
static void test_welcome_and_full_session(void **state)
{
    (void)state;
    char csrf2[65];
    char *mine = login_cookie(db, "employee", "demo-employee", csrf2);
    exchange x;
    run_request(&x, db, "GET", "/", mine, NULL, NULL);
    holds(exchange_body(&x), "<p>Welkom, Thomas.</p>");
    exchange_free(&x);
    run_request(&x, db, "GET", "/", cookie, NULL, NULL);
    holds(exchange_body(&x), "<p>Welkom, admin.</p>");
    exchange_free(&x);
    /* a balance below zero is explained under the table (the demo's team
     * holds one) */
    char csrf3[65];
    char *boss = login_cookie(db, "manager", "demo-manager", csrf3);
    run_request(&x, db, "GET", "/team/right", boss, NULL, NULL);
    holds(exchange_body(&x), "Een saldo onder nul bij Over");
    exchange_free(&x);
    free(boss);
    /* who forgot their password is told where to go */
    run_request(&x, db, "GET", "/login", NULL, NULL, NULL);
    holds(exchange_body(&x), "Wachtwoord vergeten?");
    exchange_free(&x);
    /* a full session the employee is not in (the demo fills one) */
    static char sql[512]; /* static: see test_close_asks_first */
    snprintf(sql, sizeof sql,
             "SELECT coalesce(min(s.id), 0) FROM training_sessions s WHERE s.state = 'planned' "
             "AND s.capacity <= (SELECT count(*) FROM enrolments n WHERE n.session_id = s.id "
             "AND n.state IN ('enrolled', 'attended', 'partly_attended', 'no_show')) "
             "AND NOT EXISTS (SELECT 1 FROM enrolments n JOIN employees e ON "
             "e.id = n.employee_id WHERE n.session_id = s.id AND e.employee_id = 'E010')");
    int64_t full = store_count(db, sql);
    assert_true(full > 0);
    char target[48];
    snprintf(target, sizeof target, "/sessions/%lld", (long long)full);
    run_request(&x, db, "GET", target, mine, NULL, NULL);
    holds(exchange_body(&x), "De sessie is volzet: je komt op de wachtlijst");
    exchange_free(&x);
    /* a new calendar address says, before the click, that the old one ends */
    run_request(&x, db, "GET", "/my/sessions", mine, NULL, NULL);
    holds(exchange_body(&x), "Een nieuw adres beëindigt het oude");
    exchange_free(&x);
    free(mine);
}

/* 10. A new organisation, without anyone yet: the home page says where to
 * begin, and the empty lists say why they are empty. */
static void test_new_organisation_is_shown_where_to_begin(void **state)
{
    (void)state;
    store *empty = test_store_open(test_path("empty.db"));
    assert_non_null(empty);
    char hash[256], csrf2[65];
    assert_true(password_hash("first-admin-1", hash, sizeof hash));
    assert_int_equal(store_begin(empty), STORE_OK);
    assert_int_equal(store_end(empty, users_add(empty, "test", "hr", hash, ROLE_ADMIN, NULL)),
                     STORE_OK);
    char *hr = login_cookie(empty, "hr", "first-admin-1", csrf2);
    static const char *const pages[][2] = {
        {"/", "<h2>Zo begin je</h2>"},
        {"/employees", "Hier staat niemand. Een nieuwe organisatie leest haar medewerkers in"},
        {"/catalogue", "Het opleidingsaanbod is leeg: voeg een activiteit toe"},
        {"/onboarding", "Vandaag is niemand een nieuwe medewerker."},
        {"/sessions/new", "<a href=\"/catalogue/edit\">Voeg eerst een activiteit toe.</a>"},
        /* no learning: nothing to compare, not "nobody learns less" */
        {"/reports", "Niemand heeft leren geregistreerd in"},
        {"/reports", "het laatste volledige jaar"},
        /* a new activity is external and not mandatory, as an import reads it */
        {"/catalogue/edit", "<select id=\"internal\" name=\"internal\"><option value=\"yes\">"
                            "ja</option><option value=\"no\" selected>"},
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        exchange x;
        run_request(&x, empty, "GET", pages[i][0], hr, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        holds(exchange_body(&x), pages[i][1]);
        exchange_free(&x);
    }
    /* the demo organisation has people: no such help there */
    exchange x;
    run_request(&x, db, "GET", "/", cookie, NULL, NULL);
    assert_null(strstr(exchange_body(&x), "Zo begin je"));
    exchange_free(&x);
    free(hr);
    store_close(empty);
}

/* A certification saved in the form for a function nobody has (a typo)
 * applies to nobody: the catalogue says so to HR, as an import does. */
static void test_catalogue_names_unknown_functions(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/catalogue", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_null(strstr(exchange_body(&x), "Heftruckchaufeurs"));
    exchange_free(&x);
    post(&x, "/catalogue/edit", "code=BRX&title=Brandwacht&type=formal&form=classroom"
                                "&internal=no&validity_months=12&mandatory=yes"
                                "&target_functions=Heftruckchaufeurs");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    run_request(&x, db, "GET", "/catalogue", cookie, NULL, NULL);
    holds(exchange_body(&x), "<p class=\"warning\">Geen enkele medewerker heeft de functie "
                             "vermeld bij BRX: Heftruckchaufeurs</p>");
    exchange_free(&x);
}

/* An employee who learned more than their right asks is told what a
 * balance below zero means, as the manager's list tells the manager. */
static void test_my_right_explains_below_zero(void **state)
{
    (void)state;
    char today[DATE_TEXT_SIZE], fields[160];
    date_format(date_today(), today);
    snprintf(fields, sizeof fields, "title=Lange+opleiding&type=formal&start_date=%s&hours=300",
             today);
    exchange x;
    post(&x, "/employees/E010/learning", fields);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    char csrf2[65];
    char *mine = login_cookie(db, "employee", "demo-employee", csrf2);
    run_request(&x, db, "GET", "/my/right", mine, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    holds(exchange_body(&x), "Onder nul: je hebt dit jaar meer geleerd dan je recht vraagt.");
    exchange_free(&x);
    free(mine);
}

/* The stored value of setting KEY on DB (heap), or NULL when unset. */
static char *setting_now(const char *key)
{
    str v = STR_INIT;
    char *out = settings_get(db, key, &v) == STORE_ROW ? strdup(str_cstr(&v)) : NULL;
    str_free(&v);
    return out;
}

/* 11. HR sets the settings in the browser, checked as the command line
 * checks them: one wrong field and nothing is saved, every field kept as
 * typed; the mail password is never sent back and an empty one keeps it;
 * nobody else reaches the page. */
static void test_settings_in_the_browser(void **state)
{
    (void)state;
    /* the demo's name is a setting on a file; on a site, the name the site
     * registered the organisation with */
    char *before = setting_now("name");
    exchange x;
    run_request(&x, db, "GET", "/settings", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    holds(exchange_body(&x), before ? "name=\"name\" value=\"De Schelde Voeding NV\""
                                    : "name=\"name\" value=\"\"");
    exchange_free(&x);

    post(&x, "/settings", "name=Schelde+Voeding&hours_per_day=7%2C6&min_group=2&"
                          "smtp_password=geheim-1");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    holds(body, "Er werd niets bewaard");
    holds(body, "id=\"e-min_group\"");
    holds(body, "name=\"min_group\" value=\"2\"");
    holds(body, "name=\"name\" value=\"Schelde Voeding\"");
    exchange_free(&x);
    char *name = setting_now("name");
    assert_true(before ? name && strcmp(name, before) == 0 : !name);
    free(name);
    assert_null(setting_now("smtp_password"));

    post(&x, "/settings", "name=Schelde+Voeding&hours_per_day=7%2C6&min_group=6&"
                          "smtp_password=geheim-1");
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/settings?done=1");
    exchange_free(&x);
    char *hours = setting_now("hours_per_day"), *group = setting_now("min_group");
    assert_string_equal(hours, "7.6");
    assert_string_equal(group, "6");
    free(hours);
    free(group);
    run_request(&x, db, "GET", "/settings?done=1", cookie, NULL, NULL);
    body = exchange_body(&x);
    holds(body, "De instellingen werden bewaard.");
    holds(body, "name=\"hours_per_day\" value=\"7,60\"");
    assert_null(strstr(body, "geheim-1"));
    exchange_free(&x);
    /* an empty password field keeps the password; an empty field unsets */
    post(&x, "/settings", before ? "name=De+Schelde+Voeding+NV&min_group=&smtp_password="
                                 : "name=&min_group=&smtp_password=");
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    char *secret = setting_now("smtp_password");
    assert_string_equal(secret, "geheim-1");
    free(secret);
    assert_null(setting_now("min_group"));
    name = setting_now("name");
    assert_true(before ? name && strcmp(name, before) == 0 : !name);
    free(name);
    free(before);
    assert_true(store_count(db, "SELECT count(*) FROM audit_log WHERE entity = 'setting' AND "
                                "actor = 'admin'") > 0);

    assert_int_equal(status_as(db, "employee", "demo-employee", "/settings"), 403);
    assert_int_equal(status_as(db, "representative", "demo-representative", "/settings"), 403);
}

/* 12. A manager declining self-logged learning is asked first (it is final,
 * beside "confirm"); each decision is said on the list it leads back to. */
static void test_declining_a_claim_asks_first(void **state)
{
    (void)state;
    /* a claim of Thomas (E010), of the demo manager's team */
    static const char *const sql =
        "SELECT coalesce(min(c.id), 0) FROM learning_claims c JOIN employees e ON "
        "e.id = c.employee_id WHERE c.status = 'pending' AND e.employee_id = 'E010'";
    int64_t id = store_count(db, sql);
    assert_true(id > 0);
    char csrf3[65], target[48], fields[128];
    char *boss = login_cookie(db, "manager", "demo-manager", csrf3);
    snprintf(target, sizeof target, "/claims/%lld", (long long)id);
    snprintf(fields, sizeof fields, "csrf=%s&decision=decline", csrf3);
    exchange x;
    run_request(&x, db, "POST", target, boss, fields, NULL);
    assert_int_equal(x.resp.status, 200);
    holds(exchange_body(&x), "Dit leren weigeren?");
    holds(exchange_body(&x), "name=\"confirm\" value=\"yes\"");
    exchange_free(&x);
    assert_int_equal(store_count(db, sql), id); /* still to decide */
    snprintf(fields, sizeof fields, "csrf=%s&decision=decline&confirm=yes", csrf3);
    run_request(&x, db, "POST", target, boss, fields, NULL);
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/team/claims?done=decline");
    exchange_free(&x);
    run_request(&x, db, "GET", "/team/claims?done=decline", boss, NULL, NULL);
    holds(exchange_body(&x), "Geweigerd: het telt niet mee voor het opleidingsrecht.");
    exchange_free(&x);
    free(boss);
}

/* 13. Cancelling an enrolment asks first, says the seat goes to who waits
 * and, after the free cancellation, the fee; it keeps the reason typed. */
static void test_cancelling_an_enrolment_asks_first(void **state)
{
    (void)state;
    /* a seat whose free cancellation is over (the demo's ended session,
     * before test 6 closes it) */
    static char sql[320]; /* static: see test_close_asks_first */
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    snprintf(sql, sizeof sql,
             "SELECT coalesce(min(n.id), 0) FROM enrolments n JOIN training_sessions s ON "
             "s.id = n.session_id WHERE s.state = 'planned' AND s.late_fee > 0 AND "
             "n.state = 'enrolled' AND s.cancellation_deadline < '%s'", today);
    int64_t id = store_count(db, sql);
    assert_true(id > 0);
    arena a = ARENA_INIT;
    enrolment e;
    assert_int_equal(enrolments_get(db, &a, id, 0, 0, &e), STORE_ROW);
    char target[64], session[48];
    snprintf(target, sizeof target, "/enrolments/%lld/cancel", (long long)id);
    snprintf(session, sizeof session, "href=\"/sessions/%lld\"", (long long)e.session_id);
    exchange x;
    post(&x, target, "reason=ziek&back=");
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    holds(body, "Deze inschrijving annuleren?");
    holds(body, "name=\"reason\" value=\"ziek\"");
    holds(body, session); /* "no" leads back to the session it was cancelled on */
    holds(body, "Kosteloos annuleren kon tot");
    exchange_free(&x);
    static char state_sql[128]; /* static: see test_close_asks_first */
    snprintf(state_sql, sizeof state_sql, "SELECT count(*) FROM enrolments WHERE id = %lld "
                                          "AND state = 'cancelled'", (long long)id);
    assert_int_equal(store_count(db, state_sql), 0);
    post(&x, target, "reason=ziek&back=&confirm=yes");
    assert_int_equal(x.resp.status, 303);
    /* back on the session's page, which says who was cancelled */
    char *to = strdup(response_get_header(&x.resp, "Location"));
    exchange_free(&x);
    assert_int_equal(store_count(db, state_sql), 1);
    assert_true(strncmp(to, session + 6, strlen(session + 6) - 1) == 0);
    run_request(&x, db, "GET", to, cookie, NULL, NULL);
    char said[160];
    snprintf(said, sizeof said, "De inschrijving van %s is geannuleerd.", e.employee_name);
    holds(exchange_body(&x), said);
    exchange_free(&x);
    free(to);
    arena_free(&a);
}

/* Fails unless the page of X holds each of the NULL-terminated NEEDLES. */
static void holds_all(exchange *x, const char *const *needles)
{
    for (const char *const *n = needles; *n; n++)
        holds(exchange_body(x), *n);
}

/* 14. The forms of workplace learning, refused, come back with what was
 * typed and what is expected, not with an error page and the Back button:
 * a rotation, a community, a community's meeting and new member, a module
 * of a function's trajectory and of a newcomer's, a mentor's assignment
 * and its hours. Nothing is saved. */
static void test_workplace_forms_keep_what_was_typed(void **state)
{
    (void)state;
    int64_t rotations = store_count(db, "SELECT count(*) FROM job_rotations");
    exchange x;
    post(&x, "/rotations", "employee_id=E999&workstation=Inpaklijn+3&from=31%2F02%2F2026&"
                           "to=2026-12-05&hours=4");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard: Er is geen medewerker met dat personeelsnummer.",
                      "href=\"#rotation\"", "id=\"rotation\"",
                      "name=\"employee_id\" required value=\"E999\"",
                      "name=\"workstation\" required value=\"Inpaklijn 3\"",
                      "name=\"from\" type=\"text\" required value=\"31/02/2026\"",
                      "name=\"hours\" inputmode=\"decimal\" required value=\"4\"", NULL});
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM job_rotations"), rotations);

    post(&x, "/communities", "name=Lasclub&kind=learning_network&lead=E999&"
                             "rhythm=elke+maand&goals=Samen+%3Cb%3Elassen%3C%2Fb%3E");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard: Er is geen medewerker met dat personeelsnummer.",
                      "name=\"name\" required maxlength=\"200\" value=\"Lasclub\"",
                      "<option value=\"learning_network\" selected>",
                      "name=\"lead\" value=\"E999\"", "name=\"rhythm\" value=\"elke maand\"",
                      ">Samen &lt;b&gt;lassen&lt;/b&gt;</textarea>", NULL});
    exchange_free(&x);

    /* a community E004 is a member of (the demo's) */
    int64_t community = store_count(
        db, "SELECT coalesce(min(m.community_id), 0) FROM community_members m JOIN employees e "
            "ON e.id = m.employee_id WHERE e.employee_id = 'E004'");
    assert_true(community > 0);
    char target[64];
    snprintf(target, sizeof target, "/communities/%lld", (long long)community);
    post(&x, target, "action=meeting&on=2026-11-25&hours=0&topic=Kaizen&present=E004");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard:", "href=\"#meeting\"", "name=\"on\" type=\"date\" "
                      "required value=\"2026-11-25\"", "required value=\"0\"",
                      "name=\"topic\" value=\"Kaizen\"",
                      "name=\"present\" value=\"E004\" checked>", NULL});
    exchange_free(&x);
    post(&x, target, "action=member&member=E999");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){"href=\"#member-form\"",
                                        "name=\"member\" required value=\"E999\"", NULL});
    exchange_free(&x);

    int64_t modules = store_count(db, "SELECT count(*) FROM onboarding_template_modules");
    post(&x, "/onboarding/templates", "function=Planner&template_title=Planning&"
                                      "title=Het+planbord&description=Lezen&week=0&hours=3&"
                                      "safety=yes");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard: Geef de week", "href=\"#template-module\"",
                      "name=\"function\" required value=\"Planner\"",
                      "name=\"template_title\" value=\"Planning\"",
                      "name=\"title\" required value=\"Het planbord\"", ">Lezen</textarea>",
                      "required value=\"0\"", "name=\"hours\" inputmode=\"decimal\" "
                      "value=\"3\"", "name=\"safety\" value=\"yes\" checked>", NULL});
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM onboarding_template_modules"), modules);

    /* a module of one newcomer's trajectory (E046's, the demo's) */
    post(&x, "/onboarding/E046", "action=module&title=De+mengketel&description=&week=7&"
                                 "hours=twee");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard:", "href=\"#module\"", "<details open>",
                      "name=\"title\" required value=\"De mengketel\"",
                      "required value=\"7\"", "value=\"twee\"", NULL});
    exchange_free(&x);

    post(&x, "/onboarding/mentors", "employee_id=E070&mentor_id=E048&from=31%2F02%2F2026&to=");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){"name=\"mentor_id\" required value=\"E048\"",
                                        "name=\"from\" type=\"text\" required "
                                        "value=\"31/02/2026\"", NULL});
    exchange_free(&x);

    /* the hours of an assignment, on its newcomer's page */
    int64_t assignment = store_count(db, "SELECT coalesce(min(a.id), 0) FROM mentor_assignments "
                                         "a JOIN employees e ON e.id = a.newcomer_id WHERE "
                                         "e.employee_id = 'E046'");
    assert_true(assignment > 0);
    char anchor[64];
    snprintf(target, sizeof target, "/onboarding/mentors/%lld", (long long)assignment);
    post(&x, target, "reserved=twee&to=");
    assert_int_equal(x.resp.status, 422);
    snprintf(anchor, sizeof anchor, "href=\"#assignment-%lld\"", (long long)assignment);
    holds_all(&x, (const char *const[]){"Niet bewaard:", anchor,
                                        "name=\"reserved\" inputmode=\"decimal\" size=\"5\" "
                                        "value=\"twee\"", NULL});
    exchange_free(&x);
    post(&x, "/onboarding/mentors/999999", "reserved=twee&to=");
    assert_int_equal(x.resp.status, 404);
    exchange_free(&x);
}

/* 15. The forms of evaluation, refused, come back as typed: a question of
 * the questionnaire, a manager's follow-up, a participant's answers. */
static void test_evaluation_forms_keep_what_was_typed(void **state)
{
    (void)state;
    exchange x;
    post(&x, "/evaluation", "action=question&active=yes&position=100&text=Was+het+nuttig%3F");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){"Niet bewaard:", "href=\"#question-new\"",
                                        "name=\"text\" required value=\"Was het nuttig?\"",
                                        NULL});
    exchange_free(&x);
    int64_t question = store_count(db, "SELECT min(id) FROM eval_questions");
    char fields[160], anchor[48];
    snprintf(fields, sizeof fields, "action=question&id=%lld&position=0&text=Anders+gezegd",
             (long long)question);
    post(&x, "/evaluation", fields);
    assert_int_equal(x.resp.status, 422);
    snprintf(anchor, sizeof anchor, "href=\"#question-%lld\"", (long long)question);
    holds_all(&x, (const char *const[]){anchor, "required value=\"Anders gezegd\"",
                                        "max=\"99\" value=\"0\"", NULL});
    exchange_free(&x);

    /* the weeks per activity: what was chosen stays chosen */
    post(&x, "/evaluation", "action=weeks&w-HACCP=60&e0-HACCP=trainer");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){"href=\"#weeks\"",
                                        "name=\"w-HACCP\" type=\"number\" min=\"1\" "
                                        "max=\"52\" value=\"60\"", NULL});
    const char *select = strstr(exchange_body(&x), "name=\"e0-HACCP\"");
    assert_non_null(select);
    const char *chosen = strstr(select, " selected>");
    assert_non_null(chosen);
    assert_memory_equal(chosen - strlen("\"trainer\""), "\"trainer\"", strlen("\"trainer\""));
    exchange_free(&x);

    /* a test's day that does not exist stays as typed, in a text field */
    int64_t record = store_count(db, "SELECT min(id) FROM learning_records");
    char target[64];
    snprintf(target, sizeof target, "/learning/%lld/tests", (long long)record);
    post(&x, target, "taken_on=31%2F02%2F2026&score=15&max_score=20&pass_mark=12");
    assert_int_equal(x.resp.status, 422);
    holds(exchange_body(&x), "name=\"taken_on\" type=\"text\" required value=\"31/02/2026\"");
    exchange_free(&x);

    arena a = ARENA_INIT;
    followup *open;
    size_t n;
    assert_int_equal(followups_open(db, &a, 0, date_today(), &open, &n), STORE_OK);
    assert_true(n > 0);
    snprintf(target, sizeof target, "/followups/%lld", (long long)open[0].record_id);
    post(&x, target, "applied=sometimes&how=Nog+niet+gebruikt");
    assert_int_equal(x.resp.status, 422);
    snprintf(anchor, sizeof anchor, "href=\"#followup-%lld\"", (long long)open[0].record_id);
    holds_all(&x, (const char *const[]){"Niet bewaard: Geef aan of het toegepast wordt", anchor,
                                        ">Nog niet gebruikt</textarea>", NULL});
    exchange_free(&x);

    /* Thomas (E010) answers all but one question */
    eval_pending *pending;
    eval_question *qs;
    size_t nq;
    date_t today = date_today();
    assert_int_equal(eval_reactions_pending(db, &a, employees_row(db, "E010"),
                                            today - POLICY_REACTION_DAYS, today, &pending, &n),
                     STORE_OK);
    assert_true(n > 0);
    assert_int_equal(eval_questions_list(db, &a, true, &qs, &nq), STORE_OK);
    assert_true(nq > 1);
    char csrf2[65], body[256], checked[64];
    char *mine = login_cookie(db, "employee", "demo-employee", csrf2);
    snprintf(target, sizeof target, "/my/evaluations/%lld", (long long)pending[0].record_id);
    snprintf(body, sizeof body, "csrf=%s&q%lld=4&comment=Te+snel", csrf2, (long long)qs[0].id);
    int64_t answers = store_count(db, "SELECT count(*) FROM eval_answers");
    run_request(&x, db, "POST", target, mine, body, NULL);
    assert_int_equal(x.resp.status, 422);
    snprintf(anchor, sizeof anchor, "href=\"#reaction-%lld\"", (long long)pending[0].record_id);
    snprintf(checked, sizeof checked, "name=\"q%lld\" value=\"4\" required checked>",
             (long long)qs[0].id);
    holds_all(&x, (const char *const[]){"Niet bewaard:", anchor, checked,
                                        ">Te snel</textarea>", NULL});
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM eval_answers"), answers);
    free(mine);
    arena_free(&a);
}

/* 16. A community's name is at most COMMUNITY_NAME_MAX characters (counted
 * as characters, not bytes), on one line. */
static void test_community_name_is_limited(void **state)
{
    (void)state;
    int64_t before = store_count(db, "SELECT count(*) FROM communities");
    str fields = STR_INIT;
    str_puts(&fields, "kind=community_of_practice&name=");
    for (int i = 0; i < COMMUNITY_NAME_MAX; i++)
        str_puts(&fields, "%C3%A9"); /* é: two bytes, one character */
    str_puts(&fields, "x");
    assert_true(str_ok(&fields));
    exchange x;
    post(&x, "/communities", str_cstr(&fields));
    assert_int_equal(x.resp.status, 422);
    holds(exchange_body(&x), "hoogstens 200 tekens");
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM communities"), before);
    post(&x, "/communities", "kind=community_of_practice&name=Twee%0Aregels");
    assert_int_equal(x.resp.status, 422);
    exchange_free(&x);
    fields.len -= 1; /* without the x: exactly the limit */
    fields.p[fields.len] = '\0';
    post(&x, "/communities", str_cstr(&fields));
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    str_free(&fields);
    assert_int_equal(store_count(db, "SELECT count(*) FROM communities"), before + 1);
    assert_true(community_name_valid("Lasclub"));
    assert_false(community_name_valid("   "));
    assert_false(community_name_valid(""));
}

/* The output of the command line ARGS on a database of its own, in
 * language LANG, stdout and stderr together (heap); its exit status in
 * *STATUS. */
static char *cli_in(const char *lang, const char *args, int *status)
{
    static const char *const path = "plural.db";
    const char *db_path = test_path(path);
    char *out;
    setenv("LANGUAGE", lang, 1);
    *status = gp(db_path, args, NULL, &out);
    unsetenv("LANGUAGE");
    return out;
}

/* 17. The command line counts with the plural forms of each language: one
 * problem is "1 probleem" in Dutch and "1 problème" in French, one row is
 * "1 row"; more stay plural. */
static void test_counts_have_plural_forms(void **state)
{
    (void)state;
    int status;
    char *out = cli_in("nl", "init", &status);
    assert_int_equal(status, 0);
    free(out);
    str args = STR_INIT;
    str_printf(&args, "import competences %s 2>&1",
               write_file("one-bad.csv", "code,name,kind\nWELD,Lassen,vaardig\n"));
    assert_true(str_ok(&args));
    out = cli_in("nl", str_cstr(&args), &status);
    assert_int_equal(status, 1);
    holds(out, "er werd niets ingelezen: 1 probleem gevonden");
    free(out);
    out = cli_in("fr", str_cstr(&args), &status);
    holds(out, "rien n'a été importé\xc2\xa0" ": 1 problème trouvé");
    free(out);
    out = cli_in("en", str_cstr(&args), &status);
    holds(out, "nothing was imported: 1 problem found");
    free(out);
    str_clear(&args);
    str_printf(&args, "import competences %s 2>&1",
               write_file("two-bad.csv", "code,name,kind\nWELD,Lassen,vaardig\n"
                                         "LEAD,Leiden,x\n"));
    out = cli_in("nl", str_cstr(&args), &status);
    holds(out, "2 problemen gevonden");
    free(out);
    str_clear(&args);
    str_printf(&args, "import competences %s 2>&1",
               write_file("one-good.csv", "code,name,kind\nWELD,Lassen,technical\n"));
    out = cli_in("en", str_cstr(&args), &status);
    assert_int_equal(status, 0);
    holds(out, "1 row: 1 created, 0 updated, 0 unchanged");
    free(out);
    out = cli_in("nl", str_cstr(&args), &status);
    holds(out, "1 rij: 0 nieuw, 0 bijgewerkt, 1 ongewijzigd");
    free(out);
    /* French counts 0 as one: "au plus 0 décimale" (a number of months) */
    str_clear(&args);
    str_printf(&args, "import activities %s 2>&1",
               write_file("months.csv", "code,title,type,form,validity_months\n"
                                        "LAS,Lassen,formal,classroom,1.5\n"));
    out = cli_in("fr", str_cstr(&args), &status);
    assert_int_equal(status, 1);
    holds(out, "un nombre avec au plus 0 décimale");
    free(out);
    str_free(&args);
}

/* 18. The forms that still answered with an error page and the Back
 * button come back as typed: an indicator and a remark of the plan's
 * evaluation, cancelling a session without a reason (spaces are none),
 * HR enrolling one person by a number that names nobody. Nothing is saved. The follow-up button of a certification, whose fields
 * nobody types, is refused as a request the page does not send. */
static void test_plan_and_session_forms_keep_what_was_typed(void **state)
{
    (void)state;
    int64_t initiative = store_count(db, "SELECT min(i.id) FROM plan_initiatives i JOIN plans p "
                                         "ON p.id = i.plan_id WHERE p.state = 'adopted'");
    int64_t year = store_count(db, "SELECT min(p.year) FROM plan_initiatives i JOIN plans p "
                                   "ON p.id = i.plan_id WHERE p.state = 'adopted'");
    assert_true(initiative > 0);
    int64_t indicators = store_count(db, "SELECT count(*) FROM plan_indicators");
    char target[64], fields[256], chosen[64];
    snprintf(target, sizeof target, "/plans/%lld/indicators", (long long)year);
    snprintf(fields, sizeof fields, "initiative=%lld&name=Afval+per+ton&unit=kg&baseline=veertig&"
                                    "target=30&measured=&measured_on=31%%2F02%%2F2026",
             (long long)initiative);
    snprintf(chosen, sizeof chosen, "<option value=\"%lld\" selected>", (long long)initiative);
    exchange x;
    post(&x, target, fields);
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard:", "href=\"#indicator\"", "id=\"indicator\"", chosen,
                      "name=\"name\" required value=\"Afval per ton\"",
                      "name=\"unit\" value=\"kg\"", "value=\"veertig\"",
                      "name=\"target\" inputmode=\"decimal\" value=\"30\"",
                      "name=\"measured_on\" type=\"text\" value=\"31/02/2026\"", NULL});
    assert_null(strstr(exchange_body(&x), "knop Terug"));
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM plan_indicators"), indicators);

    int64_t remarks = store_count(db, "SELECT count(*) FROM eval_remarks");
    snprintf(target, sizeof target, "/plans/%lld/remarks", (long long)year);
    post(&x, target, "initiative=&text=Ook+de+%3Cb%3Enachtploeg%3C%2Fb%3E");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){"Niet bewaard:", "href=\"#remark\"", "id=\"remark\"",
                                        ">Ook de &lt;b&gt;nachtploeg&lt;/b&gt;</textarea>",
                                        NULL});
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM eval_remarks"), remarks);

    int64_t session = store_count(db, "SELECT min(id) FROM training_sessions WHERE "
                                      "state = 'planned'");
    assert_true(session > 0);
    static char sql[128]; /* static: see test_close_asks_first */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM training_sessions WHERE id = %lld AND "
                              "state = 'planned'", (long long)session);
    snprintf(target, sizeof target, "/sessions/%lld/cancel", (long long)session);
    post(&x, target, "reason=%20%20");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard: Zeg waarom de sessie geannuleerd wordt.",
                      "href=\"#cancel-session\"", "id=\"cancel-session\"",
                      "name=\"reason\" required value=\"  \"", NULL});
    exchange_free(&x);
    assert_int_equal(store_count(db, sql), 1);
    /* with a reason, cancelling asks first, and keeps the reason */
    post(&x, target, "reason=De+lesgever+is+ziek");
    assert_int_equal(x.resp.status, 200);
    holds_all(&x, (const char *const[]){"Deze sessie annuleren? Dat kan niet teruggedraaid worden.",
                                        "name=\"confirm\" value=\"yes\"",
                                        "name=\"reason\" value=\"De lesgever is ziek\"",
                                        "Nee, de sessie behouden", NULL});
    exchange_free(&x);
    assert_int_equal(store_count(db, sql), 1);
    /* HR enrols one person by a number that names nobody */
    int64_t enrolments = store_count(db, "SELECT count(*) FROM enrolments");
    snprintf(target, sizeof target, "/sessions/%lld/enrol", (long long)session);
    post(&x, target, "employee_id=E999");
    assert_int_equal(x.resp.status, 422);
    holds_all(&x, (const char *const[]){
                      "Niet bewaard: Er is geen medewerker met dat personeelsnummer.",
                      "href=\"#enrol-one\"", "id=\"enrol-one\"",
                      "name=\"employee_id\" required value=\"E999\"", NULL});
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM enrolments"), enrolments);
    /* confirmed, it is done, and the list of sessions says so */
    snprintf(target, sizeof target, "/sessions/%lld/cancel", (long long)session);
    post(&x, target, "confirm=yes&reason=De+lesgever+is+ziek");
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"),
                        "/sessions?notice=session-cancelled");
    exchange_free(&x);
    assert_int_equal(store_count(db, sql), 0);

    post(&x, "/certifications/renew", "employee_id=&activity=");
    assert_int_equal(x.resp.status, 400);
    assert_null(strstr(exchange_body(&x), "knop Terug"));
    exchange_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refused_form_is_not_our_fault),
        cmocka_unit_test(test_review_keeps_its_text),
        cmocka_unit_test(test_need_and_conversation_keep_their_text),
        cmocka_unit_test(test_scheme_figures_come_back),
        cmocka_unit_test(test_negative_cost_says_at_least_zero),
        cmocka_unit_test(test_cancelling_an_enrolment_asks_first),
        cmocka_unit_test(test_close_asks_first),
        cmocka_unit_test(test_refusing_a_claim_asks_first),
        cmocka_unit_test(test_users_form_after_post),
        cmocka_unit_test(test_welcome_and_full_session),
        cmocka_unit_test(test_new_organisation_is_shown_where_to_begin),
        cmocka_unit_test(test_catalogue_names_unknown_functions),
        cmocka_unit_test(test_my_right_explains_below_zero),
        cmocka_unit_test(test_settings_in_the_browser),
        cmocka_unit_test(test_declining_a_claim_asks_first),
        cmocka_unit_test(test_workplace_forms_keep_what_was_typed),
        cmocka_unit_test(test_evaluation_forms_keep_what_was_typed),
        cmocka_unit_test(test_community_name_is_limited),
        cmocka_unit_test(test_counts_have_plural_forms),
        cmocka_unit_test(test_plan_and_session_forms_keep_what_was_typed),
    };
    return cmocka_run_group_tests_name("walk_forms", tests, setup, teardown);
}
