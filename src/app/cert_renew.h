/* cert_renew.h (app) - the one-click follow-up of a certification that is
 * expiring, expired or missing (issue 13): the person is enrolled in the
 * earliest open session of the activity, or, when there is none, an open
 * training need is signalled in the needs register. */
#ifndef GP_APP_CERT_RENEW_H
#define GP_APP_CERT_RENEW_H
#include "core/model.h"
#include "store/store.h"

/* What the click did. */
enum cert_renew_outcome {
    RENEW_ENROLLED,      /* a seat in the session */
    RENEW_REQUESTED,     /* the enrolment awaits approval */
    RENEW_WAITLISTED,    /* the session is full: on its waiting list */
    RENEW_ALREADY,       /* already enrolled in a coming session of it */
    RENEW_NEED_ADDED,    /* no open session: an open need was signalled */
    RENEW_NEED_EXISTS,   /* no open session, and the open need was there already */
    RENEW_NOT_POSSIBLE,  /* the session does not take this person (employment) */
    RENEW_OUTCOMES
};
extern const char *const cert_renew_names[RENEW_OUTCOMES];

/* The id of the earliest planned session of activity ACT_ROW that still
 * takes registrations on TODAY, the one cert_renew enrols in: *id > 0, or 0
 * when there is none (cert_renew then signals a need). STORE_OK or
 * STORE_ERROR. */
int cert_renew_session(store *db, int64_t act_row, date_t today, int64_t *id);

/* Follows up the certification of activity ACT for employee E on TODAY,
 * by ACTOR in ROLE (ROLE_ADMIN enrols as HR; a manager's request for their
 * team member is approved at once, they being the approver). A person
 * with an open enrolment in any coming session of ACT is left as they are
 * (RENEW_ALREADY). Enrolment goes through training_enrol (capacity,
 * waiting list, history, outbox, audit); a need through needs_add with
 * source "certification expiring", once per person and activity while it
 * is open. STORE_OK with *outcome, or STORE_ERROR. *session_id is the
 * session used (or the one booked already), 0 for a need. */
int cert_renew(store *db, const char *actor, int role, const employee *e, const activity *act,
               date_t today, int *outcome, int64_t *session_id);

#endif
