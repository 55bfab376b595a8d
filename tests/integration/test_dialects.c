/* test_dialects.c - the files HR really has: Dutch and French codes, short
 * Belgian dates, thousands separators and currency in money cells, each
 * importing to the same data as the canonical file, and the round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/data.h"

/* Imports FILE_TEXT (written as NAME) as KIND into DB; expects success. */
static void import_ok(const char *db, const char *kind, const char *name, const char *file_text)
{
    char args[512], *out;
    snprintf(args, sizeof args, "import %s %s 2>&1", kind, write_file(name, file_text));
    int rc = gp(db, args, NULL, &out);
    if (rc != 0)
        fail_msg("import %s %s: exit %d: %s", kind, name, rc, out);
    free(out);
}

/* Imports TEXT as KIND into DB, expects it refused; the output (heap). */
static char *import_refused(const char *db, const char *kind, const char *text)
{
    char args[512], *out;
    snprintf(args, sizeof args, "import %s %s 2>&1", kind, write_file("bad.csv", text));
    assert_int_equal(gp(db, args, NULL, &out), 1);
    return out;
}

/* The CSV export of KIND from DB (heap). */
static char *export_of(const char *db, const char *kind)
{
    char args[128], *out;
    snprintf(args, sizeof args, "export %s", kind);
    assert_int_equal(gp(db, args, NULL, &out), 0);
    return out;
}

/* Dutch words, French words, mixed case, short dates with '/', '-' and '.'. */
static const char dutch_employees[] =
    "employee_id;first_name;last_name;gender;birth_date;hire_date;exit_date;department;"
    "function;category;contract;fte;education;born_abroad;disability;manager_id;shift\r\n"
    "D1;An;Peeters;V;5/03/1979;1/12/2020;;Productie;Operator;Arbeider;vast;0,8;laag;nee;"
    "onbekend;D2;Ploegen\r\n"
    "D2;Jan;Smet;man;5-3-1970;01-06-2010;;Productie;Ploegleider;bediende;Onbepaalde duur;1;"
    "HOOG;ja;neen;;dag\r\n"
    "D3;Els;Maes;vrouw;29.02.1996;1.4.2025;30/06/2025;Verkoop;Verkoper;BEDIENDE;bepaalde duur;"
    "0,5;midden;;;;nacht\r\n"
    "D4;Tom;Claes;H;05.03.2001;1/07/2025;;Verkoop;Jobstudent;arbeider;jobstudent;0,2;Laag;;"
    ";;wisselend\r\n"
    "D5;Lotte;Wouters;v;1/1/2000;2/1/2024;;Productie;Stagiair;arbeider;stagiair;1;laag;;;;\r\n"
    "D6;Marie;Dubois;femme;5/03/1985;1/12/2021;;Production;Ouvrière;ouvrier;CDI;1;bas;oui;"
    "inconnu;D2;jour\r\n"
    "D7;Luc;Lambert;homme;5/03/1986;1/12/2021;;Production;Employé;Employ\xC3\xA9;CDD;1;"
    "\xC3\x89LEV\xC3\x89;non;non;;nuit\r\n"
    "D8;Sophie;Martin;Femme;5/03/1987;1/12/2021;;Production;Stagiaire;EMPLOY\xC3\x89;stagiaire;"
    "1;moyen;;;;alternant\r\n"
    "D9;Julie;Petit;F;5/03/2003;1/12/2025;;Production;Étudiante;ouvrier;\xC3\xA9tudiant;0,2;"
    "\xC3\xA9lev\xC3\xA9;;;;\r\n"
    "D10;Kim;Jacobs;X;5/03/1990;1/12/2021;;Productie;Operator;arbeider;tijdelijk;1;laag;;;;\r\n";

/* The same people as groeipad writes them. */
static const char canonical_employees[] =
    "employee_id,first_name,last_name,gender,birth_date,hire_date,exit_date,department,"
    "function,category,contract,fte,education,born_abroad,disability,manager_id,shift\n"
    "D1,An,Peeters,F,1979-03-05,2020-12-01,,Productie,Operator,blue_collar,permanent,0.8,low,"
    "no,unknown,D2,rotating\n"
    "D2,Jan,Smet,M,1970-03-05,2010-06-01,,Productie,Ploegleider,white_collar,permanent,1,high,"
    "yes,no,,day\n"
    "D3,Els,Maes,F,1996-02-29,2025-04-01,2025-06-30,Verkoop,Verkoper,white_collar,fixed_term,"
    "0.5,medium,,,,night\n"
    "D4,Tom,Claes,M,2001-03-05,2025-07-01,,Verkoop,Jobstudent,blue_collar,student,0.2,low,,,,"
    "rotating\n"
    "D5,Lotte,Wouters,F,2000-01-01,2024-01-02,,Productie,Stagiair,blue_collar,trainee,1,low,,,,\n"
    "D6,Marie,Dubois,F,1985-03-05,2021-12-01,,Production,Ouvrière,blue_collar,permanent,1,low,"
    "yes,unknown,D2,day\n"
    "D7,Luc,Lambert,M,1986-03-05,2021-12-01,,Production,Employé,white_collar,fixed_term,1,high,"
    "no,no,,night\n"
    "D8,Sophie,Martin,F,1987-03-05,2021-12-01,,Production,Stagiaire,white_collar,trainee,1,"
    "medium,,,,rotating\n"
    "D9,Julie,Petit,F,2003-03-05,2025-12-01,,Production,Étudiante,blue_collar,student,0.2,high,"
    ",,,\n"
    "D10,Kim,Jacobs,X,1990-03-05,2021-12-01,,Productie,Operator,blue_collar,fixed_term,1,low,,,,"
    "\n";

static const char dutch_activities[] =
    "code;title;type;form;provider;internal;hours;cost;validity_months;mandatory\r\n"
    "VCA;VCA-basis;formal;classroom;Extern;nee;8;\xE2\x82\xAC 1.234,56;120;ja\r\n"
    "HEF;Heftruck;formal;classroom;Intern;Ja;2.000;4.350,00 \xE2\x82\xAC;;NON\r\n"
    "EXC;Excel;formal;e_learning;;oui;2 000;2\xC2\xA0" "000,50;;non\r\n";

static const char canonical_activities[] =
    "code,title,type,form,provider,internal,hours,cost,validity_months,mandatory\n"
    "VCA,VCA-basis,formal,classroom,Extern,no,8,1234.56,120,yes\n"
    "HEF,Heftruck,formal,classroom,Intern,yes,2000,4350.00,,no\n"
    "EXC,Excel,formal,e_learning,,yes,2000,2000.50,,no\n";

static const char dutch_learning[] =
    "employee_id;activity_code;title;type;start_date;end_date;hours;working_time;cost;subsidy;"
    "training_leave;result\r\n"
    "D1;VCA;;;5/03/2025;6.03.2025;7,6;ja;950,00 \xE2\x82\xAC;EUR 12,50;nee;completed\r\n"
    "D2;;Congres;formal;1-12-2025;;3,8;Nee;1,234.56;;JA;ongoing\r\n";

static const char canonical_learning[] =
    "employee_id,activity_code,title,type,start_date,end_date,hours,working_time,cost,subsidy,"
    "training_leave,result\n"
    "D1,VCA,,,2025-03-05,2025-03-06,7.6,yes,950,12.5,no,completed\n"
    "D2,,Congres,formal,2025-12-01,,3.8,no,1234.56,,yes,ongoing\n";

static const char dutch_funding[] =
    "Year;Type;Contributions;SUBSIDIES\r\n"
    "2025;formal;\xE2\x82\xAC 2.000;1\xE2\x80\xAF" "250,75 \xE2\x82\xAC\r\n";
static const char canonical_funding[] =
    "year,type,contributions,subsidies\n2025,formal,2000,1250.75\n";

/* A file in Dutch and French gives the same data as the canonical file; the
 * export writes codes; the export imports back to the same data. */
static void test_dutch_and_french_files_round_trip(void **state)
{
    (void)state;
    const char *dutch = test_path("dutch.db"), *canon = test_path("canon.db"),
               *again = test_path("again.db");
    import_ok(dutch, "employees", "nl-emp.csv", dutch_employees);
    import_ok(dutch, "activities", "nl-act.csv", dutch_activities);
    import_ok(dutch, "learning", "nl-learn.csv", dutch_learning);
    import_ok(dutch, "funding", "nl-fund.csv", dutch_funding);
    import_ok(canon, "employees", "c-emp.csv", canonical_employees);
    import_ok(canon, "activities", "c-act.csv", canonical_activities);
    import_ok(canon, "learning", "c-learn.csv", canonical_learning);
    import_ok(canon, "funding", "c-fund.csv", canonical_funding);
    const char *kinds[] = {"employees", "activities", "learning", "funding"};
    for (int i = 0; i < 4; i++) {
        char *a = export_of(dutch, kinds[i]), *b = export_of(canon, kinds[i]);
        assert_string_equal(a, b);
        /* no Dutch or French word left in the export */
        assert_null(strstr(a, "vrouw"));
        assert_null(strstr(a, "arbeider"));
        assert_null(strstr(a, "\xE2\x82\xAC"));
        char name[32];
        snprintf(name, sizeof name, "again-%d.csv", i);
        import_ok(again, kinds[i], name, a);
        char *c = export_of(again, kinds[i]);
        assert_string_equal(a, c);
        free(a);
        free(b);
        free(c);
    }
}

/* Excel's plain CSV on a Belgian Windows: the French words in Windows-1252. */
static void test_french_words_in_windows_1252(void **state)
{
    (void)state;
    const char *db = test_path("cp1252.db");
    import_ok(db, "employees", "cp.csv",
              "employee_id;first_name;last_name;gender;birth_date;hire_date;department;"
              "function;category;contract;fte;education\r\n"
              "W1;Zo\xEB;Dupont;femme;5/03/1979;1/12/2020;Atelier;Ouvri\xE8re;employ\xE9;"
              "\xC9TUDIANT;0,5;\xE9lev\xE9\r\n");
    char *out = export_of(db, "employees");
    assert_non_null(strstr(out, "W1,Zoë,Dupont,,F,1979-03-05,2020-12-01,,Atelier,Ouvrière,"
                                "white_collar,student,0.5,high,"));
    free(out);
}

/* A two-digit year is refused with a message that says so. */
static void test_short_year_is_refused_and_said(void **state)
{
    (void)state;
    const char *db = test_path("short.db");
    char *out = import_refused(db, "employees",
                               "employee_id,first_name,last_name,gender,birth_date,hire_date,"
                               "department,function,category,contract,fte,education\n"
                               "S1,A,B,V,5/03/79,1/12/2020,D,F,arbeider,vast,1,laag\n");
    assert_non_null(strstr(out, "bad.csv:2: column birth_date: value '5/03/79': "));
    assert_non_null(strstr(out, "four digits"));
    free(out);
    /* more decimals than allowed is an error, not a rounding */
    out = import_refused(db, "activities", "code;title;type;form;hours;cost\n"
                                           "X;T;formal;classroom;1;\xE2\x82\xAC 1234,505\n");
    assert_non_null(strstr(out, "column cost"));
    assert_non_null(strstr(out, "at most 2 decimals"));
    free(out);
    /* a lone comma is the decimal mark: 7,555 hours is an error, never 7555
     * hours; 1,250 euro says how to write thousands */
    out = import_refused(db, "activities", "code;title;type;form;hours;cost\n"
                                           "X;T;formal;classroom;7,555;1,250\n");
    assert_non_null(strstr(out, "column hours: value '7,555'"));
    assert_non_null(strstr(out, "for thousands, write 1250"));
    free(out);
    out = import_refused(db, "activities", "code;title;type;form;hours;cost\n"
                                           "X;T;formal;classroom;12 \xE2\x82\xAC;1\n");
    assert_non_null(strstr(out, "column hours")); /* hours carry no currency */
    free(out);
}

/* The forms read what the imports read: the learning record form (through
 * the import) and the self-logged learning form (directly). */
static void test_forms_read_belgian_dates_and_numbers(void **state)
{
    (void)state;
    store *db = demo_store(test_path("forms.db"));
    char csrf[65], body[512];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    exchange x;
    snprintf(body, sizeof body, "csrf=%s&title=Workshop&form=conference&start_date=5%%2F03%%2F26"
                                "&hours=2", csrf);
    run_request(&x, db, "POST", "/my/log", cookie, body, NULL);
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(str_cstr(&x.resp.body), "5/03/2026")); /* four digits, as in */
    exchange_free(&x);
    /* a day that does not exist, and one still to come, are said as such */
    snprintf(body, sizeof body, "csrf=%s&title=Workshop&form=conference&start_date=31%%2F02%%2F2026"
                                "&hours=2", csrf);
    run_request(&x, db, "POST", "/my/log", cookie, body, NULL);
    assert_int_equal(x.resp.status, 422);
    assert_true(strstr(str_cstr(&x.resp.body), "does not exist") ||
                strstr(str_cstr(&x.resp.body), "bestaat niet"));
    exchange_free(&x);
    snprintf(body, sizeof body, "csrf=%s&title=Workshop&form=conference&start_date=5%%2F01%%2F2199"
                                "&hours=2", csrf);
    run_request(&x, db, "POST", "/my/log", cookie, body, NULL);
    assert_int_equal(x.resp.status, 422);
    assert_true(strstr(str_cstr(&x.resp.body), "still to come") ||
                strstr(str_cstr(&x.resp.body), "komt nog"));
    exchange_free(&x);
    /* every mistake is named at once, each field marked */
    snprintf(body, sizeof body, "csrf=%s&title=&form=&start_date=31%%2F02%%2F2026&hours=0", csrf);
    run_request(&x, db, "POST", "/my/log", cookie, body, NULL);
    assert_int_equal(x.resp.status, 422);
    static const char *const all[] = {
        "href=\"#title\">Zeg wat je geleerd hebt.", "href=\"#form\">",
        "href=\"#start_date\">", "href=\"#hours\">Geef meer dan 0 uur.",
        "id=\"start_date\" name=\"start_date\" type=\"text\" required value=\"31/02/2026\" "
        "aria-invalid=\"true\"", NULL};
    for (const char *const *want = all; *want; want++)
        if (!strstr(str_cstr(&x.resp.body), *want))
            fail_msg("no %s", *want);
    exchange_free(&x);
    snprintf(body, sizeof body, "csrf=%s&title=Workshop&form=conference&start_date=5.03.2026"
                                "&hours=2%%2C5&working_time=ja", csrf);
    run_request(&x, db, "POST", "/my/log", cookie, body, NULL);
    assert_int_equal(x.resp.status, 303);
    assert_string_equal(response_get_header(&x.resp, "Location"), "/my/log?done=sent");
    exchange_free(&x);
    arena a = ARENA_INIT;
    learning_claim *claims;
    size_t n;
    assert_int_equal(claims_list(db, &a, 0, 0, true, &claims, &n), STORE_OK);
    /* The demo's personas have claims of their own: find the workshop. */
    const learning_claim *c = NULL;
    for (size_t i = 0; i < n; i++)
        if (claims[i].title && strcmp(claims[i].title, "Workshop") == 0) {
            assert_null(c);
            c = &claims[i];
        }
    assert_non_null(c);
    assert_int_equal(c->hours, 250);
    assert_int_equal(c->working_time, 1);
    char day[DATE_TEXT_SIZE];
    date_format(c->start_date, day);
    assert_string_equal(day, "2026-03-05");
    arena_free(&a);
    free(cookie);
    /* HR's learning record form: a short date, a thousands point, a euro sign */
    cookie = login_cookie(db, "admin", "demo-admin", csrf);
    snprintf(body, sizeof body, "csrf=%s&title=Congres&type=formal&start_date=1%%2F12%%2F2025"
                                "&hours=2.000&cost=%%E2%%82%%AC+1.234%%2C56&working_time=Nee", csrf);
    run_request(&x, db, "POST", "/employees/E002/learning", cookie, body, NULL);
    if (x.resp.status != 303)
        fail_msg("status %d: %s", x.resp.status, str_cstr(&x.resp.body));
    assert_string_equal(response_get_header(&x.resp, "Location"), "/employees/E002?saved=1");
    exchange_free(&x);
    run_request(&x, db, "GET", "/employees/E002?saved=1", cookie, NULL, NULL);
    assert_non_null(strstr(str_cstr(&x.resp.body), "role=\"status\">De leerregistratie werd "
                                                   "bewaard"));
    exchange_free(&x);
    free(cookie);
    store_close(db);
    char *out;
    assert_int_equal(gp(test_path("forms.db"), "export learning --year 2025", NULL, &out), 0);
    assert_non_null(strstr(out, "\nE002,,Congres,formal,2025-12-01,,2000,no,1234.56,"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dutch_and_french_files_round_trip),
        cmocka_unit_test(test_french_words_in_windows_1252),
        cmocka_unit_test(test_short_year_is_refused_and_said),
        cmocka_unit_test(test_forms_read_belgian_dates_and_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
