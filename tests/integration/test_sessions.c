/* test_sessions.c - organising training on a real SQLite file: planning
 * checks, enrolment with approval, waiting list and its promotion, late
 * cancellation, the append-only history, closing into learning records
 * with exact totals, the outbox written with each change, and the last
 * seat taken by exactly one of two concurrent HTTP requests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>
#include "helpers.h"
#include "util/locale_fmt.h"
#include "app/training.h"
#include "store/data.h"
#include "store/sessions.h"
#include "web/server.h"
#include "util/crypto.h"

static store *db;
static date_t today;

static int64_t row_of(const char *employee_id)
{
    int64_t row = employees_row(db, employee_id);
    assert_true(row > 0);
    return row;
}

static int64_t activity_of(const char *code)
{
    int64_t row = activities_row(db, code, NULL);
    assert_true(row > 0);
    return row;
}

static int64_t count(const char *sql)
{
    int64_t n = store_count(db, sql);
    assert_true(n >= 0);
    return n;
}

/* The enrolments of session ID, in any state. */
static int64_t enrolments_in(int64_t id)
{
    int64_t n = store_int_by_id(db, "SELECT count(*) FROM enrolments WHERE session_id = ?", id);
    assert_true(n >= 0);
    return n;
}

/* The active employees of department DEPT into *LIST (from A): how many. */
static size_t active_in(const char *dept, arena *a, employee **list)
{
    employee_query q = {0};
    q.department = dept;
    q.status = 1;
    size_t n, total;
    assert_int_equal(employees_list(db, a, &q, list, &n, &total), STORE_OK);
    return n;
}

/* Sets the exit date of the employee at ROW to DAY (DATE_NONE: none). */
static void set_exit(int64_t row, date_t day)
{
    assert_int_equal(store_begin(db), STORE_OK);
    stmt *s = store_prepare(db, "UPDATE employees SET exit_date = ? WHERE id = ?");
    assert_non_null(s);
    if (day == DATE_NONE)
        stmt_bind_null(s, 1);
    else
        stmt_bind_date(s, 1, day);
    stmt_bind_int(s, 2, row);
    assert_int_equal(store_end(db, stmt_exec(s)), STORE_OK);
}

/* A session of activity CODE with N dates of 09:00-12:30 from START on
 * (one a week), CAPACITY seats. */
static session_plan plan_of(const char *code, int capacity, date_t start, size_t n,
                            session_slot *slots)
{
    session_plan p = {0};
    p.activity_row = activity_of(code);
    p.activity_code = code;
    p.language = "nl";
    p.capacity = capacity;
    p.shift = SHIFT_DAY;
    p.registration_deadline = start - 7;
    p.cancellation_deadline = start - 3;
    p.late_fee = 5000;
    p.cost = 100000;
    for (size_t i = 0; i < n; i++) {
        slots[i] = (session_slot){0};
        slots[i].day = start + 7 * (int)i;
        slots[i].start = 9 * 60;
        slots[i].end = 12 * 60 + 30;
        slots[i].place = "Opleidingslokaal";
        slots[i].trainer_name = "Extern BV";
    }
    p.slots = slots;
    p.nslots = n;
    return p;
}

/* plan_of's session, planned by admin today (it must be accepted). */
static session_plan planned(const char *code, int capacity, date_t start, size_t n,
                            session_slot *slots)
{
    enum session_problem problem;
    session_plan p = plan_of(code, capacity, start, n, slots);
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    return p;
}

static int setup(void **state)
{
    (void)state;
    today = date_today();
    db = demo_store(test_path("sessions.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static void test_bad_sessions_are_refused_and_change_nothing(void **state)
{
    (void)state;
    session_slot slots[3];
    int64_t before = count("SELECT count(*) FROM training_sessions");
    enum session_problem problem;

    session_plan p = plan_of("HACCP", 10, today + 30, 3, slots);
    slots[1].day = today - 1;
    assert_int_equal(training_plan(db, "t", &p, today, &problem), TRAINING_INVALID);
    assert_int_equal(problem, SESSION_DATE_PAST);

    p = plan_of("HACCP", 10, today + 30, 3, slots);
    slots[2].end = slots[2].start - 10;
    assert_int_equal(training_plan(db, "t", &p, today, &problem), TRAINING_INVALID);
    assert_int_equal(problem, SESSION_END_BEFORE_START);

    p = plan_of("HACCP", 0, today + 30, 3, slots);
    assert_int_equal(training_plan(db, "t", &p, today, &problem), TRAINING_INVALID);
    assert_int_equal(problem, SESSION_BAD_CAPACITY);

    p = plan_of("HACCP", 10, today + 30, 3, slots);
    p.registration_deadline = today + 31;
    assert_int_equal(training_plan(db, "t", &p, today, &problem), TRAINING_INVALID);
    assert_int_equal(problem, SESSION_DEADLINE_AFTER_START);

    p = plan_of("HACCP", 10, today + 30, 0, slots);
    assert_int_equal(training_plan(db, "t", &p, today, &problem), TRAINING_INVALID);
    assert_int_equal(problem, SESSION_NO_DATES);

    assert_int_equal(count("SELECT count(*) FROM training_sessions"), before);
}

/* The states of the history of enrolment ID, joined by ' '. */
static void history_of(int64_t id, char *out, size_t n)
{
    arena a = ARENA_INIT;
    enrolment_event *ev;
    size_t ne;
    assert_int_equal(enrolments_history(db, &a, id, &ev, &ne), STORE_OK);
    out[0] = '\0';
    for (size_t i = 0; i < ne; i++)
        snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? " " : "", ev[i].state);
    arena_free(&a);
}

static void test_approval_waiting_list_and_promotion(void **state)
{
    (void)state;
    session_slot slots[3];
    session_plan p = planned("HACCP", 2, today + 30, 3, slots);
    int64_t outbox0 = count("SELECT count(*) FROM outbox");

    /* the employee asks; the manager (E001) approves */
    enrol_outcome o1, o2, o3, d;
    assert_int_equal(training_enrol(db, "employee", p.id, row_of("E010"), false, today, &o1),
                     TRAINING_OK);
    assert_int_equal(o1.state, ENROL_REQUESTED);
    assert_int_equal(count("SELECT count(*) FROM outbox"), outbox0 + 1); /* to the manager */
    assert_int_equal(training_enrol(db, "employee", p.id, row_of("E010"), false, today, &o2),
                     TRAINING_ALREADY);
    assert_int_equal(training_decide(db, "manager", o1.enrolment_id, true, NULL, today, &d),
                     TRAINING_OK);
    assert_int_equal(d.state, ENROL_ENROLLED);
    assert_int_equal(training_decide(db, "manager", o1.enrolment_id, true, NULL, today, &d),
                     TRAINING_WRONG_STATE);

    /* HR fills the last seat, the next waits */
    assert_int_equal(training_enrol(db, "admin", p.id, row_of("E011"), true, today, &o2),
                     TRAINING_OK);
    assert_int_equal(o2.state, ENROL_ENROLLED);
    assert_int_equal(training_enrol(db, "admin", p.id, row_of("E012"), true, today, &o3),
                     TRAINING_OK);
    assert_int_equal(o3.state, ENROL_WAITLISTED);

    /* a cancellation in time frees the seat for the first waiting */
    assert_int_equal(training_cancel_enrolment(db, "employee", o1.enrolment_id, "ziek", today),
                     TRAINING_OK);
    arena a = ARENA_INIT;
    enrolment e;
    assert_int_equal(enrolments_get(db, &a, o3.enrolment_id, 0, 0, &e), STORE_ROW);
    assert_int_equal(e.state, ENROL_ENROLLED);
    assert_int_equal(enrolments_get(db, &a, o1.enrolment_id, 0, 0, &e), STORE_ROW);
    assert_int_equal(e.state, ENROL_CANCELLED);
    assert_int_equal(e.late, 0);
    assert_int_equal(e.fee_due, 0);
    session_plan now;
    assert_int_equal(tsessions_get(db, &a, p.id, &now), STORE_ROW);
    assert_int_equal(now.seats_taken, 2);

    char h[200];
    history_of(o1.enrolment_id, h, sizeof h);
    assert_string_equal(h, "requested approved enrolled cancelled");
    history_of(o3.enrolment_id, h, sizeof h);
    assert_string_equal(h, "approved waitlisted enrolled");

    /* a late cancellation carries the fee, on the day after the deadline */
    assert_int_equal(training_cancel_enrolment(db, "admin", o2.enrolment_id, NULL,
                                               p.cancellation_deadline + 1),
                     TRAINING_OK);
    assert_int_equal(enrolments_get(db, &a, o2.enrolment_id, 0, 0, &e), STORE_ROW);
    assert_int_equal(e.late, 1);
    assert_int_equal(e.fee_due, 5000);

    /* the manager declines a request, with a reason */
    assert_int_equal(training_enrol(db, "x", p.id, row_of("E015"), false, today, &o1),
                     TRAINING_OK);
    assert_int_equal(training_decide(db, "manager", o1.enrolment_id, false, "piekperiode",
                                     today, &d), TRAINING_OK);
    history_of(o1.enrolment_id, h, sizeof h);
    assert_string_equal(h, "requested declined");
    /* the outbox holds every message of the employee's with an address */
    assert_true(count("SELECT count(*) FROM outbox") > outbox0 + 4);
    arena_free(&a);
}

static void test_someone_who_left_cannot_enrol(void **state)
{
    (void)state;
    session_slot slots[1];
    session_plan p = planned("HACCP", 5, today + 20, 1, slots);
    int64_t before = count("SELECT count(*) FROM enrolments");
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "admin", p.id, row_of("E008"), true, today, &o),
                     TRAINING_NOT_EMPLOYED);
    assert_int_equal(count("SELECT count(*) FROM enrolments"), before);
}

static void test_closing_writes_records_and_exact_totals(void **state)
{
    (void)state;
    session_slot slots[3];
    enum session_problem problem;
    session_plan p = plan_of("HACCP", 5, today + 10, 3, slots);
    p.cost = 100001; /* 1000.01 euro over 2 attendees: 500.01 and 500.00 */
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    int64_t rows[3] = {row_of("E020"), row_of("E021"), row_of("E022")};
    group_outcome out;
    assert_int_equal(training_enrol_group(db, "admin", p.id, rows, 3, today, false, &out),
                     TRAINING_OK);
    assert_int_equal(out.enrolled, 3);
    int records;
    assert_int_equal(training_close(db, "admin", p.id, today, &records), TRAINING_NOT_OVER);

    arena a = ARENA_INIT;
    enrolment e[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(enrolments_get(db, &a, 0, p.id, rows[i], &e[i]), STORE_ROW);
    /* E020 all three dates; E021 present, partly 2 h, absent; E022 nothing */
    assert_int_equal(store_begin(db), STORE_OK);
    for (int j = 0; j < 3; j++)
        assert_int_equal(attendance_set(db, "admin", e[0].id, p.slots[j].id, MARK_PRESENT, 0),
                         STORE_OK);
    assert_int_equal(attendance_set(db, "admin", e[1].id, p.slots[0].id, MARK_PRESENT, 0),
                     STORE_OK);
    assert_int_equal(attendance_set(db, "admin", e[1].id, p.slots[1].id, MARK_PARTLY, 200),
                     STORE_OK);
    assert_int_equal(attendance_set(db, "admin", e[1].id, p.slots[2].id, MARK_ABSENT, 0),
                     STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);

    /* E022's attendance is not registered: closing is refused, naming them,
     * and changes nothing (no no-show with a fee made of "not registered") */
    int64_t records0 = count("SELECT count(*) FROM learning_records");
    assert_int_equal(training_close(db, "admin", p.id, session_last_day(&p), &records),
                     TRAINING_UNREGISTERED);
    assert_int_equal(records, 0);
    assert_int_equal(count("SELECT count(*) FROM learning_records"), records0);
    enrolment *missing;
    size_t nmissing;
    assert_int_equal(training_unregistered(db, &a, p.id, &missing, &nmissing), STORE_OK);
    assert_int_equal(nmissing, 1);
    assert_int_equal(missing[0].employee_row, rows[2]);
    enrolment still;
    assert_int_equal(enrolments_get(db, &a, e[2].id, 0, 0, &still), STORE_ROW);
    assert_int_equal(still.state, ENROL_ENROLLED);
    assert_int_equal(still.fee_due, 0);
    /* E022 marked absent on every date: now a no-show, knowingly */
    assert_int_equal(store_begin(db), STORE_OK);
    for (int j = 0; j < 3; j++)
        assert_int_equal(attendance_set(db, "admin", e[2].id, p.slots[j].id, MARK_ABSENT, 0),
                         STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    int64_t certs0 = count("SELECT count(*) FROM cert_records");

    assert_int_equal(training_close(db, "admin", p.id, session_last_day(&p), &records),
                     TRAINING_OK);
    assert_int_equal(records, 2);
    assert_int_equal(count("SELECT count(*) FROM learning_records"), records0 + 2);
    learning_record *r;
    size_t n;
    assert_int_equal(learning_of(db, &a, rows[0], &r, &n), STORE_OK);
    assert_true(n > 0);
    size_t k = 0;
    while (k < n && !(r[k].activity_code && strcmp(r[k].activity_code, "HACCP") == 0 &&
                      r[k].start_date == p.slots[0].day))
        k++;
    assert_true(k < n);
    assert_int_equal(r[k].hours, 1050); /* 3 x 3.5 h */
    assert_int_equal(r[k].result, RESULT_COMPLETED);
    int64_t cost0 = r[k].cost;
    assert_int_equal(r[k].end_date, p.slots[2].day);
    assert_int_equal(learning_of(db, &a, rows[1], &r, &n), STORE_OK);
    k = 0;
    while (k < n && !(r[k].activity_code && strcmp(r[k].activity_code, "HACCP") == 0 &&
                      r[k].start_date == p.slots[0].day))
        k++;
    assert_true(k < n);
    assert_int_equal(r[k].hours, 550); /* 3.5 + 2 */
    /* attended in part: the hours attended, not completed (ongoing), and so
     * no certification; only E020's completed record certifies */
    assert_int_equal(r[k].result, RESULT_ONGOING);
    assert_int_equal(count("SELECT count(*) FROM cert_records"), certs0 + 1);
    assert_int_equal(r[k].cost + cost0, 100001); /* the shares add up exactly */
    assert_true(r[k].cost == 50000 || r[k].cost == 50001);
    enrolment after;
    assert_int_equal(enrolments_get(db, &a, e[2].id, 0, 0, &after), STORE_ROW);
    assert_int_equal(after.state, ENROL_NO_SHOW);
    assert_int_equal(after.fee_due, 5000);
    assert_int_equal(enrolments_get(db, &a, e[1].id, 0, 0, &after), STORE_ROW);
    assert_int_equal(after.state, ENROL_PARTLY_ATTENDED);

    /* the maintained totals equal totals made again from the records */
    const char *sum = "SELECT sum(hours) * 1000 + sum(records) + sum(cost) FROM learning_totals";
    int64_t kept = count(sum);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(learning_totals_rebuild(db), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    assert_int_equal(count(sum), kept);
    /* closed once */
    assert_int_equal(training_close(db, "admin", p.id, session_last_day(&p), &records),
                     TRAINING_NOT_OPEN);
    arena_free(&a);
}

static void test_cancelling_a_session_tells_everyone(void **state)
{
    (void)state;
    session_slot slots[2];
    session_plan p = planned("HACCP", 1, today + 40, 2, slots);
    enrol_outcome o1, o2;
    assert_int_equal(training_enrol(db, "admin", p.id, row_of("E030"), true, today, &o1),
                     TRAINING_OK);
    assert_int_equal(training_enrol(db, "admin", p.id, row_of("E031"), true, today, &o2),
                     TRAINING_OK);
    assert_int_equal(o2.state, ENROL_WAITLISTED);
    int64_t before = count("SELECT count(*) FROM outbox WHERE subject LIKE '%geannuleerd%'");
    assert_int_equal(training_cancel_session(db, "admin", p.id, "trainer ziek"), TRAINING_OK);
    assert_int_equal(count("SELECT count(*) FROM outbox WHERE subject LIKE '%geannuleerd%'"),
                     before + 2);
    arena a = ARENA_INIT;
    enrolment e;
    assert_int_equal(enrolments_get(db, &a, o2.enrolment_id, 0, 0, &e), STORE_ROW);
    assert_int_equal(e.state, ENROL_CANCELLED);
    session_plan now;
    assert_int_equal(tsessions_get(db, &a, p.id, &now), STORE_ROW);
    assert_string_equal(now.state, "cancelled");
    assert_int_equal(now.seats_taken, 0);
    assert_int_equal(now.sequence, 1);
    assert_int_equal(training_cancel_session(db, "admin", p.id, NULL), TRAINING_NOT_OPEN);
    arena_free(&a);
}


/* ---- through the pages: who may do what ---- */

/* POST TARGET as COOKIE with CSRF and the urlencoded FIELDS; the status. */
static int post_as(const char *cookie, const char *csrf, const char *target, const char *fields)
{
    char body[512];
    snprintf(body, sizeof body, "csrf=%s%s%s", csrf, fields ? "&" : "", fields ? fields : "");
    exchange x;
    run_request(&x, db, "POST", target, cookie, body, NULL);
    int status = x.resp.status;
    exchange_free(&x);
    return status;
}

static void test_pages_refuse_what_the_role_may_not_do(void **state)
{
    (void)state;
    session_slot slots[1];
    enum session_problem problem;
    session_plan p = plan_of("EHBO-OPF", 5, today + 25, 1, slots);
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    /* a request from logistics (not the production manager's team) */
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "x", p.id, row_of("E050"), false, today, &o),
                     TRAINING_OK);
    assert_int_equal(o.state, ENROL_REQUESTED);
    char mcsrf[65], ecsrf[65], acsrf[65], target[96];
    char *manager = login_cookie(db, "manager", "demo-manager", mcsrf);
    char *emp = login_cookie(db, "employee", "demo-employee", ecsrf);
    char *admin = login_cookie(db, "admin", "demo-admin", acsrf);
    snprintf(target, sizeof target, "/enrolments/%lld/decide", (long long)o.enrolment_id);
    assert_int_equal(post_as(manager, mcsrf, target, "decision=approve"), 403);
    assert_int_equal(post_as(emp, ecsrf, target, "decision=approve"), 403);
    arena a = ARENA_INIT;
    enrolment e;
    assert_int_equal(enrolments_get(db, &a, o.enrolment_id, 0, 0, &e), STORE_ROW);
    assert_int_equal(e.state, ENROL_REQUESTED);
    /* someone else's agreement and cancellation: as if it did not exist */
    snprintf(target, sizeof target, "/enrolments/%lld/agreement", (long long)o.enrolment_id);
    assert_int_equal(post_as(emp, ecsrf, target, "goals=a&application=b"), 404);
    snprintf(target, sizeof target, "/enrolments/%lld/cancel", (long long)o.enrolment_id);
    assert_int_equal(post_as(emp, ecsrf, target, NULL), 404);
    /* HR approves: a seat */
    snprintf(target, sizeof target, "/enrolments/%lld/decide", (long long)o.enrolment_id);
    assert_int_equal(post_as(admin, acsrf, target, "decision=approve"), 303);
    assert_int_equal(enrolments_get(db, &a, o.enrolment_id, 0, 0, &e), STORE_ROW);
    assert_int_equal(e.state, ENROL_ENROLLED);
    /* enrolling someone who has left: a clear refusal, nothing stored */
    int64_t before = count("SELECT count(*) FROM enrolments");
    snprintf(target, sizeof target, "/sessions/%lld/enrol", (long long)p.id);
    assert_int_equal(post_as(admin, acsrf, target, "employee_id=E008"), 422);
    assert_int_equal(count("SELECT count(*) FROM enrolments"), before);
    /* a session planned in the past: refused, the form kept */
    char fields[400];
    char past[DATE_TEXT_SIZE];
    date_format(today - 1, past);
    snprintf(fields, sizeof fields, "activity=VCA&language=nl&shift=day&capacity=5&"
             "registration_deadline=%s&cancellation_deadline=%s&day_1=%s&start_1=09:00&"
             "end_1=12:00", past, past, past);
    int64_t sessions = count("SELECT count(*) FROM training_sessions");
    assert_int_equal(post_as(admin, acsrf, "/sessions/new", fields), 422);
    assert_int_equal(count("SELECT count(*) FROM training_sessions"), sessions);
    /* a request at the same time as the person's seat: shown to who decides */
    session_slot same[1];
    session_plan q = plan_of("VCA", 5, today + 25, 1, same);
    assert_int_equal(training_plan(db, "admin", &q, today, &problem), TRAINING_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(activities_set_enrol_approval(db, "t", activity_of("VCA"), 1), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    assert_int_equal(tsessions_get(db, &a, q.id, &q), STORE_ROW);
    assert_int_equal(training_enrol(db, "x", q.id, row_of("E050"), false, today, &o),
                     TRAINING_OK);
    assert_int_equal(o.state, ENROL_REQUESTED);
    assert_int_equal(o.conflicts, CONFLICT_OVERLAP);
    exchange x;
    run_request(&x, db, "GET", "/team/enrolments", admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "een andere sessie op hetzelfde moment"));
    exchange_free(&x);
    /* the overview says that requests wait, and leads there */
    run_request(&x, db, "GET", "/", admin, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "<a href=\"/team/enrolments\">"));
    char waiting[64];
    snprintf(waiting, sizeof waiting, "</a>: %lld</p>",
             (long long)count("SELECT count(*) FROM enrolments WHERE state = 'requested'"));
    assert_non_null(strstr(exchange_body(&x), waiting));
    exchange_free(&x);
    /* the offer as JSON, for scripts */
    run_request(&x, db, "GET", "/api/v1/sessions?language=nl", emp, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "\"dates\":[{\"day\":"));
    assert_null(strstr(exchange_body(&x), "\"language\":\"fr\""));
    exchange_free(&x);
    /* only a trainer of the session or HR registers attendance */
    snprintf(target, sizeof target, "/sessions/%lld/attendance", (long long)p.id);
    assert_int_equal(status_as(db, "mentor", "demo-mentor", target), 403);
    assert_int_equal(status_as(db, "admin", "demo-admin", target), 200);
    /* a refusal's reason reaches the employee, as the decider is told */
    session_slot later[1];
    session_plan r = plan_of("HACCP", 5, today + 40, 1, later);
    assert_int_equal(training_plan(db, "admin", &r, today, &problem), TRAINING_OK);
    enrol_outcome mine;
    assert_int_equal(training_enrol(db, "employee", r.id, row_of("E010"), false, today, &mine),
                     TRAINING_OK);
    enrol_outcome d;
    assert_int_equal(training_decide(db, "manager", mine.enrolment_id, false,
                                     "Valt <tijdens> de inventaris", today, &d),
                     TRAINING_OK);
    run_request(&x, db, "GET", "/my/sessions", emp, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(exchange_body(&x), "geweigerd: Valt &lt;tijdens&gt; de inventaris"));
    exchange_free(&x);
    free(manager);
    free(emp);
    free(admin);
    arena_free(&a);
}

/* ---- what a walk through the demo as HR found ---- */

/* GET TARGET as COOKIE into X (freed by the caller); fails unless 200. */
static void get_as(exchange *x, const char *cookie, const char *target)
{
    run_request(x, db, "GET", target, cookie, NULL, NULL);
    if (x->resp.status != 200)
        fail_msg("GET %s: %d", target, x->resp.status);
}

/* Fails unless TEXT holds NEEDLE, showing TEXT when it does not. */
static void holds(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("no \"%s\" in:\n%s", needle, text);
}

/* Puts the one date of session ID on DAY (a day in the past, which
 * planning refuses), as if the session was planned long ago. */
static void move_date(int64_t id, date_t day)
{
    assert_int_equal(store_begin(db), STORE_OK);
    stmt *s = store_prepare(db, "UPDATE session_dates SET day = ? WHERE session_id = ?");
    assert_non_null(s);
    stmt_bind_date(s, 1, day);
    stmt_bind_int(s, 2, id);
    assert_int_equal(stmt_exec(s), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
}

/* A session held last month and not closed is found again: HR has it in
 * "to close" on /sessions and in its month's filter; its trainer has it in
 * "to close" too; an employee who does not train it does not. */
static void test_held_sessions_are_found_to_close(void **state)
{
    (void)state;
    session_slot slots[1];
    enum session_problem problem;
    session_plan p = plan_of("VCA", 5, today + 20, 1, slots);
    int64_t mentor = store_int_by_text(db, "SELECT employee_id FROM users WHERE login = ?",
                                       "mentor");
    assert_true(mentor > 0);
    slots[0].trainer_row = mentor;
    slots[0].trainer_name = NULL;
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "admin", p.id, row_of("E023"), true, today, &o),
                     TRAINING_OK);
    date_t held = today - 40;
    move_date(p.id, held);

    char acsrf[65], mcsrf[65], ecsrf[65], link[64], target[64];
    char *admin = login_cookie(db, "admin", "demo-admin", acsrf);
    char *trainer = login_cookie(db, "mentor", "demo-mentor", mcsrf);
    char *emp = login_cookie(db, "employee", "demo-employee", ecsrf);
    snprintf(link, sizeof link, "href=\"/sessions/%lld/attendance\"", (long long)p.id);
    exchange x;
    get_as(&x, admin, "/sessions");
    holds(exchange_body(&x), "<h2>Af te sluiten</h2>");
    holds(exchange_body(&x), link);
    exchange_free(&x);
    get_as(&x, trainer, "/sessions");
    holds(exchange_body(&x), "<h2>Af te sluiten</h2>");
    holds(exchange_body(&x), link);
    exchange_free(&x);
    get_as(&x, emp, "/sessions");
    assert_null(strstr(exchange_body(&x), "Af te sluiten"));
    exchange_free(&x);
    /* the month filter reaches a past month */
    int y, m, d;
    date_to_ymd(held, &y, &m, &d);
    snprintf(target, sizeof target, "/sessions?month=%04d-%02d", y, m);
    snprintf(link, sizeof link, "href=\"/sessions/%lld\"", (long long)p.id);
    get_as(&x, admin, target);
    char month[FMT_SIZE + 16], name[FMT_SIZE];
    assert_true(fmt_month("nl", y, m, name, sizeof name)); /* "november 2026" */
    snprintf(month, sizeof month, "<h2>%s</h2>", name);
    const char *offer = strstr(exchange_body(&x), month);
    if (!offer)
        fail_msg("no %s in:\n%s", month, exchange_body(&x));
    holds(offer, link); /* in the month's offer, not only in "to close" */
    exchange_free(&x);
    /* closed, it is no longer to close */
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(attendance_set(db, "admin", o.enrolment_id, p.slots[0].id, MARK_PRESENT,
                                    0), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    int records;
    assert_int_equal(training_close(db, "admin", p.id, today, &records), TRAINING_OK);
    snprintf(link, sizeof link, "href=\"/sessions/%lld/attendance\"", (long long)p.id);
    get_as(&x, admin, "/sessions");
    assert_null(strstr(exchange_body(&x), link));
    exchange_free(&x);
    free(admin);
    free(trainer);
    free(emp);
}

/* The waiting list shows each one's place, 1 first, also after the first
 * one got a seat. */
static void test_waiting_list_shows_the_rank(void **state)
{
    (void)state;
    session_slot slots[1];
    session_plan p = planned("HACCP", 1, today + 50, 1, slots);
    enrol_outcome o[4];
    const char *who[4] = {"E024", "E025", "E026", "E027"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(training_enrol(db, "admin", p.id, row_of(who[i]), true, today, &o[i]),
                         TRAINING_OK);
    assert_int_equal(o[3].state, ENROL_WAITLISTED);
    /* the seat frees up: E025 gets it, E026 and E027 wait as 1 and 2 */
    assert_int_equal(training_cancel_enrolment(db, "admin", o[0].enrolment_id, NULL, today),
                     TRAINING_OK);
    char acsrf[65], target[48];
    char *admin = login_cookie(db, "admin", "demo-admin", acsrf);
    snprintf(target, sizeof target, "/sessions/%lld", (long long)p.id);
    exchange x;
    get_as(&x, admin, target);
    holds(exchange_body(&x), "op de wachtlijst #1<");
    holds(exchange_body(&x), "op de wachtlijst #2<");
    assert_null(strstr(exchange_body(&x), "#3<"));
    exchange_free(&x);
    arena a = ARENA_INIT;
    enrolment e;
    assert_int_equal(enrolments_get(db, &a, o[2].enrolment_id, 0, 0, &e), STORE_ROW);
    assert_int_equal(e.waitlist_rank, 1);
    arena_free(&a);
    free(admin);
}

/* HR enrolling someone into a full session is told that person waits (not
 * "you"); an employee cancels their own enrolment on the session's page
 * and is brought back there with the cancellation said; HR cancelling on
 * the session's page comes back to it, the person named. */
static void test_enrol_and_cancel_on_the_session_page(void **state)
{
    (void)state;
    session_slot slots[1];
    session_plan p = planned("HACCP", 1, today + 55, 1, slots);
    enrol_outcome mine;
    assert_int_equal(training_enrol(db, "admin", p.id, row_of("E010"), true, today, &mine),
                     TRAINING_OK);
    char acsrf[65], ecsrf[65], target[64], fields[160];
    char *admin = login_cookie(db, "admin", "demo-admin", acsrf);
    char *emp = login_cookie(db, "employee", "demo-employee", ecsrf);
    arena a = ARENA_INIT;
    const char *email, *lang, *name;
    assert_int_equal(employees_contact(db, &a, row_of("E028"), &email, &lang, &name), STORE_ROW);

    snprintf(target, sizeof target, "/sessions/%lld/enrol", (long long)p.id);
    snprintf(fields, sizeof fields, "csrf=%s&employee_id=E028", acsrf);
    exchange x;
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 303);
    char *to = strdup(response_get_header(&x.resp, "Location"));
    exchange_free(&x);
    get_as(&x, admin, to);
    char said[160];
    snprintf(said, sizeof said, "De sessie is volzet: %s staat op de wachtlijst.", name);
    holds(exchange_body(&x), said);
    assert_null(strstr(exchange_body(&x), "je staat op de wachtlijst"));
    exchange_free(&x);
    free(to);

    /* the employee's own enrolment has its cancel button on the page */
    snprintf(target, sizeof target, "/sessions/%lld", (long long)p.id);
    get_as(&x, emp, target);
    char form[96];
    snprintf(form, sizeof form, "action=\"/enrolments/%lld/cancel\"",
             (long long)mine.enrolment_id);
    holds(exchange_body(&x), form);
    holds(exchange_body(&x), "Mijn inschrijving annuleren");
    exchange_free(&x);
    snprintf(target, sizeof target, "/enrolments/%lld/cancel", (long long)mine.enrolment_id);
    snprintf(fields, sizeof fields, "csrf=%s&reason=ziek", ecsrf);
    run_request(&x, db, "POST", target, emp, fields, NULL);
    assert_int_equal(x.resp.status, 200); /* asks first; "no" leads back to the session */
    snprintf(said, sizeof said, "href=\"/sessions/%lld\"", (long long)p.id);
    holds(exchange_body(&x), said);
    exchange_free(&x);
    snprintf(fields, sizeof fields, "csrf=%s&reason=ziek&confirm=yes", ecsrf);
    run_request(&x, db, "POST", target, emp, fields, NULL);
    assert_int_equal(x.resp.status, 303);
    to = strdup(response_get_header(&x.resp, "Location"));
    exchange_free(&x);
    snprintf(said, sizeof said, "/sessions/%lld?", (long long)p.id);
    assert_true(strncmp(to, said, strlen(said)) == 0);
    get_as(&x, emp, to);
    holds(exchange_body(&x), "Je inschrijving is geannuleerd.");
    exchange_free(&x);
    free(to);

    /* HR cancels E028's (now seated) enrolment from the session's page */
    enrolment e;
    assert_int_equal(enrolments_get(db, &a, 0, p.id, row_of("E028"), &e), STORE_ROW);
    assert_int_equal(e.state, ENROL_ENROLLED);
    snprintf(target, sizeof target, "/enrolments/%lld/cancel", (long long)e.id);
    snprintf(fields, sizeof fields, "csrf=%s&reason=&confirm=yes", acsrf);
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 303);
    to = strdup(response_get_header(&x.resp, "Location"));
    exchange_free(&x);
    assert_true(strncmp(to, "/sessions/", 10) == 0);
    get_as(&x, admin, to);
    snprintf(said, sizeof said, "De inschrijving van %s is geannuleerd.", name);
    holds(exchange_body(&x), said);
    exchange_free(&x);
    free(to);
    arena_free(&a);
    free(admin);
    free(emp);
}

/* Enrolling a whole department asks first, saying how many get a seat and
 * how many wait, and that mails go out; only the confirmed POST enrols. A
 * cancellation's question names who moves up from the waiting list. */
static void test_department_and_cancel_ask_first(void **state)
{
    (void)state;
    session_slot slots[1];
    session_plan p = planned("VCA", 3, today + 80, 1, slots);
    char acsrf[65], target[64], fields[200], said[200];
    char *admin = login_cookie(db, "admin", "demo-admin", acsrf);
    int64_t outbox = count("SELECT count(*) FROM outbox");
    employee *list;
    arena a = ARENA_INIT;
    size_t n = active_in("Onderhoud", &a, &list);
    assert_true(n > 3);

    snprintf(target, sizeof target, "/sessions/%lld/group", (long long)p.id);
    snprintf(fields, sizeof fields, "csrf=%s&department=Onderhoud", acsrf);
    exchange x;
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 200);
    holds(exchange_body(&x), "id=\"confirm\"");
    holds(exchange_body(&x), "name=\"department\" value=\"Onderhoud\"");
    holds(exchange_body(&x), "name=\"confirm\" value=\"yes\"");
    snprintf(said, sizeof said, "De %d actieve medewerkers van Onderhoud inschrijven", (int)n);
    holds(exchange_body(&x), said);
    snprintf(said, sizeof said, "3 krijgen een plaats. %d komen op de wachtlijst.", (int)n - 3);
    holds(exchange_body(&x), said);
    holds(exchange_body(&x), "e-mail");
    exchange_free(&x);
    assert_int_equal(enrolments_in(p.id), 0);
    assert_int_equal(count("SELECT count(*) FROM outbox"), outbox);

    snprintf(fields, sizeof fields, "csrf=%s&department=Onderhoud&confirm=yes", acsrf);
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(enrolments_in(p.id), (int64_t)n);
    assert_true(count("SELECT count(*) FROM outbox") > outbox);

    /* cancelling a seat: the question names who gets it */
    enrolment seated, first;
    assert_int_equal(enrolments_get(db, &a, 0, p.id, list[0].id, &seated), STORE_ROW);
    assert_int_equal(seated.state, ENROL_ENROLLED);
    int64_t waiting = enrolments_first_waiting(db, p.id);
    assert_true(waiting > 0);
    assert_int_equal(enrolments_get(db, &a, waiting, 0, 0, &first), STORE_ROW);
    snprintf(target, sizeof target, "/enrolments/%lld/cancel", (long long)seated.id);
    snprintf(fields, sizeof fields, "csrf=%s&reason=", acsrf);
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 200);
    holds(exchange_body(&x), seated.employee_name);
    holds(exchange_body(&x), "eerste op de wachtlijst");
    holds(exchange_body(&x), first.employee_name);
    exchange_free(&x);
    assert_int_equal(enrolments_get(db, &a, seated.id, 0, 0, &seated), STORE_ROW);
    assert_int_equal(seated.state, ENROL_ENROLLED);
    arena_free(&a);
    free(admin);
}

/* The department's question counts what the enrolment will do: someone
 * active today who leaves before the session's day is left out (and said
 * to be), the seats left are those of the session now, and asking writes
 * nothing (no enrolment, mail or audit line). The confirmed enrolment then
 * does exactly what was said. */
static void test_department_question_counts_the_session_days(void **state)
{
    (void)state;
    session_slot slots[1];
    session_plan p = planned("VCA", 3, today + 40, 1, slots);
    employee *list;
    arena a = ARENA_INIT;
    size_t n = active_in("Onderhoud", &a, &list);
    assert_true(n > 5);
    /* list[1] leaves before the session; list[2] is enrolled already */
    set_exit(list[1].id, today + 10);
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "admin", p.id, list[2].id, true, today, &o), TRAINING_OK);

    char acsrf[65], target[64], fields[200], said[300];
    char *admin = login_cookie(db, "admin", "demo-admin", acsrf);
    int64_t outbox = count("SELECT count(*) FROM outbox");
    int64_t audit = count("SELECT count(*) FROM audit_log");
    snprintf(target, sizeof target, "/sessions/%lld/group", (long long)p.id);
    snprintf(fields, sizeof fields, "csrf=%s&department=Onderhoud", acsrf);
    exchange x;
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 200);
    snprintf(said, sizeof said, "1 van hen is al ingeschreven en blijft zoals die is. "
             "1 van hen is niet in dienst op elke dag van de sessie en wordt niet ingeschreven. "
             "2 krijgen een plaats. %d komen op de wachtlijst. Elk van hen krijgt een e-mail.",
             (int)n - 4);
    holds(exchange_body(&x), said);
    /* another language goes back to the session, not to this POST's address */
    snprintf(said, sizeof said, "name=\"next\" value=\"/sessions/%lld\"", (long long)p.id);
    holds(exchange_body(&x), said);
    exchange_free(&x);
    assert_int_equal(enrolments_in(p.id), 1);
    assert_int_equal(count("SELECT count(*) FROM outbox"), outbox);
    assert_int_equal(count("SELECT count(*) FROM audit_log"), audit);

    /* a department nobody active works in: said, not asked */
    snprintf(fields, sizeof fields, "csrf=%s&department=Nergens", acsrf);
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 422);
    holds(exchange_body(&x), "Nergens heeft geen actieve medewerkers om in te schrijven.");
    exchange_free(&x);

    snprintf(fields, sizeof fields, "csrf=%s&department=Onderhoud&confirm=yes", acsrf);
    run_request(&x, db, "POST", target, admin, fields, NULL);
    assert_int_equal(x.resp.status, 303);
    exchange_free(&x);
    assert_int_equal(enrolments_in(p.id), (int64_t)n - 1);
    session_plan now;
    assert_int_equal(tsessions_get(db, &a, p.id, &now), STORE_ROW);
    assert_int_equal(now.seats_taken, 3);
    set_exit(list[1].id, DATE_NONE);
    arena_free(&a);
    free(admin);
}

/* A department enrolled while another transaction enrols one of its
 * people: that one counts as enrolled already and the others are enrolled
 * (before, on PostgreSQL, the key's refusal of the second row ended the
 * whole enrolment). */
/* A department enrolled in a session one of its colleagues gives: the
 * trainer is left out, and said to be. */
static void test_department_leaves_out_the_trainer(void **state)
{
    (void)state;
    session_slot slots[1];
    enum session_problem problem;
    session_plan p = plan_of("HACCP", 10, today + 45, 1, slots);
    slots[0].trainer_row = row_of("E031");
    slots[0].trainer_name = NULL;
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    int64_t rows[2] = {row_of("E031"), row_of("E032")};
    group_outcome out;
    assert_int_equal(training_enrol_group(db, "admin", p.id, rows, 2, today, false, &out),
                     TRAINING_OK);
    assert_int_equal(out.trainers, 1);
    assert_int_equal(out.enrolled, 1);
    assert_int_equal(enrolments_in(p.id), 1);
}

typedef struct group_run {
    int64_t session;
    const int64_t *rows;
    int status;
    group_outcome out;
} group_run;

static void *enrol_group_meanwhile(void *arg)
{
    group_run *g = arg; /* no cmocka asserts outside the test's thread */
    g->status = training_enrol_group(db, "admin", g->session, g->rows, 3, today, false, &g->out);
    return NULL;
}

static void test_department_while_another_enrols(void **state)
{
    (void)state;
    session_slot slots[1];
    session_plan p = planned("HACCP", 10, today + 50, 1, slots);
    employee *list;
    arena a = ARENA_INIT;
    assert_true(active_in("Onderhoud", &a, &list) >= 3);
    int64_t rows[3] = {list[0].id, list[1].id, list[2].id}, id;
    store *other = test_store_open(test_path("sessions.db"));
    assert_int_equal(store_begin(other), STORE_OK);
    assert_int_equal(enrolments_open(other, "admin", p.id, rows[0], ENROL_APPROVED, NULL, &id),
                     STORE_OK);
    group_run g = {p.id, rows, -1, {0}};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, enrol_group_meanwhile, &g), 0);
    usleep(300 * 1000); /* the group's enrolment meets the open one's row */
    assert_int_equal(store_end(other, STORE_OK), STORE_OK);
    pthread_join(t, NULL);
    store_close(other);
    assert_int_equal(g.status, TRAINING_OK);
    assert_int_equal(g.out.already, 1);
    assert_int_equal(g.out.enrolled, 2);
    assert_int_equal(enrolments_in(p.id), 3);
    arena_free(&a);
}

/* ---- the last seat, over real HTTP ---- */

typedef struct racer {
    int port;
    char path[64];
    char token[TOKEN_HEX_SIZE];
    pthread_barrier_t *start;
    int status;
    char state[32];
} racer;

/* Connects, waits for the other racer, then sends its enrolment: no
 * cmocka asserts here (they may not run outside the test's thread). */
static void *race(void *arg)
{
    racer *r = arg;
    r->status = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)r->port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool connected = fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0;
    char req[512];
    int len = snprintf(req, sizeof req, "POST %s HTTP/1.1\r\nHost: localhost\r\n"
                       "Connection: close\r\nAuthorization: Bearer %s\r\n"
                       "Content-Length: 0\r\n\r\n", r->path, r->token);
    pthread_barrier_wait(r->start);
    if (!connected || write(fd, req, (size_t)len) != len) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char buf[4096];
    size_t got = 0;
    ssize_t n;
    while (got + 1 < sizeof buf && (n = read(fd, buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = '\0';
    close(fd);
    if (sscanf(buf, "HTTP/1.1 %d", &r->status) != 1)
        r->status = -1;
    const char *st = strstr(buf, "\"state\":\"");
    if (st)
        sscanf(st + 9, "%31[a-z_]", r->state);
    return NULL;
}

/* A user linked to employee ID with a fresh API token in TOKEN. */
static void employee_token(const char *login, const char *id, char token[TOKEN_HEX_SIZE])
{
    arena a = ARENA_INIT;
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(users_add(db, "t", login, "unused", ROLE_EMPLOYEE, id), STORE_OK);
    user u;
    str hash = STR_INIT;
    assert_int_equal(users_find(db, &a, login, &u, &hash), STORE_ROW);
    char th[TOKEN_HEX_SIZE];
    token_new(token);
    token_hash(token, th);
    assert_int_equal(tokens_add(db, u.id, th), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    str_free(&hash);
    arena_free(&a);
}

static void test_two_requests_for_the_last_seat_get_it_once(void **state)
{
    (void)state;
    char t1[TOKEN_HEX_SIZE], t2[TOKEN_HEX_SIZE];
    employee_token("racer1", "E023", t1);
    employee_token("racer2", "E024", t2);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(activities_set_enrol_approval(db, "t", activity_of("VCA"), 0), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    server_config cfg = {test_path("sessions.db"), NULL, "127.0.0.1", 0, 4};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    str err = STR_INIT;
    server *srv = server_start(&cfg, &err);
    assert_non_null(srv);
    str_free(&err);
    for (int round = 0; round < 25; round++) {
        session_slot slots[1];
        enum session_problem problem;
        session_plan p = plan_of("VCA", 1, today + 30 + round, 1, slots);
        assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, 2);
        racer r[2] = {{0}, {0}};
        pthread_t th[2];
        for (int i = 0; i < 2; i++) {
            r[i].port = server_port(srv);
            snprintf(r[i].path, sizeof r[i].path, "/api/v1/sessions/%lld/enrol", (long long)p.id);
            memcpy(r[i].token, i ? t2 : t1, TOKEN_HEX_SIZE);
            r[i].start = &start;
            assert_int_equal(pthread_create(&th[i], NULL, race, &r[i]), 0);
        }
        for (int i = 0; i < 2; i++)
            pthread_join(th[i], NULL);
        pthread_barrier_destroy(&start);
        assert_int_equal(r[0].status, 201);
        assert_int_equal(r[1].status, 201);
        bool first = strcmp(r[0].state, "enrolled") == 0;
        assert_string_equal(r[first ? 0 : 1].state, "enrolled");
        assert_string_equal(r[first ? 1 : 0].state, "waitlisted");
        arena a = ARENA_INIT;
        session_plan now;
        assert_int_equal(tsessions_get(db, &a, p.id, &now), STORE_ROW);
        assert_int_equal(now.seats_taken, 1);
        arena_free(&a);
    }
    server_stop(srv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_sessions_are_refused_and_change_nothing),
        cmocka_unit_test(test_approval_waiting_list_and_promotion),
        cmocka_unit_test(test_someone_who_left_cannot_enrol),
        cmocka_unit_test(test_closing_writes_records_and_exact_totals),
        cmocka_unit_test(test_cancelling_a_session_tells_everyone),
        cmocka_unit_test(test_pages_refuse_what_the_role_may_not_do),
        cmocka_unit_test(test_two_requests_for_the_last_seat_get_it_once),
        cmocka_unit_test(test_held_sessions_are_found_to_close),
        cmocka_unit_test(test_waiting_list_shows_the_rank),
        cmocka_unit_test(test_enrol_and_cancel_on_the_session_page),
        cmocka_unit_test(test_department_and_cancel_ask_first),
        cmocka_unit_test(test_department_question_counts_the_session_days),
        cmocka_unit_test(test_department_while_another_enrols),
        cmocka_unit_test(test_department_leaves_out_the_trainer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
