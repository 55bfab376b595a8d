/* training.c - see training.h. Every public function is one transaction:
 * store_begin, the store changes, the messages they cause (outbox_add),
 * store_end. The inner functions (lower-case verbs without training_) join
 * the caller's transaction. */
#include "app/training.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include <stdio.h>
#include <string.h>

const char *training_status_text(int s)
{
    switch (s) {
    case TRAINING_OK:
        return "";
    case TRAINING_NOT_FOUND:
        return N_("There is no such session or enrolment.");
    case TRAINING_NOT_OPEN:
        return N_("This session is cancelled or closed.");
    case TRAINING_DEADLINE:
        return N_("The registration deadline of this session has passed.");
    case TRAINING_NOT_EMPLOYED:
        return N_("A date of this session falls outside the person's employment.");
    case TRAINING_ALREADY:
        return N_("This person is already enrolled in this session.");
    case TRAINING_WRONG_STATE:
        return N_("This was decided or changed already.");
    case TRAINING_NOT_OVER:
        return N_("The session can be closed after its last date.");
    case TRAINING_INVALID:
        return N_("The session breaks a rule.");
    case TRAINING_UNREGISTERED:
        return N_("The session can be closed once everyone's attendance is registered.");
    default:
        return N_("Something went wrong on our side");
    }
}

/* ---- messages ---- */

/* The kinds of message, each with its subject and opening line. */
enum message_kind {
    MSG_REQUEST,   /* to the manager: approve this request */
    MSG_ENROLLED,
    MSG_WAITLISTED,
    MSG_DECLINED,
    MSG_PROMOTED,  /* a seat came free */
    MSG_CHANGED,
    MSG_SESSION_CANCELLED,
    MSG_ENROLMENT_CANCELLED,
    MSG_REMINDER
};

static const char *message_subject(int kind)
{
    switch (kind) {
    case MSG_REQUEST:
        return N_("Enrolment to approve: %s");
    case MSG_ENROLLED:
        return N_("You are enrolled: %s");
    case MSG_WAITLISTED:
        return N_("You are on the waiting list: %s");
    case MSG_DECLINED:
        return N_("Enrolment declined: %s");
    case MSG_PROMOTED:
        return N_("A seat came free for you: %s");
    case MSG_CHANGED:
        return N_("Session changed: %s");
    case MSG_SESSION_CANCELLED:
        return N_("Session cancelled: %s");
    case MSG_ENROLMENT_CANCELLED:
        return N_("Enrolment cancelled: %s");
    default:
        return N_("Reminder: %s");
    }
}

static const char *message_opening(int kind)
{
    switch (kind) {
    case MSG_REQUEST:
        return N_("%s asks to take part in this session. Please approve or decline the "
                  "request in groeipad.");
    case MSG_ENROLLED:
        return N_("%s, you have a seat in this session.");
    case MSG_WAITLISTED:
        return N_("%s, the session is full: you are on the waiting list and will be told "
                  "when a seat comes free.");
    case MSG_DECLINED:
        return N_("%s, your enrolment in this session was declined.");
    case MSG_PROMOTED:
        return N_("%s, a seat came free and it is yours.");
    case MSG_CHANGED:
        return N_("%s, this session was changed. Its dates are now:");
    case MSG_SESSION_CANCELLED:
        return N_("%s, this session was cancelled.");
    case MSG_ENROLMENT_CANCELLED:
        return N_("%s, your enrolment in this session was cancelled.");
    default:
        return N_("%s, this session starts soon.");
    }
}

/* Appends the dates of P to BODY in the current language. */
static void append_dates(str *body, const session_plan *p)
{
    const char *lang = i18n_lang();
    for (size_t i = 0; i < p->nslots; i++) {
        const session_slot *x = &p->slots[i];
        char day[32] = "", a[6], b[6];
        fmt_date(lang, x->day, day, sizeof day);
        clock_format(x->start, a);
        clock_format(x->end, b);
        str_printf(body, "- %s %s-%s", day, a, b);
        if (x->place && *x->place)
            str_printf(body, ", %s", x->place);
        if (x->online_link && *x->online_link)
            str_printf(body, ", %s", x->online_link);
        str_puts(body, "\n");
    }
}

/* Queues message KIND about session P to the employee at ROW (or, for
 * MSG_REQUEST, to their manager about them), in the recipient's language;
 * nothing when the recipient has no e-mail address. REASON may be NULL. */
static int notify(store *db, int kind, const session_plan *p, int64_t row, int64_t enrolment_id,
                  const char *reason)
{
    arena a = ARENA_INIT;
    const char *email = NULL, *lang = NULL, *name = NULL, *about = NULL;
    int64_t to = row;
    int rc = STORE_OK;
    if (kind == MSG_REQUEST) {
        if (employees_contact(db, &a, row, &email, &lang, &about) != STORE_ROW) {
            arena_free(&a);
            return STORE_ERROR;
        }
        to = employees_manager_row(db, row);
        if (to < 0)
            rc = STORE_ERROR;
    }
    if (rc == STORE_OK && to > 0 && employees_contact(db, &a, to, &email, &lang, &name) != STORE_ROW)
        rc = STORE_ERROR;
    if (rc != STORE_OK || to <= 0 || !email) {
        arena_free(&a);
        return rc;
    }
    char saved[8];
    copy_text(saved, sizeof saved, i18n_lang());
    i18n_set_lang(lang);
    str subject = STR_INIT, body = STR_INIT, key = STR_INIT;
    str_printf(&subject, _(message_subject(kind)), p->activity_title);
    str_printf(&body, _(message_opening(kind)), kind == MSG_REQUEST ? about : name);
    str_puts(&body, "\n\n");
    str_printf(&body, "%s\n", p->activity_title);
    append_dates(&body, p);
    if (reason && *reason)
        str_printf(&body, "\n%s%s %s\n", _("Reason"), i18n_colon(), reason);
    /* One message per enrolment, kind and version of the session: a reminder
     * or change notice is not sent twice, however often it is queued. */
    str_printf(&key, "enrolment:%lld:%d:%d", (long long)enrolment_id, kind, p->sequence);
    i18n_set_lang(saved);
    if (!str_ok(&subject) || !str_ok(&body) || !str_ok(&key))
        rc = STORE_ERROR;
    else
        rc = outbox_add(db, email, lang, str_cstr(&subject), str_cstr(&body),
                        kind == MSG_CHANGED || kind == MSG_REMINDER || kind == MSG_PROMOTED ||
                                kind == MSG_SESSION_CANCELLED
                            ? str_cstr(&key) : NULL);
    str_free(&subject);
    str_free(&body);
    str_free(&key);
    arena_free(&a);
    return rc;
}

/* ---- sessions ---- */

int training_plan(store *db, const char *actor, session_plan *p, date_t today,
                  enum session_problem *problem)
{
    int slot;
    if ((*problem = session_check(p, today, &slot)) != SESSION_OK)
        return TRAINING_INVALID;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = tsessions_add(db, actor, p);
    return store_end(db, rc) == STORE_OK ? TRAINING_OK : TRAINING_ERROR;
}

/* Tells everyone enrolled in or waiting for session P with message KIND. */
static int notify_all(store *db, arena *a, const session_plan *p, int kind, const char *reason)
{
    enrolment_query q = {p->id, 0, 0, -1, false, DATE_NONE};
    enrolment *e;
    size_t n;
    int rc = enrolments_list(db, a, &q, &e, &n);
    for (size_t i = 0; rc == STORE_OK && i < n; i++)
        if (e[i].state == ENROL_ENROLLED || e[i].state == ENROL_WAITLISTED ||
            (kind == MSG_SESSION_CANCELLED && e[i].state == ENROL_CANCELLED))
            rc = notify(db, kind, p, e[i].employee_row, e[i].id, reason);
    return rc;
}

int training_change(store *db, const char *actor, const session_plan *p, date_t today,
                    enum session_problem *problem)
{
    int slot;
    if ((*problem = session_check(p, today, &slot)) != SESSION_OK)
        return TRAINING_INVALID;
    arena a = ARENA_INIT;
    session_plan now;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = tsessions_update(db, actor, p);
    if (rc == STORE_OK && (rc = tsessions_get(db, &a, p->id, &now)) == STORE_ROW)
        rc = notify_all(db, &a, &now, MSG_CHANGED, NULL);
    rc = store_end(db, rc);
    arena_free(&a);
    return rc == STORE_OK ? TRAINING_OK : rc == STORE_DONE ? TRAINING_NOT_OPEN : TRAINING_ERROR;
}

int training_cancel_session(store *db, const char *actor, int64_t id, const char *reason)
{
    arena a = ARENA_INIT;
    session_plan p;
    int status = TRAINING_ERROR;
    int rc = store_begin(db);
    if (rc == STORE_OK) {
        rc = tsessions_get(db, &a, id, &p);
        if (rc == STORE_DONE)
            status = TRAINING_NOT_FOUND;
        else if (rc == STORE_ROW && (rc = tsessions_set_state(db, actor, id, "cancelled",
                                                              reason)) == STORE_DONE)
            status = TRAINING_NOT_OPEN; /* it was cancelled or closed already */
    }
    if (rc == STORE_OK) {
        enrolment_query q = {id, 0, 0, -1, false, DATE_NONE};
        enrolment *e;
        size_t n;
        rc = enrolments_list(db, &a, &q, &e, &n);
        p.sequence++;
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            if (!enrol_is_open(e[i].state))
                continue;
            rc = enrolments_move(db, actor, e[i].id, e[i].state, ENROL_CANCELLED, reason, 0, 0);
            if (rc == STORE_OK && enrol_holds_seat(e[i].state))
                rc = tsessions_free_seat(db, id);
            if (rc == STORE_OK)
                rc = notify(db, MSG_SESSION_CANCELLED, &p, e[i].employee_row, e[i].id, reason);
        }
    }
    rc = store_end(db, rc == STORE_ROW || rc == STORE_DONE ? STORE_ERROR : rc);
    arena_free(&a);
    return rc == STORE_OK ? TRAINING_OK : status;
}

/* ---- enrolments ---- */

/* Gives the approved enrolment E of session P a seat, or a place on the
 * waiting list, and tells the person. *state says which. */
static int seat_or_queue(store *db, const char *actor, const session_plan *p, int64_t e,
                         int64_t row, int *state)
{
    int got = tsessions_take_seat(db, p->id);
    if (got < 0)
        return STORE_ERROR;
    *state = got ? ENROL_ENROLLED : ENROL_WAITLISTED;
    int rc = enrolments_move(db, actor, e, ENROL_APPROVED, *state, NULL, 0, 0);
    if (rc == STORE_OK && !got)
        rc = enrolments_queue(db, e);
    if (rc == STORE_OK)
        rc = notify(db, got ? MSG_ENROLLED : MSG_WAITLISTED, p, row, e, NULL);
    return rc;
}

/* Gives free seats of session P to the first on its waiting list. */
static int promote(store *db, const char *actor, const session_plan *p)
{
    arena a = ARENA_INIT;
    int rc = STORE_OK;
    for (;;) {
        int64_t first = enrolments_first_waiting(db, p->id);
        if (first <= 0) {
            rc = first < 0 ? STORE_ERROR : STORE_OK;
            break;
        }
        int got = tsessions_take_seat(db, p->id);
        if (got <= 0) {
            rc = got < 0 ? STORE_ERROR : STORE_OK;
            break;
        }
        enrolment e;
        if ((rc = enrolments_get(db, &a, first, 0, 0, &e)) != STORE_ROW)
            break;
        rc = enrolments_move(db, actor, first, ENROL_WAITLISTED, ENROL_ENROLLED,
                             N_("a seat came free"), 0, 0);
        if (rc == STORE_OK)
            rc = notify(db, MSG_PROMOTED, p, e.employee_row, first, NULL);
        if (rc != STORE_OK)
            break;
    }
    arena_free(&a);
    return rc;
}

/* Enrols ROW into P (loaded) within the caller's transaction; a status. */
static int enrol(store *db, arena *a, const char *actor, const session_plan *p, int64_t row,
                 bool by_hr, date_t today, enrol_outcome *out)
{
    memset(out, 0, sizeof *out);
    if (strcmp(p->state, "planned") != 0)
        return TRAINING_NOT_OPEN;
    if (!by_hr && today > p->registration_deadline)
        return TRAINING_DEADLINE;
    date_t hire, exit;
    int shift, found = employees_brief(db, row, &hire, &exit, &shift);
    if (found != STORE_ROW)
        return found == STORE_DONE ? TRAINING_NOT_FOUND : TRAINING_ERROR;
    session_slot *others;
    size_t nothers;
    if (enrolments_other_slots(db, a, row, p->id, &others, &nothers) != STORE_OK)
        return TRAINING_ERROR;
    out->conflicts = enrol_conflicts(p, hire, exit, shift, others, nothers);
    if (out->conflicts & CONFLICT_EMPLOYMENT)
        return TRAINING_NOT_EMPLOYED;
    bool ask = p->needs_approval && !by_hr;
    int rc = enrolments_open(db, actor, p->id, row, ask ? ENROL_REQUESTED : ENROL_APPROVED,
                             by_hr ? N_("enrolled by HR") : NULL, &out->enrolment_id);
    if (rc == STORE_CONSTRAINT)
        return TRAINING_ALREADY;
    if (rc == STORE_OK && ask) {
        out->state = ENROL_REQUESTED;
        rc = notify(db, MSG_REQUEST, p, row, out->enrolment_id, NULL);
    } else if (rc == STORE_OK) {
        rc = seat_or_queue(db, actor, p, out->enrolment_id, row, &out->state);
    }
    return rc == STORE_OK ? TRAINING_OK : TRAINING_ERROR;
}

int training_enrol(store *db, const char *actor, int64_t session_id, int64_t row, bool by_hr,
                   date_t today, enrol_outcome *out)
{
    arena a = ARENA_INIT;
    session_plan p;
    int status = TRAINING_ERROR;
    int rc = store_begin(db);
    if (rc == STORE_OK) {
        rc = tsessions_get(db, &a, session_id, &p);
        if (rc == STORE_ROW)
            status = enrol(db, &a, actor, &p, row, by_hr, today, out);
        else
            status = rc == STORE_DONE ? TRAINING_NOT_FOUND : TRAINING_ERROR;
        rc = status == TRAINING_OK ? STORE_OK : STORE_ERROR;
        if (store_end(db, rc) != STORE_OK && status == TRAINING_OK)
            status = TRAINING_ERROR;
    }
    arena_free(&a);
    return status;
}

/* True when the employee at ROW trains P on one of its dates. */
static bool gives_session(const session_plan *p, int64_t row)
{
    for (size_t k = 0; k < p->nslots; k++)
        if (p->slots[k].trainer_row == row)
            return true;
    return false;
}

int training_enrol_group(store *db, const char *actor, int64_t session_id, const int64_t *rows,
                         size_t n, date_t today, bool preview, group_outcome *out)
{
    arena a = ARENA_INIT;
    session_plan p;
    int status = TRAINING_OK;
    memset(out, 0, sizeof *out);
    bool begun = store_begin(db) == STORE_OK;
    int rc = begun ? tsessions_get(db, &a, session_id, &p) : STORE_ERROR;
    if (rc != STORE_ROW)
        status = rc == STORE_DONE ? TRAINING_NOT_FOUND : TRAINING_ERROR;
    for (size_t i = 0; status == TRAINING_OK && i < n; i++) {
        /* a department's colleague who trains it is not its participant */
        if (gives_session(&p, rows[i])) {
            out->trainers++;
            continue;
        }
        enrol_outcome one;
        int s = enrol(db, &a, actor, &p, rows[i], true, today, &one);
        if (s == TRAINING_ALREADY)
            out->already++;
        else if (s == TRAINING_NOT_EMPLOYED)
            out->not_employed++;
        else if (s == TRAINING_NOT_FOUND)
            out->unknown++;
        else if (s != TRAINING_OK)
            status = s;
        else if (one.state == ENROL_ENROLLED)
            out->enrolled++;
        else
            out->waiting++;
    }
    if (begun)
        rc = store_end(db, status == TRAINING_OK && !preview ? STORE_OK : STORE_ERROR);
    arena_free(&a);
    return status == TRAINING_OK && !preview && rc != STORE_OK ? TRAINING_ERROR : status;
}

int training_decide(store *db, const char *actor, int64_t id, bool approve, const char *reason,
                    date_t today, enrol_outcome *out)
{
    (void)today;
    arena a = ARENA_INIT;
    enrolment e;
    session_plan p;
    int status = TRAINING_ERROR;
    memset(out, 0, sizeof *out);
    out->enrolment_id = id;
    int rc = store_begin(db);
    if (rc == STORE_OK && (rc = enrolments_get(db, &a, id, 0, 0, &e)) == STORE_ROW &&
        (rc = tsessions_get(db, &a, e.session_id, &p)) == STORE_ROW) {
        if (e.state != ENROL_REQUESTED) {
            status = TRAINING_WRONG_STATE;
            rc = STORE_ERROR;
        } else if (approve && strcmp(p.state, "planned") != 0) {
            status = TRAINING_NOT_OPEN;
            rc = STORE_ERROR;
        } else {
            rc = enrolments_move(db, actor, id, ENROL_REQUESTED,
                                 approve ? ENROL_APPROVED : ENROL_DECLINED, reason, 0, 0);
            if (rc == STORE_OK && approve)
                rc = seat_or_queue(db, actor, &p, id, e.employee_row, &out->state);
            else if (rc == STORE_OK) {
                out->state = ENROL_DECLINED;
                rc = notify(db, MSG_DECLINED, &p, e.employee_row, id, reason);
            }
            status = rc == STORE_OK ? TRAINING_OK : rc == STORE_DONE ? TRAINING_WRONG_STATE
                                                                     : TRAINING_ERROR;
        }
    } else if (rc == STORE_DONE) {
        status = TRAINING_NOT_FOUND;
    }
    rc = store_end(db, rc == STORE_ROW ? STORE_ERROR : rc);
    arena_free(&a);
    return status == TRAINING_OK && rc != STORE_OK ? TRAINING_ERROR : status;
}

int training_cancel_enrolment(store *db, const char *actor, int64_t id, const char *reason,
                              date_t today)
{
    arena a = ARENA_INIT;
    enrolment e;
    session_plan p;
    int status = TRAINING_ERROR;
    int rc = store_begin(db);
    if (rc == STORE_OK && (rc = enrolments_get(db, &a, id, 0, 0, &e)) == STORE_ROW &&
        (rc = tsessions_get(db, &a, e.session_id, &p)) == STORE_ROW) {
        if (!enrol_is_open(e.state) || strcmp(p.state, "planned") != 0) {
            status = TRAINING_WRONG_STATE;
            rc = STORE_ERROR;
        } else {
            bool seat = enrol_holds_seat(e.state);
            int late = seat && cancellation_is_late(today, p.cancellation_deadline);
            rc = enrolments_move(db, actor, id, e.state, ENROL_CANCELLED, reason, late,
                                 late ? p.late_fee : 0);
            if (rc == STORE_OK && seat)
                rc = tsessions_free_seat(db, p.id);
            if (rc == STORE_OK)
                rc = notify(db, MSG_ENROLMENT_CANCELLED, &p, e.employee_row, id, reason);
            if (rc == STORE_OK && seat)
                rc = promote(db, actor, &p);
            status = rc == STORE_OK ? TRAINING_OK : rc == STORE_DONE ? TRAINING_WRONG_STATE
                                                                     : TRAINING_ERROR;
        }
    } else if (rc == STORE_DONE) {
        status = TRAINING_NOT_FOUND;
    }
    rc = store_end(db, rc == STORE_ROW ? STORE_ERROR : rc);
    arena_free(&a);
    return status == TRAINING_OK && rc != STORE_OK ? TRAINING_ERROR : status;
}

/* Closes the loaded session P within the caller's transaction. */
static int close_session(store *db, arena *a, const char *actor, const session_plan *p,
                         int *records)
{
    enrolment_query q = {p->id, 0, 0, ENROL_ENROLLED, false, DATE_NONE};
    enrolment *e;
    size_t n;
    if (enrolments_list(db, a, &q, &e, &n) != STORE_OK)
        return STORE_ERROR;
    attendance_entry *entries = arena_alloc(a, (p->nslots ? p->nslots : 1) * n * sizeof *entries);
    int *outcome = arena_alloc(a, (n ? n : 1) * sizeof *outcome);
    if (!entries || !outcome)
        return STORE_ERROR;
    size_t attendees = 0;
    for (size_t i = 0; i < n; i++) {
        if (attendance_of(db, p, e[i].id, &entries[i * p->nslots]) != STORE_OK)
            return STORE_ERROR;
        outcome[i] = attendance_outcome(p->slots, &entries[i * p->nslots], p->nslots);
        if (outcome[i] != ENROL_NO_SHOW)
            attendees++;
    }
    date_t first = session_first_day(p), last = session_last_day(p);
    size_t k = 0;
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        if (outcome[i] == ENROL_NO_SHOW) {
            rc = enrolments_move(db, actor, e[i].id, ENROL_ENROLLED, ENROL_NO_SHOW, NULL, 0,
                                 p->late_fee);
            continue;
        }
        learning_record r = {0};
        r.own_type = -1;
        r.type = p->activity_type;
        r.start_date = first;
        r.end_date = last;
        for (size_t j = 0; j < p->nslots; j++)
            r.hours += attended_hours(&p->slots[j], &entries[i * p->nslots + j]);
        r.working_time = -1;
        r.cost = cost_share(p->cost, attendees, k++);
        r.result = attendance_result(outcome[i]);
        if ((rc = learning_insert(db, &r, e[i].employee_row, p->activity_row)) != STORE_OK)
            break;
        (*records)++;
        rc = enrolments_set_record(db, e[i].id, store_last_id(db));
        if (rc == STORE_OK)
            rc = enrolments_move(db, actor, e[i].id, ENROL_ENROLLED, outcome[i], NULL, 0, 0);
    }
    if (rc == STORE_OK)
        rc = tsessions_set_state(db, actor, p->id, "closed", NULL);
    return rc;
}

/* The enrolled people of the loaded session P without attendance on every
 * date, within the caller's transaction (or none). */
static int unregistered_of(store *db, arena *a, const session_plan *p, enrolment **out,
                           size_t *n)
{
    enrolment_query q = {p->id, 0, 0, ENROL_ENROLLED, false, DATE_NONE};
    enrolment *e;
    size_t ne;
    *out = NULL;
    *n = 0;
    if (enrolments_list(db, a, &q, &e, &ne) != STORE_OK)
        return STORE_ERROR;
    attendance_entry *entries = arena_alloc(a, (p->nslots ? p->nslots : 1) * sizeof *entries);
    if (!entries)
        return STORE_ERROR;
    size_t k = 0;
    for (size_t i = 0; i < ne; i++) {
        if (attendance_of(db, p, e[i].id, entries) != STORE_OK)
            return STORE_ERROR;
        if (!attendance_registered(entries, p->nslots))
            e[k++] = e[i];
    }
    *out = e;
    *n = k;
    return STORE_OK;
}

int training_unregistered(store *db, arena *a, int64_t id, enrolment **out, size_t *n)
{
    session_plan p;
    *out = NULL;
    *n = 0;
    int rc = tsessions_get(db, a, id, &p);
    if (rc == STORE_DONE)
        return STORE_OK;
    return rc == STORE_ROW ? unregistered_of(db, a, &p, out, n) : STORE_ERROR;
}

int training_close(store *db, const char *actor, int64_t id, date_t today, int *records)
{
    arena a = ARENA_INIT;
    session_plan p;
    int status = TRAINING_ERROR;
    *records = 0;
    int rc = store_begin(db);
    if (rc == STORE_OK && (rc = tsessions_get(db, &a, id, &p)) == STORE_ROW) {
        enrolment *missing;
        size_t nmissing = 0;
        if (strcmp(p.state, "planned") != 0) {
            status = TRAINING_NOT_OPEN;
            rc = STORE_ERROR;
        } else if (!session_closable(&p, today)) {
            status = TRAINING_NOT_OVER;
            rc = STORE_ERROR;
        } else if ((rc = unregistered_of(db, &a, &p, &missing, &nmissing)) != STORE_OK ||
                   nmissing > 0) {
            status = rc == STORE_OK ? TRAINING_UNREGISTERED : TRAINING_ERROR;
            rc = STORE_ERROR;
        } else {
            rc = close_session(db, &a, actor, &p, records);
            status = rc == STORE_OK ? TRAINING_OK : TRAINING_ERROR;
        }
    } else if (rc == STORE_DONE) {
        status = TRAINING_NOT_FOUND;
    }
    rc = store_end(db, rc == STORE_ROW ? STORE_ERROR : rc);
    arena_free(&a);
    if (status == TRAINING_OK && rc != STORE_OK)
        status = TRAINING_ERROR;
    if (status != TRAINING_OK)
        *records = 0;
    return status;
}

int training_remind(store *db, date_t today, int days_ahead, int *queued)
{
    arena a = ARENA_INIT;
    *queued = 0;
    session_query q = {today + days_ahead, -1, NULL, NULL, 0, false};
    session_plan *s;
    size_t n;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = tsessions_list(db, &a, &q, &s, &n);
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        if (session_first_day(&s[i]) != today + days_ahead)
            continue;
        enrolment_query eq = {s[i].id, 0, 0, ENROL_ENROLLED, false, DATE_NONE};
        enrolment *e;
        size_t ne;
        rc = enrolments_list(db, &a, &eq, &e, &ne);
        for (size_t j = 0; rc == STORE_OK && j < ne; j++, (*queued)++)
            rc = notify(db, MSG_REMINDER, &s[i], e[j].employee_row, e[j].id, NULL);
    }
    rc = store_end(db, rc);
    arena_free(&a);
    return rc == STORE_OK ? TRAINING_OK : TRAINING_ERROR;
}
