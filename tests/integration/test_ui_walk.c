/* test_ui_walk.c - what a new user's walk through the demo found, each kept
 * fixed: destructive actions ask first, pages offer only what the viewer may
 * use, and pages say names and words instead of codes. Over the router, as a
 * browser's requests arrive; the pages in Dutch, the default language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "util/date.h"
#include "util/embed.h"
#include "util/str.h"
#include "store/data.h"
#include "web/cache.h"
#include "web/router.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("walk.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* The records of the learning record that start in YEAR. */
static int64_t records_of(int year)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM learning_records WHERE start_date >= "
                              "'%d-01-01' AND start_date <= '%d-12-31'", year, year);
    return store_count(db, sql);
}

/* POSTs to /import as COOKIE a multipart form: the CSRF token, FIELDS
 * ("name=value" pairs, NULL-terminated) and a learning file LEARNING. */
static void post_import(exchange *x, const char *cookie, const char *csrf,
                        const char *const *fields, const char *learning)
{
    str body = STR_INIT;
    const char *b = "XyZzY";
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", b,
               csrf);
    for (int i = 0; fields[i]; i++) {
        const char *eq = strchr(fields[i], '=');
        str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"%.*s\"\r\n\r\n%s\r\n",
                   b, (int)(eq - fields[i]), fields[i], eq + 1);
    }
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"learning\"; "
                      "filename=\"learn.csv\"\r\n\r\n%s\r\n--%s--\r\n", b, learning, b);
    memset(x, 0, sizeof *x);
    assert_true(request_init(&x->req, &x->a, db, "POST", "/import"));
    assert_true(params_parse_cookies(&x->a, &x->req.cookies, cookie));
    x->req.content_type = "multipart/form-data; boundary=XyZzY";
    assert_true(request_parse_multipart(&x->req, x->req.content_type, body.p, body.len));
    response_init(&x->resp);
    router_handle(&x->req, &x->resp);
    str_free(&body);
}

/* Replacing a year's learning says how many records go and deletes nothing
 * until that is confirmed; the label does not say "this year". */
static void test_replacing_a_year_asks_first(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    /* a year of its own, long before the demo's learning (which sessions,
     * onboarding and claims refer to): three records of 2010 first */
    int year = 2010;
    exchange x;
    post_import(&x, cookie, csrf, (const char *const[]){NULL},
                "employee_id;title;type;start_date;hours\r\n"
                "E020;Eerste;formal;2010-03-01;4\r\nE020;Tweede;informal;2010-05-01;2\r\n"
                "E026;Derde;formal;2010-06-01;8");
    assert_int_equal(x.resp.status, 200);
    exchange_free(&x);
    int64_t before = records_of(year);
    assert_int_equal(before, 3);
    char field[32], learning[160];
    snprintf(field, sizeof field, "replace_year=%d", year);
    snprintf(learning, sizeof learning, "employee_id;title;type;start_date;hours\r\n"
                                        "E020;Nieuw;informal;%d-02-01;2", year);
    post_import(&x, cookie, csrf, (const char *const[]){field, NULL}, learning);
    assert_int_equal(x.resp.status, 200);
    char expect[160];
    snprintf(expect, sizeof expect, "vervangt de %lld regels van %d",
             (long long)before, year);
    assert_non_null(strstr(exchange_body(&x), expect));
    assert_non_null(strstr(exchange_body(&x), "name=\"confirm\" value=\"yes\" required"));
    assert_null(strstr(exchange_body(&x), "van dit jaar"));
    exchange_free(&x);
    assert_int_equal(records_of(year), before); /* nothing deleted */
    post_import(&x, cookie, csrf, (const char *const[]){field, "confirm=yes", NULL}, learning);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "werden vervangen"));
    exchange_free(&x);
    assert_int_equal(records_of(year), 1);
    free(cookie);
}

/* GETs TARGET as COOKIE into X (freed by the caller). */
static void get(exchange *x, const char *cookie, const char *target)
{
    run_request(x, db, "GET", target, cookie, NULL, NULL);
}

/* A session's trainer sees who is enrolled, but every link to an agreement
 * and every cancel form on the page is one the trainer may use. */
static void test_trainer_sees_only_usable_actions(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "mentor", "demo-mentor", csrf);
    exchange x;
    get(&x, cookie, "/sessions/2");
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "<h2>Inschrijvingen</h2>"));
    int links = 0;
    for (const char *p = exchange_body(&x); (p = strstr(p, "/enrolments/")) != NULL; p++) {
        long long id = atoll(p + strlen("/enrolments/"));
        char target[64];
        snprintf(target, sizeof target, "/enrolments/%lld/agreement", id);
        exchange y;
        get(&y, cookie, target);
        assert_int_equal(y.resp.status, 200);
        exchange_free(&y);
        links++;
    }
    assert_true(links <= 2); /* at most their own enrolment's */
    exchange_free(&x);
    free(cookie);
}

/* Every link of PAGE as LOGIN opens (no 403, 404 or 405): a page offers
 * only what its viewer may use. */
static void links_open(const char *login, const char *password, const char *page)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    exchange x;
    get(&x, cookie, page);
    assert_int_equal(x.resp.status, 200);
    for (const char *p = exchange_body(&x); (p = strstr(p, "href=\"/")) != NULL;) {
        p += strlen("href=\"");
        char target[256];
        size_t len = strcspn(p, "\"");
        assert_true(len < sizeof target);
        memcpy(target, p, len);
        target[len] = '\0';
        char *amp; /* the page escapes & in its links */
        while ((amp = strstr(target, "&amp;")) != NULL)
            memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
        if (strncmp(target, "/static/", 8) == 0)
            continue;
        exchange y;
        get(&y, cookie, target);
        if (y.resp.status >= 400)
            fail_msg("%s as %s: %s answers %d", page, login, target, y.resp.status);
        exchange_free(&y);
    }
    exchange_free(&x);
    free(cookie);
}

/* "My enrolments" and the other links of the offer open for every role. */
static void test_session_links_open_for_every_role(void **state)
{
    (void)state;
    links_open("admin", "demo-admin", "/sessions");
    links_open("representative", "demo-representative", "/sessions");
    links_open("manager", "demo-manager", "/sessions");
    links_open("employee", "demo-employee", "/sessions");
    links_open("mentor", "demo-mentor", "/sessions");
}

/* POSTs FORM (after the CSRF token) to TARGET as COOKIE; the status, and
 * the Location answered (copied into LOCATION, "" when none). */
static int post(const char *cookie, const char *csrf, const char *target, const char *form,
                char location[256])
{
    char body[512];
    snprintf(body, sizeof body, "csrf=%s&%s", csrf, form);
    exchange x;
    run_request(&x, db, "POST", target, cookie, body, NULL);
    int status = x.resp.status;
    const char *to = response_get_header(&x.resp, "Location");
    snprintf(location, 256, "%s", to ? to : "");
    exchange_free(&x);
    return status;
}

/* The text after the first NEEDLE in the body of GET TARGET, up to the next
 * QUOTE character, copied into OUT ("" when NEEDLE is not there). */
static void find_after(const char *cookie, const char *target, const char *needle, char quote,
                       char out[128])
{
    exchange x;
    get(&x, cookie, target);
    assert_int_equal(x.resp.status, 200);
    const char *at = strstr(exchange_body(&x), needle);
    out[0] = '\0';
    if (at) {
        at += strlen(needle);
        size_t len = strcspn(at, (char[]){quote, '\0'});
        assert_true(len < 128);
        memcpy(out, at, len);
        out[len] = '\0';
    }
    exchange_free(&x);
}

/* Whether the body of GET TARGET holds TEXT. */
static bool page_has(const char *cookie, const char *target, const char *text)
{
    char path[256]; /* a browser sends no #fragment */
    snprintf(path, sizeof path, "%.*s", (int)strcspn(target, "#"), target);
    exchange x;
    get(&x, cookie, path);
    assert_int_equal(x.resp.status, 200);
    bool has = strstr(exchange_body(&x), text) != NULL;
    exchange_free(&x);
    return has;
}

/* Revoking a badge and removing a template's module ask first: the first
 * POST changes nothing and opens the question, confirm=yes does it. */
static void test_destructive_actions_ask_first(void **state)
{
    (void)state;
    char csrf[65], action[128], location[256], claim[128], form[192];
    char *worker = login_cookie(db, "employee", "demo-employee", csrf);
    find_after(worker, "/my/badges", "name=\"claim\" value=\"", '"', claim);
    assert_true(*claim); /* confirmed learning of the demo's */
    snprintf(form, sizeof form, "claim=%s", claim);
    assert_int_equal(post(worker, csrf, "/my/badges", form, location), 303);
    free(worker);
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    find_after(cookie, "/badges", "action=\"/badges/", '"', action);
    assert_true(*action); /* "ID/revoke" */
    char target[160];
    snprintf(target, sizeof target, "/badges/%s", action);
    assert_int_equal(post(cookie, csrf, target, "x=1", location), 303);
    assert_non_null(strstr(location, "?revoke="));
    assert_true(page_has(cookie, location, "id=\"confirm\""));
    assert_true(page_has(cookie, "/badges", target)); /* not revoked yet */
    assert_int_equal(post(cookie, csrf, target, "confirm=yes", location), 303);
    assert_false(page_has(cookie, "/badges", target));

    char module[128];
    find_after(cookie, "/onboarding/templates", "name=\"remove\" value=\"", '"', module);
    assert_true(*module);
    char field[192];
    snprintf(form, sizeof form, "remove=%s", module);
    snprintf(field, sizeof field, "name=\"remove\" value=\"%s\"", module);
    assert_int_equal(post(cookie, csrf, "/onboarding/templates", form, location), 303);
    assert_non_null(strstr(location, "?remove="));
    assert_true(page_has(cookie, location, "id=\"confirm\""));
    assert_true(page_has(cookie, "/onboarding/templates", field)); /* still there */
    snprintf(form, sizeof form, "remove=%s&confirm=yes", module);
    assert_int_equal(post(cookie, csrf, "/onboarding/templates", form, location), 303);
    assert_false(page_has(cookie, "/onboarding/templates", field));
    free(cookie);
}

/* Declining a request needs a reason (the employee is told it): without
 * one nothing changes and the page says so at the top; with one the page
 * says what happened. */
static void test_declining_needs_a_reason(void **state)
{
    (void)state;
    char csrf[65], action[128], location[256];
    char *cookie = login_cookie(db, "manager", "demo-manager", csrf);
    find_after(cookie, "/team/enrolments", "action=\"/enrolments/", '"', action);
    assert_true(*action); /* "ID/decide" */
    char target[160];
    snprintf(target, sizeof target, "/enrolments/%s", action);
    assert_int_equal(post(cookie, csrf, target, "decision=decline&reason=+", location), 303);
    assert_non_null(strstr(location, "?decline="));
    assert_true(page_has(cookie, location, "role=\"alert\""));
    assert_true(page_has(cookie, location, "geef een reden"));
    assert_true(page_has(cookie, "/team/enrolments", target)); /* still to decide */
    assert_int_equal(post(cookie, csrf, target, "decision=decline&reason=Te+druk", location),
                     303);
    assert_true(page_has(cookie, location, "werd geweigerd"));
    assert_false(page_has(cookie, "/team/enrolments", target));
    free(cookie);
}

/* A plan's form that comes back says so at the top, with a link to the
 * field; a reload of the address it posted to goes back to the plan. */
static void test_plan_form_problem_is_announced_at_the_top(void **state)
{
    (void)state;
    char csrf[65], location[256];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    int year = date_year(date_today()) + 2;
    char form[96], target[64];
    snprintf(form, sizeof form, "year=%d", year);
    post(cookie, csrf, "/plans", form, location); /* there may be one already */
    snprintf(target, sizeof target, "/plans/%d/initiative", year);
    char body[512];
    snprintf(body, sizeof body, "csrf=%s&action=add&id=0&title=Heftruck&target_group=Magazijn&"
                                "participants=4&hours=vier&type=formal", csrf);
    exchange x;
    run_request(&x, db, "POST", target, cookie, body, NULL);
    assert_int_equal(x.resp.status, 422);
    const char *notice = strstr(exchange_body(&x), "href=\"#i-hours\"");
    const char *initiatives = strstr(exchange_body(&x), "id=\"initiative\"");
    assert_non_null(notice);
    assert_non_null(initiatives);
    assert_true(notice < initiatives);
    assert_non_null(strstr(exchange_body(&x), "id=\"i-hours\""));
    exchange_free(&x);
    get(&x, cookie, target);
    assert_int_equal(x.resp.status, 303);
    snprintf(target, sizeof target, "/plans/%d", year);
    assert_string_equal(response_get_header(&x.resp, "Location"), target);
    exchange_free(&x);
    free(cookie);
}

/* Whether BODY shows an employee's number alone as an element's text
 * (">E001<"), where a person's name belongs. */
static bool shows_bare_number(const char *body)
{
    for (const char *p = body; (p = strstr(p, ">E")) != NULL; p++)
        if (p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && p[4] >= '0' &&
            p[4] <= '9' && p[5] == '<')
            return true;
    return false;
}

/* Pages say names and words: an import's problems name the column by its
 * label and the allowed values in words, the register names competences,
 * the employee form offers gender by its labels, and assessors, newcomers,
 * mentors and members are named. */
static void test_pages_say_names_not_codes(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    post_import(&x, cookie, csrf, (const char *const[]){NULL},
                "employee_id;title;type;start_date;end_date;hours;working_time\r\n"
                "E001;Cursus;formal;2026-03-02;2026-03-01;2;misschien");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    assert_non_null(strstr(body, "Tijdens de werkuren (<code translate=\"no\">working_time"));
    assert_non_null(strstr(body, "een van ja of nee"));
    assert_null(strstr(body, "yes|no"));
    assert_non_null(strstr(body, "een datum op of na de begindatum"));
    assert_null(strstr(body, "start_date</td>"));
    exchange_free(&x);
    get(&x, cookie, "/needs");
    assert_null(strstr(exchange_body(&x), ">VEILIG<"));
    assert_non_null(strstr(exchange_body(&x), "<td>Veiligheidsbewustzijn</td>"));
    exchange_free(&x);
    get(&x, cookie, "/employees/new");
    assert_non_null(strstr(exchange_body(&x), "<option value=\"F\">vrouw</option>"));
    exchange_free(&x);
    static const char *const named[] = {"/employees/E003/competences", "/onboarding",
                                        "/communities/1"};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        get(&x, cookie, named[i]);
        assert_int_equal(x.resp.status, 200);
        if (shows_bare_number(exchange_body(&x)))
            fail_msg("%s shows an employee's number instead of a name", named[i]);
        exchange_free(&x);
    }
    free(cookie);
}

/* Whether BODY holds an amount of four or more digits before its decimal
 * comma without the grouping of thousands ("1512,00"). */
static bool has_ungrouped_amount(const char *body)
{
    for (const char *p = strchr(body, ','); p; p = strchr(p + 1, ','))
        if (p - body >= 4 && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9') {
            int digits = 0;
            for (const char *q = p - 1; q >= body && *q >= '0' && *q <= '9'; q--)
                digits++;
            if (digits >= 4)
                return true;
        }
    return false;
}

/* Last year's evaluation writes realised amounts grouped like the planned
 * ones beside them, for HR (in the form) and the works council. */
static void test_evaluation_amounts_are_grouped(void **state)
{
    (void)state;
    char target[64];
    snprintf(target, sizeof target, "/plans/%d/evaluation", date_year(date_today()) - 1);
    static const char *const logins[][2] = {{"admin", "demo-admin"},
                                            {"representative", "demo-representative"}};
    for (size_t i = 0; i < 2; i++) {
        char csrf[65];
        char *cookie = login_cookie(db, logins[i][0], logins[i][1], csrf);
        exchange x;
        get(&x, cookie, target);
        assert_int_equal(x.resp.status, 200);
        if (has_ungrouped_amount(exchange_body(&x)))
            fail_msg("%s as %s: an amount without its thousands grouped", target, logins[i][0]);
        exchange_free(&x);
        free(cookie);
    }
}

/* HR's certifications: a missing certificate has no end date ("—"); where
 * no session is planned the follow-up says it adds a need, and the view's
 * filter stays after it. A manager's "expiring this quarter" holds nothing
 * that has expired already. */
static void test_certification_follow_up(void **state)
{
    (void)state;
    char csrf[65], location[256];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    get(&x, cookie, "/certifications?status=missing");
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    assert_non_null(strstr(body, "<td>ontbreekt</td><td>—</td><td>—</td>"));
    assert_null(strstr(body, "onbeperkt"));
    /* a line whose activity has no session: its button, and where it leads */
    const char *button = strstr(body, "<button>Geen sessie gepland: opleidingsbehoefte");
    assert_non_null(button);
    const char *form = button;
    while (form > body && strncmp(form, "<form", 5) != 0)
        form--;
    char who[32] = "", code[64] = "";
    const char *w = strstr(form, "name=\"employee_id\" value=\"");
    const char *c = strstr(form, "name=\"activity\" value=\"");
    assert_true(w && w < button && c && c < button);
    w += strlen("name=\"employee_id\" value=\"");
    c += strlen("name=\"activity\" value=\"");
    snprintf(who, sizeof who, "%.*s", (int)strcspn(w, "\""), w);
    snprintf(code, sizeof code, "%.*s", (int)strcspn(c, "\""), c);
    exchange_free(&x);
    char fields[160];
    snprintf(fields, sizeof fields, "employee_id=%s&activity=%s&f_status=missing", who, code);
    assert_int_equal(post(cookie, csrf, "/certifications/renew", fields, location), 303);
    assert_non_null(strstr(location, "renewed=need"));
    assert_non_null(strstr(location, "status=missing"));
    free(cookie);
    cookie = login_cookie(db, "manager", "demo-manager", csrf);
    get(&x, cookie, "/certifications");
    const char *quarter = strstr(exchange_body(&x), "Verloopt dit kwartaal");
    assert_non_null(quarter);
    const char *end = strstr(quarter, "</table>");
    const char *expired = strstr(quarter, "<td>verlopen</td>");
    assert_true(!expired || expired > end);
    exchange_free(&x);
    free(cookie);
}

/* The little-endian 32-bit word at P of a .mo catalogue. */
static uint32_t mo_word(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Whether TEXT holds WORD as a whole word (letters, and UTF-8 bytes, on
 * neither side). */
static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
        unsigned char before = p > text ? (unsigned char)p[-1] : ' ';
        unsigned char after = (unsigned char)p[n];
        bool letter_before = before >= 0x80 || ((before | 0x20) >= 'a' && (before | 0x20) <= 'z');
        bool letter_after = after >= 0x80 || ((after | 0x20) >= 'a' && (after | 0x20) <= 'z');
        if (!letter_before && !letter_after)
            return true;
    }
    return false;
}

/* The Dutch texts speak one register (informal "je", as most of them do),
 * say "behoefte(n)" as the needs page does, and "inlezen" as the import
 * page's title does; the home page's counters are labelled by nouns. */
static void test_dutch_wording_is_consistent(void **state)
{
    (void)state;
    const struct embedded_file *mo = embed_find(embedded_catalogs, "nl.mo");
    assert_non_null(mo);
    const unsigned char *d = mo->data;
    uint32_t n = mo_word(d + 8), trans = mo_word(d + 16);
    static const char *const avoided[] = {"u", "uw", "U", "Uw", "nood", "noden", "importeer",
                                          "importeren", "geïmporteerd", NULL};
    for (uint32_t i = 0; i < n; i++) {
        const char *text = (const char *)d + mo_word(d + trans + 8 * i + 4);
        for (int k = 0; avoided[k]; k++)
            if (has_word(text, avoided[k]))
                fail_msg("\"%s\" in: %s", avoided[k], text);
    }
    char csrf[65];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    exchange x;
    get(&x, cookie, "/");
    assert_null(strstr(exchange_body(&x), "?</a>:"));
    exchange_free(&x);
    free(cookie);
}

/* GETs TARGET as COOKIE over the router as if the browser had sent the
 * header Host: HOST. */
static void get_at_host(exchange *x, const char *cookie, const char *target, const char *host)
{
    memset(x, 0, sizeof *x);
    assert_true(request_init(&x->req, &x->a, db, "GET", target));
    assert_true(params_parse_cookies(&x->a, &x->req.cookies, cookie));
    x->req.host = host;
    response_init(&x->resp);
    router_handle(&x->req, &x->resp);
    if (x->resp.shared)
        assert_true(str_append(&x->resp.body, cache_body(x->resp.shared),
                               cache_len(x->resp.shared)));
}

/* The private calendar address is shown whole, to paste into a calendar
 * application: under the public_url setting, else the host asked. */
static void test_calendar_address_is_absolute(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    exchange x;
    get_at_host(&x, cookie, "/my/sessions", "leren.example:19100");
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "<code id=\"calendar-address\">"
                                              "http://leren.example:19100/calendar/"));
    exchange_free(&x);
    get_at_host(&x, cookie, "/my/sessions", "192.0.2.7:19100"); /* not a cached answer */
    assert_non_null(strstr(exchange_body(&x), "http://192.0.2.7:19100/calendar/"));
    exchange_free(&x);
    get_at_host(&x, cookie, "/my/sessions", "evil\"><script>");
    assert_non_null(strstr(exchange_body(&x), "<code id=\"calendar-address\">http://"));
    assert_null(strstr(exchange_body(&x), "evil"));
    exchange_free(&x);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, settings_set(db, "test", "public_url",
                                                "https://groeipad.voeding.example/")),
                     STORE_OK);
    get_at_host(&x, cookie, "/my/sessions", "localhost:19100");
    assert_non_null(strstr(exchange_body(&x), "<code id=\"calendar-address\">"
                                              "https://groeipad.voeding.example/calendar/"));
    exchange_free(&x);
    free(cookie);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replacing_a_year_asks_first),
        cmocka_unit_test(test_trainer_sees_only_usable_actions),
        cmocka_unit_test(test_session_links_open_for_every_role),
        cmocka_unit_test(test_destructive_actions_ask_first),
        cmocka_unit_test(test_declining_needs_a_reason),
        cmocka_unit_test(test_plan_form_problem_is_announced_at_the_top),
        cmocka_unit_test(test_pages_say_names_not_codes),
        cmocka_unit_test(test_evaluation_amounts_are_grouped),
        cmocka_unit_test(test_certification_follow_up),
        cmocka_unit_test(test_dutch_wording_is_consistent),
        cmocka_unit_test(test_calendar_address_is_absolute),
    };
    return cmocka_run_group_tests_name("ui_walk", tests, setup, teardown);
}
