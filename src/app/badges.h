/* badges.h (app) - Open Badges 3.0 for workplace learning: a learning
 * claim the manager confirmed becomes an OpenBadgeCredential (a Verifiable
 * Credential with the credentials v2 and Open Badges 3.0 contexts, an
 * Achievement as its subject's achievement), signed with the organisation's
 * Ed25519 key (libsodium) as a VC-JWT: the JWT payload is the credential
 * itself plus the registered claims iss, jti and nbf; the header names the
 * algorithm EdDSA and carries the public key as a JWK. The credential's id
 * is its public verification URL, ROOT/ID, and its issuer ROOT/issuer, where
 * ROOT is PUBLIC_URL/badges, or PUBLIC_URL/badges/ORG on a multi-organisation
 * site (a verifier sends no cookie: the address names the organisation). */
#ifndef GP_APP_BADGES_H
#define GP_APP_BADGES_H
#include <jansson.h>
#include "store/incentives.h"

/* Why badge_issue refused. */
enum badge_problem {
    BADGE_OK,
    BADGE_NO_CLAIM,      /* no such learning claim of this employee */
    BADGE_UNCONFIRMED,   /* the claim is pending or declined */
    BADGE_ALREADY,       /* a badge (not revoked) exists for it: *out holds it */
    BADGE_NO_SOURCE,     /* no trajectory, or no such certification of the employee */
    BADGE_INCOMPLETE,    /* the trajectory has a module not signed by both */
    BADGE_NOT_VALID      /* the certification is expired or missing on the day */
};

/* Issues the badge of learning claim CLAIM_ID of the employee at
 * EMPLOYEE_ROW, with its verification URL under ROOT_URL (badge_root_url),
 * in its own transaction, audited by ACTOR. STORE_OK with *out
 * (strings in A); STORE_CONSTRAINT with *problem; else STORE_ERROR. */
int badge_issue(store *db, arena *a, const char *actor, int64_t employee_row, int64_t claim_id,
                const char *root_url, badge *out, int *problem);

/* Issues the badge of the completed onboarding trajectory of the employee
 * at EMPLOYEE_ROW (every module signed by the newcomer and the mentor), as
 * badge_issue does; refused (BADGE_NO_SOURCE, BADGE_INCOMPLETE,
 * BADGE_ALREADY) with nothing stored. */
int badge_issue_trajectory(store *db, arena *a, const char *actor, int64_t employee_row,
                           const char *root_url, badge *out, int *problem);

/* Issues the badge of the certification ACTIVITY_CODE the employee at
 * EMPLOYEE_ROW holds on DAY (rule 5: valid, or expiring but not yet
 * expired); its valid_until is the credential's validUntil. Refused
 * (BADGE_NO_SOURCE, BADGE_NOT_VALID, BADGE_ALREADY) with nothing stored. */
int badge_issue_certification(store *db, arena *a, const char *actor, int64_t employee_row,
                              const char *activity_code, date_t day, const char *root_url,
                              badge *out, int *problem);

/* Checks the VC-JWT JWT against the public key PUBLIC_HEX (64 hex digits):
 * true when its EdDSA signature holds; then *payload (when not NULL) is the
 * decoded payload, to json_decref. */
bool badge_jwt_verify(const char *jwt, const char *public_hex, json_t **payload);

/* The root of the organisation's badge addresses (see above), in A: the
 * public_url setting (or else SERVED_AT, the address serve was told the site
 * is reached at or else listens on, when not NULL; or else the setting's
 * default), "/badges",
 * and "/" ORG when ORG (the organisation's slug on a site) is not NULL.
 * NULL when out of memory. */
const char *badge_root_url(store *db, arena *a, const char *org, const char *served_at);

#endif
