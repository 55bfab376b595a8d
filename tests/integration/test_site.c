/* test_site.c - a PostgreSQL site serving several organisations from one
 * server: choosing an organisation after login, switching, tokens bound to
 * one organisation, the sector reports for a sector account only, and, for
 * every route of the route table, nothing of one organisation seen from
 * another (also through the page cache). Runs in the pg suite only. */
#include "helpers.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/mail.h"
#include "store/data.h"
#include "store/incentives.h"
#include "store/site.h"
#include <unistd.h>
#include "web/router.h"
#include "web/server.h"
#include <jansson.h>

/* Something only organisation B holds: an employee, an activity and a
 * learning record carry it. */
#define MARK "Qqmarker"

static server *site;
static int port;
static const char *org_a, *org_b;

/* The value of cookie NAME set in RAW (a whole response), copied to OUT. */
static bool cookie_of(const char *raw, const char *name, char *out, size_t size)
{
    char key[48];
    snprintf(key, sizeof key, "Set-Cookie: %s=", name);
    const char *c = strstr(raw, key);
    if (!c)
        return false;
    c += strlen(key);
    size_t n = strcspn(c, ";\r\n");
    if (n + 1 > size)
        return false;
    memcpy(out, c, n);
    out[n] = '\0';
    return true;
}

typedef struct browser {
    char session[80], csrf[80];
} browser;

/* The CSRF token of the first form on page RAW into OUT. */
static void form_token_of(const char *raw, char *out, size_t size)
{
    const char *f = strstr(raw, "name=\"csrf\" value=\"");
    assert_non_null(f);
    f += 19;
    size_t n = strcspn(f, "\"");
    assert_true(n < size);
    memcpy(out, f, n);
    out[n] = '\0';
}

/* Logs in as LOGIN over HTTP: B holds the session and its CSRF cookie. */
static void log_in(browser *b, const char *login, const char *password)
{
    char *raw, headers[300], body[400];
    assert_int_equal(http_request(port, "GET", "/login", NULL, NULL, &raw), 200);
    assert_true(cookie_of(raw, "gp_csrf", b->csrf, sizeof b->csrf));
    free(raw);
    snprintf(headers, sizeof headers, "Cookie: gp_csrf=%s\r\n", b->csrf);
    snprintf(body, sizeof body, "csrf=%s&login=%s&password=%s&next=/", b->csrf, login, password);
    assert_int_equal(http_request(port, "POST", "/login", headers, body, &raw), 303);
    assert_true(cookie_of(raw, "gp_session", b->session, sizeof b->session));
    free(raw);
}

/* The token of the forms B is shown now (on a site, each organisation's
 * forms have their own), as a browser takes it from the page. */
static void take_token(browser *b)
{
    char headers[300], *raw;
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b->session,
             b->csrf);
    assert_int_equal(http_request(port, "GET", "/account", headers, NULL, &raw), 200);
    form_token_of(raw, b->csrf, sizeof b->csrf);
    free(raw);
}

/* Logs in as LOGIN over HTTP and chooses ORG (POST /orgs). */
static void login_to(browser *b, const char *login, const char *password, const char *org)
{
    char *raw, headers[300], body[400];
    log_in(b, login, password);
    /* Several organisations: the home page sends to the choice first. */
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b->session,
             b->csrf);
    assert_int_equal(http_request(port, "GET", "/", headers, NULL, &raw), 303);
    assert_non_null(strstr(raw, "Location: /orgs"));
    free(raw);
    assert_int_equal(http_request(port, "GET", "/orgs", headers, NULL, &raw), 200);
    form_token_of(raw, b->csrf, sizeof b->csrf); /* the form's token is the session's */
    free(raw);
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/", b->csrf, org);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    free(raw);
    take_token(b);
}

static int get_as(const browser *b, const char *path, char **raw)
{
    char headers[300];
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b->session,
             b->csrf);
    return http_request(port, "GET", path, headers, NULL, raw);
}

static int setup(void **state)
{
    (void)state;
    if (!test_pg())
        return 0;
    const char *a = test_path("site-a.db"), *b = test_path("site-b.db");
    store_close(demo_store(a));
    store_close(demo_store(b));
    org_a = test_org(a);
    org_b = test_org(b);
    const char *people = write_file(
        "site-mark.csv",
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education\n"
        "QQ9," MARK ",Persoon,F,1980-01-01,2020-01-01,Productie,Operator,blue_collar,"
        "permanent,1,low\n");
    const char *acts = write_file("site-act.csv", "code,title,type,form\n"
                                                  "QQACT," MARK " cursus,formal,classroom\n");
    const char *rec = write_file("site-rec.csv",
                                 "employee_id,activity_code,title,start_date,hours\n"
                                 "QQ9,QQACT," MARK " dag,2026-03-02,8\n");
    char args[700];
    snprintf(args, sizeof args, "import employees %s >/dev/null", people);
    assert_int_equal(gp(b, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import activities %s >/dev/null", acts);
    assert_int_equal(gp(b, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import learning %s >/dev/null", rec);
    assert_int_equal(gp(b, args, NULL, NULL), 0);
    server_config cfg = {test_pg(), NULL, "127.0.0.1", 0, 2};
    str err = STR_INIT;
    site = server_start(&cfg, &err);
    if (!site)
        fail_msg("site: %s", str_cstr(&err));
    port = server_port(site);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (site)
        server_stop(site);
    return 0;
}

/* The Location of the answer RAW, copied to OUT ("" when there is none). */
static void location_of(const char *raw, char *out, size_t size)
{
    const char *l = strstr(raw, "Location: ");
    size_t n = l ? strcspn(l + 10, "\r\n") : 0;
    assert_true(n < size);
    memcpy(out, l ? l + 10 : "", n);
    out[n] = '\0';
}

/* Logged out, LOGIN opens PATH, logs in and (with several organisations)
 * chooses ORG; OUT gets where the last redirect sends them. */
static void deep_link(const char *login, const char *password, const char *path,
                      const char *org, char *out, size_t size)
{
    char *raw, headers[300], body[600], loc[300], enc[300];
    browser b;
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 303);
    location_of(raw, loc, sizeof loc);
    free(raw);
    assert_int_equal(strncmp(loc, "/login?next=", 12), 0);
    snprintf(enc, sizeof enc, "%s", loc + 12); /* still %-encoded, as a form sends it */
    assert_int_equal(http_request(port, "GET", loc, NULL, NULL, &raw), 200);
    assert_true(cookie_of(raw, "gp_csrf", b.csrf, sizeof b.csrf));
    free(raw);
    snprintf(headers, sizeof headers, "Cookie: gp_csrf=%s\r\n", b.csrf);
    snprintf(body, sizeof body, "csrf=%s&login=%s&password=%s&next=%s", b.csrf, login,
             password, enc);
    assert_int_equal(http_request(port, "POST", "/login", headers, body, &raw), 303);
    assert_true(cookie_of(raw, "gp_session", b.session, sizeof b.session));
    location_of(raw, loc, sizeof loc);
    free(raw);
    assert_string_equal(loc, path);
    assert_int_equal(get_as(&b, path, &raw), 303); /* no organisation chosen yet */
    location_of(raw, loc, sizeof loc);
    free(raw);
    assert_int_equal(strncmp(loc, "/orgs?next=", 11), 0);
    int status = get_as(&b, loc, &raw);
    if (org) {
        assert_int_equal(status, 200);
        form_token_of(raw, b.csrf, sizeof b.csrf);
        free(raw);
        snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session,
                 b.csrf);
        snprintf(body, sizeof body, "csrf=%s&org=%s&next=%s", b.csrf, org,
                 strstr(loc, "next=") + 5);
        status = http_request(port, "POST", "/orgs", headers, body, &raw);
    }
    assert_int_equal(status, 303);
    location_of(raw, out, size);
    free(raw);
}

/* A page opened logged out is the page shown after the login: with one
 * organisation (chosen at once) and with several (chosen on /orgs), its
 * query kept; an address of another site is not followed. */
static void test_deep_link_survives_login(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    assert_int_equal(gp(test_path("site-a.db"), "user add --login deeplink --role admin "
                                                ">/dev/null", "deeplink-password-1\n", NULL), 0);
    char loc[300];
    deep_link("deeplink", "deeplink-password-1", "/sessions/1", NULL, loc, sizeof loc);
    assert_string_equal(loc, "/sessions/1");
    deep_link("deeplink", "deeplink-password-1", "/reports?year=2026", NULL, loc, sizeof loc);
    assert_string_equal(loc, "/reports?year=2026");
    deep_link("admin", "demo-admin", "/reports?year=2026&by=gender", org_b, loc, sizeof loc);
    assert_string_equal(loc, "/reports?year=2026&by=gender");
    /* a value holding '&' stays one value */
    deep_link("admin", "demo-admin", "/employees?q=a%26b", org_a, loc, sizeof loc);
    assert_string_equal(loc, "/employees?q=a%26b");
    /* a space or a letter such as é in the query is no threat: kept too */
    deep_link("admin", "demo-admin", "/employees?q=Jan%20Qualit%C3%A9", org_a, loc, sizeof loc);
    assert_string_equal(loc, "/employees?q=Jan%20Qualit%C3%A9");
    /* the next of /orgs is checked as the login's is */
    browser b;
    log_in(&b, "deeplink", "deeplink-password-1");
    char *raw;
    assert_int_equal(get_as(&b, "/orgs?next=//evil.example/x", &raw), 303);
    location_of(raw, loc, sizeof loc);
    free(raw);
    assert_string_equal(loc, "/");
}

/* The switch of organisation is offered to who has more than one; /orgs
 * does not tell someone with one that they have several. */
static void test_switch_only_with_several(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    assert_int_equal(gp(test_path("site-a.db"), "user add --login onlyone --role admin "
                                                ">/dev/null", "onlyone-password-1\n", NULL), 0);
    browser b;
    log_in(&b, "onlyone", "onlyone-password-1");
    char *raw;
    assert_int_equal(get_as(&b, "/orgs", &raw), 303); /* one: chosen at once */
    free(raw);
    assert_int_equal(get_as(&b, "/account", &raw), 200);
    assert_null(strstr(raw, "class=\"switch\""));
    free(raw);
    assert_int_equal(get_as(&b, "/orgs", &raw), 200);
    assert_null(strstr(raw, "meerdere organisaties"));
    assert_null(strstr(raw, "several organisations"));
    assert_true(strstr(raw, "één organisatie") || strstr(raw, "one organisation"));
    free(raw);
    /* a role in a second organisation: the next page offers the switch,
     * also one kept in the page cache (A's data did not change) */
    assert_int_equal(get_as(&b, "/reports", &raw), 200);
    assert_null(strstr(raw, "class=\"switch\""));
    free(raw);
    assert_int_equal(gp(test_path("site-b.db"), "user grant --login onlyone --role employee "
                                                ">/dev/null 2>&1", NULL, NULL), 0);
    assert_int_equal(get_as(&b, "/reports", &raw), 200);
    assert_non_null(strstr(raw, "class=\"switch\" href=\"/orgs\""));
    free(raw);
    browser two;
    login_to(&two, "admin", "demo-admin", org_a);
    assert_int_equal(get_as(&two, "/account", &raw), 200);
    assert_non_null(strstr(raw, "class=\"switch\" href=\"/orgs\""));
    free(raw);
}

/* A person whose role in the organisation they work in is taken away is
 * taken to their other organisations and told why, not logged out without
 * a word; the session opens nothing of the lost one, even when the role
 * is given back. */
static void test_lost_role_goes_to_the_chooser(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    assert_int_equal(gp(test_path("site-a.db"), "user add --login wanderer --role admin "
                                                ">/dev/null", "wanderer-password-1\n", NULL), 0);
    assert_int_equal(gp(test_path("site-b.db"), "user grant --login wanderer --role admin "
                                                ">/dev/null 2>&1", NULL, NULL), 0);
    browser w;
    login_to(&w, "wanderer", "wanderer-password-1", org_a);
    char *raw;
    assert_int_equal(get_as(&w, "/employees", &raw), 200);
    free(raw);
    assert_int_equal(gp(test_path("site-a.db"), "user remove --login wanderer --yes >/dev/null",
                        NULL, NULL), 0);
    /* the role given back before the next request opens nothing of A: the
     * session left it when the role went */
    assert_int_equal(gp(test_path("site-a.db"), "user grant --login wanderer --role admin "
                                                ">/dev/null 2>&1", NULL, NULL), 0);
    assert_int_equal(get_as(&w, "/employees", &raw), 303);
    assert_non_null(strstr(raw, "Location: /orgs?next=%2Femployees"));
    free(raw);
    assert_int_equal(get_as(&w, "/orgs?next=%2Femployees", &raw), 200);
    assert_true(strstr(raw, "Je hebt geen rol meer in site-a.db, de organisatie waarin je "
                            "werkte") ||
                strstr(raw, "You no longer have a role in site-a.db, the organisation"));
    assert_non_null(strstr(raw, "site-b.db")); /* B, offered though it is the only other */
    form_token_of(raw, w.csrf, sizeof w.csrf);
    free(raw);
    char headers[300], body[300];
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", w.session,
             w.csrf);
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/employees", w.csrf, org_b);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    free(raw);
    assert_int_equal(get_as(&w, "/employees", &raw), 200);
    free(raw);
    /* chosen, the message is said once */
    assert_int_equal(get_as(&w, "/orgs", &raw), 200);
    assert_null(strstr(raw, "site-a.db, de organisatie waarin"));
    assert_null(strstr(raw, "site-a.db, the organisation"));
    free(raw);
}

/* Choosing and switching: the header names the organisation chosen. */
static void test_choose_and_switch(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    browser b;
    login_to(&b, "admin", "demo-admin", org_b);
    char *raw;
    assert_int_equal(get_as(&b, "/employees/QQ9", &raw), 200);
    assert_non_null(strstr(raw, MARK)); /* B's own data is there */
    assert_non_null(strstr(raw, "href=\"/orgs\""));
    free(raw);
    assert_int_equal(get_as(&b, "/orgs", &raw), 200); /* the one chosen is marked */
    assert_true(strstr(raw, "(chosen now)") || strstr(raw, "(nu gekozen)"));
    free(raw);
    /* a choice of an organisation the person does not belong to changes nothing */
    char headers[300], body[300];
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    snprintf(body, sizeof body, "csrf=%s&org=nosuchorg&next=/", b.csrf);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    assert_non_null(strstr(raw, "Location: /orgs?refused=1"));
    free(raw);
    assert_int_equal(get_as(&b, "/orgs?refused=1", &raw), 200);
    assert_non_null(strstr(raw, "role=\"alert\""));
    free(raw);
    assert_int_equal(get_as(&b, "/employees/QQ9", &raw), 200);
    free(raw);
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/", b.csrf, org_a);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    free(raw);
    assert_int_equal(get_as(&b, "/employees/QQ9", &raw), 404);
    /* the page says where one works now and offers the switch back to the
     * same address, without saying whether it exists elsewhere */
    assert_non_null(strstr(raw, "/orgs?next="));
    assert_non_null(strstr(raw, "QQ9\">"));
    assert_null(strstr(raw, MARK));
    /* conditionally: the page may exist nowhere (before, it said that a
     * page of another organisation opens after the switch) */
    assert_non_null(strstr(raw, "Hoort deze pagina bij een andere organisatie van jou, schakel "
                                "dan eerst over"));
    assert_null(strstr(raw, "opent pas nadat"));
    free(raw);
    take_token(&b);
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    /* without the form's token, no switch */
    snprintf(body, sizeof body, "csrf=wrong&org=%s&next=/", org_b);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 403);
    free(raw);
    /* a next that leaves the site ("/\evil.example", which browsers follow
     * to evil.example) goes home instead; a path of the site is kept */
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/%%5Cevil.example", b.csrf, org_b);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    assert_non_null(strstr(raw, "Location: /\r\n"));
    free(raw);
    take_token(&b); /* now B's forms */
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/reports%%3Fyear%%3D2025", b.csrf, org_b);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    assert_non_null(strstr(raw, "Location: /reports?year=2025\r\n"));
    free(raw);
    assert_int_equal(get_as(&b, "/orgs?next=/%5Cevil.example", &raw), 200);
    assert_null(strstr(raw, "evil.example"));
    free(raw);
    /* the choices are the site's to log: an organisation's log (in its
     * backup) would tell which others the person works for */
    char cmd[700], *out;
    snprintf(cmd, sizeof cmd,
             "psql '%s' -tAc \"SELECT (SELECT count(*) FROM registry.audit_log WHERE action = "
             "'choose') > 0, (SELECT count(*) FROM org_%s.audit_log WHERE action = 'choose') + "
             "(SELECT count(*) FROM org_%s.audit_log WHERE action = 'choose')\"",
             test_pg(), org_a, org_b);
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    assert_string_equal(out, "t|0\n");
    free(out);
}

/* The number before " medewerkers"/"staff members" on the home page RAW. */
static long staff_count(const char *raw)
{
    const char *c = strstr(raw, "<ul class=\"cards\"><li><a href=\"/employees?status=active\"><strong>");
    return c ? strtol(c + strlen("<ul class=\"cards\"><li><a href=\"/employees?status=active\"><strong>"),
                      NULL, 10)
             : -1;
}

/* Two organisations at the same data version (a restore can do that) each
 * see their own counts on the home page: the counts kept between requests
 * name their organisation. B has one person more than A (QQ9). */
static void test_home_counts_are_each_organisations(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char cmd[600], headers[300], body[300], *raw;
    snprintf(cmd, sizeof cmd, "psql '%s' -q -c 'UPDATE org_%s.data_version SET version = 4242' "
                              "-c 'UPDATE org_%s.data_version SET version = 4242' >/dev/null",
             test_pg(), org_a, org_b);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    browser b;
    login_to(&b, "admin", "demo-admin", org_a);
    assert_int_equal(get_as(&b, "/", &raw), 200);
    long in_a = staff_count(raw);
    free(raw);
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/", b.csrf, org_b);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    free(raw);
    assert_int_equal(get_as(&b, "/", &raw), 200);
    long in_b = staff_count(raw);
    free(raw);
    assert_true(in_a > 0);
    assert_int_equal(in_b, in_a + 1);
}

/* A file downloaded from an organisation of the site starts with its slug,
 * so that the same report of two organisations is two files. */
static void test_downloads_name_their_organisation(void **state)
{
    (void)state;
    browser b;
    login_to(&b, "admin", "demo-admin", org_a);
    char *raw, want[160];
    assert_int_equal(get_as(&b, "/reports/download?report=training-right&format=csv&year=2026",
                            &raw), 200);
    snprintf(want, sizeof want, "attachment; filename=\"%s-training-right-2026.csv\"", org_a);
    if (!strstr(raw, want))
        fail_msg("no %s in:\n%.600s", want, raw);
    free(raw);
}

/* The path of route R with its segment filled with something of B's. */
static bool route_path(const route *r, char *out, size_t size)
{
    const char *colon = strchr(r->path, ':');
    if (strchr(r->path, '*'))
        return false;
    if (!colon) {
        snprintf(out, size, "%s?year=2026&by=gender", r->path);
        return true;
    }
    const char *value = "QQ9";
    if (strstr(r->path, ":year"))
        value = "2026";
    else if (strstr(r->path, ":scan"))
        value = "readiness";
    else if (strstr(r->path, "/reports/"))
        value = "training-right";
    else if (strstr(r->path, ":kind"))
        value = "employees";
    size_t head = (size_t)(colon - r->path);
    const char *rest = strchr(colon, '/');
    snprintf(out, size, "%.*s%s%s?year=2026&by=gender", (int)head, r->path, value,
             rest ? rest : "");
    return true;
}

/* Every GET route, for every role of the demo: B's marker never shows in
 * A, also right after B's people asked the same pages (the page cache). */
static void test_every_route_keeps_organisations_apart(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    static const char *const logins[][2] = {
        {"admin", "demo-admin"}, {"manager", "demo-manager"}, {"employee", "demo-employee"},
        {"mentor", "demo-mentor"}, {"representative", "demo-representative"}};
    int checked = 0, seen_in_b = 0;
    for (size_t l = 0; l < 5; l++) {
        browser in_a, in_b;
        login_to(&in_b, logins[l][0], logins[l][1], org_b);
        login_to(&in_a, logins[l][0], logins[l][1], org_a);
        for (const route *r = routes; r->method; r++) {
            char path[256], *raw;
            if (strcmp(r->method, "GET") != 0 || !route_path(r, path, sizeof path))
                continue;
            get_as(&in_b, path, &raw);
            seen_in_b += strstr(raw, MARK) != NULL;
            free(raw);
            get_as(&in_a, path, &raw);
            if (strstr(raw, MARK))
                fail_msg("%s in organisation A sees B's data at %s", logins[l][0], path);
            free(raw);
            checked++;
        }
    }
    assert_true(checked > 100);
    assert_true(seen_in_b >= 3); /* the marker is findable where it belongs */
}

/* An API token belongs to one person in one organisation. */
static void test_tokens_belong_to_one_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char *ta, *tb, headers[200], *raw;
    assert_int_equal(gp(test_path("site-a.db"), "user token --login admin", NULL, &ta), 0);
    assert_int_equal(gp(test_path("site-b.db"), "user token --login admin", NULL, &tb), 0);
    ta[strcspn(ta, "\n")] = '\0';
    tb[strcspn(tb, "\n")] = '\0';
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", ta);
    const char *reads[] = {"/api/v1/employees?q=QQ9", "/api/v1/activities",
                           "/api/v1/learning?employee_id=QQ9"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", ta);
        assert_int_equal(http_request(port, "GET", reads[i], headers, NULL, &raw), 200);
        assert_null(strstr(raw, MARK));
        free(raw);
        snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", tb);
        assert_int_equal(http_request(port, "GET", reads[i], headers, NULL, &raw), 200);
        assert_non_null(strstr(raw, MARK));
        free(raw);
    }
    /* the scheme in any case (RFC 7235), also where the site picks the
     * token's organisation */
    snprintf(headers, sizeof headers, "Authorization: bearer %s\r\n", tb);
    assert_int_equal(http_request(port, "GET", reads[0], headers, NULL, &raw), 200);
    assert_non_null(strstr(raw, MARK));
    free(raw);
    snprintf(headers, sizeof headers, "Authorization: BEARER %s\r\n", tb);
    /* an organisation's token reads no sector report */
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/participation?year=2026&by=gender",
                                  headers, NULL, &raw), 403);
    free(raw);
    free(ta);
    free(tb);
}

/* The login page of a site says that the password is the person's for
 * every organisation of the site, and who sets a new one; a single
 * organisation's says HR does. */
static void test_login_page_says_whose_password(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char *raw;
    assert_int_equal(http_request(port, "GET", "/login", "Accept-Language: en\r\n", NULL, &raw),
                     200);
    assert_non_null(strstr(raw, "Your password is the same for every organisation of this site."));
    assert_non_null(strstr(raw, "administrator does, for all of them at once."));
    free(raw);
    assert_int_equal(http_request(port, "GET", "/login", NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "Je wachtwoord is hetzelfde voor elke organisatie van deze site."));
    free(raw);
}

/* A sector account's token reads the sector reports and nothing else. */
static void set_setting(const char *path, const char *key, const char *value);

static void test_sector_account(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char *out, args[600], headers[200], *raw;
    snprintf(args, sizeof args, "%s --pg '%s' user add --login fund --sector", groeipad_bin(),
             test_pg());
    assert_int_equal(run_shell(args, "fund-password-1\n", NULL), 0);
    snprintf(args, sizeof args, "%s --pg '%s' user token --login fund", groeipad_bin(),
             test_pg());
    assert_int_equal(run_shell(args, NULL, &out), 0);
    out[strcspn(out, "\n")] = '\0';
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", out);
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/participation?year=2026&by=gender",
                                  headers, NULL, &raw), 200);
    assert_non_null(strstr(raw, "\"by_organisation\""));
    assert_null(strstr(raw, MARK));
    free(raw);
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/social-balance?year=2025",
                                  headers, NULL, &raw), 200);
    free(raw);
    assert_int_equal(http_request(port, "GET", "/api/v1/employees", headers, NULL, &raw), 403);
    free(raw);
    /* it never gets a role in an organisation: it would read its people */
    char *said;
    assert_int_equal(gp(test_path("site-b.db"), "user grant --login fund --role admin 2>&1", NULL,
                        &said), 1);
    assert_non_null(strstr(said, "is a sector account"));
    free(said);
    assert_int_equal(gp(test_path("site-b.db"), "user token --login fund >/dev/null 2>&1", NULL,
                        NULL), 1);
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/participation?year=2026",
                                  headers, NULL, &raw), 400);
    free(raw);
    /* its refusals speak the caller's language, as every API error does */
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\nAccept-Language: nl\r\n",
             out);
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/social-balance?year=1950",
                                  headers, NULL, &raw), 400);
    assert_non_null(strstr(raw, "year=1950 in het webadres is geen geheel getal van 1990"));
    free(raw);
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/training-right?year=2025",
                                  headers, NULL, &raw), 400);
    assert_non_null(strstr(raw, "een sectorrapport is participation of social-balance"));
    free(raw);
    free(out);
    /* A person logged in to an organisation is known, and not a sector
     * account: forbidden, not "log in first". */
    browser b;
    login_to(&b, "admin", "demo-admin", org_a);
    assert_int_equal(get_as(&b, "/api/v1/sector/participation?year=2026&by=gender", &raw), 403);
    free(raw);
    /* Logged in, the sector account has its page: the figures together and
     * by organisation (by name), and nothing of any one organisation. */
    browser f;
    log_in(&f, "fund", "fund-password-1");
    assert_int_equal(get_as(&f, "/", &raw), 303);
    assert_non_null(strstr(raw, "Location: /sector"));
    free(raw);
    assert_int_equal(get_as(&f, "/employees/QQ9", &raw), 303);
    free(raw);
    /* the API answers its cookie in JSON, as it answers its token */
    assert_int_equal(get_as(&f, "/api/v1/employees", &raw), 403);
    assert_non_null(strstr(raw, "application/json"));
    assert_non_null(strstr(raw, "/api/v1/sector/"));
    free(raw);
    assert_int_equal(get_as(&f, "/api/v1/openapi.json", &raw), 200);
    free(raw);
    assert_int_equal(get_as(&f, "/sector?year=2026&report=participation&by=gender", &raw), 200);
    assert_non_null(strstr(raw, "site-b.db")); /* B's name, given by test_org */
    /* one term for the minimum group (it said "Minimumgroep" and "minimale groep") */
    assert_non_null(strstr(raw, "Minimale groep:"));
    assert_null(strstr(raw, "inimumgroep"));
    assert_null(strstr(raw, "class=\"warning\""));
    assert_null(strstr(raw, MARK));
    assert_null(strstr(raw, "het hoogste dat een organisatie instelde")); /* defaults only */
    free(raw);
    /* an organisation's own higher setting raises the sector's: the page says whose */
    set_setting(test_path("site-b.db"), "min_group", "12");
    assert_int_equal(get_as(&f, "/sector?year=2026&report=participation&by=gender", &raw), 200);
    assert_non_null(strstr(raw, "Minimale groep: 12 (het hoogste dat een organisatie instelde: "
                                "site-b.db)"));
    free(raw);
    set_setting(test_path("site-b.db"), "min_group", NULL);
    assert_int_equal(get_as(&f, "/sector?year=2026&report=social-balance", &raw), 200);
    assert_non_null(strstr(raw, "5801"));
    free(raw);
    /* what the address asks for and is not there is said, never answered
     * with other figures */
    assert_int_equal(get_as(&f, "/sector?year=1950", &raw), 400);
    assert_non_null(strstr(raw, "year=1950 in het webadres is geen geheel getal van 1990 tot 2199"));
    free(raw);
    assert_int_equal(get_as(&f, "/sector?year=2026&by=shoe", &raw), 400);
    assert_non_null(strstr(raw, "by=shoe in het webadres is geen van gender, age"));
    free(raw);
    /* a long value is quoted cut, at a character's start */
    assert_int_equal(get_as(&f, "/sector?year=2026&by=abcdefghijklmnopqrstuvw%C3%A9xyz", &raw),
                     400);
    assert_non_null(strstr(raw, "by=abcdefghijklmnopqrstuvw… in het webadres"));
    assert_null(strstr(raw, "xyz in het webadres"));
    free(raw);
    assert_int_equal(get_as(&f, "/sector?year=2026&report=foo", &raw), 400);
    assert_non_null(strstr(raw, "report=foo in het webadres is participation noch"));
    free(raw);
    assert_int_equal(get_as(&f, "/sector?year=1995", &raw), 200); /* nobody then */
    assert_null(strstr(raw, "<table"));
    form_token_of(raw, f.csrf, sizeof f.csrf); /* the session's, for the logout */
    free(raw);
    assert_int_equal(get_as(&f, "/orgs", &raw), 303); /* it has no organisation to choose */
    assert_non_null(strstr(raw, "Location: /sector"));
    free(raw);
    /* it logs out (a session without an organisation has no role the
     * route table would let through) */
    char fhead[300], fbody[200];
    snprintf(fhead, sizeof fhead, "Cookie: gp_session=%s; gp_csrf=%s\r\n", f.session, f.csrf);
    snprintf(fbody, sizeof fbody, "csrf=%s", f.csrf);
    assert_int_equal(http_request(port, "POST", "/logout", fhead, fbody, &raw), 303);
    assert_non_null(strstr(raw, "Location: /login"));
    free(raw);
    assert_int_equal(get_as(&f, "/sector", &raw), 303); /* logged out: to the login */
    assert_non_null(strstr(raw, "Location: /login?next=/sector"));
    free(raw);
    /* so does a person still choosing an organisation */
    browser c;
    log_in(&c, "admin", "demo-admin");
    assert_int_equal(get_as(&c, "/api/v1/employees", &raw), 409); /* JSON, not the page */
    assert_non_null(strstr(raw, "application/json"));
    free(raw);
    assert_int_equal(get_as(&c, "/orgs", &raw), 200);
    form_token_of(raw, c.csrf, sizeof c.csrf);
    free(raw);
    snprintf(fhead, sizeof fhead, "Cookie: gp_session=%s; gp_csrf=%s\r\n", c.session, c.csrf);
    snprintf(fbody, sizeof fbody, "csrf=%s", c.csrf);
    assert_int_equal(http_request(port, "POST", "/logout", fhead, fbody, &raw), 303);
    assert_non_null(strstr(raw, "Location: /login"));
    free(raw);
    assert_int_equal(get_as(&c, "/orgs", &raw), 303); /* the session is gone */
    free(raw);
    /* Only a sector account has a token of the whole site. */
    snprintf(args, sizeof args, "%s --pg '%s' user token --login admin 2>&1", groeipad_bin(),
             test_pg());
    assert_int_equal(run_shell(args, NULL, &out), 2);
    assert_non_null(strstr(out, "--org SLUG"));
    free(out);
}

/* Copies into OUT the text of RAW after NEEDLE, up to one of STOP. */
static bool text_after(const char *raw, const char *needle, const char *stop, char *out,
                       size_t size)
{
    const char *p = strstr(raw, needle);
    if (!p)
        return false;
    p += strlen(needle);
    size_t n = strcspn(p, stop);
    if (n + 1 > size)
        return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

/* Sets (VALUE) or removes (NULL) setting KEY of organisation PATH. */
static void set_setting(const char *path, const char *key, const char *value)
{
    store *db = test_store_open(path);
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = settings_set(db, "test", key, value);
    assert_int_equal(store_end(db, rc), STORE_OK);
    store_close(db);
}

/* Starts a server of organisation ORG alone (serve --org ORG) and points
 * the helpers above at it; *SITE_PORT keeps the site's port for later. */
static server *serve_one(const char *org, int *site_port)
{
    server_config cfg = {test_pg(), org, "127.0.0.1", 0, 2};
    str err = STR_INIT;
    server *one = server_start(&cfg, &err);
    if (!one)
        fail_msg("serve --org %s: %s", org, str_cstr(&err));
    str_free(&err);
    *site_port = port;
    port = server_port(one);
    return one;
}

/* Stops ONE and points the helpers at the site again. */
static void serve_site_again(server *one, int site_port)
{
    server_stop(one);
    port = site_port;
}

/* What psql prints for SQL (one statement, no single quotes) on the test
 * site, its last newline taken off; NULL when psql fails. Freed by the
 * caller. */
static char *site_sql(const char *sql)
{
    char cmd[1200], *out;
    snprintf(cmd, sizeof cmd, "psql '%s' -qAtc \"%s\"", test_pg(), sql);
    if (run_shell(cmd, NULL, &out) != 0) {
        free(out);
        return NULL;
    }
    if (!out)
        return strdup(""); /* nothing printed */
    size_t n = strlen(out);
    if (n && out[n - 1] == '\n')
        out[n - 1] = '\0';
    return out;
}

/* Asserts that site_sql(SQL, with %s the string ARG) prints WANT. */
static void assert_site_sql(const char *sql, const char *arg, const char *want)
{
    char text[800];
    snprintf(text, sizeof text, sql, arg);
    char *out = site_sql(text);
    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
}

/* A calendar application sends no cookie: the feed's address names its
 * organisation, and a token is looked up in that organisation only. */
static void test_calendar_feed_without_cookie(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    browser b;
    login_to(&b, "employee", "demo-employee", org_b);
    char *raw, want[80], feed[200], path[260];
    assert_int_equal(get_as(&b, "/my/sessions", &raw), 200);
    snprintf(want, sizeof want, "://localhost/calendar/%s/", org_b); /* shown whole */
    assert_true(text_after(raw, want, "<", feed, sizeof feed)); /* "<token>.ics" */
    free(raw);
    snprintf(path, sizeof path, "/calendar/%s/%s", org_b, feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "BEGIN:VCALENDAR"));
    free(raw);
    /* B's token under A's name opens nothing, with or without A's cookie */
    browser in_a;
    login_to(&in_a, "admin", "demo-admin", org_a);
    snprintf(path, sizeof path, "/calendar/%s/%s", org_a, feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    assert_int_equal(get_as(&in_a, path, &raw), 404);
    free(raw);
    snprintf(path, sizeof path, "/calendar/nosuchorg/%s", feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    /* the address serve --org gave out (no organisation) finds B's feed,
     * whoever's cookie comes along; one that is no token finds nothing */
    snprintf(path, sizeof path, "/calendar/%s", feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "BEGIN:VCALENDAR"));
    free(raw);
    assert_int_equal(get_as(&in_a, path, &raw), 200);
    assert_non_null(strstr(raw, "BEGIN:VCALENDAR"));
    free(raw);
    char wrong[200];
    snprintf(wrong, sizeof wrong, "%s", feed);
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    snprintf(path, sizeof path, "/calendar/%s", wrong);
    assert_int_equal(get_as(&in_a, path, &raw), 404);
    free(raw);
    /* that address is found through the site's registry, in one read: it
     * names B alone; a renewed address takes the old one's place there,
     * and a restore of B (which loads its tables by COPY) writes it again */
    char token[80], renewed[200];
    snprintf(token, sizeof token, "%.64s", feed);
    assert_site_sql("SELECT string_agg(org, ',') FROM registry.public_addresses WHERE kind = "
                    "'calendar' AND public_id = '%s'", token, org_b);
    char headers[300], form[200];
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    snprintf(form, sizeof form, "csrf=%s", b.csrf);
    assert_int_equal(http_request(port, "POST", "/my/calendar", headers, form, &raw), 303);
    free(raw);
    assert_int_equal(get_as(&b, "/my/sessions", &raw), 200);
    assert_true(text_after(raw, want, "<", renewed, sizeof renewed));
    free(raw);
    assert_string_not_equal(renewed, feed);
    assert_site_sql("SELECT count(*) FROM registry.public_addresses WHERE public_id = '%s'", token,
                    "0");
    snprintf(path, sizeof path, "/calendar/%s", feed); /* the old one */
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    snprintf(feed, sizeof feed, "%s", renewed);
    snprintf(token, sizeof token, "%.64s", feed);
    char backup[300], cmd[900], lost[200];
    snprintf(lost, sizeof lost, "DELETE FROM registry.public_addresses WHERE org = '%s'", org_b);
    free(site_sql(lost)); /* what a restore writes again */
    snprintf(backup, sizeof backup, "%s/feeds-%s.backup", test_dir(), org_b);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s backup %s >/dev/null && %s --pg '%s' --org %s "
             "restore %s --yes >/dev/null", groeipad_bin(), test_pg(), org_b, backup,
             groeipad_bin(), test_pg(), org_b, backup);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    assert_site_sql("SELECT string_agg(org, ',') FROM registry.public_addresses WHERE kind = "
                    "'calendar' AND public_id = '%s'", token, org_b);
    snprintf(path, sizeof path, "/calendar/%s", feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    free(raw);
    /* a copy of B in another organisation has feed addresses of its own:
     * B's token opens nothing there, and its short address stays B's */
    char copy[64];
    snprintf(copy, sizeof copy, "%sc", org_b);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org add %s --name Copy >/dev/null && %s --pg '%s' "
             "--org %s restore %s --yes --from-other-organisation >/dev/null", groeipad_bin(),
             test_pg(), copy, groeipad_bin(), test_pg(), copy, backup);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    assert_site_sql("SELECT string_agg(org, ',') FROM registry.public_addresses WHERE kind = "
                    "'calendar' AND public_id = '%s'", token, org_b);
    snprintf(path, sizeof path, "/calendar/%s/%.70s", copy, feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org remove %s --yes >/dev/null", groeipad_bin(),
             test_pg(), copy);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    /* serve --org B: the same addresses, the one naming B shown; another
     * organisation's name opens nothing */
    int site_port;
    server *one = serve_one(org_b, &site_port);
    browser alone;
    log_in(&alone, "employee", "demo-employee");
    assert_int_equal(get_as(&alone, "/my/sessions", &raw), 200);
    char shown[200];
    assert_true(text_after(raw, want, "<", shown, sizeof shown));
    assert_string_equal(shown, feed);
    free(raw);
    snprintf(path, sizeof path, "/calendar/%s/%s", org_b, feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "BEGIN:VCALENDAR"));
    free(raw);
    snprintf(path, sizeof path, "/calendar/%s", feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "BEGIN:VCALENDAR"));
    free(raw);
    snprintf(path, sizeof path, "/calendar/%s/%s", org_a, feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    serve_site_again(one, site_port);
}

/* The id of a confirmed learning claim of employee E010 of organisation
 * PATH. */
static int64_t confirmed_claim(const char *path)
{
    store *db = test_store_open(path);
    arena a = ARENA_INIT;
    learning_claim *c;
    size_t n;
    int64_t id = 0;
    assert_int_equal(claims_list(db, &a, employees_row(db, "E010"), 0, false, &c, &n), STORE_OK);
    for (size_t i = 0; i < n && !id; i++)
        if (strcmp(c[i].status, "confirmed") == 0)
            id = c[i].id;
    arena_free(&a);
    store_close(db);
    assert_true(id > 0);
    return id;
}

/* A badge's public addresses work without a login and always show the
 * issuing organisation, whoever's cookie comes along. */
static void test_badges_name_their_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    browser worker, in_a;
    login_to(&worker, "employee", "demo-employee", org_b);
    login_to(&in_a, "admin", "demo-admin", org_a);
    char headers[300], body[300], *raw, want[80], id[80], path[200], cookie_a[300];
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", worker.session,
             worker.csrf);
    snprintf(body, sizeof body, "csrf=%s&claim=%lld", worker.csrf,
             (long long)confirmed_claim(test_path("site-b.db")));
    assert_int_equal(http_request(port, "POST", "/my/badges", headers, body, &raw), 303);
    free(raw);
    assert_int_equal(get_as(&worker, "/my/badges", &raw), 200);
    snprintf(want, sizeof want, "/badges/%s/", org_b);
    assert_true(text_after(raw, want, "\"", id, sizeof id)); /* the verification link */
    free(raw);
    snprintf(cookie_a, sizeof cookie_a, "Cookie: gp_session=%s; gp_csrf=%s\r\n", in_a.session,
             in_a.csrf);
    snprintf(path, sizeof path, "/badges/%s/%s", org_b, id);
    for (int with_a = 0; with_a < 2; with_a++) {
        assert_int_equal(http_request(port, "GET", path, with_a ? cookie_a : NULL, NULL, &raw),
                         200);
        assert_non_null(strstr(raw, "data-status=\"valid\""));
        free(raw);
    }
    /* the address a badge issued before carries (no organisation) is found */
    snprintf(path, sizeof path, "/badges/%s", id);
    assert_int_equal(http_request(port, "GET", path, cookie_a, NULL, &raw), 200);
    assert_non_null(strstr(raw, "data-status=\"valid\""));
    free(raw);
    snprintf(path, sizeof path, "/badges/%s/%s", org_a, id);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    /* found through the site's registry, which names B alone: without its
     * row there, the address without an organisation finds nothing (no
     * organisation is asked in turn), the one naming B still does */
    assert_site_sql("SELECT string_agg(org, ',') FROM registry.public_addresses WHERE kind = "
                    "'badge' AND public_id = '%s'", id, org_b);
    char sql[300];
    snprintf(sql, sizeof sql, "DELETE FROM registry.public_addresses WHERE public_id = '%s'", id);
    free(site_sql(sql));
    snprintf(path, sizeof path, "/badges/%s", id);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    snprintf(path, sizeof path, "/badges/%s/%s", org_b, id);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    free(raw);
    snprintf(sql, sizeof sql, "INSERT INTO registry.public_addresses VALUES ('badge', '%s', '%s')",
             id, org_b);
    free(site_sql(sql));
    /* a copy of B (--from-other-organisation) leaves the short address to
     * B; and B's own restore keeps it, even when the copy was counted as a
     * holder too (a copy made before the registry kept addresses) */
    char copy[64], backup[300], cmd[1200], *out;
    snprintf(copy, sizeof copy, "%sd", org_b);
    snprintf(backup, sizeof backup, "%s/badges-%s.backup", test_dir(), org_b);
    /* B's mail server password and a message B has still to send, in its
     * backup (taken out of B again after it) */
    snprintf(sql, sizeof sql, "INSERT INTO org_%s.settings VALUES ('smtp_password', 'b-secret'), "
             "('public_url', 'https://b.example.be')", org_b);
    free(site_sql(sql));
    snprintf(sql, sizeof sql, "INSERT INTO org_%s.outbox(recipient, lang, subject, body, "
             "next_attempt, created_at) VALUES ('x@example.org', 'en', 'of B', 'of B', "
             "'2099-01-01', '2026-01-01')", org_b);
    free(site_sql(sql));
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s backup %s >/dev/null && %s --pg '%s' org "
             "add %s --name Copy >/dev/null", groeipad_bin(), test_pg(), org_b, backup,
             groeipad_bin(), test_pg(), copy);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    snprintf(sql, sizeof sql, "DELETE FROM org_%s.settings WHERE key IN ('smtp_password', "
             "'public_url')", org_b);
    free(site_sql(sql));
    snprintf(sql, sizeof sql, "DELETE FROM org_%s.outbox WHERE subject = 'of B'", org_b);
    free(site_sql(sql));
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s restore %s --yes --from-other-organisation",
             groeipad_bin(), test_pg(), copy, backup);
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    assert_site_sql("SELECT string_agg(org, ',') FROM registry.public_addresses WHERE kind = "
                    "'badge' AND public_id = '%s'", id, org_b);
    /* the copy is another issuer: none of B's badges or keys, so its own
     * address vouches for nothing B issued and it has no issuer profile;
     * nor B's mail server password, nor B's mail still to send */
    snprintf(path, sizeof path, "/badges/%s/%s", copy, id);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    assert_null(strstr(raw, "data-status=\"valid\""));
    free(raw);
    snprintf(path, sizeof path, "/badges/%s/issuer", copy);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    assert_site_sql("SELECT count(*) FROM org_%s.signing_keys", copy, "0");
    assert_site_sql("SELECT count(*) FROM org_%s.badges", copy, "0");
    assert_site_sql("SELECT count(*) FROM org_%s.settings WHERE key LIKE 'smtp%%'", copy, "0");
    assert_site_sql("SELECT count(*) FROM org_%s.outbox WHERE state = 'queued'", copy, "0");
    /* nor the address B is reached at, which its badges and calendars
     * would name; and its log says what went, by number */
    assert_site_sql("SELECT count(*) FROM org_%s.settings WHERE key = 'public_url'", copy, "0");
    assert_site_sql("SELECT (before::jsonb->>'badges')::int > 0 AND before::jsonb->'settings' = "
                    "jsonb_build_array('public_url', 'smtp_password') FROM org_%s.audit_log WHERE "
                    "action = 'drop' AND actor = 'restore'", copy, "t");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM org_%s.employees", org_b);
    char *people = site_sql(sql); /* the people come along */
    assert_non_null(people);
    assert_site_sql("SELECT count(*) FROM org_%s.employees", copy, people);
    free(people);
    assert_non_null(strstr(out, "a copy of another organisation: its badges")); /* said */
    free(out);
    /* B's own backup is no copy: the flag is refused there, nothing changes */
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s restore %s --yes --from-other-organisation "
             "2>&1", groeipad_bin(), test_pg(), org_b, backup);
    assert_int_equal(run_shell(cmd, NULL, &out), 1);
    assert_non_null(strstr(out, "the backup is of this organisation"));
    free(out);
    snprintf(sql, sizeof sql, "INSERT INTO registry.public_addresses VALUES ('badge', '%s', '%s')",
             id, copy);
    free(site_sql(sql));
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s restore %s --yes >/dev/null && %s --pg '%s' "
             "org remove %s --yes >/dev/null", groeipad_bin(), test_pg(), org_b, backup,
             groeipad_bin(), test_pg(), copy);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    snprintf(sql, sizeof sql, "DELETE FROM org_%s.settings WHERE key IN ('smtp_password', "
             "'public_url')", org_b);
    free(site_sql(sql));
    snprintf(sql, sizeof sql, "DELETE FROM org_%s.outbox WHERE subject = 'of B'", org_b);
    free(site_sql(sql));
    assert_site_sql("SELECT string_agg(org, ',') FROM registry.public_addresses WHERE kind = "
                    "'badge' AND public_id = '%s'", id, org_b);
    /* the restore moved B's data on: the worker logs in again */
    login_to(&worker, "employee", "demo-employee", org_b);
    /* the issuer: B's keys, with or without A's cookie; none without a
     * name, and none of A, which has issued no badge (its profile would
     * tell anyone that A is on the site, and its name) */
    char *alone, *with_a, *of_a;
    snprintf(path, sizeof path, "/badges/%s/issuer", org_b);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &alone), 200);
    assert_int_equal(http_request(port, "GET", path, cookie_a, NULL, &with_a), 200);
    snprintf(path, sizeof path, "/badges/%s/issuer", org_a);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &of_a), 404);
    assert_null(strstr(of_a, "Acme"));
    const char *keys = strstr(alone, "\"keys\"");
    assert_non_null(keys);
    assert_non_null(strstr(keys, "\"kty\""));
    assert_non_null(strstr(with_a, keys));
    assert_null(strstr(of_a, keys));
    snprintf(want, sizeof want, "/badges/%s/issuer\"", org_b);
    assert_non_null(strstr(alone, want));
    free(with_a);
    free(of_a);
    assert_int_equal(http_request(port, "GET", "/badges/issuer", cookie_a, NULL, &raw), 404);
    free(raw);
    /* serve --org B answers B's addresses in both forms, its issuer too;
     * another organisation's name, nothing */
    int site_port;
    server *one = serve_one(org_b, &site_port);
    snprintf(path, sizeof path, "/badges/%s/%s", org_b, id);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "data-status=\"valid\""));
    free(raw);
    snprintf(path, sizeof path, "/badges/%s", id);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "data-status=\"valid\""));
    free(raw);
    snprintf(path, sizeof path, "/badges/%s/%s", org_a, id);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    snprintf(path, sizeof path, "/badges/%s/issuer", org_a);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    snprintf(path, sizeof path, "/badges/%s/issuer", org_b);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, keys));
    assert_non_null(strstr(raw, want)); /* its id: the address asked */
    free(raw);
    assert_int_equal(http_request(port, "GET", "/badges/issuer", NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, keys));
    assert_non_null(strstr(raw, "/badges/issuer\""));
    free(raw);
    /* on serve --org, a badge's address names B, as on the site */
    browser worker_alone;
    log_in(&worker_alone, "employee", "demo-employee");
    assert_int_equal(get_as(&worker_alone, "/my/badges", &raw), 200);
    char link[200];
    snprintf(link, sizeof link, "/badges/%s/%s\"", org_b, id);
    assert_non_null(strstr(raw, link));
    free(raw);
    serve_site_again(one, site_port);
    free(alone);
}

/* Queues a message in organisation PATH, whose mail server refuses every
 * connection (nothing listens on port 9 of loopback). */
static void queue_undeliverable(const char *path)
{
    store *db = test_store_open(path);
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = settings_set(db, "test", "smtp_host", "127.0.0.1");
    if (rc == STORE_OK)
        rc = settings_set(db, "test", "smtp_port", "9");
    if (rc == STORE_OK)
        rc = outbox_add(db, "someone@example.org", "en", "Hello", "Body", NULL);
    assert_int_equal(store_end(db, rc), STORE_OK);
    store_close(db);
}

/* The attempts made at the messages of organisation PATH, together. */
static int attempts_in(const char *path)
{
    store *db = test_store_open(path);
    arena a = ARENA_INIT;
    outbox_message *m;
    size_t n;
    int attempts = 0;
    assert_int_equal(outbox_list(db, &a, NULL, 100, &m, &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        attempts += m[i].attempts;
    arena_free(&a);
    store_close(db);
    return attempts;
}

/* The server's mail sender, on a site, goes through every organisation's
 * outbox: a message of each is tried (and fails, recorded). */
static void test_mail_sender_serves_every_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    queue_undeliverable(test_path("site-a.db"));
    queue_undeliverable(test_path("site-b.db"));
    mail_sender *sender = mail_sender_start(test_pg(), NULL, 1);
    assert_non_null(sender);
    bool both = false;
    for (int i = 0; i < 100 && !both; i++) {
        usleep(100000);
        both = attempts_in(test_path("site-a.db")) > 0 && attempts_in(test_path("site-b.db")) > 0;
    }
    mail_sender_stop(sender);
    assert_true(both);
}

/* POSTs the password change OLD -> NEW on /account as B. */
static int change_password(const browser *b, const char *old, const char *new)
{
    char headers[300], body[300], *raw;
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b->session,
             b->csrf);
    snprintf(body, sizeof body, "csrf=%s&old=%s&new=%s", b->csrf, old, new);
    int status = http_request(port, "POST", "/account", headers, body, &raw);
    free(raw);
    return status;
}

/* A sector account reaches its account page and changes its password
 * there (the site's, logged in the site's audit log); nothing of an
 * organisation is on the page. */
static void test_sector_account_changes_its_password(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char args[600], *raw, *out;
    snprintf(args, sizeof args, "%s --pg '%s' user add --login fundpw --sector", groeipad_bin(),
             test_pg());
    assert_int_equal(run_shell(args, "fundpw-password-1\n", NULL), 0);
    browser b;
    log_in(&b, "fundpw", "fundpw-password-1");
    assert_int_equal(get_as(&b, "/sector", &raw), 200);
    assert_non_null(strstr(raw, "href=\"/account\""));
    free(raw);
    assert_int_equal(get_as(&b, "/account", &raw), 200);
    assert_non_null(strstr(raw, "action=\"/account\""));
    assert_null(strstr(raw, "class=\"switch\""));
    assert_null(strstr(raw, MARK));
    form_token_of(raw, b.csrf, sizeof b.csrf);
    free(raw);
    assert_int_equal(change_password(&b, "wrong-password-1", "fundpw-password-2"), 400);
    assert_int_equal(change_password(&b, "fundpw-password-1", "fundpw-password-2"), 303);
    assert_int_equal(get_as(&b, "/sector", &raw), 303); /* logged out */
    free(raw);
    log_in(&b, "fundpw", "fundpw-password-2");
    snprintf(args, sizeof args,
             "psql '%s' -tAc \"SELECT count(*) FROM registry.audit_log WHERE action = "
             "'password' AND entity_key = 'fundpw'\"", test_pg());
    assert_int_equal(run_shell(args, NULL, &out), 0);
    assert_string_equal(out, "1\n");
    free(out);
}

/* A login of several organisations: the person changes their password
 * (for all of them, and every session ends); an organisation's admin may
 * not reset it and is told who can. */
static void test_shared_login_password(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    browser in_a, in_b;
    login_to(&in_a, "mentor", "demo-mentor", org_a);
    login_to(&in_b, "mentor", "demo-mentor", org_b);
    char *raw;
    assert_int_equal(get_as(&in_b, "/account", &raw), 200); /* the page says so first */
    assert_true(strstr(raw, "every organisation of this site") ||
                strstr(raw, "elke organisatie van deze site"));
    free(raw);
    assert_int_equal(change_password(&in_b, "demo-mentor", "changed-mentor-1"), 303);
    assert_int_equal(get_as(&in_a, "/account", &raw), 303); /* logged out in A too */
    free(raw);
    login_to(&in_a, "mentor", "changed-mentor-1", org_a);
    assert_int_equal(change_password(&in_a, "changed-mentor-1", "demo-mentor"), 303);
    login_to(&in_b, "mentor", "demo-mentor", org_b);
    /* A's admin resets the shared login: refused, saying who can */
    browser admin;
    login_to(&admin, "admin", "demo-admin", org_a);
    char headers[300], body[300];
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", admin.session,
             admin.csrf);
    snprintf(body, sizeof body, "csrf=%s&action=password&login=mentor&password=reset-by-admin",
             admin.csrf);
    assert_int_equal(http_request(port, "POST", "/users", headers, body, &raw), 409);
    /* in the admin's language (the demo's admin reads Dutch) */
    assert_true(strstr(raw, "only its owner can change its password") ||
                strstr(raw, "alleen de eigenaar kan het wachtwoord wijzigen"));
    assert_null(strstr(raw, "is taken"));
    assert_null(strstr(raw, "al in gebruik"));
    free(raw);
    assert_int_equal(get_as(&in_b, "/account", &raw), 200); /* nothing changed */
    free(raw);
    /* The way back when the person forgot it: the site's operator sets it
     * (user password without --org), for every organisation. Through one
     * organisation's --org it is refused like the admin's reset. */
    char cmd[600], *out;
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s user password --login mentor 2>&1",
             groeipad_bin(), test_pg(), org_a);
    assert_int_equal(run_shell(cmd, "by-org-mentor-1\n", &out), 1);
    assert_non_null(strstr(out, "other organisations too"));
    free(out);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' user password --login mentor", groeipad_bin(),
             test_pg());
    assert_int_equal(run_shell(cmd, "operator-mentor-1\n", NULL), 0);
    assert_int_equal(get_as(&in_b, "/account", &raw), 303); /* its sessions ended */
    free(raw);
    login_to(&in_a, "mentor", "operator-mentor-1", org_a);
    login_to(&in_b, "mentor", "operator-mentor-1", org_b);
    assert_int_equal(run_shell(cmd, "demo-mentor\n", NULL), 0); /* as the other tests know it */
}

/* The organisation's name in the header of page RAW into OUT. */
static bool header_org(const char *raw, char *out, size_t size)
{
    const char *p = strstr(raw, "<span class=\"org\">");
    if (!p)
        return false;
    p += strlen("<span class=\"org\">");
    size_t n = strcspn(p, "<");
    if (n + 1 > size)
        return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

/* The header names an organisation alike on the site and on serve --org,
 * and with the name the switcher, `org list` and the registry have: setting
 * the name (A) renames the organisation on the site too; without a name
 * setting (B) the registry's shows. /api/v1/me names it the same way, with
 * its slug. */
static void test_header_names_the_organisation_alike(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    set_setting(test_path("site-a.db"), "name", "Acme Display NV");
    set_setting(test_path("site-b.db"), "name", NULL);
    const char *orgs[] = {org_a, org_b}, *names[] = {"Acme Display NV", "site-b.db"};
    for (int alone = 0; alone < 2; alone++)
        for (int i = 0; i < 2; i++) {
            int site_port = port;
            server *one = alone ? serve_one(orgs[i], &site_port) : NULL;
            browser b;
            if (alone)
                log_in(&b, "admin", "demo-admin");
            else
                login_to(&b, "admin", "demo-admin", orgs[i]);
            char *raw, name[100];
            assert_int_equal(get_as(&b, "/", &raw), 200);
            assert_true(header_org(raw, name, sizeof name));
            if (strcmp(name, names[i]) != 0)
                fail_msg("%s shows \"%s\", not \"%s\"", alone ? "serve --org" : "the site",
                         name, names[i]);
            free(raw);
            /* /api/v1/me says which organisation, by slug and by that name */
            assert_int_equal(get_as(&b, "/api/v1/me", &raw), 200);
            json_t *me = json_loads(strstr(raw, "\r\n\r\n") + 4, 0, NULL);
            json_t *org = json_object_get(me, "organisation");
            assert_non_null(org);
            assert_string_equal(json_string_value(json_object_get(org, "slug")), orgs[i]);
            assert_string_equal(json_string_value(json_object_get(org, "name")), names[i]);
            assert_string_equal(json_string_value(json_object_get(me, "login")), "admin");
            json_decref(me);
            free(raw);
            if (!alone) { /* the switcher offers both by the same names */
                assert_int_equal(get_as(&b, "/orgs", &raw), 200);
                assert_non_null(strstr(raw, "Acme Display NV"));
                assert_non_null(strstr(raw, "site-b.db"));
                assert_null(strstr(raw, "site-a.db"));
                free(raw);
            }
            if (one)
                serve_site_again(one, site_port);
        }
    assert_site_sql("SELECT name FROM registry.organisations WHERE slug = '%s'", org_a,
                    "Acme Display NV");
    /* the site's log says who renamed it, from which name to which */
    assert_site_sql("SELECT before || '>' || after FROM registry.audit_log WHERE action = "
                    "'rename' AND entity_key = '%s'", org_a, "site-a.db>Acme Display NV");
    char cmd[600], *out;
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org list", groeipad_bin(), test_pg());
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    assert_non_null(strstr(out, "Acme Display NV"));
    free(out);
    /* back to the names the other tests know, without a name setting */
    set_setting(test_path("site-a.db"), "name", "site-a.db");
    set_setting(test_path("site-a.db"), "name", NULL);
}

/* One name per organisation on a site: a name the registry could not hold
 * is refused (and the registry keeps its own), unsetting the name leaves
 * the registry's, a restore keeps the name the site knows the organisation
 * by (with an audit line), and registry migration 003 gives the registry
 * the name setting an older site had shown in the header. */
static void test_one_name_everywhere(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *path = test_path("site-b.db");
    assert_int_equal(gp(path, "settings name \"Bakkerij D'Hondt & Zonen\"", NULL, NULL), 0);
    assert_site_sql("SELECT name FROM registry.organisations WHERE slug = '%s'", org_b,
                    "Bakkerij D'Hondt & Zonen");
    char *out;
    assert_int_equal(gp(path, "settings name \"$(printf 'two\\tcolumns')\" 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "settings: name:"));
    free(out);
    assert_int_equal(gp(path, "settings name \"$(printf '%0201d' 0)\" 2>/dev/null", NULL, NULL),
                     1);
    assert_int_equal(gp(path, "settings name '   ' 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(path, "settings name ''", NULL, NULL), 0); /* unset */
    assert_site_sql("SELECT name FROM registry.organisations WHERE slug = '%s'", org_b,
                    "Bakkerij D'Hondt & Zonen");
    assert_int_equal(gp(path, "settings name", NULL, &out), 0); /* what the pages show */
    assert_string_equal(out, "Bakkerij D'Hondt & Zonen\n");
    free(out);
    assert_int_equal(gp(path, "settings | grep '^name '", NULL, &out), 0);
    assert_string_equal(out, "name = Bakkerij D'Hondt & Zonen  (default)\n");
    free(out);
    /* a backup made under another name comes back under the site's */
    char backup[300], cmd[900];
    snprintf(backup, sizeof backup, "%s/names-%s.backup", test_dir(), org_b);
    assert_int_equal(gp(path, "settings name 'Oude Naam BV'", NULL, NULL), 0);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s backup %s >/dev/null", groeipad_bin(),
             test_pg(), org_b, backup);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    assert_int_equal(gp(path, "settings name 'Nieuwe Naam BV'", NULL, NULL), 0);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' --org %s restore %s --yes >/dev/null",
             groeipad_bin(), test_pg(), org_b, backup);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    assert_int_equal(gp(path, "settings name", NULL, &out), 0);
    assert_string_equal(out, "Nieuwe Naam BV\n");
    free(out);
    assert_site_sql("SELECT before || '>' || after FROM org_%s.audit_log WHERE actor = "
                    "'restore' AND entity_key = 'name'", org_b, "Oude Naam BV>Nieuwe Naam BV");
    /* a site from before one name: the registry takes the name setting */
    char sql[400];
    snprintf(sql, sizeof sql, "UPDATE org_%s.settings SET value = 'Naam uit de kop' WHERE key "
             "= 'name'; DELETE FROM registry.schema_migrations WHERE version = 3", org_b);
    free(site_sql(sql));
    assert_int_equal(gp(path, "settings name", NULL, &out), 0); /* any command migrates */
    free(out);
    assert_site_sql("SELECT name FROM registry.organisations WHERE slug = '%s'", org_b,
                    "Naam uit de kop");
    /* behind_tls_proxy counts for serve --org only: setting it says so */
    assert_int_equal(gp(path, "settings behind_tls_proxy yes 2>&1", NULL, &out), 0);
    assert_non_null(strstr(out, "start it with --behind-tls-proxy"));
    free(out);
    assert_int_equal(gp(path, "settings behind_tls_proxy ''", NULL, NULL), 0);
    /* back to the name the other tests know */
    assert_int_equal(gp(path, "settings name site-b.db", NULL, NULL), 0);
    assert_int_equal(gp(path, "settings name ''", NULL, NULL), 0);
}

/* The site's login page names no organisation (none is chosen yet) and
 * leaves the header's place for one out rather than empty. */
static void test_login_page_names_no_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char *raw;
    assert_int_equal(http_request(port, "GET", "/login", NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "<header class=\"top\">"));
    assert_null(strstr(raw, "<span class=\"org\">"));
    free(raw);
}

/* A login taken only in another organisation: A's admin is told it is in
 * use on this site (a login counts for every organisation) and how the
 * person is added, without a word of which organisation has it. */
static void test_login_taken_elsewhere_on_the_site(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    assert_int_equal(gp(test_path("site-b.db"), "user add --login onlyinb --role employee",
                        "onlyinb-password-1\n", NULL), 0);
    browser admin;
    login_to(&admin, "admin", "demo-admin", org_a);
    char headers[300], body[300], *raw;
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", admin.session,
             admin.csrf);
    snprintf(body, sizeof body, "csrf=%s&action=add&login=onlyinb&role=employee&"
                                "password=another-password-1", admin.csrf);
    assert_int_equal(http_request(port, "POST", "/users", headers, body, &raw), 409);
    /* in the admin's language (the demo's admin reads Dutch) */
    assert_true(strstr(raw, "already in use on this site") ||
                strstr(raw, "al in gebruik op deze site"));
    assert_null(strstr(raw, "site-b.db"));
    assert_null(strstr(raw, org_b));
    free(raw);
}

/* Two tabs: a form opened in A, the organisation switched to B in another
 * tab, then the first form sent. It is refused, saying why, and nothing is
 * written in either organisation. */
static void test_form_of_another_tab_is_refused(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    browser b;
    login_to(&b, "admin", "demo-admin", org_a);
    char *raw, headers[300], body[600], in_a[80], *out, cmd[600];
    assert_int_equal(get_as(&b, "/employees/new", &raw), 200);
    form_token_of(raw, in_a, sizeof in_a);
    assert_non_null(strstr(raw, "name=\"form_org\""));
    free(raw);
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/", in_a, org_b); /* the other tab */
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    free(raw);
    snprintf(body, sizeof body,
             "csrf=%s&form_org=%s&employee_id=TAB1&first_name=Tab&last_name=Een&gender=F&"
             "birth_date=1990-01-01&hire_date=2020-01-01&department=Productie&"
             "function=Operator&category=blue_collar&contract=permanent&fte=1&education=low",
             in_a, org_a);
    assert_int_equal(http_request(port, "POST", "/employees/new", headers, body, &raw), 409);
    /* both named: the form's organisation and the one worked in now */
    assert_true(strstr(raw, "opened in site-a.db, and you work in ") ||
                strstr(raw, "geopend in site-a.db, en je werkt nu in "));
    /* headed as what it is, not as a fault of ours */
    assert_true(strstr(raw, "as things are now") || strstr(raw, "zoals het nu staat"));
    assert_null(strstr(raw, "on our side"));
    assert_null(strstr(raw, "bij ons iets mis"));
    free(raw);
    /* a form naming an organisation that is not the person's learns no name */
    char forged[700];
    snprintf(forged, sizeof forged, "%s", body);
    char *at = strstr(forged, org_a);
    assert_non_null(at);
    memcpy(at, "zzzz", 4);
    assert_int_equal(http_request(port, "POST", "/employees/new", headers, forged, &raw), 409);
    assert_true(strstr(raw, "another organisation") || strstr(raw, "andere organisatie"));
    assert_null(strstr(raw, "site-a.db"));
    free(raw);
    snprintf(cmd, sizeof cmd,
             "psql '%s' -Atq -c \"SELECT (SELECT count(*) FROM org_%s.employees WHERE "
             "employee_id = 'TAB1') + (SELECT count(*) FROM org_%s.employees WHERE "
             "employee_id = 'TAB1')\"",
             test_pg(), org_a, org_b);
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    assert_int_equal(atoi(out), 0);
    free(out);
    /* the same form opened again, now in B, is taken */
    take_token(&b);
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    snprintf(body, sizeof body,
             "csrf=%s&form_org=%s&employee_id=TAB1&first_name=Tab&last_name=Een&gender=F&"
             "birth_date=1990-01-01&hire_date=2020-01-01&department=Productie&"
             "function=Operator&category=blue_collar&contract=permanent&fte=1&education=low",
             b.csrf, org_b);
    assert_int_equal(http_request(port, "POST", "/employees/new", headers, body, &raw), 303);
    free(raw);
    /* What concerns the session, not an organisation, still works from the
     * old tab: the language, switching back, logging out. */
    snprintf(body, sizeof body, "csrf=%s&form_org=%s&lang=fr&next=/", in_a, org_a);
    assert_int_equal(http_request(port, "POST", "/language", headers, body, &raw), 303);
    free(raw);
    snprintf(body, sizeof body, "csrf=%s&form_org=%s&org=%s&next=/", in_a, org_a, org_a);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    free(raw);
    assert_int_equal(get_as(&b, "/employees/QQ9", &raw), 404); /* in A again */
    free(raw);
    /* naming an organisation makes no other token one of the session's */
    snprintf(body, sizeof body, "csrf=%.64s&form_org=%s", "0123456789abcdef0123456789abcdef"
                                "0123456789abcdef0123456789abcdef", org_b);
    assert_int_equal(http_request(port, "POST", "/logout", headers, body, &raw), 409);
    free(raw);
    take_token(&b); /* still logged in */
    char in_a_again[80];
    snprintf(in_a_again, sizeof in_a_again, "%s", b.csrf);
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/", in_a_again, org_b);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    free(raw);
    snprintf(body, sizeof body, "csrf=%s&form_org=%s", in_a_again, org_a);
    assert_int_equal(http_request(port, "POST", "/logout", headers, body, &raw), 303);
    free(raw);
    assert_int_equal(get_as(&b, "/account", &raw), 303); /* logged out */
    free(raw);
}

/* Every connection the server holds is ended on the PostgreSQL side (as a
 * restart of PostgreSQL or an operator does; waited for, so that none ends
 * in the middle of a request's transaction, which then fails whole): the
 * next requests, a page, a form's write and the health check, are answered
 * as before, without restarting groeipad. */
static void test_server_survives_lost_connections(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    browser b;
    login_to(&b, "admin", "demo-admin", org_a);
    char cmd[600], *raw;
    snprintf(cmd, sizeof cmd,
             "psql '%s' -Atq -c \"SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
             "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'\"",
             test_pg());
    for (int round = 0; round < 2; round++) { /* the second: connections made again */
        char *out;
        assert_int_equal(run_shell(cmd, NULL, &out), 0);
        assert_true(atoi(out) > 0);
        free(out);
        int hz = http_request(port, "GET", "/healthz", NULL, NULL, &raw);
        if (hz != 200) fprintf(stderr, "%s\n", raw);
        assert_int_equal(hz, 200);
        free(raw);
        assert_int_equal(get_as(&b, "/employees", &raw), 200);
        free(raw);
    }
    run_shell(cmd, NULL, NULL);
    char headers[300], body[600], *out;
    assert_int_equal(get_as(&b, "/employees/new", &raw), 200);
    form_token_of(raw, b.csrf, sizeof b.csrf);
    free(raw);
    run_shell(cmd, NULL, NULL);
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session, b.csrf);
    snprintf(body, sizeof body,
             "csrf=%s&employee_id=RC1&first_name=Re&last_name=Connect&gender=F&"
             "birth_date=1990-01-01&hire_date=2020-01-01&department=Productie&"
             "function=Operator&category=blue_collar&contract=permanent&fte=1&education=low",
             b.csrf);
    assert_int_equal(http_request(port, "POST", "/employees/new", headers, body, &raw), 303);
    free(raw);
    snprintf(cmd, sizeof cmd,
             "psql '%s' -Atq -c \"SELECT count(*) FROM org_%s.employees WHERE employee_id = 'RC1'\"",
             test_pg(), org_a);
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    assert_int_equal(atoi(out), 1);
    free(out);
}

/* demo in one more organisation of the site: a demo login (the demo's
 * password) gets that organisation too (or keeps the role it has there),
 * while a login of the same name with a password of its own is somebody's
 * and is left alone, and the command says so instead of printing a
 * password that would not work. */
static void test_demo_leaves_a_sites_own_logins_alone(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char cmd[600], *out;
    snprintf(cmd, sizeof cmd, "%s --pg '%s' user password --login representative",
             groeipad_bin(), test_pg());
    assert_int_equal(run_shell(cmd, "own-representative-1\n", NULL), 0);
    const char *c = test_path("site-c.db");
    /* the admin has C already: the demo leaves that role as it is */
    assert_int_equal(gp(c, "init >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(c, "user grant --login admin --role admin >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(c, "demo", NULL, &out), 0);
    assert_non_null(strstr(out, "admin           password demo-admin"));
    assert_non_null(strstr(out, "representative  (not made: the site has this login already"));
    assert_null(strstr(out, "demo-representative"));
    free(out);
    browser admin, rep;
    login_to(&admin, "admin", "demo-admin", test_org(c)); /* a demo login: C too */
    char *raw, name[80];
    /* the demo keeps the name C was added with (test_org names it after its
     * file): every demo organisation called alike would look the same */
    assert_int_equal(get_as(&admin, "/account", &raw), 200);
    assert_true(header_org(raw, name, sizeof name));
    assert_string_equal(name, "site-c.db");
    free(raw);
    log_in(&rep, "representative", "own-representative-1");
    assert_int_equal(get_as(&rep, "/orgs", &raw), 200); /* A and B, not C */
    assert_non_null(strstr(raw, org_a));
    assert_null(strstr(raw, test_org(c)));
    free(raw);
    assert_int_equal(run_shell(cmd, "demo-representative\n", NULL), 0); /* as before */
}

/* 1 when the site lists organisation SLUG, 0 when not. */
static int orgs_count_of(const char *slug)
{
    char cmd[600], *out;
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org list | cut -f1 | grep -cx '%s'", groeipad_bin(),
             test_pg(), slug);
    run_shell(cmd, NULL, &out);
    int n = atoi(out);
    free(out);
    return n;
}

/* A new password ends every session of its login, also one that logged in
 * and has not chosen its organisation yet (it belongs to none until then):
 * before, the old password's session chose afterwards and went on. */
static void test_password_ends_unchosen_sessions(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *a = test_path("site-a.db");
    assert_int_equal(gp(a, "user add --login solo_a --role admin >/dev/null", "solo-password-1\n",
                        NULL), 0);
    browser b;
    log_in(&b, "solo_a", "solo-password-1"); /* not chosen yet */
    assert_int_equal(gp(a, "user password --login solo_a >/dev/null", "solo-password-2\n",
                        NULL), 0);
    char *raw;
    assert_int_equal(get_as(&b, "/orgs", &raw), 303);
    assert_non_null(strstr(raw, "Location: /login"));
    free(raw);
    assert_int_equal(get_as(&b, "/employees", &raw), 303);
    assert_non_null(strstr(raw, "Location: /login"));
    free(raw);
}

/* The certification reminders recorded in organisation SLUG. */
static int reminders_of(const char *slug)
{
    char cmd[600], *out;
    snprintf(cmd, sizeof cmd, "psql '%s' -tAc 'SELECT count(*) FROM org_%s.cert_reminders'",
             test_pg(), slug);
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    int n = atoi(out);
    free(out);
    return n;
}

/* The day's certification reminders run for every organisation of a site,
 * each the first time one of its overviews is opened that day; before, the
 * first organisation's overview ran them and every other one had none. */
static void test_reminders_run_for_every_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *slugs[2] = {NULL, NULL};
    const char *files[2] = {test_path("site-e.db"), test_path("site-f.db")};
    char cmd[600];
    for (int i = 0; i < 2; i++) {
        store_close(demo_store(files[i]));
        slugs[i] = test_org(files[i]);
        snprintf(cmd, sizeof cmd, "psql '%s' -qc 'DELETE FROM org_%s.cert_reminders'", test_pg(),
                 slugs[i]);
        assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    }
    for (int i = 0; i < 2; i++) {
        browser b;
        char *raw;
        login_to(&b, "admin", "demo-admin", slugs[i]);
        assert_int_equal(get_as(&b, "/", &raw), 200);
        free(raw);
        assert_true(reminders_of(slugs[i]) > 0);
    }
}

/* A sector report that fails (here: one organisation's schema lost a
 * table) answers a plain 500: the database's words and the organisation's
 * slug go to the server's log, not to the sector account. */
static void test_sector_failure_says_nothing_inside(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *g = test_path("site-g.db");
    const char *slug = test_org(g);
    char cmd[700], headers[200], *out, *raw;
    assert_int_equal(gp(g, "init >/dev/null", NULL, NULL), 0);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' user add --login fund_g --sector", groeipad_bin(),
             test_pg());
    assert_int_equal(run_shell(cmd, "fund-password-g\n", NULL), 0);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' user token --login fund_g", groeipad_bin(),
             test_pg());
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    out[strcspn(out, "\n")] = '\0';
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", out);
    free(out);
    snprintf(cmd, sizeof cmd, "psql '%s' -qc 'DROP TABLE org_%s.employees CASCADE'", test_pg(),
             slug);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/social-balance?year=2024",
                                  headers, NULL, &raw), 500);
    assert_null(strstr(raw, slug));
    assert_null(strstr(raw, "employees"));
    free(raw);
    /* a badge or feed of it that cannot be looked up is not called gone
     * (a verifier would take the badge for a forgery): 503, try again */
    char path[200];
    snprintf(cmd, sizeof cmd, "psql '%s' -qc 'DROP TABLE org_%s.badges CASCADE' -c 'DROP TABLE "
             "org_%s.calendar_feeds CASCADE'", test_pg(), slug, slug);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    snprintf(path, sizeof path, "/badges/%s/0123456789abcdef0123456789abcdef", slug);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 503);
    assert_non_null(strstr(raw, "Retry-After: 5"));
    assert_null(strstr(raw, "issued no badge"));
    free(raw);
    snprintf(path, sizeof path, "/calendar/%s/%064d.ics", slug, 0);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 503);
    free(raw);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org remove %s --yes >/dev/null", groeipad_bin(),
             test_pg(), slug);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/social-balance?year=2024",
                                  headers, NULL, &raw), 200);
    free(raw);
}

/* The page answering GET PATH without a cookie, up to its footer (whose
 * language form holds a fresh form token and the address) (heap). */
static char *public_body(const char *path, int status)
{
    char *raw;
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), status);
    const char *body = strstr(raw, "\r\n\r\n");
    assert_non_null(body);
    body += 4;
    const char *footer = strstr(body, "<footer");
    char *copy = strndup(body, footer ? (size_t)(footer - body) : strlen(body));
    free(raw);
    return copy;
}

/* A public address that names an organisation and finds nothing answers
 * the same page whether the organisation exists or not: its name in the
 * page would tell anyone who guesses slugs who is on the site. */
static void test_public_miss_names_no_organisation(void **state)
{
    (void)state;
    static const char *const forms[] = {"/calendar/%s/%064d.ics",
                                        "/badges/%s/0123456789abcdef0123456789abcdef%.0d"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        char there[200], nowhere[200];
        snprintf(there, sizeof there, forms[i], org_a, 0);
        snprintf(nowhere, sizeof nowhere, forms[i], "nosuchorg", 0);
        char *a = public_body(there, 404), *b = public_body(nowhere, 404);
        if (strcmp(a, b) != 0)
            fail_msg("%s and %s answer differently:\n%s\n---\n%s", there, nowhere, a, b);
        free(a);
        free(b);
    }
}

/* A request is identified while its headers come in and answered once its
 * body is there. Meanwhile another request on the same worker thread (here
 * a public badge address of B) points the worker's connection at B: the
 * answer must still be A's. One worker, so the two meet every time; before
 * the fix A's token read B's people (and could write them). */
static void test_body_after_another_orgs_request(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char *token;
    assert_int_equal(gp(test_path("site-a.db"), "user token --login admin", NULL, &token), 0);
    token[strcspn(token, "\n")] = '\0';
    server_config cfg = {test_pg(), NULL, "127.0.0.1", 0, 1};
    str err = STR_INIT;
    server *one = server_start(&cfg, &err);
    if (!one)
        fail_msg("server: %s", str_cstr(&err));
    int one_port = server_port(one);
    int fd = http_connect(one_port);
    str head = STR_INIT;
    str_printf(&head, "GET /api/v1/employees?q=QQ9 HTTP/1.1\r\nHost: localhost\r\n"
                      "Connection: close\r\nAuthorization: Bearer %s\r\n"
                      "Content-Length: 1\r\n\r\n", token);
    assert_int_equal(write(fd, head.p, head.len), (ssize_t)head.len);
    str_free(&head);
    usleep(200 * 1000); /* its headers are read before the next request comes */
    char path[200], *raw;
    /* a badge of B that is not there: the connection is pointed at B all
     * the same, to look for it */
    snprintf(path, sizeof path, "/badges/%s/0123456789abcdef0123456789abcdef", org_b);
    assert_int_equal(http_request(one_port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    assert_int_equal(write(fd, "x", 1), 1);
    str answer = STR_INIT;
    http_read_all(fd, &answer);
    assert_non_null(strstr(str_cstr(&answer), "HTTP/1.1 200"));
    assert_non_null(strstr(str_cstr(&answer), "\"total\":0")); /* QQ9 is B's, not A's */
    assert_null(strstr(str_cstr(&answer), MARK));
    str_free(&answer);
    server_stop(one);
    free(token);
}

/* org remove: refused without --yes when nobody can answer; with it, the
 * organisation's schema, roles, sessions and tokens go, its logins and the
 * other organisations stay, and the registry's audit log says so. The way
 * back: org add with the same slug, then restore of a backup made before. */
static void test_remove_an_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *d = test_path("site-d.db");
    const char *slug = test_org(d);
    char cmd[700], *out;
    assert_int_equal(gp(d, "demo >/dev/null", NULL, NULL), 0);
    const char *backup = test_path("site-d.gpbak");
    snprintf(cmd, sizeof cmd, "backup %s >/dev/null", backup);
    assert_int_equal(gp(d, cmd, NULL, NULL), 0);
    assert_int_equal(gp(d, "user token --login admin", NULL, &out), 0);
    char headers[200];
    out[strcspn(out, "\n")] = '\0';
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", out);
    free(out);
    char *raw;
    assert_int_equal(http_request(port, "GET", "/api/v1/employees", headers, NULL, &raw), 200);
    free(raw);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org remove %s 2>&1 </dev/null", groeipad_bin(),
             test_pg(), slug);
    assert_int_equal(run_shell(cmd, NULL, &out), 2); /* nobody to answer, no --yes */
    assert_non_null(strstr(out, "with its 119 employees"));
    assert_non_null(strstr(out, "add --yes to confirm"));
    free(out);
    assert_int_equal(orgs_count_of(slug), 1);
    assert_int_equal(gp(d, "user add --login onlyind --role employee >/dev/null",
                        "onlyind-password-1\n", NULL), 0);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org remove %s --yes", groeipad_bin(), test_pg(),
             slug);
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    /* said: the login that had no other organisation belongs nowhere now */
    assert_non_null(strstr(out, "now belong to no organisation"));
    assert_non_null(strstr(out, " onlyind"));
    assert_null(strstr(out, " admin"));
    free(out);
    assert_int_equal(orgs_count_of(slug), 0);
    assert_int_equal(http_request(port, "GET", "/api/v1/employees", headers, NULL, &raw), 401);
    free(raw);
    browser admin;
    login_to(&admin, "admin", "demo-admin", org_a); /* the login and A stay */
    assert_int_equal(get_as(&admin, "/orgs", &raw), 200);
    assert_non_null(strstr(raw, org_b));
    assert_null(strstr(raw, slug));
    free(raw);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' org add %s --name again >/dev/null && "
             "%s --pg '%s' --org %s restore %s --yes >/dev/null", groeipad_bin(), test_pg(),
             slug, groeipad_bin(), test_pg(), slug, backup);
    assert_int_equal(run_shell(cmd, NULL, NULL), 0);
    assert_int_equal(gp(d, "export employees | wc -l", NULL, &out), 0);
    assert_int_equal(atoi(out), 120); /* 119 people and the header */
    free(out);
}

/* A login of two organisations taken out of one (on the Users page of A,
 * then with user remove in B): its session and token in A end, it keeps
 * working in B, and the last removal says the login is gone. user grant of
 * a login that belongs already points to user role; a sector account has
 * no role to change; user add without --org says to name one. */
static void test_remove_from_one_organisation(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    const char *a = test_path("site-a.db"), *b = test_path("site-b.db");
    char *out, *ta, *tb, headers[300], body[300], *raw, cmd[700];
    assert_int_equal(gp(b, "user add --login twee --role manager >/dev/null", "twee-password-1\n",
                        NULL), 0);
    /* one login per employee: E010 has the demo's "employee" in A already */
    assert_int_equal(gp(a, "user grant --login twee --role employee --employee E010 2>&1", NULL,
                        &out), 1);
    assert_non_null(strstr(out, "employee E010 already has the login 'employee'"));
    free(out);
    assert_int_equal(gp(a, "user grant --login twee --role employee >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(a, "user grant --login twee --role manager 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "belongs to"));
    assert_non_null(strstr(out, "user role --login twee --role R"));
    free(out);
    assert_int_equal(gp(a, "user role --login twee --role mentor", NULL, &out), 0);
    assert_non_null(strstr(out, "user twee is mentor in "));
    free(out);
    assert_int_equal(gp(a, "user token --login twee", NULL, &ta), 0);
    assert_int_equal(gp(b, "user token --login twee", NULL, &tb), 0);
    ta[strcspn(ta, "\n")] = '\0';
    tb[strcspn(tb, "\n")] = '\0';
    browser w;
    login_to(&w, "twee", "twee-password-1", org_a);
    assert_int_equal(get_as(&w, "/my", &raw), 200);
    free(raw);

    /* A's admin removes them on the Users page, after the confirmation */
    browser admin;
    login_to(&admin, "admin", "demo-admin", org_a);
    assert_int_equal(get_as(&admin, "/users/remove?login=twee", &raw), 200);
    assert_non_null(strstr(raw, "value=\"twee\""));
    free(raw);
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", admin.session,
             admin.csrf);
    snprintf(body, sizeof body, "csrf=%s&action=remove&login=twee", admin.csrf);
    assert_int_equal(http_request(port, "POST", "/users", headers, body, &raw), 303);
    assert_non_null(strstr(raw, "Location: /users?done=removed"));
    free(raw);
    assert_int_equal(get_as(&w, "/my", &raw), 303);
    free(raw);
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", ta);
    assert_int_equal(http_request(port, "GET", "/api/v1/me", headers, NULL, &raw), 401);
    free(raw);
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", tb);
    assert_int_equal(http_request(port, "GET", "/api/v1/me", headers, NULL, &raw), 200);
    assert_non_null(strstr(raw, "\"role\":\"manager\""));
    free(raw);
    browser again;
    log_in(&again, "twee", "twee-password-1"); /* the login still works, for B only */
    assert_int_equal(get_as(&again, "/orgs", &raw) / 100, 3); /* B, the only one, is chosen */
    free(raw);
    store *sa = test_store_open(a);
    assert_int_equal(store_count(sa, "SELECT count(*) FROM audit_log WHERE actor = 'admin' AND "
                                     "action = 'delete' AND entity = 'user' AND "
                                     "entity_key = 'twee'"), 1);
    assert_int_equal(store_count(sa, "SELECT count(*) FROM audit_log WHERE actor = 'cli' AND "
                                     "action = 'update' AND entity_key = 'twee' AND "
                                     "after = '{\"role\":\"mentor\"}'"), 1);
    assert_int_equal(store_count(sa, "SELECT count(*) FROM users WHERE login = 'twee'"), 0);

    /* out of B too: the login belongs to no organisation any more */
    assert_int_equal(gp(b, "user remove --login twee --yes", NULL, &out), 0);
    assert_non_null(strstr(out, "now belongs to no organisation"));
    free(out);
    assert_int_equal(store_count(sa, "SELECT count(*) FROM registry.accounts WHERE "
                                     "login = 'twee'"), 0);
    /* the site's log says the login went, with the person's last organisation */
    assert_int_equal(store_count(sa, "SELECT count(*) FROM registry.audit_log WHERE action = "
                                     "'delete' AND entity = 'account' AND entity_key = 'twee'"),
                     1);
    /* one whose only organisation this is is told so before the removal */
    assert_int_equal(gp(a, "user add --login solo --role employee >/dev/null", "solo-password-1\n",
                        NULL), 0);
    assert_int_equal(get_as(&admin, "/users/remove?login=solo", &raw), 200);
    assert_true(strstr(raw, "only organisation on this site") ||
                strstr(raw, "enige organisatie van deze persoon op deze site") ||
                strstr(raw, "seule organisation sur ce site")); /* the admin's language */
    free(raw);
    assert_int_equal(gp(a, "user remove --login solo --yes >/dev/null", NULL, NULL), 0);
    snprintf(headers, sizeof headers, "Authorization: Bearer %s\r\n", tb);
    assert_int_equal(http_request(port, "GET", "/api/v1/me", headers, NULL, &raw), 401);
    free(raw);
    store_close(sa);
    free(ta);
    free(tb);

    /* a sector account has no role in an organisation to change */
    snprintf(cmd, sizeof cmd, "%s --pg '%s' user add --login sektor2 --sector >/dev/null",
             groeipad_bin(), test_pg());
    assert_int_equal(run_shell(cmd, "sektor2-password-1\n", NULL), 0);
    assert_int_equal(gp(a, "user role --login sektor2 --role admin 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "is a sector account"));
    free(out);
    assert_int_equal(gp(a, "user remove --login sektor2 --yes 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "is a sector account"));
    free(out);
    /* without --org: which organisation? */
    snprintf(cmd, sizeof cmd, "%s --pg '%s' user add --login nieuwe --role employee 2>&1",
             groeipad_bin(), test_pg());
    assert_int_equal(run_shell(cmd, "nieuwe-password-1\n", &out), 2);
    assert_non_null(strstr(out, "--org SLUG"));
    free(out);
    snprintf(cmd, sizeof cmd, "%s --pg '%s' user role --login admin --role employee 2>&1",
             groeipad_bin(), test_pg());
    assert_int_equal(run_shell(cmd, NULL, &out), 2);
    assert_non_null(strstr(out, "--org SLUG"));
    free(out);
}

/* Runs pg_ctl ACTION (with ARGS) on the suite's own PostgreSQL server (its
 * directory is the socket's, tests/with-pg.sh), as its owner. */
static int test_server_ctl(const char *action, const char *args)
{
    const char *host = strstr(test_pg(), "host=");
    assert_non_null(host);
    host += 5;
    int n = (int)strcspn(host, "&");
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); "
             "run() { if [ \"$(id -u)\" = 0 ]; then runuser -u nobody -- \"$@\"; else \"$@\"; fi; }; "
             "run \"$bin/pg_ctl\" -D '%.*s/data' -l '%.*s/server.log' -w -s %s %s",
             n, host, n, host, args, action);
    return run_shell(cmd, NULL, NULL);
}

/* With the database server away, every request gets 503 and Retry-After
 * (not 500: the request is not at fault), /healthz says "unavailable", and
 * the site answers again as soon as the server is back. */
static void test_database_away_answers_503(void **state)
{
    (void)state;
    if (!test_pg())
        return;
    char *raw;
    browser b;
    login_to(&b, "admin", "demo-admin", org_a);
    assert_int_equal(http_request(port, "GET", "/healthz", NULL, NULL, &raw), 200);
    free(raw);
    assert_int_equal(test_server_ctl("stop", "-m fast"), 0);
    /* each needs the database (a page that does not, such as the login
     * page from the page cache, may still be served) */
    const char *paths[] = {"/healthz", "/", "/employees", "/api/v1/me",
                           "/badges/0123456789abcdef0123456789abcde%d"};
    for (int round = 0; round < 2; round++) /* every worker, twice */
        for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
            char path[64]; /* a badge id asked once: no answer kept for it; shaped
                            * as one, or it is refused without a read */
            snprintf(path, sizeof path, paths[i], round);
            int status = i == 0 || i == 4 ? http_request(port, "GET", path, NULL, NULL, &raw)
                                           : get_as(&b, path, &raw);
            if (status != 503)
                fail_msg("%s answered %d with the database away", path, status);
            assert_non_null(strstr(raw, "Retry-After: 5\r\n"));
            if (i == 0)
                assert_non_null(strstr(raw, "\"status\":\"unavailable\""));
            free(raw);
        }
    /* a change may have been saved before the connection went: no
     * Retry-After, which would invite sending it twice */
    char headers[300], body[300];
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s; gp_csrf=%s\r\n", b.session,
             b.csrf);
    snprintf(body, sizeof body, "csrf=%s&old=demo-admin&new=whatever-new-1", b.csrf);
    assert_int_equal(http_request(port, "POST", "/account", headers, body, &raw), 503);
    assert_null(strstr(raw, "Retry-After"));
    free(raw);
    char opts[700];
    const char *host = strstr(test_pg(), "host=") + 5;
    snprintf(opts, sizeof opts, "-o \"-k %.*s -c listen_addresses=''\"",
             (int)strcspn(host, "&"), host);
    assert_int_equal(test_server_ctl("start", opts), 0);
    for (size_t i = 0; i < 4; i++) { /* each worker makes its connection again */
        assert_int_equal(http_request(port, "GET", "/healthz", NULL, NULL, &raw), 200);
        free(raw);
        assert_int_equal(http_request(port, "GET", "/login", NULL, NULL, &raw), 200);
        free(raw);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choose_and_switch),
        cmocka_unit_test(test_deep_link_survives_login),
        cmocka_unit_test(test_switch_only_with_several),
        cmocka_unit_test(test_home_counts_are_each_organisations),
        cmocka_unit_test(test_downloads_name_their_organisation),
        cmocka_unit_test(test_every_route_keeps_organisations_apart),
        cmocka_unit_test(test_tokens_belong_to_one_organisation),
        cmocka_unit_test(test_sector_account),
        cmocka_unit_test(test_login_page_says_whose_password),
        cmocka_unit_test(test_body_after_another_orgs_request),
        cmocka_unit_test(test_public_miss_names_no_organisation),
        cmocka_unit_test(test_lost_role_goes_to_the_chooser),
        cmocka_unit_test(test_password_ends_unchosen_sessions),
        cmocka_unit_test(test_reminders_run_for_every_organisation),
        cmocka_unit_test(test_sector_failure_says_nothing_inside),
        cmocka_unit_test(test_calendar_feed_without_cookie),
        cmocka_unit_test(test_badges_name_their_organisation),
        cmocka_unit_test(test_mail_sender_serves_every_organisation),
        cmocka_unit_test(test_shared_login_password),
        cmocka_unit_test(test_sector_account_changes_its_password),
        cmocka_unit_test(test_header_names_the_organisation_alike),
        cmocka_unit_test(test_one_name_everywhere),
        cmocka_unit_test(test_login_page_names_no_organisation),
        cmocka_unit_test(test_login_taken_elsewhere_on_the_site),
        cmocka_unit_test(test_form_of_another_tab_is_refused),
        cmocka_unit_test(test_server_survives_lost_connections),
        cmocka_unit_test(test_demo_leaves_a_sites_own_logins_alone),
        cmocka_unit_test(test_remove_an_organisation),
        cmocka_unit_test(test_remove_from_one_organisation),
        cmocka_unit_test(test_database_away_answers_503),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
