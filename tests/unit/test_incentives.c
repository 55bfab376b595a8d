/* test_incentives.c - rule 8: school years, dated parameters, the
 * training-leave refund (caps, part-timers, minimum course length, a course
 * across 31 August) and what a voucher or SME-wallet claim may ask. Every
 * expected figure is computed by hand in the comment beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "core/incentives.h"
#include "core/policy.h"

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

/* Today's training-leave figures (RULES.md §8), from school year 2025-26 on. */
static incentive_params leave_2025(void)
{
    return (incentive_params){1, d(2025, 9, 1), DATE_NONE, 1491, -1, -1, 12500, -1, 3200, 8000};
}

static void test_school_year(void **state)
{
    (void)state;
    assert_int_equal(school_year_of(d(2026, 8, 31)), 2025);
    assert_int_equal(school_year_of(d(2026, 9, 1)), 2026);
    assert_int_equal(school_year_of(d(2026, 1, 1)), 2025);
    assert_int_equal(school_year_of(d(2026, 12, 31)), 2026);
    date_t from, to;
    incentive_period_bounds(PERIOD_SCHOOL_YEAR, 2025, &from, &to);
    assert_int_equal(from, d(2025, 9, 1));
    assert_int_equal(to, d(2026, 8, 31));
    incentive_period_bounds(PERIOD_CALENDAR_YEAR, 2026, &from, &to);
    assert_int_equal(from, d(2026, 1, 1));
    assert_int_equal(to, d(2026, 12, 31));
    assert_int_equal(incentive_period_of(PERIOD_CALENDAR_YEAR, d(2026, 8, 31)), 2026);
    assert_int_equal(incentive_period_of(PERIOD_SCHOOL_YEAR, d(2026, 8, 31)), 2025);
}

static void test_params_on_and_check(void **state)
{
    (void)state;
    incentive_params p[2] = {
        {1, d(2024, 9, 1), d(2025, 8, 31), 1400, -1, -1, 12500, -1, 3200, -1},
        leave_2025(),
    };
    assert_null(incentive_params_on(p, 2, d(2024, 8, 31)));
    assert_int_equal(incentive_params_on(p, 2, d(2025, 8, 31))->rate_per_hour, 1400);
    assert_int_equal(incentive_params_on(p, 2, d(2025, 9, 1))->rate_per_hour, 1491);
    assert_int_equal(incentive_params_on(p, 2, d(2040, 1, 1))->rate_per_hour, 1491);

    int closes, with;
    /* Next year's figures close the open-ended set the day before. */
    incentive_params next = {0, d(2026, 9, 1), DATE_NONE, 1520, -1, -1, 12500, -1, 3200, 8000};
    assert_int_equal(incentive_params_check(p, 2, &next, &closes, &with), PARAMS_OK);
    assert_int_equal(closes, 1);
    /* A set inside the closed 2024-25 period overlaps it. */
    incentive_params inside = {0, d(2025, 1, 1), d(2025, 3, 31), 1, -1, -1, -1, -1, -1, -1};
    assert_int_equal(incentive_params_check(p, 2, &inside, &closes, &with), PARAMS_OVERLAP);
    assert_int_equal(with, 0);
    assert_int_equal(closes, -1);
    /* Touching is not overlapping: 2023-24 ends the day before 2024-25. */
    incentive_params before = {0, d(2023, 9, 1), d(2024, 8, 31), 1, -1, -1, -1, -1, -1, -1};
    assert_int_equal(incentive_params_check(p, 2, &before, &closes, &with), PARAMS_OK);
    assert_int_equal(closes, -1);
    /* One day too far. */
    before.valid_to = d(2024, 9, 1);
    assert_int_equal(incentive_params_check(p, 2, &before, &closes, &with), PARAMS_OVERLAP);
    /* A bounded set inside the open-ended one would leave a hole after it. */
    incentive_params bounded = {0, d(2026, 10, 1), d(2026, 12, 31), 1, -1, -1, -1, -1, -1, -1};
    assert_int_equal(incentive_params_check(p, 2, &bounded, &closes, &with), PARAMS_OVERLAP);
    assert_int_equal(with, 1);
    /* An open-ended set starting before the open one would swallow it. */
    incentive_params open_earlier = {0, d(2025, 1, 1), DATE_NONE, 1, -1, -1, -1, -1, -1, -1};
    assert_int_equal(incentive_params_check(&p[1], 1, &open_earlier, &closes, &with),
                     PARAMS_OVERLAP);
    incentive_params backwards = {0, d(2026, 9, 1), d(2026, 8, 31), 1, -1, -1, -1, -1, -1, -1};
    assert_int_equal(incentive_params_check(p, 2, &backwards, &closes, &with), PARAMS_RANGE);
    incentive_params too_much = {0, d(2030, 1, 1), DATE_NONE, -1, 10001, -1, -1, -1, -1, -1};
    assert_int_equal(incentive_params_check(NULL, 0, &too_much, &closes, &with), PARAMS_VALUE);
}

static void test_leave_cap_reached_mid_year(void **state)
{
    (void)state;
    incentive_params p = leave_2025();
    /* Full time: cap 125 h. 40 + 40 h count whole, the third course of 60 h
     * only for the 45 h left; the fourth not at all. Refund 125 h x 14,91 =
     * 1.863,75. */
    leave_course c[4] = {{1, d(2025, 9, 15), 4000}, {2, d(2025, 11, 3), 4000},
                         {3, d(2026, 2, 2), 6000}, {4, d(2026, 5, 4), 4000}};
    leave_line lines[4];
    leave_result r;
    training_leave_refund(10000, 2025, c, 4, &p, 1, &r, lines);
    assert_true(r.eligible);
    assert_int_equal(r.cap_u, 125LL * 100 * LEAVE_UNIT);
    assert_int_equal(r.taken_u, 180LL * 100 * LEAVE_UNIT);
    assert_int_equal(r.counted_u, 125LL * 100 * LEAVE_UNIT);
    assert_int_equal(leave_refund_cents(&r), 186375);
    assert_int_equal(lines[0].reason, LEAVE_COUNTED);
    assert_int_equal(lines[1].reason, LEAVE_COUNTED);
    assert_int_equal(lines[2].reason, LEAVE_CAPPED);
    assert_int_equal(lines[2].counted_u, 45LL * 100 * LEAVE_UNIT);
    assert_int_equal(lines[3].reason, LEAVE_CAPPED);
    assert_int_equal(lines[3].counted_u, 0);
}

static void test_leave_part_timer(void **state)
{
    (void)state;
    incentive_params p = leave_2025();
    /* 80 %: cap 100 h; 60 + 60 h count 100 h: 100 x 14,91 = 1.491,00. */
    leave_course c[2] = {{1, d(2025, 10, 1), 6000}, {2, d(2026, 3, 1), 6000}};
    leave_result r;
    training_leave_refund(8000, 2025, c, 2, &p, 1, &r, NULL);
    assert_int_equal(r.cap_u, 100LL * 100 * LEAVE_UNIT);
    assert_int_equal(leave_refund_cents(&r), 149100);
    /* 85 %: cap 106,25 h; one course of 120 h counts 106,25 h:
     * 106,25 x 14,91 = 1.584,1875, so 1.584,19. */
    leave_course one = {3, d(2025, 10, 1), 12000};
    training_leave_refund(8500, 2025, &one, 1, &p, 1, &r, NULL);
    assert_int_equal(r.cap_u, 10625LL * LEAVE_UNIT);
    assert_int_equal(r.counted_u, 10625LL * LEAVE_UNIT);
    assert_int_equal(leave_refund_cents(&r), 158419);
    /* 79,99 %: below the minimum occupation of 80 % from 2025-26. */
    leave_line line;
    training_leave_refund(7999, 2025, &one, 1, &p, 1, &r, &line);
    assert_false(r.eligible);
    assert_int_equal(leave_refund_cents(&r), 0);
    assert_int_equal(line.reason, LEAVE_OCCUPATION);
    assert_int_equal(r.taken_u, 12000LL * LEAVE_UNIT);
    /* 2024-25 parameters without a minimum occupation: a half-timer counts,
     * cap 62,5 h x 14,00 = 875,00. */
    incentive_params old = {1, d(2024, 9, 1), d(2025, 8, 31), 1400, -1, -1, 12500, -1, 3200, -1};
    leave_course c24 = {4, d(2024, 10, 1), 8000};
    training_leave_refund(5000, 2024, &c24, 1, &old, 1, &r, NULL);
    assert_true(r.eligible);
    assert_int_equal(leave_refund_cents(&r), 87500);
}

static void test_leave_minimum_length(void **state)
{
    (void)state;
    incentive_params p = leave_2025();
    /* 31,99 h is below the 32 contact hours; 32 h counts: 32 x 14,91 = 477,12. */
    leave_course c[2] = {{1, d(2025, 10, 1), 3199}, {2, d(2025, 11, 1), 3200}};
    leave_line lines[2];
    leave_result r;
    training_leave_refund(10000, 2025, c, 2, &p, 1, &r, lines);
    assert_int_equal(lines[0].reason, LEAVE_SHORT);
    assert_int_equal(lines[0].counted_u, 0);
    assert_int_equal(lines[1].reason, LEAVE_COUNTED);
    assert_int_equal(r.taken_u, 3200LL * LEAVE_UNIT);
    assert_int_equal(leave_refund_cents(&r), 47712);
}

static void test_leave_course_across_31_august(void **state)
{
    (void)state;
    incentive_params p = leave_2025();
    /* A 40 h course from 20 August to 15 September 2026 belongs, whole, to
     * school year 2025-26 (its start): 40 x 14,91 = 596,40; nothing in
     * 2026-27. */
    leave_course c = {1, d(2026, 8, 20), 4000};
    leave_result r;
    training_leave_refund(10000, 2025, &c, 1, &p, 1, &r, NULL);
    assert_int_equal(leave_refund_cents(&r), 59640);
    training_leave_refund(10000, 2026, &c, 1, &p, 1, &r, NULL);
    assert_int_equal(r.counted_u, 0);
    assert_int_equal(leave_refund_cents(&r), 0);
    /* One day later it is 2026-27's. */
    c.start_date = d(2026, 9, 1);
    training_leave_refund(10000, 2026, &c, 1, &p, 1, &r, NULL);
    assert_int_equal(leave_refund_cents(&r), 59640);
    /* No parameters for 2024-25: nothing to claim. */
    c.start_date = d(2024, 10, 1);
    leave_line line;
    training_leave_refund(10000, 2024, &c, 1, &p, 1, &r, &line);
    assert_false(r.eligible);
    assert_int_equal(line.reason, LEAVE_NO_PARAMS);
    assert_int_equal(leave_refund_cents(&r), 0);
}

static void test_voucher_and_sme_wallet(void **state)
{
    (void)state;
    incentive_scheme voucher = {1, "voucher", "Training vouchers", KIND_VOUCHER,
                                PERIOD_SCHOOL_YEAR, 1, NULL, 0};
    incentive_params vp = {1, d(2025, 9, 1), DATE_NONE, -1, 5000, -1, -1, 12500, -1, -1};
    claimable c;
    /* Half of 200,00 is 100,00, under the 125,00 left. */
    assert_int_equal(incentive_claimable(&voucher, &vp, 800, 20000, 0, 12000, -1, &c),
                     CLAIMABLE_OK);
    assert_int_equal(c.share_amount, 10000);
    assert_int_equal(c.cap_left, 12500);
    assert_int_equal(c.most, 10000);
    /* 50,00 already claimed this school year: 75,00 left of 125,00. */
    assert_int_equal(incentive_claimable(&voucher, &vp, 800, 30000, 5000, 12000, 7500, &c),
                     CLAIMABLE_OK);
    assert_int_equal(c.most, 7500);
    assert_int_equal(incentive_claimable(&voucher, &vp, 800, 30000, 5000, 12000, 7501, &c),
                     CLAIMABLE_ABOVE_CAP);
    assert_int_equal(c.cap_left, 7500);
    /* More than half the cost (half of 100,01 is 50,005: 50,01 may be asked). */
    assert_int_equal(incentive_claimable(&voucher, &vp, 800, 10001, 0, 12000, 5001, &c),
                     CLAIMABLE_OK);
    assert_int_equal(incentive_claimable(&voucher, &vp, 800, 10001, 0, 12000, 5002, &c),
                     CLAIMABLE_ABOVE_SHARE);
    assert_int_equal(c.share_amount, 5001); /* 50,005 rounds half away from zero */
    /* Cap reached: nothing left. */
    assert_int_equal(incentive_claimable(&voucher, &vp, 800, 30000, 12500, 12000, -1, &c),
                     CLAIMABLE_OK);
    assert_int_equal(c.most, 0);

    incentive_scheme sme = {2, "sme_wallet", "SME wallet", KIND_SME_WALLET,
                            PERIOD_CALENDAR_YEAR, 0, NULL, 0};
    incentive_params sp = {2, d(2025, 1, 1), DATE_NONE, -1, 3000, 2000, -1, 750000, -1, -1};
    /* 120 FTE is medium: 20 % of 1.000,00. */
    assert_int_equal(incentive_claimable(&sme, &sp, 1600, 100000, 0, 12000, -1, &c),
                     CLAIMABLE_OK);
    assert_int_equal(c.most, 20000);
    /* 49,99 FTE is small: 30 %. */
    assert_int_equal(incentive_claimable(&sme, &sp, 1600, 100000, 0, 4999, -1, &c),
                     CLAIMABLE_OK);
    assert_int_equal(c.most, 30000);
    /* 250 FTE is no SME. */
    assert_int_equal(incentive_claimable(&sme, &sp, 1600, 100000, 0, 25000, -1, &c),
                     CLAIMABLE_NOT_SME);
    /* 7.400,00 of the 7.500,00 used: 100,00 left, though 20 % is 200,00. */
    assert_int_equal(incentive_claimable(&sme, &sp, 1600, 100000, 740000, 12000, 20000, &c),
                     CLAIMABLE_ABOVE_CAP);
    assert_int_equal(c.cap_left, 10000);
    assert_int_equal(c.most, 10000);
    /* No parameters on the course's date. */
    assert_int_equal(incentive_claimable(&sme, NULL, 1600, 100000, 0, 12000, -1, &c),
                     CLAIMABLE_NO_PARAMS);
    /* A minimum length applies to cost-based schemes too. */
    sp.min_hours = 800;
    assert_int_equal(incentive_claimable(&sme, &sp, 799, 100000, 0, 12000, -1, &c),
                     CLAIMABLE_SHORT);
}

static void test_claim_states_and_deadlines(void **state)
{
    (void)state;
    assert_true(claim_can_move(CLAIM_TO_FILE, CLAIM_FILED));
    assert_false(claim_can_move(CLAIM_TO_FILE, CLAIM_PAID));
    assert_true(claim_can_move(CLAIM_FILED, CLAIM_PAID));
    assert_true(claim_can_move(CLAIM_FILED, CLAIM_REFUSED));
    assert_false(claim_can_move(CLAIM_PAID, CLAIM_REFUSED));
    assert_false(claim_can_move(CLAIM_REFUSED, CLAIM_FILED));
    /* Training leave 2025-26 (ends 31 August 2026): by 31 December 2026. */
    assert_int_equal(policy_claim_deadline(KIND_TRAINING_LEAVE, d(2026, 8, 31)),
                     d(2026, 12, 31));
    /* SME wallet: the period's end; each course has its own term, a
     * parameter: 14 days after the course starts, the 14th day included. */
    assert_int_equal(policy_claim_deadline(KIND_SME_WALLET, d(2026, 12, 31)), d(2026, 12, 31));
    incentive_params sp = {.file_within_days = 14};
    assert_int_equal(incentive_file_by(&sp, d(2026, 2, 20)), d(2026, 3, 6));
    assert_true(incentive_in_time(&sp, d(2026, 2, 20), d(2026, 3, 6)));
    assert_false(incentive_in_time(&sp, d(2026, 2, 20), d(2026, 3, 7)));
    sp.file_within_days = -1; /* no term */
    assert_int_equal(incentive_file_by(&sp, d(2026, 2, 20)), DATE_NONE);
    assert_true(incentive_in_time(&sp, d(2026, 2, 20), d(2030, 1, 1)));
    assert_true(incentive_in_time(NULL, d(2026, 2, 20), d(2030, 1, 1)));
    assert_int_equal(policy_claim_deadline(KIND_VOUCHER, d(2026, 8, 31)),
                     d(2027, 8, 31));
}

static void test_split_pro_rata(void **state)
{
    (void)state;
    /* 596,40 over 60 h and 40 h counted: 357,84 and 238,56. */
    int64_t w[3] = {60, 0, 40}, out[3];
    split_pro_rata(59640, w, 3, out);
    assert_int_equal(out[0], 35784);
    assert_int_equal(out[1], 0);
    assert_int_equal(out[2], 23856);
    /* 1 cent over three equal courses: the last takes it. */
    int64_t eq[3] = {1, 1, 1};
    split_pro_rata(1, eq, 3, out);
    assert_int_equal(out[0] + out[1] + out[2], 1);
    assert_int_equal(out[2], 1);
    /* 100,00 over 1/3 each: 33,33 + 33,33 + 33,34. */
    split_pro_rata(10000, eq, 3, out);
    assert_int_equal(out[0], 3333);
    assert_int_equal(out[1], 3333);
    assert_int_equal(out[2], 3334);
    /* Nothing counted: all to the last. */
    int64_t none[2] = {0, 0};
    split_pro_rata(500, none, 2, out);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_school_year),
        cmocka_unit_test(test_params_on_and_check),
        cmocka_unit_test(test_leave_cap_reached_mid_year),
        cmocka_unit_test(test_leave_part_timer),
        cmocka_unit_test(test_leave_minimum_length),
        cmocka_unit_test(test_leave_course_across_31_august),
        cmocka_unit_test(test_voucher_and_sme_wallet),
        cmocka_unit_test(test_claim_states_and_deadlines),
        cmocka_unit_test(test_split_pro_rata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
