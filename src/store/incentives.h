/* incentives.h (store) - incentive schemes, their dated parameters and the
 * claims filed under them (migration 008), and the Open Badges the
 * organisation issued with its signing key. The rules are core/incentives.h;
 * this file only reads and writes. */
#ifndef GP_STORE_INCENTIVES_H
#define GP_STORE_INCENTIVES_H
#include "core/incentives.h"
#include "store/data.h"

/* Every scheme by code, each with its parameters by valid_from, in A. */
int incentive_schemes_load(store *db, arena *a, incentive_scheme **out, size_t *n);
/* Adds a scheme; STORE_CONSTRAINT when CODE is taken. */
int incentive_scheme_add(store *db, const char *actor, const char *code, const char *name,
                         int kind, int period, int per_employee);
/* Adds the parameters P to scheme SCHEME_ID after incentive_params_check: an
 * open-ended set it follows is closed the day before. STORE_CONSTRAINT with
 * the enum params_problem in *problem (and *with the valid_from of the set
 * it overlaps) when the check refuses it; nothing changes then. */
int incentive_params_add(store *db, const char *actor, int64_t scheme_id,
                         const incentive_params *p, int *problem, date_t *with);

/* A course taken under training leave, with its employee. */
typedef struct leave_row {
    int64_t record_id, employee_row;
    const char *employee_id, *name, *title;
    int64_t fte;          /* ten-thousandths, as recorded now */
    date_t start_date;
    int64_t hours;        /* hundredths */
    int64_t cost;         /* cents */
} leave_row;

/* The training-leave records starting from FROM to TO, by employee_id, start
 * date and id (the order training_leave_refund needs). */
int leave_rows(store *db, arena *a, date_t from, date_t to, leave_row **out, size_t *n);

/* The records starting from FROM to TO with a cost and no claim (other than
 * a refused one) under SCHEME_ID, newest first, at most LIMIT: what may
 * still be claimed under a cost-based scheme. */
int claimable_rows(store *db, arena *a, int64_t scheme_id, date_t from, date_t to, int limit,
                   leave_row **out, size_t *n);

typedef struct incentive_claim {
    int64_t id, scheme_id;
    const char *scheme_code, *scheme_name;
    int kind;
    int64_t employee_row;       /* 0 when none */
    const char *employee_id, *employee_name; /* NULL when none */
    int64_t record_id;          /* 0 when none (or the record was removed) */
    const char *record_title;   /* the record's or its activity's title */
    date_t record_start;
    int64_t record_cost, record_hours;
    int period_year;
    int64_t hours, amount;      /* hundredths, cents asked */
    int status;                 /* enum claim_status */
    date_t filed_on, decided_on;
    int64_t paid_amount;        /* cents, -1 until paid */
    const char *reference;
} incentive_claim;

/* The claims of PERIOD_YEAR (0: every year), by scheme code, employee and id. */
int incentive_claims_list(store *db, arena *a, int period_year, incentive_claim **out,
                          size_t *n);
/* STORE_ROW with claim ID, or STORE_DONE. */
int incentive_claim_get(store *db, arena *a, int64_t id, incentive_claim *c);
/* The cents claimed and not refused under SCHEME_ID in PERIOD_YEAR (for the
 * employee at EMPLOYEE_ROW; 0: the whole organisation): what a paid claim
 * brought in, else what is asked. EXCEPT: a claim not to count (0: none). */
int incentive_claims_used(store *db, int64_t scheme_id, int period_year, int64_t employee_row,
                          int64_t except, int64_t *used);
/* Adds C (status to_file) and sets C->id. */
int incentive_claim_add(store *db, const char *actor, incentive_claim *c);
/* Moves claim ID to status TO on day ON; a paid claim brings PAID (cents)
 * and adds it to its learning record's subsidy (learning_add_subsidy), so
 * that the social balance's subsidies follow. STORE_DONE when there is no
 * such claim; STORE_CONSTRAINT when claim_can_move refuses the step. */
int incentive_claim_move(store *db, const char *actor, int64_t id, int to, date_t on,
                         int64_t paid, const char *reference);

/* ---- the organisation's signing key and its badges ---- */

/* The newest signing key (hex), made and stored when there is none yet:
 * *id, PUBLIC_HEX (64 + NUL) and SECRET_HEX (128 + NUL). */
int signing_key_current(store *db, int64_t *id, char *public_hex, char *secret_hex);
/* The public key (hex) of key ID: STORE_ROW, or STORE_DONE. */
int signing_key_public(store *db, int64_t id, char *public_hex);

typedef struct badge {
    int64_t id;
    const char *public_id;
    int64_t employee_row;
    const char *employee_id, *employee_name;
    int64_t claim_id;
    const char *title, *jwt, *issued_at, *revoked_at;
    int64_t key_id;
    /* What it was issued for: "claim" (claim_id), "trajectory" (the
     * trajectory's id) or "certification" (the activity's row). */
    const char *source_kind;
    int64_t source_id;
} badge;

int badge_add(store *db, const char *actor, badge *b);
/* The badges of the employee at ROW (0: everyone), newest first. */
int badges_list(store *db, arena *a, int64_t employee_row, badge **out, size_t *n);
/* STORE_ROW with the badge whose public id is PUBLIC_ID, or STORE_DONE. */
int badge_find(store *db, arena *a, const char *public_id, badge *b);
/* The badge issued for learning claim CLAIM_ID and not revoked: its id, 0
 * when none, -1 on error. */
int64_t badge_of_claim(store *db, int64_t claim_id);
/* The badge of the employee at ROW issued for source KIND/ID and not
 * revoked: its id, 0 when none, -1 on error. */
int64_t badge_of_source(store *db, int64_t row, const char *kind, int64_t id);
/* STORE_ROW with the name ("first last") of the employee at ROW in A. */
int badge_employee_name(store *db, arena *a, int64_t row, const char **name);
/* Revokes badge ID; STORE_DONE when there is no such badge not yet revoked. */
int badge_revoke(store *db, const char *actor, int64_t id);

#endif
