/* demo_sessions.c - the demo's training sessions: a few planned from today
 * on (one needing approval with a request waiting for the production
 * manager, one full with a waiting list and the demo mentor as trainer,
 * one online in French) and one held two days ago whose attendance is
 * still to be registered. Written straight through store/, inside
 * demo_fill's transaction, without e-mail. */
#include "cli/cli.h"
#include "store/sessions.h"
#include <string.h>

typedef struct demo_session {
    const char *code;
    const char *language;
    int capacity, shift;
    int first, weeks, dates; /* first date: days after today; one every WEEKS weeks */
    int start, end;          /* minutes */
    const char *place, *link, *trainer; /* trainer: an employee id or an outside name */
    int64_t late_fee, cost;
    int approval;
    const char *const *enrol; /* employee ids, NULL-terminated; past capacity they wait */
    const char *const *ask;   /* employee ids whose request waits for their manager */
} demo_session;

static const char *const first_aid_in[] = {"E011", "E012", "E016", NULL};
static const char *const first_aid_ask[] = {"E010", NULL};
static const char *const forklift_in[] = {"E048", "E049", "E050", "E051", "E052", "E053",
                                          "E055", "E056", NULL};
static const char *const held_in[] = {"E017", "E018", "E019", "E020", NULL};
static const char *const none[] = {NULL};

static const demo_session demo_sessions_list[] = {
    {"EHBO-OPF", "nl", 12, SHIFT_DAY, 14, 1, 2, 9 * 60, 12 * 60 + 30, "Opleidingslokaal A",
     NULL, "Rode Kruis Vlaanderen", 4500, 114000, 1, first_aid_in, first_aid_ask},
    {"HEFTRUCK", "nl", 6, SHIFT_ROTATING, 20, 1, 3, 13 * 60, 17 * 60, "Magazijn hal 2", NULL,
     "E004", 15000, 252000, 0, forklift_in, none},
    {"KLANT", "fr", 10, SHIFT_DAY, 45, 2, 2, 9 * 60, 16 * 60, NULL,
     "https://meet.example.org/klant", "Syntra", 0, 76000, 1, none, none},
    {"VCA", "nl", 8, SHIFT_DAY, -2, 1, 1, 8 * 60 + 30, 16 * 60 + 30, "Opleidingslokaal B",
     NULL, "E004", 8000, 84000, 0, held_in, none},
};

/* Enrols employee ID into session P: a seat while there is one, else the
 * waiting list; ASK only requests it. */
static int demo_enrol(store *db, int64_t session, const char *id, bool ask)
{
    int64_t row = employees_row(db, id), e;
    if (row <= 0)
        return row < 0 ? STORE_ERROR : STORE_OK; /* a smaller demo: skip */
    int rc = enrolments_open(db, "demo", session, row, ask ? ENROL_REQUESTED : ENROL_APPROVED,
                             ask ? NULL : "enrolled by HR", &e);
    if (rc != STORE_OK || ask)
        return rc;
    int got = tsessions_take_seat(db, session);
    if (got < 0)
        return STORE_ERROR;
    rc = enrolments_move(db, "demo", e, ENROL_APPROVED, got ? ENROL_ENROLLED : ENROL_WAITLISTED,
                         NULL, 0, 0);
    return rc == STORE_OK && !got ? enrolments_queue(db, e) : rc;
}

int demo_sessions(store *db, date_t today, str *err)
{
    (void)err;
    for (size_t i = 0; i < sizeof demo_sessions_list / sizeof *demo_sessions_list; i++) {
        const demo_session *d = &demo_sessions_list[i];
        session_slot slots[4];
        session_plan p = {0};
        p.activity_row = activities_row(db, d->code, NULL);
        if (p.activity_row <= 0)
            return STORE_ERROR;
        p.activity_code = d->code;
        p.language = d->language;
        p.capacity = d->capacity;
        p.shift = d->shift;
        for (int k = 0; k < d->dates; k++) {
            memset(&slots[k], 0, sizeof slots[k]);
            slots[k].day = today + d->first + 7 * d->weeks * k;
            slots[k].start = d->start;
            slots[k].end = d->end;
            slots[k].place = d->place;
            slots[k].online_link = d->link;
            int64_t trainer = d->trainer[0] == 'E' && d->trainer[1] >= '0' && d->trainer[1] <= '9'
                                  ? employees_row(db, d->trainer) : 0;
            if (trainer > 0)
                slots[k].trainer_row = trainer;
            else
                slots[k].trainer_name = d->trainer;
        }
        p.slots = slots;
        p.nslots = (size_t)d->dates;
        p.registration_deadline = today + d->first - 7;
        p.cancellation_deadline = today + d->first - 3;
        p.late_fee = d->late_fee;
        p.cost = d->cost;
        int rc = tsessions_add(db, "demo", &p);
        if (rc == STORE_OK)
            rc = activities_set_enrol_approval(db, "demo", p.activity_row, d->approval);
        for (size_t k = 0; rc == STORE_OK && d->enrol[k]; k++)
            rc = demo_enrol(db, p.id, d->enrol[k], false);
        for (size_t k = 0; rc == STORE_OK && d->ask[k]; k++)
            rc = demo_enrol(db, p.id, d->ask[k], true);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}
