/* badges.c (app) - see badges.h. */
#include "app/badges.h"
#include "app/certifications.h"
#include "core/settings.h"
#include "store/onboarding.h"
#include "util/crypto.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "core/labels.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CONTEXT_VC "https://www.w3.org/ns/credentials/v2"
#define CONTEXT_OB "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

const char *badge_root_url(store *db, arena *a, const char *org, const char *served_at)
{
    str v = STR_INIT;
    if (settings_get(db, "public_url", &v) != STORE_ROW || !v.len) {
        str_clear(&v);
        str_puts(&v, served_at ? served_at : setting_find("public_url")->fallback);
    }
    str_puts(&v, "/badges");
    if (org)
        str_printf(&v, "/%s", org);
    const char *out = str_ok(&v) ? arena_strdup(a, str_cstr(&v)) : NULL;
    str_free(&v);
    return out;
}

/* Appends the N bytes at DATA to OUT in base64url without padding. */
static bool b64url(str *out, const void *data, size_t n)
{
    size_t size = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *buf = malloc(size);
    if (!buf)
        return false;
    sodium_bin2base64(buf, size, data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    bool ok = str_puts(out, buf);
    free(buf);
    return ok;
}

/* Appends J (compact, keys in the order they were set) in base64url. */
static bool b64url_json(str *out, const json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!text)
        return false;
    bool ok = b64url(out, text, strlen(text));
    free(text);
    return ok;
}

/* The moment T (seconds) as an XML Schema dateTime in UTC. */
static void iso_utc(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* What a badge says was achieved, whatever it was issued for. */
typedef struct achievement_text {
    const char *name, *description, *narrative;
    const char *start_time;  /* activityStartDate (dateTime), or NULL */
    const char *valid_until; /* the credential's validUntil (dateTime), or NULL */
} achievement_text;

/* The OpenBadgeCredential of achievement T awarded to NAME by the
 * organisation ORG; ID is its verification URL, ISSUER the organisation's
 * profile URL. */
static json_t *credential(const achievement_text *t, const char *name, const char *org,
                          const char *id, const char *issuer, const char *valid_from)
{
    char achievement_id[600];
    snprintf(achievement_id, sizeof achievement_id, "%s#achievement", id);
    json_t *subject = json_pack(
        "{s:[s], s:[{s:s, s:s, s:s, s:b}]}", "type", "AchievementSubject", "identifier", "type",
        "IdentityObject", "identityHash", name, "identityType", "name", "hashed", 0);
    if (subject && t->start_time &&
        json_object_set_new(subject, "activityStartDate", json_string(t->start_time)) != 0) {
        json_decref(subject);
        return NULL;
    }
    json_t *achievement = json_pack("{s:s, s:[s], s:s, s:s, s:{s:s}}", "id", achievement_id,
                                    "type", "Achievement", "name", t->name, "description",
                                    t->description, "criteria", "narrative", t->narrative);
    if (!subject || !achievement || json_object_set_new(subject, "achievement", achievement) != 0) {
        json_decref(subject);
        return NULL;
    }
    json_t *c = json_pack("{s:[s,s], s:s, s:[s,s], s:{s:s, s:[s], s:s}, s:s}", "@context",
                          CONTEXT_VC, CONTEXT_OB, "id", id, "type", "VerifiableCredential",
                          "OpenBadgeCredential", "issuer", "id", issuer, "type", "Profile", "name",
                          org, "validFrom", valid_from);
    if (c && t->valid_until && json_object_set_new(c, "validUntil", json_string(t->valid_until)))
        c = (json_decref(c), NULL);
    if (c && (json_object_set_new(c, "name", json_string(t->name)) != 0 ||
              json_object_set_new(c, "credentialSubject", json_incref(subject)) != 0))
        c = (json_decref(c), NULL);
    json_decref(subject);
    return c;
}

/* The start of day D as an XML Schema dateTime in UTC. */
static void day_time(date_t d, char out[32])
{
    char day[DATE_TEXT_SIZE];
    date_format(d, day);
    snprintf(out, 32, "%sT00:00:00Z", day);
}

/* Signs PAYLOAD (the credential plus the JWT claims) with the secret key
 * SECRET_HEX as a compact JWS with the EdDSA algorithm and the public key as
 * a JWK in the header; the token in OUT. */
static bool sign_jwt(const json_t *payload, const char *public_hex, const char *secret_hex,
                     const char *kid, str *out)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    if (sodium_hex2bin(pk, sizeof pk, public_hex, strlen(public_hex), NULL, NULL, NULL) != 0 ||
        sodium_hex2bin(sk, sizeof sk, secret_hex, strlen(secret_hex), NULL, NULL, NULL) != 0)
        return false;
    str x = STR_INIT;
    bool ok = b64url(&x, pk, sizeof pk);
    json_t *header = ok ? json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "alg", "EdDSA", "typ",
                                    "JWT", "kid", kid, "jwk", "kty", "OKP", "crv", "Ed25519", "x",
                                    str_cstr(&x))
                        : NULL;
    str_free(&x);
    ok = header && b64url_json(out, header) && str_puts(out, ".") && b64url_json(out, payload);
    json_decref(header);
    unsigned char sig[crypto_sign_BYTES];
    if (ok)
        ok = crypto_sign_detached(sig, NULL, (const unsigned char *)str_cstr(out), out->len,
                                  sk) == 0 &&
             str_puts(out, ".") && b64url(out, sig, sizeof sig);
    sodium_memzero(sk, sizeof sk);
    return ok && str_ok(out);
}

/* The confirmed claim CLAIM_ID of the employee at ROW into *c. */
static int find_claim(store *db, arena *a, int64_t row, int64_t claim_id, learning_claim *c,
                      int *problem)
{
    learning_claim *all;
    size_t n;
    if (claims_list(db, a, row, 0, false, &all, &n) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < n; i++)
        if (all[i].id == claim_id) {
            *c = all[i];
            if (strcmp(c->status, "confirmed") != 0) {
                *problem = BADGE_UNCONFIRMED;
                return STORE_CONSTRAINT;
            }
            return STORE_OK;
        }
    *problem = BADGE_NO_CLAIM;
    return STORE_CONSTRAINT;
}

/* What a badge is issued for: its source row and the claim, if one. */
typedef struct badge_source {
    const char *kind;
    int64_t id, claim_id;
} badge_source;

/* Makes, signs and stores the badge of achievement T for source SRC
 * (employee at ROW, named NAME). */
static int make_badge(store *db, arena *a, const char *actor, int64_t row, const char *name,
                      const achievement_text *t, badge_source src, const char *root_url,
                      badge *out)
{
    int64_t key_id;
    char public_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    char secret_hex[2 * crypto_sign_SECRETKEYBYTES + 1];
    int rc = signing_key_current(db, &key_id, public_hex, secret_hex);
    if (rc != STORE_OK)
        return rc;
    str org = STR_INIT, id = STR_INIT, issuer = STR_INIT, kid = STR_INIT, jwt = STR_INIT;
    if (settings_get(db, "name", &org) != STORE_ROW)
        str_puts(&org, "groeipad");
    char token[TOKEN_HEX_SIZE], valid_from[32];
    token_new(token);
    token[32] = '\0'; /* 128 random bits name the badge */
    time_t now = time(NULL);
    iso_utc(now, valid_from);
    str_printf(&id, "%s/%s", root_url, token);
    str_printf(&issuer, "%s/issuer", root_url);
    str_printf(&kid, "%s/issuer#key-%lld", root_url, (long long)key_id);
    json_t *payload = credential(t, name, str_cstr(&org), str_cstr(&id), str_cstr(&issuer),
                                 valid_from);
    /* VC-JWT: the registered claims beside the credential's own members. */
    bool ok = payload && json_object_set_new(payload, "iss", json_string(str_cstr(&issuer))) == 0 &&
              json_object_set_new(payload, "jti", json_string(str_cstr(&id))) == 0 &&
              json_object_set_new(payload, "nbf", json_integer((json_int_t)now)) == 0 &&
              sign_jwt(payload, public_hex, secret_hex, str_cstr(&kid), &jwt);
    sodium_memzero(secret_hex, sizeof secret_hex);
    json_decref(payload);
    char issued[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, issued);
    *out = (badge){0, arena_strdup(a, token), row, NULL, arena_strdup(a, name), src.claim_id,
                   arena_strdup(a, t->name), ok ? arena_strdup(a, str_cstr(&jwt)) : NULL,
                   arena_strdup(a, issued), NULL, key_id, src.kind, src.id};
    rc = ok && out->public_id && out->jwt && out->title && out->issued_at
             ? badge_add(db, actor, out) : STORE_ERROR;
    str_free(&org);
    str_free(&id);
    str_free(&issuer);
    str_free(&kid);
    str_free(&jwt);
    return rc;
}

/* A badge's texts are in the language of who issues it (the employee, for
 * their own badge), its dates and numbers as that language writes them. */

/* Makes the badge of the confirmed claim C of the employee at ROW. */
static int claim_badge(store *db, arena *a, const char *actor, int64_t row,
                       const learning_claim *c, const char *root_url, badge *out)
{
    char start[FMT_SIZE], hours[FMT_SIZE], start_time[32];
    str org = STR_INIT, narrative = STR_INIT;
    if (settings_get(db, "name", &org) != STORE_ROW)
        str_puts(&org, "groeipad");
    bool shown = fmt_date(i18n_lang(), c->start_date, start, sizeof start) &&
                 fmt_number(i18n_lang(), c->hours, 2, 2, hours, sizeof hours);
    if (shown)
        str_printf(&narrative, _("Workplace learning (%s) of %s hours starting on %s, logged by "
                                 "the employee and confirmed by their manager at %s."),
                   _(code_label(&vocab_form, c->form)), hours, start, str_cstr(&org));
    str_free(&org);
    day_time(c->start_date, start_time);
    achievement_text t = {c->title, _("Workplace learning confirmed by the employee's manager."),
                          str_cstr(&narrative), start_time, NULL};
    int rc = shown && str_ok(&narrative) ? make_badge(db, a, actor, row, c->employee_name, &t,
                                             (badge_source){"claim", c->id, c->id}, root_url,
                                             out)
                                : STORE_ERROR;
    str_free(&narrative);
    return rc;
}

int badge_issue(store *db, arena *a, const char *actor, int64_t employee_row, int64_t claim_id,
                const char *root_url, badge *out, int *problem)
{
    *problem = BADGE_OK;
    memset(out, 0, sizeof *out);
    learning_claim c;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = find_claim(db, a, employee_row, claim_id, &c, problem);
    int64_t existing = rc == STORE_OK ? badge_of_claim(db, claim_id) : 0;
    if (existing < 0)
        rc = STORE_ERROR;
    else if (existing > 0) {
        *problem = BADGE_ALREADY;
        rc = STORE_CONSTRAINT;
    }
    if (rc == STORE_OK)
        rc = claim_badge(db, a, actor, employee_row, &c, root_url, out);
    return store_end(db, rc);
}

/* Fails with BADGE_ALREADY when the employee at ROW has a badge (not
 * revoked) for source KIND/ID. */
static int refuse_twice(store *db, int64_t row, const char *kind, int64_t id, int *problem)
{
    int64_t existing = badge_of_source(db, row, kind, id);
    if (existing < 0)
        return STORE_ERROR;
    if (existing > 0) {
        *problem = BADGE_ALREADY;
        return STORE_CONSTRAINT;
    }
    return STORE_OK;
}

/* True when every module of T (at least one) is signed by both. */
static bool trajectory_complete(const trajectory *t)
{
    if (t->nmodules == 0)
        return false;
    for (size_t i = 0; i < t->nmodules; i++)
        if (t->modules[i].mentor_signed == DATE_NONE || t->modules[i].newcomer_signed == DATE_NONE)
            return false;
    return true;
}

int badge_issue_trajectory(store *db, arena *a, const char *actor, int64_t employee_row,
                           const char *root_url, badge *out, int *problem)
{
    *problem = BADGE_OK;
    memset(out, 0, sizeof *out);
    trajectory t;
    int rc = store_begin(db);
    if (rc == STORE_OK) {
        rc = trajectory_get(db, a, employee_row, &t);
        if (rc == STORE_ROW)
            rc = STORE_OK;
        else if (rc == STORE_DONE) {
            *problem = BADGE_NO_SOURCE;
            rc = STORE_CONSTRAINT;
        }
    }
    if (rc == STORE_OK && !trajectory_complete(&t)) {
        *problem = BADGE_INCOMPLETE;
        rc = STORE_CONSTRAINT;
    }
    if (rc == STORE_OK)
        rc = refuse_twice(db, employee_row, "trajectory", t.id, problem);
    if (rc == STORE_OK) {
        str name = STR_INIT, narrative = STR_INIT;
        char start[32];
        str_printf(&name, _("Onboarding: %s"), t.function ? t.function : "");
        str_printf(&narrative, P_("Completed the onboarding trajectory for the function %s: its "
                                  "%zu module signed by the newcomer and their mentor.",
                                  "Completed the onboarding trajectory for the function %s: all "
                                  "%zu modules signed by the newcomer and their mentor.",
                                  (unsigned long)t.nmodules),
                   t.function ? t.function : "", t.nmodules);
        day_time(t.start, start);
        achievement_text at = {str_cstr(&name), _("A completed onboarding trajectory."),
                               str_cstr(&narrative), start, NULL};
        rc = str_ok(&name) && str_ok(&narrative)
                 ? make_badge(db, a, actor, employee_row, t.newcomer_name, &at,
                              (badge_source){"trajectory", t.id, 0}, root_url, out)
                 : STORE_ERROR;
        str_free(&name);
        str_free(&narrative);
    }
    return store_end(db, rc);
}

/* The certification line of ACTIVITY_CODE of the employee at ROW on DAY in
 * *line (its activity in *act); BADGE_NO_SOURCE when there is none. */
static int find_certification(store *db, arena *a, int64_t row, const char *activity_code,
                              date_t day, cert_line *line, activity *act, int *problem)
{
    cert_query q = {day, ROLE_EMPLOYEE, row, -1, NULL, activity_code, false};
    cert_view v;
    str err = STR_INIT;
    int rc = cert_view_build(db, a, &q, false, &v, &err) == CERT_OK ? STORE_OK : STORE_ERROR;
    str_free(&err);
    if (rc != STORE_OK)
        return rc;
    str_free(&v.json);
    for (size_t i = 0; i < v.r.nlines; i++)
        if (strcmp(v.f.acts[v.r.lines[i].activity].code, activity_code) == 0 &&
            v.f.acts[v.r.lines[i].activity].validity_months > 0) {
            *line = v.r.lines[i];
            *act = v.f.acts[line->activity];
            return STORE_OK;
        }
    *problem = BADGE_NO_SOURCE;
    return STORE_CONSTRAINT;
}

int badge_issue_certification(store *db, arena *a, const char *actor, int64_t employee_row,
                              const char *activity_code, date_t day, const char *root_url,
                              badge *out, int *problem)
{
    *problem = BADGE_OK;
    memset(out, 0, sizeof *out);
    cert_line line;
    activity act;
    const char *name = NULL;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = find_certification(db, a, employee_row, activity_code, day, &line, &act, problem);
    /* Valid on the day: expiring soon (rule 5's warning) is still valid. */
    if (rc == STORE_OK && line.status != CERT_VALID && line.status != CERT_EXPIRING) {
        *problem = BADGE_NOT_VALID;
        rc = STORE_CONSTRAINT;
    }
    int type = 0;
    int64_t act_row = rc == STORE_OK ? activities_row(db, activity_code, &type) : 0;
    if (rc == STORE_OK && act_row <= 0)
        rc = STORE_ERROR;
    if (rc == STORE_OK)
        rc = refuse_twice(db, employee_row, "certification", act_row, problem);
    if (rc == STORE_OK)
        rc = badge_employee_name(db, a, employee_row, &name) == STORE_ROW ? STORE_OK : STORE_ERROR;
    if (rc == STORE_OK) {
        str title = STR_INIT, narrative = STR_INIT;
        char achieved[FMT_SIZE], until[FMT_SIZE], until_iso[DATE_TEXT_SIZE];
        char start[32], valid_until[32];
        date_format(line.valid_until, until_iso);
        bool dated = fmt_date(i18n_lang(), line.achieved, achieved, sizeof achieved) &&
                     fmt_date(i18n_lang(), line.valid_until, until, sizeof until);
        str_printf(&title, _("Certification: %s"), act.title ? act.title : act.code);
        if (dated)
            str_printf(&narrative, _("Holds the certification %s (%s), achieved on %s and valid "
                                     "until %s."),
                       act.title ? act.title : act.code, act.code, achieved, until);
        day_time(line.achieved, start);
        /* Valid through its last day: validUntil is the end of valid_until. */
        snprintf(valid_until, sizeof valid_until, "%sT23:59:59Z", until_iso);
        achievement_text at = {str_cstr(&title),
                               _("A certification that is valid on the day of issue."),
                               str_cstr(&narrative), start, valid_until};
        rc = dated && str_ok(&title) && str_ok(&narrative)
                 ? make_badge(db, a, actor, employee_row, name, &at,
                              (badge_source){"certification", act_row, 0}, root_url, out)
                 : STORE_ERROR;
        str_free(&title);
        str_free(&narrative);
    }
    return store_end(db, rc);
}

/* Decodes the base64url text of N bytes at S into a heap buffer; its size
 * in *len. */
static unsigned char *b64url_decode(const char *s, size_t n, size_t *len)
{
    unsigned char *buf = malloc(n + 1);
    if (buf && sodium_base642bin(buf, n + 1, s, n, NULL, len, NULL,
                                 sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

bool badge_jwt_verify(const char *jwt, const char *public_hex, json_t **payload)
{
    const char *dot1 = strchr(jwt, '.');
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (!dot2 || strchr(dot2 + 1, '.') ||
        sodium_hex2bin(pk, sizeof pk, public_hex, strlen(public_hex), NULL, NULL, NULL) != 0)
        return false;
    size_t siglen = 0, bodylen = 0;
    unsigned char *sig = b64url_decode(dot2 + 1, strlen(dot2 + 1), &siglen);
    bool ok = sig && siglen == crypto_sign_BYTES &&
              crypto_sign_verify_detached(sig, (const unsigned char *)jwt, (size_t)(dot2 - jwt),
                                          pk) == 0;
    free(sig);
    if (ok && payload) {
        unsigned char *body = b64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), &bodylen);
        *payload = body ? json_loadb((const char *)body, bodylen, 0, NULL) : NULL;
        free(body);
        ok = *payload != NULL;
    }
    return ok;
}
