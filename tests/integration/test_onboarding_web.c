/* test_onboarding_web.c - onboarding as its users meet it: import mentors
 * as Belgian Excel writes the file (all or nothing, every problem with its
 * line and column), report onboarding on the command line and the same JSON
 * from the API with each role's share; and on the demo, the mentor and the
 * newcomer each signing from their own login. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/onboarding.h"
#include "util/crypto.h"
#include "web/router.h"

static const char employees_csv[] =
    "employee_id;first_name;last_name;gender;birth_date;hire_date;exit_date;department;"
    "function;category;contract;fte;education\r\n"
    "M1;Mia;Mentor;V;1/01/1975;1/01/2010;;Productie;Operator;arbeider;vast;1;laag\r\n"
    "M2;Max;Weg;M;1/01/1975;1/01/2012;31/03/2026;Productie;Operator;arbeider;vast;1;laag\r\n"
    "M3;Nel;Nieuw;V;1/01/1990;1/09/2025;;Productie;Operator;arbeider;vast;1;laag\r\n"
    "N1;Nora;Een;V;1/01/2000;2/03/2026;;Productie;Operator;arbeider;vast;1;laag\r\n"
    "N2;Nils;Twee;M;1/01/2000;1/04/2026;;Productie;Operator;arbeider;vast;0,5;laag\r\n"
    "N3;Noor;Drie;X;1/01/2000;4/05/2026;;Productie;Operator;arbeider;vast;1;laag\r\n"
    "N4;Nick;Vier;M;1/01/2000;1/06/2026;;Productie;Operator;arbeider;vast;1;laag\r\n";

/* Belgian Excel: a BOM, ';', day/month/year with one digit, CRLF. */
static const char mentors_csv[] =
    "\xEF\xBB\xBF" "Employee_id;mentor_id;from;to\r\n"
    "N1;M1;2/03/2026;\r\n"
    "N2;M2;1/04/2026;\r\n"          /* M2 left on 31/03/2026: refused */
    "N3;M1;10.05.2026;31-05-2026\r\n"
    "N3;M3;1/06/2026;\r\n"
    "N4;M1;1/08/2026;\r\n";         /* after the report's day: not there yet */

static void test_import_and_report_on_the_command_line(void **state)
{
    (void)state;
    const char *db = test_path("mentors.db");
    char args[512], *out;
    snprintf(args, sizeof args, "import employees %s", write_file("m-emp.csv", employees_csv));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    /* M2 left on 2026-03-31, before the guidance of N2 would start. */
    snprintf(args, sizeof args, "import mentors %s 2>&1", write_file("m.csv", mentors_csv));
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "m.csv:3: column mentor_id: value 'M2'"));
    assert_non_null(strstr(out, "left on 2026-03-31"));
    free(out);
    assert_int_equal(gp(db, "export mentors", NULL, &out), 0);
    assert_string_equal(out, "employee_id,mentor_id,from,to\r\n"); /* nothing was imported */
    free(out);
    /* Every bad row is listed, with its line and column; nothing changes. */
    const char *bad = write_file("bad.csv", "employee_id;mentor_id;from;to\r\n"
                                            "N1;N1;2/03/2026;\r\n"
                                            "N9;M1;2/03/2026;\r\n"
                                            "N1;M1;2/03/26;\r\n"
                                            "N1;M1;5/03/2026;1/03/2026\r\n"
                                            "N2;M1;1/04/2026;\r\n"
                                            "N2;M1;1/04/2026;\r\n");
    snprintf(args, sizeof args, "import mentors %s 2>&1", bad);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "bad.csv:2: column mentor_id: value 'N1': expected someone other "
                                "than the newcomer"));
    assert_non_null(strstr(out, "bad.csv:3: column employee_id: value 'N9'"));
    assert_non_null(strstr(out, "bad.csv:4: column from: value '2/03/26'"));
    assert_non_null(strstr(out, "bad.csv:5: column to: value '1/03/2026': expected a date on or "
                                "after from"));
    assert_non_null(strstr(out, "bad.csv:7: column from: value '2026-04-01': expected one row per "
                                "newcomer, mentor and from (also on line 6)"));
    assert_non_null(strstr(out, "nothing was imported: 5 problems found"));
    free(out);
    /* The good file: N2 gets M1. */
    char fixed[sizeof mentors_csv];
    memcpy(fixed, mentors_csv, sizeof mentors_csv);
    char *m2 = strstr(fixed, "N2;M2");
    m2[4] = '1';
    snprintf(args, sizeof args, "import mentors %s", write_file("m.csv", fixed));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "5 rows: 5 created"));
    free(out);
    /* Importing it again changes nothing; a new end updates the row. */
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "0 created, 0 updated, 5 unchanged"));
    free(out);
    assert_int_equal(gp(db, "report onboarding --date 2026-06-30 --format json", NULL, &out), 0);
    json_error_t jerr;
    json_t *got = json_loads(out, 0, &jerr), *want = json_loads(
        "{\"date\":\"2026-06-30\",\"newcomer_months\":6,\"newcomers\":["
        "{\"employee_id\":\"N1\",\"hire_date\":\"2026-03-02\",\"mentor\":\"M1\","
        "\"mentor_from\":\"2026-03-02\",\"issues\":[]},"
        "{\"employee_id\":\"N2\",\"hire_date\":\"2026-04-01\",\"mentor\":\"M1\","
        "\"mentor_from\":\"2026-04-01\",\"issues\":[]},"
        "{\"employee_id\":\"N3\",\"hire_date\":\"2026-05-04\",\"mentor\":\"M3\","
        "\"mentor_from\":\"2026-06-01\",\"issues\":[\"late\",\"inexperienced\"]},"
        "{\"employee_id\":\"N4\",\"hire_date\":\"2026-06-01\",\"mentor\":null,"
        "\"mentor_from\":null,\"issues\":[\"no_mentor\"]}],"
        "\"totals\":{\"newcomers\":4,\"with_mentor\":3,\"no_mentor\":1,\"late\":1,"
        "\"inexperienced\":1}}", 0, &jerr);
    assert_non_null(got);
    assert_non_null(want);
    if (!json_equal(got, want))
        fail_msg("report onboarding:\n%s", out);
    json_decref(got);
    json_decref(want);
    free(out);
    /* CSV: the same lines and totals. */
    assert_int_equal(gp(db, "report onboarding --date 2026-06-30 --format csv", NULL, &out), 0);
    assert_non_null(strstr(out, "employee_id,hire_date,mentor,mentor_from,issues\r\n"
                                "N1,2026-03-02,M1,2026-03-02,\r\n"));
    assert_non_null(strstr(out, "N3,2026-05-04,M3,2026-06-01,late|inexperienced\r\n"));
    assert_non_null(strstr(out, "late,1\r\n"));
    free(out);
    assert_int_equal(gp(db, "report onboarding --date 2026-06-30 --format html", NULL, &out), 0);
    assert_non_null(strstr(out, "<table"));
    /* the page names the issues and counts, where the files keep the codes */
    assert_non_null(strstr(out, "<td>mentor assigned late, mentor with too little service</td>"));
    assert_non_null(strstr(out, "<th scope=\"row\">with a mentor</th>"));
    assert_null(strstr(out, "inexperienced"));
    free(out);
    /* in Dutch, with the date as Dutch writes it */
    assert_int_equal(gp_lang("nl", db, "report onboarding --date 2026-06-30 --format html", NULL,
                           &out), 0);
    assert_non_null(strstr(out, "<h1>Onthaal 30/06/2026</h1>"));
    assert_non_null(strstr(out, "<td>peter/meter te laat aangeduid"));
    free(out);
    assert_int_equal(gp(db, "report onboarding --date 30/13/2026 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "report onboarding --year 2026 2>/dev/null", NULL, NULL), 2);
}

static store *demo;

/* The JSON of GET TARGET as LOGIN, and its status in *status. */
static json_t *get_json(const char *login, const char *password, const char *target, int *status)
{
    char csrf[65];
    char *cookie = login_cookie(demo, login, password, csrf);
    exchange x;
    run_request(&x, demo, "GET", target, cookie, NULL, NULL);
    *status = x.resp.status;
    json_error_t err;
    json_t *j = json_loads(exchange_body(&x), 0, &err);
    exchange_free(&x);
    free(cookie);
    return j;
}

static void test_api_gives_each_role_its_share(void **state)
{
    (void)state;
    const char *path = test_path("onboarding-demo.db");
    char *out;
    char args[128];
    date_t today = date_today();
    char day[DATE_TEXT_SIZE];
    date_format(today, day);
    snprintf(args, sizeof args, "report onboarding --date %s", day);
    assert_int_equal(gp(path, args, NULL, &out), 0);
    json_error_t jerr;
    json_t *cli = json_loads(out, 0, &jerr);
    free(out);
    assert_non_null(cli);
    char target[96];
    snprintf(target, sizeof target, "/api/v1/reports/onboarding?date=%s", day);
    int status;
    json_t *admin = get_json("admin", "demo-admin", target, &status);
    assert_int_equal(status, 200);
    assert_true(json_equal(admin, cli)); /* the API speaks the CLI's JSON */
    size_t all = json_array_size(json_object_get(admin, "newcomers"));
    assert_true(all >= 8);
    /* The demo's mentor guides at least one newcomer; sees only their own. */
    json_t *mentor = get_json("mentor", "demo-mentor", target, &status);
    assert_int_equal(status, 200);
    size_t mine = json_array_size(json_object_get(mentor, "newcomers"));
    assert_true(mine >= 1 && mine < all);
    json_t *line;
    size_t i;
    json_array_foreach(json_object_get(mentor, "newcomers"), i, line)
        assert_string_equal(json_string_value(json_object_get(line, "mentor")), "E004");
    /* The manager: the production team's newcomers only. */
    json_t *manager = get_json("manager", "demo-manager", target, &status);
    assert_int_equal(status, 200);
    size_t team = json_array_size(json_object_get(manager, "newcomers"));
    assert_true(team >= 1 && team < all);
    /* Representatives: the totals, never a person. */
    json_t *rep = get_json("representative", "demo-representative", target, &status);
    assert_int_equal(status, 200);
    assert_int_equal(json_array_size(json_object_get(rep, "newcomers")), 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(rep, "totals"),
                                                        "newcomers")), (json_int_t)all);
    json_t *emp = get_json("employee", "demo-employee", target, &status);
    assert_int_equal(status, 403);
    json_t *bad = get_json("admin", "demo-admin", "/api/v1/reports/onboarding?date=tomorrow",
                           &status);
    assert_int_equal(status, 400);
    json_decref(cli);
    json_decref(admin);
    json_decref(mentor);
    json_decref(manager);
    json_decref(rep);
    json_decref(emp);
    json_decref(bad);
}

/* POST TARGET with BODY (the CSRF token is added) as LOGIN; the status. */
static int post_as(const char *login, const char *password, const char *target, const char *body)
{
    char csrf[65], full[1024];
    char *cookie = login_cookie(demo, login, password, csrf);
    snprintf(full, sizeof full, "csrf=%s&%s", csrf, body);
    exchange x;
    run_request(&x, demo, "POST", target, cookie, full, NULL);
    int status = x.resp.status;
    exchange_free(&x);
    free(cookie);
    return status;
}

/* The text of GET TARGET as LOGIN (heap), its status in *status. */
static char *page_as(const char *login, const char *password, const char *target, int *status)
{
    char csrf[65];
    char *cookie = login_cookie(demo, login, password, csrf);
    exchange x;
    run_request(&x, demo, "GET", target, cookie, NULL, NULL);
    *status = x.resp.status;
    char *text = strdup(exchange_body(&x));
    exchange_free(&x);
    free(cookie);
    return text;
}

/* The sum of the informal hours in learning_totals. */
static int64_t informal_total(void)
{
    return store_count(demo, "SELECT coalesce(sum(hours), 0) FROM learning_totals WHERE type = 1");
}

/* The totals stay exact: rebuilding them from the records changes nothing. */
static void assert_totals_exact(void)
{
    int64_t kept = informal_total();
    assert_int_equal(store_begin(demo), STORE_OK);
    assert_int_equal(store_end(demo, learning_totals_rebuild(demo)), STORE_OK);
    assert_int_equal(informal_total(), kept);
}

static void test_mentor_and_newcomer_sign_each_for_themself(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    int64_t newcomer = employees_row(demo, "E046");
    trajectory t;
    assert_int_equal(trajectory_get(demo, &a, newcomer, &t), STORE_ROW);
    /* Safety first, and the demo's first two are signed by both. */
    assert_true(t.nmodules >= 4);
    assert_true(t.modules[0].safety && t.modules[1].safety);
    assert_int_not_equal(t.modules[0].newcomer_signed, DATE_NONE);
    const onboarding_module *open = NULL;
    for (size_t k = 0; k < t.nmodules && !open; k++)
        if (t.modules[k].mentor_signed == DATE_NONE && t.modules[k].newcomer_signed == DATE_NONE)
            open = &t.modules[k];
    assert_non_null(open);
    char target[64];
    snprintf(target, sizeof target, "/modules/%lld/sign", (long long)open->id);
    int64_t records = learning_count(demo), informal = informal_total();
    /* Someone else: refused, and nothing changes. */
    assert_int_equal(post_as("employee", "demo-employee", target, "next=/onboarding/E046"), 403);
    assert_int_equal(post_as("manager", "demo-manager", target, "next=/onboarding/E046"), 403);
    assert_int_equal(post_as("mentor", "demo-mentor", target, "next=/onboarding/E046"), 303);
    assert_int_equal(post_as("mentor", "demo-mentor", target, "next=/onboarding/E046"), 409);
    assert_int_equal(learning_count(demo), records); /* half signed: not yet learning */
    assert_int_equal(post_as("newcomer", "demo-newcomer", target, "next=/onboarding/E046"), 303);
    assert_int_equal(post_as("newcomer", "demo-newcomer", target, ""), 409);
    /* the page it leads back to says the signature was taken */
    int shown;
    char *text = page_as("newcomer", "demo-newcomer", "/onboarding/E046?signed=1", &shown);
    assert_int_equal(shown, 200);
    assert_non_null(strstr(text, "role=\"status\">Getekend: de module toont de datum"));
    free(text);
    /* Complete: an informal learning record of the module's hours. */
    assert_int_equal(learning_count(demo), records + 1);
    assert_int_equal(informal_total(), informal + open->hours);
    assert_totals_exact();
    trajectory after;
    assert_int_equal(trajectory_get(demo, &a, newcomer, &after), STORE_ROW);
    for (size_t k = 0; k < after.nmodules; k++)
        if (after.modules[k].id == open->id) {
            assert_int_equal(after.modules[k].mentor_signed, date_today());
            assert_int_equal(after.modules[k].newcomer_signed, date_today());
            assert_true(after.modules[k].record_id > 0);
        }
    /* The newcomer sees the trajectory on their home page; the mentor theirs. */
    int status;
    char *home = page_as("newcomer", "demo-newcomer", "/", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(home, open->title));
    free(home);
    char *mine = page_as("mentor", "demo-mentor", "/onboarding", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(mine, "/onboarding/E046"));
    assert_null(strstr(mine, "/onboarding/E045")); /* not theirs */
    free(mine);
    /* Not the mentor of E045: the trajectory is hidden from them. */
    free(page_as("mentor", "demo-mentor", "/onboarding/E045", &status));
    assert_int_equal(status, 404);
    arena_free(&a);
}

static void test_reviews_documents_and_assignments(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    int64_t newcomer = employees_row(demo, "E046");
    onboarding_review *r;
    size_t before, n;
    assert_int_equal(reviews_list(demo, &a, newcomer, &r, &before), STORE_OK);
    /* The manager records the monthly review; the employee may not. */
    assert_int_equal(post_as("manager", "demo-manager", "/onboarding/E046/review",
                             "on=2026-11-20&practised=De+mengketel&mastered=Veiligheid"
                             "&next_plan=Storingen"), 303);
    assert_int_equal(post_as("employee", "demo-employee", "/onboarding/E046/review",
                             "on=2026-11-20&practised=x"), 404);
    assert_int_equal(post_as("manager", "demo-manager", "/onboarding/E046/review",
                             "on=2026-11-20"), 422);
    assert_int_equal(reviews_list(demo, &a, newcomer, &r, &n), STORE_OK);
    assert_int_equal(n, before + 1);
    assert_null(r[0].note);
    /* The newcomer records their side of the conversation too. */
    assert_int_equal(post_as("newcomer", "demo-newcomer", "/onboarding/E046/review",
                             "on=2026-11-21&next_plan=Zelf+een+storing+oplossen"), 303);
    assert_int_equal(reviews_list(demo, &a, newcomer, &r, &n), STORE_OK);
    assert_int_equal(n, before + 2);
    assert_string_equal(r[0].recorded_by, "newcomer");
    /* A manager's review of someone who is no longer a newcomer: allowed, with a note. */
    assert_int_equal(post_as("manager", "demo-manager", "/onboarding/E010/review",
                             "on=2026-11-20&practised=Jobrotatie"), 303);
    assert_int_equal(reviews_list(demo, &a, employees_row(demo, "E010"), &r, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(r[0].note, "after_newcomer_period");
    /* The onboarding document: signed by the line manager, once recorded. */
    assert_int_equal(post_as("mentor", "demo-mentor", "/onboarding/E046", "action=document"),
                     403);
    assert_int_equal(post_as("manager", "demo-manager", "/onboarding/E046", "action=document"),
                     303);
    trajectory t;
    assert_int_equal(trajectory_get(demo, &a, newcomer, &t), STORE_ROW);
    assert_string_equal(t.document_signed_by, "manager");
    /* Assigning a mentor goes through the import's checks. */
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/mentors",
                             "employee_id=E070&mentor_id=E070&from=2026-11-20&to="), 422);
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/mentors",
                             "employee_id=E070&mentor_id=E048&from=2026-11-20&to=2026-11-10"),
                     422);
    mentor_view *v;
    assert_int_equal(mentors_list(demo, &a, 0, employees_row(demo, "E070"), 0, date_today(), &v,
                                  &n), STORE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/mentors",
                             "employee_id=E070&mentor_id=E004&from=2026-11-20&to="), 303);
    int shown;
    char *notice = page_as("admin", "demo-admin", "/onboarding?assigned=1", &shown);
    assert_int_equal(shown, 200);
    assert_non_null(strstr(notice, "De peter of meter is aangeduid"));
    free(notice);
    assert_int_equal(mentors_list(demo, &a, 0, employees_row(demo, "E070"), 0, date_today(), &v,
                                  &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].a.mentor_id, "E004");
    assert_int_equal(post_as("manager", "demo-manager", "/onboarding/mentors",
                             "employee_id=E070&mentor_id=E004&from=2026-11-20"), 403);
    /* HR sets the time reserved for mentoring and ends the guidance. */
    char target[64], body[96];
    snprintf(target, sizeof target, "/onboarding/mentors/%lld", (long long)v[0].a.id);
    assert_int_equal(post_as("admin", "demo-admin", target, "reserved=1%2C5&to=2026-11-01"), 422);
    assert_int_equal(post_as("admin", "demo-admin", target, "reserved=twee&to="), 422);
    snprintf(body, sizeof body, "reserved=1%%2C5&to=2026-12-31");
    assert_int_equal(post_as("admin", "demo-admin", target, body), 303);
    assert_int_equal(post_as("manager", "demo-manager", target, body), 403);
    assert_int_equal(mentors_list(demo, &a, 0, employees_row(demo, "E070"), 0, date_today(), &v,
                                  &n), STORE_OK);
    assert_int_equal(v[0].reserved_hours, 150);
    assert_int_equal(v[0].a.to, date_from_ymd(2026, 12, 31));
    /* Representatives: counts, never a person. */
    int status;
    char *rep = page_as("representative", "demo-representative", "/onboarding", &status);
    assert_int_equal(status, 200);
    assert_null(strstr(rep, "E0"));
    free(rep);
    arena_free(&a);
}

static void test_workplace_learning_adds_informal_hours(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    community *c;
    size_t n;
    assert_int_equal(communities_list(demo, &a, &c, &n), STORE_OK);
    int64_t id = 0;
    for (size_t i = 0; i < n; i++)
        if (c[i].members > 0)
            id = c[i].id;
    assert_true(id > 0);
    char target[64];
    snprintf(target, sizeof target, "/communities/%lld", (long long)id);
    int64_t records = learning_count(demo), informal = informal_total();
    /* E999 is no member and not counted; two members were there for 1,5 hours. */
    assert_int_equal(post_as("employee", "demo-employee", target,
                             "action=meeting&on=2026-11-25&hours=1%2C5&present=E004"), 403);
    assert_int_equal(post_as("admin", "demo-admin", target,
                             "action=meeting&on=2026-11-25&hours=1%2C5&topic=Kaizen"
                             "&present=E004&present=E010&present=E999"), 303);
    assert_int_equal(learning_count(demo), records + 2);
    assert_int_equal(informal_total(), informal + 300);
    assert_int_equal(post_as("admin", "demo-admin", target,
                             "action=meeting&on=2026-11-25&hours=0&present=E004"), 422);
    /* A completed rotation becomes informal learning too. */
    assert_int_equal(post_as("manager", "demo-manager", "/rotations",
                             "employee_id=E010&workstation=Labo&from=2026-10-01&to=2026-10-20"
                             "&hours=12"), 303);
    job_rotation *r;
    assert_int_equal(rotations_list(demo, &a, employees_row(demo, "E010"), 0, &r, &n), STORE_OK);
    int64_t rid = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].workstation, "Labo") == 0)
            rid = r[i].id;
    assert_true(rid > 0);
    snprintf(target, sizeof target, "/rotations/%lld/complete", (long long)rid);
    assert_int_equal(post_as("employee", "demo-employee", target, ""), 403);
    assert_int_equal(post_as("manager", "demo-manager", target, ""), 303);
    assert_int_equal(post_as("manager", "demo-manager", target, ""), 409);
    assert_int_equal(informal_total(), informal + 300 + 1200);
    assert_totals_exact();
    arena_free(&a);
}

/* A community's meeting writes learning only for whom the caller may write
 * it: HR for anyone, a manager for their team but not themself, its lead
 * (an employee) for nobody. The other hours become pending claims, which
 * their manager confirms; a manager adds members of their team only. */
static void test_community_writes_only_what_the_caller_may(void **state)
{
    (void)state;
    assert_int_equal(post_as("admin", "demo-admin", "/communities",
                             "name=Kring+E010&kind=community_of_practice&lead=E010"), 303);
    int64_t id = store_count(demo, "SELECT max(id) FROM communities");
    char target[64];
    snprintf(target, sizeof target, "/communities/%lld", (long long)id);
    /* the manager (E001): their team and themself, not another team (E050) */
    assert_int_equal(post_as("manager", "demo-manager", target, "action=member&member=E050"),
                     422);
    assert_int_equal(post_as("manager", "demo-manager", target, "action=member&member=E004"),
                     303);
    assert_int_equal(post_as("manager", "demo-manager", target, "action=member&member=E001"),
                     303);
    /* the lead: anyone, a community crosses teams */
    assert_int_equal(post_as("employee", "demo-employee", target, "action=member&member=E050"),
                     303);
    const char *members = "SELECT count(*) FROM community_members WHERE community_id = "
                          "(SELECT max(id) FROM communities)";
    assert_int_equal(store_count(demo, members), 4); /* E010, E004, E001, E050 */
    const char *pending = "SELECT count(*) FROM learning_claims WHERE status = 'pending'";
    int64_t records = learning_count(demo), claims = store_count(demo, pending);
    char csrf[65], body[256];
    char *cookie = login_cookie(demo, "manager", "demo-manager", csrf);
    snprintf(body, sizeof body, "csrf=%s&action=meeting&on=2026-11-20&hours=2&present=E004"
             "&present=E050&present=E001", csrf);
    exchange x;
    run_request(&x, demo, "POST", target, cookie, body, NULL);
    assert_int_equal(x.resp.status, 303);
    const char *to = response_get_header(&x.resp, "Location");
    assert_non_null(to);
    assert_non_null(strstr(to, "to_confirm=2"));
    char back[128];
    snprintf(back, sizeof back, "%s", to);
    exchange_free(&x);
    run_request(&x, demo, "GET", back, cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "class=\"notice\""));
    exchange_free(&x);
    free(cookie);
    assert_int_equal(learning_count(demo), records + 1);        /* E004, of the team */
    assert_int_equal(store_count(demo, pending), claims + 2);    /* E050 and the manager */
    /* the lead registers a meeting: every hour waits, theirs too */
    assert_int_equal(post_as("employee", "demo-employee", target,
                             "action=meeting&on=2026-11-21&hours=3&present=E010&present=E050"),
                     303);
    assert_int_equal(learning_count(demo), records + 1);
    assert_int_equal(store_count(demo, pending), claims + 4);
    assert_int_equal(store_count(demo, "SELECT count(*) FROM learning_claims WHERE status = "
                                       "'pending' AND form = 'community_of_practice' AND "
                                       "hours = 300"),
                     2);
    /* HR writes everyone's at once */
    assert_int_equal(post_as("admin", "demo-admin", target,
                             "action=meeting&on=2026-11-22&hours=1&present=E010&present=E050"),
                     303);
    assert_int_equal(learning_count(demo), records + 3);
    assert_int_equal(store_count(demo, pending), claims + 4);
    assert_totals_exact();
}

/* A module found in the template of FUNCTION by TITLE: its id, or 0. */
static int64_t template_module(const char *function, const char *title)
{
    arena a = ARENA_INIT;
    onboarding_template *t;
    size_t n;
    int64_t id = 0;
    assert_int_equal(templates_list(demo, &a, &t, &n), STORE_OK);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; strcmp(t[i].function, function) == 0 && k < t[i].nmodules; k++)
            if (strcmp(t[i].modules[k].title, title) == 0)
                id = t[i].modules[k].id;
    arena_free(&a);
    return id;
}

/* HR keeps the templates per function; a new trajectory copies its
 * function's, safety first. */
static void test_templates_per_function(void **state)
{
    (void)state;
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/templates",
                             "function=Planner&title=Het+planbord&week=2&hours=3"), 303);
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/templates",
                             "function=Planner&title=Brandveiligheid&week=3&hours=2&safety=yes"),
                     303);
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/templates",
                             "function=Planner&title=&week=2"), 422);
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/templates",
                             "function=Planner&title=X&week=0"), 422);
    assert_int_equal(post_as("manager", "demo-manager", "/onboarding/templates",
                             "function=Planner&title=X&week=1"), 403);
    int64_t id = template_module("Planner", "Het planbord");
    assert_true(id > 0);
    /* A newcomer who is a planner gets the template: the safety module first. */
    arena a = ARENA_INIT;
    employee_query q = {0};
    q.function = "Planner";
    employee *list;
    size_t n, total;
    assert_int_equal(employees_list(demo, &a, &q, &list, &n, &total), STORE_OK);
    assert_true(n > 0);
    char target[64], body[64];
    snprintf(target, sizeof target, "/onboarding/%s", list[0].employee_id);
    assert_int_equal(post_as("admin", "demo-admin", target, "action=start&start=2026-11-02"), 303);
    assert_int_equal(post_as("admin", "demo-admin", target, "action=start&start=2026-11-02"), 422);
    trajectory t;
    assert_int_equal(trajectory_get(demo, &a, list[0].id, &t), STORE_ROW);
    assert_int_equal(t.nmodules, 2);
    assert_string_equal(t.modules[0].title, "Brandveiligheid");
    assert_string_equal(t.modules[1].title, "Het planbord");
    /* Adjusted for this person only. */
    assert_int_equal(post_as("admin", "demo-admin", target,
                             "action=module&title=Extra&week=5&hours=1"), 303);
    assert_int_equal(trajectory_get(demo, &a, list[0].id, &t), STORE_ROW);
    assert_int_equal(t.nmodules, 3);
    snprintf(body, sizeof body, "remove=%lld", (long long)id); /* asks first */
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/templates", body), 303);
    assert_int_equal(template_module("Planner", "Het planbord"), id);
    snprintf(body, sizeof body, "remove=%lld&confirm=yes", (long long)id);
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/templates", body), 303);
    assert_int_equal(post_as("admin", "demo-admin", "/onboarding/templates", body), 404);
    assert_int_equal(template_module("Planner", "Het planbord"), 0);
    assert_int_equal(template_module("Planner", "Extra"), 0); /* never in the template */
    arena_free(&a);
}

/* The learning potential scan suggests improvements for the function where
 * fewer than half of an aspect's statements apply. */
static void test_potential_scan_suggests_per_function(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    group_count *functions;
    size_t n;
    assert_int_equal(functions_list(demo, &a, &functions, &n), STORE_OK);
    assert_true(n > 0);
    char body[256], target[128];
    /* Content: 4 of 6 apply; keeping up: 1 of 3. */
    snprintf(body, sizeof body, "year=2026&function=%lld&s_content.1=1&s_content.2=1"
                                "&s_content.5=1&s_content.6=1&s_keeping_up.1=1",
             (long long)functions[0].count);
    assert_int_equal(post_as("admin", "demo-admin", "/scans/potential", body), 303);
    snprintf(target, sizeof target, "/scans/potential/compare?year=2026&function=%lld",
             (long long)functions[0].count);
    int status;
    char *html = page_as("admin", "demo-admin", target, &status); /* in Dutch, the default */
    assert_int_equal(status, 200);
    const char *at = strstr(html, "Voorgestelde verbeteringen voor deze functie");
    assert_non_null(at);
    assert_null(strstr(at, "Verruim de functie")); /* content: enough applies */
    assert_non_null(strstr(at, "Laat mensen roteren")); /* keeping up */
    assert_non_null(strstr(at, "Stel een peter of meter aan")); /* nothing of the workplace offer */
    free(html);
    arena_free(&a);
}

static int setup(void **state)
{
    (void)state;
    assert_true(crypto_start());
    demo = demo_store(test_path("onboarding-demo.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(demo);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_and_report_on_the_command_line),
        cmocka_unit_test(test_api_gives_each_role_its_share),
        cmocka_unit_test(test_mentor_and_newcomer_sign_each_for_themself),
        cmocka_unit_test(test_reviews_documents_and_assignments),
        cmocka_unit_test(test_workplace_learning_adds_informal_hours),
        cmocka_unit_test(test_community_writes_only_what_the_caller_may),
        cmocka_unit_test(test_potential_scan_suggests_per_function),
        cmocka_unit_test(test_templates_per_function),
    };
    return cmocka_run_group_tests_name("onboarding_web", tests, setup, teardown);
}
