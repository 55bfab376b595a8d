/* incentives.c (store) - see incentives.h. */
#include "store/incentives.h"
#include "store/orgs.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The integer in column COL, -1 when it is SQL NULL (an absent figure). */
static int64_t int_or_absent(stmt *s, int col)
{
    return stmt_null(s, col) ? -1 : stmt_int(s, col);
}

/* Binds V, or NULL when it is -1 (absent). */
static void bind_figure(stmt *s, int idx, int64_t v)
{
    if (v < 0)
        stmt_bind_null(s, idx);
    else
        stmt_bind_int(s, idx, v);
}

static bool read_params(stmt *s, arena *a, void *item)
{
    (void)a;
    incentive_params *p = item;
    p->id = stmt_int(s, 0);
    p->valid_from = stmt_date(s, 1);
    p->valid_to = stmt_date(s, 2);
    p->rate_per_hour = int_or_absent(s, 3);
    p->share = int_or_absent(s, 4);
    p->share_medium = int_or_absent(s, 5);
    p->cap_hours = int_or_absent(s, 6);
    p->cap_amount = int_or_absent(s, 7);
    p->min_hours = int_or_absent(s, 8);
    p->min_occupation = int_or_absent(s, 9);
    p->file_within_days = int_or_absent(s, 10);
    return true;
}

/* The parameters of scheme SCHEME_ID by valid_from, in A. */
static int params_of(store *db, arena *a, int64_t scheme_id, incentive_params **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT id, valid_from, valid_to, rate_per_hour, share, "
                                "share_medium, cap_hours, cap_amount, min_hours, min_occupation, "
                                "file_within_days FROM incentive_parameters WHERE scheme_id = ? "
                                "ORDER BY valid_from, id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, scheme_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_params);
}

static bool read_scheme(stmt *s, arena *a, void *item)
{
    incentive_scheme *x = item;
    x->id = stmt_int(s, 0);
    x->code = arena_strdup(a, stmt_text(s, 1));
    x->name = arena_strdup(a, stmt_text(s, 2));
    x->kind = stmt_vocab(s, 3, &vocab_incentive_kind);
    x->period = stmt_vocab(s, 4, &vocab_incentive_period);
    x->per_employee = (int)stmt_int(s, 5);
    x->params = NULL;
    x->nparams = 0;
    return x->code && x->name;
}

int incentive_schemes_load(store *db, arena *a, incentive_scheme **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT id, code, name, kind, period, per_employee "
                                "FROM incentive_schemes ORDER BY code");
    if (!s)
        return STORE_ERROR;
    int rc = stmt_collect(s, a, out, n, sizeof **out, read_scheme);
    for (size_t i = 0; rc == STORE_OK && i < *n; i++) {
        incentive_params *p;
        rc = params_of(db, a, (*out)[i].id, &p, &(*out)[i].nparams);
        (*out)[i].params = p;
    }
    return rc;
}

int incentive_scheme_add(store *db, const char *actor, const char *code, const char *name,
                         int kind, int period, int per_employee)
{
    stmt *s = store_prepare(db, "INSERT INTO incentive_schemes(code, name, kind, period, "
                                "per_employee) VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, code);
    stmt_bind_text(s, 2, name);
    stmt_bind_text(s, 3, vocab_name(&vocab_incentive_kind, kind));
    stmt_bind_text(s, 4, vocab_name(&vocab_incentive_period, period));
    stmt_bind_int(s, 5, per_employee ? 1 : 0);
    int rc = stmt_exec(s);
    return rc == STORE_OK ? audit_write(db, actor, "create", "incentive_scheme", code, NULL, name)
                          : rc;
}

int incentive_params_add(store *db, const char *actor, int64_t scheme_id,
                         const incentive_params *p, int *problem, date_t *with)
{
    arena a = ARENA_INIT;
    incentive_params *existing;
    size_t n;
    int closes = -1, overlap = -1;
    *with = DATE_NONE;
    int rc = params_of(db, &a, scheme_id, &existing, &n);
    if (rc == STORE_OK) {
        *problem = incentive_params_check(existing, n, p, &closes, &overlap);
        if (*problem != PARAMS_OK) {
            if (overlap >= 0)
                *with = existing[overlap].valid_from;
            rc = STORE_CONSTRAINT;
        }
    }
    stmt *s;
    if (rc == STORE_OK && closes >= 0) {
        /* POLICY_PARAMS_CLOSE_OPEN: the open set ends the day before. */
        if (!(s = store_prepare(db, "UPDATE incentive_parameters SET valid_to = ? WHERE id = ?")))
            rc = STORE_ERROR;
        else {
            stmt_bind_date(s, 1, p->valid_from - 1);
            stmt_bind_int(s, 2, existing[closes].id);
            rc = stmt_exec(s);
        }
    }
    arena_free(&a);
    if (rc != STORE_OK)
        return rc;
    s = store_prepare(db, "INSERT INTO incentive_parameters(scheme_id, valid_from, valid_to, "
                          "rate_per_hour, share, share_medium, cap_hours, cap_amount, min_hours, "
                          "min_occupation, file_within_days) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, scheme_id);
    stmt_bind_date(s, 2, p->valid_from);
    stmt_bind_date(s, 3, p->valid_to);
    bind_figure(s, 4, p->rate_per_hour);
    bind_figure(s, 5, p->share);
    bind_figure(s, 6, p->share_medium);
    bind_figure(s, 7, p->cap_hours);
    bind_figure(s, 8, p->cap_amount);
    bind_figure(s, 9, p->min_hours);
    bind_figure(s, 10, p->min_occupation);
    bind_figure(s, 11, p->file_within_days);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    char key[32], from[DATE_TEXT_SIZE];
    snprintf(key, sizeof key, "%lld", (long long)scheme_id);
    date_format(p->valid_from, from);
    return audit_write(db, actor, "create", "incentive_parameters", key, NULL, from);
}

static bool read_leave_row(stmt *s, arena *a, void *item)
{
    leave_row *r = item;
    r->record_id = stmt_int(s, 0);
    r->employee_row = stmt_int(s, 1);
    r->employee_id = arena_strdup(a, stmt_text(s, 2));
    r->name = arena_strdup(a, stmt_text(s, 3));
    r->fte = stmt_int(s, 4);
    r->start_date = stmt_date(s, 5);
    r->hours = stmt_int(s, 6);
    r->title = arena_strdup(a, stmt_text(s, 7));
    r->cost = stmt_int(s, 8);
    return r->employee_id && r->name && r->title;
}

int leave_rows(store *db, arena *a, date_t from, date_t to, leave_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* A school year spans two calendar years: its employees come from
     * learning_totals of both, then the index on (employee_id, start_date).
     * Only employees with training leave: in a total of formal or informal
     * learning, hours above right_hours are training-leave hours (core's
     * right_counts(): those types count unless taken as training leave). */
    stmt *s = store_prepare(db, "SELECT r.id, e.id, e.employee_id, e.first_name || ' ' || "
                                "e.last_name, e.fte, r.start_date, r.hours, "
                                "coalesce(r.title, a.title, ''), r.cost FROM learning_records r "
                                "JOIN employees e ON e.id = r.employee_id "
                                "LEFT JOIN activities a ON a.id = r.activity_id "
                                "WHERE r.employee_id IN (SELECT employee_id FROM learning_totals "
                                "WHERE (year = ?3 OR year = ?4) AND type < 2 AND "
                                "hours > right_hours) AND r.start_date >= ?1 AND "
                                "r.start_date <= ?2 AND r.training_leave = 1 "
                                "ORDER BY e.employee_id, r.start_date, r.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, from);
    stmt_bind_date(s, 2, to);
    stmt_bind_int(s, 3, date_year(from));
    stmt_bind_int(s, 4, date_year(to));
    return stmt_collect(s, a, out, n, sizeof **out, read_leave_row);
}

int claimable_rows(store *db, arena *a, int64_t scheme_id, date_t from, date_t to, int limit,
                   leave_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* The ids first (sorted and cut to LIMIT), then their columns: joining
     * every candidate before the sort cost three times as much. */
    stmt *s = store_prepare(db, "SELECT r.id, e.id, e.employee_id, e.first_name || ' ' || "
                                "e.last_name, e.fte, r.start_date, r.hours, "
                                "coalesce(r.title, a.title, ''), r.cost FROM (SELECT x.id FROM "
                                "learning_records x WHERE x.employee_id IN (SELECT employee_id "
                                "FROM learning_totals WHERE (year = ?3 OR year = ?4) AND "
                                "cost > 0) AND x.start_date >= ?1 AND x.start_date <= ?2 AND "
                                "x.cost > 0 AND NOT EXISTS (SELECT 1 FROM incentive_claims c "
                                "WHERE c.record_id = x.id AND c.scheme_id = ?5 AND "
                                "c.status <> 'refused') ORDER BY x.start_date DESC, x.id DESC "
                                "LIMIT ?6) k JOIN learning_records r ON r.id = k.id "
                                "JOIN employees e ON e.id = r.employee_id "
                                "LEFT JOIN activities a ON a.id = r.activity_id "
                                "ORDER BY r.start_date DESC, r.id DESC");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, from);
    stmt_bind_date(s, 2, to);
    stmt_bind_int(s, 3, date_year(from));
    stmt_bind_int(s, 4, date_year(to));
    stmt_bind_int(s, 5, scheme_id);
    stmt_bind_int(s, 6, limit);
    return stmt_collect(s, a, out, n, sizeof **out, read_leave_row);
}

#define CLAIM_COLS                                                                            \
    "SELECT c.id, c.scheme_id, s.code, s.name, s.kind, coalesce(c.employee_id, 0), "          \
    "e.employee_id, e.first_name || ' ' || e.last_name, coalesce(c.record_id, 0), "           \
    "coalesce(r.title, a.title), r.start_date, coalesce(r.cost, 0), coalesce(r.hours, 0), "   \
    "c.period_year, c.hours, c.amount, c.status, c.filed_on, c.decided_on, c.paid_amount, "  \
    "c.reference FROM incentive_claims c JOIN incentive_schemes s ON s.id = c.scheme_id "    \
    "LEFT JOIN employees e ON e.id = c.employee_id "                                          \
    "LEFT JOIN learning_records r ON r.id = c.record_id "                                     \
    "LEFT JOIN activities a ON a.id = r.activity_id "

static bool read_claim(stmt *s, arena *a, void *item)
{
    incentive_claim *c = item;
    c->id = stmt_int(s, 0);
    c->scheme_id = stmt_int(s, 1);
    c->scheme_code = arena_strdup(a, stmt_text(s, 2));
    c->scheme_name = arena_strdup(a, stmt_text(s, 3));
    c->kind = stmt_vocab(s, 4, &vocab_incentive_kind);
    c->employee_row = stmt_int(s, 5);
    c->employee_id = stmt_text_copy(s, 6, a);
    c->employee_name = stmt_text_copy(s, 7, a);
    c->record_id = stmt_int(s, 8);
    c->record_title = stmt_text_copy(s, 9, a);
    c->record_start = stmt_date(s, 10);
    c->record_cost = stmt_int(s, 11);
    c->record_hours = stmt_int(s, 12);
    c->period_year = (int)stmt_int(s, 13);
    c->hours = stmt_int(s, 14);
    c->amount = stmt_int(s, 15);
    c->status = stmt_vocab(s, 16, &vocab_claim_status);
    c->filed_on = stmt_date(s, 17);
    c->decided_on = stmt_date(s, 18);
    c->paid_amount = int_or_absent(s, 19);
    c->reference = stmt_text_copy(s, 20, a);
    return c->scheme_code && c->scheme_name;
}

int incentive_claims_list(store *db, arena *a, int period_year, incentive_claim **out,
                          size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, CLAIM_COLS "WHERE ?1 = 0 OR c.period_year = ?1 "
                                           "ORDER BY s.code, e.employee_id, c.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, period_year);
    return stmt_collect(s, a, out, n, sizeof **out, read_claim);
}

int incentive_claim_get(store *db, arena *a, int64_t id, incentive_claim *c)
{
    stmt *s = store_prepare(db, CLAIM_COLS "WHERE c.id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        if (!read_claim(s, a, c))
            rc = STORE_ERROR;
        stmt_done(s);
    }
    return rc;
}

int incentive_claims_used(store *db, int64_t scheme_id, int period_year, int64_t employee_row,
                          int64_t except, int64_t *used)
{
    stmt *s = store_prepare(db, "SELECT coalesce(sum(CASE WHEN status = 'paid' THEN "
                                "coalesce(paid_amount, 0) ELSE amount END), 0) "
                                "FROM incentive_claims WHERE scheme_id = ? AND period_year = ? "
                                "AND status <> 'refused' AND (? = 0 OR employee_id = ?) AND "
                                "id <> ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, scheme_id);
    stmt_bind_int(s, 2, period_year);
    stmt_bind_int(s, 3, employee_row);
    stmt_bind_int(s, 4, employee_row);
    stmt_bind_int(s, 5, except);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *used = stmt_int(s, 0);
    stmt_done(s);
    return STORE_OK;
}

int incentive_claim_add(store *db, const char *actor, incentive_claim *c)
{
    stmt *s = store_prepare(db, "INSERT INTO incentive_claims(scheme_id, employee_id, record_id, "
                                "period_year, hours, amount, status, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, 'to_file', ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, c->scheme_id);
    bind_figure(s, 2, c->employee_row > 0 ? c->employee_row : -1);
    bind_figure(s, 3, c->record_id > 0 ? c->record_id : -1);
    stmt_bind_int(s, 4, c->period_year);
    stmt_bind_int(s, 5, c->hours);
    stmt_bind_int(s, 6, c->amount);
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 7, now);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    c->id = store_last_id(db);
    c->status = CLAIM_TO_FILE;
    char key[32], after[64];
    snprintf(key, sizeof key, "%lld", (long long)c->id);
    snprintf(after, sizeof after, "{\"amount\":%lld}", (long long)c->amount);
    return audit_write(db, actor, "create", "incentive_claim", key, NULL, after);
}

int incentive_claim_move(store *db, const char *actor, int64_t id, int to, date_t on,
                         int64_t paid, const char *reference)
{
    arena a = ARENA_INIT;
    incentive_claim c;
    int rc = incentive_claim_get(db, &a, id, &c);
    if (rc == STORE_ROW && !claim_can_move(c.status, to))
        rc = STORE_CONSTRAINT;
    int from = c.status;
    int64_t record = c.record_id;
    arena_free(&a);
    if (rc != STORE_ROW)
        return rc;
    stmt *s = to == CLAIM_FILED
        ? store_prepare(db, "UPDATE incentive_claims SET status = ?, filed_on = ?, "
                            "reference = coalesce(?, reference) WHERE id = ?")
        : store_prepare(db, "UPDATE incentive_claims SET status = ?, decided_on = ?, "
                            "reference = coalesce(?, reference), paid_amount = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, vocab_name(&vocab_claim_status, to));
    stmt_bind_date(s, 2, on);
    stmt_bind_text(s, 3, reference && *reference ? reference : NULL);
    if (to == CLAIM_FILED) {
        stmt_bind_int(s, 4, id);
    } else {
        bind_figure(s, 4, to == CLAIM_PAID ? paid : -1);
        stmt_bind_int(s, 5, id);
    }
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    if (to == CLAIM_PAID && record > 0 && paid > 0 &&
        (rc = learning_add_subsidy(db, record, paid)) != STORE_OK)
        return rc;
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return audit_write(db, actor, "update", "incentive_claim", key,
                       vocab_name(&vocab_claim_status, from),
                       vocab_name(&vocab_claim_status, to));
}

/* ---- signing keys and badges ---- */

/* Writes the N bytes at BIN as lowercase hex into HEX (2N + 1). */
static void to_hex(char *hex, size_t size, const unsigned char *bin, size_t n)
{
    sodium_bin2hex(hex, size, bin, n);
}

int signing_key_current(store *db, int64_t *id, char *public_hex, char *secret_hex)
{
    stmt *s = store_prepare(db, "SELECT id, public_key, secret_key FROM signing_keys "
                                "ORDER BY id DESC LIMIT 1");
    if (!s)
        return STORE_ERROR;
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        *id = stmt_int(s, 0);
        bool fits = copy_text(public_hex, 2 * crypto_sign_PUBLICKEYBYTES + 1, stmt_text(s, 1)) &&
                    copy_text(secret_hex, 2 * crypto_sign_SECRETKEYBYTES + 1, stmt_text(s, 2));
        stmt_done(s);
        return fits ? STORE_OK : STORE_ERROR;
    }
    if (rc != STORE_DONE)
        return STORE_ERROR;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    to_hex(public_hex, 2 * sizeof pk + 1, pk, sizeof pk);
    to_hex(secret_hex, 2 * sizeof sk + 1, sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    if (!(s = store_prepare(db, "INSERT INTO signing_keys(public_key, secret_key, created_at) "
                                "VALUES (?, ?, ?)")))
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, public_hex);
    stmt_bind_text(s, 2, secret_hex);
    stmt_bind_text(s, 3, now);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    *id = store_last_id(db);
    return audit_write(db, "groeipad", "create", "signing_key", public_hex, NULL, NULL);
}

int signing_key_public(store *db, int64_t id, char *public_hex)
{
    stmt *s = store_prepare(db, "SELECT public_key FROM signing_keys WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        bool fits = copy_text(public_hex, 2 * crypto_sign_PUBLICKEYBYTES + 1, stmt_text(s, 0));
        stmt_done(s);
        return fits ? STORE_ROW : STORE_ERROR;
    }
    return rc;
}

int badge_add(store *db, const char *actor, badge *b)
{
    stmt *s = store_prepare(db, "INSERT INTO badges(public_id, employee_id, claim_id, title, "
                                "jwt, key_id, issued_at, source_kind, source_id) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, b->public_id);
    stmt_bind_int(s, 2, b->employee_row);
    bind_figure(s, 3, b->claim_id > 0 ? b->claim_id : -1);
    stmt_bind_text(s, 4, b->title);
    stmt_bind_text(s, 5, b->jwt);
    stmt_bind_int(s, 6, b->key_id);
    stmt_bind_text(s, 7, b->issued_at);
    stmt_bind_text(s, 8, b->source_kind ? b->source_kind : "claim");
    bind_figure(s, 9, b->source_kind ? b->source_id : (b->claim_id > 0 ? b->claim_id : -1));
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    b->id = store_last_id(db);
    rc = orgs_keep_address(db, "badge", NULL, b->public_id); /* the site finds it by its id */
    return rc != STORE_OK ? rc
                          : audit_write(db, actor, "create", "badge", b->public_id, NULL, b->title);
}

#define BADGE_COLS                                                                        \
    "SELECT b.id, b.public_id, b.employee_id, e.employee_id, e.first_name || ' ' || "     \
    "e.last_name, coalesce(b.claim_id, 0), b.title, b.jwt, b.issued_at, b.revoked_at, "    \
    "b.key_id, b.source_kind, coalesce(b.source_id, 0) "                                 \
    "FROM badges b JOIN employees e ON e.id = b.employee_id "

static bool read_badge(stmt *s, arena *a, void *item)
{
    badge *b = item;
    b->id = stmt_int(s, 0);
    b->public_id = arena_strdup(a, stmt_text(s, 1));
    b->employee_row = stmt_int(s, 2);
    b->employee_id = arena_strdup(a, stmt_text(s, 3));
    b->employee_name = arena_strdup(a, stmt_text(s, 4));
    b->claim_id = stmt_int(s, 5);
    b->title = arena_strdup(a, stmt_text(s, 6));
    b->jwt = arena_strdup(a, stmt_text(s, 7));
    b->issued_at = arena_strdup(a, stmt_text(s, 8));
    b->revoked_at = stmt_text_copy(s, 9, a);
    b->key_id = stmt_int(s, 10);
    b->source_kind = arena_strdup(a, stmt_text(s, 11));
    b->source_id = stmt_int(s, 12);
    return b->source_kind && b->public_id && b->employee_id && b->employee_name && b->title && b->jwt &&
           b->issued_at;
}

int badges_list(store *db, arena *a, int64_t employee_row, badge **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, BADGE_COLS "WHERE ?1 = 0 OR b.employee_id = ?1 "
                                           "ORDER BY b.issued_at DESC, b.id DESC LIMIT 500");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    return stmt_collect(s, a, out, n, sizeof **out, read_badge);
}

int badge_find(store *db, arena *a, const char *public_id, badge *b)
{
    stmt *s = store_prepare(db, BADGE_COLS "WHERE b.public_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, public_id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        if (!read_badge(s, a, b))
            rc = STORE_ERROR;
        stmt_done(s);
    }
    return rc;
}

int64_t badge_of_claim(store *db, int64_t claim_id)
{
    stmt *s = store_prepare(db, "SELECT id FROM badges WHERE claim_id = ? AND revoked_at IS NULL");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, claim_id);
    int rc = stmt_step(s);
    if (rc == STORE_DONE)
        return 0;
    if (rc != STORE_ROW)
        return -1;
    int64_t id = stmt_int(s, 0);
    stmt_done(s);
    return id;
}

int64_t badge_of_source(store *db, int64_t row, const char *kind, int64_t id)
{
    stmt *s = store_prepare(db, "SELECT id FROM badges WHERE employee_id = ? AND source_kind = ? "
                                "AND source_id = ? AND revoked_at IS NULL");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, row);
    stmt_bind_text(s, 2, kind);
    stmt_bind_int(s, 3, id);
    int rc = stmt_step(s);
    if (rc == STORE_DONE)
        return 0;
    if (rc != STORE_ROW)
        return -1;
    int64_t found = stmt_int(s, 0);
    stmt_done(s);
    return found;
}

int badge_employee_name(store *db, arena *a, int64_t row, const char **name)
{
    stmt *s = store_prepare(db, "SELECT first_name || ' ' || last_name FROM employees WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, row);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        *name = arena_strdup(a, stmt_text(s, 0));
        stmt_done(s);
        if (!*name)
            rc = STORE_ERROR;
    }
    return rc;
}

int badge_revoke(store *db, const char *actor, int64_t id)
{
    stmt *s = store_prepare(db, "UPDATE badges SET revoked_at = ?, revoked_by = ? "
                                "WHERE id = ? AND revoked_at IS NULL");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, now);
    stmt_bind_text(s, 2, actor);
    stmt_bind_int(s, 3, id);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return audit_write(db, actor, "revoke", "badge", key, NULL, NULL);
}
