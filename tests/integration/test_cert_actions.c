/* test_cert_actions.c - the one-click follow-up on /certifications: a
 * certification to renew becomes an enrolment in the next open session of
 * its activity, or an open need in the needs register; exactly once, however
 * often it is clicked, and only by HR or the person's manager. Runs on the
 * demo organisation, without a socket. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "app/certifications.h"
#include "app/cert_renew.h"
#include "store/data.h"
#include "store/store.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("cert-actions.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* Runs METHOD TARGET as LOGIN of the demo (POST: BODY), in English. */
static void as(exchange *x, const char *login, const char *method, const char *target,
               const char *body)
{
    run_as_demo(x, db, login, method, target, body);
}

/* A line to renew as the caller in ROLE at employee ROW sees it: the person
 * (not the caller) and activity into WHO and CODE; false when there is none.
 * OUTSIDE: one the manager at ROW does not see (HR's view). */
typedef struct pick {
    char who[32], code[64];
    int64_t person_row, activity_row;
} pick;

static int64_t made_for(const pick *p);

static bool find_line(int role, int64_t row, const char *not_who, pick *p)
{
    arena a = ARENA_INIT;
    cert_query q = {date_today(), role, row, -1, NULL, NULL, false};
    cert_view v;
    str err = STR_INIT;
    assert_int_equal(cert_view_build(db, &a, &q, false, &v, &err), CERT_OK);
    str_free(&err);
    bool found = false;
    for (size_t i = 0; i < v.r.nlines && !found; i++) {
        const cert_line *l = &v.r.lines[i];
        const employee *e = &v.f.people[l->person];
        if (l->status == CERT_VALID || e->id == row ||
            (not_who && strcmp(e->employee_id, not_who) == 0))
            continue;
        snprintf(p->who, sizeof p->who, "%s", e->employee_id);
        snprintf(p->code, sizeof p->code, "%s", v.f.acts[l->activity].code);
        p->person_row = e->id;
        p->activity_row = v.f.acts[l->activity].id;
        found = made_for(p) == 0; /* nothing done yet for it (the demo enrols some) */
    }
    arena_free(&a);
    return found;
}

/* What a click can have made for P: its enrolments in sessions of its
 * activity plus its needs from certifications. */
static int64_t made_for(const pick *p)
{
    /* literal SQL with bound values: the store keeps statements by their text */
    stmt *s = store_prepare(db, "SELECT (SELECT count(*) FROM enrolments x JOIN "
                                "training_sessions s ON s.id = x.session_id WHERE "
                                "x.employee_id = ? AND s.activity_id = ? AND x.state IN "
                                "('requested', 'approved', 'enrolled', 'waitlisted')) + "
                                "(SELECT count(*) FROM training_needs WHERE employee_id = ? AND "
                                "source = 'certification' AND title LIKE '%' || ?)");
    assert_non_null(s);
    char tail[80];
    snprintf(tail, sizeof tail, " (%s)", p->code);
    stmt_bind_int(s, 1, p->person_row);
    stmt_bind_int(s, 2, p->activity_row);
    stmt_bind_int(s, 3, p->person_row);
    stmt_bind_text(s, 4, tail);
    assert_int_equal(stmt_step(s), STORE_ROW);
    int64_t n = stmt_int(s, 0);
    stmt_done(s);
    return n;
}

/* The needs of the person at ROW. */
static int64_t needs_of(int64_t row)
{
    stmt *s = store_prepare(db, "SELECT count(*) FROM training_needs WHERE employee_id = ?");
    assert_non_null(s);
    stmt_bind_int(s, 1, row);
    assert_int_equal(stmt_step(s), STORE_ROW);
    int64_t n = stmt_int(s, 0);
    stmt_done(s);
    return n;
}

/* Clicks the follow-up of P as LOGIN; the status, and the notice after the
 * redirect into NOTICE (when 303). */
static int click(const char *login, const pick *p, char *notice, size_t size)
{
    char body[160];
    snprintf(body, sizeof body, "employee_id=%s&activity=%s", p->who, p->code);
    exchange x;
    as(&x, login, "POST", "/certifications/renew", body);
    int status = x.resp.status;
    const char *to = response_get_header(&x.resp, "Location");
    if (notice)
        snprintf(notice, size, "%s", to && strstr(to, "renewed=") ? strstr(to, "renewed=") + 8
                                                                   : "");
    if (status == 303 && to) {
        exchange page;
        as(&page, login, "GET", to, NULL);
        assert_int_equal(page.resp.status, 200);
        assert_non_null(strstr(exchange_body(&page), "class=\"notice\""));
        exchange_free(&page);
    }
    exchange_free(&x);
    return status;
}

static int64_t user_row(const char *login)
{
    stmt *s = store_prepare(db, "SELECT employee_id FROM users WHERE login = ?");
    assert_non_null(s);
    stmt_bind_text(s, 1, login);
    assert_int_equal(stmt_step(s), STORE_ROW);
    int64_t n = stmt_int(s, 0);
    stmt_done(s);
    return n;
}

/* The manager follows up a line of their team once; more clicks, theirs or
 * HR's, add nothing. */
/* True when the certifications page, as LOGIN, offers the follow-up click
 * of P. */
static bool offers_click(const char *login, const pick *p)
{
    char form[200];
    snprintf(form, sizeof form, "name=\"employee_id\" value=\"%s\"><input type=\"hidden\" "
             "name=\"activity\" value=\"%s\">", p->who, p->code);
    exchange x;
    as(&x, login, "GET", "/certifications", NULL);
    assert_int_equal(x.resp.status, 200);
    bool offered = strstr(exchange_body(&x), form) != NULL;
    exchange_free(&x);
    return offered;
}

static void test_manager_once(void **state)
{
    (void)state;
    pick p;
    assert_true(find_line(ROLE_MANAGER, user_row("manager"), NULL, &p));
    int64_t before = made_for(&p);
    char notice[32];
    assert_true(offers_click("manager", &p));
    assert_int_equal(click("manager", &p, notice, sizeof notice), 303);
    /* enrolled (or asked, or waiting), the line says so instead */
    if (strcmp(notice, "need") != 0)
        assert_false(offers_click("manager", &p));
    assert_int_equal(made_for(&p), before + 1);
    assert_true(strcmp(notice, "enrolled") == 0 || strcmp(notice, "requested") == 0 ||
                strcmp(notice, "waitlisted") == 0 || strcmp(notice, "need") == 0);
    assert_int_equal(click("manager", &p, notice, sizeof notice), 303);
    assert_true(strcmp(notice, "already") == 0 || strcmp(notice, "need_exists") == 0);
    assert_int_equal(click("admin", &p, notice, sizeof notice), 303);
    assert_true(strcmp(notice, "already") == 0 || strcmp(notice, "need_exists") == 0);
    assert_int_equal(made_for(&p), before + 1);
}

/* HR follows up anyone's line, also outside the manager's team; the
 * manager may not; an employee never. */
static void test_admin_and_scope(void **state)
{
    (void)state;
    pick p, mine;
    int64_t manager = user_row("manager");
    assert_true(find_line(ROLE_MANAGER, manager, NULL, &mine));
    /* a line HR sees that the manager does not */
    arena a = ARENA_INIT;
    cert_query q = {date_today(), ROLE_MANAGER, manager, -1, NULL, NULL, false};
    cert_view team;
    str err = STR_INIT;
    assert_int_equal(cert_view_build(db, &a, &q, false, &team, &err), CERT_OK);
    str_free(&err);
    q.role = ROLE_ADMIN;
    cert_view all;
    assert_int_equal(cert_view_build(db, &a, &q, false, &all, &err), CERT_OK);
    str_free(&err);
    bool found = false;
    for (size_t i = 0; i < all.r.nlines && !found; i++) {
        const cert_line *l = &all.r.lines[i];
        const employee *e = &all.f.people[l->person];
        bool seen = false;
        for (size_t k = 0; k < team.r.nlines; k++)
            seen |= strcmp(team.f.people[team.r.lines[k].person].employee_id,
                           e->employee_id) == 0;
        if (l->status == CERT_VALID || seen)
            continue;
        snprintf(p.who, sizeof p.who, "%s", e->employee_id);
        snprintf(p.code, sizeof p.code, "%s", all.f.acts[l->activity].code);
        p.person_row = e->id;
        p.activity_row = all.f.acts[l->activity].id;
        found = made_for(&p) == 0;
    }
    arena_free(&a);
    assert_true(found);
    int64_t before = made_for(&p);
    assert_int_equal(click("manager", &p, NULL, 0), 403);
    assert_int_equal(click("employee", &p, NULL, 0), 403);
    assert_int_equal(click("employee", &mine, NULL, 0), 403);
    assert_int_equal(click("representative", &p, NULL, 0), 403);
    assert_int_equal(made_for(&p), before);
    char notice[32];
    assert_int_equal(click("admin", &p, notice, sizeof notice), 303);
    assert_int_equal(made_for(&p), before + 1);
    assert_int_equal(click("admin", &p, notice, sizeof notice), 303);
    assert_true(strcmp(notice, "already") == 0 || strcmp(notice, "need_exists") == 0);
    assert_int_equal(made_for(&p), before + 1);
    /* the page offers the form to HR, not to the employee */
    exchange x;
    as(&x, "admin", "GET", "/certifications", NULL);
    assert_non_null(strstr(exchange_body(&x), "action=\"/certifications/renew\""));
    exchange_free(&x);
    as(&x, "employee", "GET", "/certifications", NULL);
    assert_null(strstr(exchange_body(&x), "action=\"/certifications/renew\""));
    exchange_free(&x);
}

/* Both ways exist: with an open session of the activity the click enrols
 * (and the need register is not touched); without, it signals a need. */
/* P is booked in a coming session whose registration has closed since:
 * a click then picks another session (or signals a need), yet the person
 * is booked already, so it adds nothing (MADE stays as it is). */
static void booked_elsewhere(const pick *p, int64_t made)
{
    stmt *s = store_prepare(db, "UPDATE training_sessions SET registration_deadline = ? "
                                "WHERE activity_id = ? AND id IN (SELECT session_id FROM "
                                "enrolments WHERE employee_id = ?)");
    assert_non_null(s);
    stmt_bind_date(s, 1, date_today() - 1);
    stmt_bind_int(s, 2, p->activity_row);
    stmt_bind_int(s, 3, p->person_row);
    assert_int_equal(stmt_exec(s), STORE_OK);
    char notice[32];
    assert_int_equal(click("admin", p, notice, sizeof notice), 303);
    assert_string_equal(notice, "already");
    assert_int_equal(made_for(p), made);
}

static void test_session_or_need(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    cert_query q = {date_today(), ROLE_ADMIN, 0, -1, NULL, NULL, false};
    cert_view all;
    str err = STR_INIT;
    assert_int_equal(cert_view_build(db, &a, &q, false, &all, &err), CERT_OK);
    str_free(&err);
    int enrolled = 0, needs = 0;
    for (size_t i = 0; i < all.r.nlines && i < 400 && (!enrolled || !needs); i++) {
        const cert_line *l = &all.r.lines[i];
        if (l->status == CERT_VALID)
            continue;
        pick p;
        snprintf(p.who, sizeof p.who, "%s", all.f.people[l->person].employee_id);
        snprintf(p.code, sizeof p.code, "%s", all.f.acts[l->activity].code);
        p.person_row = all.f.people[l->person].id;
        p.activity_row = all.f.acts[l->activity].id;
        char notice[32];
        int64_t needs_before = needs_of(p.person_row), before = made_for(&p);
        assert_int_equal(click("admin", &p, notice, sizeof notice), 303);
        if (strcmp(notice, "enrolled") == 0 || strcmp(notice, "waitlisted") == 0 ||
            strcmp(notice, "requested") == 0) {
            assert_int_equal(needs_of(p.person_row), needs_before);
            assert_int_equal(made_for(&p), before + 1);
            assert_int_equal(click("admin", &p, notice, sizeof notice), 303);
            assert_string_equal(notice, "already");
            assert_int_equal(made_for(&p), before + 1);
            if (!enrolled)
                booked_elsewhere(&p, before + 1);
            enrolled++;
        } else if (strcmp(notice, "need") == 0) {
            assert_int_equal(needs_of(p.person_row), needs_before + 1);
            /* a second click finds the open need and adds none */
            assert_int_equal(click("admin", &p, notice, sizeof notice), 303);
            assert_string_equal(notice, "need_exists");
            assert_int_equal(needs_of(p.person_row), needs_before + 1);
            needs++;
        }
    }
    arena_free(&a);
    assert_true(needs > 0);
    assert_true(enrolled > 0);
    print_message("enrolled %d, needs %d\n", enrolled, needs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manager_once),
        cmocka_unit_test(test_admin_and_scope),
        cmocka_unit_test(test_session_or_need),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
