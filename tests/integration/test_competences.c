/* test_competences.c - competences, profiles and assessments imported as
 * Belgian Excel writes them, all or nothing; the gap report (RULES §9) from
 * the command line and the API, for both horizons and a department, each
 * role seeing what it may; on a real SQLite file. Today is 2026-11-29. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "helpers.h"
#include "store/competences.h"
#include "store/plans.h"

#define TODAY "2026-11-29"

/* The people of test_gaps.c: E1 Operator, E2 Operator who left on 31 May,
 * E3 Operator hired on 1 July, E4 Planner and E5 Chauffeur (no profile),
 * written as Belgian Excel saves them: ';', day/month/year, Dutch codes. */
static const char employees_csv[] =
    "\xEF\xBB\xBF" "employee_id;first_name;last_name;gender;birth_date;hire_date;exit_date;"
    "department;function;category;contract;fte;education;manager_id\r\n"
    "E1;An;Aerts;V;1/01/1980;1/01/2020;;Productie;Operator;arbeider;vast;1;laag;E4\r\n"
    "E2;Bo;Baert;M;1/01/1980;1/01/2020;31/05/2026;Productie;Operator;arbeider;vast;1;laag;\r\n"
    "E3;Cas;Claes;M;1/01/1990;1/07/2026;;Logistiek;Operator;arbeider;vast;1;laag;\r\n"
    "E4;Dirk;De Smet;M;1/01/1975;1/01/2020;;Logistiek;Planner;bediende;vast;1;hoog;\r\n"
    "E5;Eva;Evers;V;1/01/1985;1/01/2020;;Logistiek;Chauffeur;arbeider;vast;0,8;midden;E4\r\n";

static const char competences_csv[] =
    "\xEF\xBB\xBF" "code;name;kind;description\r\n"
    "DIGI;Digitale vaardigheden;generiek;Tablet en MES\r\n"
    "HACCP;Voedselveiligheid;technisch;\r\n"
    "TEAM;Samenwerken;houding;\r\n";

static const char profiles_csv[] =
    "function;competence_code;level_now;level_future\r\n"
    "Planner;DIGI;3;4\r\n"
    "Operator;TEAM;0;2\r\n"
    "Operator;DIGI;2;3\r\n"
    "Operator;HACCP;3;\r\n";

/* E1's HACCP of 1 March: 2, then 4 entered later the same day (counts); a 1
 * entered last but dated February does not. DIGI of July: after 30 June. */
static const char assessments_csv[] =
    "employee_id;competence_code;level;assessed_on;assessor;source;note\r\n"
    "E1;DIGI;1;10/01/2026;E4;beoordeling;\r\n"
    "E1;DIGI;3;1/07/2026;E4;;\r\n"
    "E1;HACCP;2;1/03/2026;;test;\r\n"
    "E1;HACCP;4;1.3.2026;;test;herkansing\r\n"
    "E1;HACCP;1;2026-02-01;self;zelf;\r\n"
    "E4;DIGI;4;5/05/2025;self;;\r\n"
    "E2;DIGI;0;1/01/2026;;;\r\n";

static const char *db_path;

static int setup(void **state)
{
    (void)state;
    setenv("GROEIPAD_TODAY", TODAY, 1);
    db_path = test_path("competences.db");
    assert_int_equal(gp(db_path, "init >/dev/null", NULL, NULL), 0);
    const struct { const char *kind, *file, *text; } files[] = {
        {"employees", "emp.csv", employees_csv},
        {"competences", "comp.csv", competences_csv},
        {"profiles", "prof.csv", profiles_csv},
        {"assessments", "ass.csv", assessments_csv},
    };
    for (size_t i = 0; i < 4; i++) {
        char args[512];
        snprintf(args, sizeof args, "import %s %s >/dev/null", files[i].kind,
                 write_file(files[i].file, files[i].text));
        assert_int_equal(gp(db_path, args, NULL, NULL), 0);
    }
    return 0;
}

/* The report's JSON for ARGS, parsed. */
static json_t *report(const char *args)
{
    char cmd[256], *out;
    snprintf(cmd, sizeof cmd, "report gaps %s", args);
    assert_int_equal(gp(db_path, cmd, NULL, &out), 0);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    assert_non_null(j);
    free(out);
    return j;
}

static void assert_json_equal(json_t *j, const char *expected)
{
    json_error_t e;
    json_t *want = json_loads(expected, 0, &e);
    assert_non_null(want);
    char *got = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    char *wanted = json_dumps(want, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(got, wanted); /* key order too */
    free(got);
    free(wanted);
    json_decref(want);
}

static void test_gaps_now(void **state)
{
    (void)state;
    json_t *j = report("--date 30/06/2026");
    assert_json_equal(
        j, "{\"date\":\"2026-06-30\",\"horizon\":\"now\",\"department\":null,"
           "\"competences\":[{\"code\":\"DIGI\",\"required\":2,\"short\":1,\"unassessed\":0,"
           "\"total_gap\":1,\"mean_gap\":0.5},{\"code\":\"HACCP\",\"required\":1,\"short\":0,"
           "\"unassessed\":0,\"total_gap\":0,\"mean_gap\":0}],"
           "\"employees\":[{\"employee_id\":\"E1\",\"function\":\"Operator\",\"total_gap\":1,"
           "\"lines\":[{\"competence\":\"DIGI\",\"required\":2,\"actual\":1,\"gap\":1,"
           "\"assessed\":true},{\"competence\":\"HACCP\",\"required\":3,\"actual\":4,"
           "\"gap\":0,\"assessed\":true}]},{\"employee_id\":\"E4\",\"function\":\"Planner\","
           "\"total_gap\":0,\"lines\":[{\"competence\":\"DIGI\",\"required\":3,\"actual\":4,"
           "\"gap\":0,\"assessed\":true}]},{\"employee_id\":\"E5\",\"function\":\"Chauffeur\","
           "\"total_gap\":0,\"lines\":[]}],"
           "\"totals\":{\"employees\":3,\"with_gap\":1,\"total_gap\":1}}");
    json_decref(j);
}

static void test_gaps_future_and_department(void **state)
{
    (void)state;
    /* On 29 November: E1, E3 (hired 1 July), E4, E5. Future: E1 DIGI 3 - 3
     * (July's assessment counts now) = 0, HACCP 0, TEAM 2 unassessed; E3
     * DIGI 3, HACCP 3, TEAM 2, none assessed; E4 DIGI 4 - 4. */
    json_t *j = report("--horizon future");
    json_t *totals = json_object_get(j, "totals");
    assert_int_equal(json_integer_value(json_object_get(totals, "employees")), 4);
    assert_int_equal(json_integer_value(json_object_get(totals, "with_gap")), 2);
    assert_int_equal(json_integer_value(json_object_get(totals, "total_gap")), 10);
    json_t *team = json_array_get(json_object_get(j, "competences"), 2);
    assert_string_equal(json_string_value(json_object_get(team, "code")), "TEAM");
    assert_int_equal(json_integer_value(json_object_get(team, "unassessed")), 2);
    assert_true(json_real_value(json_object_get(team, "mean_gap")) == 2.0 ||
                json_integer_value(json_object_get(team, "mean_gap")) == 2);
    json_decref(j);
    /* Logistiek, now: E3, E4, E5; DIGI needed by E3 (2, unassessed) and E4. */
    j = report("--department Logistiek --date 2026-11-29");
    assert_json_equal(
        j, "{\"date\":\"2026-11-29\",\"horizon\":\"now\",\"department\":\"Logistiek\","
           "\"competences\":[{\"code\":\"DIGI\",\"required\":2,\"short\":1,\"unassessed\":1,"
           "\"total_gap\":2,\"mean_gap\":1},{\"code\":\"HACCP\",\"required\":1,\"short\":1,"
           "\"unassessed\":1,\"total_gap\":3,\"mean_gap\":3}],"
           "\"employees\":[{\"employee_id\":\"E3\",\"function\":\"Operator\",\"total_gap\":5,"
           "\"lines\":[{\"competence\":\"DIGI\",\"required\":2,\"actual\":0,\"gap\":2,"
           "\"assessed\":false},{\"competence\":\"HACCP\",\"required\":3,\"actual\":0,"
           "\"gap\":3,\"assessed\":false}]},{\"employee_id\":\"E4\",\"function\":\"Planner\","
           "\"total_gap\":0,\"lines\":[{\"competence\":\"DIGI\",\"required\":3,\"actual\":4,"
           "\"gap\":0,\"assessed\":true}]},{\"employee_id\":\"E5\",\"function\":\"Chauffeur\","
           "\"total_gap\":0,\"lines\":[]}],"
           "\"totals\":{\"employees\":3,\"with_gap\":1,\"total_gap\":5}}");
    json_decref(j);
    char *out;
    assert_int_equal(gp(db_path, "report gaps --department Nergens 2>&1", NULL, &out), 1);
    assert_non_null(strstr(out, "Nergens"));
    free(out);
    assert_int_equal(gp(db_path, "report gaps --horizon later 2>/dev/null", NULL, NULL), 2);
    /* CSV: the same numbers. */
    assert_int_equal(gp(db_path, "report gaps --department Logistiek --format csv", NULL, &out),
                     0);
    assert_non_null(strstr(out, "competence,required,short,unassessed,total_gap,mean_gap\r\n"
                                "DIGI,2,1,1,2,1\r\nHACCP,1,1,1,3,3\r\n"));
    assert_non_null(strstr(out, "E3,Operator,HACCP,3,0,3,no\r\n"));
    free(out);
}

static void test_bad_files_change_nothing(void **state)
{
    (void)state;
    uint64_t before = db_digest(db_path);
    char *out, args[512];
    /* A level of 5, an unknown function and competence, a line twice. */
    snprintf(args, sizeof args, "import profiles %s 2>&1",
             write_file("bad-prof.csv", "function;competence_code;level_now\r\n"
                                        "Operator;DIGI;5\r\nPiloot;DIGI;1\r\n"
                                        "Planner;XYZ;1\r\nPlanner;HACCP;1\r\n"
                                        "Planner;HACCP;2\r\n"));
    assert_int_equal(gp(db_path, args, NULL, &out), 1);
    assert_non_null(strstr(out, "bad-prof.csv:2: column level_now: value '5'"));
    assert_non_null(strstr(out, "bad-prof.csv:3: column function: value 'Piloot'"));
    assert_non_null(strstr(out, "bad-prof.csv:4: column competence_code: value 'XYZ'"));
    assert_non_null(strstr(out, "bad-prof.csv:6: column competence_code: value 'HACCP'"));
    free(out);
    /* An assessment of the future, an unknown employee and assessor; the
     * good first row is not written either. */
    snprintf(args, sizeof args, "import assessments %s 2>&1",
             write_file("bad-ass.csv", "employee_id,competence_code,level,assessed_on,assessor\n"
                                       "E1,DIGI,2,2026-11-01,E4\n"
                                       "E1,DIGI,2,30/11/2026,\n"
                                       "E9,DIGI,2,1/01/2026,\n"
                                       "E1,DIGI,2,1/01/2026,E77\n"
                                       "E1,DIGI,-1,1/01/2026,self\n"));
    assert_int_equal(gp(db_path, args, NULL, &out), 1);
    assert_non_null(strstr(out, "bad-ass.csv:3: column assessed_on: value '30/11/2026'"));
    assert_non_null(strstr(out, "bad-ass.csv:4: column employee_id: value 'E9'"));
    assert_non_null(strstr(out, "bad-ass.csv:5: column assessor: value 'E77'"));
    assert_non_null(strstr(out, "bad-ass.csv:6: column level: value '-1'"));
    free(out);
    snprintf(args, sizeof args, "import competences %s 2>&1",
             write_file("bad-comp.csv", "code;name;kind\r\nX;Iets;vaardigheid\r\nX;Iets;generic\r\n"));
    assert_int_equal(gp(db_path, args, NULL, &out), 1);
    assert_non_null(strstr(out, "bad-comp.csv:2: column kind"));
    assert_non_null(strstr(out, "bad-comp.csv:3: column code"));
    free(out);
    assert_true(db_digest(db_path) == before);
}

static void test_export_imports_back_unchanged(void **state)
{
    (void)state;
    const char *kinds[] = {"competences", "profiles"};
    for (size_t i = 0; i < 2; i++) {
        char args[512], *out;
        snprintf(args, sizeof args, "export %s > %s", kinds[i], test_path(kinds[i]));
        assert_int_equal(gp(db_path, args, NULL, NULL), 0);
        snprintf(args, sizeof args, "import %s %s", kinds[i], test_path(kinds[i]));
        assert_int_equal(gp(db_path, args, NULL, &out), 0);
        assert_non_null(strstr(out, "0 created, 0 updated"));
        free(out);
    }
    char *out;
    assert_int_equal(gp(db_path, "export assessments", NULL, &out), 0);
    assert_non_null(strstr(out, "E1,HACCP,4,2026-03-01,,test,herkansing\r\n"));
    assert_non_null(strstr(out, "E4,DIGI,4,2025-05-05,self,appraisal,\r\n"));
    free(out);
}

/* The API on the demo organisation: each role sees what it may. */
static void test_api_per_role(void **state)
{
    (void)state;
    store *db = demo_store(test_path("competences-demo.db"));
    const struct { const char *login, *password; } who[] = {
        {"admin", "demo-admin"}, {"manager", "demo-manager"}, {"employee", "demo-employee"},
        {"representative", "demo-representative"}};
    size_t people[4], lines[4];
    for (size_t k = 0; k < 4; k++) {
        char csrf[65];
        char *cookie = login_cookie(db, who[k].login, who[k].password, csrf);
        exchange x;
        run_request(&x, db, "GET", "/api/v1/reports/gaps?horizon=future", cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        json_error_t e;
        json_t *j = json_loads(exchange_body(&x), 0, &e);
        assert_non_null(j);
        json_t *list = json_object_get(j, "employees");
        people[k] = json_array_size(list);
        lines[k] = json_array_size(json_object_get(j, "competences"));
        size_t i;
        json_t *item;
        json_array_foreach(list, i, item) {
            const char *id = json_string_value(json_object_get(item, "employee_id"));
            if (k == 1) /* the manager: the production team, not the manager */
                assert_true(employees_in_team(db, employees_row(db, "E001"),
                                              employees_row(db, id)));
            if (k == 2)
                assert_string_equal(id, "E010");
        }
        json_decref(j);
        exchange_free(&x);
        run_request(&x, db, "GET", "/api/v1/reports/gaps?department=Nergens", cookie, NULL,
                    NULL);
        assert_int_equal(x.resp.status, 400);
        exchange_free(&x);
        free(cookie);
    }
    assert_true(people[0] > 100);               /* admin: everyone employed */
    assert_true(people[1] > 30 && people[1] < 50); /* manager: the production team */
    assert_int_equal(people[2], 1);             /* employee: herself */
    assert_int_equal(people[3], 0);             /* representative: no person */
    assert_true(lines[3] > 0 && lines[3] == lines[0]);
    store_close(db);
}

/* POSTs BODY (without its csrf) to TARGET as LOGIN; the status. */
static int post_as(store *db, const char *login, const char *password, const char *target,
                   const char *body)
{
    char csrf[65], full[1024];
    char *cookie = login_cookie(db, login, password, csrf);
    snprintf(full, sizeof full, "csrf=%s&%s", csrf, body);
    exchange x;
    run_request(&x, db, "POST", target, cookie, full, NULL);
    int status = x.resp.status;
    exchange_free(&x);
    free(cookie);
    return status;
}

/* The source and assessor of the newest assessment. */
static void latest_assessment(store *db, char *source, char *assessor)
{
    arena a = ARENA_INIT;
    assessment *list;
    size_t n;
    assert_int_equal(assessments_of(db, &a, employees_row(db, "E010"), &list, &n), STORE_OK);
    assert_true(n > 0);
    size_t newest = 0;
    for (size_t i = 1; i < n; i++)
        if (list[i].id > list[newest].id)
            newest = i;
    snprintf(source, 16, "%s", vocab_name(&vocab_assessment_source, list[newest].source));
    snprintf(assessor, 16, "%s", list[newest].assessor ? list[newest].assessor : "");
    arena_free(&a);
}

/* Through the router on the demo: who may write what. */
static void test_forms_per_role(void **state)
{
    (void)state;
    store *db = demo_store(test_path("competences-forms.db"));
    char source[16], assessor[16];
    /* The manager's assessment is an appraisal by the manager, whatever the
     * form claims; the employee's is a self-assessment. */
    assert_int_equal(post_as(db, "manager", "demo-manager", "/employees/E010/competences",
                             "competence_code=DIGI&level=3&assessed_on=1%2F11%2F2026&"
                             "source=self&assessor=E999"), 303);
    latest_assessment(db, source, assessor);
    assert_string_equal(source, "appraisal");
    assert_string_equal(assessor, "E001");
    assert_int_equal(post_as(db, "employee", "demo-employee", "/employees/E010/competences",
                             "competence_code=DIGI&level=4&assessed_on=2026-11-02&"
                             "source=appraisal"), 303);
    latest_assessment(db, source, assessor);
    assert_string_equal(source, "self");
    assert_string_equal(assessor, "self");
    /* Out of reach: a colleague, a person outside the team, a future date. */
    int64_t before = assessments_count(db);
    assert_int_equal(post_as(db, "employee", "demo-employee", "/employees/E002/competences",
                             "competence_code=DIGI&level=4&assessed_on=2026-11-02"), 404);
    assert_int_equal(post_as(db, "manager", "demo-manager", "/employees/E050/competences",
                             "competence_code=DIGI&level=4&assessed_on=2026-11-02"), 404);
    assert_int_equal(post_as(db, "manager", "demo-manager", "/employees/E010/competences",
                             "competence_code=DIGI&level=4&assessed_on=2026-12-02"), 422);
    assert_int_equal(post_as(db, "manager", "demo-manager", "/employees/E010/competences",
                             "competence_code=NOPE&level=9&assessed_on=2026-11-02"), 422);
    assert_int_equal(assessments_count(db), before);
    /* A representative signals for a department, never for a person. */
    assert_int_equal(post_as(db, "representative", "demo-representative", "/needs",
                             "title=X&scope=person&employee_id=E010&source=representative&"
                             "priority=low"), 422);
    assert_int_equal(post_as(db, "representative", "demo-representative", "/needs",
                             "title=Ploegoverdracht&scope=department&department=Logistiek&"
                             "source=representative&priority=low"), 303);
    assert_int_equal(post_as(db, "manager", "demo-manager", "/needs",
                             "title=X&scope=person&employee_id=E050&source=manager&"
                             "priority=low"), 422);
    assert_int_equal(post_as(db, "employee", "demo-employee", "/needs/1",
                             "status=declined&reason=no"), 403);
    assert_int_equal(post_as(db, "admin", "demo-admin", "/needs/1", "status=declined"), 422);
    assert_int_equal(post_as(db, "admin", "demo-admin", "/needs/1",
                             "status=declined&reason=Al+gedekt"), 303);
    /* The employee comments on her plan but does not change it. */
    assert_int_equal(post_as(db, "employee", "demo-employee", "/employees/E010/development",
                             "year=2026&what=item&kind=goal&text=Zelf"), 404);
    assert_int_equal(post_as(db, "employee", "demo-employee", "/employees/E010/development",
                             "year=2026&what=comment&comment=Goed"), 303);
    /* The open needs go into next year's draft plan without a person's name. */
    assert_int_equal(post_as(db, "admin", "demo-admin", "/plans/2027/needs", ""), 303);
    arena a = ARENA_INIT;
    plan p;
    employee e;
    assert_int_equal(plans_get(db, &a, 2027, &p), STORE_ROW);
    assert_int_equal(employees_get(db, &a, "E010", &e), STORE_ROW);
    assert_non_null(strstr(p.new_needs, "Ploegoverdracht"));
    assert_non_null(strstr(p.new_needs, "Storingen sneller"));
    assert_null(strstr(p.new_needs, "MES-scherm")); /* declined above */
    assert_null(strstr(p.new_needs, e.last_name));
    arena_free(&a);
    store_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gaps_now),
        cmocka_unit_test(test_gaps_future_and_department),
        cmocka_unit_test(test_bad_files_change_nothing),
        cmocka_unit_test(test_export_imports_back_unchanged),
        cmocka_unit_test(test_api_per_role),
        cmocka_unit_test(test_forms_per_role),
    };
    return cmocka_run_group_tests_name("competences", tests, setup, NULL);
}
