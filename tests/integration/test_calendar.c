/* test_calendar.c - every calendar groeipad makes, parsed by libical: a
 * session's .ics and a person's feed pass libical's checks (no parse
 * errors, iTIP restrictions of their METHOD), keep each date's UID across
 * changes, raise SEQUENCE on a change, say METHOD:CANCEL when the session
 * is cancelled, and put the dates at the right moment in Europe/Brussels
 * (winter and summer time). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libical/ical.h>
#include "helpers.h"
#include "app/training.h"
#include "store/sessions.h"

static store *db;
static date_t today;
static char admin[256], admin_csrf[65];

static int setup(void **state)
{
    (void)state;
    today = date_today();
    db = demo_store(test_path("calendar.db"));
    char *c = login_cookie(db, "admin", "demo-admin", admin_csrf);
    snprintf(admin, sizeof admin, "%s", c);
    free(c);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* GET TARGET as COOKIE (NULL: nobody); the body parsed by libical, which
 * must find no error in it. */
static icalcomponent *calendar_at(const char *target, const char *cookie)
{
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    assert_string_equal(x.resp.content_type, "text/calendar; charset=utf-8");
    const char *body = exchange_body(&x);
    /* every line ends in CRLF and holds at most 75 octets */
    for (const char *p = body; *p;) {
        const char *nl = strstr(p, "\r\n");
        assert_non_null(nl);
        assert_true(nl - p <= 75);
        p = nl + 2;
    }
    icalcomponent *c = icalparser_parse_string(body);
    exchange_free(&x);
    assert_non_null(c);
    assert_int_equal(icalcomponent_isa(c), ICAL_VCALENDAR_COMPONENT);
    assert_int_equal(icalcomponent_count_errors(c), 0);
    assert_true(icalrestriction_check(c));
    assert_int_equal(icalcomponent_count_errors(c), 0);
    return c;
}

/* The events of C in order, up to MAX. */
static int events_of(icalcomponent *c, icalcomponent **out, int max)
{
    int n = 0;
    for (icalcomponent *e = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT);
         e && n < max; e = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT))
        out[n++] = e;
    return n;
}

/* The UTC moment of E's DTSTART, read through the calendar's VTIMEZONE. */
static time_t start_utc(icalcomponent *cal, icalcomponent *e)
{
    icalproperty *p = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
    icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    assert_non_null(tzid);
    assert_string_equal(icalparameter_get_tzid(tzid), "Europe/Brussels");
    icaltimezone *zone = icalcomponent_get_timezone(cal, "Europe/Brussels");
    assert_non_null(zone);
    struct icaltimetype t = icalproperty_get_dtstart(p);
    return icaltime_as_timet_with_zone(t, zone);
}

static time_t utc_of(int y, int m, int d, int h, int min)
{
    struct icaltimetype t = icaltime_null_time();
    t.year = y, t.month = m, t.day = d, t.hour = h, t.minute = min;
    return icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone());
}

static void test_session_calendar_through_change_and_cancel(void **state)
{
    (void)state;
    /* one date in winter time and one in summer time */
    int y = date_year(today) + 1;
    session_slot slots[2] = {{0}, {0}};
    slots[0].day = date_from_ymd(y, 1, 15);
    slots[1].day = date_from_ymd(y, 7, 15);
    for (int i = 0; i < 2; i++) {
        slots[i].start = 9 * 60;
        slots[i].end = 12 * 60 + 30;
        slots[i].place = "Zaal 1, gebouw B; verdieping 2";
        slots[i].trainer_name = "Trainer \"X\"";
    }
    session_plan p = {0};
    p.activity_row = activities_row(db, "VCA", NULL);
    p.activity_code = "VCA";
    p.language = "nl";
    p.capacity = 5;
    p.shift = SHIFT_DAY;
    p.registration_deadline = p.cancellation_deadline = slots[0].day - 1;
    p.slots = slots;
    p.nslots = 2;
    enum session_problem problem;
    assert_int_equal(training_plan(db, "admin", &p, today, &problem), TRAINING_OK);
    enrol_outcome o;
    assert_int_equal(training_enrol(db, "admin", p.id, employees_row(db, "E010"), true, today, &o),
                     TRAINING_OK);

    char target[64];
    snprintf(target, sizeof target, "/sessions/%lld/ics", (long long)p.id);
    icalcomponent *cal = calendar_at(target, admin);
    assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_PUBLISH);
    icalcomponent *ev[4];
    assert_int_equal(events_of(cal, ev, 4), 2);
    char uid0[128], uid1[128];
    snprintf(uid0, sizeof uid0, "%s", icalcomponent_get_uid(ev[0]));
    snprintf(uid1, sizeof uid1, "%s", icalcomponent_get_uid(ev[1]));
    assert_string_not_equal(uid0, uid1);
    assert_int_equal(icalcomponent_get_sequence(ev[0]), 0);
    assert_string_equal(icalcomponent_get_location(ev[0]), "Zaal 1, gebouw B; verdieping 2");
    assert_int_equal(start_utc(cal, ev[0]), utc_of(y, 1, 15, 8, 0));  /* CET: UTC+1 */
    assert_int_equal(start_utc(cal, ev[1]), utc_of(y, 7, 15, 7, 0));  /* CEST: UTC+2 */
    icalcomponent_free(cal);

    /* moved by an hour: same UIDs, SEQUENCE 1 */
    slots[0].start = 10 * 60;
    arena a = ARENA_INIT;
    session_plan stored;
    assert_int_equal(tsessions_get(db, &a, p.id, &stored), STORE_ROW);
    stored.slots[0].start = 10 * 60;
    assert_int_equal(training_change(db, "admin", &stored, today, &problem), TRAINING_OK);
    cal = calendar_at(target, admin);
    assert_int_equal(events_of(cal, ev, 4), 2);
    assert_string_equal(icalcomponent_get_uid(ev[0]), uid0);
    assert_string_equal(icalcomponent_get_uid(ev[1]), uid1);
    assert_int_equal(icalcomponent_get_sequence(ev[0]), 1);
    assert_int_equal(start_utc(cal, ev[0]), utc_of(y, 1, 15, 9, 0));
    icalcomponent_free(cal);

    /* the employee's feed shows both dates, by its secret address only */
    user u;
    str hash = STR_INIT;
    assert_int_equal(users_find(db, &a, "employee", &u, &hash), STORE_ROW);
    str_free(&hash);
    char token[65];
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(feeds_token(db, u.id, false, token), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    char feed[128];
    snprintf(feed, sizeof feed, "/calendar/%s.ics", token);
    cal = calendar_at(feed, NULL);
    int found = 0;
    icalcomponent *all[32];
    int n = events_of(cal, all, 32);
    for (int i = 0; i < n; i++)
        if (strcmp(icalcomponent_get_uid(all[i]), uid0) == 0 ||
            strcmp(icalcomponent_get_uid(all[i]), uid1) == 0) {
            found++;
            assert_int_equal(icalcomponent_get_status(all[i]), ICAL_STATUS_CONFIRMED);
        }
    assert_int_equal(found, 2);
    icalcomponent_free(cal);

    /* cancelled: METHOD:CANCEL, same UIDs, SEQUENCE 2, in the feed too */
    assert_int_equal(training_cancel_session(db, "admin", p.id, "te weinig deelnemers"),
                     TRAINING_OK);
    cal = calendar_at(target, admin);
    assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_CANCEL);
    assert_int_equal(events_of(cal, ev, 4), 2);
    assert_string_equal(icalcomponent_get_uid(ev[0]), uid0);
    assert_int_equal(icalcomponent_get_sequence(ev[0]), 2);
    assert_int_equal(icalcomponent_get_status(ev[0]), ICAL_STATUS_CANCELLED);
    icalcomponent_free(cal);
    cal = calendar_at(feed, NULL);
    n = events_of(cal, all, 32);
    for (int i = 0; i < n; i++)
        if (strcmp(icalcomponent_get_uid(all[i]), uid0) == 0)
            assert_int_equal(icalcomponent_get_status(all[i]), ICAL_STATUS_CANCELLED);
    icalcomponent_free(cal);

    /* a file serves one organisation without a slug: an address naming
     * one opens nothing (a site's organisations answer it, test_site.c) */
    char named[160];
    snprintf(named, sizeof named, "/calendar/someorg/%s.ics", token);
    exchange x0;
    run_request(&x0, db, "GET", named, NULL, NULL, NULL);
    assert_int_equal(x0.resp.status, 404);
    exchange_free(&x0);

    /* a renewed address closes the old one */
    assert_int_equal(store_begin(db), STORE_OK);
    char renewed[65];
    assert_int_equal(feeds_token(db, u.id, true, renewed), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    exchange x;
    run_request(&x, db, "GET", feed, NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 404);
    exchange_free(&x);
    arena_free(&a);
}

static void test_every_demo_session_calendar_parses(void **state)
{
    (void)state;
    for (int id = 1; id <= 4; id++) {
        char target[64];
        snprintf(target, sizeof target, "/sessions/%d/ics", id);
        icalcomponent *cal = calendar_at(target, admin);
        icalcomponent *ev[8];
        assert_true(events_of(cal, ev, 8) >= 1);
        icalcomponent_free(cal);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session_calendar_through_change_and_cancel),
        cmocka_unit_test(test_every_demo_session_calendar_parses),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
