/* test_web.c - the web application, through the router and over loopback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "helpers.h"
#include "util/i18n.h"
#include "web/router.h"
#include "util/crypto.h"
#include "web/server.h"
#include "store/site.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("web.db"));
    /* A hostile name, to prove that every page escapes it. */
    employee e = {0};
    e.employee_id = "H1";
    e.first_name = "<script>alert(1)</script>";
    e.last_name = "\"><img src=x onerror=alert(2)>";
    e.gender = GENDER_X;
    e.birth_date = date_from_ymd(1990, 1, 1);
    e.hire_date = date_from_ymd(2020, 1, 1);
    e.exit_date = DATE_NONE;
    e.department = "<b>Sales</b>";
    e.function = "Tester";
    e.fte = 10000;
    e.born_abroad = e.disability = e.shift = -1;
    int64_t row;
    int created;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(employees_upsert(db, &e, &row, &created), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static void test_health_needs_no_login(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/healthz", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "\"ok\""));
    exchange_free(&x);
}

static void test_pages_redirect_to_login(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/employees", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/login?next=%2Femployees");
    exchange_free(&x);
}

static void test_login_sets_a_strict_cookie(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    /* the cookie's attributes */
    run_request(&x, db, "GET", "/login", NULL, NULL, NULL);
    exchange_free(&x);
    run_request(&x, db, "POST", "/login", "gp_csrf=abc", "csrf=abc&login=admin&password=demo-admin",
                NULL);
    const char *set = response_get_header(&x.resp, "Set-Cookie");
    assert_non_null(strstr(set, "HttpOnly"));
    assert_non_null(strstr(set, "SameSite=Strict"));
    assert_null(strstr(set, "Secure"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "href=\"/employees\""));
    exchange_free(&x);
    free(cookie);
}

static void test_wrong_password_is_refused(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "POST", "/login", "gp_csrf=abc", "csrf=abc&login=admin&password=nope",
                NULL);
    assert_int_equal(x.resp.status, 401);
    assert_null(response_get_header(&x.resp, "Location"));
    assert_null(strstr(str_cstr(&x.resp.body), "gp_session"));
    exchange_free(&x);
    run_request(&x, db, "POST", "/login", "gp_csrf=abc", "csrf=abc&login=ghost&password=nope",
                NULL);
    assert_int_equal(x.resp.status, 401);
    exchange_free(&x);
}

static void test_post_without_csrf_is_rejected(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "POST", "/login", NULL, "login=admin&password=demo-admin", NULL);
    assert_int_equal(x.resp.status, 403);
    const char *set = response_get_header(&x.resp, "Set-Cookie");
    assert_true(set == NULL || strstr(set, "gp_session") == NULL);
    exchange_free(&x);
    run_request(&x, db, "POST", "/login", "gp_csrf=abc", "csrf=abd&login=admin&password=demo-admin",
                NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    /* logged in, a logout without the session's token does nothing */
    char csrf[65];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    run_request(&x, db, "POST", "/logout", cookie, "csrf=wrong", NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    run_request(&x, db, "GET", "/my", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    exchange_free(&x);
    /* with it, the session ends */
    char body[100];
    snprintf(body, sizeof body, "csrf=%s", csrf);
    run_request(&x, db, "POST", "/logout", cookie, body, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    run_request(&x, db, "GET", "/my", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    free(cookie);
}

static void test_roles_are_checked(void **state)
{
    (void)state;
    assert_int_equal(status_as(db, "employee", "demo-employee", "/employees"), 403);
    assert_int_equal(status_as(db, "representative", "demo-representative", "/employees"), 403);
    assert_int_equal(status_as(db, "representative", "demo-representative", "/employees/E001"), 403);
    assert_int_equal(status_as(db, "employee", "demo-employee", "/employees/E010"), 200); /* self */
    assert_int_equal(status_as(db, "employee", "demo-employee", "/employees/E011"), 404);
    assert_int_equal(status_as(db, "manager", "demo-manager", "/employees/E002"), 200); /* team */
    assert_int_equal(status_as(db, "manager", "demo-manager", "/employees/E050"), 404); /* other */
    assert_int_equal(status_as(db, "admin", "demo-admin", "/employees/E050"), 200);
    assert_int_equal(status_as(db, "admin", "demo-admin", "/employees/NOPE"), 404);
    assert_int_equal(status_as(db, "manager", "demo-manager", "/export/employees"), 403);
    assert_int_equal(status_as(db, "admin", "demo-admin", "/export/employees?format=pdf"), 404);
    assert_int_equal(status_as(db, "admin", "demo-admin", "/export/nothing"), 404);
}

static void test_navigation_follows_the_role(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "representative", "demo-representative", csrf);
    exchange x;
    run_request(&x, db, "GET", "/", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_null(strstr(exchange_body(&x), "href=\"/employees\""));
    assert_non_null(strstr(exchange_body(&x), "Productie"));
    exchange_free(&x);
    free(cookie);
    cookie = login_cookie(db, "manager", "demo-manager", csrf);
    /* the team's training right, with names */
    employee e2;
    arena a = ARENA_INIT;
    assert_int_equal(employees_get(db, &a, "E002", &e2), STORE_ROW);
    run_request(&x, db, "GET", "/team/right?year=2025", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), e2.last_name));
    assert_null(strstr(exchange_body(&x), "E050"));
    exchange_free(&x);
    arena_free(&a);
    run_request(&x, db, "GET", "/employees", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "E002"));
    assert_null(strstr(exchange_body(&x), "E050"));
    exchange_free(&x);
    free(cookie);
}

static void test_hostile_input_is_escaped(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    const char *targets[] = {"/employees?q=%3Cscript%3E", "/employees/H1",
                             "/employees?q=%22%3E%3Cimg"};
    for (size_t i = 0; i < 3; i++) {
        exchange x;
        run_request(&x, db, "GET", targets[i], cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        assert_null(strstr(exchange_body(&x), "<script>alert"));
        assert_null(strstr(exchange_body(&x), "<img src=x"));
        assert_null(strstr(exchange_body(&x), "<b>Sales"));
        if (i < 2)
            assert_non_null(strstr(exchange_body(&x), "&lt;script&gt;alert(1)&lt;/script&gt;"));
        exchange_free(&x);
    }
    free(cookie);
}

static void test_api_tokens(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/api/v1/employees", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 401);
    assert_string_equal(x.resp.content_type, "application/json");
    assert_non_null(strstr(exchange_body(&x), "\"status\":401"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/api/v1/me", NULL, NULL, "Bearer 0000");
    assert_int_equal(x.resp.status, 401);
    exchange_free(&x);

    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE], auth[100];
    token_new(token);
    token_hash(token, hash);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "manager", &u, NULL), STORE_ROW);
    assert_int_equal(tokens_add(db, u.id, hash), STORE_OK);
    arena_free(&a);
    snprintf(auth, sizeof auth, "Bearer %s", token);
    run_request(&x, db, "GET", "/api/v1/me", NULL, NULL, auth);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "\"role\":\"manager\""));
    /* the organisation the token works in: a file has no slug, its name
     * is the setting the demo gave it; on a site the demo keeps the name
     * the organisation was added with */
    json_t *me = json_loads(exchange_body(&x), 0, NULL);
    json_t *org = json_object_get(me, "organisation");
    assert_non_null(org);
    assert_true(json_is_null(json_object_get(org, "slug")));
    arena names = ARENA_INIT;
    const char *site_name = site_org_name(db, &names);
    assert_true(!site_name == !test_pg());
    assert_string_equal(json_string_value(json_object_get(org, "name")),
                        site_name ? site_name : "De Schelde Voeding NV");
    arena_free(&names);
    json_decref(me);
    exchange_free(&x);
    /* a manager's list holds the team only */
    run_request(&x, db, "GET", "/api/v1/employees?limit=1000", NULL, NULL, auth);
    assert_int_equal(x.resp.status, 200);
    json_error_t err;
    json_t *j = json_loads(exchange_body(&x), 0, &err);
    assert_non_null(j);
    size_t i;
    json_t *item;
    size_t n = json_array_size(json_object_get(j, "items"));
    assert_true(n > 10 && n < 50);
    json_array_foreach(json_object_get(j, "items"), i, item)
        assert_string_equal(json_string_value(json_object_get(item, "department")), "Productie");
    json_decref(j);
    exchange_free(&x);
    /* a token needs no CSRF token for a POST, but the route still decides */
    run_request(&x, db, "POST", "/logout", NULL, "", auth);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
}

/* The scheme of an Authorization header is case-insensitive (RFC 7235):
 * "bearer" and "BEARER" are "Bearer"; another scheme is no token. */
static void test_bearer_scheme_in_any_case(void **state)
{
    (void)state;
    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE], auth[100];
    token_new(token);
    token_hash(token, hash);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "employee", &u, NULL), STORE_ROW);
    assert_int_equal(tokens_add(db, u.id, hash), STORE_OK);
    arena_free(&a);
    static const char *const schemes[] = {"Bearer ", "bearer ", "BEARER ", "bEaReR  "};
    exchange x;
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
        snprintf(auth, sizeof auth, "%s%s", schemes[i], token);
        run_request(&x, db, "GET", "/api/v1/me", NULL, NULL, auth);
        assert_int_equal(x.resp.status, 200);
        assert_non_null(strstr(exchange_body(&x), "\"login\":\"employee\""));
        exchange_free(&x);
    }
    static const char *const others[] = {"Basic ", "Bearer", "Bearerx "};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        snprintf(auth, sizeof auth, "%s%s", others[i], token);
        run_request(&x, db, "GET", "/api/v1/me", NULL, NULL, auth);
        assert_int_equal(x.resp.status, 401);
        exchange_free(&x);
    }
}

static void test_not_found_and_method(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/nowhere", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 404);
    assert_non_null(strstr(exchange_body(&x), "<html"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/api/v1/nowhere", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 404);
    assert_string_equal(x.resp.content_type, "application/json");
    exchange_free(&x);
    run_request(&x, db, "DELETE", "/login", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 405);
    exchange_free(&x);
    run_request(&x, db, "GET", "/static/style.css", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_string_equal(x.resp.content_type, "text/css; charset=utf-8");
    exchange_free(&x);
    run_request(&x, db, "GET", "/static/../../etc/passwd", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 404);
    exchange_free(&x);
    run_request(&x, db, "GET", "/api/v1/openapi.json", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    json_error_t err;
    json_t *j = json_loads(exchange_body(&x), 0, &err);
    assert_non_null(j);
    json_decref(j);
    exchange_free(&x);
}

static void test_language(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/login", NULL, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "Aanmelden"));
    assert_non_null(strstr(exchange_body(&x), "<html lang=\"nl\""));
    exchange_free(&x);
    memset(&x, 0, sizeof x);
    assert_true(request_init(&x.req, &x.a, db, "GET", "/login"));
    x.req.accept_language = "fr-BE,fr;q=0.9";
    response_init(&x.resp);
    router_handle(&x.req, &x.resp);
    assert_non_null(strstr(exchange_body(&x), "Se connecter"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/login", "gp_lang=en", NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "Login name"));
    exchange_free(&x);
    run_request(&x, db, "POST", "/language", "gp_csrf=abc", "csrf=abc&lang=fr&next=%2Flogin",
                NULL);
    assert_int_equal(x.resp.status, 303);
    assert_non_null(strstr(response_get_header(&x.resp, "Set-Cookie"), "gp_lang=fr"));
    exchange_free(&x);
    /* a page's language switch goes back to the page with its query, but
     * for a "next" (not echoed into another form) */
    run_request(&x, db, "GET", "/login?next=%2Fplans%2F2025&x=a%20b&y=1", "gp_lang=en", NULL,
                NULL);
    assert_non_null(strstr(exchange_body(&x), "name=\"next\" value=\"/login?x=a%20b&amp;y=1\""));
    exchange_free(&x);
    run_request(&x, db, "POST", "/language", "gp_csrf=abc",
                "csrf=abc&lang=fr&next=%2Flogin%3Fnext%3D%252Fplans%252F2025", NULL);
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/login?next=%2Fplans%2F2025");
    exchange_free(&x);
}

/* The settings page describes a yes/no setting with the word its choice
 * shows in that language ("ja", "oui"), not the English code. */
static void test_settings_speak_one_language(void **state)
{
    (void)state;
    char csrf[65], cookies[400];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    static const char *const langs[][3] = {
        {"nl", "Ja: de verbinding moet overschakelen op TLS", "Yes: de verbinding"},
        {"fr", "Oui\xc2\xa0" ": la connexion doit passer en TLS", "Yes\xc2\xa0" ": la connexion"}};
    for (size_t i = 0; i < 2; i++) {
        exchange x;
        snprintf(cookies, sizeof cookies, "%s; gp_lang=%s", cookie, langs[i][0]);
        run_request(&x, db, "GET", "/settings", cookies, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        if (!strstr(exchange_body(&x), langs[i][1]))
            fail_msg("%s: no \"%s\"", langs[i][0], langs[i][1]);
        assert_null(strstr(exchange_body(&x), langs[i][2]));
        exchange_free(&x);
    }
    free(cookie);
}

static void test_catalogue_is_edited_through_the_import_checks(void **state)
{
    (void)state;
    char csrf[65], body[512];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    snprintf(body, sizeof body, "csrf=%s&code=NEW1&title=Nieuw+%%26+fris&type=informal&"
                                "form=coaching&internal=yes&hours=3%%2C5&cost=&mandatory=no", csrf);
    run_request(&x, db, "POST", "/catalogue/edit", cookie, body, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    int type;
    assert_true(activities_row(db, "NEW1", &type) > 0);
    assert_int_equal(type, TYPE_INFORMAL);
    /* a correction with a bad number is refused and says why */
    snprintf(body, sizeof body, "csrf=%s&code=NEW1&title=X&type=formal&form=coaching&hours=-1",
             csrf);
    run_request(&x, db, "POST", "/catalogue/edit", cookie, body, NULL);
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "hours"));
    exchange_free(&x);
    assert_true(activities_row(db, "NEW1", &type) > 0);
    assert_int_equal(type, TYPE_INFORMAL); /* unchanged */
    run_request(&x, db, "GET", "/catalogue/edit?code=NEW1", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "Nieuw &amp; fris"));
    exchange_free(&x);
    free(cookie);
    assert_int_equal(status_as(db, "employee", "demo-employee", "/catalogue/edit"), 403);
}

static void test_users_and_passwords(void **state)
{
    (void)state;
    char csrf[65], body[512];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    snprintf(body, sizeof body, "csrf=%s&action=add&login=nieuw&role=employee&employee_id=E020&"
                                "password=eerste-wachtwoord", csrf);
    run_request(&x, db, "POST", "/users", cookie, body, NULL);
    assert_int_equal(x.resp.status, 303); /* to /users?done=created: a reload posts nothing */
    exchange_free(&x);
    run_request(&x, db, "POST", "/users", cookie, body, NULL); /* the login is taken */
    assert_int_equal(x.resp.status, 409);
    exchange_free(&x);
    /* one login per employee: a second for E010 (the demo's "employee") is
     * refused, naming the one they have, with the form again as typed */
    snprintf(body, sizeof body, "csrf=%s&action=add&login=tweede&role=employee&employee_id=E010&"
                                "password=eerste-wachtwoord", csrf);
    run_request(&x, db, "POST", "/users", cookie, body, NULL);
    assert_int_equal(x.resp.status, 409);
    assert_true(strstr(exchange_body(&x), "E010 already has the login name employee") ||
                strstr(exchange_body(&x), "E010 heeft al de gebruikersnaam employee"));
    assert_non_null(strstr(exchange_body(&x), "value=\"tweede\""));
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM users WHERE login = 'tweede'"), 0);
    snprintf(body, sizeof body, "csrf=%s&action=add&login=kort&role=employee&password=kort",
             csrf);
    run_request(&x, db, "POST", "/users", cookie, body, NULL);
    assert_int_equal(x.resp.status, 400);
    exchange_free(&x);
    /* the new login works and sees its own record */
    char csrf2[65];
    char *mine = login_cookie(db, "nieuw", "eerste-wachtwoord", csrf2);
    run_request(&x, db, "GET", "/my", mine, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "E020"));
    exchange_free(&x);
    /* a wrong current password changes nothing */
    snprintf(body, sizeof body, "csrf=%s&old=fout&new=tweede-wachtwoord", csrf2);
    run_request(&x, db, "POST", "/account", mine, body, NULL);
    assert_int_equal(x.resp.status, 400);
    exchange_free(&x);
    snprintf(body, sizeof body, "csrf=%s&old=eerste-wachtwoord&new=tweede-wachtwoord", csrf2);
    run_request(&x, db, "POST", "/account", mine, body, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    /* the old session is over; the new password works */
    run_request(&x, db, "GET", "/my", mine, NULL, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    free(mine);
    mine = login_cookie(db, "nieuw", "tweede-wachtwoord", csrf2);
    free(mine);
    /* HR resets it */
    snprintf(body, sizeof body, "csrf=%s&action=password&login=nieuw&password=derde-wachtwoord",
             csrf);
    run_request(&x, db, "POST", "/users", cookie, body, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    mine = login_cookie(db, "nieuw", "derde-wachtwoord", csrf2);
    free(mine);
    free(cookie);
    assert_int_equal(status_as(db, "employee", "demo-employee", "/users"), 403);
}

/* POSTs BODY (after the CSRF token CSRF) to /users as COOKIE's admin; the
 * status, the exchange left in X. */
static int users_post(exchange *x, const char *cookie, const char *csrf, const char *body)
{
    char full[512];
    snprintf(full, sizeof full, "csrf=%s&%s", csrf, body);
    run_request(x, db, "POST", "/users", cookie, full, NULL);
    return x->resp.status;
}

/* The audit lines of ACTION on user LOGIN by ACTOR with BEFORE and AFTER. */
static int64_t user_audit_lines(const char *action, const char *login, const char *actor,
                                const char *before, const char *after)
{
    char sql[600];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE entity = 'user' AND "
                              "action = '%s' AND entity_key = '%s' AND actor = '%s' AND "
                              "coalesce(before, '') = '%s' AND coalesce(after, '') = '%s'",
             action, login, actor, before, after);
    return store_count(db, sql);
}

/* HR changes a role and removes a user on the Users page: the person's next
 * request has the new role, a removed one's session and token end, the
 * only admin stays admin, and each change is in the audit log. */
static void test_users_role_and_removal(void **state)
{
    (void)state;
    char csrf[65], csrf2[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    assert_int_equal(users_post(&x, cookie, csrf, "action=add&login=wissel&role=manager&"
                                                  "employee_id=E002&password=wissel-wachtwoord"),
                     303);
    exchange_free(&x);
    assert_int_equal(users_post(&x, cookie, csrf, "action=add&login=weg&role=employee&"
                                                  "employee_id=E030&password=weg-wachtwoord"),
                     303);
    exchange_free(&x);
    /* the page offers each user a role select and a way to remove them */
    run_request(&x, db, "GET", "/users", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "name=\"action\" value=\"role\"><input "
                                              "type=\"hidden\" name=\"login\" value=\"wissel\">"));
    assert_non_null(strstr(exchange_body(&x), "action=\"/users/remove\""));
    exchange_free(&x);

    /* a role taken away: the manager's next request is an employee's */
    char *his = login_cookie(db, "wissel", "wissel-wachtwoord", csrf2);
    run_request(&x, db, "GET", "/employees", his, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    exchange_free(&x);
    assert_int_equal(users_post(&x, cookie, csrf, "action=role&login=wissel&role=employee"), 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/users?done=role");
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees", his, NULL, NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    run_request(&x, db, "GET", "/", his, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_null(strstr(exchange_body(&x), "href=\"/employees\""));
    exchange_free(&x);
    free(his);
    assert_int_equal(user_audit_lines("update", "wissel", "admin", "{\"role\":\"manager\"}",
                                      "{\"role\":\"employee\"}"), 1);
    assert_int_equal(users_post(&x, cookie, csrf, "action=role&login=wissel&role=baas"), 422);
    exchange_free(&x);
    assert_int_equal(users_post(&x, cookie, csrf, "action=role&login=niemand&role=admin"), 404);
    exchange_free(&x);

    /* removing: the GET asks and changes nothing; the POST ends the
     * session and the token */
    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE], auth[100];
    token_new(token);
    token_hash(token, hash);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "weg", &u, NULL), STORE_ROW);
    assert_int_equal(tokens_add(db, u.id, hash), STORE_OK);
    arena_free(&a);
    snprintf(auth, sizeof auth, "Bearer %s", token);
    char *hers = login_cookie(db, "weg", "weg-wachtwoord", csrf2);
    run_request(&x, db, "GET", "/users/remove?login=weg", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "weg"));
    assert_non_null(strstr(exchange_body(&x), "name=\"action\" value=\"remove\""));
    exchange_free(&x);
    run_request(&x, db, "GET", "/api/v1/me", NULL, NULL, auth);
    assert_int_equal(x.resp.status, 200);
    exchange_free(&x);
    assert_int_equal(users_post(&x, cookie, csrf, "action=remove&login=weg"), 303);
    /* on a site this was the login's only organisation: said, as it is gone */
    assert_string_equal(response_get_header(&x.resp, "Location"),
                        test_pg() ? "/users?done=removed_login" : "/users?done=removed");
    exchange_free(&x);
    run_request(&x, db, "GET", "/api/v1/me", NULL, NULL, auth);
    assert_int_equal(x.resp.status, 401);
    exchange_free(&x);
    run_request(&x, db, "GET", "/my", hers, NULL, NULL);
    assert_int_equal(x.resp.status, 303); /* to the login page */
    exchange_free(&x);
    free(hers);
    assert_int_equal(user_audit_lines("delete", "weg", "admin",
                                      "{\"employee_id\":\"E030\",\"login\":\"weg\","
                                      "\"role\":\"employee\"}", ""), 1);
    assert_int_equal(users_post(&x, cookie, csrf, "action=remove&login=weg"), 404);
    exchange_free(&x);

    /* the only admin is neither demoted nor removed, and is told why */
    assert_int_equal(users_post(&x, cookie, csrf, "action=role&login=admin&role=manager"), 422);
    assert_non_null(strstr(exchange_body(&x), "class=\"error\" role=\"alert\""));
    assert_true(strstr(exchange_body(&x), "only admin") ||
                strstr(exchange_body(&x), "enige beheerder"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/users/remove?login=admin", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 422);
    assert_null(strstr(exchange_body(&x), "value=\"remove\""));
    exchange_free(&x);
    assert_int_equal(users_post(&x, cookie, csrf, "action=remove&login=admin"), 422);
    exchange_free(&x);
    run_request(&x, db, "GET", "/users", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200); /* still the admin */
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM audit_log WHERE entity = 'user' AND "
                                     "entity_key = 'admin' AND action IN ('update', 'delete')"),
                     0);
    /* with a second admin, the first may step down */
    assert_int_equal(users_post(&x, cookie, csrf, "action=role&login=wissel&role=admin"), 303);
    exchange_free(&x);
    assert_int_equal(users_post(&x, cookie, csrf, "action=role&login=wissel&role=mentor"), 303);
    exchange_free(&x);
    free(cookie);
}

/* Our own markup passed through the escaping %s shows up as text: a bug the
 * compiler cannot see, so every page is searched for its traces. */
static void assert_markup_intact(const char *login, const char *password, const char *target)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    static const char *const traces[] = {"&lt;th", "&lt;td", "&lt;tr", "&lt;li", "&lt;a ",
                                         "class=&quot;", "aria-current=&quot;", "&lt;/td"};
    for (size_t i = 0; i < sizeof traces / sizeof *traces; i++)
        if (strstr(exchange_body(&x), traces[i]) && !strstr(exchange_body(&x), "&lt;script&gt;alert"))
            fail_msg("%s shows escaped markup (%s)", target, traces[i]);
    /* every POST form carries the CSRF token, as the first field after its tag */
    size_t forms = 0;
    for (const char *f = exchange_body(&x); (f = strstr(f, "<form method=\"post\"")); f++, forms++) {
        static const char csrf_field[] = "><input type=\"hidden\" name=\"csrf\" value=\"";
        const char *field = strchr(f, '>');
        if (!field || strncmp(field, csrf_field, sizeof csrf_field - 1) != 0)
            fail_msg("%s has a POST form without its CSRF field", target);
    }
    assert_true(forms >= 2); /* at least the language switch and log out */
    exchange_free(&x);
    free(cookie);
}

static void test_own_markup_is_never_escaped(void **state)
{
    (void)state;
    int year = date_year(date_today());
    char plan[32], draft[32];
    snprintf(plan, sizeof plan, "/plans/%d", year);
    snprintf(draft, sizeof draft, "/plans/%d", year + 1);
    const char *admin_pages[] = {"/", "/employees", "/employees/E002", "/catalogue", "/reports",
                                 plan, draft, "/plans", "/scans", "/scans/policy/compare",
                                 "/scans/readiness", "/import", "/users", "/team/claims",
                                 "/catalogue/edit?code=HACCP", "/employees/E002/learning",
                                 "/users/remove?login=manager"};
    for (size_t i = 0; i < sizeof admin_pages / sizeof *admin_pages; i++)
        assert_markup_intact("admin", "demo-admin", admin_pages[i]);
    assert_markup_intact("manager", "demo-manager", "/team/right?year=2025");
    assert_markup_intact("employee", "demo-employee", "/my/right");
    assert_markup_intact("employee", "demo-employee", "/my/log");
    assert_markup_intact("representative", "demo-representative", "/reports");
}

/* serve --public-url names the addresses of an organisation without a
 * public_url of its own (badges, calendars); its own setting comes first. */
static void test_public_url_option(void **state)
{
    (void)state;
    server_config cfg = {test_path("web.db"), NULL, "127.0.0.1", 0, 2};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    cfg.public_url = "https://opleiding.example.be";
    str err = STR_INIT;
    server *s = server_start(&cfg, &err);
    assert_non_null(s);
    int port = server_port(s);
    char *raw;
    assert_int_equal(http_request(port, "GET", "/badges/issuer", NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "\"https://opleiding.example.be/badges"));
    assert_null(strstr(raw, "localhost"));
    free(raw);
    server_stop(s);
    store *org = test_store_open(test_path("web.db"));
    assert_int_equal(settings_set(org, "admin", "public_url", "https://leren.example.be"),
                     STORE_OK);
    store_close(org);
    s = server_start(&cfg, &err);
    assert_non_null(s);
    port = server_port(s);
    assert_int_equal(http_request(port, "GET", "/badges/issuer", NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "\"https://leren.example.be/badges"));
    assert_null(strstr(raw, "opleiding.example.be"));
    free(raw);
    server_stop(s);
    org = test_store_open(test_path("web.db"));
    assert_int_equal(settings_set(org, "admin", "public_url", NULL), STORE_OK);
    store_close(org);
    str_free(&err);
}

static void test_real_http(void **state)
{
    (void)state;
    server_config cfg = {test_path("web.db"), NULL, "127.0.0.1", 0, 2};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    str err = STR_INIT;
    server *s = server_start(&cfg, &err);
    assert_non_null(s);
    int port = server_port(s);
    assert_true(port > 0);
    /* a second server on the same port does not start (it would take half
     * of the requests), and says why */
    server_config again = cfg;
    again.port = port;
    str err2 = STR_INIT;
    const char *lang = i18n_lang();
    i18n_set_lang("en");
    server *second = server_start(&again, &err2);
    i18n_set_lang(lang);
    if (second)
        server_stop(second);
    assert_null(second);
    char words[64];
    snprintf(words, sizeof words, "port %d on 127.0.0.1 is in use", port);
    assert_non_null(strstr(str_cstr(&err2), words));
    str_free(&err2);
    char *raw;
    assert_int_equal(http_request(port, "GET", "/healthz", NULL, NULL, &raw), 200);
    free(raw);
    assert_int_equal(http_request(port, "GET", "/api/v1/me", NULL, NULL, &raw), 401);
    assert_non_null(strstr(raw, "WWW-Authenticate: Bearer"));
    free(raw);
    /* log in over the wire */
    assert_int_equal(http_request(port, "GET", "/login", NULL, NULL, &raw), 200);
    assert_non_null(strstr(raw, "X-Content-Type-Options: nosniff"));
    char *c = strstr(raw, "gp_csrf=");
    assert_non_null(c);
    char pre[65];
    memcpy(pre, c + 8, 64);
    pre[64] = '\0';
    free(raw);
    char headers[200], body[300];
    snprintf(headers, sizeof headers, "Cookie: gp_csrf=%s\r\n", pre);
    snprintf(body, sizeof body, "csrf=%s&login=admin&password=demo-admin", pre);
    assert_int_equal(http_request(port, "POST", "/login", headers, body, &raw), 303);
    c = strstr(raw, "gp_session=");
    assert_non_null(c);
    char session[65];
    memcpy(session, c + 11, 64);
    session[64] = '\0';
    free(raw);
    snprintf(headers, sizeof headers, "Cookie: gp_session=%s\r\n", session);
    assert_int_equal(http_request(port, "GET", "/employees?q=Peeters", headers, NULL, &raw), 200);
    assert_non_null(strstr(raw, "Peeters"));
    free(raw);
    /* a download comes from a file, byte for byte what the CLI exports */
    assert_int_equal(http_request(port, "GET", "/export/learning?format=csv&year=2025", headers,
                                  NULL, &raw), 200);
    /* named after the organisation first when one is served (serve --org) */
    char disposition[160];
    snprintf(disposition, sizeof disposition,
             "Content-Disposition: attachment; filename=\"%s%slearning.csv\"",
             test_pg() ? test_org(test_path("web.db")) : "", test_pg() ? "-" : "");
    if (!strstr(raw, disposition))
        fail_msg("no %s in:\n%.400s", disposition, raw);
    char *cli;
    assert_int_equal(gp(test_path("web.db"), "export learning --year 2025", NULL, &cli), 0);
    char *payload = strstr(raw, "\r\n\r\n");
    assert_non_null(payload);
    assert_true(strlen(cli) > 1000);
    assert_string_equal(payload + 4, cli);
    free(cli);
    free(raw);
    /* on a port of its own choosing, without a public_url anywhere, the
     * server says that badges name the address it listens on */
    server_stop(s);
    cfg.port = port;
    s = server_start(&cfg, &err);
    assert_non_null(s);
    assert_int_equal(http_request(port, "GET", "/settings", headers, NULL, &raw), 200);
    char address[64];
    snprintf(address, sizeof address, "http://127.0.0.1:%d.", port);
    if (!strstr(raw, address))
        fail_msg("no %s in the settings", address);
    free(raw);
    server_stop(s);
    str_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health_needs_no_login),
        cmocka_unit_test(test_pages_redirect_to_login),
        cmocka_unit_test(test_login_sets_a_strict_cookie),
        cmocka_unit_test(test_wrong_password_is_refused),
        cmocka_unit_test(test_post_without_csrf_is_rejected),
        cmocka_unit_test(test_roles_are_checked),
        cmocka_unit_test(test_navigation_follows_the_role),
        cmocka_unit_test(test_hostile_input_is_escaped),
        cmocka_unit_test(test_api_tokens),
        cmocka_unit_test(test_bearer_scheme_in_any_case),
        cmocka_unit_test(test_not_found_and_method),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_settings_speak_one_language),
        cmocka_unit_test(test_catalogue_is_edited_through_the_import_checks),
        cmocka_unit_test(test_users_and_passwords),
        cmocka_unit_test(test_users_role_and_removal),
        cmocka_unit_test(test_own_markup_is_never_escaped),
        cmocka_unit_test(test_public_url_option),
        cmocka_unit_test(test_real_http),
    };
    return cmocka_run_group_tests_name("web", tests, setup, teardown);
}
