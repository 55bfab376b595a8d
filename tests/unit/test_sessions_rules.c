/* test_sessions_rules.c - the rules of organising training (core/sessions.c)
 * on hand-computed cases: what a session must be, the enrolment state
 * machine, late cancellation on and after the deadline, conflicts, the
 * hours attendance gives, the outcome of a session, the cost shares, and
 * the e-mail back-off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/sessions.h"

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

static session_slot slot(date_t day, int start, int end)
{
    session_slot s;
    memset(&s, 0, sizeof s);
    s.day = day;
    s.start = start;
    s.end = end;
    return s;
}

static session_plan plan(session_slot *slots, size_t n)
{
    session_plan p;
    memset(&p, 0, sizeof p);
    p.language = "nl";
    p.capacity = 12;
    p.shift = SHIFT_DAY;
    p.registration_deadline = d(2026, 12, 1);
    p.cancellation_deadline = d(2026, 12, 5);
    p.slots = slots;
    p.nslots = n;
    return p;
}

static void test_session_check(void **state)
{
    (void)state;
    date_t today = d(2026, 11, 29);
    session_slot s[3] = {slot(d(2026, 12, 15), 540, 750), slot(d(2026, 12, 8), 540, 750),
                         slot(d(2027, 1, 5), 540, 750)};
    session_plan p = plan(s, 3);
    int at;
    assert_int_equal(session_check(&p, today, &at), SESSION_OK);
    assert_int_equal(session_first_day(&p), d(2026, 12, 8));
    assert_int_equal(session_last_day(&p), d(2027, 1, 5));
    /* a deadline on the first day is allowed, one day later is not */
    p.registration_deadline = d(2026, 12, 8);
    assert_int_equal(session_check(&p, today, &at), SESSION_OK);
    p.cancellation_deadline = d(2026, 12, 9);
    assert_int_equal(session_check(&p, today, &at), SESSION_DEADLINE_AFTER_START);
    p = plan(s, 3);
    /* today itself is not the past; yesterday is */
    s[2].day = today;
    p.registration_deadline = p.cancellation_deadline = today;
    assert_int_equal(session_check(&p, today, &at), SESSION_OK);
    s[2].day = today - 1;
    assert_int_equal(session_check(&p, today, &at), SESSION_DATE_PAST);
    assert_int_equal(at, 2);
    s[2].day = d(2027, 1, 5);
    s[1].end = s[1].start;
    p = plan(s, 3);
    assert_int_equal(session_check(&p, today, &at), SESSION_END_BEFORE_START);
    assert_int_equal(at, 1);
    s[1].end = 750;
    p.capacity = 0;
    assert_int_equal(session_check(&p, today, &at), SESSION_BAD_CAPACITY);
    p.capacity = SESSION_MAX_CAPACITY + 1;
    assert_int_equal(session_check(&p, today, &at), SESSION_BAD_CAPACITY);
    p.capacity = 5;
    p.seats_taken = 6; /* a change may not drop seats already taken */
    assert_int_equal(session_check(&p, today, &at), SESSION_BELOW_TAKEN);
    p.seats_taken = 5;
    assert_int_equal(session_check(&p, today, &at), SESSION_OK);
    p.capacity = 1;
    p.seats_taken = 0;
    p.language = "de";
    assert_int_equal(session_check(&p, today, &at), SESSION_BAD_LANGUAGE);
    p.language = "fr";
    p.late_fee = -1;
    assert_int_equal(session_check(&p, today, &at), SESSION_BAD_FEE);
    p.late_fee = 0;
    p.nslots = 0;
    assert_int_equal(session_check(&p, today, &at), SESSION_NO_DATES);
    assert_int_equal(session_problems(&p, today), SESSION_BIT(SESSION_NO_DATES));
    /* every broken rule at once, the first of them what session_check says */
    p = plan(s, 3);
    assert_int_equal(session_problems(&p, today), 0);
    p.capacity = -3;
    p.cost = -1;
    s[0].day = today - 1;
    s[0].end = s[0].start - 60;
    p.cancellation_deadline = d(2027, 2, 1);
    assert_int_equal(session_problems(&p, today),
                     SESSION_BIT(SESSION_BAD_CAPACITY) | SESSION_BIT(SESSION_BAD_FEE) |
                         SESSION_BIT(SESSION_DATE_PAST) | SESSION_BIT(SESSION_END_BEFORE_START) |
                         SESSION_BIT(SESSION_DEADLINE_AFTER_START));
    assert_int_equal(session_check(&p, today, &at), SESSION_BAD_CAPACITY);
    p.capacity = 5;
    p.seats_taken = 6;
    assert_true(session_problems(&p, today) & SESSION_BIT(SESSION_BELOW_TAKEN));
}

/* A trainer typed as a number is one; a name is a name. */
static void test_trainer_number_or_name(void **state)
{
    (void)state;
    assert_true(session_trainer_is_number("E999"));
    assert_true(session_trainer_is_number("E046"));
    assert_true(session_trainer_is_number("12345"));
    assert_true(session_trainer_is_number("P-0012"));
    assert_false(session_trainer_is_number("Anna Peeters, Vormingplus"));
    assert_false(session_trainer_is_number("Syntra"));
    assert_false(session_trainer_is_number("Covid19"));
    assert_false(session_trainer_is_number("E 999"));
    assert_false(session_trainer_is_number(""));
    assert_true(number_alike("E999", "E001"));
    assert_true(number_alike("e999", "E001"));
    assert_true(number_alike("P-0012", "P-0345"));
    assert_false(number_alike("E9999", "E001"));
    assert_false(number_alike("ISO9001", "EMP0001"));
    assert_false(number_alike("3M", "E0"));
    assert_false(number_alike("E9A", "E001"));
    assert_false(number_alike("", "E001"));
}

static void test_clock_and_hours(void **state)
{
    (void)state;
    int m;
    assert_true(clock_read("09:00", &m) && m == 540);
    assert_true(clock_read("9:05", &m) && m == 545);
    assert_true(clock_read("23:59", &m) && m == 1439);
    assert_false(clock_read("24:00", &m));
    assert_false(clock_read("12:60", &m));
    assert_false(clock_read("12:5", &m));
    assert_false(clock_read("12:00x", &m));
    assert_false(clock_read("", &m));
    char buf[6];
    clock_format(545, buf);
    assert_string_equal(buf, "09:05");
    session_slot s = slot(d(2026, 12, 8), 540, 750); /* 3 h 30 */
    assert_int_equal(slot_hours(&s), 350);
    s.end = 540 + 20; /* 20 minutes: 0.333 h -> 0.33 */
    assert_int_equal(slot_hours(&s), 33);
    s.end = 540 + 40; /* 0.667 -> 0.67 */
    assert_int_equal(slot_hours(&s), 67);
}

static void test_state_machine(void **state)
{
    (void)state;
    assert_true(enrol_transition_allowed(ENROL_REQUESTED, ENROL_APPROVED));
    assert_true(enrol_transition_allowed(ENROL_REQUESTED, ENROL_DECLINED));
    assert_true(enrol_transition_allowed(ENROL_APPROVED, ENROL_WAITLISTED));
    assert_true(enrol_transition_allowed(ENROL_WAITLISTED, ENROL_ENROLLED));
    assert_true(enrol_transition_allowed(ENROL_ENROLLED, ENROL_PARTLY_ATTENDED));
    assert_true(enrol_transition_allowed(ENROL_ENROLLED, ENROL_CANCELLED));
    assert_false(enrol_transition_allowed(ENROL_REQUESTED, ENROL_ENROLLED)); /* approval first */
    assert_false(enrol_transition_allowed(ENROL_DECLINED, ENROL_APPROVED));
    assert_false(enrol_transition_allowed(ENROL_WAITLISTED, ENROL_ATTENDED));
    assert_false(enrol_transition_allowed(ENROL_CANCELLED, ENROL_ENROLLED));
    assert_false(enrol_transition_allowed(ENROL_ATTENDED, ENROL_CANCELLED));
    assert_true(enrol_holds_seat(ENROL_ENROLLED));
    assert_false(enrol_holds_seat(ENROL_WAITLISTED));
    assert_true(enrol_is_open(ENROL_WAITLISTED));
    assert_false(enrol_is_open(ENROL_NO_SHOW));
}

static void test_late_cancellation(void **state)
{
    (void)state;
    date_t deadline = d(2026, 12, 5);
    assert_false(cancellation_is_late(d(2026, 12, 4), deadline));
    assert_false(cancellation_is_late(deadline, deadline)); /* the day itself: in time */
    assert_true(cancellation_is_late(d(2026, 12, 6), deadline));
    assert_false(cancellation_is_late(d(2026, 12, 6), DATE_NONE));
}

static void test_conflicts(void **state)
{
    (void)state;
    session_slot s[2] = {slot(d(2026, 12, 8), 540, 750), slot(d(2026, 12, 15), 540, 750)};
    session_plan p = plan(s, 2);
    session_slot other = slot(d(2026, 12, 15), 720, 840); /* 12:00-14:00 overlaps 12:30 */
    session_slot after = slot(d(2026, 12, 15), 750, 840); /* starts when ours ends */
    assert_int_equal(enrol_conflicts(&p, d(2020, 1, 1), DATE_NONE, SHIFT_DAY, NULL, 0),
                     CONFLICT_NONE);
    assert_int_equal(enrol_conflicts(&p, d(2020, 1, 1), DATE_NONE, SHIFT_DAY, &other, 1),
                     CONFLICT_OVERLAP);
    assert_int_equal(enrol_conflicts(&p, d(2020, 1, 1), DATE_NONE, SHIFT_DAY, &after, 1),
                     CONFLICT_NONE);
    /* leaves between the two dates; starts after the first */
    assert_int_equal(enrol_conflicts(&p, d(2020, 1, 1), d(2026, 12, 10), SHIFT_DAY, NULL, 0),
                     CONFLICT_EMPLOYMENT);
    assert_int_equal(enrol_conflicts(&p, d(2026, 12, 9), DATE_NONE, SHIFT_DAY, NULL, 0),
                     CONFLICT_EMPLOYMENT);
    assert_int_equal(enrol_conflicts(&p, d(2020, 1, 1), DATE_NONE, SHIFT_NIGHT, &other, 1),
                     CONFLICT_SHIFT | CONFLICT_OVERLAP);
    assert_true(shift_fits(SHIFT_ROTATING, SHIFT_DAY));
    assert_true(shift_fits(SHIFT_NIGHT, SHIFT_ROTATING));
    assert_true(shift_fits(SHIFT_NONE, SHIFT_NIGHT));
    assert_false(shift_fits(SHIFT_DAY, SHIFT_NIGHT));
}

static void test_attendance(void **state)
{
    (void)state;
    session_slot s[3] = {slot(d(2026, 12, 8), 540, 750), slot(d(2026, 12, 15), 540, 750),
                         slot(d(2026, 12, 22), 540, 600)};
    attendance_entry all[3] = {{MARK_PRESENT, 0}, {MARK_PRESENT, 0}, {MARK_PRESENT, 0}};
    attendance_entry some[3] = {{MARK_PRESENT, 0}, {MARK_PARTLY, 200}, {MARK_ABSENT, 0}};
    attendance_entry none[3] = {{MARK_ABSENT, 0}, {MARK_NONE, 0}, {MARK_PARTLY, 0}};
    assert_int_equal(attendance_outcome(s, all, 3), ENROL_ATTENDED);
    assert_int_equal(attendance_outcome(s, some, 3), ENROL_PARTLY_ATTENDED);
    assert_int_equal(attendance_outcome(s, none, 3), ENROL_NO_SHOW);
    assert_int_equal(attended_hours(&s[0], &all[0]), 350);
    assert_int_equal(attended_hours(&s[1], &some[1]), 200);
    assert_int_equal(attended_hours(&s[2], &some[2]), 0);
    attendance_entry too_many = {MARK_PARTLY, 500};
    assert_int_equal(attended_hours(&s[2], &too_many), 100); /* at most the date's hour */
    /* a date left without a mark is not registered (not taken as absent) */
    assert_true(attendance_registered(all, 3));
    assert_true(attendance_registered(some, 3));
    assert_false(attendance_registered(none, 3));
    /* only who attended in full completes the activity (and certifies) */
    assert_int_equal(attendance_result(ENROL_ATTENDED), RESULT_COMPLETED);
    assert_int_equal(attendance_result(ENROL_PARTLY_ATTENDED), RESULT_ONGOING);
}

/* A session may be closed from its last date on, while planned. */
static void test_closable(void **state)
{
    (void)state;
    session_slot s[2] = {slot(d(2026, 12, 8), 540, 750), slot(d(2026, 12, 15), 540, 750)};
    session_plan p = plan(s, 2);
    p.state = "planned";
    assert_false(session_closable(&p, d(2026, 12, 14)));
    assert_true(session_closable(&p, d(2026, 12, 15)));
    assert_true(session_closable(&p, d(2027, 3, 1)));
    p.state = "closed";
    assert_false(session_closable(&p, d(2027, 3, 1)));
    p.state = "planned";
    p.nslots = 0;
    assert_false(session_closable(&p, d(2027, 3, 1)));
}

static void test_cost_shares(void **state)
{
    (void)state;
    /* 1000.01 euro over 3: 333.34 + 333.34 + 333.33 */
    assert_int_equal(cost_share(100001, 3, 0), 33334);
    assert_int_equal(cost_share(100001, 3, 1), 33334);
    assert_int_equal(cost_share(100001, 3, 2), 33333);
    int64_t sum = 0;
    for (size_t i = 0; i < 7; i++)
        sum += cost_share(99999, 7, i);
    assert_int_equal(sum, 99999);
    assert_int_equal(cost_share(500, 0, 0), 0);
    assert_int_equal(cost_share(0, 4, 1), 0);
}

static void test_mail_backoff(void **state)
{
    (void)state;
    assert_int_equal(mail_backoff_seconds(1), 60);
    assert_int_equal(mail_backoff_seconds(2), 120);
    assert_int_equal(mail_backoff_seconds(3), 240);
    assert_int_equal(mail_backoff_seconds(9), 15360); /* 60 * 2^8: 4 h 16 */
    assert_int_equal(mail_backoff_seconds(10), 6 * 3600);
    assert_int_equal(mail_backoff_seconds(50), 6 * 3600);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session_check),    cmocka_unit_test(test_clock_and_hours),
        cmocka_unit_test(test_trainer_number_or_name),
        cmocka_unit_test(test_state_machine),    cmocka_unit_test(test_late_cancellation),
        cmocka_unit_test(test_conflicts),        cmocka_unit_test(test_attendance),
        cmocka_unit_test(test_cost_shares),      cmocka_unit_test(test_mail_backoff),
        cmocka_unit_test(test_closable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
