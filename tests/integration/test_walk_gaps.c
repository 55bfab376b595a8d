/* test_walk_gaps.c - five gaps a walk through the product found, each kept
 * closed: a count that disagreed with the buttons beside it, an unknown
 * employee number taken for an outside trainer's name, a failed export
 * that left part of its output, a restore that could not bring back a lost
 * table, and a form that named its problems one round at a time. On SQLite
 * and on PostgreSQL; the pages in Dutch, the default language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include "helpers.h"
#include "util/date.h"
#include "util/str.h"
#include "store/data.h"
#include "web/router.h"
#include "web/server.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("gaps.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* The page TARGET as LOGIN sees it (heap), its status in *STATUS. */
static char *page_as(const char *login, const char *password, const char *target, int *status)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    *status = x.resp.status;
    char *text = strdup(exchange_body(&x));
    assert_non_null(text);
    exchange_free(&x);
    free(cookie);
    return text;
}

/* How often NEEDLE occurs in TEXT. */
static int occurrences(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* 1. The newcomer's home page said "1 module awaits your signature" beside
 * three Sign buttons: a module may be signed before its week (RULES.md §7
 * sets no order), so the count counts every module the page lets them
 * sign. The mentor's count of a newcomer agrees with the buttons on that
 * newcomer's page in the same way. */
static void test_onboarding_count_matches_sign_buttons(void **state)
{
    (void)state;
    int status;
    char *home = page_as("newcomer", "demo-newcomer", "/", &status);
    assert_int_equal(status, 200);
    const char *sentence = strstr(home, "Mijn onthaal</h2><p>");
    assert_non_null(sentence);
    int said = atoi(sentence + strlen("Mijn onthaal</h2><p>"));
    int buttons = occurrences(home, "/sign\"");
    assert_true(buttons >= 2); /* the demo leaves more than one to sign */
    assert_int_equal(said, buttons);
    free(home);

    char *list = page_as("mentor", "demo-mentor", "/onboarding", &status);
    assert_int_equal(status, 200);
    const char *row = strstr(list, "href=\"/onboarding/E046\"");
    assert_non_null(row);
    const char *end = strstr(row, "</tr>");
    assert_non_null(end);
    const char *cell = strstr(row, "<td class=\"num\">"); /* the row's count */
    assert_true(cell && cell < end);
    int mentor_said = atoi(cell + strlen("<td class=\"num\">"));
    free(list);
    char *page = page_as("mentor", "demo-mentor", "/onboarding/E046", &status);
    assert_int_equal(status, 200);
    assert_int_equal(mentor_said, occurrences(page, "/sign\""));
    assert_true(mentor_said >= 2);
    free(page);
}

/* POSTs urlencoded FIELDS to TARGET as COOKIE (with its CSRF token) into X,
 * freed by the caller. */
static void post(exchange *x, const char *cookie, const char *csrf, const char *target,
                 const char *fields)
{
    str body = STR_INIT;
    str_printf(&body, "csrf=%s&%s", csrf, fields);
    assert_true(str_ok(&body));
    run_request(x, db, "POST", target, cookie, str_cstr(&body), NULL);
    str_free(&body);
}

/* The session form with trainer TRAINER (urlencoded) for its one date. */
static const char *session_fields(const char *trainer)
{
    static char fields[512];
    char day[DATE_TEXT_SIZE];
    date_format(date_today() + 40, day);
    snprintf(fields, sizeof fields, "activity=VCA&language=nl&shift=day&capacity=5&"
             "registration_deadline=%s&cancellation_deadline=%s&day_1=%s&start_1=09:00&"
             "end_1=12:00&trainer_1=%s", day, day, day, trainer);
    return fields;
}

/* 2. A trainer that looks like an employee number but names no employee
 * is refused, saying which number, with the form kept as typed; an outside
 * trainer's name is still taken as a name. */
static void test_unknown_trainer_number_is_refused(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    int64_t sessions = store_count(db, "SELECT count(*) FROM training_sessions");
    exchange x;
    post(&x, cookie, csrf, "/sessions/new", session_fields("E999"));
    assert_int_equal(x.resp.status, 422);
    const char *body = exchange_body(&x);
    assert_non_null(strstr(body, "<p class=\"error\" role=\"alert\">Er is geen medewerker met "
                                 "het personeelsnummer E999."));
    assert_non_null(strstr(body, "name=\"trainer_1\" value=\"E999\""));
    exchange_free(&x);
    /* a wrong trainer does not hide what else the date breaks */
    char fields[600];
    snprintf(fields, sizeof fields, "%s", session_fields("E999"));
    char *end = strstr(fields, "end_1=12:00");
    assert_non_null(end);
    memcpy(end, "end_1=08:00", strlen("end_1=08:00"));
    post(&x, cookie, csrf, "/sessions/new", fields);
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "het personeelsnummer E999"));
    assert_non_null(strstr(exchange_body(&x), "Een datum eindigt voor hij begint."));
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM training_sessions"), sessions);
    assert_int_equal(store_count(db, "SELECT count(*) FROM session_dates WHERE "
                                     "trainer_name = 'E999'"), 0);
    /* every mistake of the form at once */
    post(&x, cookie, csrf, "/sessions/new", "activity=VCA&language=nl&shift=&capacity=veel&"
                                            "registration_deadline=&cancellation_deadline=&"
                                            "day_1=31%2F02%2F2030&start_1=9u&end_1=12:00");
    assert_int_equal(x.resp.status, 422);
    body = exchange_body(&x);
    static const char *const every[] = {
        "Kies het uurrooster", "Geef het aantal plaatsen", "Geef beide uiterste data",
        "Geef elke datum", "Geef begin en einde van elke datum", NULL};
    for (const char *const *m = every; *m; m++)
        if (!strstr(body, *m))
            fail_msg("no \"%s\" in %.800s", *m, strstr(body, "role=\"alert\""));
    exchange_free(&x);
    /* and every rule a readable session breaks, with what could not be read
     * said once (the 31st of February is no deadline) */
    post(&x, cookie, csrf, "/sessions/new", "activity=VCA&language=nl&shift=day&capacity=-3&"
                                            "late_fee=-10&registration_deadline=31%2F02%2F2030&"
                                            "cancellation_deadline=2030-01-01&"
                                            "day_1=2001-01-01&start_1=12:00&end_1=09:00");
    assert_int_equal(x.resp.status, 422);
    body = exchange_body(&x);
    static const char *const rules[] = {
        "Geef beide uiterste data als dagen die bestaan", "Het aantal plaatsen moet",
        "Kosten en vergoedingen", "in het verleden", "Een datum eindigt voor", NULL};
    for (const char *const *m = rules; *m; m++)
        if (!strstr(body, *m))
            fail_msg("no \"%s\" in %.800s", *m, strstr(body, "role=\"alert\""));
    /* the day that does not exist comes back as typed, in a text input
     * (a date input would show it empty) */
    assert_non_null(strstr(body, "name=\"registration_deadline\" type=\"text\" required "
                                 "value=\"31/02/2030\""));
    /* a day the date field holds keeps its picker */
    assert_non_null(strstr(body, "name=\"cancellation_deadline\" type=\"date\" required "
                                 "value=\"2030-01-01\""));
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM training_sessions"), sessions);
    /* an outside trainer's name is taken as it is */
    post(&x, cookie, csrf, "/sessions/new", session_fields("Anna+Peeters%2C+Vormingplus"));
    assert_int_equal(x.resp.status, 303);
    const char *location = response_get_header(&x.resp, "Location");
    assert_non_null(location);
    char edit[96];
    snprintf(edit, sizeof edit, "%s/edit", location);
    long long session = atoll(strrchr(location, '/') + 1);
    assert_true(session > 0);
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM session_dates WHERE "
                                     "trainer_name = 'Anna Peeters, Vormingplus'"), 1);
    /* the same on changing a session: refused, the name kept */
    post(&x, cookie, csrf, edit, session_fields("e777"));
    assert_int_equal(x.resp.status, 422);
    assert_non_null(strstr(exchange_body(&x), "personeelsnummer e777."));
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM session_dates WHERE "
                                     "trainer_name = 'Anna Peeters, Vormingplus'"), 1);
    /* a short name that looks like a number, but like none of this
     * organisation's numbers (E001 and on), is a name */
    post(&x, cookie, csrf, edit, session_fields("3M"));
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(store_count(db, "SELECT count(*) FROM session_dates WHERE "
                                     "trainer_name = '3M'"), 1);
    /* an employee's number is that employee */
    post(&x, cookie, csrf, edit, session_fields("E004"));
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM session_dates d JOIN employees e ON "
                              "e.id = d.trainer_id WHERE d.session_id = %lld AND "
                              "e.employee_id = 'E004' AND d.trainer_name IS NULL", session);
    assert_int_equal(store_count(db, sql), 1);
    free(cookie);
}

/* The start of a command line running groeipad on DB (its organisation on
 * the test site), into OUT. */
static void groeipad_on(str *out, const char *path)
{
    if (test_pg())
        str_printf(out, "%s --pg '%s' --org %s", groeipad_bin(), test_pg(), test_org(path));
    else
        str_printf(out, "%s --db %s", groeipad_bin(), path);
}

/* The size of the file at PATH, or -1 when there is none. */
static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

/* 3. An export that fails after its first megabyte (here: the file it is
 * redirected to may not grow past 2 MB) leaves the file as it was, and
 * says so; before, the first megabytes stayed, looking like an export. */
static void test_failed_export_leaves_nothing(void **state)
{
    (void)state;
    const char *path = test_path("gaps-export.db");
    assert_int_equal(gp(path, "demo >/dev/null", NULL, NULL), 0);
    /* some 30,000 records, 6 MB of CSV */
    str csv = STR_INIT;
    str_puts(&csv, "employee_id;title;type;start_date;hours\n");
    for (int i = 0; i < 30000; i++)
        str_printf(&csv, "%s;Opleiding %d met een lange titel zodat de export groot genoeg "
                         "wordt om na de eerste megabyte te falen, ook met bash;informal;"
                         "2025-%02d-%02d;1\n", (const char *[]){"E001", "E004", "E010"}[i % 3],
                   i, 1 + i % 12, 1 + i % 28);
    assert_true(str_ok(&csv));
    const char *file = write_file("gaps-learning.csv", str_cstr(&csv));
    str_free(&csv);
    char args[600];
    snprintf(args, sizeof args, "import learning %s >/dev/null", file);
    assert_int_equal(gp(path, args, NULL, NULL), 0);
    const char *target = test_path("gaps-export.csv"), *errors = test_path("gaps-export.err");
    str cmd = STR_INIT;
    groeipad_on(&cmd, path);
    str_printf(&cmd, " export learning > %s", target);
    assert_true(str_ok(&cmd));
    /* whole, it is over 4 MB */
    assert_int_equal(run_shell(str_cstr(&cmd), NULL, NULL), 0);
    long whole = file_size(target);
    assert_true(whole > (4l << 20));
    /* at most 2 MB (4000 blocks of 512 bytes; bash counts 1024): the write
     * fails with EFBIG, the signal that would end the process ignored */
    str limited = STR_INIT;
    str_printf(&limited, "ulimit -f 4000; trap '' XFSZ; %s 2> %s", str_cstr(&cmd), errors);
    assert_true(str_ok(&limited));
    assert_int_equal(run_shell(str_cstr(&limited), NULL, NULL), 3);
    assert_int_equal(file_size(target), 0);
    char *said = NULL;
    str cat = STR_INIT;
    str_printf(&cat, "cat %s", errors);
    assert_int_equal(run_shell(str_cstr(&cat), NULL, &said), 0);
    assert_non_null(strstr(said, "nothing was written"));
    free(said);
    /* appended to a file ('>>'): what was there stays, nothing is added */
    str_clear(&limited);
    str_printf(&limited, "echo kept > %s; ulimit -f 4000; trap '' XFSZ; %s", target,
               str_cstr(&cmd));
    char *gt = strrchr(limited.p, '>');
    assert_non_null(gt);
    str appended = STR_INIT;
    str_printf(&appended, "%.*s>%s 2>/dev/null", (int)(gt - limited.p), limited.p, gt);
    assert_int_equal(run_shell(str_cstr(&appended), NULL, NULL), 3);
    assert_int_equal(file_size(target), 5); /* "kept\n" */
    /* read-write over a file ('1<>'): its start is written over, so the
     * file is not cut (which would lose the rest too) and the message
     * says the output is incomplete rather than "nothing was written" */
    str_clear(&appended);
    str_printf(&appended, "%.*s1<>%s 2> %s", (int)(gt - limited.p), limited.p, gt + 1, errors);
    assert_int_equal(run_shell(str_cstr(&appended), NULL, NULL), 3);
    assert_true(file_size(target) > 5);
    assert_int_equal(run_shell(str_cstr(&cat), NULL, &said), 0);
    assert_non_null(strstr(said, "INCOMPLETE"));
    free(said);
    str_free(&appended);
    str_free(&limited);
    str_free(&cat);
    str_free(&cmd);
}

/* Drops TABLE (with what depends on it) from what PATH stands for: the
 * SQLite file, or its organisation's schema on the test site. */
static void drop_table(const char *path, const char *table)
{
    if (!test_pg()) {
        sqlite3 *conn;
        assert_int_equal(sqlite3_open(path, &conn), SQLITE_OK);
        char sql[128];
        snprintf(sql, sizeof sql, "DROP TABLE %s", table);
        assert_int_equal(sqlite3_exec(conn, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(conn);
        return;
    }
    PGconn *conn = PQconnectdb(test_pg());
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    str sql = STR_INIT;
    str_printf(&sql, "SET client_min_messages TO warning; DROP TABLE org_%s.%s CASCADE",
               test_org(path), table);
    PGresult *res = PQexec(conn, str_cstr(&sql));
    assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
    PQclear(res);
    str_free(&sql);
    PQfinish(conn);
}

/* What 'groeipad ARGS' on PATH writes (heap); fails the test unless it
 * succeeds. */
static char *output_of(const char *path, const char *args)
{
    char *out;
    assert_int_equal(gp(path, args, NULL, &out), 0);
    return out;
}

/* The onboarding and training-right reports of PATH, one after the other
 * (heap). */
static char *reports_of(const char *path)
{
    char *onboarding = output_of(path, "report onboarding --date 2026-11-30 --format json");
    char *right = output_of(path, "report training-right --year 2026 --format json");
    str both = STR_INIT;
    str_printf(&both, "%s%s", onboarding, right);
    assert_true(str_ok(&both));
    free(onboarding);
    free(right);
    return str_steal(&both);
}

/* 4. A backup restores over an organisation that lost a table: the table
 * comes back with its rows, and the reports read it again. Still only
 * after --yes. On PostgreSQL also over the loss of the employees, which
 * takes the foreign keys pointing to them and the users' view along. */
static void test_restore_brings_back_a_lost_table(void **state)
{
    (void)state;
    const char *path = test_path("gaps-restore.db"), *backup = test_path("gaps-restore.bak");
    assert_int_equal(gp(path, "demo >/dev/null", NULL, NULL), 0);
    char args[600];
    snprintf(args, sizeof args, "backup %s >/dev/null", backup);
    assert_int_equal(gp(path, args, NULL, NULL), 0);
    char *before = reports_of(path);
    char *mentors = output_of(path, "export mentors");
    assert_true(strlen(mentors) > 100);
    drop_table(path, "mentor_assignments");
    assert_int_not_equal(gp(path, "export mentors >/dev/null 2>&1", NULL, NULL), 0);
    /* asks first: without --yes nothing changes, not even the table */
    snprintf(args, sizeof args, "restore %s 2>/dev/null", backup);
    assert_int_equal(gp(path, args, NULL, NULL), 2);
    assert_int_not_equal(gp(path, "export mentors >/dev/null 2>&1", NULL, NULL), 0);
    snprintf(args, sizeof args, "restore %s --yes >/dev/null", backup);
    assert_int_equal(gp(path, args, NULL, NULL), 0);
    char *again = output_of(path, "export mentors");
    assert_string_equal(again, mentors);
    free(again);
    char *after = reports_of(path);
    assert_string_equal(after, before);
    free(after);
    if (test_pg()) {
        drop_table(path, "employees");
        assert_int_equal(gp(path, args, NULL, NULL), 0);
        after = reports_of(path);
        assert_string_equal(after, before);
        free(after);
        /* the logins (a view over the site's registry) work again */
        store *org = test_store_open(path);
        char csrf[65];
        free(login_cookie(org, "admin", "demo-admin", csrf));
        store_close(org);
        /* and a backup made now restores again (its tables in an order
         * that their foreign keys allow, though employees was made last) */
        const char *second = test_path("gaps-restore2.bak");
        snprintf(args, sizeof args, "backup %s >/dev/null", second);
        assert_int_equal(gp(path, args, NULL, NULL), 0);
        snprintf(args, sizeof args, "restore %s --yes >/dev/null", second);
        assert_int_equal(gp(path, args, NULL, NULL), 0);
        after = reports_of(path);
        assert_string_equal(after, before);
        free(after);
    }
    free(mentors);
    free(before);
}

/* A logged-in admin over the wire: the cookie header in HEADERS, the CSRF
 * token in CSRF. */
static void wire_login(int port, char headers[200], char csrf[65])
{
    char *raw;
    assert_int_equal(http_request(port, "GET", "/login", NULL, NULL, &raw), 200);
    char *c = strstr(raw, "gp_csrf=");
    assert_non_null(c);
    char pre[65];
    memcpy(pre, c + 8, 64);
    pre[64] = '\0';
    free(raw);
    char body[300];
    snprintf(headers, 200, "Cookie: gp_csrf=%s\r\n", pre);
    snprintf(body, sizeof body, "csrf=%s&login=admin&password=demo-admin", pre);
    assert_int_equal(http_request(port, "POST", "/login", headers, body, &raw), 303);
    c = strstr(raw, "gp_session=");
    assert_non_null(c);
    snprintf(headers, 200, "Cookie: gp_session=%.64s\r\n", c + 11);
    free(raw);
    assert_int_equal(http_request(port, "GET", "/employees/new", headers, NULL, &raw), 200);
    c = strstr(raw, "name=\"csrf\" value=\"");
    assert_non_null(c);
    memcpy(csrf, c + 19, 64);
    csrf[64] = '\0';
    free(raw);
}

/* The employee form's fields but those in CHANGED ("name=value&..."), which
 * come first and so win. */
static const char *employee_form(const char *csrf, const char *changed)
{
    static char body[1024];
    snprintf(body, sizeof body, "csrf=%s&%s&employee_id=E950&first_name=Ann&last_name=Smet&"
             "gender=F&birth_date=1%%2F2%%2F1990&hire_date=1%%2F3%%2F2020&department=Productie&"
             "function=Operator&category=blue_collar&contract=permanent&fte=1&education=low",
             csrf, changed);
    return body;
}

/* How many problems the form's summary lists. */
static int summary_items(const char *page)
{
    const char *box = strstr(page, "<div class=\"error\" role=\"alert\">");
    assert_non_null(box);
    const char *end = strstr(box, "</div>");
    assert_non_null(end);
    int n = 0;
    for (const char *p = box; (p = strstr(p, "<li>")) != NULL && p < end; p++)
        n++;
    return n;
}

/* 5. The employee form tells every problem at once, each beside its field,
 * with what was typed kept: before, a taken number hid the other problems,
 * an unknown manager came only once the rest was right, and a new exit
 * date asked its question before the form's problems were told. Over real
 * HTTP. */
static void test_employee_form_tells_every_problem_at_once(void **state)
{
    (void)state;
    server_config cfg = {test_path("gaps.db"), NULL, "127.0.0.1", 0, 2, 0, 0, false};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    str err = STR_INIT;
    server *s = server_start(&cfg, &err);
    assert_non_null(s);
    int port = server_port(s);
    char headers[200], csrf[65], *raw;
    wire_login(port, headers, csrf);
    int64_t people = store_count(db, "SELECT count(*) FROM employees");
    /* a bad date and a manager nobody is */
    assert_int_equal(http_request(port, "POST", "/employees/new", headers,
                                  employee_form(csrf, "birth_date=31%2F02%2F1990&"
                                                      "manager_id=E999"), &raw), 422);
    assert_int_equal(summary_items(raw), 2);
    assert_non_null(strstr(raw, "<p class=\"field-error\" id=\"e-birth_date\">"));
    assert_non_null(strstr(raw, "<p class=\"field-error\" id=\"e-manager_id\">"));
    assert_non_null(strstr(raw, "value=\"31/02/1990\""));
    assert_non_null(strstr(raw, "value=\"E999\""));
    free(raw);
    /* a number taken already, and an FTE that is no number */
    assert_int_equal(http_request(port, "POST", "/employees/new", headers,
                                  employee_form(csrf, "employee_id=E001&fte=veel"), &raw), 422);
    assert_int_equal(summary_items(raw), 2);
    assert_non_null(strstr(raw, "<p class=\"field-error\" id=\"e-employee_id\">"));
    assert_non_null(strstr(raw, "<p class=\"field-error\" id=\"e-fte\">"));
    assert_non_null(strstr(raw, "value=\"veel\""));
    free(raw);
    assert_int_equal(store_count(db, "SELECT count(*) FROM employees"), people);
    /* a correction with a new exit date and two problems: the problems,
     * not yet the question about the exit date */
    assert_int_equal(http_request(port, "POST", "/employees/E002/edit", headers,
                                  employee_form(csrf, "exit_date=31%2F12%2F2026&fte=veel&"
                                                      "manager_id=E999"), &raw), 422);
    assert_int_equal(summary_items(raw), 2);
    assert_non_null(strstr(raw, "<p class=\"field-error\" id=\"e-fte\">"));
    assert_non_null(strstr(raw, "<p class=\"field-error\" id=\"e-manager_id\">"));
    assert_null(strstr(raw, "name=\"confirm\""));
    free(raw);
    /* right, it asks about the exit date as before, and nothing changed yet */
    assert_int_equal(http_request(port, "POST", "/employees/E002/edit", headers,
                                  employee_form(csrf, "exit_date=31%2F12%2F2026"), &raw), 200);
    assert_non_null(strstr(raw, "name=\"confirm\""));
    free(raw);
    assert_int_equal(store_count(db, "SELECT count(*) FROM employees WHERE exit_date IS NOT NULL "
                                     "AND employee_id = 'E002'"), 0);
    server_stop(s);
    str_free(&err);
}

/* /reports offers its figures as files, the bytes the command line writes
 * (report --format csv|xlsx), for what the caller's role may see. */
static void test_reports_download_as_the_cli_writes(void **state)
{
    (void)state;
    const char *path = test_path("gaps.db");
    char *cli;
    assert_int_equal(gp(path, "report social-balance --year 2025 --format csv", NULL, &cli), 0);
    int status;
    char *page = page_as("admin", "demo-admin",
                         "/reports/download?report=social-balance&year=2025&format=csv", &status);
    assert_int_equal(status, 200);
    /* the same up to the warnings, which speak the reader's language (the
     * command line's here is the test's, the page's Dutch) */
    const char *cut = strstr(cli, "\r\nwarning\r\n");
    size_t figures = cut ? (size_t)(cut - cli) : strlen(cli);
    assert_true(figures > 100);
    assert_memory_equal(page, cli, figures);
    assert_true(strlen(page) >= figures);
    free(page);
    free(cli);
    assert_int_equal(gp(path, "report participation --year 2025 --by age --format csv", NULL,
                        &cli), 0);
    page = page_as("representative", "demo-representative",
                   "/reports/download?report=participation&year=2025&by=age&format=csv", &status);
    assert_int_equal(status, 200);
    assert_string_equal(page, cli); /* min_group is the setting's for both */
    free(page);
    free(cli);
    page = page_as("admin", "demo-admin",
                   "/reports/download?report=participation&year=2025&by=gender&format=xlsx",
                   &status);
    assert_int_equal(status, 200);
    assert_memory_equal(page, "PK", 2);
    free(page);
    free(page_as("admin", "demo-admin", "/reports/download?report=participation&year=2025"
                                        "&format=csv", &status));
    assert_int_equal(status, 400); /* no dimension */
    free(page_as("employee", "demo-employee",
                 "/reports/download?report=social-balance&year=2025&format=csv", &status));
    assert_int_equal(status, 403);
    page = page_as("admin", "demo-admin", "/reports?year=2025", &status);
    assert_non_null(strstr(page, "/reports/download?report=social-balance&amp;year=2025&amp;"
                                 "format=xlsx"));
    free(page);
}

/* French counts one module done in the singular ("1 module terminé sur 4"),
 * as its plural rule says, not "1 modules terminés". */
static void test_french_counts_one_module(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    str both = STR_INIT;
    str_printf(&both, "%s; gp_lang=fr", cookie);
    bool seen = false;
    for (int i = 1; i <= 120; i++) { /* every newcomer's page */
        char target[40];
        snprintf(target, sizeof target, "/onboarding/E%03d", i);
        exchange x;
        run_request(&x, db, "GET", target, str_cstr(&both), NULL, NULL);
        const char *body = exchange_body(&x);
        if (x.resp.status == 200) {
            assert_null(strstr(body, ". 1 modules"));
            seen |= strstr(body, ". 1 module terminé sur") != NULL;
        }
        exchange_free(&x);
    }
    assert_true(seen);
    str_free(&both);
    free(cookie);
}

/* A code or number typed with a slash ("2024/17") has its pages: its links
 * encode the slash, the server has decoded it, and the router then lets a
 * segment hold it, the route with the longest fixed end first. */
static void test_ids_with_a_slash_have_their_pages(void **state)
{
    (void)state;
    const char *path = test_path("gaps.db");
    char args[600];
    snprintf(args, sizeof args, "import competences %s >/dev/null",
             write_file("slash-comp.csv", "code,name,kind\nQA/7,Schuine competentie,technical\n"));
    assert_int_equal(gp(path, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "import employees %s >/dev/null",
             write_file("slash-emp.csv",
                        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,"
                        "function,category,contract,fte,education\n"
                        "2024/17,Slashina,Schuin,F,1980-01-01,2020-01-01,Productie,Operator,"
                        "blue_collar,permanent,1,low\n"));
    assert_int_equal(gp(path, args, NULL, NULL), 0);
    int status;
    char *page = page_as("admin", "demo-admin", "/competences/QA/7", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(page, "Schuine competentie"));
    free(page);
    page = page_as("admin", "demo-admin", "/employees/2024/17", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(page, "Slashina"));
    free(page);
    page = page_as("admin", "demo-admin", "/employees/2024/17/edit", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(page, "value=\"Slashina\""));
    free(page);
    free(page_as("admin", "demo-admin", "/employees/2024/99", &status));
    assert_int_equal(status, 404);
}

/* A file's report keeps its shape (DESIGN.md §4): a row with a bad date
 * and an unknown manager is one problem, the date; the form's telling of
 * every problem at once does not reach `import`. */
static void test_file_report_keeps_its_shape(void **state)
{
    (void)state;
    const char *path = test_path("gaps-file.db");
    assert_int_equal(gp(path, "init >/dev/null", NULL, NULL), 0);
    const char *csv = write_file(
        "gaps-two-problems.csv",
        "employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education,manager_id\n"
        "E1,An,Aerts,F,1980-01-01,2020-01-01,D,F,blue_collar,permanent,1,low,\n"
        "E2,Bo,Baert,M,31/02/1990,2020-01-01,D,F,blue_collar,permanent,1,low,E999\n");
    char args[600], *out;
    snprintf(args, sizeof args, "import employees %s 2>&1", csv);
    assert_int_equal(gp(path, args, NULL, &out), 1);
    assert_non_null(strstr(out, "birth_date"));
    assert_null(strstr(out, "manager_id"));
    assert_non_null(strstr(out, ": 1 "));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_onboarding_count_matches_sign_buttons),
        cmocka_unit_test(test_unknown_trainer_number_is_refused),
        cmocka_unit_test(test_failed_export_leaves_nothing),
        cmocka_unit_test(test_restore_brings_back_a_lost_table),
        cmocka_unit_test(test_employee_form_tells_every_problem_at_once),
        cmocka_unit_test(test_file_report_keeps_its_shape),
        cmocka_unit_test(test_ids_with_a_slash_have_their_pages),
        cmocka_unit_test(test_reports_download_as_the_cli_writes),
        cmocka_unit_test(test_french_counts_one_module),
    };
    return cmocka_run_group_tests_name("walk_gaps", tests, setup, teardown);
}
