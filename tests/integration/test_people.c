/* test_people.c - people, users and the layout through the router: HR adds
 * and corrects employees in the browser (checked as a one-row import),
 * records who leaves, the default role of a new login, the favicon, chart
 * labels that fit, and the demo personas' learning history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "cli/cli.h"
#include "web/router.h"
#include "web/svg.h"
#include "util/crypto.h"
#include "util/decimal.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("people.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* POSTs BODY (after the CSRF field) to TARGET as LOGIN; the exchange in X. */
static void post_as(exchange *x, const char *login, const char *password, const char *target,
                    const char *body)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    str full = STR_INIT, cookies = STR_INIT;
    str_printf(&full, "csrf=%s&%s", csrf, body);
    str_printf(&cookies, "%s; gp_lang=en", cookie); /* messages in English */
    run_request(x, db, "POST", target, str_cstr(&cookies), str_cstr(&full), NULL);
    str_free(&full);
    str_free(&cookies);
    free(cookie);
}

/* How many changes to employees the audit log holds (logins are audited too). */
static int64_t employee_audits(void)
{
    return store_count(db, "SELECT count(*) FROM audit_log WHERE entity = 'employees'");
}

/* The last audit entry about employees: "actor action entity key after" in OUT. */
static void last_audit(char *out, size_t n)
{
    stmt *s = store_prepare(db, "SELECT actor, action, entity, entity_key, after FROM audit_log "
                                "WHERE entity = 'employees' ORDER BY id DESC LIMIT 1");
    assert_non_null(s);
    assert_int_equal(stmt_step(s), STORE_ROW);
    snprintf(out, n, "%s %s %s %s %s", stmt_text(s, 0), stmt_text(s, 1), stmt_text(s, 2),
             stmt_text(s, 3), stmt_text(s, 4));
    stmt_done(s);
}

#define NEW_PERSON                                                                           \
    "employee_id=P100&first_name=Ilse&last_name=Testmans&email=&gender=F&"                   \
    "birth_date=05%2F03%2F1979&hire_date=01%2F09%2F2020&exit_date=&department=Verkoop&"     \
    "function=Accountmanager&category=white_collar&contract=permanent&fte=0%2C8&"           \
    "education=high&born_abroad=no&disability=&manager_id=E001&shift="

static void test_admin_adds_an_employee(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    run_request(&x, db, "GET", "/employees/new", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "name=\"csrf\""));
    assert_non_null(strstr(exchange_body(&x), "name=\"birth_date\""));
    assert_non_null(strstr(exchange_body(&x), "<datalist id=\"departments\">"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees", cookie, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "href=\"/employees/new\""));
    /* everyone is listed, and how many of them left is said (the overview
     * counts those employed only) */
    assert_non_null(strstr(exchange_body(&x), " medewerkers gevonden, van wie "));
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees?status=left", cookie, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "<span class=\"hint\">(in dienst tot "));
    assert_null(strstr(exchange_body(&x), ", van wie "));
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees?status=active", cookie, NULL, NULL);
    assert_null(strstr(exchange_body(&x), "(in dienst tot "));
    exchange_free(&x);
    free(cookie);

    /* an empty required field is said as a field, not as a file's column */
    post_as(&x, "admin", "demo-admin", "/employees/new",
            "employee_id=P101&first_name=&last_name=Leeg&hire_date=01%2F09%2F2020");
    assert_int_equal(x.resp.status, 422);
    const char *said = strstr(exchange_body(&x), "role=\"alert\"");
    if (!said || (!strstr(said, "een waarde (dit veld is verplicht)") &&
                  !strstr(said, "a value (this field is required)")) ||
        strstr(said, "kolom is verplicht") || strstr(said, "column is required"))
        fail_msg("%.600s", said ? said : exchange_body(&x));
    exchange_free(&x);
    int64_t audits = employee_audits();
    post_as(&x, "admin", "demo-admin", "/employees/new", NEW_PERSON);
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/employees/P100");
    exchange_free(&x);
    arena a = ARENA_INIT;
    employee e;
    assert_int_equal(employees_get(db, &a, "P100", &e), STORE_ROW);
    assert_string_equal(e.first_name, "Ilse");
    assert_int_equal(e.birth_date, date_from_ymd(1979, 3, 5));
    assert_int_equal(e.hire_date, date_from_ymd(2020, 9, 1));
    assert_int_equal(e.exit_date, DATE_NONE);
    assert_int_equal(e.fte, 8000);
    assert_int_equal(e.born_abroad, ANSWER_NO);
    assert_int_equal(e.disability, ANSWER_NONE);
    assert_string_equal(e.manager_id, "E001");
    arena_free(&a);
    /* one entry in the audit log, in the same transaction as the change */
    assert_int_equal(employee_audits(), audits + 1);
    char audit[512];
    last_audit(audit, sizeof audit);
    assert_non_null(strstr(audit, "admin import employees"));
    assert_non_null(strstr(audit, "\"created\":1"));
}

/* Appends NAME=VALUE (urlencoded: letters and digits as they are) to BODY. */
static void put_field(str *body, const char *name, const char *value)
{
    str_printf(body, "%s%s=", body->len ? "&" : "", name);
    for (const unsigned char *p = (const unsigned char *)(value ? value : ""); *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
            str_putc(body, (char)*p);
        else
            str_printf(body, "%%%02X", *p);
}

/* The form that corrects employee E as E is, but for its manager MANAGER_ID. */
static void form_of(const employee *e, const char *manager_id, str *body)
{
    char birth[DATE_TEXT_SIZE], hire[DATE_TEXT_SIZE], fte[32];
    date_format(e->birth_date, birth);
    date_format(e->hire_date, hire);
    assert_true(decimal_format(e->fte, 4, 0, fte, sizeof fte));
    put_field(body, "first_name", e->first_name);
    put_field(body, "last_name", e->last_name);
    put_field(body, "email", e->email);
    put_field(body, "gender", vocab_name(&vocab_gender, e->gender));
    put_field(body, "birth_date", birth);
    put_field(body, "hire_date", hire);
    put_field(body, "department", e->department);
    put_field(body, "function", e->function);
    put_field(body, "category", vocab_name(&vocab_category, e->category));
    put_field(body, "contract", vocab_name(&vocab_contract, e->contract));
    put_field(body, "fte", fte);
    put_field(body, "education", vocab_name(&vocab_education, e->education));
    put_field(body, "manager_id", manager_id);
}

/* The form refuses a manager who reports to the employee (directly or not):
 * the cycle is named, and nothing changes. */
static void test_a_manager_cycle_is_refused(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    employee worker, boss;
    assert_int_equal(employees_get(db, &a, "E002", &worker), STORE_ROW);
    assert_non_null(worker.manager_id);
    assert_int_equal(employees_get(db, &a, worker.manager_id, &boss), STORE_ROW);
    str body = STR_INIT, target = STR_INIT, chain = STR_INIT;
    form_of(&boss, "E002", &body);
    str_printf(&target, "/employees/%s/edit", boss.employee_id);
    str_printf(&chain, "%s → E002 → %s", boss.employee_id, boss.employee_id);
    int64_t audits = employee_audits();
    exchange x;
    post_as(&x, "admin", "demo-admin", str_cstr(&target), str_cstr(&body));
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), str_cstr(&chain)));
    exchange_free(&x);
    employee after;
    assert_int_equal(employees_get(db, &a, boss.employee_id, &after), STORE_ROW);
    if (boss.manager_id)
        assert_string_equal(after.manager_id, boss.manager_id);
    else
        assert_null(after.manager_id);
    assert_int_equal(employee_audits(), audits);
    str_free(&body);
    str_free(&target);
    str_free(&chain);
    arena_free(&a);
}

static void test_a_number_in_use_is_not_overwritten(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    employee before;
    assert_int_equal(employees_get(db, &a, "E002", &before), STORE_ROW);
    int64_t audits = employee_audits();
    exchange x;
    post_as(&x, "admin", "demo-admin", "/employees/new",
            "employee_id=E002&first_name=Overschreven&last_name=X&gender=M&"
            "birth_date=1990-01-01&hire_date=2020-01-01&department=Verkoop&function=X&"
            "category=white_collar&contract=permanent&fte=1&education=high");
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "id=\"e-employee_id\""));
    assert_non_null(strstr(exchange_body(&x), "value=\"Overschreven\""));
    exchange_free(&x);
    employee after;
    assert_int_equal(employees_get(db, &a, "E002", &after), STORE_ROW);
    assert_string_equal(after.first_name, before.first_name);
    assert_int_equal(employee_audits(), audits);
    arena_free(&a);
}

static void test_bad_input_comes_back_filled_in(void **state)
{
    (void)state;
    int64_t audits = employee_audits(), people = employees_count(db);
    exchange x;
    post_as(&x, "admin", "demo-admin", "/employees/new",
            "employee_id=P101&first_name=Zo%C3%AB+%26+co&last_name=Peeters&gender=F&"
            "birth_date=31%2F02%2F1980&hire_date=01%2F09%2F2020&department=Verkoop&"
            "function=Planner&category=white_collar&contract=permanent&fte=2&education=high");
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    /* every value as typed, escaped */
    assert_non_null(strstr(body, "value=\"Zoë &amp; co\""));
    assert_non_null(strstr(body, "value=\"31/02/1980\""));
    assert_non_null(strstr(body, "<option value=\"white_collar\" selected>"));
    /* the message stands beside its field, which says it is invalid */
    assert_non_null(strstr(body, "id=\"birth_date\" name=\"birth_date\" value=\"31/02/1980\" "
                                 "required aria-invalid=\"true\" "
                                 "aria-describedby=\"h-birth_date e-birth_date\""));
    assert_non_null(strstr(body, "<p class=\"field-error\" id=\"e-birth_date\">"));
    assert_non_null(strstr(body, "<p class=\"field-error\" id=\"e-fte\">"));
    /* the summary names the field by its label and links to it */
    assert_non_null(strstr(body, "<a href=\"#birth_date\">Born on</a>"));
    assert_null(strstr(body, "id=\"e-first_name\""));
    exchange_free(&x);
    assert_int_equal(employees_count(db), people);
    assert_int_equal(employee_audits(), audits);
}

static void test_admin_corrects_an_employee_and_records_leaving(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    run_request(&x, db, "GET", "/employees/P100/edit", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    /* the form holds the employee as they are, the number not to be changed */
    assert_non_null(strstr(exchange_body(&x), "value=\"P100\" required readonly"));
    assert_non_null(strstr(exchange_body(&x), "value=\"0,8\"")); /* in Dutch */
    assert_non_null(strstr(exchange_body(&x), "value=\"E001\""));
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees/P100", cookie, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "href=\"/employees/P100/edit\""));
    arena names = ARENA_INIT;
    employee boss;
    assert_int_equal(employees_get(db, &names, "E001", &boss), STORE_ROW);
    char reports_to[160];
    snprintf(reports_to, sizeof reports_to, "<dd>%s %s (E001)</dd>", boss.first_name,
             boss.last_name);
    assert_non_null(strstr(exchange_body(&x), reports_to));
    arena_free(&names);
    exchange_free(&x);
    free(cookie);

    /* a correction: another function, no manager */
    const char *fields = "first_name=Ilse&last_name=Testmans&gender=F&birth_date=05%2F03%2F1979&"
                         "hire_date=01%2F09%2F2020&department=Verkoop&function=Planner&"
                         "category=white_collar&contract=permanent&fte=1&education=high&"
                         "manager_id=";
    post_as(&x, "admin", "demo-admin", "/employees/P100/edit", fields);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    arena a = ARENA_INIT;
    employee e;
    assert_int_equal(employees_get(db, &a, "P100", &e), STORE_ROW);
    assert_string_equal(e.function, "Planner");
    assert_null(e.manager_id);
    assert_int_equal(e.fte, 10000);

    /* an exit date asks first, and changes nothing until confirmed */
    str body = STR_INIT;
    str_printf(&body, "%s&exit_date=31%%2F12%%2F2025", fields);
    int64_t audits = employee_audits();
    post_as(&x, "admin", "demo-admin", "/employees/P100/edit", str_cstr(&body));
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "name=\"confirm\" value=\"yes\""));
    assert_non_null(strstr(exchange_body(&x), "type=\"hidden\" name=\"exit_date\" value=\"31/12/2025\""));
    exchange_free(&x);
    assert_int_equal(employees_get(db, &a, "P100", &e), STORE_ROW);
    assert_int_equal(e.exit_date, DATE_NONE);
    assert_int_equal(employee_audits(), audits);
    /* going back shows the form as it was filled in */
    str back = STR_INIT;
    str_printf(&back, "%s&back=yes", str_cstr(&body));
    post_as(&x, "admin", "demo-admin", "/employees/P100/edit", str_cstr(&back));
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "id=\"exit_date\" name=\"exit_date\" value=\"31/12/2025\""));
    exchange_free(&x);
    str_free(&back);
    str_printf(&body, "&confirm=yes");
    post_as(&x, "admin", "demo-admin", "/employees/P100/edit", str_cstr(&body));
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(employees_get(db, &a, "P100", &e), STORE_ROW);
    assert_int_equal(e.exit_date, date_from_ymd(2025, 12, 31));
    assert_int_equal(employee_audits(), audits + 1);

    /* an exit before the hire date is refused beside the field, at once:
     * no confirmation is asked for a date that cannot be saved */
    str_clear(&body);
    str_printf(&body, "%s&exit_date=2019-01-01", fields);
    post_as(&x, "admin", "demo-admin", "/employees/P100/edit", str_cstr(&body));
    assert_int_equal(x.resp.status, 422);
    assert_null(strstr(exchange_body(&x), "name=\"confirm\" value=\"yes\""));
    assert_non_null(strstr(exchange_body(&x), "id=\"e-exit_date\""));
    /* said in the form's words, not the import's column names */
    assert_non_null(strstr(exchange_body(&x), "a date on or after the date of hiring"));
    assert_null(strstr(exchange_body(&x), "after the hire_date"));
    exchange_free(&x);
    /* an unknown manager is refused */
    str_clear(&body);
    str_printf(&body, "%s9X&exit_date=31%%2F12%%2F2025", fields);
    post_as(&x, "admin", "demo-admin", "/employees/P100/edit", str_cstr(&body));
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "id=\"e-manager_id\""));
    exchange_free(&x);
    /* clearing the exit date needs no confirmation */
    post_as(&x, "admin", "demo-admin", "/employees/P100/edit", fields);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(employees_get(db, &a, "P100", &e), STORE_ROW);
    assert_int_equal(e.exit_date, DATE_NONE);
    str_free(&body);
    arena_free(&a);
}

static void test_only_admin_edits_people(void **state)
{
    (void)state;
    assert_int_equal(status_as(db, "manager", "demo-manager", "/employees/new"), 403);
    assert_int_equal(status_as(db, "employee", "demo-employee", "/employees/E010/edit"), 403);
    assert_int_equal(status_as(db, "representative", "demo-representative", "/employees/new"), 403);
    assert_int_equal(status_as(db, "admin", "demo-admin", "/employees/NOPE/edit"), 404);
    exchange x;
    post_as(&x, "manager", "demo-manager", "/employees/E002/edit", "first_name=X");
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    post_as(&x, "manager", "demo-manager", "/employees/new", NEW_PERSON);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    /* a form without its CSRF field is refused before anything happens */
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    run_request(&x, db, "POST", "/employees/new", cookie,
                "employee_id=P102&first_name=A&last_name=B", NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    free(cookie);
    assert_int_equal(employees_row(db, "P102"), 0);
    /* the others see no way to edit */
    cookie = login_cookie(db, "manager", "demo-manager", csrf);
    run_request(&x, db, "GET", "/employees/E002", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_null(strstr(exchange_body(&x), "/edit\""));
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees", cookie, NULL, NULL);
    assert_null(strstr(exchange_body(&x), "/employees/new"));
    exchange_free(&x);
    free(cookie);
}

/* The role select of the new login's form on the Users page BODY (each
 * user's row has one of its own, with that user's role chosen). */
static const char *new_login_roles(const char *body)
{
    static char select[2048];
    const char *from = strstr(body, "id=\"u-role\"");
    assert_non_null(from);
    const char *to = strstr(from, "</select>");
    assert_non_null(to);
    assert_true((size_t)(to - from) < sizeof select);
    snprintf(select, sizeof select, "%.*s", (int)(to - from), from);
    return select;
}

static void test_a_new_login_is_an_employee_by_default(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    run_request(&x, db, "GET", "/users", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(new_login_roles(exchange_body(&x)),
                           "<option value=\"employee\" selected>"));
    assert_null(strstr(new_login_roles(exchange_body(&x)), "<option value=\"admin\" selected>"));
    exchange_free(&x);
    free(cookie);
    /* a refused form keeps the role chosen */
    post_as(&x, "admin", "demo-admin", "/users", "action=add&login=&role=mentor&password=x");
    assert_int_equal(x.resp.status, 400);
    assert_non_null(strstr(new_login_roles(exchange_body(&x)),
                           "<option value=\"mentor\" selected>"));
    exchange_free(&x);
    /* a taken login and an unknown employee are told apart, the form kept */
    post_as(&x, "admin", "demo-admin", "/users",
            "action=add&login=admin&role=employee&employee_id=&password=long-enough-1");
    assert_int_equal(x.resp.status, 409);
    assert_non_null(strstr(exchange_body(&x), "That login name is taken: choose another."));
    assert_non_null(strstr(exchange_body(&x), "name=\"login\" value=\"admin\""));
    exchange_free(&x);
    post_as(&x, "admin", "demo-admin", "/users",
            "action=add&login=newcomer-9&role=employee&employee_id=Q404&password=long-enough-1");
    assert_int_equal(x.resp.status, 409);
    assert_non_null(strstr(exchange_body(&x), "There is no employee with that number."));
    assert_non_null(strstr(exchange_body(&x), "name=\"employee_id\" value=\"Q404\""));
    exchange_free(&x);
}

static void test_favicon(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/static/favicon.svg", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_string_equal(x.resp.content_type, "image/svg+xml");
    assert_non_null(strstr(exchange_body(&x), "<svg"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/favicon.ico", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_string_equal(x.resp.content_type, "image/svg+xml");
    exchange_free(&x);
    run_request(&x, db, "GET", "/login", NULL, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "<link rel=\"icon\" href=\"/static/favicon.svg\""));
    exchange_free(&x);
}

static void test_long_chart_labels_are_not_cut_off(void **state)
{
    (void)state;
    chart_bar bars[] = {
        {"Operator", 0.5, "50 %", 0, false},
        {"Administratief medewerker boekhouding", 0.4, "40 %", -1, false},
        {"Productieplanningsverantwoordelijke", 0.3, "30 %", 0, false},
    };
    str out = STR_INIT;
    assert_true(svg_bar_chart(&out, "T", "D", bars, 3, 0.45, "45 %"));
    const char *svg = str_cstr(&out);
    /* a short label on one line as it was */
    assert_non_null(strstr(svg, "font-size=\"13\">Operator</text>"));
    /* a long one on two lines, split at the space nearest its middle */
    assert_non_null(strstr(svg, ">Administratief</text>"));
    assert_non_null(strstr(svg, ">medewerker boekhouding</text>"));
    /* one long word is squeezed into the room before the bars */
    assert_non_null(strstr(svg, "lengthAdjust=\"spacingAndGlyphs\">"
                                "Productieplanningsverantwoordelijke</text>"));
    str_free(&out);
}

/* The demo's personas on DAY: each has formal and informal learning, and
 * self-logged learning confirmed; the employee also one claim waiting. */
static void personas_on(date_t day)
{
    store *d;
    str err = STR_INIT;
    int applied;
    assert_int_equal(store_open(":memory:", &d, &err), STORE_OK);
    assert_int_equal(store_migrate(d, &applied), STORE_OK);
    assert_int_equal(demo_fill(d, day, &err), STORE_OK);
    static const char *const ids[] = {"E001", "E010", "E004"};
    for (size_t i = 0; i < 3; i++) {
        arena a = ARENA_INIT;
        employee e;
        assert_int_equal(employees_get(d, &a, ids[i], &e), STORE_ROW);
        assert_int_equal(e.contract, CONTRACT_PERMANENT);
        if (i > 0) /* the employee and the mentor are operators */
            assert_string_equal(e.function, "Operator");
        int64_t row = e.id;
        learning_record *recs;
        size_t n;
        assert_int_equal(learning_of(d, &a, row, &recs, &n), STORE_OK);
        int formal = 0, informal = 0, last_year = 0;
        for (size_t k = 0; k < n; k++) {
            formal += recs[k].type == TYPE_FORMAL;
            informal += recs[k].type == TYPE_INFORMAL;
            last_year += date_year(recs[k].start_date) == date_year(day) - 1;
            assert_true(recs[k].start_date <= day);
        }
        if (formal < 2 || informal < 3 || last_year < 2)
            fail_msg("%s on %d: %d formal, %d informal, %d last year", ids[i],
                     (int)date_year(day), formal, informal, last_year);
        learning_claim *claims;
        size_t nc;
        assert_int_equal(claims_list(d, &a, row, 0, false, &claims, &nc), STORE_OK);
        int confirmed = 0, pending = 0;
        for (size_t k = 0; k < nc; k++) {
            confirmed += strcmp(claims[k].status, "confirmed") == 0;
            pending += strcmp(claims[k].status, "pending") == 0;
        }
        assert_true(confirmed >= 1);
        assert_int_equal(pending, 1);
        arena_free(&a);
    }
    str_free(&err);
    store_close(d);
}

static void test_every_persona_has_a_learning_history(void **state)
{
    (void)state;
    personas_on(date_from_ymd(2028, 1, 1));
    personas_on(date_from_ymd(2028, 2, 29));
    personas_on(date_from_ymd(2028, 7, 15));
    personas_on(date_from_ymd(2028, 12, 31));
    personas_on(date_today());
}

/* The overview counts the people employed today, as the reports count a
 * year's staff, and its card opens that list; people who left are in the
 * register, not in the count (the walk read 119 at home and 109 in the
 * reports). */
static void test_home_counts_people_employed(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    exchange x;
    run_request(&x, db, "GET", "/", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    const char *card = "<ul class=\"cards\"><li><a href=\"/employees?status=active\"><strong>";
    const char *at = strstr(exchange_body(&x), card);
    assert_non_null(at);
    long shown = strtol(at + strlen(card), NULL, 10);
    exchange_free(&x);
    free(cookie);
    int64_t all = store_count(db, "SELECT count(*) FROM employees");
    char today[DATE_TEXT_SIZE];
    static char sql[160]; /* the statement cache keys on the string's address */
    date_format(date_today(), today);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM employees WHERE hire_date > '%s' OR "
                              "(exit_date IS NOT NULL AND exit_date < '%s')", today, today);
    int64_t left = store_count(db, sql);
    assert_true(left > 0); /* the demo has people who left */
    assert_int_equal(shown, all - left);
}

/* Someone hired for next month is listed and counted as starting later,
 * not among those employed, and found by that status. Last: it adds a
 * person. */
static void test_future_starters_are_said(void **state)
{
    (void)state;
    char day[DATE_TEXT_SIZE], fields[600];
    date_format(date_today() + 30, day);
    snprintf(fields, sizeof fields,
             "employee_id=P200&first_name=Nieuw&last_name=Later&email=&gender=M&"
             "birth_date=1990-01-01&hire_date=%s&exit_date=&department=Verkoop&"
             "function=Accountmanager&category=white_collar&contract=permanent&fte=1&"
             "education=medium&born_abroad=&disability=&manager_id=&shift=", day);
    exchange x;
    post_as(&x, "admin", "demo-admin", "/employees/new", fields);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    run_request(&x, db, "GET", "/employees?q=Later", cookie, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), "1 medewerker gevonden, 1 begint later"));
    assert_non_null(strstr(exchange_body(&x), "<span class=\"hint\">(begint op "));
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees?status=future", cookie, NULL, NULL);
    assert_non_null(strstr(exchange_body(&x), ">P200<"));
    assert_null(strstr(exchange_body(&x), ">E001<"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees?status=active&q=Later", cookie, NULL, NULL);
    assert_null(strstr(exchange_body(&x), ">P200<"));
    exchange_free(&x);
    free(cookie);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_admin_adds_an_employee),
        cmocka_unit_test(test_a_number_in_use_is_not_overwritten),
        cmocka_unit_test(test_a_manager_cycle_is_refused),
        cmocka_unit_test(test_bad_input_comes_back_filled_in),
        cmocka_unit_test(test_admin_corrects_an_employee_and_records_leaving),
        cmocka_unit_test(test_only_admin_edits_people),
        cmocka_unit_test(test_a_new_login_is_an_employee_by_default),
        cmocka_unit_test(test_favicon),
        cmocka_unit_test(test_long_chart_labels_are_not_cut_off),
        cmocka_unit_test(test_every_persona_has_a_learning_history),
        cmocka_unit_test(test_home_counts_people_employed),
        cmocka_unit_test(test_future_starters_are_said),
    };
    return cmocka_run_group_tests_name("people", tests, setup, teardown);
}
