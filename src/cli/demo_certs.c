/* demo_certs.c - the demo's evaluated sessions (issue 13): two sessions
 * held before today, closed with their participants' learning records and
 * their reactions, so that the evaluation pages show results per session
 * and per trainer on any day. One has six participants (shown to the works
 * council), one three (too few: hidden from all but HR), one of whom
 * failed the test. Written straight
 * through store/, inside demo_fill's transaction, without e-mail; no random
 * numbers are drawn. */
#include "cli/cli.h"
#include "store/evaluation.h"
#include "store/sessions.h"
#include <string.h>

typedef struct held_session {
    const char *code;
    int first, dates;       /* first date: days before today; dates a week apart */
    const char *trainer;    /* an employee id or an outside name */
    const char *const *who; /* employee ids, NULL-terminated */
    int score;              /* the reactions' base score (1 to 5) */
} held_session;

static const char *const first_aid_group[] = {"E021", "E022", "E023", "E024", "E025", "E026",
                                              NULL};
static const char *const forklift_group[] = {"E057", "E058", "E059", NULL};

static const held_session held[] = {
    {"EHBO-OPF", 40, 1, "Rode Kruis Vlaanderen", first_aid_group, 4},
    {"HEFTRUCK", 70, 2, "E004", forklift_group, 3},
};

/* The session's slots: 9:00 to 12:30, a week apart from TODAY - FIRST. */
static void held_slots(store *db, const held_session *h, date_t today, session_slot *slots)
{
    int64_t trainer = h->trainer[0] == 'E' && h->trainer[1] >= '0' && h->trainer[1] <= '9'
                          ? employees_row(db, h->trainer)
                          : 0;
    for (int k = 0; k < h->dates; k++) {
        memset(&slots[k], 0, sizeof slots[k]);
        slots[k].day = today - h->first + 7 * k;
        slots[k].start = 9 * 60;
        slots[k].end = 12 * 60 + 30;
        slots[k].place = "Opleidingslokaal A";
        if (trainer > 0)
            slots[k].trainer_row = trainer;
        else
            slots[k].trainer_name = h->trainer;
    }
}

/* Employee ID took part in all of P: enrolled, present, their learning
 * record written and linked as a closing writes it (app/training.c), and
 * their reaction given with SCORES. Skipped when not employed then. */
static int took_part(store *db, const session_plan *p, int activity_type, const char *id,
                     const int64_t *qids, const int *scores, size_t nq)
{
    int64_t row = employees_row(db, id), e;
    date_t hire, exit_, first = p->slots[0].day, last = p->slots[p->nslots - 1].day;
    int shift;
    if (row <= 0)
        return row < 0 ? STORE_ERROR : STORE_OK; /* a smaller demo: skip */
    int rc = employees_brief(db, row, &hire, &exit_, &shift);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
    if (hire > first || (exit_ != DATE_NONE && exit_ < last))
        return STORE_OK;
    rc = enrolments_open(db, "demo", p->id, row, ENROL_APPROVED, "enrolled by HR", &e);
    if (rc == STORE_OK && tsessions_take_seat(db, p->id) != 1)
        rc = STORE_ERROR;
    if (rc == STORE_OK)
        rc = enrolments_move(db, "demo", e, ENROL_APPROVED, ENROL_ENROLLED, NULL, 0, 0);
    learning_record r = {0};
    r.own_type = -1;
    r.type = activity_type;
    r.start_date = first;
    r.end_date = last;
    r.working_time = -1;
    r.result = RESULT_COMPLETED;
    for (size_t k = 0; rc == STORE_OK && k < p->nslots; k++) {
        rc = attendance_set(db, "demo", e, p->slots[k].id, MARK_PRESENT, 0);
        r.hours += (p->slots[k].end - p->slots[k].start) * 100 / 60;
    }
    if (rc == STORE_OK)
        rc = learning_insert(db, &r, row, p->activity_row);
    int64_t record = rc == STORE_OK ? store_last_id(db) : -1;
    if (rc == STORE_OK)
        rc = record > 0 ? enrolments_set_record(db, e, record) : STORE_ERROR;
    if (rc == STORE_OK)
        rc = enrolments_move(db, "demo", e, ENROL_ENROLLED, ENROL_ATTENDED, NULL, 0, 0);
    if (rc == STORE_OK && nq)
        rc = eval_reaction_save(db, "demo", record, qids, scores, nq, NULL, last + 1);
    /* The last of the forklift group fails the practical test: the record
     * fails with it, and its tests page offers to raise a need. */
    if (rc == STORE_OK && strcmp(p->activity_code, "HEFTRUCK") == 0 &&
        strcmp(id, "E059") == 0) {
        learning_test t = {0, last, 900, 2000, 1200};
        int attempt;
        rc = learning_tests_add(db, "demo", record, &t, &attempt);
    }
    return rc;
}

int demo_certs(store *db, date_t today, str *err)
{
    (void)err;
    arena a = ARENA_INIT;
    eval_question *qs;
    size_t nq;
    int rc = eval_questions_list(db, &a, true, &qs, &nq);
    int64_t qids[8];
    int scores[8];
    if (nq > 8)
        nq = 8;
    for (size_t k = 0; k < nq; k++)
        qids[k] = qs[k].id;
    for (size_t i = 0; rc == STORE_OK && i < sizeof held / sizeof *held; i++) {
        const held_session *h = &held[i];
        session_slot slots[2];
        session_plan p = {0};
        int type = -1;
        p.activity_row = activities_row(db, h->code, &type);
        if (p.activity_row <= 0)
            continue; /* not in this catalogue */
        held_slots(db, h, today, slots);
        p.activity_code = h->code;
        p.language = "nl";
        p.capacity = 12;
        p.shift = SHIFT_DAY;
        p.slots = slots;
        p.nslots = (size_t)h->dates;
        p.registration_deadline = slots[0].day - 7;
        p.cancellation_deadline = slots[0].day - 3;
        rc = tsessions_add(db, "demo", &p);
        for (size_t k = 0; rc == STORE_OK && h->who[k]; k++) {
            for (size_t q = 0; q < nq; q++) /* one in three a point lower */
                scores[q] = h->score - ((k + q) % 3 == 0 ? 1 : 0);
            rc = took_part(db, &p, type, h->who[k], qids, scores, nq);
        }
        if (rc == STORE_OK)
            rc = tsessions_set_state(db, "demo", p.id, "closed", NULL);
    }
    arena_free(&a);
    return rc;
}
