/* learning.c - the catalogue, the learning record and funding. */
#include "store/data.h"
#include "store/certifications.h"
#include "core/rules.h"
#include "util/decimal.h"
#include "util/jsonw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bind_optional_int(stmt *s, int idx, int64_t v)
{
    if (v < 0)
        stmt_bind_null(s, idx);
    else
        stmt_bind_int(s, idx, v);
}

/* An optional number's text (NULL when V < 0), in OUT of 24 bytes. */
static const char *optional_int_text(int64_t v, char out[24])
{
    if (v < 0)
        return NULL;
    decimal_format(v, 0, 0, out, 24); /* always room */
    return out;
}

void activity_values_of(const activity *a, activity_values *out)
{
    const char **v = out->v;
    v[0] = a->code;
    v[1] = a->title;
    v[2] = vocab_name(&vocab_type, a->type);
    v[3] = vocab_name(&vocab_form, a->form);
    v[4] = a->provider && *a->provider ? a->provider : NULL;
    v[5] = optional_int_text(a->internal, out->internal);
    v[6] = optional_int_text(a->hours, out->hours);
    v[7] = optional_int_text(a->cost, out->cost);
    v[8] = optional_int_text(a->validity_months > 0 ? a->validity_months : -1, out->validity);
    v[9] = optional_int_text(a->mandatory, out->mandatory);
    v[10] = a->competences && *a->competences ? a->competences : NULL;
    v[11] = a->target_functions && *a->target_functions ? a->target_functions : NULL;
}

/* The integer columns among activity_values: internal, hours, cost,
 * validity_months, mandatory. */
static bool activity_integer(int i)
{
    return i >= 5 && i <= 9;
}

/* Binds the ACTIVITY_VALUES values V to S's parameters 1.. in their order. */
static void bind_activity(stmt *s, const char *const *v)
{
    for (int i = 0; i < ACTIVITY_VALUES; i++) {
        if (v[i] && activity_integer(i))
            stmt_bind_int(s, i + 1, strtoll(v[i], NULL, 10));
        else
            stmt_bind_text(s, i + 1, v[i]);
    }
}

/* The columns of activity_values, in their order. */
#define ACTIVITY_VALUE_COLUMNS                                                          \
    "code, title, type, form, provider, internal, hours, cost, validity_months, "      \
    "mandatory, competences, target_functions"

int activities_insert_values(store *db, const char *const *values)
{
    /* Placeholders only: a bulk load streams it (COPY on PostgreSQL). */
    stmt *s = store_prepare(db, "INSERT INTO activities(" ACTIVITY_VALUE_COLUMNS ") VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    bind_activity(s, values);
    return stmt_exec_bulk(s);
}

int activities_update_values(store *db, const char *const *values)
{
    stmt *s = store_prepare(db, "UPDATE activities SET title = ?2, type = ?3, form = ?4, "
                                "provider = ?5, internal = ?6, hours = ?7, cost = ?8, "
                                "validity_months = ?9, mandatory = ?10, competences = ?11, "
                                "target_functions = ?12 "
                                "WHERE code = ?1 AND (title IS DISTINCT FROM ?2 OR "
                                "type IS DISTINCT FROM ?3 OR form IS DISTINCT FROM ?4 OR "
                                "provider IS DISTINCT FROM ?5 OR internal IS DISTINCT FROM ?6 OR "
                                "hours IS DISTINCT FROM ?7 OR cost IS DISTINCT FROM ?8 OR "
                                "validity_months IS DISTINCT FROM ?9 OR "
                                "mandatory IS DISTINCT FROM ?10 OR competences IS DISTINCT FROM ?11 OR "
                                "target_functions IS DISTINCT FROM ?12)");
    if (!s)
        return STORE_ERROR;
    bind_activity(s, values);
    return stmt_exec_bulk(s);
}

int activities_each_stored(store *db, int (*each)(void *ctx, int64_t row,
                                                  const char *const *values),
                           void *ctx)
{
    stmt *s = store_prepare(db, "SELECT " ACTIVITY_VALUE_COLUMNS ", id FROM activities");
    if (!s)
        return STORE_ERROR;
    int rc;
    const char *v[ACTIVITY_VALUES];
    while ((rc = stmt_step(s)) == STORE_ROW) {
        for (int i = 0; i < ACTIVITY_VALUES; i++)
            v[i] = stmt_null(s, i) ? NULL : stmt_text(s, i);
        if (each(ctx, stmt_int(s, ACTIVITY_VALUES), v) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    }
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* True when an activity of VALUES keeps its completions' dates (it
 * certifies or is mandatory): what cert_records reads of it. */
static bool values_keep_dates(const char *const *v)
{
    return (v[8] && strtoll(v[8], NULL, 10) > 0) || (v[9] && strtoll(v[9], NULL, 10) == 1);
}

int activities_after_update(store *db, int64_t row, const char *const *before,
                            const char *const *after)
{
    int rc = STORE_OK;
    /* An activity that starts or stops certifying: its dates come or go
     * (rare, and the only change of an activity cert_records reads). */
    if (values_keep_dates(before) != values_keep_dates(after))
        rc = cert_records_refresh_activity(db, row);
    if (rc != STORE_OK || !before[2] || !after[2] || strcmp(before[2], after[2]) == 0)
        return rc;
    /* Records that take their type from this activity follow its change. */
    stmt *s = store_prepare(db, "UPDATE learning_records SET type = ? "
                                "WHERE activity_id = ? AND own_type IS NULL");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, after[2]);
    stmt_bind_int(s, 2, row);
    rc = stmt_exec(s);
    /* Rare (a catalogue correction), so the sums are simply made again. */
    if (rc == STORE_OK && store_changes(db) > 0)
        rc = learning_totals_rebuild(db);
    return rc;
}

int activities_upsert(store *db, const activity *a, int64_t *row, int *outcome)
{
    activity_values v;
    activity_values_of(a, &v);
    stmt *s = store_prepare(db, "SELECT " ACTIVITY_VALUE_COLUMNS ", id FROM activities "
                                "WHERE code = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, a->code);
    int rc = stmt_step(s);
    if (rc == STORE_DONE) {
        *outcome = UPSERT_CREATED;
        if ((rc = activities_insert_values(db, v.v)) != STORE_OK)
            return rc;
        *row = store_last_id(db);
        return *row > 0 ? STORE_OK : STORE_ERROR;
    }
    if (rc != STORE_ROW)
        return STORE_ERROR;
    /* The stored values, copied: the statement is done before the update. */
    arena keep = ARENA_INIT;
    const char *before[ACTIVITY_VALUES];
    bool copied = true;
    for (int i = 0; i < ACTIVITY_VALUES; i++) {
        before[i] = stmt_null(s, i) ? NULL : arena_strdup(&keep, stmt_text(s, i));
        copied = copied && (before[i] || stmt_null(s, i));
    }
    *row = stmt_int(s, ACTIVITY_VALUES);
    stmt_done(s);
    rc = copied ? activities_update_values(db, v.v) : STORE_ERROR;
    if (rc == STORE_OK) {
        *outcome = store_changes(db) ? UPSERT_UPDATED : UPSERT_UNCHANGED;
        if (*outcome == UPSERT_UPDATED)
            rc = activities_after_update(db, *row, before, v.v);
    }
    arena_free(&keep);
    return rc;
}

int64_t activities_row(store *db, const char *code, int *type)
{
    stmt *s = store_prepare(db, "SELECT id, type FROM activities WHERE code = ?");
    if (!s)
        return -1;
    stmt_bind_text(s, 1, code);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        int64_t id = stmt_int(s, 0);
        const char *t = stmt_text(s, 1);
        if (type)
            *type = vocab_find(&vocab_type, t, strlen(t));
        stmt_done(s);
        return id;
    }
    return rc == STORE_DONE ? 0 : -1;
}

int64_t activities_count(store *db)
{
    return store_count(db, "SELECT count(*) FROM activities");
}

int activities_list(store *db, arena *a, activity **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int64_t count = activities_count(db);
    if (count < 0)
        return STORE_ERROR;
    if (count == 0)
        return STORE_OK;
    if (!(*out = arena_alloc(a, (size_t)count * sizeof **out)))
        return STORE_ERROR;
    stmt *s = store_prepare(db, "SELECT id, code, title, type, form, provider, internal, "
                                "hours, cost, validity_months, mandatory, competences, "
                                "target_functions, followup_weeks, evaluators "
                                "FROM activities ORDER BY code");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW && *n < (size_t)count) {
        activity *x = &(*out)[(*n)++];
        const char *t = stmt_text(s, 3), *f = stmt_text(s, 4);
        x->id = stmt_int(s, 0);
        x->code = arena_strdup(a, stmt_text(s, 1));
        x->title = arena_strdup(a, stmt_text(s, 2));
        x->type = vocab_find(&vocab_type, t, strlen(t));
        x->form = vocab_find(&vocab_form, f, strlen(f));
        x->provider = stmt_null(s, 5) ? NULL : arena_strdup(a, stmt_text(s, 5));
        x->internal = (int)stmt_int(s, 6);
        x->hours = stmt_null(s, 7) ? -1 : stmt_int(s, 7);
        x->cost = stmt_null(s, 8) ? -1 : stmt_int(s, 8);
        x->validity_months = (int)stmt_int(s, 9);
        x->mandatory = (int)stmt_int(s, 10);
        x->competences = stmt_null(s, 11) ? NULL : arena_strdup(a, stmt_text(s, 11));
        x->target_functions = stmt_null(s, 12) ? NULL : arena_strdup(a, stmt_text(s, 12));
        x->followup_weeks = stmt_null(s, 13) ? 0 : (int)stmt_int(s, 13);
        x->evaluators = stmt_null(s, 14) ? NULL : arena_strdup(a, stmt_text(s, 14));
    }
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

int learning_insert_only(store *db, const learning_record *r, int64_t employee_row,
                         int64_t activity_row)
{
    stmt *s = store_prepare(db, "INSERT INTO learning_records(employee_id, activity_id, title, "
                                "own_type, type, start_date, end_date, hours, working_time, cost, "
                                "subsidy, training_leave, result) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    bind_optional_int(s, 2, activity_row > 0 ? activity_row : -1);
    stmt_bind_text(s, 3, r->title && *r->title ? r->title : NULL);
    if (r->own_type >= 0)
        stmt_bind_text(s, 4, vocab_name(&vocab_type, r->own_type));
    stmt_bind_text(s, 5, vocab_name(&vocab_type, r->type));
    stmt_bind_date(s, 6, r->start_date);
    stmt_bind_date(s, 7, r->end_date);
    stmt_bind_int(s, 8, r->hours);
    bind_optional_int(s, 9, r->working_time);
    stmt_bind_int(s, 10, r->cost);
    stmt_bind_int(s, 11, r->subsidy);
    stmt_bind_int(s, 12, r->training_leave);
    stmt_bind_text(s, 13, vocab_name(&vocab_result, r->result));
    return stmt_exec_bulk(s); /* a plain stmt_exec outside a bulk load */
}

void learning_totals_of(const learning_record *r, learning_total *t)
{
    t->records = 1;
    t->hours = r->hours;
    t->cost = r->cost;
    t->subsidy = r->subsidy;
    t->right_hours = right_counts(r->type, r->training_leave) ? r->hours : 0;
}

int learning_totals_add(store *db, int64_t employee_row, int year, int type,
                        const learning_total *t, int sign)
{
    stmt *s = store_prepare(db, "INSERT INTO learning_totals(employee_id, year, type, records, "
                                "hours, cost, subsidy, right_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (year, employee_id, type) DO UPDATE SET "
                                "records = learning_totals.records + excluded.records, "
                                "hours = learning_totals.hours + excluded.hours, "
                                "cost = learning_totals.cost + excluded.cost, "
                                "subsidy = learning_totals.subsidy + excluded.subsidy, "
                                "right_hours = learning_totals.right_hours + "
                                "excluded.right_hours");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, year);
    stmt_bind_int(s, 3, type);
    stmt_bind_int(s, 4, sign * t->records);
    stmt_bind_int(s, 5, sign * t->hours);
    stmt_bind_int(s, 6, sign * t->cost);
    stmt_bind_int(s, 7, sign * t->subsidy);
    stmt_bind_int(s, 8, sign * t->right_hours);
    int rc = sign > 0 ? stmt_exec_bulk(s) : stmt_exec(s);
    if (rc != STORE_OK || sign > 0)
        return rc;
    /* A sum that no record feeds any more goes. */
    s = store_prepare(db, "DELETE FROM learning_totals WHERE year = ? AND employee_id = ? AND "
                          "type = ? AND records <= 0");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    stmt_bind_int(s, 2, employee_row);
    stmt_bind_int(s, 3, type);
    return stmt_exec(s);
}

/* The rebuild sums in SQL what learning_totals_of() sums per record; its
 * right_hours CASE is core's right_counts() (rule 2, "what counts as used")
 * written in SQL: keep the two the same. The integration test
 * test_delete_and_rebuild_change_the_figures_exactly compares the rebuilt
 * totals with the maintained ones. */
int learning_totals_rebuild(store *db)
{
    stmt *s = store_prepare(db, "DELETE FROM learning_totals");
    if (!s || stmt_exec(s) != STORE_OK)
        return STORE_ERROR;
    s = store_prepare(db, "INSERT INTO learning_totals(employee_id, year, type, records, hours, "
                          "cost, subsidy, right_hours) SELECT employee_id, "
                          "CAST(substr(start_date, 1, 4) AS INTEGER), CASE type WHEN 'formal' "
                          "THEN 0 WHEN 'informal' THEN 1 ELSE 2 END, count(*), sum(hours), "
                          "sum(cost), sum(subsidy), "
                          /* right_counts(type, training_leave) */
                          "sum(CASE WHEN type <> 'initial' AND training_leave = 0 "
                          "THEN hours ELSE 0 END) FROM learning_records "
                          "GROUP BY 1, 2, 3");
    return s ? stmt_exec(s) : STORE_ERROR;
}

int learning_totals_empty(store *db)
{
    int64_t any = store_count(db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM learning_totals) "
                                  "THEN 1 ELSE 0 END");
    return any < 0 ? -1 : any == 0;
}

int learning_totals_insert(store *db, int64_t employee_row, int year, int type,
                           const learning_total *t)
{
    stmt *s = store_prepare(db, "INSERT INTO learning_totals(employee_id, year, type, records, "
                                "hours, cost, subsidy, right_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, year);
    stmt_bind_int(s, 3, type);
    stmt_bind_int(s, 4, t->records);
    stmt_bind_int(s, 5, t->hours);
    stmt_bind_int(s, 6, t->cost);
    stmt_bind_int(s, 7, t->subsidy);
    stmt_bind_int(s, 8, t->right_hours);
    return stmt_exec_bulk(s);
}

int learning_insert(store *db, const learning_record *r, int64_t employee_row,
                    int64_t activity_row)
{
    int rc = learning_insert_only(db, r, employee_row, activity_row);
    if (rc != STORE_OK)
        return rc;
    /* learning_totals has no rowid, so store_last_id() still names the record. */
    learning_total t;
    learning_totals_of(r, &t);
    rc = learning_totals_add(db, employee_row, date_year(r->start_date), r->type, &t, 1);
    return rc == STORE_OK ? cert_records_add(db, employee_row, activity_row, r->result,
                                             r->start_date, r->end_date)
                          : rc;
}

int64_t learning_count(store *db)
{
    return store_count(db, "SELECT count(*) FROM learning_records");
}

#define RECORD_FIELDS                                                                 \
    "r.id, e.employee_id, a.code, r.title, a.title, r.own_type, r.type, r.start_date, "   \
    "r.end_date, r.hours, r.working_time, r.cost, r.subsidy, r.training_leave, r.result "
#define RECORD_FROM                                                                   \
    "FROM learning_records r JOIN employees e ON e.id = r.employee_id "                    \
    "LEFT JOIN activities a ON a.id = r.activity_id "
#define RECORD_COLS RECORD_FIELDS RECORD_FROM

/* Reads the RECORD_COLS of S into the learning_record ITEM, strings in A;
 * false when out of memory (a row_reader). */
static bool read_record(stmt *s, arena *a, void *item)
{
    learning_record *r = item;
    const char *t = stmt_text(s, 6), *res = stmt_text(s, 14);
    r->id = stmt_int(s, 0);
    r->employee_id = arena_strdup(a, stmt_text(s, 1));
    r->activity_code = stmt_text_copy(s, 2, a);
    r->title = stmt_text_copy(s, 3, a);
    r->activity_title = stmt_text_copy(s, 4, a);
    r->own_type = stmt_vocab(s, 5, &vocab_type);
    r->type = vocab_find(&vocab_type, t, strlen(t));
    r->start_date = stmt_date(s, 7);
    r->end_date = stmt_date(s, 8);
    r->hours = stmt_int(s, 9);
    r->working_time = stmt_null(s, 10) ? -1 : (int)stmt_int(s, 10);
    r->cost = stmt_int(s, 11);
    r->subsidy = stmt_int(s, 12);
    r->training_leave = (int)stmt_int(s, 13);
    r->result = vocab_find(&vocab_result, res, strlen(res));
    return r->employee_id != NULL;
}

int learning_of(store *db, arena *a, int64_t employee_row, learning_record **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT " RECORD_COLS
                                "WHERE r.employee_id = ? ORDER BY r.start_date DESC, r.id DESC");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    return stmt_collect(s, a, out, n, sizeof **out, read_record);
}

#define LEARNING_TEAM                                                                     \
    "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE manager_id = ?2 UNION "   \
    "SELECT x.id FROM employees x JOIN team t ON x.manager_id = t.id) "
#define LEARNING_WHERE                                                                    \
    "WHERE (?1 = 0 OR r.employee_id = ?1) AND (?2 = 0 OR r.employee_id = ?2 OR "           \
    "r.employee_id IN (SELECT id FROM team)) AND (?3 = 0 OR (r.employee_id IN "            \
    "(SELECT employee_id FROM learning_totals WHERE year = ?3) AND r.start_date >= ?4 AND " \
    "r.start_date <= ?5)) "

static void bind_learning_query(stmt *s, const learning_query *q)
{
    stmt_bind_int(s, 1, q->employee_row);
    stmt_bind_int(s, 2, q->team_of);
    stmt_bind_int(s, 3, q->year);
    stmt_bind_date(s, 4, q->year ? date_from_ymd(q->year, 1, 1) : DATE_NONE);
    stmt_bind_date(s, 5, q->year ? date_from_ymd(q->year, 12, 31) : DATE_NONE);
}

int learning_list(store *db, arena *a, const learning_query *q, learning_record **out,
                  size_t *n, size_t *total)
{
    *out = NULL;
    *n = *total = 0;
    stmt *s = store_prepare(db, LEARNING_TEAM "SELECT count(*) FROM learning_records r "
                                LEARNING_WHERE);
    if (!s)
        return STORE_ERROR;
    bind_learning_query(s, q);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *total = (size_t)stmt_int(s, 0);
    stmt_done(s);
    if (q->offset < 0)
        return STORE_OK; /* no such page */
    s = store_prepare(db, LEARNING_TEAM "SELECT " RECORD_COLS LEARNING_WHERE
                          "ORDER BY r.start_date DESC, r.id DESC LIMIT ?6 OFFSET ?7");
    if (!s)
        return STORE_ERROR;
    bind_learning_query(s, q);
    stmt_bind_int(s, 6, q->limit > 0 ? q->limit : INT64_MAX); /* all: -1 is SQLite-only */
    stmt_bind_int(s, 7, q->offset);
    return stmt_collect(s, a, out, n, sizeof **out, read_record);
}

int learning_get(store *db, arena *a, int64_t id, learning_record *r, int64_t *employee_row)
{
    stmt *s = store_prepare(db, "SELECT " RECORD_FIELDS ", r.employee_id " RECORD_FROM
                                "WHERE r.id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        if (!read_record(s, a, r))
            rc = STORE_ERROR;
        *employee_row = stmt_int(s, 15);
        stmt_done(s);
    }
    return rc;
}

int learning_delete(store *db, int64_t id)
{
    arena a = ARENA_INIT;
    learning_record r;
    int64_t row;
    int rc = learning_get(db, &a, id, &r, &row);
    stmt *s = rc == STORE_ROW ? store_prepare(db, "DELETE FROM learning_records WHERE id = ?")
                              : NULL;
    if (s) {
        stmt_bind_int(s, 1, id);
        rc = stmt_exec(s);
        learning_total t;
        learning_totals_of(&r, &t);
        if (rc == STORE_OK)
            rc = learning_totals_add(db, row, date_year(r.start_date), r.type, &t, -1);
        if (rc == STORE_OK)
            rc = cert_records_refresh_employee(db, row);
    } else if (rc != STORE_DONE) {
        rc = STORE_ERROR;
    } else {
        rc = STORE_OK; /* nothing to delete */
    }
    arena_free(&a);
    return rc;
}

/* An issued badge rests on a record when it was issued for the logged
 * learning that became the record, or for a certification that no other
 * completed record of that activity supports. */
#define BADGES_ON_RECORD                                                                  \
    "SELECT count(*) FROM badges b WHERE b.revoked_at IS NULL AND ((b.source_kind = "      \
    "'claim' AND coalesce(b.source_id, b.claim_id) IN (SELECT id FROM learning_claims "    \
    "WHERE record_id = ?1)) OR (b.source_kind = 'certification' AND EXISTS (SELECT 1 "     \
    "FROM learning_records r WHERE r.id = ?1 AND r.employee_id = b.employee_id AND "       \
    "r.activity_id = b.source_id AND r.result = 'completed' AND NOT EXISTS (SELECT 1 "     \
    "FROM learning_records o WHERE o.employee_id = r.employee_id AND o.activity_id = "     \
    "r.activity_id AND o.result = 'completed' AND o.id <> r.id))))"

int learning_ties_of(store *db, int64_t id, learning_ties *t)
{
    t->badges = store_int_by_id(db, BADGES_ON_RECORD, id);
    t->claims_filed = store_int_by_id(db, "SELECT count(*) FROM incentive_claims WHERE "
                                          "record_id = ? AND status IN ('filed', 'paid')", id);
    t->claims_to_file = store_int_by_id(db, "SELECT count(*) FROM incentive_claims WHERE "
                                            "record_id = ? AND status = 'to_file'", id);
    t->evaluation = store_int_by_id(
        db, "SELECT (SELECT count(*) FROM eval_answers WHERE record_id = ?1) + "
            "(SELECT count(*) FROM eval_comments WHERE record_id = ?1) + "
            "(SELECT count(*) FROM learning_tests WHERE record_id = ?1) + "
            "(SELECT count(*) FROM followups WHERE record_id = ?1)", id);
    t->logged = store_int_by_id(db, "SELECT count(*) FROM learning_claims WHERE "
                                    "record_id = ? AND status = 'confirmed'", id);
    t->history = store_int_by_id(
        db, "SELECT (SELECT count(*) FROM learning_claims WHERE record_id = ?1 AND "
            "status <> 'confirmed') + "
            "(SELECT count(*) FROM enrolments WHERE record_id = ?1) + "
            "(SELECT count(*) FROM onboarding_modules WHERE record_id = ?1) + "
            "(SELECT count(*) FROM community_attendance WHERE record_id = ?1) + "
            "(SELECT count(*) FROM job_rotations WHERE record_id = ?1) + "
            "(SELECT count(*) FROM incentive_claims WHERE record_id = ?1 AND "
            "status = 'refused')", id);
    return t->badges < 0 || t->claims_filed < 0 || t->claims_to_file < 0 ||
                   t->evaluation < 0 || t->logged < 0 || t->history < 0
               ? STORE_ERROR
               : STORE_OK;
}

/* What points at record ID lets go of it, as learning_ties counts it (and
 * let_go_of_year does for a year's records): its evaluation and an unfiled
 * claim go; the history stays without it. STORE_OK or the failure. The
 * tables are those learning_move_ties names: a new one goes in both. */
static int let_go_of_record(store *db, int64_t id)
{
    static const char *const let_go[] = {
        "DELETE FROM eval_answers WHERE record_id = ?",
        "DELETE FROM eval_comments WHERE record_id = ?",
        "DELETE FROM learning_tests WHERE record_id = ?",
        "DELETE FROM followups WHERE record_id = ?",
        "DELETE FROM incentive_claims WHERE record_id = ? AND status = 'to_file'",
        "UPDATE incentive_claims SET record_id = NULL WHERE record_id = ?",
        "UPDATE learning_claims SET record_id = NULL WHERE record_id = ?",
        "UPDATE enrolments SET record_id = NULL WHERE record_id = ?",
        "UPDATE onboarding_modules SET record_id = NULL WHERE record_id = ?",
        "UPDATE community_attendance SET record_id = NULL WHERE record_id = ?",
        "UPDATE job_rotations SET record_id = NULL WHERE record_id = ?",
    };
    for (size_t i = 0; i < sizeof let_go / sizeof *let_go; i++) {
        stmt *s = store_prepare(db, let_go[i]);
        if (!s)
            return STORE_ERROR;
        stmt_bind_int(s, 1, id);
        int rc = stmt_exec(s);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

int learning_move_ties(store *db, int64_t from, int64_t to)
{
    static const char *const move[] = {
        "UPDATE eval_answers SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE eval_comments SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE learning_tests SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE followups SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE incentive_claims SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE learning_claims SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE enrolments SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE onboarding_modules SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE community_attendance SET record_id = ?2 WHERE record_id = ?1",
        "UPDATE job_rotations SET record_id = ?2 WHERE record_id = ?1",
    };
    for (size_t i = 0; i < sizeof move / sizeof *move; i++) {
        stmt *s = store_prepare(db, move[i]);
        if (!s)
            return STORE_ERROR;
        stmt_bind_int(s, 1, from);
        stmt_bind_int(s, 2, to);
        int rc = stmt_exec(s);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* The audit image of record R with what went with it (T), in OUT; false
 * when out of memory. */
static bool record_image(const learning_record *r, const learning_ties *t, str *out)
{
    char start[DATE_TEXT_SIZE] = "", end[DATE_TEXT_SIZE] = "";
    date_format(r->start_date, start);
    date_format(r->end_date, end);
    jsonw w;
    jw_init(&w, out, false);
    jw_object(&w);
    jw_key(&w, "employee_id");
    jw_string(&w, r->employee_id);
    jw_key(&w, "activity_code");
    jw_string(&w, r->activity_code);
    jw_key(&w, "title");
    jw_string(&w, r->title ? r->title : r->activity_title);
    jw_key(&w, "type");
    jw_string(&w, vocab_name(&vocab_type, r->type));
    jw_key(&w, "start_date");
    jw_string(&w, start);
    jw_key(&w, "end_date");
    jw_string(&w, *end ? end : NULL);
    jw_key(&w, "hours");
    jw_fraction(&w, r->hours, 100, 2);
    jw_key(&w, "cost");
    jw_fraction(&w, r->cost, 100, 2);
    jw_key(&w, "subsidy");
    jw_fraction(&w, r->subsidy, 100, 2);
    jw_key(&w, "working_time");
    if (r->working_time < 0)
        jw_null(&w);
    else
        jw_bool(&w, r->working_time);
    jw_key(&w, "training_leave");
    jw_bool(&w, r->training_leave);
    jw_key(&w, "result");
    jw_string(&w, vocab_name(&vocab_result, r->result));
    jw_key(&w, "evaluation_deleted");
    jw_int(&w, t->evaluation);
    jw_key(&w, "unfiled_claims_deleted");
    jw_int(&w, t->claims_to_file);
    jw_key(&w, "logged_learning_declined");
    jw_int(&w, t->logged);
    jw_end(&w);
    return jw_finish(&w) && str_ok(out);
}

/* The confirmed logged learning that became record ID is declined by
 * ACTOR, in the caller's transaction, before the record goes: it no longer
 * counts and no badge can be issued for it (a badge already issued and not
 * revoked stops the deletion first: learning_ties_of). Declined, not sent
 * back for confirmation: the record was deleted on purpose, and confirming
 * it again would make it again; the employee can log it anew. One audit
 * line per entry. STORE_OK or the failure. */
static int decline_logged_learning(store *db, const char *actor, int64_t id)
{
    char now[TIME_TEXT_SIZE], why[80];
    time_text(TIME_STAMP, 0, now);
    snprintf(why, sizeof why, "declined: learning record %lld deleted", (long long)id);
    for (;;) { /* one entry at a time, oldest first: usually one */
        int64_t claim = store_int_by_id(db, "SELECT coalesce(min(id), 0) FROM learning_claims "
                                            "WHERE record_id = ? AND status = 'confirmed'", id);
        if (claim <= 0)
            return claim == 0 ? STORE_OK : STORE_ERROR;
        stmt *s = store_prepare(db, "UPDATE learning_claims SET status = 'declined', "
                                    "decided_by = ?, decided_at = ? WHERE id = ?");
        if (!s)
            return STORE_ERROR;
        stmt_bind_text(s, 1, actor);
        stmt_bind_text(s, 2, now);
        stmt_bind_int(s, 3, claim);
        int rc = stmt_exec(s);
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)claim);
        if (rc == STORE_OK)
            rc = audit_write(db, actor, "decline", "learning_claim", key, "confirmed", why);
        if (rc != STORE_OK)
            return rc;
    }
}

int learning_remove(store *db, const char *actor, int64_t id, learning_ties *t)
{
    arena a = ARENA_INIT;
    learning_record r;
    int64_t row;
    str before = STR_INIT;
    int rc = learning_get(db, &a, id, &r, &row);
    if (rc == STORE_ROW)
        rc = learning_ties_of(db, id, t);
    if (rc == STORE_OK && (t->badges > 0 || t->claims_filed > 0))
        rc = STORE_CONSTRAINT; /* nothing written: the caller says why */
    if (rc == STORE_OK)
        rc = record_image(&r, t, &before) ? decline_logged_learning(db, actor, id)
                                          : STORE_ERROR;
    if (rc == STORE_OK)
        rc = let_go_of_record(db, id);
    if (rc == STORE_OK)
        rc = learning_delete(db, id);
    if (rc == STORE_OK) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)id);
        rc = audit_write(db, actor, "delete", "learning_record", key, str_cstr(&before), NULL);
    }
    str_free(&before);
    arena_free(&a);
    return rc;
}

int learning_each(store *db, int year, int (*each)(void *ctx, const learning_record *r),
                  void *ctx)
{
    /* By employee, then date: the order of learning_employee, so no sort; a
     * year's employees come from learning_totals. */
    stmt *s = year ? store_prepare(db, "SELECT " RECORD_COLS "WHERE r.employee_id IN (SELECT "
                                       "employee_id FROM learning_totals WHERE year = ?3) AND "
                                       "r.start_date >= ?1 AND r.start_date <= ?2 "
                                       "ORDER BY r.employee_id, r.start_date, r.id")
                   : store_prepare(db, "SELECT " RECORD_COLS
                                       "ORDER BY r.employee_id, r.start_date, r.id");
    if (!s)
        return STORE_ERROR;
    if (year) {
        stmt_bind_date(s, 1, date_from_ymd(year, 1, 1));
        stmt_bind_date(s, 2, date_from_ymd(year, 12, 31));
        stmt_bind_int(s, 3, year);
    }
    arena a = ARENA_INIT;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        learning_record r;
        arena_reset(&a);
        if (!read_record(s, &a, &r) || each(ctx, &r) != 0) {
            stmt_done(s);
            rc = STORE_ERROR;
            break;
        }
    }
    arena_free(&a);
    return rc == STORE_DONE ? STORE_OK : rc;
}

static bool read_funding(stmt *s, arena *a, void *item)
{
    (void)a;
    const char *t = stmt_text(s, 1);
    *(funding *)item = (funding){(int)stmt_int(s, 0), vocab_find(&vocab_type, t, strlen(t)),
                                 stmt_int(s, 2), stmt_int(s, 3)};
    return true;
}

int funding_list(store *db, arena *a, int year, funding **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT year, type, contributions, subsidies FROM funding "
                                "WHERE ?1 = 0 OR year = ?1 ORDER BY year, type");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    return stmt_collect(s, a, out, n, sizeof **out, read_funding);
}

int funding_upsert(store *db, const funding *f, int *outcome)
{
    stmt *s = store_prepare(db, "SELECT contributions, subsidies FROM funding "
                                "WHERE year = ? AND type = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, f->year);
    stmt_bind_text(s, 2, vocab_name(&vocab_type, f->type));
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        bool same = stmt_int(s, 0) == f->contributions && stmt_int(s, 1) == f->subsidies;
        stmt_done(s);
        *outcome = same ? UPSERT_UNCHANGED : UPSERT_UPDATED;
        if (same)
            return STORE_OK;
    } else if (rc == STORE_DONE) {
        *outcome = UPSERT_CREATED;
    } else {
        return rc;
    }
    s = store_prepare(db, "INSERT INTO funding(year, type, contributions, subsidies) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT (year, type) DO UPDATE SET "
                          "contributions = excluded.contributions, "
                          "subsidies = excluded.subsidies");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, f->year);
    stmt_bind_text(s, 2, vocab_name(&vocab_type, f->type));
    stmt_bind_int(s, 3, f->contributions);
    stmt_bind_int(s, 4, f->subsidies);
    return stmt_exec(s);
}

/* What points at a record of the year (?1 to ?2) lets go of it before the
 * records go: as the schema's foreign keys say (an evaluation goes with its
 * record; an incentive claim keeps its history without it), and the same
 * for the history that points at records without saying (a confirmed claim,
 * an enrolment, an onboarding module, a meeting's attendance, a rotation:
 * they stay, without their record). Written out, because a bulk load checks
 * no foreign key on SQLite and checks them once at the end on PostgreSQL
 * (store_deleting_many). */
static int let_go_of_year(store *db, int year)
{
#define OF_YEAR(t) " WHERE EXISTS (SELECT 1 FROM learning_records r WHERE r.id = " t \
                   ".record_id AND r.start_date >= ?1 AND r.start_date <= ?2)"
    static const char *const let_go[] = {
        "DELETE FROM eval_answers" OF_YEAR("eval_answers"),
        "DELETE FROM eval_comments" OF_YEAR("eval_comments"),
        "DELETE FROM learning_tests" OF_YEAR("learning_tests"),
        "DELETE FROM followups" OF_YEAR("followups"),
        "UPDATE incentive_claims SET record_id = NULL" OF_YEAR("incentive_claims"),
        "UPDATE learning_claims SET record_id = NULL" OF_YEAR("learning_claims"),
        "UPDATE enrolments SET record_id = NULL" OF_YEAR("enrolments"),
        "UPDATE onboarding_modules SET record_id = NULL" OF_YEAR("onboarding_modules"),
        "UPDATE community_attendance SET record_id = NULL" OF_YEAR("community_attendance"),
        "UPDATE job_rotations SET record_id = NULL" OF_YEAR("job_rotations"),
    };
#undef OF_YEAR
    for (size_t i = 0; i < sizeof let_go / sizeof *let_go; i++) {
        stmt *s = store_prepare(db, let_go[i]);
        if (!s)
            return STORE_ERROR;
        stmt_bind_date(s, 1, date_from_ymd(year, 1, 1));
        stmt_bind_date(s, 2, date_from_ymd(year, 12, 31));
        int rc = stmt_exec(s);
        if (rc != STORE_OK)
            return rc;
    }
    return store_deleting_many(db, "learning_records");
}

int learning_delete_year(store *db, int year, int64_t *deleted)
{
    int rc = let_go_of_year(db, year);
    if (rc != STORE_OK)
        return rc;
    stmt *s = store_prepare(db, "DELETE FROM learning_records WHERE employee_id IN (SELECT "
                                "employee_id FROM learning_totals WHERE year = ?3) AND "
                                "start_date >= ?1 AND start_date <= ?2");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, date_from_ymd(year, 1, 1));
    stmt_bind_date(s, 2, date_from_ymd(year, 12, 31));
    stmt_bind_int(s, 3, year);
    rc = stmt_exec(s);
    *deleted = rc == STORE_OK ? store_changes(db) : 0;
    if (rc == STORE_OK)
        rc = cert_records_refresh_year(db, year); /* while learning_totals names them */
    if (rc != STORE_OK || !(s = store_prepare(db, "DELETE FROM learning_totals WHERE year = ?")))
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    return stmt_exec(s);
}

int64_t learning_count_year(store *db, int year)
{
    return store_int_by_id(db, "SELECT coalesce(sum(records), 0) FROM learning_totals "
                               "WHERE year = ?", year);
}

int activities_each_brief(store *db, int (*each)(void *, const char *, int64_t, int), void *ctx)
{
    stmt *s = store_prepare(db, "SELECT code, id, type FROM activities");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        const char *t = stmt_text(s, 2);
        if (each(ctx, stmt_text(s, 0), stmt_int(s, 1), vocab_find(&vocab_type, t, strlen(t)))) {
            stmt_done(s);
            return STORE_ERROR;
        }
    }
    return rc == STORE_DONE ? STORE_OK : rc;
}

int learning_add_subsidy(store *db, int64_t id, int64_t amount)
{
    arena a = ARENA_INIT;
    learning_record r;
    int64_t row;
    int rc = learning_get(db, &a, id, &r, &row);
    arena_free(&a);
    if (rc != STORE_ROW)
        return rc;
    stmt *s = store_prepare(db, "UPDATE learning_records SET subsidy = subsidy + ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, amount);
    stmt_bind_int(s, 2, id);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    /* The yearly sums move by the same amount, records unchanged. */
    learning_total t = {0, 0, 0, amount, 0};
    return learning_totals_add(db, row, date_year(r.start_date), r.type, &t, 1);
}
