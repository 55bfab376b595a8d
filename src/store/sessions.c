/* sessions.c - training sessions, enrolments, agreements, attendance and
 * calendar feeds; see sessions.h. */
#include "store/sessions.h"
#include "store/orgs.h"
#include "util/crypto.h"
#include "util/i18n.h"
#include <stdio.h>
#include <string.h>

/* An audit key: the decimal text of ID. */
static const char *key_of(int64_t id, char buf[24])
{
    snprintf(buf, 24, "%lld", (long long)id);
    return buf;
}

static void bind_text_or_null(stmt *s, int idx, const char *text)
{
    stmt_bind_text(s, idx, text && *text ? text : NULL);
}

static void bind_clock(stmt *s, int idx, int minutes, char buf[6])
{
    clock_format(minutes, buf);
    stmt_bind_text(s, idx, buf);
}

/* Inserts slot X of session SESSION_ID with a fresh UID. */
static int slot_insert(store *db, int64_t session_id, session_slot *x)
{
    stmt *s = store_prepare(db, "INSERT INTO session_dates(session_id, day, start_time, "
                                "end_time, place, online_link, trainer_id, trainer_name, uid) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    char token[TOKEN_HEX_SIZE], uid[64], a[6], b[6];
    token_new(token);
    snprintf(uid, sizeof uid, "%.32s@groeipad", token);
    stmt_bind_int(s, 1, session_id);
    stmt_bind_date(s, 2, x->day);
    bind_clock(s, 3, x->start, a);
    bind_clock(s, 4, x->end, b);
    bind_text_or_null(s, 5, x->place);
    bind_text_or_null(s, 6, x->online_link);
    if (x->trainer_row > 0)
        stmt_bind_int(s, 7, x->trainer_row);
    else
        stmt_bind_null(s, 7);
    bind_text_or_null(s, 8, x->trainer_row > 0 ? NULL : x->trainer_name);
    stmt_bind_text(s, 9, uid);
    int rc = stmt_exec(s);
    if (rc == STORE_OK)
        x->id = store_last_id(db);
    return rc;
}

int tsessions_add(store *db, const char *actor, session_plan *p)
{
    stmt *s = store_prepare(db, "INSERT INTO training_sessions(activity_id, language, capacity, "
                                "shift, registration_deadline, cancellation_deadline, late_fee, "
                                "cost, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_int(s, 1, p->activity_row);
    stmt_bind_text(s, 2, p->language);
    stmt_bind_int(s, 3, p->capacity);
    stmt_bind_text(s, 4, vocab_name(&vocab_shift, p->shift));
    stmt_bind_date(s, 5, p->registration_deadline);
    stmt_bind_date(s, 6, p->cancellation_deadline);
    stmt_bind_int(s, 7, p->late_fee);
    stmt_bind_int(s, 8, p->cost);
    bind_text_or_null(s, 9, p->note);
    stmt_bind_text(s, 10, now);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    p->id = store_last_id(db);
    for (size_t i = 0; i < p->nslots; i++)
        if ((rc = slot_insert(db, p->id, &p->slots[i])) != STORE_OK)
            return rc;
    char key[24];
    return audit_write(db, actor, "create", "training_session", key_of(p->id, key), NULL,
                       p->activity_code);
}

int tsessions_update(store *db, const char *actor, const session_plan *p)
{
    stmt *s = store_prepare(db, "UPDATE training_sessions SET language = ?, capacity = ?, "
                                "shift = ?, registration_deadline = ?, cancellation_deadline = ?, "
                                "late_fee = ?, cost = ?, note = ?, sequence = sequence + 1 "
                                "WHERE id = ? AND state = 'planned' AND seats_taken <= ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, p->language);
    stmt_bind_int(s, 2, p->capacity);
    stmt_bind_text(s, 3, vocab_name(&vocab_shift, p->shift));
    stmt_bind_date(s, 4, p->registration_deadline);
    stmt_bind_date(s, 5, p->cancellation_deadline);
    stmt_bind_int(s, 6, p->late_fee);
    stmt_bind_int(s, 7, p->cost);
    bind_text_or_null(s, 8, p->note);
    stmt_bind_int(s, 9, p->id);
    stmt_bind_int(s, 10, p->capacity);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) != 1)
        return STORE_DONE;
    for (size_t i = 0; i < p->nslots; i++) {
        const session_slot *x = &p->slots[i];
        if (x->id == 0) {
            session_slot copy = *x;
            if ((rc = slot_insert(db, p->id, &copy)) != STORE_OK)
                return rc;
            continue;
        }
        s = store_prepare(db, "UPDATE session_dates SET day = ?, start_time = ?, end_time = ?, "
                              "place = ?, online_link = ?, trainer_id = ?, trainer_name = ? "
                              "WHERE id = ? AND session_id = ?");
        if (!s)
            return STORE_ERROR;
        char a[6], b[6];
        stmt_bind_date(s, 1, x->day);
        bind_clock(s, 2, x->start, a);
        bind_clock(s, 3, x->end, b);
        bind_text_or_null(s, 4, x->place);
        bind_text_or_null(s, 5, x->online_link);
        if (x->trainer_row > 0)
            stmt_bind_int(s, 6, x->trainer_row);
        else
            stmt_bind_null(s, 6);
        bind_text_or_null(s, 7, x->trainer_row > 0 ? NULL : x->trainer_name);
        stmt_bind_int(s, 8, x->id);
        stmt_bind_int(s, 9, p->id);
        if ((rc = stmt_exec(s)) != STORE_OK)
            return rc;
    }
    char key[24];
    return audit_write(db, actor, "update", "training_session", key_of(p->id, key), NULL, NULL);
}

#define SESSION_COLS                                                                      \
    "s.id, s.activity_id, a.code, a.title, a.form, a.type, s.language, s.capacity, "         \
    "s.seats_taken, s.shift, s.registration_deadline, s.cancellation_deadline, s.late_fee, " \
    "s.cost, s.note, s.state, s.sequence, a.enrol_approval "

static bool read_session(stmt *s, arena *a, void *item)
{
    session_plan *p = item;
    memset(p, 0, sizeof *p);
    p->id = stmt_int(s, 0);
    p->activity_row = stmt_int(s, 1);
    p->activity_code = arena_strdup(a, stmt_text(s, 2));
    p->activity_title = arena_strdup(a, stmt_text(s, 3));
    p->activity_form = stmt_vocab(s, 4, &vocab_form);
    p->activity_type = stmt_vocab(s, 5, &vocab_type);
    p->language = arena_strdup(a, stmt_text(s, 6));
    p->capacity = (int)stmt_int(s, 7);
    p->seats_taken = (int)stmt_int(s, 8);
    p->shift = stmt_vocab(s, 9, &vocab_shift);
    p->registration_deadline = stmt_date(s, 10);
    p->cancellation_deadline = stmt_date(s, 11);
    p->late_fee = stmt_int(s, 12);
    p->cost = stmt_int(s, 13);
    p->note = stmt_text_copy(s, 14, a);
    p->state = arena_strdup(a, stmt_text(s, 15));
    p->sequence = (int)stmt_int(s, 16);
    p->needs_approval = (int)stmt_int(s, 17);
    return p->activity_code && p->activity_title && p->language && p->state;
}

static bool read_slot(stmt *s, arena *a, void *item)
{
    session_slot *x = item;
    memset(x, 0, sizeof *x);
    x->id = stmt_int(s, 0);
    x->day = stmt_date(s, 1);
    if (!clock_read(stmt_text(s, 2), &x->start) || !clock_read(stmt_text(s, 3), &x->end))
        x->start = x->end = 0;
    x->place = stmt_text_copy(s, 4, a);
    x->online_link = stmt_text_copy(s, 5, a);
    x->trainer_row = stmt_null(s, 6) ? 0 : stmt_int(s, 6);
    x->trainer_name = stmt_text_copy(s, 7, a);
    x->uid = arena_strdup(a, stmt_text(s, 8));
    return x->uid != NULL;
}

#define SLOT_COLS                                                                    \
    "d.id, d.day, d.start_time, d.end_time, d.place, d.online_link, d.trainer_id, "    \
    "coalesce(t.first_name || ' ' || t.last_name, d.trainer_name), d.uid "
#define SLOT_FROM "FROM session_dates d LEFT JOIN employees t ON t.id = d.trainer_id "

static int load_slots(store *db, arena *a, session_plan *p)
{
    stmt *s = store_prepare(db, "SELECT " SLOT_COLS SLOT_FROM
                                "WHERE d.session_id = ? ORDER BY d.day, d.start_time, d.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, p->id);
    return stmt_collect(s, a, &p->slots, &p->nslots, sizeof *p->slots, read_slot);
}

int tsessions_get(store *db, arena *a, int64_t id, session_plan *p)
{
    stmt *s = store_prepare(db, "SELECT " SESSION_COLS "FROM training_sessions s "
                                "JOIN activities a ON a.id = s.activity_id WHERE s.id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    bool ok = read_session(s, a, p);
    stmt_done(s);
    if (!ok || load_slots(db, a, p) != STORE_OK)
        return STORE_ERROR;
    return STORE_ROW;
}

int tsessions_list(store *db, arena *a, const session_query *q, session_plan **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(
        db, "SELECT * FROM (SELECT " SESSION_COLS ", (SELECT min(day) FROM session_dates "
            "WHERE session_id = s.id) AS first_day, (SELECT max(day) FROM session_dates "
            "WHERE session_id = s.id) AS last_day, a.competences AS competences "
            "FROM training_sessions s JOIN activities a ON a.id = s.activity_id) x "
            "WHERE (CAST(?1 AS TEXT) IS NULL OR x.last_day >= ?1) "
            "AND (CAST(?2 AS TEXT) IS NULL OR x.form = ?2) "
            "AND (CAST(?3 AS TEXT) IS NULL OR x.language = ?3) "
            "AND (CAST(?4 AS TEXT) IS NULL OR '|' || coalesce(x.competences, '') || '|' "
            "LIKE '%|' || ?4 || '|%') "
            "AND (CAST(?5 AS TEXT) IS NULL OR substr(x.first_day, 1, 7) = ?5) "
            "AND (?6 = 1 OR x.state = 'planned') "
            /* session_closable: planned, the last date on or before the day */
            "AND (?7 = 0 OR (x.state = 'planned' AND x.last_day <= ?8)) "
            "AND (?9 = 0 OR EXISTS (SELECT 1 FROM session_dates t WHERE "
            "t.session_id = x.id AND t.trainer_id = ?9)) "
            "ORDER BY x.first_day, x.title, x.id LIMIT 1000");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, q->from);
    stmt_bind_text(s, 2, q->form >= 0 ? vocab_name(&vocab_form, q->form) : NULL);
    bind_text_or_null(s, 3, q->language);
    bind_text_or_null(s, 4, q->competence);
    char month[16];
    snprintf(month, sizeof month, "%04d-%02d", q->month / 100 % 10000, q->month % 100);
    stmt_bind_text(s, 5, q->month ? month : NULL);
    stmt_bind_int(s, 6, q->include_cancelled ? 1 : 0);
    stmt_bind_int(s, 7, q->closable_on ? 1 : 0);
    stmt_bind_date(s, 8, q->closable_on ? q->closable_on : DATE_NONE);
    stmt_bind_int(s, 9, q->trained_by);
    int rc = stmt_collect(s, a, out, n, sizeof **out, read_session);
    for (size_t i = 0; rc == STORE_OK && i < *n; i++)
        rc = load_slots(db, a, &(*out)[i]);
    return rc;
}

int tsessions_set_state(store *db, const char *actor, int64_t id, const char *state,
                       const char *reason)
{
    stmt *s = store_prepare(db, "UPDATE training_sessions SET state = ?, cancel_reason = ?, "
                                "sequence = sequence + 1 WHERE id = ? AND state = 'planned'");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, state);
    bind_text_or_null(s, 2, reason);
    stmt_bind_int(s, 3, id);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) != 1)
        return STORE_DONE;
    char key[24];
    return audit_write(db, actor, state, "training_session", key_of(id, key), "planned", state);
}

int tsessions_trained_by(store *db, int64_t id, int64_t row)
{
    stmt *s = store_prepare(db, "SELECT 1 FROM session_dates WHERE session_id = ? AND "
                                "trainer_id = ?");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, row);
    int rc = stmt_step(s);
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ROW ? 1 : rc == STORE_DONE ? 0 : -1;
}

int activities_set_enrol_approval(store *db, const char *actor, int64_t activity_row, int on)
{
    stmt *s = store_prepare(db, "UPDATE activities SET enrol_approval = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, on ? 1 : 0);
    stmt_bind_int(s, 2, activity_row);
    int rc = stmt_exec(s);
    char key[24];
    return rc != STORE_OK ? rc
                          : audit_write(db, actor, on ? "approval_on" : "approval_off",
                                        "activity", key_of(activity_row, key), NULL, NULL);
}

/* ---- enrolments ---- */

#define ENROL_COLS                                                                       \
    "n.id, n.session_id, n.employee_id, e.employee_id, e.first_name || ' ' || e.last_name, " \
    "dp.name, n.state, n.late, n.fee_due, coalesce(n.waitlist_order, 0), "                   \
    "CASE WHEN g.enrolment_id IS NULL THEN 0 ELSE 1 END, a.title, "                          \
    "(SELECT min(day) FROM session_dates WHERE session_id = n.session_id), s.state, "      \
    "CASE WHEN n.state = 'waitlisted' THEN (SELECT count(*) FROM enrolments w WHERE "        \
    "w.session_id = n.session_id AND w.state = 'waitlisted' AND (w.waitlist_order < "        \
    "n.waitlist_order OR (w.waitlist_order = n.waitlist_order AND w.id <= n.id))) ELSE 0 END "
#define ENROL_FROM                                                                        \
    "FROM enrolments n JOIN employees e ON e.id = n.employee_id "                            \
    "JOIN departments dp ON dp.id = e.department_id "                                        \
    "JOIN training_sessions s ON s.id = n.session_id "                                       \
    "JOIN activities a ON a.id = s.activity_id "                                             \
    "LEFT JOIN enrolment_agreements g ON g.enrolment_id = n.id "

static bool read_enrolment(stmt *s, arena *a, void *item)
{
    enrolment *e = item;
    e->id = stmt_int(s, 0);
    e->session_id = stmt_int(s, 1);
    e->employee_row = stmt_int(s, 2);
    e->employee_id = arena_strdup(a, stmt_text(s, 3));
    e->employee_name = arena_strdup(a, stmt_text(s, 4));
    e->department = arena_strdup(a, stmt_text(s, 5));
    e->state = stmt_vocab(s, 6, &vocab_enrol_state);
    e->late = (int)stmt_int(s, 7);
    e->fee_due = stmt_int(s, 8);
    e->waitlist_order = stmt_int(s, 9);
    e->has_agreement = stmt_int(s, 10) != 0;
    e->activity_title = arena_strdup(a, stmt_text(s, 11));
    e->first_day = stmt_date(s, 12);
    e->session_state = arena_strdup(a, stmt_text(s, 13));
    e->waitlist_rank = stmt_int(s, 14);
    return e->employee_id && e->employee_name && e->department && e->activity_title &&
           e->session_state;
}

int enrolments_get(store *db, arena *a, int64_t id, int64_t session_id, int64_t employee_row,
                   enrolment *e)
{
    stmt *s = store_prepare(db, "SELECT " ENROL_COLS ENROL_FROM
                                "WHERE (?1 <> 0 AND n.id = ?1) OR (?1 = 0 AND "
                                "n.session_id = ?2 AND n.employee_id = ?3)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, session_id);
    stmt_bind_int(s, 3, employee_row);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        if (!read_enrolment(s, a, e))
            rc = STORE_ERROR;
        stmt_done(s);
    }
    return rc;
}

static bool read_coming(stmt *s, arena *a, void *item)
{
    (void)a;
    coming_enrolment *c = item;
    c->employee_row = stmt_int(s, 0);
    c->activity_row = stmt_int(s, 1);
    const char *state = stmt_text(s, 2);
    c->state = state ? vocab_find(&vocab_enrol_state, state, strlen(state)) : -1;
    c->first_day = stmt_date(s, 3);
    c->session_id = stmt_int(s, 4);
    return true;
}

int enrolments_coming(store *db, arena *a, date_t today, int64_t employee_row,
                      int64_t activity_row, coming_enrolment **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* each session's first and last day once, not two lookups per
     * enrolment: a large organisation has thousands of them */
    stmt *s = store_prepare(db, "SELECT n.employee_id, s.activity_id, n.state, f.first, "
                                "n.session_id FROM training_sessions s JOIN (SELECT session_id, "
                                "min(day) AS first, max(day) AS last FROM session_dates GROUP BY "
                                "session_id) f ON f.session_id = s.id JOIN enrolments n ON "
                                "n.session_id = s.id WHERE s.state = 'planned' AND f.last >= ?1 "
                                "AND n.state IN ('requested', 'approved', 'enrolled', "
                                "'waitlisted') AND (?2 = 0 OR n.employee_id = ?2) "
                                "AND (?3 = 0 OR s.activity_id = ?3) ORDER BY f.first, n.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, today);
    stmt_bind_int(s, 2, employee_row);
    stmt_bind_int(s, 3, activity_row);
    return stmt_collect(s, a, out, n, sizeof **out, read_coming);
}

/* The team of ?3 and the filter of an enrolment_query over enrolments n,
 * bound by bind_enrolment_query: one filter for the list and its count. */
#define ENROL_TEAM                                                                                 \
    "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE manager_id = ?3 UNION "            \
    "SELECT x.id FROM employees x JOIN team t ON x.manager_id = t.id) "
#define ENROL_WHERE                                                                                \
    "WHERE (?1 = 0 OR n.session_id = ?1) AND (?2 = 0 OR n.employee_id = ?2) "                      \
    "AND (?3 = 0 OR n.employee_id IN (SELECT id FROM team)) "                                      \
    "AND (CAST(?4 AS TEXT) IS NULL OR n.state = ?4) "                                              \
    "AND (CAST(?5 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM session_dates d "                      \
    "WHERE d.session_id = n.session_id AND d.day >= ?5)) "

static void bind_enrolment_query(stmt *s, const enrolment_query *q)
{
    stmt_bind_int(s, 1, q->session_id);
    stmt_bind_int(s, 2, q->employee_row);
    stmt_bind_int(s, 3, q->team_of);
    stmt_bind_text(s, 4, q->state >= 0 ? vocab_name(&vocab_enrol_state, q->state) : NULL);
    stmt_bind_date(s, 5, q->upcoming_only ? q->from : DATE_NONE);
}

int enrolments_list(store *db, arena *a, const enrolment_query *q, enrolment **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, ENROL_TEAM "SELECT " ENROL_COLS ENROL_FROM ENROL_WHERE
                                           "ORDER BY 13, a.title, n.session_id, "
                                           "CASE n.state WHEN 'waitlisted' THEN 1 ELSE 0 END, "
                                           "n.waitlist_order, e.last_name, e.first_name, n.id "
                                           "LIMIT 5000");
    if (!s)
        return STORE_ERROR;
    bind_enrolment_query(s, q);
    return stmt_collect(s, a, out, n, sizeof **out, read_enrolment);
}

int enrolments_count(store *db, const enrolment_query *q, int64_t *n)
{
    *n = 0;
    stmt *s = store_prepare(db, ENROL_TEAM "SELECT count(*) FROM enrolments n " ENROL_WHERE);
    if (!s)
        return STORE_ERROR;
    bind_enrolment_query(s, q);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *n = stmt_int(s, 0);
    stmt_done(s);
    return STORE_OK;
}

/* Appends the event STATE of enrolment ID to its history. */
static int event_add(store *db, const char *actor, int64_t id, int state, const char *reason)
{
    stmt *s = store_prepare(db, "INSERT INTO enrolment_events(enrolment_id, state, actor, at, "
                                "reason) VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_int(s, 1, id);
    stmt_bind_text(s, 2, vocab_name(&vocab_enrol_state, state));
    stmt_bind_text(s, 3, actor);
    stmt_bind_text(s, 4, now);
    bind_text_or_null(s, 5, reason);
    return stmt_exec(s);
}

int enrolments_open(store *db, const char *actor, int64_t session_id, int64_t employee_row,
                    int state, const char *reason, int64_t *id)
{
    /* A cancelled or declined enrolment is opened again: one row per person
     * and session, its history telling the whole story. */
    stmt *s = store_prepare(db, "UPDATE enrolments SET state = ?, waitlist_order = NULL, "
                                "late = 0, fee_due = 0 WHERE session_id = ? AND employee_id = ? "
                                "AND (state = 'cancelled' OR state = 'declined')");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, vocab_name(&vocab_enrol_state, state));
    stmt_bind_int(s, 2, session_id);
    stmt_bind_int(s, 3, employee_row);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) == 1) { /* reopened: its id */
        s = store_prepare(db, "SELECT id FROM enrolments WHERE session_id = ? AND "
                              "employee_id = ?");
        if (!s)
            return STORE_ERROR;
        stmt_bind_int(s, 1, session_id);
        stmt_bind_int(s, 2, employee_row);
        if ((rc = stmt_step(s)) != STORE_ROW)
            return STORE_ERROR;
        *id = stmt_int(s, 0);
        stmt_done(s);
    } else {
        /* An open enrolment (also one another transaction has just made)
         * adds nothing, rather than making the key refuse the row: on
         * PostgreSQL a refused INSERT ends the whole transaction, and a
         * department's enrolment goes on past someone enrolled already. */
        s = store_prepare(db, "INSERT INTO enrolments(session_id, employee_id, state, "
                              "created_at) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (session_id, employee_id) DO NOTHING");
        if (!s)
            return STORE_ERROR;
        char now[TIME_TEXT_SIZE];
        time_text(TIME_STAMP, 0, now);
        stmt_bind_int(s, 1, session_id);
        stmt_bind_int(s, 2, employee_row);
        stmt_bind_text(s, 3, vocab_name(&vocab_enrol_state, state));
        stmt_bind_text(s, 4, now);
        if ((rc = stmt_exec(s)) != STORE_OK)
            return rc;
        if (store_changes(db) != 1)
            return STORE_CONSTRAINT; /* an open enrolment exists */
        *id = store_last_id(db);
    }
    if ((rc = event_add(db, actor, *id, state, reason)) != STORE_OK)
        return rc;
    char key[24];
    return audit_write(db, actor, "enrol", "enrolment", key_of(*id, key), NULL,
                       vocab_name(&vocab_enrol_state, state));
}

int enrolments_move(store *db, const char *actor, int64_t id, int from, int to,
                    const char *reason, int late, int64_t fee)
{
    if (!enrol_transition_allowed(from, to))
        return STORE_DONE;
    stmt *s = store_prepare(db, "UPDATE enrolments SET state = ?, late = ?, fee_due = ?, "
                                "waitlist_order = CASE WHEN ? = 1 THEN waitlist_order ELSE NULL "
                                "END WHERE id = ? AND state = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, vocab_name(&vocab_enrol_state, to));
    stmt_bind_int(s, 2, late);
    stmt_bind_int(s, 3, fee);
    stmt_bind_int(s, 4, to == ENROL_WAITLISTED);
    stmt_bind_int(s, 5, id);
    stmt_bind_text(s, 6, vocab_name(&vocab_enrol_state, from));
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) != 1)
        return STORE_DONE;
    if ((rc = event_add(db, actor, id, to, reason)) != STORE_OK)
        return rc;
    char key[24];
    return audit_write(db, actor, vocab_name(&vocab_enrol_state, to), "enrolment",
                       key_of(id, key), vocab_name(&vocab_enrol_state, from),
                       vocab_name(&vocab_enrol_state, to));
}

int tsessions_take_seat(store *db, int64_t session_id)
{
    stmt *s = store_prepare(db, "UPDATE training_sessions SET seats_taken = seats_taken + 1 "
                                "WHERE id = ? AND state = 'planned' AND seats_taken < capacity");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, session_id);
    if (stmt_exec(s) != STORE_OK)
        return -1;
    return store_changes(db) == 1 ? 1 : 0;
}

int tsessions_free_seat(store *db, int64_t session_id)
{
    stmt *s = store_prepare(db, "UPDATE training_sessions SET seats_taken = seats_taken - 1 "
                                "WHERE id = ? AND seats_taken > 0");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, session_id);
    return stmt_exec(s);
}

int enrolments_queue(store *db, int64_t id)
{
    stmt *s = store_prepare(db, "UPDATE enrolments SET waitlist_order = (SELECT "
                                "coalesce(max(w.waitlist_order), 0) + 1 FROM enrolments w "
                                "WHERE w.session_id = enrolments.session_id) WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    return stmt_exec(s);
}

int64_t enrolments_first_waiting(store *db, int64_t session_id)
{
    return store_int_by_id(db, "SELECT id FROM enrolments WHERE session_id = ? AND "
                           "state = 'waitlisted' ORDER BY waitlist_order, id LIMIT 1", session_id);
}

static bool read_event(stmt *s, arena *a, void *item)
{
    enrolment_event *e = item;
    e->state = arena_strdup(a, stmt_text(s, 0));
    e->actor = arena_strdup(a, stmt_text(s, 1));
    e->at = arena_strdup(a, stmt_text(s, 2));
    e->reason = stmt_text_copy(s, 3, a);
    return e->state && e->actor && e->at;
}

int enrolments_history(store *db, arena *a, int64_t id, enrolment_event **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT state, actor, at, reason FROM enrolment_events "
                                "WHERE enrolment_id = ? ORDER BY id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    return stmt_collect(s, a, out, n, sizeof **out, read_event);
}

int enrolments_other_slots(store *db, arena *a, int64_t employee_row, int64_t except,
                           session_slot **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT " SLOT_COLS SLOT_FROM
                                "JOIN enrolments n ON n.session_id = d.session_id "
                                "JOIN training_sessions s ON s.id = d.session_id "
                                "WHERE n.employee_id = ? AND n.session_id <> ? AND "
                                "s.state = 'planned' AND (n.state = 'requested' OR "
                                "n.state = 'approved' OR n.state = 'enrolled' OR "
                                "n.state = 'waitlisted') ORDER BY d.day, d.start_time");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, except);
    return stmt_collect(s, a, out, n, sizeof **out, read_slot);
}

/* ---- agreements ---- */

int agreements_get(store *db, arena *a, int64_t enrolment_id, agreement *g)
{
    stmt *s = store_prepare(db, "SELECT goals, preconditions, application, replacement, "
                                "updated_by, updated_at FROM enrolment_agreements "
                                "WHERE enrolment_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, enrolment_id);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    g->goals = arena_strdup(a, stmt_text(s, 0));
    g->preconditions = stmt_text_copy(s, 1, a);
    g->application = arena_strdup(a, stmt_text(s, 2));
    g->replacement = stmt_text_copy(s, 3, a);
    g->updated_by = arena_strdup(a, stmt_text(s, 4));
    g->updated_at = arena_strdup(a, stmt_text(s, 5));
    stmt_done(s);
    return g->goals && g->application && g->updated_by && g->updated_at ? STORE_ROW
                                                                        : STORE_ERROR;
}

int agreements_save(store *db, const char *actor, int64_t enrolment_id, const agreement *g)
{
    stmt *s = store_prepare(db, "INSERT INTO enrolment_agreements(enrolment_id, goals, "
                                "preconditions, application, replacement, updated_by, "
                                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (enrolment_id) DO UPDATE SET goals = excluded.goals, "
                                "preconditions = excluded.preconditions, "
                                "application = excluded.application, "
                                "replacement = excluded.replacement, "
                                "updated_by = excluded.updated_by, "
                                "updated_at = excluded.updated_at");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_int(s, 1, enrolment_id);
    stmt_bind_text(s, 2, g->goals);
    bind_text_or_null(s, 3, g->preconditions);
    stmt_bind_text(s, 4, g->application);
    bind_text_or_null(s, 5, g->replacement);
    stmt_bind_text(s, 6, actor);
    stmt_bind_text(s, 7, now);
    int rc = stmt_exec(s);
    char key[24];
    return rc != STORE_OK ? rc
                          : audit_write(db, actor, "save", "agreement",
                                        key_of(enrolment_id, key), NULL, NULL);
}

/* ---- attendance ---- */

int attendance_set(store *db, const char *actor, int64_t enrolment_id, int64_t date_id,
                   int mark, int64_t hours)
{
    stmt *s = store_prepare(db, "INSERT INTO attendance(enrolment_id, date_id, status, hours) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT (enrolment_id, date_id) "
                                "DO UPDATE SET status = excluded.status, hours = excluded.hours");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, enrolment_id);
    stmt_bind_int(s, 2, date_id);
    stmt_bind_text(s, 3, vocab_name(&vocab_attendance, mark));
    if (mark == MARK_PARTLY)
        stmt_bind_int(s, 4, hours);
    else
        stmt_bind_null(s, 4);
    int rc = stmt_exec(s);
    char key[24];
    return rc != STORE_OK ? rc
                          : audit_write(db, actor, "attendance", "enrolment",
                                        key_of(enrolment_id, key), NULL,
                                        vocab_name(&vocab_attendance, mark));
}

int attendance_of(store *db, const session_plan *p, int64_t enrolment_id,
                  attendance_entry *entries)
{
    for (size_t i = 0; i < p->nslots; i++)
        entries[i] = (attendance_entry){MARK_NONE, 0};
    stmt *s = store_prepare(db, "SELECT date_id, status, coalesce(hours, 0) FROM attendance "
                                "WHERE enrolment_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, enrolment_id);
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        int64_t date_id = stmt_int(s, 0);
        for (size_t i = 0; i < p->nslots; i++)
            if (p->slots[i].id == date_id) {
                entries[i].mark = stmt_vocab(s, 1, &vocab_attendance);
                entries[i].hours = stmt_int(s, 2);
            }
    }
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

int enrolments_set_record(store *db, int64_t id, int64_t record)
{
    stmt *s = store_prepare(db, "UPDATE enrolments SET record_id = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record);
    stmt_bind_int(s, 2, id);
    return stmt_exec(s);
}

/* ---- counts ---- */

static bool read_count(stmt *s, arena *a, void *item)
{
    enrolment_count *c = item;
    c->department = arena_strdup(a, stmt_text(s, 0));
    c->enrolments = stmt_int(s, 1);
    c->cancellations = stmt_int(s, 2);
    return c->department != NULL;
}

int enrolments_by_department(store *db, arena *a, int year, enrolment_count **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT dp.name, count(*), sum(CASE WHEN n.state = 'cancelled' "
                                "THEN 1 ELSE 0 END) FROM enrolments n "
                                "JOIN employees e ON e.id = n.employee_id "
                                "JOIN departments dp ON dp.id = e.department_id "
                                "WHERE (SELECT min(day) FROM session_dates d WHERE "
                                "d.session_id = n.session_id) BETWEEN ? AND ? "
                                "GROUP BY dp.name ORDER BY dp.name");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, date_from_ymd(year, 1, 1));
    stmt_bind_date(s, 2, date_from_ymd(year, 12, 31));
    return stmt_collect(s, a, out, n, sizeof **out, read_count);
}

/* ---- contacts ---- */

int employees_contact(store *db, arena *a, int64_t row, const char **email, const char **lang,
                      const char **name)
{
    stmt *s = store_prepare(db, "SELECT e.email, (SELECT u.lang FROM users u WHERE "
                                "u.employee_id = e.id AND u.lang IS NOT NULL ORDER BY u.id "
                                "LIMIT 1), e.first_name || ' ' || e.last_name "
                                "FROM employees e WHERE e.id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, row);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    *email = stmt_null(s, 0) || !*stmt_text(s, 0) ? NULL : arena_strdup(a, stmt_text(s, 0));
    *lang = arena_strdup(a, stmt_null(s, 1) || !i18n_supported(stmt_text(s, 1))
                                ? I18N_DEFAULT : stmt_text(s, 1));
    *name = arena_strdup(a, stmt_text(s, 2));
    stmt_done(s);
    return *lang && *name ? STORE_ROW : STORE_ERROR;
}

int employees_brief(store *db, int64_t row, date_t *hire, date_t *exit, int *shift)
{
    stmt *s = store_prepare(db, "SELECT hire_date, exit_date, shift FROM employees WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, row);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        *hire = stmt_date(s, 0);
        *exit = stmt_date(s, 1);
        *shift = stmt_vocab(s, 2, &vocab_shift);
        stmt_done(s);
    }
    return rc;
}

int64_t employees_manager_row(store *db, int64_t row)
{
    return store_int_by_id(db, "SELECT coalesce(manager_id, 0) FROM employees WHERE id = ?", row);
}

/* ---- calendar feeds ---- */

int feeds_token(store *db, int64_t user_id, bool renew, char out[65])
{
    char old[65] = "";
    stmt *s = store_prepare(db, "SELECT token FROM calendar_feeds WHERE user_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, user_id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        bool fits = copy_text(old, sizeof old, stmt_text(s, 0));
        stmt_done(s);
        if (!fits)
            return STORE_ERROR;
    } else if (rc != STORE_DONE) {
        return STORE_ERROR;
    }
    if (*old && !renew)
        return copy_text(out, 65, old) ? STORE_OK : STORE_ERROR;
    token_new(out);
    s = store_prepare(db, "INSERT INTO calendar_feeds(user_id, token, created_at) "
                          "VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                          "token = excluded.token, created_at = excluded.created_at");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_int(s, 1, user_id);
    stmt_bind_text(s, 2, out);
    stmt_bind_text(s, 3, now);
    rc = stmt_exec(s);
    if (rc == STORE_OK) /* the site's registry finds the feed by its token */
        rc = orgs_keep_address(db, "calendar", *old ? old : NULL, out);
    char key[24];
    return rc != STORE_OK ? rc
                          : audit_write(db, "calendar", renew ? "renew" : "create",
                                        "calendar_feed", key_of(user_id, key), NULL, NULL);
}

int feeds_find(store *db, const char *token, int64_t *employee_row)
{
    stmt *s = store_prepare(db, "SELECT coalesce(u.employee_id, 0) FROM calendar_feeds f "
                                "JOIN users u ON u.id = f.user_id WHERE f.token = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, token);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        *employee_row = stmt_int(s, 0);
        stmt_done(s);
    }
    return rc;
}

static bool read_item(stmt *s, arena *a, void *item)
{
    calendar_item *c = item;
    if (!read_slot(s, a, &c->slot))
        return false;
    c->session_id = stmt_int(s, 9);
    c->title = arena_strdup(a, stmt_text(s, 10));
    c->session_state = arena_strdup(a, stmt_text(s, 11));
    c->sequence = (int)stmt_int(s, 12);
    c->enrol_state = stmt_null(s, 13) ? -1 : stmt_vocab(s, 13, &vocab_enrol_state);
    return c->title && c->session_state;
}

int calendar_items(store *db, arena *a, int64_t employee_row, date_t from,
                   calendar_item **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT " SLOT_COLS ", s.id, a.title, s.state, s.sequence, "
                                "n.state " SLOT_FROM
                                "JOIN training_sessions s ON s.id = d.session_id "
                                "JOIN activities a ON a.id = s.activity_id "
                                "LEFT JOIN enrolments n ON n.session_id = s.id AND "
                                "n.employee_id = ?1 "
                                "WHERE d.day >= ?2 AND (d.trainer_id = ?1 OR (n.id IS NOT NULL "
                                "AND n.state <> 'declined')) ORDER BY d.day, d.start_time, d.id "
                                "LIMIT 2000");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_date(s, 2, from);
    return stmt_collect(s, a, out, n, sizeof **out, read_item);
}
