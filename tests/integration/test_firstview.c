/* test_firstview.c - issue 16, the "firstview" part: what the cheaper first
 * views compute is what the slower queries computed (the budgets' spending
 * per department, the employer size from the staff alone); a row stored
 * with invalid UTF-8 before the input checks existed is still exported and
 * reported, as U+FFFD; cookies must be UTF-8; the behind_tls_proxy setting
 * makes the server trust X-Forwarded-Proto as the serve option does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "core/rules.h"
#include "store/data.h"
#include "store/evaluation.h"
#include "store/facts.h"
#include "store/plans.h"
#include "util/crypto.h"
#include "util/text.h"
#include "web/router.h"
#include "web/server.h"

static store *db;
static const char *db_path;

static int setup(void **state)
{
    (void)state;
    db_path = test_path("firstview.db");
    db = demo_store(db_path);
    return db ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* The spending per department as the budgets showed it before (one
 * correlated sum per department), for NAME in YEAR; -1 when unknown. */
static int64_t spent_the_old_way(const char *name, int year)
{
    stmt *s = store_prepare(db, "SELECT coalesce((SELECT sum(t.cost - t.subsidy) FROM "
                                "learning_totals t JOIN employees e ON e.id = t.employee_id "
                                "WHERE t.year = ? AND e.department_id = d.id), 0) "
                                "FROM departments d WHERE d.name = ?");
    assert_non_null(s);
    stmt_bind_int(s, 1, year);
    stmt_bind_text(s, 2, name);
    int64_t v = -1;
    if (stmt_step(s) == STORE_ROW) {
        v = stmt_int(s, 0);
        stmt_done(s);
    }
    return v;
}

static void test_budget_spending_per_department(void **state)
{
    (void)state;
    int today = date_year(date_today());
    int checked = 0, with_spending = 0;
    for (int year = today - 2; year <= today; year++) {
        arena a = ARENA_INIT;
        plan p;
        if (plans_get(db, &a, year, &p) != STORE_ROW) {
            arena_free(&a);
            continue;
        }
        plan_budget *list;
        size_t n;
        assert_int_equal(plans_budgets(db, &a, p.id, year, &list, &n), STORE_OK);
        assert_true(n > 0);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(list[i].spent, spent_the_old_way(list[i].department, year));
            with_spending += list[i].spent != 0;
            checked++;
        }
        arena_free(&a);
    }
    assert_true(checked > 0);
    assert_true(with_spending > 0); /* the demo spends: the test compares something */
}

static void test_employer_size_from_staff_alone(void **state)
{
    (void)state;
    rule_settings s;
    assert_int_equal(rule_settings_load(db, &s), STORE_OK);
    s.employer_size = -1; /* computed, not a setting */
    for (int year = 2024; year <= 2027; year++) {
        arena a = ARENA_INIT;
        facts all, staff;
        assert_int_equal(facts_load(db, &a, year, year, &all), STORE_OK);
        assert_int_equal(facts_load_staff(db, &a, &staff), STORE_OK);
        assert_int_equal(staff.npeople, all.npeople);
        employer_size x = employer_size_for(&all, &s, year), y = employer_size_for(&staff, &s, year);
        assert_true(x.sum > 0);
        assert_int_equal(x.sum, y.sum);
        assert_int_equal(x.quarters, y.quarters);
        arena_free(&a);
    }
}

/* The training right from the right hours alone, and from only the fields
 * of the people it uses (with their departments, or without), equals the one
 * from every total and field; each person keeps what it lists them by. */
static void test_training_right_from_right_hours(void **state)
{
    (void)state;
    rule_settings s;
    assert_int_equal(rule_settings_load(db, &s), STORE_OK);
    int year = date_year(date_today());
    for (int departments = 0; departments <= 1; departments++) {
        arena a = ARENA_INIT;
        facts all, lean;
        assert_int_equal(facts_load(db, &a, right_first_year(year), year, &all), STORE_OK);
        assert_int_equal(facts_load_right(db, &a, right_first_year(year), year, departments,
                                          &lean),
                         STORE_OK);
        assert_null(lean.totals);
        assert_int_equal(lean.npeople, all.npeople);
        for (size_t i = 0; i < all.npeople; i++) {
            const employee *e = &all.people[i], *l = &lean.people[i];
            assert_int_equal(l->id, e->id);
            assert_string_equal(l->employee_id, e->employee_id);
            assert_true(l->hire_date == e->hire_date && l->exit_date == e->exit_date);
            assert_int_equal(l->fte, e->fte);
            assert_string_equal(l->department, departments ? e->department : "");
        }
        right_line *l1 = arena_alloc(&a, (all.npeople + 1) * sizeof *l1);
        right_line *l2 = arena_alloc(&a, (lean.npeople + 1) * sizeof *l2);
        right_report r1, r2;
        assert_true(training_right(&all, &s, year, l1, &r1));
        assert_true(training_right(&lean, &s, year, l2, &r2));
        assert_int_equal(r1.nlines, r2.nlines);
        assert_true(r1.total_used > 0);
        assert_true(r1.total_used == r2.total_used &&
                    r1.total_entitlement == r2.total_entitlement);
        for (size_t i = 0; i < r1.nlines; i++)
            assert_memory_equal(&l1[i], &l2[i], sizeof l1[i]);
        arena_free(&a);
    }
}

/* A manager's open follow-ups, now read through the team's records, are
 * everyone's open follow-ups that belong to the team. */
static void test_followups_of_a_team(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "manager", &u, NULL), STORE_ROW);
    employee_query q = {0};
    q.team_of = u.employee_row;
    employee *team;
    size_t nteam, total;
    assert_int_equal(employees_list(db, &a, &q, &team, &nteam, &total), STORE_OK);
    followup *all, *mine;
    size_t nall, nmine, expected = 0;
    date_t today = date_today();
    assert_int_equal(followups_open(db, &a, 0, today, &all, &nall), STORE_OK);
    assert_int_equal(followups_open(db, &a, u.employee_row, today, &mine, &nmine), STORE_OK);
    for (size_t i = 0; i < nall; i++) {
        bool in_team = false;
        for (size_t k = 0; k < nteam; k++)
            in_team |= strcmp(team[k].employee_id, all[i].employee_id) == 0;
        if (!in_team)
            continue;
        assert_true(expected < nmine);
        assert_int_equal(mine[expected].record_id, all[i].record_id); /* same order */
        expected++;
    }
    assert_int_equal(nmine, expected);
    assert_true(nmine > 0 && nall > nmine); /* the demo has some, and others' too */
    /* Nobody's team: nothing. */
    assert_int_equal(followups_open(db, &a, -1, today, &mine, &nmine), STORE_OK);
    assert_int_equal(nmine, 0);
    arena_free(&a);
}

/* Stores TEXT (with invalid UTF-8) straight into COLUMN of TABLE where
 * WHERE_COLUMN is KEY, as a row written before the input was checked. */
static void store_raw(const char *sql, const char *text, const char *key)
{
    assert_int_equal(store_begin(db), STORE_OK);
    stmt *s = store_prepare(db, sql);
    assert_non_null(s);
    stmt_bind_text(s, 1, text);
    stmt_bind_text(s, 2, key);
    assert_int_equal(stmt_exec(s), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
}

static void test_invalid_utf8_rows_still_export(void **state)
{
    (void)state;
    if (test_pg()) {
        /* PostgreSQL refuses such bytes in a UTF-8 database itself. */
        skip();
        return;
    }
    store_raw("UPDATE employees SET first_name = ? WHERE employee_id = ?", "Jo\xe9l\xff", "E010");
    store_raw("UPDATE departments SET name = ? WHERE name = ?", "Productie\xe9", "Productie");
    /* HR's JSON export: every row, the bad bytes as U+FFFD. */
    char *out = NULL;
    assert_int_equal(gp(db_path, "export employees --format json", NULL, &out), 0);
    assert_true(utf8_valid(out, strlen(out)));
    assert_non_null(strstr(out, "\"Jo\xef\xbf\xbdl\xef\xbf\xbd\""));
    free(out);
    /* The API's list has the row too. */
    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE], auth[128];
    token_new(token);
    token_hash(token, hash);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "admin", &u, NULL), STORE_ROW);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(tokens_add(db, u.id, hash), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
    arena_free(&a);
    snprintf(auth, sizeof auth, "Bearer %s", token);
    exchange x;
    run_request(&x, db, "GET", "/api/v1/employees?q=E010", NULL, NULL, auth);
    assert_int_equal(x.resp.status, 200);
    const char *body = exchange_body(&x);
    assert_true(utf8_valid(body, strlen(body)));
    assert_non_null(strstr(body, "Jo\xef\xbf\xbdl\xef\xbf\xbd"));
    exchange_free(&x);
    /* A report written by the JSON writer: the department's name. */
    assert_int_equal(gp(db_path, "report participation --by department --year 2025 "
                                 "--min-group 1", NULL, &out), 0);
    assert_true(utf8_valid(out, strlen(out)));
    assert_non_null(strstr(out, "\"Productie\xef\xbf\xbd\""));
    free(out);
    store_raw("UPDATE departments SET name = ? WHERE name = ?", "Productie", "Productie\xe9");
}

static void test_cookies_must_be_utf8(void **state)
{
    (void)state;
    exchange x;
    run_request(&x, db, "GET", "/login", "gp_csrf=ok; theme=dark\xff", NULL, NULL);
    assert_int_equal(x.resp.status, 400);
    assert_non_null(strstr(exchange_body(&x), "cookie"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/login", "gp_csrf=ok; theme=donker-\xc3\xa9", NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    exchange_free(&x);
}

/* GET /login on a server started with OPTION (and the setting as stored),
 * as if a TLS proxy said https: true when the cookie came back Secure. */
static bool secure_cookie(bool option)
{
    server_config cfg = {db_path, NULL, "127.0.0.1", 0, 2};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    cfg.behind_tls_proxy = option;
    str err = STR_INIT;
    server *srv = server_start(&cfg, &err);
    str_free(&err);
    assert_non_null(srv);
    char *raw = NULL;
    int status = http_request(server_port(srv), "GET", "/login", "X-Forwarded-Proto: https\r\n",
                              NULL, &raw);
    server_stop(srv);
    assert_int_equal(status, 200);
    assert_non_null(strstr(raw, "gp_csrf="));
    bool secure = strstr(raw, "; Secure") != NULL;
    free(raw);
    return secure;
}

static void set(const char *key, const char *value)
{
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(settings_set(db, "test", key, value), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
}

static void test_proxy_setting(void **state)
{
    (void)state;
    assert_false(secure_cookie(false)); /* unset: the header is not trusted */
    assert_true(secure_cookie(true));   /* the option */
    set("behind_tls_proxy", "yes");
    assert_true(secure_cookie(false));  /* the setting */
    set("behind_tls_proxy", "no");
    assert_false(secure_cookie(false));
    assert_true(secure_cookie(true));   /* the option says yes whatever the setting says */
    /* Only yes or no. */
    assert_int_equal(gp(db_path, "settings behind_tls_proxy maybe 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db_path, "settings behind_tls_proxy yes", NULL, NULL), 0);
    assert_true(secure_cookie(false));
    set("behind_tls_proxy", "no");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_spending_per_department),
        cmocka_unit_test(test_employer_size_from_staff_alone),
        cmocka_unit_test(test_training_right_from_right_hours),
        cmocka_unit_test(test_followups_of_a_team),
        cmocka_unit_test(test_invalid_utf8_rows_still_export),
        cmocka_unit_test(test_cookies_must_be_utf8),
        cmocka_unit_test(test_proxy_setting),
    };
    return cmocka_run_group_tests_name("firstview", tests, setup, teardown);
}
