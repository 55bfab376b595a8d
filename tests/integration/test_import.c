/* test_import.c - importing files as HR departments have them: every dialect,
 * every validation rule, all or nothing, the round trip, and the same checks
 * through the upload page and the API with each role's scope. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/import.h"
#include "util/crypto.h"
#include "util/str.h"
#include "web/router.h"

/* Belgian Excel: BOM, ';', decimal comma, DD/MM/YYYY, quotes around fields
 * holding the separator or a line break. */
static const char excel_employees[] =
    "\xEF\xBB\xBF" "employee_id;first_name;last_name;gender;birth_date;hire_date;exit_date;"
    "department;function;category;contract;fte;education;born_abroad;manager_id\r\n"
    "B1;An;\"Peeters; sr.\";F;15/03/1980;01/01/2020;;Productie;Operator;blue_collar;permanent;"
    "0,8;low;no;B2\r\n"
    "B2;Jan;\"De \"\"Smet\"\"\";M;01/01/1970;01/06/2010;;Productie;Ploegleider;white_collar;"
    "permanent;1;high;yes;\r\n"
    "B3;\"Els\nMarie\";Maes;X;29/02/1996;31/03/2025;30/06/2025;Verkoop;Verkoper;white_collar;"
    "fixed_term;0,5;medium;;\r\n"
    ";;;;;;;;;;;;;;\r\n;;;;;;;;;;;;;;\r\n"; /* Excel's empty rows below the data */

static const char excel_activities[] =
    "\xEF\xBB\xBF" "code;title;type;form;hours;cost;validity_months;mandatory\r\n"
    "EHBO;EHBO-opfrissing;formal;classroom;4;95,00;12;yes\r\n"
    "PETER;Peterschap;informal;mentoring;16;;;no\r\n";

static const char excel_learning[] =
    "\xEF\xBB\xBF" "employee_id;activity_code;title;type;start_date;hours;cost;subsidy;"
    "training_leave;result\r\n"
    "B1;EHBO;;;10/02/2025;7,6;1.234,56;100;no;completed\r\n"
    "B1;;Excel-cursus;formal;01/03/2025;3,8;0;0;yes;completed\r\n"
    "B2;PETER;;;31/12/2025;15,2;;;;failed\r\n"
    "B3;;Duaal leren;initial;01/04/2025;40;;;;ongoing\r\n";

static void test_excel_dialect_imports_as_is(void **state)
{
    (void)state;
    const char *db = test_path("excel.db");
    char *out;
    assert_int_equal(gp(db, "import employees ", NULL, NULL), 2);
    char args[512];
    snprintf(args, sizeof args, "import employees %s", write_file("emp.csv", excel_employees));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "3 rows: 3 created, 0 updated, 0 unchanged"));
    free(out);
    snprintf(args, sizeof args, "import activities %s", write_file("act.csv", excel_activities));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import learning %s", write_file("learn.csv", excel_learning));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    free(out);
    /* the values came through exactly */
    assert_int_equal(gp(db, "export employees", NULL, &out), 0);
    assert_non_null(strstr(out, "B1,An,Peeters; sr.,,F,1980-03-15,2020-01-01,,Productie,"
                                "Operator,blue_collar,permanent,0.8,low,no,,B2,"));
    assert_non_null(strstr(out, "B2,Jan,\"De \"\"Smet\"\"\""));
    assert_non_null(strstr(out, "B3,\"Els\nMarie\",Maes,,X,1996-02-29,2025-03-31,2025-06-30"));
    free(out);
    assert_int_equal(gp(db, "export learning", NULL, &out), 0);
    assert_non_null(strstr(out, "B1,EHBO,,,2025-02-10,,7.6,,1234.56,100,no,completed"));
    assert_non_null(strstr(out, "B2,PETER,,,2025-12-31,,15.2,,0,0,no,failed"));
    free(out);
    /* and the legal figures follow from them: 2025 is a 5-day year only for
     * 20+ FTE, so set the size */
    assert_int_equal(gp(db, "settings employer_size 25", NULL, NULL), 0);
    assert_int_equal(gp(db, "report training-right --year 2025", NULL, &out), 0);
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    free(out);
    assert_non_null(j);
    json_t *lines = json_object_get(j, "employees");
    assert_int_equal(json_array_size(lines), 3);
    /* B1: 5 x 0.8 = 4 days; used 7.6 h = 1 day (the training-leave record
     * does not count); 2024's unused 4 days carried in: 4 + 4 - 1 = 7 */
    json_t *b1 = json_array_get(lines, 0);
    assert_true(json_number_value(json_object_get(b1, "entitlement_days")) == 4.0);
    assert_true(json_number_value(json_object_get(b1, "used_days")) == 1.0);
    assert_true(json_number_value(json_object_get(b1, "carried_in_days")) == 4.0);
    assert_true(json_number_value(json_object_get(b1, "balance_days")) == 7.0);
    /* B3: 0.5 FTE, 31 March to 30 June = 4 months: 5 x 0.5 x 4/12 = 0.8333;
     * initial training does not count */
    json_t *b3 = json_array_get(lines, 2);
    assert_true(json_number_value(json_object_get(b3, "entitlement_days")) == 0.83);
    assert_true(json_number_value(json_object_get(b3, "used_days")) == 0.0);
    json_decref(j);
    assert_int_equal(gp(db, "report social-balance --year 2025", NULL, &out), 0);
    j = json_loads(out, 0, &err);
    free(out);
    json_t *codes = json_object_get(j, "codes");
    assert_int_equal(json_integer_value(json_object_get(codes, "5811")), 1); /* B1, formal */
    assert_true(json_number_value(json_object_get(codes, "5812")) == 11.4);  /* 7.6 + 3.8 */
    assert_true(json_number_value(json_object_get(codes, "58131")) == 1234.56);
    assert_int_equal(json_integer_value(json_object_get(codes, "5821")), 1); /* B2, failed */
    assert_int_equal(json_array_size(json_object_get(j, "warnings")), 1);  /* B3 is X */
    json_decref(j);
}

/* The HR team's file had "logistiek " beside "Logistiek": two departments
 * that split every report. Names differing only in letter case or
 * surrounding spaces (a no-break space from an Excel cell too) are one
 * department or function now, spelled as first stored; the result says how
 * many spellings were matched. Also on a later file, a profile file, and
 * an employee saved one at a time. */
static void test_names_match_whatever_their_case(void **state)
{
    (void)state;
    const char *db = test_path("names.db");
    char args[512], *out;
    const char *head = "employee_id;first_name;last_name;gender;birth_date;hire_date;"
                       "department;function;category;contract;fte;education\n";
    str file = STR_INIT;
    str_printf(&file, "%sN1;An;Aerts;F;1/1/1980;1/1/2020;Logistiek;Heftruckchauffeur;"
                      "blue_collar;permanent;1;low\n"
                      "N2;Bart;Bos;M;1/1/1981;1/1/2020;logistiek ;heftruckchauffeur;"
                      "blue_collar;permanent;1;low\n"
                      "N3;Cis;Claes;X;1/1/1982;1/1/2020;LOGISTIEK;Heftruckchauffeur;"
                      "blue_collar;permanent;1;low\n"
                      "N4;Dirk;Dams;M;1/1/1983;1/1/2020;Expédition;Magazijnier;"
                      "blue_collar;permanent;1;low\n", head);
    snprintf(args, sizeof args, "import employees %s", write_file("names1.csv", file.p));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "4 rows: 4 created, 0 updated, 0 unchanged; 3 department or "
                                "function names matched to the spelling already known"));
    free(out);
    str_clear(&file);
    /* a later file: other cases, spaces and an Excel no-break space around */
    str_printf(&file, "%sN5;Eva;Els;F;1/1/1984;1/1/2021;  \xC2\xA0logistiek\xC2\xA0;"
                      "HEFTRUCKCHAUFFEUR;blue_collar;permanent;1;low\n"
                      "N6;Fien;Fox;F;1/1/1985;1/1/2021;EXPÉDITION;magazijnier;"
                      "blue_collar;permanent;1;low\n"
                      "N1;An;Aerts;F;1/1/1980;1/1/2020;logistiek;Heftruckchauffeur;"
                      "blue_collar;permanent;1;low\n", head);
    snprintf(args, sizeof args, "import employees %s", write_file("names2.csv", file.p));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    /* N1 stays in the same department: unchanged */
    assert_non_null(strstr(out, "3 rows: 2 created, 0 updated, 1 unchanged; 5 department or "
                                "function names matched"));
    free(out);
    str_free(&file);
    /* one department Logistiek, one Expédition: each employee spelled as stored */
    assert_int_equal(gp(db, "export employees", NULL, &out), 0);
    for (int i = 1; i <= 6; i++) {
        char line[64];
        snprintf(line, sizeof line, "\nN%d,", i);
        char *at = strstr(out, line);
        assert_non_null(at);
        char *end = strchr(at + 1, '\n');
        assert_non_null(end);
        *end = '\0';
        if (i == 4 || i == 6)
            assert_non_null(strstr(at, ",Expédition,Magazijnier,"));
        else
            assert_non_null(strstr(at, ",Logistiek,Heftruckchauffeur,"));
        *end = '\n';
    }
    assert_null(strstr(out, "logistiek"));
    assert_null(strstr(out, "LOGISTIEK"));
    free(out);
    store *s = test_store_open(db);
    assert_non_null(s);
    assert_int_equal(store_count(s, "SELECT count(*) FROM departments"), 2);
    assert_int_equal(store_count(s, "SELECT count(*) FROM functions"), 2);
    /* an employee saved on their own (the form, the API) finds it too */
    employee e = {0};
    e.employee_id = "N7";
    e.first_name = "Gert";
    e.last_name = "Goos";
    e.gender = GENDER_M;
    e.birth_date = date_from_ymd(1986, 1, 1);
    e.hire_date = date_from_ymd(2022, 1, 1);
    e.exit_date = DATE_NONE;
    e.department = "logistiek";
    e.function = " heftruckchauffeur";
    e.category = CATEGORY_BLUE_COLLAR;
    e.contract = CONTRACT_PERMANENT;
    e.fte = 10000;
    e.education = EDUCATION_LOW;
    e.born_abroad = e.disability = -1;
    e.shift = -1;
    int64_t row;
    int outcome;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_end(s, employees_upsert(s, &e, &row, &outcome)), STORE_OK);
    assert_int_equal(store_count(s, "SELECT count(*) FROM departments"), 2);
    assert_int_equal(store_count(s, "SELECT count(*) FROM functions"), 2);
    store_close(s);
    /* a profile file names the function as it likes */
    snprintf(args, sizeof args, "import competences %s",
             write_file("names-comp.csv", "code;name;kind\nHEF;Heftruck rijden;technical\n"));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import profiles %s",
             write_file("names-prof.csv", "function;competence_code;level_now\n"
                                          "HEFTRUCKCHAUFFEUR ;HEF;2\n"));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "1 row: 1 created"));
    free(out);
}

static void test_windows_1252_from_excel(void **state)
{
    (void)state;
    /* Excel's 'CSV (puntkomma gescheiden)' on a Belgian Windows: ';' and
     * Windows-1252, so é is one byte 0xE9 and the apostrophe 0x92. */
    const char *db = test_path("ansi.db");
    char args[256], *out;
    snprintf(args, sizeof args, "import employees %s", write_file("ansi.csv",
             "employee_id;first_name;last_name;gender;birth_date;hire_date;department;function;"
             "category;contract;fte;education\r\nW1;H\xe9l\xe8ne;D\x92Hondt;F;01/01/1990;"
             "01/01/2020;Verkoop;Vendeuse;white_collar;permanent;0,5;high\r\n"));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    assert_int_equal(gp(db, "export employees --format json", NULL, &out), 0);
    assert_non_null(strstr(out, "\"H\xc3\xa9l\xc3\xa8ne\""));
    assert_non_null(strstr(out, "D\xe2\x80\x99Hondt"));
    free(out);
}

static void test_comma_dialect(void **state)
{
    (void)state;
    const char *db = test_path("comma.db");
    const char *emp = write_file("emp2.csv",
        "fte,employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,education\n"
        "1,C1,Ann,Lee,F,1990-01-01,2015-05-05,IT,Dev,white_collar,permanent,high\n");
    const char *learn = write_file("learn2.csv",
        "employee_id,title,type,start_date,hours,cost\n"
        "C1,\"Conference, Ghent\",informal,2025-05-05,16,\"1,234.50\"\n");
    char args[512];
    snprintf(args, sizeof args, "import employees %s", emp);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import learning %s", learn);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    char *out;
    assert_int_equal(gp(db, "export learning --format json", NULL, &out), 0);
    assert_non_null(strstr(out, "\"cost\":1234.5"));
    assert_non_null(strstr(out, "\"title\":\"Conference, Ghent\""));
    free(out);
}

/* Imports TEXT as KIND into DB and expects it refused with a message naming
 * LINE and, when given, COLUMN, and the database unchanged. */
static void expect_refused(const char *db, const char *kind, const char *text, int line,
                           const char *column)
{
    uint64_t before = db_digest(db);
    char args[512], needle[128];
    snprintf(args, sizeof args, "import %s %s 2>&1", kind, write_file("bad.csv", text));
    char *out;
    assert_int_equal(gp(db, args, NULL, &out), 1);
    snprintf(needle, sizeof needle, "bad.csv:%d: ", line);
    if (!strstr(out, needle))
        fail_msg("expected '%s' in: %s", needle, out);
    if (column) {
        snprintf(needle, sizeof needle, "column %s", column);
        if (!strstr(out, needle))
            fail_msg("expected '%s' in: %s", needle, out);
    }
    free(out);
    assert_true(db_digest(db) == before);
}

/* Some programs write Excel's "sep=;" line above the header: it names the
 * separator and is no row; lines in messages count it, as the file shows. */
static void test_separator_line(void **state)
{
    (void)state;
    const char *db = test_path("sepline.db");
    const char *head = "sep=;\r\nemployee_id;first_name;last_name;gender;birth_date;hire_date;"
                       "department;function;category;contract;fte;education\r\n";
    char text[512], args[256], *out;
    snprintf(text, sizeof text, "%sS1;An;Peeters;F;01/01/1990;01/01/2020;Verkoop;Verkoper;"
             "white_collar;permanent;1;high\r\n", head);
    snprintf(args, sizeof args, "import employees %s", write_file("sepline.csv", text));
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_non_null(strstr(out, "1 row: 1 created"));
    free(out);
    snprintf(text, sizeof text, "%sS1;An;Peeters;F;01/01/1990;01/01/2020;Verkoop;Verkoper;"
             "white_collar;permanent;1;high\r\nS2;Bo;Maes;Q;01/01/1991;01/01/2021;Verkoop;"
             "Verkoper;white_collar;permanent;1;high\r\n", head);
    expect_refused(db, "employees", text, 4, "gender");
}

/* A row that stops early says where, at its first missing value. */
static void test_short_row_says_where_it_stops(void **state)
{
    (void)state;
    const char *db = test_path("shortrow.db");
    char args[512], *out;
    snprintf(args, sizeof args, "import employees %s 2>&1", write_file("shortrow.csv",
             "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
             "category,contract,fte,education,manager_id\n"
             "R2,Bo,C,M,1990-01-01,2020-01-01,D,F,blue_collar\n"));
    assert_int_equal(gp(db, args, NULL, &out), 1);
    if (!strstr(out, "shortrow.csv:2: column contract: value '': expected one of") ||
        !strstr(out, "; the row stops after field 9 of 13\n") ||
        !strstr(out, "shortrow.csv:2: column fte: value '': expected a value (this column is "
                     "required)\n"))
        fail_msg("unexpected problems: %s", out);
    free(out);
}

#define EMP_HEAD "employee_id,first_name,last_name,gender,birth_date,hire_date,exit_date," \
                 "department,function,category,contract,fte,education,manager_id\n"
#define EMP_OK "Z1,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,1,low,\n"

static void test_every_rule_refuses_the_whole_file(void **state)
{
    (void)state;
    const char *db = test_path("rules.db");
    char args[512];
    snprintf(args, sizeof args, "import employees %s", write_file("emp.csv", excel_employees));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import activities %s", write_file("act.csv", excel_activities));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    /* header */
    expect_refused(db, "employees", "employee_id,colour\nZ1,red\n", 1, NULL);
    /* the French words the pages show import back, feminine forms too */
    snprintf(args, sizeof args, "import employees %s",
             write_file("french.csv", "employee_id;first_name;last_name;gender;birth_date;"
                        "hire_date;department;function;category;contract;fte;education;shift\n"
                        "F1;Anne;Lebrun;femme;5/03/1979;1/01/2020;Vente;Vendeuse;employ\xc3\xa9" "e;"
                        "dur\xc3\xa9" "e ind\xc3\xa9termin\xc3\xa9" "e;0,8;faible;"
                        "\xc3\xa9quipes\n"));
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    /* a header in Dutch, or mistyped: refused, naming the template's column */
    char *out;
    snprintf(args, sizeof args, "import employees %s 2>&1",
             write_file("dutch.csv", "Voornaam;familienaam;employe_id\nA;B;Z1\n"));
    assert_int_equal(gp(db, args, NULL, &out), 1);
    static const char *const named[] = {"'Voornaam': expected the column first_name (the ",
                                        "'familienaam': expected the column last_name",
                                        "'employe_id': expected the column employee_id", NULL};
    for (const char *const *n = named; *n; n++)
        if (!strstr(out, *n))
            fail_msg("no \"%s\" in %s", *n, out);
    free(out);
    /* an FTE typed as a percentage: the message gives its bounds, not an
     * example of a big number */
    snprintf(args, sizeof args, "import employees %s 2>&1",
             write_file("pct.csv", EMP_HEAD "Z3,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,"
                                            "permanent,50%,low,\n"));
    assert_int_equal(gp(db, args, NULL, &out), 1);
    if (!strstr(out, "a number above 0 and at most 1"))
        fail_msg("no bounds in %s", out);
    free(out);
    expect_refused(db, "employees", "employee_id,first_name,first_name\n", 1, "first_name");
    expect_refused(db, "employees", "employee_id,first_name\nZ1,A\n", 1, "last_name");
    /* a good row first, the bad one after it: nothing is written */
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,1,low,\n", 3,
                   "first_name");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,Q,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,1,low,\n", 3,
                   "gender");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,F,5/03/79,2020-01-01,,D,F,blue_collar,permanent,1,low,\n", 3,
                   "birth_date");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,F,31/02/1990,2020-01-01,,D,F,blue_collar,permanent,1,low,\n", 3,
                   "birth_date");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,F,1990-01-01,2020-01-01,2019-12-31,D,F,blue_collar,permanent,1,low,\n",
                   3, "exit_date");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,0,low,\n", 3, "fte");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,1.5,low,\n", 3,
                   "fte");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,0.12345,low,\n", 3,
                   "fte");
    expect_refused(db, "employees", EMP_HEAD EMP_OK
                   "Z2,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,forever,1,low,\n", 3,
                   "contract");
    expect_refused(db, "employees", EMP_HEAD EMP_OK EMP_OK, 3, "employee_id");
    expect_refused(db, "employees", EMP_HEAD
                   "Z2,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,1,low,NOPE\n", 2,
                   "manager_id");
    expect_refused(db, "employees", EMP_HEAD
                   "Z2,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,1,low,,extra\n", 2,
                   NULL);
    expect_refused(db, "employees", EMP_HEAD "Z2,\"A,B\n", 2, NULL);
    /* activities */
    expect_refused(db, "activities", "code,title,type,form,hours,cost\nX,T,formal,lecture,1,1\n", 2,
                   "form");
    expect_refused(db, "activities", "code,title,type,form,hours,cost\nX,T,formal,classroom,0,1\n",
                   2, "hours");
    expect_refused(db, "activities", "code,title,type,form,hours,cost\nX,T,formal,classroom,1,-1\n",
                   2, "cost");
    expect_refused(db, "activities", "code,title,type,form,hours,cost\nX,T,formal,classroom,1,"
                   "1234.005\n", 2, "cost");
    /* learning */
    const char *lh = "employee_id,activity_code,title,type,start_date,end_date,hours\n";
    char text[512];
    snprintf(text, sizeof text, "%sNOPE,EHBO,,,2025-01-01,,1\n", lh);
    expect_refused(db, "learning", text, 2, "employee_id");
    snprintf(text, sizeof text, "%sB1,NOPE,,,2025-01-01,,1\n", lh);
    expect_refused(db, "learning", text, 2, "activity_code");
    snprintf(text, sizeof text, "%sB1,,,formal,2025-01-01,,1\n", lh);
    expect_refused(db, "learning", text, 2, "activity_code");
    snprintf(text, sizeof text, "%sB1,,Course,,2025-01-01,,1\n", lh);
    expect_refused(db, "learning", text, 2, "type");
    snprintf(text, sizeof text, "%sB1,EHBO,,,2019-12-31,,1\n", lh); /* before hire */
    expect_refused(db, "learning", text, 2, "start_date");
    snprintf(text, sizeof text, "%sB3,EHBO,,,2025-07-01,,1\n", lh); /* after exit */
    expect_refused(db, "learning", text, 2, "start_date");
    snprintf(text, sizeof text, "%sB1,EHBO,,,2025-01-02,2025-01-01,1\n", lh);
    expect_refused(db, "learning", text, 2, "end_date");
    snprintf(text, sizeof text, "%sB1,EHBO,,,2025-01-02,,0\n", lh);
    expect_refused(db, "learning", text, 2, "hours");
    snprintf(text, sizeof text, "%sB1,EHBO,,,2025-01-02,,1,5\n", lh);
    expect_refused(db, "learning", text, 2, NULL);
    /* funding */
    expect_refused(db, "funding", "year,type,contributions\n2025,formal,10\n2025,formal,20\n", 3,
                   "type");
    expect_refused(db, "funding", "year,type,contributions\n25,formal,10\n", 2, "year");
}

static void test_many_problems_are_all_counted(void **state)
{
    (void)state;
    const char *db = test_path("many.db");
    str text = STR_INIT;
    str_puts(&text, EMP_HEAD);
    for (int i = 0; i < 150; i++)
        str_printf(&text, "Q%d,A,B,F,1990-01-01,2020-01-01,,D,F,blue_collar,permanent,2,low,\n", i);
    char args[512], *out;
    snprintf(args, sizeof args, "import employees %s 2>&1", write_file("many.csv", text.p));
    str_free(&text);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "many.csv:101:"));  /* the 100th problem */
    assert_null(strstr(out, "many.csv:102:"));      /* the 101st is counted, not listed */
    assert_non_null(strstr(out, "150"));
    free(out);
}

/* A learning file imported twice is added twice (DESIGN: no record id),
 * and the import says so; replacing its year does not repeat it. */
static void test_importing_twice_is_said(void **state)
{
    (void)state;
    const char *db = test_path("twice.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    char *year, args[256], *out;
    assert_int_equal(gp(db, "export learning --year 2025", NULL, &year), 0);
    const char *file = write_file("twice.csv", year);
    free(year);
    store *s = test_store_open(db);
    int64_t rows = store_count(s, "SELECT count(*) FROM learning_records WHERE start_date "
                                  "BETWEEN '2025-01-01' AND '2025-12-31'");
    store_close(s);
    assert_true(rows > 0);
    snprintf(args, sizeof args, "import learning %s 2>&1", file);
    assert_int_equal(gp(db, args, NULL, &out), 0);
    char said[96];
    snprintf(said, sizeof said, "warning: %lld records were stored already", (long long)rows);
    if (!strstr(out, said))
        fail_msg("no \"%s\" in %s", said, out);
    free(out);
    snprintf(args, sizeof args, "import learning %s --replace-year 2025 2>&1", file);
    assert_int_equal(gp(db, args, NULL, &out), 0);
    assert_null(strstr(out, "stored already"));
    free(out);
}

static void test_round_trip_and_updates(void **state)
{
    (void)state;
    const char *src = test_path("rt-src.db"), *dst = test_path("rt-dst.db");
    assert_int_equal(gp(src, "demo >/dev/null", NULL, NULL), 0);
    const char *kinds[] = {"employees", "activities", "learning", "funding"};
    char *exported[4];
    for (int i = 0; i < 4; i++) {
        char args[256];
        snprintf(args, sizeof args, "export %s", kinds[i]);
        assert_int_equal(gp(src, args, NULL, &exported[i]), 0);
        char name[32];
        snprintf(name, sizeof name, "rt-%s.csv", kinds[i]);
        snprintf(args, sizeof args, "import %s %s", kinds[i], write_file(name, exported[i]));
        assert_int_equal(gp(dst, args, NULL, NULL), 0);
    }
    for (int i = 0; i < 4; i++) {
        char args[64], *again;
        snprintf(args, sizeof args, "export %s", kinds[i]);
        assert_int_equal(gp(dst, args, NULL, &again), 0);
        assert_string_equal(again, exported[i]);
        free(again);
    }
    /* the same reports on both */
    char *a, *b;
    assert_int_equal(gp(src, "report training-right --year 2025", NULL, &a), 0);
    assert_int_equal(gp(dst, "report training-right --year 2025", NULL, &b), 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
    /* re-import with one change: an update, the rest unchanged */
    char *changed = strdup(exported[0]);
    char *p = strstr(changed, "\nE002,");
    assert_non_null(p);
    p[6] = 'Z'; /* the first letter of E002's first name */
    char args[256], *out;
    snprintf(args, sizeof args, "import employees %s", write_file("rt-changed.csv", changed));
    assert_int_equal(gp(dst, args, NULL, &out), 0);
    assert_non_null(strstr(out, "119 rows: 0 created, 1 updated, 118 unchanged"));
    free(out);
    free(changed);
    /* replace one year of learning */
    snprintf(args, sizeof args, "import learning %s --replace-year 2025",
             write_file("rt-one.csv", "employee_id,title,type,start_date,hours\n"
                                      "E002,Only this,formal,2025-05-05,8\n"));
    assert_int_equal(gp(dst, args, NULL, &out), 0);
    assert_non_null(strstr(out, "1 created"));
    free(out);
    assert_int_equal(gp(dst, "export learning --year 2025", NULL, &out), 0);
    assert_string_equal(strchr(out, '\n') + 1,
                        "E002,,Only this,formal,2025-05-05,,8,,0,0,no,completed\r\n");
    free(out);
    for (int i = 0; i < 4; i++)
        free(exported[i]);
}

/* The number of entries in directory PATH, besides . and .. */
static int entries_in(const char *path)
{
    char cmd[512], *out;
    snprintf(cmd, sizeof cmd, "ls -A %s | wc -l", path);
    assert_int_equal(run_shell(cmd, NULL, &out), 0);
    int n = atoi(out);
    free(out);
    return n;
}

/* A fresh organisation at PATH with the employees and activities of the
 * demo at SRC. */
static void org_like(const char *path, const char *src)
{
    const char *kinds[] = {"employees", "activities"};
    for (int i = 0; i < 2; i++) {
        char args[512], name[64], *csv;
        snprintf(args, sizeof args, "export %s", kinds[i]);
        assert_int_equal(gp(src, args, NULL, &csv), 0);
        snprintf(name, sizeof name, "like-%s.csv", kinds[i]);
        snprintf(args, sizeof args, "import %s %s", kinds[i], write_file(name, csv));
        assert_int_equal(gp(path, args, NULL, NULL), 0);
        free(csv);
    }
}

/* The learning of a fresh demo organisation at SRC, exported (heap), with
 * *BODY where its rows start, after the header. */
static char *demo_learning(const char *src, const char **body)
{
    assert_int_equal(gp(src, "demo >/dev/null", NULL, NULL), 0);
    char *all;
    assert_int_equal(gp(src, "export learning", NULL, &all), 0);
    *body = strchr(all, '\n') + 1;
    return all;
}

/* A learning file bigger than the import's sort memory goes through sorted
 * runs in a temporary file: the result is the same as in memory, from a file
 * and from a pipe, a bad last row still rejects it all, and no temporary file
 * stays behind. */
static void test_big_learning_file_in_bounded_memory(void **state)
{
    (void)state;
    const char *src = test_path("big-src.db"), *body;
    char *one = demo_learning(src, &body);
    /* the demo's learning sixteen times over: several runs of 64 KB */
    str big = STR_INIT;
    str_append(&big, one, (size_t)(body - one));
    for (int copy = 0; copy < 16; copy++)
        str_puts(&big, body);
    assert_true(big.len > 4 * 65536);
    const char *file = write_file("big-learning.csv", str_cstr(&big));
    const char *tmp = test_path("sort-tmp");
    char args[1024], *in_memory, *in_runs, *piped;
    snprintf(args, sizeof args, "mkdir -p %s", tmp);
    assert_int_equal(run_shell(args, NULL, NULL), 0);

    const char *a = test_path("big-a.db"), *b = test_path("big-b.db"), *c = test_path("big-c.db");
    org_like(a, src);
    org_like(b, src);
    org_like(c, src);
    snprintf(args, sizeof args, "import learning %s", file);
    assert_int_equal(gp(a, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import learning %s", file);
    setenv("GROEIPAD_IMPORT_MEMORY", "65536", 1);
    setenv("TMPDIR", tmp, 1);
    assert_int_equal(gp(b, args, NULL, NULL), 0);
    /* through a pipe: copied to the temporary directory first */
    str pipe = STR_INIT;
    if (test_pg())
        str_printf(&pipe, "cat %s | %s --pg '%s' --org %s import learning -", file,
                   groeipad_bin(), test_pg(), test_org(c));
    else
        str_printf(&pipe, "cat %s | %s --db %s import learning -", file, groeipad_bin(), c);
    assert_int_equal(run_shell(str_cstr(&pipe), NULL, NULL), 0);
    str_free(&pipe);
    assert_int_equal(entries_in(tmp), 0);

    assert_int_equal(gp(a, "export learning", NULL, &in_memory), 0);
    assert_int_equal(gp(b, "export learning", NULL, &in_runs), 0);
    assert_int_equal(gp(c, "export learning", NULL, &piped), 0);
    assert_true(strlen(in_memory) > 8 * strlen(body) / 2);
    assert_string_equal(in_runs, in_memory);
    assert_string_equal(piped, in_memory);
    char *ra, *rb;
    assert_int_equal(gp(a, "report training-right --year 2025", NULL, &ra), 0);
    assert_int_equal(gp(b, "report training-right --year 2025", NULL, &rb), 0);
    assert_string_equal(ra, rb);
    /* the certifying dates a first load gathers (each once, however often
     * the file repeats them) give the certifications of the source */
    char *cs, *ca, *cb, *cc;
    assert_int_equal(gp(src, "report certifications --date 2026-06-30", NULL, &cs), 0);
    assert_int_equal(gp(a, "report certifications --date 2026-06-30", NULL, &ca), 0);
    assert_int_equal(gp(b, "report certifications --date 2026-06-30", NULL, &cb), 0);
    assert_int_equal(gp(c, "report certifications --date 2026-06-30", NULL, &cc), 0);
    assert_non_null(strstr(cs, "\"valid\""));
    assert_string_equal(ca, cs);
    assert_string_equal(cb, cs);
    assert_string_equal(cc, cs);
    free(cs);
    free(ca);
    free(cb);
    free(cc);

    /* one bad row at the very end, after several runs went to disk */
    str_puts(&big, "E001,,Too late,formal,2025-02-30,8,,0,0,no,completed\n");
    snprintf(args, sizeof args, "import learning %s",
             write_file("big-bad.csv", str_cstr(&big)));
    char *before;
    assert_int_equal(gp(b, "export learning", NULL, &before), 0);
    assert_int_equal(gp(b, args, NULL, NULL), 1);
    char *after;
    assert_int_equal(gp(b, "export learning", NULL, &after), 0);
    assert_string_equal(after, before);
    assert_int_equal(entries_in(tmp), 0);
    unsetenv("GROEIPAD_IMPORT_MEMORY");
    unsetenv("TMPDIR");
    free(before);
    free(after);
    free(ra);
    free(rb);
    free(in_memory);
    free(in_runs);
    free(piped);
    free(one);
    str_free(&big);
}

/* Imports FILE into a fresh organisation like SRC's, with two readers or
 * one; what the import printed (both streams) in *SAID, and the learning
 * exported afterwards. */
static char *import_fresh(const char *name, const char *src, const char *file, bool one,
                          char **said)
{
    const char *db = test_path(name);
    org_like(db, src);
    char args[1024], *out;
    snprintf(args, sizeof args, "import learning %s 2>&1 | sed 's/ ([0-9.]* s)$//'", file);
    if (one)
        setenv("GROEIPAD_IMPORT_THREADS", "1", 1);
    gp(db, args, NULL, said);
    unsetenv("GROEIPAD_IMPORT_THREADS");
    assert_int_equal(gp(db, "export learning", NULL, &out), 0);
    return out;
}

/* A learning file over 1 MB is read by two threads, each half into its own
 * sorter and log: the records written, the problems and their line numbers
 * are those of one reader; and when the half-way guess falls inside a
 * quoted field that spans lines, the file is read again by one. */
static void test_two_readers_read_as_one(void **state)
{
    (void)state;
    const char *src = test_path("two-src.db"), *body;
    char *one = demo_learning(src, &body);
    str ok = STR_INIT, bad = STR_INIT, quoted = STR_INIT;
    str_append(&ok, one, (size_t)(body - one));
    str_append(&bad, one, (size_t)(body - one));
    str_append(&quoted, one, (size_t)(body - one));
    for (int copy = 0; copy < 64; copy++) {
        str_puts(&ok, body);
        str_puts(&bad, body);
        if (copy == 15)
            str_puts(&bad, "E001,,Early,formal,2025-02-30,,8,,0,0,no,completed\n");
        if (copy == 48)
            str_puts(&bad, "NOPE,,Late,formal,2025-03-03,,8,,0,0,no,completed\n");
        if (copy == 32) { /* 660 KB around the middle */
            str_puts(&quoted, "E002,,\"A title");
            for (int line = 0; line < 60000; line++)
                str_puts(&quoted, " over\nlines");
            str_puts(&quoted, "\",formal,2025-05-05,,8,,0,0,no,completed\n");
        }
        str_puts(&quoted, body);
    }
    assert_true(ok.len > ((size_t)1 << 20) + 100000);
    const char *files[] = {write_file("two-ok.csv", str_cstr(&ok)),
                           write_file("two-bad.csv", str_cstr(&bad)),
                           write_file("two-quoted.csv", str_cstr(&quoted))};
    for (int f = 0; f < 3; f++) {
        char name[2][32], *said[2], *learning[2];
        for (int one_reader = 0; one_reader < 2; one_reader++) {
            snprintf(name[one_reader], sizeof name[one_reader], "two-%d-%d.db", f, one_reader);
            learning[one_reader] = import_fresh(name[one_reader], src, files[f], one_reader,
                                                &said[one_reader]);
        }
        assert_string_equal(said[0], said[1]);
        assert_string_equal(learning[0], learning[1]);
        if (f == 1) {
            /* both problems, at their lines in the whole file */
            assert_non_null(strstr(said[0], "2 "));
            char where[64];
            int lines = 0; /* of one copy of the body */
            for (const char *c = body; *c; c++)
                lines += *c == '\n';
            snprintf(where, sizeof where, "two-bad.csv:%d:", 1 + 16 * lines + 1);
            assert_non_null(strstr(said[0], where));
            snprintf(where, sizeof where, "two-bad.csv:%d:", 1 + 49 * lines + 2);
            assert_non_null(strstr(said[0], where));
        } else {
            assert_non_null(strstr(said[0], "rows: "));
            assert_true(strlen(learning[0]) > ok.len / 2);
        }
        for (int i = 0; i < 2; i++) {
            free(said[i]);
            free(learning[i]);
        }
    }
    str_free(&ok);
    str_free(&bad);
    str_free(&quoted);
    free(one);
}

/* A row the database refuses while the records are written (here a trigger
 * stands for a full disk): the import fails whole, the feeding thread stops
 * with it, and nothing of the file stays, with one thread or two. */
static void test_failed_write_leaves_nothing(void **state)
{
    (void)state;
    const char *src = test_path("fail-src.db"), *body;
    char *one = demo_learning(src, &body);
    str file = STR_INIT;
    str_append(&file, one, (size_t)(body - one));
    for (int copy = 0; copy < 30; copy++) { /* some 10,000 records: blocks ahead */
        str_puts(&file, body);
        if (copy == 15)
            /* written in employee order: E060's records come half-way */
            str_puts(&file, "E060,,Boom,formal,2025-02-03,,8,,0,0,no,completed\n");
    }
    char args[1024];
    snprintf(args, sizeof args, "import learning %s >/dev/null 2>&1",
             write_file("fail-learning.csv", str_cstr(&file)));
    for (int threads = 1; threads <= 2; threads++) {
        char name[32];
        snprintf(name, sizeof name, "fail-%d.db", threads);
        const char *path = test_path(name);
        org_like(path, src);
        store *s = test_store_open(path);
        if (test_pg()) {
            assert_int_equal(store_exec_once(s, "CREATE FUNCTION boom() RETURNS trigger "
                                                "LANGUAGE plpgsql AS $$ BEGIN IF NEW.title = "
                                                "'Boom' THEN RAISE EXCEPTION 'boom'; END IF; "
                                                "RETURN NEW; END $$"),
                             STORE_OK);
            assert_int_equal(store_exec_once(s, "CREATE TRIGGER boom BEFORE INSERT ON "
                                                "learning_records FOR EACH ROW EXECUTE "
                                                "FUNCTION boom()"),
                             STORE_OK);
        } else {
            assert_int_equal(store_exec_once(s, "CREATE TRIGGER boom BEFORE INSERT ON "
                                                "learning_records WHEN NEW.title = 'Boom' "
                                                "BEGIN SELECT RAISE(ABORT, 'boom'); END"),
                             STORE_OK);
        }
        store_close(s);
        char *before, *after, *right_before, *right_after;
        assert_int_equal(gp(path, "export learning", NULL, &before), 0);
        assert_int_equal(gp(path, "report training-right --year 2025", NULL, &right_before), 0);
        if (threads == 1)
            setenv("GROEIPAD_IMPORT_THREADS", "1", 1);
        assert_int_not_equal(gp(path, args, NULL, NULL), 0);
        unsetenv("GROEIPAD_IMPORT_THREADS");
        assert_int_equal(gp(path, "export learning", NULL, &after), 0);
        assert_int_equal(gp(path, "report training-right --year 2025", NULL, &right_after), 0);
        assert_string_equal(after, before);
        assert_string_equal(right_after, right_before);
        free(before);
        free(after);
        free(right_before);
        free(right_after);
    }
    str_free(&file);
    free(one);
}

/* One import of several files, two of them learning into an empty
 * organisation: the second adds to the sums the first wrote into the empty
 * learning_totals (an upsert by its key, which PostgreSQL builds again as
 * soon as the first file's rows are in), and every record is summed. */
static void test_one_import_of_several_files(void **state)
{
    (void)state;
    store *s = test_store_open(test_path("several.db"));
    static const char more_learning[] = "employee_id;title;type;start_date;hours\r\n"
                                        "B1;Brandoefening;formal;03/03/2025;2\r\n"
                                        "B3;Onthaal;informal;01/04/2025;4\r\n";
    const char *texts[] = {excel_employees, excel_activities, excel_learning, more_learning};
    import_kind kinds[] = {IMPORT_EMPLOYEES, IMPORT_ACTIVITIES, IMPORT_LEARNING,
                           IMPORT_LEARNING};
    import_input in[4];
    for (int i = 0; i < 4; i++)
        in[i] = (import_input){kinds[i], import_kind_names[kinds[i]], strdup(texts[i]),
                               strlen(texts[i]), false};
    import_options opt = {"test", 0, 0, NULL, NULL, 0, false};
    arena a = ARENA_INIT;
    import_log log;
    import_log_init(&log, &a);
    import_counts counts[IMPORT_KINDS];
    str err = STR_INIT;
    int rc = import_run(s, in, 4, &opt, &log, counts, &err);
    if (rc != IMPORT_DONE)
        fail_msg("import: %d %s (%zu problems)", rc, str_cstr(&err), log.total);
    assert_int_equal(counts[IMPORT_LEARNING].created, 6);
    assert_int_equal(store_count(s, "SELECT count(*) FROM learning_records"), 6);
    assert_int_equal(store_count(s, "SELECT sum(records) FROM learning_totals"), 6);
    /* B1's formal learning of 2025: two records of the first file, one of
     * the second, in one row of sums */
    assert_int_equal(store_count(s, "SELECT records FROM learning_totals t JOIN employees e "
                                    "ON e.id = t.employee_id WHERE e.employee_id = 'B1' "
                                    "AND t.year = 2025 AND t.type = 0"),
                     3);
    for (int i = 0; i < 4; i++)
        free(in[i].data);
    str_free(&err);
    arena_free(&a);
    store_close(s);
}

/* ---- the web: upload page and API ---- */

static store *db;

static void test_upload_page_takes_two_files_at_once(void **state)
{
    (void)state;
    db = demo_store(test_path("upload.db"));
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    str body = STR_INIT;
    const char *b = "XyZzY";
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", b,
               csrf);
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"employees\"; "
                      "filename=\"staff.csv\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n", b,
               "employee_id;first_name;last_name;gender;birth_date;hire_date;department;function;"
               "category;contract;fte;education\r\nN1;Nieuw;Mens;F;01/01/2000;01/01/2025;Verkoop;"
               "Verkoper;white_collar;permanent;1;high");
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"learning\"; "
                      "filename=\"learn.csv\"\r\n\r\n%s\r\n--%s--\r\n", b,
               "employee_id;title;type;start_date;hours\r\nN1;Onthaal;informal;02/01/2025;4",
               b);
    exchange x;
    memset(&x, 0, sizeof x);
    assert_true(request_init(&x.req, &x.a, db, "POST", "/import"));
    assert_true(params_parse_cookies(&x.a, &x.req.cookies, cookie));
    x.req.content_type = "multipart/form-data; boundary=XyZzY";
    assert_true(request_parse_multipart(&x.req, x.req.content_type, body.p, body.len));
    response_init(&x.resp);
    router_handle(&x.req, &x.resp);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(str_cstr(&x.resp.body), "staff.csv"));
    exchange_free(&x);
    assert_true(employees_row(db, "N1") > 0);
    /* the people refused: the learning of the person they would add is
     * refused too, and the page says why both files are listed */
    str_free(&body);
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", b,
               csrf);
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"employees\"; "
                      "filename=\"staff.csv\"\r\n\r\n%s\r\n", b,
               "employee_id;first_name;last_name;gender;birth_date;hire_date;department;function;"
               "category;contract;fte;education\r\nN2;Nog;Mens;F;01/01/2000;01/01/2025;Verkoop;"
               "Verkoper;white_collar;permanent;veel;high");
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"learning\"; "
                      "filename=\"learn.csv\"\r\n\r\n%s\r\n--%s--\r\n", b,
               "employee_id;title;type;start_date;hours\r\nN2;Onthaal;informal;02/01/2025;4",
               b);
    memset(&x, 0, sizeof x);
    assert_true(request_init(&x.req, &x.a, db, "POST", "/import"));
    assert_true(params_parse_cookies(&x.a, &x.req.cookies, cookie));
    x.req.content_type = "multipart/form-data; boundary=XyZzY";
    assert_true(request_parse_multipart(&x.req, x.req.content_type, body.p, body.len));
    response_init(&x.resp);
    router_handle(&x.req, &x.resp);
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(str_cstr(&x.resp.body), "learn.csv"));
    assert_non_null(strstr(str_cstr(&x.resp.body), "Verbeter eerst het eerste bestand."));
    exchange_free(&x);
    assert_int_equal(employees_row(db, "N2"), 0);
    str_free(&body);
    free(cookie);
}

/* A bearer token for LOGIN. */
static const char *token_for(const char *login)
{
    static char auth[4][100];
    static int next;
    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE];
    token_new(token);
    token_hash(token, hash);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, login, &u, NULL), STORE_ROW);
    assert_int_equal(tokens_add(db, u.id, hash), STORE_OK);
    arena_free(&a);
    char *slot = auth[next++ % 4];
    snprintf(slot, 100, "Bearer %s", token);
    return slot;
}

static int api(const char *method, const char *target, const char *auth, const char *json,
               json_t **out)
{
    exchange x;
    memset(&x, 0, sizeof x);
    assert_true(request_init(&x.req, &x.a, db, method, target));
    x.req.authorization = auth;
    if (json) {
        x.req.body = json;
        x.req.body_len = strlen(json);
        x.req.content_type = "application/json";
    }
    response_init(&x.resp);
    router_handle(&x.req, &x.resp);
    int status = x.resp.status;
    if (out) {
        json_error_t err;
        *out = json_loads(str_cstr(&x.resp.body), 0, &err);
        assert_non_null(*out);
    }
    exchange_free(&x);
    return status;
}

static void test_api_writes_with_import_rules(void **state)
{
    (void)state;
    const char *admin = token_for("admin"), *manager = token_for("manager");
    json_t *j;
    assert_int_equal(api("POST", "/api/v1/employees", admin,
                         "{\"employee_id\":\"A9\",\"first_name\":\"Api\",\"last_name\":\"Person\","
                         "\"gender\":\"M\",\"birth_date\":\"1990-01-01\",\"hire_date\":"
                         "\"2020-01-01\",\"department\":\"Productie\",\"function\":\"Operator\","
                         "\"category\":\"blue_collar\",\"contract\":\"permanent\",\"fte\":0.5,"
                         "\"education\":\"low\",\"manager_id\":\"E001\"}", &j), 201);
    assert_int_equal(json_integer_value(json_object_get(j, "created")), 1);
    json_decref(j);
    /* one bad item of two: nothing saved, the problem named */
    assert_int_equal(api("POST", "/api/v1/learning", admin,
                         "[{\"employee_id\":\"A9\",\"title\":\"Ok\",\"type\":\"formal\","
                         "\"start_date\":\"2025-03-01\",\"hours\":2},{\"employee_id\":\"A9\","
                         "\"title\":\"Bad\",\"type\":\"formal\",\"start_date\":\"2025-03-01\","
                         "\"hours\":-2}]", &j), 422);
    json_t *problem = json_array_get(json_object_get(json_object_get(j, "error"), "problems"), 0);
    assert_int_equal(json_integer_value(json_object_get(problem, "item")), 2);
    assert_string_equal(json_string_value(json_object_get(problem, "column")), "hours");
    json_decref(j);
    assert_int_equal(api("POST", "/api/v1/learning", admin, "{\"colour\":1}", NULL), 422);
    assert_int_equal(api("POST", "/api/v1/learning", admin, "{not json", NULL), 400);
    /* a manager writes for the team only */
    assert_int_equal(api("POST", "/api/v1/learning", manager,
                         "{\"employee_id\":\"E050\",\"title\":\"X\",\"type\":\"formal\","
                         "\"start_date\":\"2025-03-01\",\"hours\":2}", NULL), 403);
    assert_int_equal(api("POST", "/api/v1/learning", manager,
                         "{\"employee_id\":\"A9\",\"title\":\"Team\",\"type\":\"formal\","
                         "\"start_date\":\"2025-03-01\",\"hours\":2}", NULL), 201);
    /* nor for themself: nobody confirms their own learning */
    assert_int_equal(api("POST", "/api/v1/learning", manager,
                         "{\"employee_id\":\"E001\",\"title\":\"Own\",\"type\":\"formal\","
                         "\"start_date\":\"2025-03-01\",\"hours\":2}", NULL), 403);
    assert_int_equal(api("POST", "/api/v1/employees", manager, "{}", NULL), 403);
}

static void test_api_reads_are_scoped(void **state)
{
    (void)state;
    const char *worker = token_for("employee"), *rep = token_for("representative");
    const char *manager = token_for("manager");
    json_t *j;
    assert_int_equal(api("GET", "/api/v1/learning?limit=1000", worker, NULL, &j), 200);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(j, "items"), i, item)
        assert_string_equal(json_string_value(json_object_get(item, "employee_id")), "E010");
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/learning", rep, NULL, NULL), 403);
    assert_int_equal(api("GET", "/api/v1/employees", rep, NULL, NULL), 403);
    /* born abroad and a disability are HR's and the person's own: a manager
     * reads the team without them, an employee their own line with them */
    assert_int_equal(api("GET", "/api/v1/employees?limit=500", manager, NULL, &j), 200);
    assert_true(json_array_size(json_object_get(j, "items")) > 5);
    json_array_foreach(json_object_get(j, "items"), i, item) {
        assert_null(json_object_get(item, "disability"));
        assert_null(json_object_get(item, "born_abroad"));
        assert_non_null(json_object_get(item, "department"));
    }
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/employees", worker, NULL, &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    assert_non_null(json_object_get(json_array_get(json_object_get(j, "items"), 0),
                                    "disability"));
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/employees?limit=5", token_for("admin"), NULL, &j), 200);
    assert_non_null(json_object_get(json_array_get(json_object_get(j, "items"), 0),
                                    "disability"));
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/activities", rep, NULL, &j), 200);
    assert_true(json_integer_value(json_object_get(j, "total")) >= 15);
    json_decref(j);
    /* the training right: one line for an employee, the team for a manager,
     * totals only for a representative */
    assert_int_equal(api("GET", "/api/v1/reports/training-right?year=2025", worker, NULL, &j),
                     200);
    assert_int_equal(json_array_size(json_object_get(j, "employees")), 1);
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/reports/training-right?year=2025", manager, NULL, &j),
                     200);
    size_t team = json_array_size(json_object_get(j, "employees"));
    assert_true(team > 10 && team < 50);
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/reports/training-right?year=2025", rep, NULL, &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "employees")), 0);
    assert_true(json_number_value(json_object_get(json_object_get(j, "totals"), "fte")) > 50);
    json_decref(j);
    /* min_group never below the setting for a representative */
    assert_int_equal(api("GET", "/api/v1/reports/participation?year=2025&by=function&min_group=1",
                         rep, NULL, &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "min_group")), 5);
    json_array_foreach(json_object_get(j, "groups"), i, item)
        if (!json_is_true(json_object_get(item, "suppressed")))
            assert_true(json_integer_value(json_object_get(item, "headcount")) >= 5);
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/reports/social-balance?year=2025", worker, NULL, NULL),
                     403);
    /* the demo has two employees of gender X: their figures are hidden from
     * representatives, shown to HR */
    assert_int_equal(api("GET", "/api/v1/reports/social-balance?year=2025", rep, NULL, &j), 200);
    json_t *xs = json_object_get(json_object_get(json_object_get(j, "formal"), "participants"), "X");
    assert_true(json_is_null(xs));
    assert_int_equal(json_array_size(json_object_get(j, "warnings")), 0);
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/reports/social-balance?year=2025", token_for("admin"),
                         NULL, &j), 200);
    xs = json_object_get(json_object_get(json_object_get(j, "formal"), "participants"), "X");
    assert_true(json_is_integer(xs));
    json_decref(j);
    assert_int_equal(api("GET", "/api/v1/reports/participation?year=2025", rep, NULL, NULL), 400);
    assert_int_equal(api("GET", "/api/v1/reports/nothing?year=2025", rep, NULL, NULL), 404);
}

static void test_self_logged_learning_needs_the_manager(void **state)
{
    (void)state;
    char csrf[65], body[256];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    exchange x;
    snprintf(body, sizeof body, "csrf=%s&title=Lean+workshop&form=conference&start_date="
                                "2025-04-01&hours=3%%2C5", csrf);
    run_request(&x, db, "POST", "/my/log", cookie, body, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    arena a = ARENA_INIT;
    learning_claim *claims;
    size_t n;
    assert_int_equal(claims_list(db, &a, 0, 0, true, &claims, &n), STORE_OK);
    /* the demo's personas have claims waiting too: find this one */
    size_t mine = n;
    for (size_t i = 0; i < n; i++)
        if (strcmp(claims[i].title, "Lean workshop") == 0)
            mine = i;
    assert_true(mine < n);
    assert_int_equal(claims[mine].hours, 350);
    int64_t id = claims[mine].id;
    arena_free(&a);
    /* the employee cannot confirm it; their manager can */
    char target[64];
    snprintf(target, sizeof target, "/claims/%lld", (long long)id);
    snprintf(body, sizeof body, "csrf=%s&decision=confirm", csrf);
    run_request(&x, db, "POST", target, cookie, body, NULL);
    assert_int_equal(x.resp.status, 403);
    exchange_free(&x);
    free(cookie);
    cookie = login_cookie(db, "manager", "demo-manager", csrf);
    int64_t before = learning_count(db);
    snprintf(body, sizeof body, "csrf=%s&decision=confirm", csrf);
    run_request(&x, db, "POST", target, cookie, body, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(learning_count(db), before + 1);
    run_request(&x, db, "POST", target, cookie, body, NULL); /* decided already */
    assert_int_equal(x.resp.status, 409);
    exchange_free(&x);
    free(cookie);
    store_close(db);
}

/* The one number SQL answers on ON. */
static int64_t sql_count(store *on, const char *sql)
{
    stmt *s = store_prepare(on, sql);
    assert_non_null(s);
    assert_int_equal(stmt_step(s), STORE_ROW);
    int64_t n = stmt_int(s, 0);
    stmt_done(s);
    return n;
}

/* The rows of the tables that point at learning records that point at a
 * record no longer there, and those that point at a record of 2026. */
static int64_t dangling(store *on, bool of_2026)
{
    static const char *const tables[] = {"eval_answers", "eval_comments", "learning_tests",
                                         "followups", "incentive_claims", "learning_claims",
                                         "enrolments", "onboarding_modules",
                                         "community_attendance", "job_rotations"};
    /* a string per statement: the statement cache keys on its address */
    static char sqls[2][sizeof tables / sizeof *tables][300];
    int64_t n = 0;
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        char *sql = sqls[of_2026][i];
        snprintf(sql, sizeof sqls[0][0],
                 of_2026 ? "SELECT count(*) FROM %s t JOIN learning_records r ON r.id = "
                           "t.record_id WHERE r.start_date >= '2026-01-01'"
                         : "SELECT count(*) FROM %s t WHERE t.record_id IS NOT NULL AND NOT "
                           "EXISTS (SELECT 1 FROM learning_records r WHERE r.id = t.record_id)",
                 tables[i]);
        n += sql_count(on, sql);
    }
    return n;
}

/* Replacing a year of the demo, whose sessions, claims, evaluations and
 * onboarding point at records of that year: the import goes through on
 * both backends, and nothing points at a record that went (before, SQLite
 * left such rows behind and PostgreSQL refused the import). */
static void test_replace_year_lets_go_of_references(void **state)
{
    (void)state;
    const char *path = test_path("replace-refs.db");
    store *org = demo_store(path);
    assert_true(dangling(org, true) > 0); /* the demo's history points at 2026 */
    /* the tables that point at records are those dangling() and the store's
     * let_go_of_year know: a new one must join both lists */
    assert_int_equal(sql_count(org, test_pg()
                                        ? "SELECT count(*) FROM pg_constraint WHERE contype = "
                                          "'f' AND confrelid = 'learning_records'::regclass"
                                        : "SELECT count(*) FROM sqlite_master m, "
                                          "pragma_foreign_key_list(m.name) f WHERE m.type = "
                                          "'table' AND f.\"table\" = 'learning_records'"),
                     10);
    store_close(org);
    char args[256], *out;
    snprintf(args, sizeof args, "import learning %s --replace-year 2026",
             write_file("replace-refs.csv", "employee_id,title,type,start_date,hours\n"
                                            "E002,Only this,formal,2026-05-05,8\n"));
    assert_int_equal(gp(path, args, NULL, &out), 0);
    free(out);
    org = test_store_open(path);
    assert_int_equal(dangling(org, false), 0);
    assert_int_equal(dangling(org, true), 0);
    assert_int_equal(sql_count(org, "SELECT count(*) FROM learning_records WHERE start_date "
                                   ">= '2026-01-01' AND start_date <= '2026-12-31'"), 1);
    store_close(org);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excel_dialect_imports_as_is),
        cmocka_unit_test(test_names_match_whatever_their_case),
        cmocka_unit_test(test_windows_1252_from_excel),
        cmocka_unit_test(test_separator_line),
        cmocka_unit_test(test_short_row_says_where_it_stops),
        cmocka_unit_test(test_comma_dialect),
        cmocka_unit_test(test_every_rule_refuses_the_whole_file),
        cmocka_unit_test(test_many_problems_are_all_counted),
        cmocka_unit_test(test_importing_twice_is_said),
        cmocka_unit_test(test_round_trip_and_updates),
        cmocka_unit_test(test_big_learning_file_in_bounded_memory),
        cmocka_unit_test(test_two_readers_read_as_one),
        cmocka_unit_test(test_failed_write_leaves_nothing),
        cmocka_unit_test(test_one_import_of_several_files),
        cmocka_unit_test(test_upload_page_takes_two_files_at_once),
        cmocka_unit_test(test_api_writes_with_import_rules),
        cmocka_unit_test(test_api_reads_are_scoped),
        cmocka_unit_test(test_self_logged_learning_needs_the_manager),
        cmocka_unit_test(test_replace_year_lets_go_of_references),
    };
    return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
