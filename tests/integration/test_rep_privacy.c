/* test_rep_privacy.c - what a representative reads of the annual plan and
 * of the competence gaps follows the privacy rule (RULES.md §4), on the
 * demo organisation (today fixed at 2026-11-29) with a department "Mini" of
 * two people imported from CSV, one of whom learned in 2025 (30 h, 4.200
 * euro): no line of a small department or of a competence few people need
 * is shown on its own, and nothing can be had by subtracting shown lines
 * from a total. HR still sees everything. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "helpers.h"
#include "store/data.h"
#include "store/competences.h"
#include "store/plans.h"
#include "util/csv.h"
#include "util/xlsx_read.h"

#define TODAY "2026-11-29"
#define MIN_GROUP 5

static store *db;
static const char *db_path;

static const char employees_csv[] =
    "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
    "category,contract,fte,education,manager_id\n"
    "M1,Mia,Min,F,1990-01-01,2020-01-01,Mini,Tester,white_collar,permanent,1,high,\n"
    "M2,Max,Min,M,1991-01-01,2020-01-01,Mini,Tester,white_collar,permanent,1,high,M1\n";
static const char learning_csv[] = "employee_id,title,type,start_date,hours,cost\n"
                                   "M1,Audit,formal,2025-03-03,30,4200\n";

static int setup(void **state)
{
    (void)state;
    setenv("GROEIPAD_TODAY", TODAY, 1);
    db_path = test_path("rep-privacy.db");
    db = demo_store(db_path);
    /* imported as HR would, through the command line */
    char args[512];
    snprintf(args, sizeof args, "import employees %s >/dev/null",
             write_file("mini-emp.csv", employees_csv));
    assert_int_equal(gp(db_path, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import learning %s >/dev/null",
             write_file("mini-lr.csv", learning_csv));
    assert_int_equal(gp(db_path, args, NULL, NULL), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* GET TARGET as LOGIN: the body (heap), the status 200. */
static char *page_as(const char *login, const char *password, const char *target)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    char *body = strdup(exchange_body(&x));
    exchange_free(&x);
    free(cookie);
    return body;
}

/* page_as, in English. */
static char *english_page_as(const char *login, const char *password, const char *target)
{
    char csrf[65], cookies[512];
    char *cookie = login_cookie(db, login, password, csrf);
    snprintf(cookies, sizeof cookies, "%s; gp_lang=en", cookie);
    exchange x;
    run_request(&x, db, "GET", target, cookies, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    char *body = strdup(exchange_body(&x));
    exchange_free(&x);
    free(cookie);
    return body;
}

static json_t *json_as(const char *login, const char *password, const char *target)
{
    char *body = page_as(login, password, target);
    json_error_t e;
    json_t *j = json_loads(body, 0, &e);
    assert_non_null(j);
    free(body);
    return j;
}

/* Whether BODY has a table row headed by exactly NAME. */
static bool has_row(const char *body, const char *name)
{
    char th[128], td[128];
    snprintf(th, sizeof th, "<tr><th scope=\"row\">%s</th>", name);
    snprintf(td, sizeof td, "<tr><td>%s</td>", name);
    return strstr(body, th) || strstr(body, td);
}

static void test_plan_pages_combine_the_small_department(void **state)
{
    (void)state;
    static const char *const targets[] = {"/plans/2025", "/plans/2025/evaluation",
                                          "/plans/2025/package"};
    for (size_t t = 0; t < 3; t++) {
        char *body = page_as("representative", "demo-representative", targets[t]);
        if (has_row(body, "Mini"))
            fail_msg("%s shows the department of two on its own", targets[t]);
        /* the one person's 4.200,00 euro (and her 30 hours) not on their own */
        assert_null(strstr(body, "4.200,00"));
        /* combined as /reports does, the smallest large department with it */
        if (!strstr(body, "Mini + Onderhoud"))
            fail_msg("%s: no line \"Mini + Onderhoud\"", targets[t]);
        free(body);
    }
    /* /reports groups the departments the same way */
    char *body = page_as("representative", "demo-representative", "/reports?year=2025");
    assert_non_null(strstr(body, "Mini + Onderhoud"));
    free(body);
    /* HR sees the department's own lines on the plan and its evaluation */
    body = page_as("admin", "demo-admin", "/plans/2025");
    assert_true(has_row(body, "Mini"));
    free(body);
    body = page_as("admin", "demo-admin", "/plans/2025/evaluation");
    assert_true(has_row(body, "Mini"));
    assert_non_null(strstr(body, "4.200,00"));
    free(body);
}

/* The line of competence CODE in the report J, or NULL. */
static json_t *competence_line(json_t *j, const char *code)
{
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(j, "competences"), i, l)
        if (strcmp(json_string_value(json_object_get(l, "code")), code) == 0)
            return l;
    return NULL;
}

/* Checks that every line of J a representative gets is either suppressed
 * (every figure null) or of at least MIN_GROUP people; how many suppressed. */
static size_t check_lines(json_t *j)
{
    static const char *const figures[] = {"required", "short", "unassessed", "total_gap",
                                          "mean_gap"};
    size_t i, suppressed = 0;
    json_t *l;
    json_array_foreach(json_object_get(j, "competences"), i, l) {
        if (json_is_true(json_object_get(l, "suppressed"))) {
            for (size_t k = 0; k < 5; k++)
                assert_true(json_is_null(json_object_get(l, figures[k])));
            suppressed++;
            continue;
        }
        if (json_integer_value(json_object_get(l, "required")) < MIN_GROUP)
            fail_msg("%s: required %lld shown", json_string_value(json_object_get(l, "code")),
                     (long long)json_integer_value(json_object_get(l, "required")));
    }
    /* total_gap is the sum of the lines: with one hidden it would tell it */
    if (suppressed)
        assert_true(json_is_null(json_object_get(json_object_get(j, "totals"), "total_gap")));
    return suppressed;
}

static void test_gaps_api_hides_lines_of_few_people(void **state)
{
    (void)state;
    const char *target = "/api/v1/reports/gaps?department=Onderhoud";
    json_t *j = json_as("admin", "demo-admin", target);
    json_t *comm = competence_line(j, "COMM");
    assert_non_null(comm);
    assert_int_equal(json_integer_value(json_object_get(comm, "required")), 1);
    json_decref(j);
    j = json_as("representative", "demo-representative", target);
    comm = competence_line(j, "COMM");
    assert_non_null(comm);
    assert_true(json_is_true(json_object_get(comm, "suppressed")));
    assert_true(check_lines(j) > 0);
    json_decref(j);
}

/* The required of CODE in the representative's report of DEPARTMENT (NULL:
 * everyone): -1 when not shown, 0 when no one requires it. */
static int64_t shown_required(const char *department, const char *code)
{
    char target[256];
    snprintf(target, sizeof target, "/api/v1/reports/gaps%s%s",
             department ? "?department=" : "", department ? department : "");
    json_t *j = json_as("representative", "demo-representative", target);
    check_lines(j);
    json_t *l = competence_line(j, code);
    int64_t n = !l ? 0 : json_is_true(json_object_get(l, "suppressed"))
                             ? -1 : json_integer_value(json_object_get(l, "required"));
    json_decref(j);
    return n;
}

static void test_gaps_api_nothing_by_subtraction(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    group_count *depts;
    size_t n;
    assert_int_equal(departments_list(db, &a, &depts, &n), STORE_OK);
    json_t *all = json_as("representative", "demo-representative", "/api/v1/reports/gaps");
    check_lines(all);
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(all, "competences"), i, l) {
        if (json_is_true(json_object_get(l, "suppressed")))
            continue;
        /* the whole organisation's line less the departments' shown lines
         * leaves nobody or a group that is not small */
        const char *code = json_string_value(json_object_get(l, "code"));
        int64_t rest = json_integer_value(json_object_get(l, "required"));
        for (size_t d = 0; d < n; d++) {
            int64_t r = shown_required(depts[d].name, code);
            if (r > 0)
                rest -= r;
        }
        if (rest > 0 && rest < MIN_GROUP)
            fail_msg("%s: %lld required worked out by subtraction", code, (long long)rest);
    }
    json_decref(all);
    /* a department that is small on the day asked: not even its size */
    for (size_t d = 0; d < n; d++) {
        char target[160];
        snprintf(target, sizeof target, "/api/v1/reports/gaps?date=2010-01-01&department=%s",
                 depts[d].name);
        for (char *c = target; *c; c++)
            if (*c == ' ')
                *c = '+';
        json_t *one = json_as("representative", "demo-representative", target);
        json_t *totals = json_object_get(one, "totals");
        assert_non_null(totals);
        json_t *size = json_object_get(totals, "employees");
        if (json_is_integer(size) && json_integer_value(size) > 0 &&
            json_integer_value(size) < MIN_GROUP)
            fail_msg("%s: %lld employees shown", depts[d].name,
                     (long long)json_integer_value(size));
        json_decref(one);
    }
    arena_free(&a);
}

/* Checks every row of the organisation page: each pair (needed, present) is
 * hidden or of at least MIN_GROUP people; how many pairs were hidden. */
static size_t check_organisation_page(const char *body)
{
    size_t hidden = 0;
    for (const char *row = strstr(body, "<tr><th scope=\"row\">"); row;
         row = strstr(row + 1, "<tr><th scope=\"row\">")) {
        const char *end = strstr(row, "</tr>"), *at = row;
        for (int k = 0; k < 4 && (at = strstr(at, "<td class=\"num\">")) && at < end;
             k++) {
            at += strlen("<td class=\"num\">");
            if (k % 2)
                continue; /* "present": as hidden as its "needed" */
            if (strncmp(at, "—", strlen("—")) == 0) {
                hidden++;
                continue;
            }
            long need = strtol(at, NULL, 10);
            if (need > 0 && need < MIN_GROUP)
                fail_msg("%.120s", row);
        }
    }
    return hidden;
}

static void test_gaps_organisation_page(void **state)
{
    (void)state;
    char *body = page_as("representative", "demo-representative", "/gaps/organisation");
    assert_true(check_organisation_page(body) > 0);
    free(body);
    /* HR sees the figures of one */
    body = page_as("admin", "demo-admin", "/gaps/organisation");
    assert_null(strstr(body, "<td class=\"num\">—</td>"));
    free(body);
}

/* The row of BODY headed by TITLE, up to its end (heap); fails when none. */
static char *row_of(const char *body, const char *title)
{
    char th[160];
    snprintf(th, sizeof th, "<tr><th scope=\"row\">%s</th>", title);
    const char *row = strstr(body, th), *end = row ? strstr(row, "</tr>") : NULL;
    if (!end)
        fail_msg("no row %s", title);
    return strndup(row, (size_t)(end - row));
}

/* How many times NEEDLE occurs in HAY. */
static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* What an initiative realised is about the people who took part: for an
 * initiative aimed at a small group (employees with a work disability, 3
 * planned, 2 took part) the representative reads its plan, not its
 * participants, hours and cost; a large one shows all (and its amount as
 * an amount, 1.620,00). HR sees and edits every figure. */
static void test_evaluation_hides_what_a_small_group_realised(void **state)
{
    (void)state;
    char *body = page_as("representative", "demo-representative", "/plans/2025/evaluation");
    char *row = row_of(body, "Werkplekinstructie aangepaste werkpost");
    assert_int_equal(occurrences(row, "<td class=\"num\">—</td>"), 3);
    assert_non_null(strstr(row, "<td class=\"num\">3</td>")); /* planned */
    free(row);
    row = row_of(body, "Heftruckattest nieuwe chauffeurs");
    assert_int_equal(occurrences(row, "<td class=\"num\">—</td>"), 3);
    free(row);
    row = row_of(body, "Nederlands op de werkvloer");
    assert_int_equal(occurrences(row, "—"), 0);
    assert_non_null(strstr(row, "<td class=\"num\">1.620,00</td>"));
    free(row);
    /* the four levels: no count of fewer people ("gedeeltelijk: 1") */
    static const char *const counted[] = {"toegepast: ", "gedeeltelijk: "};
    size_t shown = 0;
    for (size_t k = 0; k < 2; k++)
        for (const char *at = strstr(body, counted[k]); at; at = strstr(at + 1, counted[k])) {
            const char *figure = at + strlen(counted[k]);
            if (*figure < '0' || *figure > '9')
                continue;
            long v = strtol(figure, NULL, 10);
            if (v > 0 && v < MIN_GROUP)
                fail_msg("%.60s", at);
            shown++;
        }
    assert_true(shown > 0); /* some zeros and large counts stay */
    free(body);
    body = page_as("admin", "demo-admin", "/plans/2025/evaluation");
    row = row_of(body, "Werkplekinstructie aangepaste werkpost");
    assert_non_null(strstr(row, "value=\"2\""));
    free(row);
    assert_non_null(strstr(body, "gedeeltelijk: 1 "));
    free(body);
}

/* The figures of the first N cards of BODY (<li><strong>figure</strong>)
 * into OUT: -1 for a hidden one (—); fails when there are fewer. */
static void cards_of(const char *body, int64_t *out, size_t n)
{
    const char *at = strstr(body, "<ul class=\"cards\">");
    for (size_t i = 0; i < n; i++) {
        at = at ? strstr(at, "<li") : NULL;
        at = at ? strstr(at, "<strong>") : NULL;
        if (!at)
            fail_msg("card %zu missing", i);
        at += strlen("<strong>");
        out[i] = strncmp(at, "—", strlen("—")) == 0 ? -1 : strtoll(at, NULL, 10);
    }
}

/* Fails unless COUNT of WHOLE people may be shown: hidden (-1), or neither
 * it nor what it leaves of WHOLE fewer than MIN_GROUP (none is nobody). */
static void check_count(const char *what, int64_t count, int64_t whole)
{
    if (count < 0)
        return;
    if ((count > 0 && count < MIN_GROUP) ||
        (whole >= 0 && whole - count > 0 && whole - count < MIN_GROUP))
        fail_msg("%s: %lld of %lld shown", what, (long long)count, (long long)whole);
}

/* The onboarding figures a representative reads: no count of fewer than
 * min_group newcomers, nor one that leaves fewer of them (the demo's 10
 * newcomers: 8 with a mentor, so 2 without; 2 with a trajectory, both
 * behind schedule), on the page and in the API; HR's API keeps them. */
static void test_onboarding_counts_of_few_people(void **state)
{
    (void)state;
    char *body = page_as("representative", "demo-representative", "/onboarding");
    int64_t c[4]; /* newcomers, with a mentor, with a trajectory, on schedule */
    cards_of(body, c, 4);
    free(body);
    assert_true(c[0] >= MIN_GROUP);
    check_count("with a mentor", c[1], c[0]);
    check_count("with a trajectory", c[2], c[0]);
    check_count("on schedule", c[3], c[2]);
    if (c[3] >= 0 && c[2] < 0)
        fail_msg("on schedule shown, of a hidden number of trajectories");
    assert_true(c[1] < 0 && c[2] < 0 && c[3] < 0); /* the demo's: all of them */
    static const char *const keys[] = {"with_mentor", "no_mentor", "late", "inexperienced"};
    json_t *j = json_as("representative", "demo-representative", "/api/v1/reports/onboarding");
    json_t *totals = json_object_get(j, "totals");
    int64_t newcomers = json_integer_value(json_object_get(totals, "newcomers"));
    size_t nulls = 0;
    for (size_t k = 0; k < 4; k++) {
        json_t *v = json_object_get(totals, keys[k]);
        nulls += json_is_null(v);
        check_count(keys[k], json_is_null(v) ? -1 : json_integer_value(v), newcomers);
    }
    assert_true(nulls >= 2);
    json_decref(j);
    j = json_as("admin", "demo-admin", "/api/v1/reports/onboarding");
    for (size_t k = 0; k < 4; k++)
        assert_true(json_is_integer(json_object_get(json_object_get(j, "totals"), keys[k])));
    json_decref(j);
}

/* The certifications' totals a representative reads: a status fewer than
 * min_group people are in is null in the API and "fewer than 5" on the
 * page (the demo's 3 expired), the others as HR's report counts them. */
static void test_certification_counts_of_few_people(void **state)
{
    (void)state;
    static const char *const statuses[] = {"valid", "expiring", "expired", "missing"};
    json_t *hr = json_as("admin", "demo-admin", "/api/v1/reports/certifications");
    json_t *rep = json_as("representative", "demo-representative",
                          "/api/v1/reports/certifications");
    size_t hidden = 0;
    for (size_t k = 0; k < 4; k++) {
        /* the people in this status, from HR's lines (by employee_id) */
        int64_t people = 0;
        const char *last = "";
        size_t i;
        json_t *l;
        json_array_foreach(json_object_get(hr, "certifications"), i, l) {
            const char *who = json_string_value(json_object_get(l, "employee_id"));
            if (strcmp(json_string_value(json_object_get(l, "status")), statuses[k]) != 0 ||
                strcmp(who, last) == 0)
                continue;
            people++;
            last = who;
        }
        json_t *v = json_object_get(json_object_get(rep, "totals"), statuses[k]);
        if (people > 0 && people < MIN_GROUP) {
            if (!json_is_null(v))
                fail_msg("%s: %lld people, shown", statuses[k], (long long)people);
            hidden++;
        } else
            assert_int_equal(json_integer_value(v),
                             json_integer_value(json_object_get(json_object_get(hr, "totals"),
                                                                statuses[k])));
    }
    assert_true(hidden > 0);
    json_decref(hr);
    json_decref(rep);
    char *body = english_page_as("representative", "demo-representative", "/certifications");
    assert_int_equal(occurrences(body, "<strong>fewer than 5</strong>"), hidden);
    free(body);
}

/* Adds an open need TITLE of SCOPE for WHO (an employee_id, a function or
 * a department, as SCOPE reads it), signalled by HR. */
static void add_need(const char *title, int scope, const char *who)
{
    training_need n = {.title = title, .scope = scope, .source = NEED_FROM_MANAGER,
                       .priority = PRIORITY_HIGH};
    if (scope == SCOPE_PERSON || scope == SCOPE_TEAM)
        n.employee_id = who;
    else if (scope == SCOPE_FUNCTION)
        n.function = who;
    else if (scope == SCOPE_DEPARTMENT)
        n.department = who;
    int64_t id;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(store_end(db, needs_add(db, "admin", ROLE_ADMIN, &n, &id)), STORE_OK);
}

/* The plan lists the open needs for the works council: a need of one
 * person (an expired certificate's), of a department, a function or a team
 * of fewer than min_group people is only counted, never on a line of its
 * own; the plan's text on new needs that HR fills from the register the
 * same. HR's page lists them all. */
static void test_plan_needs_of_small_groups_counted(void **state)
{
    (void)state;
    add_need("HACCP renewal for Mia", SCOPE_PERSON, "M1");
    add_need("Audit method for Mini", SCOPE_DEPARTMENT, "Mini");
    add_need("Test tooling for testers", SCOPE_FUNCTION, "Tester");
    add_need("Coaching in the team of Mia", SCOPE_TEAM, "M1");
    add_need("Hygiene refresher for production", SCOPE_DEPARTMENT, "Productie");
    static const char *const small[] = {"HACCP renewal for Mia", "Audit method for Mini",
                                        "Test tooling for testers", "Coaching in the team of Mia"};
    char *body = english_page_as("representative", "demo-representative", "/plans/2026");
    for (size_t i = 0; i < 4; i++)
        if (strstr(body, small[i]))
            fail_msg("/plans/2026 lists \"%s\" to the representative", small[i]);
    assert_non_null(strstr(body, "Hygiene refresher for production"));
    assert_non_null(strstr(body, "of groups of fewer than 5 people are not listed one by one"));
    free(body);
    body = page_as("admin", "demo-admin", "/plans/2026");
    for (size_t i = 0; i < 4; i++)
        assert_non_null(strstr(body, small[i]));
    free(body);
    /* HR takes the register into the text of next year's draft */
    char csrf[65], form[128];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    snprintf(form, sizeof form, "csrf=%s", csrf);
    exchange x;
    run_request(&x, db, "POST", "/plans/2027/needs", cookie, form, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    free(cookie);
    arena a = ARENA_INIT;
    plan p;
    assert_int_equal(plans_get(db, &a, 2027, &p), STORE_ROW);
    assert_non_null(p.new_needs);
    for (size_t i = 0; i < 4; i++)
        if (strstr(p.new_needs, small[i]))
            fail_msg("the plan's text names \"%s\"", small[i]);
    assert_non_null(strstr(p.new_needs, "Hygiene refresher for production"));
    arena_free(&a);
}

/* The people file of L1, of department Later, hired on HIRED. */
static const char *later_file(const char *hired)
{
    static char csv[400];
    snprintf(csv, sizeof csv,
             "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
             "category,contract,fte,education\n"
             "L1,Lou,Later,F,1990-01-01,%s,Later,Tester,white_collar,permanent,1,high\n",
             hired);
    return write_file("later-emp.csv", csv);
}

/* The plan's realised figures count the people employed in the year, as
 * the reports and the departments' headcounts do: someone whose hire date
 * was corrected to 2026 after a course of 2025 was recorded is not in
 * 2025's, else the evaluation less /reports gave that one person. Runs
 * last: it adds a department. */
static void test_plan_counts_the_year_s_people(void **state)
{
    (void)state;
    char args[512];
    snprintf(args, sizeof args, "import employees %s >/dev/null", later_file("2020-02-01"));
    assert_int_equal(gp(db_path, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import learning %s >/dev/null",
             write_file("later-lr.csv", "employee_id,title,type,start_date,hours,cost\n"
                                        "L1,Intro,formal,2025-06-02,7,700\n"));
    assert_int_equal(gp(db_path, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import employees %s >/dev/null", later_file("2026-02-01"));
    assert_int_equal(gp(db_path, args, NULL, NULL), 0);
    arena a = ARENA_INIT;
    department_actual *actual;
    size_t n;
    assert_int_equal(plans_actuals(db, &a, 2025, &actual, &n), STORE_OK);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++)
        assert_string_not_equal(actual[i].department, "Later");
    assert_int_equal(plans_actuals(db, &a, 2026, &actual, &n), STORE_OK);
    arena_free(&a);
    char *body = page_as("representative", "demo-representative", "/plans/2025/evaluation");
    assert_null(strstr(body, "Later"));
    free(body);
}

/* The rows of a report file downloaded as LOGIN from TARGET (CSV or Excel,
 * as FORMAT says), each field NUL-terminated, in *ROWS (heap; free with
 * free_rows); how many. */
typedef struct file_row {
    char *field[12];
    size_t n;
} file_row;

static size_t download_rows(const char *login, const char *password, const char *target,
                            bool xlsx, file_row **rows)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(x.resp.file);
    rewind(x.resp.file);
    size_t cap = 1 << 20, len;
    char *data = malloc(cap);
    len = fread(data, 1, cap, x.resp.file);
    assert_true(len > 0 && len < cap);
    exchange_free(&x);
    free(cookie);
    csv_reader r;
    xlsx_reader *book = NULL;
    if (xlsx) {
        const char *why;
        assert_true(xlsx_is_workbook(data, len));
        assert_non_null(book = xlsx_open(data, len, &r, &why));
    } else {
        assert_false(xlsx_is_workbook(data, len));
        csv_open(&r, data, len);
    }
    size_t n = 0;
    *rows = NULL;
    int rc;
    while ((rc = csv_next(&r)) > 0) {
        *rows = realloc(*rows, (n + 1) * sizeof **rows);
        file_row *row = &(*rows)[n++];
        row->n = r.nfields < 12 ? r.nfields : 12;
        for (size_t i = 0; i < row->n; i++)
            row->field[i] = strndup(r.fields[i].p, r.fields[i].len);
    }
    assert_int_equal(rc, 0);
    csv_close(&r);
    if (book)
        xlsx_close(book);
    free(data);
    return n;
}

static void free_rows(file_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < rows[i].n; k++)
            free(rows[i].field[k]);
    free(rows);
}

/* The social balance row of TYPE and GENDER in ROWS, or NULL (a workbook
 * leaves out a row's empty cells at its end). */
static const file_row *balance_row(const file_row *rows, size_t n, const char *type,
                                   const char *gender)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].n >= 2 && strcmp(rows[i].field[0], type) == 0 &&
            strcmp(rows[i].field[1], gender) == 0)
            return &rows[i];
    return NULL;
}

/* The demo has four employees of gender X in 2025, three of whom took a
 * formal training (37 h): a group below min_group. The representative's
 * page and API show their figures as null; the social balance downloaded as
 * CSV or Excel showed them on their own ("formal,X,3,37,840,..."). Now every download a
 * representative can make holds no figure of a group below min_group: the
 * social balance's X lines are blank and its warning about X is left out,
 * participation by every dimension shows no line of fewer people, the
 * training right only the total. HR's downloads still show X. */
static void test_downloads_hide_small_groups_from_representatives(void **state)
{
    (void)state;
    json_t *j = json_as("representative", "demo-representative",
                        "/api/v1/reports/social-balance?year=2025");
    assert_true(json_is_null(json_object_get(
        json_object_get(json_object_get(j, "formal"), "participants"), "X")));
    json_decref(j);
    file_row *rows;
    for (int xlsx = 0; xlsx < 2; xlsx++) {
        const char *format = xlsx ? "xlsx" : "csv";
        char target[256];
        /* HR: the X colleague's line as it is */
        snprintf(target, sizeof target,
                 "/reports/download?report=social-balance&year=2025&format=%s", format);
        size_t n = download_rows("admin", "demo-admin", target, xlsx, &rows);
        const file_row *x = balance_row(rows, n, "formal", "X");
        assert_non_null(x);
        assert_true(x->n >= 4);
        assert_string_equal(x->field[2], "3");
        assert_string_equal(x->field[3], "37");
        free_rows(rows, n);
        /* the representative: the lines are there, without a figure */
        n = download_rows("representative", "demo-representative", target, xlsx, &rows);
        static const char *const types[] = {"formal", "informal", "initial"};
        for (int t = 0; t < 3; t++) {
            x = balance_row(rows, n, types[t], "X");
            assert_non_null(x);
            for (size_t k = 2; k < x->n; k++)
                assert_string_equal(x->field[k], "");
            assert_non_null(balance_row(rows, n, types[t], "F"));
        }
        assert_string_not_equal(balance_row(rows, n, "formal", "F")->field[2], "");
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < rows[i].n; k++)
                assert_null(strstr(rows[i].field[k], "gender X"));
        free_rows(rows, n);
        /* participation by every dimension: no line of fewer than min_group */
        static const char *const dims[] = {"gender", "age", "education", "category",
                                           "contract", "department", "function", "origin",
                                           "disability"};
        for (size_t d = 0; d < sizeof dims / sizeof *dims; d++) {
            snprintf(target, sizeof target,
                     "/reports/download?report=participation&by=%s&year=2025&format=%s",
                     dims[d], format);
            n = download_rows("representative", "demo-representative", target, xlsx, &rows);
            assert_true(n >= 2);
            assert_string_equal(rows[0].field[1], "headcount");
            for (size_t i = 1; i < n; i++)
                if (rows[i].field[1][0])
                    assert_true(atoi(rows[i].field[1]) >= MIN_GROUP);
            free_rows(rows, n);
        }
        /* the training right: the total only, no one's line */
        snprintf(target, sizeof target,
                 "/reports/download?report=training-right&year=2025&format=%s", format);
        n = download_rows("representative", "demo-representative", target, xlsx, &rows);
        assert_int_equal(n, 2);
        assert_string_equal(rows[1].field[0], "total");
        free_rows(rows, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_pages_combine_the_small_department),
        cmocka_unit_test(test_gaps_api_hides_lines_of_few_people),
        cmocka_unit_test(test_gaps_api_nothing_by_subtraction),
        cmocka_unit_test(test_gaps_organisation_page),
        cmocka_unit_test(test_plan_needs_of_small_groups_counted),
        cmocka_unit_test(test_evaluation_hides_what_a_small_group_realised),
        cmocka_unit_test(test_onboarding_counts_of_few_people),
        cmocka_unit_test(test_certification_counts_of_few_people),
        cmocka_unit_test(test_plan_counts_the_year_s_people),
        cmocka_unit_test(test_downloads_hide_small_groups_from_representatives),
    };
    return cmocka_run_group_tests_name("rep_privacy", tests, setup, teardown);
}
