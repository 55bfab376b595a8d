/* cert_renew.c - the one-click follow-up of a certification to renew: a
 * seat in the earliest open session of its activity, or an open need. */
#include "app/cert_renew.h"
#include "app/training.h"
#include "store/sessions.h"
#include "store/competences.h"
#include "util/arena.h"
#include "util/str.h"
#include <string.h>

const char *const cert_renew_names[RENEW_OUTCOMES] = {
    "enrolled", "requested", "waitlisted", "already", "need", "need_exists", "not_possible"};

int cert_renew_session(store *db, int64_t act_row, date_t today, int64_t *id)
{
    arena a = ARENA_INIT;
    session_query q = {today, -1, NULL, NULL, 0, false};
    session_plan *list;
    size_t n;
    *id = 0;
    int rc = tsessions_list(db, &a, &q, &list, &n);
    /* the list is by first date: the first that fits is the earliest */
    for (size_t i = 0; rc == STORE_OK && i < n && !*id; i++)
        if (list[i].activity_row == act_row && strcmp(list[i].state, "planned") == 0 &&
            list[i].registration_deadline >= today)
            *id = list[i].id;
    arena_free(&a);
    return rc == STORE_OK ? STORE_OK : STORE_ERROR;
}

/* The title of the need for ACT: the activity as people know it, which is
 * also how a second click finds the need already signalled. */
static const char *need_title(arena *a, const activity *act)
{
    str t = STR_INIT;
    str_printf(&t, "%s (%s)", act->title, act->code);
    const char *copy = str_ok(&t) ? arena_strdup(a, t.p) : NULL;
    str_free(&t);
    return copy;
}

/* Signals an open need for E and ACT unless one is open already, in one
 * transaction (needs_add audits it). */
static int renew_need(store *db, const char *actor, int role, const employee *e,
                      const activity *act, int *outcome)
{
    arena a = ARENA_INIT;
    const char *title = need_title(&a, act);
    int rc = title ? store_begin(db) : STORE_ERROR;
    if (rc != STORE_OK) {
        arena_free(&a);
        return STORE_ERROR;
    }
    need_query q = {NEED_OPEN, NULL, 0, e->id, NULL};
    training_need *list;
    size_t n;
    rc = needs_list(db, &a, &q, &list, &n);
    bool open = false;
    for (size_t i = 0; rc == STORE_OK && i < n; i++)
        open |= list[i].source == NEED_FROM_CERTIFICATION && strcmp(list[i].title, title) == 0;
    if (rc == STORE_OK && open) {
        *outcome = RENEW_NEED_EXISTS;
    } else if (rc == STORE_OK) {
        training_need need = {0};
        need.title = title;
        need.scope = SCOPE_PERSON;
        need.employee_id = e->employee_id;
        need.source = NEED_FROM_CERTIFICATION;
        need.priority = PRIORITY_HIGH;
        need.status = NEED_OPEN;
        int64_t id;
        rc = needs_add(db, actor, role, &need, &id);
        *outcome = RENEW_NEED_ADDED;
    }
    bool done = rc == STORE_OK;
    rc = store_end(db, done ? STORE_OK : STORE_ERROR);
    arena_free(&a);
    return done && rc == STORE_OK ? STORE_OK : STORE_ERROR;
}

/* Whether E has an open enrolment in a coming session of ACT (not only
 * the one a click would pick: that one drops out at its registration
 * deadline, and the page shows a booking in any of them): its session in
 * *session_id, else 0. STORE_OK or STORE_ERROR. */
static int booked_session(store *db, const employee *e, const activity *act, date_t today,
                          int64_t *session_id)
{
    arena a = ARENA_INIT;
    coming_enrolment *list;
    size_t n;
    int rc = enrolments_coming(db, &a, today, e->id, act->id, &list, &n);
    *session_id = rc == STORE_OK && n > 0 ? list[0].session_id : 0;
    arena_free(&a);
    return rc;
}

int cert_renew(store *db, const char *actor, int role, const employee *e, const activity *act,
               date_t today, int *outcome, int64_t *session_id)
{
    if (booked_session(db, e, act, today, session_id) != STORE_OK)
        return STORE_ERROR;
    if (*session_id) {
        *outcome = RENEW_ALREADY;
        return STORE_OK;
    }
    if (cert_renew_session(db, act->id, today, session_id) != STORE_OK)
        return STORE_ERROR;
    if (!*session_id)
        return renew_need(db, actor, role, e, act, outcome);
    enrol_outcome out;
    int st = training_enrol(db, actor, *session_id, e->id, role == ROLE_ADMIN, today, &out);
    /* the manager is the one who approves: their click is the approval;
     * should that fail, the request stands and is shown as such */
    if (st == TRAINING_OK && out.state == ENROL_REQUESTED && role == ROLE_MANAGER) {
        enrol_outcome approved;
        if (training_decide(db, actor, out.enrolment_id, true, NULL, today, &approved) ==
            TRAINING_OK)
            out.state = approved.state;
    }
    switch (st) {
    case TRAINING_OK:
        *outcome = out.state == ENROL_REQUESTED    ? RENEW_REQUESTED
                   : out.state == ENROL_WAITLISTED ? RENEW_WAITLISTED
                                                   : RENEW_ENROLLED;
        return STORE_OK;
    case TRAINING_ALREADY:
        *outcome = RENEW_ALREADY;
        return STORE_OK;
    case TRAINING_NOT_EMPLOYED:
        *outcome = RENEW_NOT_POSSIBLE;
        return STORE_OK;
    default:
        return STORE_ERROR;
    }
}
