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
    free(raw);
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
    snprintf(body, sizeof body, "csrf=%s&org=%s&next=/reports%%3Fyear%%3D2025", b.csrf, org_b);
    assert_int_equal(http_request(port, "POST", "/orgs", headers, body, &raw), 303);
    assert_non_null(strstr(raw, "Location: /reports?year=2025\r\n"));
    free(raw);
    assert_int_equal(get_as(&b, "/orgs?next=/%5Cevil.example", &raw), 200);
    assert_null(strstr(raw, "evil.example"));
    free(raw);
}

/* The number before " medewerkers"/"staff members" on the home page RAW. */
static long staff_count(const char *raw)
{
    const char *c = strstr(raw, "<ul class=\"cards\"><li><a href=\"/employees\"><strong>");
    return c ? strtol(c + strlen("<ul class=\"cards\"><li><a href=\"/employees\"><strong>"),
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
    /* an organisation's token reads no sector report */
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/participation?year=2026&by=gender",
                                  headers, NULL, &raw), 403);
    free(raw);
    free(ta);
    free(tb);
}

/* A sector account's token reads the sector reports and nothing else. */
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
    assert_int_equal(http_request(port, "GET", "/api/v1/sector/participation?year=2026",
                                  headers, NULL, &raw), 400);
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
    assert_int_equal(get_as(&f, "/sector?year=2026&report=participation&by=gender", &raw), 200);
    assert_non_null(strstr(raw, "site-b.db")); /* B's name, given by test_org */
    assert_null(strstr(raw, "class=\"warning\""));
    assert_null(strstr(raw, MARK));
    free(raw);
    assert_int_equal(get_as(&f, "/sector?year=2026&report=social-balance", &raw), 200);
    assert_non_null(strstr(raw, "5801"));
    free(raw);
    assert_int_equal(get_as(&f, "/sector?year=1950", &raw), 200); /* said, not silent */
    assert_non_null(strstr(raw, "class=\"warning\""));
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
    /* B's token under A's name, or under none, opens nothing */
    snprintf(path, sizeof path, "/calendar/%s/%s", org_a, feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    snprintf(path, sizeof path, "/calendar/%s", feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
    snprintf(path, sizeof path, "/calendar/nosuchorg/%s", feed);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &raw), 404);
    free(raw);
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
    /* the issuer: B's keys, with or without A's cookie; none without a name */
    char *alone, *with_a, *of_a;
    snprintf(path, sizeof path, "/badges/%s/issuer", org_b);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &alone), 200);
    assert_int_equal(http_request(port, "GET", path, cookie_a, NULL, &with_a), 200);
    snprintf(path, sizeof path, "/badges/%s/issuer", org_a);
    assert_int_equal(http_request(port, "GET", path, NULL, NULL, &of_a), 200);
    const char *keys = strstr(alone, "\"keys\"");
    assert_non_null(keys);
    assert_non_null(strstr(keys, "\"kty\""));
    assert_non_null(strstr(with_a, keys));
    assert_null(strstr(of_a, keys));
    snprintf(want, sizeof want, "/badges/%s/issuer\"", org_b);
    assert_non_null(strstr(alone, want));
    free(alone);
    free(with_a);
    free(of_a);
    assert_int_equal(http_request(port, "GET", "/badges/issuer", cookie_a, NULL, &raw), 404);
    free(raw);
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
    assert_int_equal(change_password(&in_b, "demo-mentor", "changed-mentor-1"), 303);
    char *raw;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choose_and_switch),
        cmocka_unit_test(test_home_counts_are_each_organisations),
        cmocka_unit_test(test_every_route_keeps_organisations_apart),
        cmocka_unit_test(test_tokens_belong_to_one_organisation),
        cmocka_unit_test(test_sector_account),
        cmocka_unit_test(test_calendar_feed_without_cookie),
        cmocka_unit_test(test_badges_name_their_organisation),
        cmocka_unit_test(test_mail_sender_serves_every_organisation),
        cmocka_unit_test(test_shared_login_password),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
