/* test_import_updates.c - an employee file that adds, changes, leaves alone
 * and re-links employees already there: the counts, the audit line and the
 * export after it are the same on both backends (the pg suite runs this
 * file on PostgreSQL against the same expected text), and a refused file
 * leaves everything as it was. The same for activity, mentor, profile and competence files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/store.h"

#define HEADER                                                                           \
    "employee_id,first_name,last_name,email,gender,birth_date,hire_date,exit_date,"      \
    "department,function,category,contract,fte,education,born_abroad,disability,"        \
    "manager_id,shift\n"

#define EXPORT_HEADER                                                                    \
    "employee_id,first_name,last_name,email,gender,birth_date,hire_date,exit_date,"      \
    "department,function,category,contract,fte,education,born_abroad,disability,"        \
    "manager_id,shift\r\n"

static const char first_file[] =
    HEADER
    "M1,Mia,Boss,mia@example.be,F,1970-01-01,2000-01-01,,Productie,Leider,white_collar,"
    "permanent,1,high,no,no,,day\n"
    "E1,Eva,Een,eva@example.be,F,1980-01-01,2010-01-01,,Productie,Operator,blue_collar,"
    "permanent,1,low,no,no,M1,day\n"
    "E2,Bart,Twee,bart@example.be,M,1981-02-02,2011-02-02,,Productie,Operator,blue_collar,"
    "permanent,0.8,medium,yes,,M1,night\n"
    "E3,Cas,Drie,,M,1982-03-03,2012-03-03,,Verkoop,Verkoper,white_collar,fixed_term,0.5,"
    "high,,,M1,\n"
    "E4,Dirk,Vier,,X,1983-04-04,2013-04-04,,Verkoop,Verkoper,white_collar,permanent,1,low,,,"
    "M1,\n"
    "E5,Ella,Vijf,,F,1984-05-05,2014-05-05,,Verkoop,Verkoper,white_collar,permanent,1,low,,,"
    ",rotating\n";

/* E1 and M1 as they were; E2 renamed, e-mail cleared, leaving; E3 only
 * reporting to someone else; E4 no longer to anyone; E5 in a new department
 * and function; N1 reporting to N2 below it, N2 new under E1. */
static const char update_file[] =
    HEADER
    "N1,Nina,Nieuw,,F,1990-01-01,2024-01-01,,Productie,Operator,blue_collar,trainee,1,low,"
    ",,N2,\n"
    "E1,Eva,Een,eva@example.be,F,1980-01-01,2010-01-01,,Productie,Operator,blue_collar,"
    "permanent,1,low,no,no,M1,day\n"
    "E2,Bert,Twee,,M,1981-02-02,2011-02-02,2026-06-30,Productie,Operator,blue_collar,"
    "permanent,0.8,medium,yes,,M1,night\n"
    "E3,Cas,Drie,,M,1982-03-03,2012-03-03,,Verkoop,Verkoper,white_collar,fixed_term,0.5,"
    "high,,,E5,\n"
    "E4,Dirk,Vier,,X,1983-04-04,2013-04-04,,Verkoop,Verkoper,white_collar,permanent,1,low,,,"
    ",\n"
    "M1,Mia,Boss,mia@example.be,F,1970-01-01,2000-01-01,,Productie,Leider,white_collar,"
    "permanent,1,high,no,no,,day\n"
    "E5,Ella,Vijf,,F,1984-05-05,2014-05-05,,Aankoop,Aankoper,white_collar,permanent,0.9,low,"
    "yes,,,rotating\n"
    "N2,Noor,Nieuw,,F,1991-01-01,2024-02-01,,Productie,Operator,blue_collar,trainee,1,low,"
    ",,E1,\n";

/* The export after both files, written out by hand (lines end
 * in CRLF, as spreadsheets want). */
static const char expected_export[] =
    EXPORT_HEADER
    "E1,Eva,Een,eva@example.be,F,1980-01-01,2010-01-01,,Productie,Operator,blue_collar,"
    "permanent,1,low,no,no,M1,day\r\n"
    "E2,Bert,Twee,,M,1981-02-02,2011-02-02,2026-06-30,Productie,Operator,blue_collar,"
    "permanent,0.8,medium,yes,,M1,night\r\n"
    "E3,Cas,Drie,,M,1982-03-03,2012-03-03,,Verkoop,Verkoper,white_collar,fixed_term,0.5,"
    "high,,,E5,\r\n"
    "E4,Dirk,Vier,,X,1983-04-04,2013-04-04,,Verkoop,Verkoper,white_collar,permanent,1,low,,,"
    ",\r\n"
    "E5,Ella,Vijf,,F,1984-05-05,2014-05-05,,Aankoop,Aankoper,white_collar,permanent,0.9,low,"
    "yes,,,rotating\r\n"
    "M1,Mia,Boss,mia@example.be,F,1970-01-01,2000-01-01,,Productie,Leider,white_collar,"
    "permanent,1,high,no,no,,day\r\n"
    "N1,Nina,Nieuw,,F,1990-01-01,2024-01-01,,Productie,Operator,blue_collar,trainee,1,low,"
    ",,N2,\r\n"
    "N2,Noor,Nieuw,,F,1991-01-01,2024-02-01,,Productie,Operator,blue_collar,trainee,1,low,"
    ",,E1,\r\n";

/* Imports TEXT (as file NAME) into DB as employees: the exit status, and
 * the output in *out (heap). */
static int import_employees(const char *db, const char *name, const char *text, char **out)
{
    char args[512];
    snprintf(args, sizeof args, "import employees %s 2>&1", write_file(name, text));
    return gp(db, args, NULL, out);
}

static char *export_employees(const char *db)
{
    char *out;
    assert_int_equal(gp(db, "export employees", NULL, &out), 0);
    return out;
}

/* The "after" of the newest import line of the audit log (heap). */
static char *last_import_audit(const char *path, int64_t *lines)
{
    store *db = test_store_open(path);
    *lines = store_count(db, "SELECT count(*) FROM audit_log WHERE action = 'import'");
    stmt *s = store_prepare(db, "SELECT after FROM audit_log WHERE action = 'import' "
                                "ORDER BY id DESC LIMIT 1");
    assert_non_null(s);
    assert_int_equal(stmt_step(s), STORE_ROW);
    char *after = strdup(stmt_text(s, 0));
    stmt_done(s);
    store_close(db);
    return after;
}

static void test_update_file_counts_and_exports_alike(void **state)
{
    (void)state;
    const char *db = test_path("updates.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    assert_int_equal(import_employees(db, "first.csv", first_file, &out), 0);
    assert_non_null(strstr(out, "6 rows: 6 created, 0 updated, 0 unchanged"));
    free(out);
    assert_int_equal(import_employees(db, "update.csv", update_file, &out), 0);
    assert_non_null(strstr(out, "8 rows: 2 created, 4 updated, 2 unchanged"));
    free(out);
    int64_t lines;
    char *after = last_import_audit(db, &lines);
    assert_int_equal(lines, 2);
    assert_string_equal(after, "{\"rows\":8,\"created\":2,\"updated\":4,\"unchanged\":2,"
                               "\"deleted\":0}");
    free(after);
    char *exported = export_employees(db);
    assert_string_equal(exported, expected_export);
    free(exported);
    /* The same file again changes nothing. */
    assert_int_equal(import_employees(db, "update.csv", update_file, &out), 0);
    assert_non_null(strstr(out, "8 rows: 0 created, 0 updated, 8 unchanged"));
    free(out);
    exported = export_employees(db);
    assert_string_equal(exported, expected_export);
    free(exported);
}

static void test_refused_update_file_changes_nothing(void **state)
{
    (void)state;
    const char *db = test_path("refused.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    assert_int_equal(import_employees(db, "first.csv", first_file, &out), 0);
    free(out);
    char *before = export_employees(db);
    /* A new employee, a change and a new manager link, then a manager
     * nobody knows on the last line: all or nothing. */
    static const char bad[] =
        HEADER
        "N9,Nina,Negen,,F,1990-01-01,2024-01-01,,Nieuw,Nieuw,blue_collar,trainee,1,low,,,"
        "M1,\n"
        "E1,Eva,Anders,,F,1980-01-01,2010-01-01,,Productie,Operator,blue_collar,"
        "permanent,1,low,no,no,N9,day\n"
        "E2,Bart,Twee,bart@example.be,M,1981-02-02,2011-02-02,,Productie,Operator,blue_collar,"
        "permanent,0.8,medium,yes,,NOBODY,night\n";
    assert_int_equal(import_employees(db, "bad.csv", bad, &out), 1);
    assert_non_null(strstr(out, "NOBODY"));
    free(out);
    char *after = export_employees(db);
    assert_string_equal(after, before);
    int64_t lines;
    free(last_import_audit(db, &lines));
    assert_int_equal(lines, 1);
    free(before);
    free(after);
}

/* Imports TEXT (as file NAME) into DB as KIND; expects success and returns
 * the output (heap). */
static char *import_ok(const char *db, const char *kind, const char *name, const char *text)
{
    char args[512], *out;
    snprintf(args, sizeof args, "import %s %s 2>&1", kind, write_file(name, text));
    int rc = gp(db, args, NULL, &out);
    if (rc != 0)
        fail_msg("import %s %s: exit %d: %s", kind, name, rc, out);
    return out;
}

/* An activity file that adds one activity, leaves one alone and changes the
 * type of one whose records take their type from it: the records follow
 * (the training right no longer counts the initial training). */
static void test_activity_update_file(void **state)
{
    (void)state;
    const char *db = test_path("activities.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    free(import_ok(db, "employees", "emp.csv", first_file));
    free(import_ok(db, "activities", "act.csv",
                   "code,title,type,form,hours,cost\n"
                   "A1,Een,formal,classroom,8,100\n"
                   "A2,Twee,informal,on_the_job,2,0\n"));
    free(import_ok(db, "learning", "learn.csv",
                   "employee_id,activity_code,start_date,hours,cost\n"
                   "E1,A1,2025-03-01,8,100\n"
                   "E1,A2,2025-04-01,2,0\n"));
    static const char update[] = "code,title,type,form,hours,cost,validity_months\n"
                                 "A3,Drie,formal,e_learning,1,0,24\n"
                                 "A2,Twee,informal,on_the_job,2,0,\n"
                                 "A1,Een,initial,classroom,8,100,\n";
    out = import_ok(db, "activities", "act2.csv", update);
    assert_non_null(strstr(out, "3 rows: 1 created, 1 updated, 1 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export activities", NULL, &out), 0);
    assert_string_equal(out,
                        "code,title,type,form,provider,internal,hours,cost,validity_months,"
                        "mandatory,target_functions,competences\r\n"
                        "A1,Een,initial,classroom,,no,8,100,,no,,\r\n"
                        "A2,Twee,informal,on_the_job,,no,2,0,,no,,\r\n"
                        "A3,Drie,formal,e_learning,,no,1,0,24,no,,\r\n");
    free(out);
    /* E1's training right now uses the 2 informal hours only. */
    assert_int_equal(gp(db, "report training-right --year 2025", NULL, &out), 0);
    assert_non_null(strstr(out, "\"used_days\": 0.26,"));
    free(out);
    out = import_ok(db, "activities", "act2.csv", update);
    assert_non_null(strstr(out, "3 rows: 0 created, 0 updated, 3 unchanged"));
    free(out);
}

/* A mentor file that adds an assignment, leaves one alone and ends one. */
static void test_mentor_update_file(void **state)
{
    (void)state;
    const char *db = test_path("mentors.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    free(import_ok(db, "employees", "emp.csv", first_file));
    free(import_ok(db, "mentors", "m1.csv",
                   "employee_id,mentor_id,from,to\n"
                   "E1,M1,2024-01-01,\n"
                   "E2,M1,2024-01-01,2024-06-30\n"));
    static const char update[] = "employee_id,mentor_id,from,to\n"
                                 "E3,M1,2024-02-01,\n"
                                 "E2,M1,2024-01-01,2024-06-30\n"
                                 "E1,M1,2024-01-01,2024-12-31\n";
    out = import_ok(db, "mentors", "m2.csv", update);
    assert_non_null(strstr(out, "3 rows: 1 created, 1 updated, 1 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export mentors", NULL, &out), 0);
    assert_string_equal(out, "employee_id,mentor_id,from,to\r\n"
                             "E1,M1,2024-01-01,2024-12-31\r\n"
                             "E2,M1,2024-01-01,2024-06-30\r\n"
                             "E3,M1,2024-02-01,\r\n");
    free(out);
    out = import_ok(db, "mentors", "m2.csv", update);
    assert_non_null(strstr(out, "3 rows: 0 created, 0 updated, 3 unchanged"));
    free(out);
}

/* A profile file that adds a line, leaves one alone and changes one; then
 * a competence file alike. */
static void test_profile_update_file(void **state)
{
    (void)state;
    const char *db = test_path("profiles.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    free(import_ok(db, "employees", "emp.csv", first_file));
    free(import_ok(db, "competences", "c.csv", "code,name,kind\nDIGI,Digitaal,generic\n"
                                               "TEAM,Samen,attitude\n"));
    free(import_ok(db, "profiles", "p1.csv", "function,competence_code,level_now,level_future\n"
                                             "Operator,DIGI,2,3\nOperator,TEAM,1,\n"));
    static const char update[] = "function,competence_code,level_now,level_future\n"
                                 "Leider,DIGI,3,4\nOperator,TEAM,1,\nOperator,DIGI,2,4\n";
    out = import_ok(db, "profiles", "p2.csv", update);
    assert_non_null(strstr(out, "3 rows: 1 created, 1 updated, 1 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export profiles", NULL, &out), 0);
    assert_string_equal(out, "function,competence_code,level_now,level_future\r\n"
                             "Leider,DIGI,3,4\r\nOperator,DIGI,2,4\r\nOperator,TEAM,1,1\r\n");
    free(out);
    out = import_ok(db, "profiles", "p2.csv", update);
    assert_non_null(strstr(out, "3 rows: 0 created, 0 updated, 3 unchanged"));
    free(out);
    /* The competences the profiles name: one renamed, one new, one alone. */
    static const char competences[] = "code,name,kind,description\nTEAM,Samen,attitude,\n"
                                      "NEW,Nieuw,technical,Iets\nDIGI,Digitaal werk,generic,\n";
    out = import_ok(db, "competences", "c2.csv", competences);
    assert_non_null(strstr(out, "3 rows: 1 created, 1 updated, 1 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export competences", NULL, &out), 0);
    assert_string_equal(out, "code,name,kind,description\r\nDIGI,Digitaal werk,generic,\r\n"
                             "NEW,Nieuw,technical,Iets\r\nTEAM,Samen,attitude,\r\n");
    free(out);
    out = import_ok(db, "competences", "c2.csv", competences);
    assert_non_null(strstr(out, "3 rows: 0 created, 0 updated, 3 unchanged"));
    free(out);
}

/* The required columns of an employee file only. */
#define REQUIRED_HEADER                                                                  \
    "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"  \
    "category,contract,fte,education\n"

/* A file that leaves out the optional columns (email, exit_date,
 * born_abroad, disability, manager_id, shift) keeps what is stored in them:
 * a row that differs only there is unchanged, a changed row keeps them; a
 * column the file has with an empty cell still empties it. */
static void test_absent_employee_columns_keep_stored(void **state)
{
    (void)state;
    const char *db = test_path("absent.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    free(import_ok(db, "employees", "first.csv", first_file));
    free(import_ok(db, "employees", "update.csv", update_file));
    char *before = export_employees(db);
    /* E1 as it is, E2 (leaving on 2026-06-30) as it is: both unchanged. */
    static const char same[] =
        REQUIRED_HEADER
        "E1,Eva,Een,F,1980-01-01,2010-01-01,Productie,Operator,blue_collar,permanent,1,low\n"
        "E2,Bert,Twee,M,1981-02-02,2011-02-02,Productie,Operator,blue_collar,permanent,0.8,"
        "medium\n";
    out = import_ok(db, "employees", "same.csv", same);
    assert_non_null(strstr(out, "2 rows: 0 created, 0 updated, 2 unchanged"));
    free(out);
    char *after = export_employees(db);
    assert_string_equal(after, before);
    free(after);
    free(before);
    /* E1 renamed and E2 in another function: the rest of both rows stays. */
    static const char changed[] =
        REQUIRED_HEADER
        "E1,Eefje,Een,F,1980-01-01,2010-01-01,Productie,Operator,blue_collar,permanent,1,low\n"
        "E2,Bert,Twee,M,1981-02-02,2011-02-02,Productie,Leider,blue_collar,permanent,0.8,"
        "medium\n";
    out = import_ok(db, "employees", "changed.csv", changed);
    assert_non_null(strstr(out, "2 rows: 0 created, 2 updated, 0 unchanged"));
    free(out);
    after = export_employees(db);
    assert_non_null(strstr(after, "\r\nE1,Eefje,Een,eva@example.be,F,1980-01-01,2010-01-01,,"
                                  "Productie,Operator,blue_collar,permanent,1,low,no,no,M1,"
                                  "day\r\n"));
    assert_non_null(strstr(after, "\r\nE2,Bert,Twee,,M,1981-02-02,2011-02-02,2026-06-30,"
                                  "Productie,Leider,blue_collar,permanent,0.8,medium,yes,,M1,"
                                  "night\r\n"));
    free(after);
    /* The columns the file has, empty, still empty them: E1's e-mail and
     * manager go, its shift stays. */
    static const char emptied[] =
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education,email,manager_id\n"
        "E1,Eefje,Een,F,1980-01-01,2010-01-01,Productie,Operator,blue_collar,permanent,1,low,"
        ",\n";
    out = import_ok(db, "employees", "emptied.csv", emptied);
    assert_non_null(strstr(out, "1 row: 0 created, 1 updated, 0 unchanged"));
    free(out);
    after = export_employees(db);
    assert_non_null(strstr(after, "\r\nE1,Eefje,Een,,F,1980-01-01,2010-01-01,,Productie,"
                                  "Operator,blue_collar,permanent,1,low,no,no,,day\r\n"));
    free(after);
    /* A hire date after the exit date kept is refused. */
    static const char late[] =
        REQUIRED_HEADER
        "E2,Bert,Twee,M,1981-02-02,2026-07-01,Productie,Leider,blue_collar,permanent,0.8,"
        "medium\n";
    assert_int_equal(import_employees(db, "late.csv", late, &out), 1);
    assert_non_null(strstr(out, "late.csv:2: column hire_date"));
    assert_non_null(strstr(out, "2026-06-30"));
    free(out);
    /* in Dutch: the value as the file has it, the stored date as Dutch writes it */
    char args[512];
    snprintf(args, sizeof args, "import employees %s 2>&1", test_path("late.csv"));
    assert_int_equal(gp_lang("nl", db, args, NULL, &out), 1);
    if (!strstr(out, "2026-07-01") || !strstr(out, "(30/06/2026)") || strstr(out, "2026-06-30"))
        fail_msg("%s", out);
    free(out);
}

/* The same for activity, competence and mentor files: a column left out
 * keeps what is stored. */
static void test_absent_columns_of_other_files_keep_stored(void **state)
{
    (void)state;
    const char *db = test_path("absent_other.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    free(import_ok(db, "employees", "emp.csv", first_file));
    free(import_ok(db, "competences", "c.csv", "code,name,kind,description\n"
                                               "DIGI,Digitaal,generic,Met computers\n"
                                               "TEAM,Samen,attitude,\n"));
    free(import_ok(db, "activities", "a.csv",
                   "code,title,type,form,provider,internal,hours,cost,validity_months,"
                   "mandatory,target_functions,competences\n"
                   "A1,Een,formal,classroom,Centrum,yes,8,100,60,yes,Operator,DIGI\n"));
    free(import_ok(db, "mentors", "m.csv", "employee_id,mentor_id,from,to\n"
                                           "E1,M1,2024-01-01,2024-12-31\n"));
    free(import_ok(db, "profiles", "p.csv", "function,competence_code,level_now,level_future\n"
                                            "Operator,DIGI,2,3\nOperator,TEAM,1,\n"));
    out = import_ok(db, "activities", "a2.csv", "code,title,type,form\nA1,Een,formal,classroom\n");
    assert_non_null(strstr(out, "1 row: 0 created, 0 updated, 1 unchanged"));
    free(out);
    out = import_ok(db, "activities", "a3.csv", "code,title,type,form\nA1,Eén,formal,classroom\n");
    assert_non_null(strstr(out, "1 row: 0 created, 1 updated, 0 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export activities", NULL, &out), 0);
    assert_non_null(strstr(out, "\r\nA1,Eén,formal,classroom,Centrum,yes,8,100,60,yes,Operator,"
                                "DIGI\r\n"));
    free(out);
    out = import_ok(db, "competences", "c2.csv", "code,name,kind\nDIGI,Digitaal,generic\n"
                                                 "TEAM,Samenwerken,attitude\n");
    assert_non_null(strstr(out, "2 rows: 0 created, 1 updated, 1 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export competences", NULL, &out), 0);
    assert_non_null(strstr(out, "\r\nDIGI,Digitaal,generic,Met computers\r\n"));
    free(out);
    out = import_ok(db, "mentors", "m2.csv", "employee_id,mentor_id,from\nE1,M1,2024-01-01\n");
    assert_non_null(strstr(out, "1 row: 0 created, 0 updated, 1 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export mentors", NULL, &out), 0);
    assert_non_null(strstr(out, "\r\nE1,M1,2024-01-01,2024-12-31\r\n"));
    free(out);
    /* DESIGN §4: re-importing a profile line replaces it (level_future
     * defaults to level_now), and funding replaces its pair's amounts: for
     * these two a column left out is not kept. */
    out = import_ok(db, "profiles", "p2.csv", "function,competence_code,level_now\n"
                                              "Operator,DIGI,2\nOperator,TEAM,2\n");
    assert_non_null(strstr(out, "2 rows: 0 created, 2 updated, 0 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export profiles", NULL, &out), 0);
    assert_string_equal(out, "function,competence_code,level_now,level_future\r\n"
                             "Operator,DIGI,2,2\r\nOperator,TEAM,2,2\r\n");
    free(out);
    free(import_ok(db, "funding", "f.csv", "year,type,contributions,subsidies\n"
                                           "2025,formal,1000,400\n"));
    out = import_ok(db, "funding", "f2.csv", "year,type,contributions\n2025,formal,1200\n");
    assert_non_null(strstr(out, "1 row: 0 created, 1 updated, 0 unchanged"));
    free(out);
    assert_int_equal(gp(db, "export funding", NULL, &out), 0);
    assert_non_null(strstr(out, "\r\n2025,formal,1200,0\r\n"));
    free(out);
}

/* Managers that would report to each other are refused, within the file
 * and with the links stored: one problem per cycle, naming it, on the line
 * and column of its first member; nothing is written. */
static void test_manager_cycles_refused(void **state)
{
    (void)state;
    const char *db = test_path("cycles.db");
    char *out;
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    free(out);
    free(import_ok(db, "employees", "first.csv", first_file));
    char *before = export_employees(db);
    /* Within the file: B01 under B03 under B01. */
    static const char within[] =
        HEADER
        "B01,Bea,Een,,F,1970-01-01,2000-01-01,,Bakkerij,Bakker,blue_collar,permanent,1,low,,,"
        "B03,\n"
        "B02,Bob,Twee,,M,1971-01-01,2000-01-01,,Bakkerij,Bakker,blue_collar,permanent,1,low,,,"
        "B01,\n"
        "B03,Bram,Drie,,M,1972-01-01,2000-01-01,,Bakkerij,Bakker,blue_collar,permanent,1,low,,,"
        "B01,\n";
    assert_int_equal(import_employees(db, "within.csv", within, &out), 1);
    assert_non_null(strstr(out, "B01 → B03 → B01"));
    assert_non_null(strstr(out, "within.csv:2: column manager_id"));
    assert_null(strstr(out, "B03 → B01 → B03")); /* the cycle told once */
    free(out);
    /* With the stored links: M1 (no manager) under E1, who reports to M1. */
    static const char with_stored[] =
        HEADER
        "M1,Mia,Boss,mia@example.be,F,1970-01-01,2000-01-01,,Productie,Leider,white_collar,"
        "permanent,1,high,no,no,E1,day\n";
    assert_int_equal(import_employees(db, "stored.csv", with_stored, &out), 1);
    assert_non_null(strstr(out, "M1 → E1 → M1"));
    free(out);
    /* Longer: M1 under E5 under E3, who reports to M1 as stored. */
    static const char longer[] =
        HEADER
        "E5,Ella,Vijf,,F,1984-05-05,2014-05-05,,Verkoop,Verkoper,white_collar,permanent,1,low,,,"
        "E3,rotating\n"
        "M1,Mia,Boss,mia@example.be,F,1970-01-01,2000-01-01,,Productie,Leider,white_collar,"
        "permanent,1,high,no,no,E5,day\n";
    assert_int_equal(import_employees(db, "longer.csv", longer, &out), 1);
    assert_non_null(strstr(out, "E5 → E3 → M1 → E5"));
    free(out);
    char *after = export_employees(db);
    assert_string_equal(after, before);
    free(after);
    free(before);
    /* Moving a link so that no cycle is left is fine: M1 under E1 while E1
     * now reports to nobody. */
    static const char moved[] =
        HEADER
        "M1,Mia,Boss,mia@example.be,F,1970-01-01,2000-01-01,,Productie,Leider,white_collar,"
        "permanent,1,high,no,no,E1,day\n"
        "E1,Eva,Een,eva@example.be,F,1980-01-01,2010-01-01,,Productie,Operator,blue_collar,"
        "permanent,1,low,no,no,,day\n";
    out = import_ok(db, "employees", "moved.csv", moved);
    assert_non_null(strstr(out, "2 rows: 0 created, 2 updated, 0 unchanged"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_update_file_counts_and_exports_alike),
        cmocka_unit_test(test_refused_update_file_changes_nothing),
        cmocka_unit_test(test_activity_update_file),
        cmocka_unit_test(test_mentor_update_file),
        cmocka_unit_test(test_profile_update_file),
        cmocka_unit_test(test_absent_employee_columns_keep_stored),
        cmocka_unit_test(test_absent_columns_of_other_files_keep_stored),
        cmocka_unit_test(test_manager_cycles_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
