/* evaluation.c (store) - see evaluation.h. */
#include "store/evaluation.h"
#include "store/data.h"
#include "store/certifications.h"
#include "store/competences.h"
#include "core/policy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The audit key of a row id. */
static const char *id_key(char buf[24], int64_t id)
{
    snprintf(buf, 24, "%lld", (long long)id);
    return buf;
}

/* ---- level 1 ---- */

static bool read_question(stmt *s, arena *a, void *item)
{
    eval_question *q = item;
    q->id = stmt_int(s, 0);
    q->position = (int)stmt_int(s, 1);
    q->text = stmt_text_copy(s, 2, a);
    q->active = (int)stmt_int(s, 3);
    q->about_trainer = (int)stmt_int(s, 4);
    return q->text != NULL;
}

int eval_questions_list(store *db, arena *a, bool active_only, eval_question **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT id, position, text, active, about_trainer FROM "
                                "eval_questions WHERE active = 1 OR ? = 0 ORDER BY position, id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, active_only ? 1 : 0);
    return stmt_collect(s, a, out, n, sizeof **out, read_question);
}

int eval_question_save(store *db, const char *actor, int64_t id, const char *text, int position,
                       int active, int about_trainer, int64_t *saved)
{
    stmt *s = id ? store_prepare(db, "UPDATE eval_questions SET text = ?, position = ?, "
                                     "active = ?, about_trainer = ? WHERE id = ?")
                 : store_prepare(db, "INSERT INTO eval_questions(text, position, active, "
                                     "about_trainer) VALUES (?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, text);
    stmt_bind_int(s, 2, position);
    stmt_bind_int(s, 3, active ? 1 : 0);
    stmt_bind_int(s, 4, about_trainer ? 1 : 0);
    if (id)
        stmt_bind_int(s, 5, id);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (id && store_changes(db) == 0)
        return STORE_DONE;
    int64_t row = id ? id : store_last_id(db);
    if (saved)
        *saved = row;
    char key[24];
    /* the text, and whether it is about the trainer (it then goes unasked
     * where there was none) */
    str after = STR_INIT;
    str_puts(&after, text);
    if (about_trainer)
        str_puts(&after, " [about the trainer]");
    rc = str_ok(&after) ? audit_write(db, actor, id ? "update" : "create", "eval_question",
                                      id_key(key, row), NULL, str_cstr(&after))
                        : STORE_ERROR;
    str_free(&after);
    return rc;
}

/* Whether record R (the SQL's r.id) came from a session with a trainer: the
 * condition of eval_record_has_trainer, in both its queries. */
#define HAS_TRAINER                                                                       \
    "EXISTS (SELECT 1 FROM enrolments n JOIN session_dates d ON d.session_id = "          \
    "n.session_id WHERE n.record_id = r.id AND (d.trainer_id IS NOT NULL OR "              \
    "coalesce(d.trainer_name, '') <> ''))"

int eval_record_has_trainer(store *db, int64_t record_id)
{
    int64_t has = store_int_by_id(db, "SELECT CASE WHEN " HAS_TRAINER " THEN 1 ELSE 0 END "
                                      "FROM learning_records r WHERE r.id = ?", record_id);
    return has < 0 ? -1 : has > 0;
}

int eval_reaction_save(store *db, const char *actor, int64_t record_id,
                       const int64_t *question_ids, const int *scores, size_t n,
                       const char *comment, date_t day)
{
    stmt *s = store_prepare(db, "DELETE FROM eval_answers WHERE record_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record_id);
    int rc = stmt_exec(s);
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        s = store_prepare(db, "INSERT INTO eval_answers(record_id, question_id, score, "
                              "answered_on) VALUES (?, ?, ?, ?)");
        if (!s)
            return STORE_ERROR;
        stmt_bind_int(s, 1, record_id);
        stmt_bind_int(s, 2, question_ids[i]);
        stmt_bind_int(s, 3, scores[i]);
        stmt_bind_date(s, 4, day);
        rc = stmt_exec(s);
    }
    if (rc == STORE_OK) {
        s = store_prepare(db, "DELETE FROM eval_comments WHERE record_id = ?");
        if (!s)
            return STORE_ERROR;
        stmt_bind_int(s, 1, record_id);
        rc = stmt_exec(s);
    }
    if (rc == STORE_OK && comment && *comment) {
        s = store_prepare(db, "INSERT INTO eval_comments(record_id, comment) VALUES (?, ?)");
        if (!s)
            return STORE_ERROR;
        stmt_bind_int(s, 1, record_id);
        stmt_bind_text(s, 2, comment);
        rc = stmt_exec(s);
    }
    char key[24];
    /* The answers themselves stay out of the log: it is read more widely. */
    return rc == STORE_OK ? audit_write(db, actor, "answer", "eval_reaction",
                                        id_key(key, record_id), NULL, NULL)
                          : rc;
}

static bool read_pending(stmt *s, arena *a, void *item)
{
    eval_pending *p = item;
    p->record_id = stmt_int(s, 0);
    p->title = stmt_text_copy(s, 1, a);
    p->last_day = eval_last_day(stmt_date(s, 2), stmt_date(s, 3));
    int who[EVAL_LEVELS];
    eval_evaluators_read(stmt_null(s, 4) ? NULL : stmt_text(s, 4), who);
    p->by_participant = who[LEVEL_REACTION] == EVALUATOR_PARTICIPANT;
    p->has_trainer = stmt_int(s, 5) != 0;
    return p->title != NULL;
}

int eval_reactions_pending(store *db, arena *a, int64_t row, date_t since, date_t today,
                           eval_pending **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* The window of eval_reaction_open (core/evaluation.c), as dates. */
    stmt *s = store_prepare(db, "SELECT r.id, coalesce(x.title, r.title), r.start_date, "
                                "r.end_date, x.evaluators, CASE WHEN " HAS_TRAINER
                                " THEN 1 ELSE 0 END FROM learning_records r "
                                "LEFT JOIN activities x ON x.id = r.activity_id "
                                "WHERE r.employee_id = ? AND r.result = 'completed' "
                                "AND coalesce(r.end_date, r.start_date) >= ? "
                                "AND coalesce(r.end_date, r.start_date) < ? "
                                "AND NOT EXISTS (SELECT 1 FROM eval_answers q "
                                "WHERE q.record_id = r.id) "
                                /* a question to ask: one about the trainer
                                 * only where there was one */
                                "AND EXISTS (SELECT 1 FROM eval_questions e WHERE e.active = 1 "
                                "AND (e.about_trainer = 0 OR " HAS_TRAINER ")) "
                                "ORDER BY coalesce(r.end_date, r.start_date) DESC, r.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, row);
    stmt_bind_date(s, 2, since);
    stmt_bind_date(s, 3, today);
    if (stmt_collect(s, a, out, n, sizeof **out, read_pending) != STORE_OK)
        return STORE_ERROR;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if ((*out)[i].by_participant)
            (*out)[kept++] = (*out)[i];
    *n = kept;
    return STORE_OK;
}

/* The line of ACTIVITY in *LIST, added when new. */
static eval_activity_summary *summary_line(arena *a, eval_activity_summary **list, size_t *n,
                                           size_t *cap, int64_t activity_id)
{
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i].activity_id == activity_id)
            return &(*list)[i];
    eval_activity_summary *l = arena_push(a, (void **)list, n, cap, sizeof *l);
    if (l)
        l->activity_id = activity_id;
    return l;
}

static int by_code(const void *pa, const void *pb)
{
    const eval_activity_summary *a = pa, *b = pb;
    return strcmp(a->code, b->code);
}

int eval_summary(store *db, arena *a, int year, eval_activity_summary **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    date_t from = date_from_ymd(year, 1, 1), to = date_from_ymd(year, 12, 31);
    /* Each level counts people, not records: someone who took the activity
     * twice in the year counts once, with the latest of their records that
     * has a test or a follow-up (else a behaviour count could exceed the
     * people trained). The reaction's mean stays over every answer. */
    static const char *const queries[3] = {
        "SELECT r.activity_id, count(DISTINCT r.employee_id), count(*), sum(q.score), 0 "
        "FROM eval_answers q JOIN learning_records r ON r.id = q.record_id "
        "WHERE r.activity_id IS NOT NULL AND r.start_date >= ? AND r.start_date <= ? "
        "GROUP BY r.activity_id",
        "WITH last AS (SELECT record_id, max(attempt) AS attempt FROM learning_tests "
        "GROUP BY record_id), "
        "tested AS (SELECT r.activity_id, t.score, t.pass_mark, l.attempt, "
        "row_number() OVER (PARTITION BY r.activity_id, r.employee_id "
        "ORDER BY r.start_date DESC, r.id DESC) AS k "
        "FROM last l JOIN learning_tests t ON t.record_id = l.record_id "
        "AND t.attempt = l.attempt JOIN learning_records r ON r.id = l.record_id "
        "WHERE r.activity_id IS NOT NULL AND r.start_date >= ? AND r.start_date <= ?) "
        "SELECT activity_id, count(*), sum(CASE WHEN score >= pass_mark THEN 1 ELSE 0 END), "
        "sum(attempt), 0 FROM tested WHERE k = 1 GROUP BY activity_id",
        /* CROSS JOIN: from the follow-ups to their records, never a scan of
         * the whole learning record (SQLite keeps this order). */
        "WITH judged AS (SELECT r.activity_id, f.applied, "
        "row_number() OVER (PARTITION BY r.activity_id, r.employee_id "
        "ORDER BY r.start_date DESC, r.id DESC) AS k "
        "FROM followups f CROSS JOIN learning_records r WHERE r.id = f.record_id "
        "AND f.applied IS NOT NULL AND r.activity_id IS NOT NULL "
        "AND r.start_date >= ? AND r.start_date <= ?) "
        "SELECT activity_id, count(*), "
        "sum(CASE WHEN applied = 'yes' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN applied = 'partly' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN applied = 'no' THEN 1 ELSE 0 END) "
        "FROM judged WHERE k = 1 GROUP BY activity_id"};
    for (int k = 0; k < 3; k++) {
        stmt *s = store_prepare(db, queries[k]);
        if (!s)
            return STORE_ERROR;
        stmt_bind_date(s, 1, from);
        stmt_bind_date(s, 2, to);
        int rc;
        while ((rc = stmt_step(s)) == STORE_ROW) {
            eval_activity_summary *l = summary_line(a, out, n, &cap, stmt_int(s, 0));
            if (!l) {
                stmt_done(s);
                return STORE_ERROR;
            }
            int64_t c1 = stmt_int(s, 1), c2 = stmt_int(s, 2), c3 = stmt_int(s, 3);
            if (k == 0) {
                l->respondents = c1;
                l->answers = c2;
                l->score_sum = c3;
            } else if (k == 1) {
                l->tested = c1;
                l->passed = c2;
                l->attempts = c3;
            } else {
                l->followed = c1;
                l->applied[APPLIED_YES] = c2;
                l->applied[APPLIED_PARTLY] = c3;
                l->applied[APPLIED_NO] = stmt_int(s, 4);
            }
        }
        if (rc != STORE_DONE)
            return STORE_ERROR;
    }
    activity *acts;
    size_t nacts;
    if (*n && activities_list(db, a, &acts, &nacts) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < *n; i++) {
        (*out)[i].code = (*out)[i].title = "";
        for (size_t k = 0; k < nacts; k++)
            if (acts[k].id == (*out)[i].activity_id) {
                (*out)[i].code = acts[k].code;
                (*out)[i].title = acts[k].title;
            }
    }
    if (*n > 1)
        qsort(*out, *n, sizeof **out, by_code);
    return STORE_OK;
}

static bool read_reaction_group(stmt *s, arena *a, void *item)
{
    eval_reaction_group *g = item;
    g->key = stmt_int(s, 0);
    g->label = stmt_text_copy(s, 1, a);
    g->code = stmt_text_copy(s, 2, a);
    g->first_day = stmt_date(s, 3);
    g->respondents = stmt_int(s, 4);
    g->answers = stmt_int(s, 5);
    g->score_sum = stmt_int(s, 6);
    return g->label && g->code;
}

int eval_reaction_by(store *db, arena *a, int year, int by, eval_reaction_group **out,
                     size_t *n)
{
    *out = NULL;
    *n = 0;
    /* The answers to records that a session's closing wrote. (Whole
     * literals: the store caches statements by the address of their text.) */
#define SESSION_ANSWERS                                                                   \
    "answers AS (SELECT r.employee_id, q.score, n.session_id FROM eval_answers q "          \
    "JOIN enrolments n ON n.record_id = q.record_id "                                     \
    "JOIN learning_records r ON r.id = q.record_id "                                      \
    "WHERE r.start_date >= ? AND r.start_date <= ?) "
    static const char by_session[] =
        "WITH first_days AS (SELECT session_id, min(day) AS day FROM session_dates "
        "GROUP BY session_id), " SESSION_ANSWERS
        "SELECT t.id, x.title, x.code, f.day, count(DISTINCT w.employee_id), count(*), "
        "sum(w.score) FROM answers w JOIN training_sessions t ON t.id = w.session_id "
        "JOIN activities x ON x.id = t.activity_id JOIN first_days f ON f.session_id = t.id "
        "GROUP BY t.id, x.title, x.code, f.day ORDER BY f.day, t.id";
    static const char by_trainer[] =
        "WITH trainers AS (SELECT DISTINCT d.session_id, "
        "coalesce(d.trainer_id, 0) AS trainer_row, "
        "CASE WHEN d.trainer_id IS NULL THEN d.trainer_name "
        "ELSE e.first_name || ' ' || e.last_name END AS name FROM session_dates d "
        "LEFT JOIN employees e ON e.id = d.trainer_id "
        "WHERE d.trainer_id IS NOT NULL OR d.trainer_name IS NOT NULL), " SESSION_ANSWERS
        "SELECT t.trainer_row, t.name, '', CAST(NULL AS TEXT), count(DISTINCT w.employee_id), "
        "count(*), sum(w.score) FROM answers w JOIN trainers t ON t.session_id = w.session_id "
        "GROUP BY t.trainer_row, t.name ORDER BY t.name, t.trainer_row";
#undef SESSION_ANSWERS
    stmt *s = store_prepare(db, by == EVAL_BY_TRAINER ? by_trainer : by_session);
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, date_from_ymd(year, 1, 1));
    stmt_bind_date(s, 2, date_from_ymd(year, 12, 31));
    return stmt_collect(s, a, out, n, sizeof **out, read_reaction_group);
}

static bool read_comment(stmt *s, arena *a, void *item)
{
    const char **c = item;
    *c = stmt_text_copy(s, 0, a);
    return *c != NULL;
}

int eval_comments(store *db, arena *a, int year, int64_t activity_id, const char ***out,
                  size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT c.comment FROM eval_comments c "
                                "JOIN learning_records r ON r.id = c.record_id "
                                "WHERE r.activity_id = ? AND r.start_date >= ? "
                                "AND r.start_date <= ? ORDER BY c.comment");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, activity_id);
    stmt_bind_date(s, 2, date_from_ymd(year, 1, 1));
    stmt_bind_date(s, 3, date_from_ymd(year, 12, 31));
    return stmt_collect(s, a, out, n, sizeof **out, read_comment);
}

/* ---- level 2 ---- */

int learning_tests_add(store *db, const char *actor, int64_t record_id, const learning_test *t,
                       int *attempt)
{
    stmt *s = store_prepare(db, "SELECT coalesce(max(attempt), 0) FROM learning_tests "
                                "WHERE record_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record_id);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *attempt = (int)stmt_int(s, 0) + 1;
    stmt_done(s);
    s = store_prepare(db, "INSERT INTO learning_tests(record_id, attempt, taken_on, score, "
                          "max_score, pass_mark) VALUES (?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record_id);
    stmt_bind_int(s, 2, *attempt);
    stmt_bind_date(s, 3, t->taken_on);
    stmt_bind_int(s, 4, t->score);
    stmt_bind_int(s, 5, t->max_score);
    stmt_bind_int(s, 6, t->pass_mark);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    /* The record's result follows its last attempt. */
    s = store_prepare(db, "UPDATE learning_records SET result = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, vocab_name(&vocab_result, eval_test_result(t->score, t->pass_mark)));
    stmt_bind_int(s, 2, record_id);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    /* A certifying record counts only while completed (RULES.md §5). */
    int64_t owner = store_int_by_id(db, "SELECT employee_id FROM learning_records WHERE id = ?",
                                    record_id);
    if (owner < 0 || (owner > 0 && cert_records_refresh_employee(db, owner) != STORE_OK))
        return STORE_ERROR;
    char key[24], after[96];
    snprintf(after, sizeof after, "attempt %d: %lld/%lld (pass %lld)", *attempt,
             (long long)t->score, (long long)t->max_score, (long long)t->pass_mark);
    return audit_write(db, actor, "create", "learning_test", id_key(key, record_id), NULL, after);
}

static bool read_test(stmt *s, arena *a, void *item)
{
    (void)a;
    learning_test *t = item;
    t->attempt = (int)stmt_int(s, 0);
    t->taken_on = stmt_date(s, 1);
    t->score = stmt_int(s, 2);
    t->max_score = stmt_int(s, 3);
    t->pass_mark = stmt_int(s, 4);
    return true;
}

int learning_tests_of(store *db, arena *a, int64_t record_id, learning_test **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT attempt, taken_on, score, max_score, pass_mark "
                                "FROM learning_tests WHERE record_id = ? ORDER BY attempt");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_test);
}

/* ---- level 3 ---- */

static bool read_followup(stmt *s, arena *a, void *item)
{
    followup *f = item;
    f->record_id = stmt_int(s, 0);
    f->employee_id = stmt_text_copy(s, 1, a);
    f->employee_name = stmt_text_copy(s, 2, a);
    f->title = stmt_text_copy(s, 3, a);
    f->last_day = eval_last_day(stmt_date(s, 4), stmt_date(s, 5));
    f->due_on = eval_followup_due(f->last_day, stmt_null(s, 6) ? 0 : (int)stmt_int(s, 6));
    f->goals = stmt_text_copy(s, 7, a);
    f->application = stmt_text_copy(s, 8, a);
    f->applied = -1;
    f->how = NULL;
    int who[EVAL_LEVELS];
    eval_evaluators_read(stmt_null(s, 9) ? NULL : stmt_text(s, 9), who);
    f->by_manager = who[LEVEL_BEHAVIOUR] == EVALUATOR_MANAGER;
    return f->employee_id && f->employee_name && f->title;
}

static int by_due(const void *pa, const void *pb)
{
    const followup *a = pa, *b = pb;
    return a->due_on != b->due_on ? (a->due_on < b->due_on ? -1 : 1)
                                  : (a->record_id < b->record_id ? -1 : a->record_id > b->record_id);
}

int followups_open(store *db, arena *a, int64_t manager, date_t today, followup **out,
                   size_t *n)
{
    *out = NULL;
    *n = 0;
    /* A pre-filter of eval_followup_open (core/evaluation.c): records whose
     * last day lies within the longest follow-up period (52 weeks) plus the
     * open days before today; formal catalogue activities only
     * (eval_followup_applies). */
    /* A manager's team drives the join, through the index on
     * (employee_id, start_date): the work grows with the team's learning,
     * not with the whole record (the admin's view, manager 0, reads it all). */
    static const char *const team_sql =
        "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE manager_id = ? "
        "UNION SELECT x.id FROM employees x JOIN team t ON x.manager_id = t.id) "
        "SELECT r.id, e.employee_id, e.first_name || ' ' || e.last_name, x.title, r.start_date, "
        "r.end_date, x.followup_weeks, f.goals, f.application, x.evaluators FROM team t "
        "CROSS JOIN learning_records r JOIN employees e ON e.id = r.employee_id "
        "JOIN activities x ON x.id = r.activity_id LEFT JOIN followups f ON f.record_id = r.id "
        "WHERE r.employee_id = t.id AND x.type = 'formal' AND r.result = 'completed' "
        "AND f.done_on IS NULL AND coalesce(r.end_date, r.start_date) >= ? "
        "AND coalesce(r.end_date, r.start_date) < ?";
    static const char *const all_sql =
        "SELECT r.id, e.employee_id, e.first_name || ' ' || e.last_name, x.title, r.start_date, "
        "r.end_date, x.followup_weeks, f.goals, f.application, x.evaluators "
        "FROM learning_records r JOIN employees e ON e.id = r.employee_id "
        "JOIN activities x ON x.id = r.activity_id LEFT JOIN followups f ON f.record_id = r.id "
        "WHERE CAST(? AS INTEGER) = 0 AND x.type = 'formal' AND r.result = 'completed' "
        "AND f.done_on IS NULL AND coalesce(r.end_date, r.start_date) >= ? "
        "AND coalesce(r.end_date, r.start_date) < ?";
    stmt *s = store_prepare(db, manager != 0 ? team_sql : all_sql);
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, manager > 0 ? manager : manager < 0 ? -1 : 0);
    stmt_bind_date(s, 2, today - 7 * 52 - POLICY_FOLLOWUP_OPEN_DAYS);
    stmt_bind_date(s, 3, today);
    followup *all = NULL;
    size_t nall = 0;
    if (stmt_collect(s, a, &all, &nall, sizeof *all, read_followup) != STORE_OK)
        return STORE_ERROR;
    size_t kept = 0;
    for (size_t i = 0; i < nall; i++)
        if (all[i].by_manager && all[i].due_on <= today &&
            today - all[i].due_on <= POLICY_FOLLOWUP_OPEN_DAYS)
            all[kept++] = all[i];
    if (kept > 1)
        qsort(all, kept, sizeof *all, by_due);
    *out = all;
    *n = kept;
    return STORE_OK;
}

/* A follow-up judged "not applied": read_followup and its "how" (column 10). */
static bool read_judged(stmt *s, arena *a, void *item)
{
    followup *f = item;
    if (!read_followup(s, a, item))
        return false;
    f->applied = APPLIED_NO;
    f->how = stmt_text_copy(s, 10, a);
    return true;
}

int followups_applied_of(store *db, int64_t record_id, int *applied)
{
    *applied = -1;
    stmt *s = store_prepare(db, "SELECT applied FROM followups WHERE record_id = ? "
                                "AND applied IS NOT NULL");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record_id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        const char *v = stmt_text(s, 0);
        for (int k = 0; k < APPLIED_COUNT; k++)
            if (strcmp(v, eval_applied_names[k]) == 0)
                *applied = k;
        stmt_done(s);
    }
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

int followups_not_applied(store *db, arena *a, int64_t manager, date_t since, followup **out,
                          size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE "
                                "manager_id = ? UNION SELECT x.id FROM employees x JOIN team t "
                                "ON x.manager_id = t.id) "
                                "SELECT r.id, e.employee_id, e.first_name || ' ' || e.last_name, "
                                "x.title, r.start_date, r.end_date, x.followup_weeks, f.goals, "
                                "f.application, x.evaluators, f.how, f.done_on "
                                "FROM followups f JOIN learning_records r ON r.id = f.record_id "
                                "JOIN employees e ON e.id = r.employee_id "
                                "JOIN activities x ON x.id = r.activity_id "
                                "WHERE f.applied = 'no' AND f.done_on >= ? "
                                "AND (CAST(? AS INTEGER) = 0 OR r.employee_id IN "
                                "(SELECT id FROM team)) "
                                "ORDER BY f.done_on DESC, r.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, manager > 0 ? manager : -1);
    stmt_bind_date(s, 2, since);
    stmt_bind_int(s, 3, manager);
    return stmt_collect(s, a, out, n, sizeof **out, read_judged);
}

int eval_need_raise(store *db, const char *actor, int role, const training_need *n,
                    bool *added)
{
    *added = false;
    arena a = ARENA_INIT;
    int64_t row = n->employee_id ? employees_row(db, n->employee_id) : 0;
    need_query q = {NEED_OPEN, NULL, 0, row > 0 ? row : 0, NULL};
    training_need *list;
    size_t count;
    int rc = row < 0 ? STORE_ERROR : needs_list(db, &a, &q, &list, &count);
    bool open = false;
    for (size_t i = 0; rc == STORE_OK && i < count; i++)
        open |= list[i].source == n->source && list[i].scope == n->scope &&
                (n->employee_id != NULL) == (list[i].employee_id != NULL) &&
                (!n->employee_id || strcmp(list[i].employee_id, n->employee_id) == 0) &&
                strcmp(list[i].title, n->title) == 0;
    arena_free(&a);
    if (rc != STORE_OK || open)
        return rc;
    int64_t id;
    rc = needs_add(db, actor, role, n, &id);
    *added = rc == STORE_OK;
    return rc;
}

int eval_remark_raise(store *db, const char *actor, int64_t initiative_id, const char *text,
                      const char *origin, bool *added)
{
    *added = false;
    stmt *s = store_prepare(db, "INSERT INTO eval_remarks(initiative_id, text, author, at, "
                                "origin) VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin) DO NOTHING");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_MINUTE, 0, now);
    stmt_bind_int(s, 1, initiative_id);
    stmt_bind_text(s, 2, text);
    stmt_bind_text(s, 3, actor);
    stmt_bind_text(s, 4, now);
    stmt_bind_text(s, 5, origin);
    int rc = stmt_exec(s);
    if (rc != STORE_OK || store_changes(db) == 0)
        return rc;
    *added = true;
    char key[24];
    return audit_write(db, actor, "create", "eval_remark", id_key(key, initiative_id), NULL,
                       text);
}

int followups_record(store *db, const char *actor, int64_t record_id, int applied,
                     const char *how, date_t day)
{
    stmt *s = store_prepare(db, "INSERT INTO followups(record_id, applied, how, done_on, "
                                "done_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_id) "
                                "DO UPDATE SET applied = excluded.applied, how = excluded.how, "
                                "done_on = excluded.done_on, done_by = excluded.done_by");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record_id);
    stmt_bind_text(s, 2, eval_applied_names[applied]);
    stmt_bind_text(s, 3, how && *how ? how : NULL);
    stmt_bind_date(s, 4, day);
    stmt_bind_text(s, 5, actor);
    int rc = stmt_exec(s);
    char key[24];
    return rc == STORE_OK ? audit_write(db, actor, "record", "followup", id_key(key, record_id),
                                        NULL, eval_applied_names[applied])
                          : rc;
}

int followups_agreement(store *db, const char *actor, int64_t record_id, const char *goals,
                        const char *application)
{
    stmt *s = store_prepare(db, "INSERT INTO followups(record_id, goals, application) "
                                "VALUES (?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET "
                                "goals = excluded.goals, application = excluded.application");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, record_id);
    stmt_bind_text(s, 2, goals && *goals ? goals : NULL);
    stmt_bind_text(s, 3, application && *application ? application : NULL);
    int rc = stmt_exec(s);
    char key[24];
    return rc == STORE_OK ? audit_write(db, actor, "agree", "followup", id_key(key, record_id),
                                        NULL, goals)
                          : rc;
}

int activities_set_evaluation(store *db, const char *actor, int64_t activity_id, int weeks,
                              const char *evaluators)
{
    stmt *s = store_prepare(db, "UPDATE activities SET followup_weeks = ?, evaluators = ? "
                                "WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    if (weeks > 0)
        stmt_bind_int(s, 1, weeks);
    else
        stmt_bind_null(s, 1);
    stmt_bind_text(s, 2, evaluators);
    stmt_bind_int(s, 3, activity_id);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[24], after[96];
    snprintf(after, sizeof after, "%d weeks, %s", weeks, evaluators ? evaluators : "defaults");
    return audit_write(db, actor, "update", "activity_evaluation", id_key(key, activity_id),
                       NULL, after);
}

/* ---- level 4 ---- */

static bool read_indicator(stmt *s, arena *a, void *item)
{
    plan_indicator *x = item;
    x->id = stmt_int(s, 0);
    x->initiative_id = stmt_int(s, 1);
    x->name = stmt_text_copy(s, 2, a);
    x->unit = stmt_text_copy(s, 3, a);
    x->baseline = stmt_null(s, 4) ? -1 : stmt_int(s, 4);
    x->target = stmt_null(s, 5) ? -1 : stmt_int(s, 5);
    x->measured = stmt_null(s, 6) ? -1 : stmt_int(s, 6);
    x->measured_on = stmt_date(s, 7);
    return x->name != NULL;
}

int plan_indicators_list(store *db, arena *a, int64_t plan_id, plan_indicator **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT i.id, i.initiative_id, i.name, i.unit, i.baseline, "
                                "i.target, i.measured, i.measured_on FROM plan_indicators i "
                                "JOIN plan_initiatives p ON p.id = i.initiative_id "
                                "WHERE p.plan_id = ? ORDER BY i.initiative_id, i.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_indicator);
}

/* STORE_ROW when initiative ID belongs to plan PLAN_ID, else STORE_DONE. */
static int initiative_in_plan(store *db, int64_t plan_id, int64_t id)
{
    stmt *s = store_prepare(db, "SELECT 1 FROM plan_initiatives WHERE id = ? AND plan_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, plan_id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc;
}

static void bind_optional(stmt *s, int idx, int64_t v)
{
    if (v < 0)
        stmt_bind_null(s, idx);
    else
        stmt_bind_int(s, idx, v);
}

int plan_indicator_save(store *db, const char *actor, int64_t plan_id, const plan_indicator *x)
{
    int rc = initiative_in_plan(db, plan_id, x->initiative_id);
    if (rc != STORE_ROW)
        return rc;
    stmt *s = x->id ? store_prepare(db, "UPDATE plan_indicators SET name = ?, unit = ?, "
                                        "baseline = ?, target = ?, measured = ?, "
                                        "measured_on = ? WHERE id = ? AND initiative_id = ?")
                    : store_prepare(db, "INSERT INTO plan_indicators(name, unit, baseline, "
                                        "target, measured, measured_on, initiative_id) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, x->name);
    stmt_bind_text(s, 2, x->unit && *x->unit ? x->unit : NULL);
    bind_optional(s, 3, x->baseline);
    bind_optional(s, 4, x->target);
    bind_optional(s, 5, x->measured);
    stmt_bind_date(s, 6, x->measured_on);
    if (x->id) {
        stmt_bind_int(s, 7, x->id);
        stmt_bind_int(s, 8, x->initiative_id);
    } else {
        stmt_bind_int(s, 7, x->initiative_id);
    }
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    if (x->id && store_changes(db) == 0)
        return STORE_DONE;
    char key[24];
    return audit_write(db, actor, x->id ? "update" : "create", "plan_indicator",
                       id_key(key, x->id ? x->id : store_last_id(db)), NULL, x->name);
}

static bool read_remark(stmt *s, arena *a, void *item)
{
    eval_remark *r = item;
    r->initiative_id = stmt_int(s, 0);
    r->text = stmt_text_copy(s, 1, a);
    r->author = stmt_text_copy(s, 2, a);
    r->at = stmt_text_copy(s, 3, a);
    return r->text && r->author && r->at;
}

int eval_remarks_list(store *db, arena *a, int64_t plan_id, eval_remark **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT r.initiative_id, r.text, r.author, r.at "
                                "FROM eval_remarks r JOIN plan_initiatives p "
                                "ON p.id = r.initiative_id WHERE p.plan_id = ? "
                                "ORDER BY r.initiative_id, r.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_remark);
}

int eval_remark_add(store *db, const char *actor, int64_t plan_id, int64_t initiative_id,
                    const char *text)
{
    int rc = initiative_in_plan(db, plan_id, initiative_id);
    if (rc != STORE_ROW)
        return rc;
    stmt *s = store_prepare(db, "INSERT INTO eval_remarks(initiative_id, text, author, at) "
                                "VALUES (?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_MINUTE, 0, now);
    stmt_bind_int(s, 1, initiative_id);
    stmt_bind_text(s, 2, text);
    stmt_bind_text(s, 3, actor);
    stmt_bind_text(s, 4, now);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    char key[24];
    return audit_write(db, actor, "create", "eval_remark", id_key(key, initiative_id), NULL,
                       text);
}
