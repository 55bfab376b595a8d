/* page_badges.c - Open Badges for workplace learning: an employee's
 * confirmed learning and their badges (/my/badges), issuing one (POST
 * /my/badges), downloading it as a VC-JWT (/my/badges/:id), the public
 * verification page that is each credential's id (/badges/:id), HR's list
 * with revocation (/badges, POST /badges/:id/revoke), and the issuer's
 * profile with its public keys (/badges/issuer). */
#include "web/pages.h"
#include "web/server.h"
#include "app/badges.h"
#include "app/certifications.h"
#include "store/onboarding.h"
#include "web/site.h"
#include "core/labels.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <sodium.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* What a badge address that holds no badge answers, whatever the reason. */
#define NO_SUCH_BADGE N_("groeipad issued no badge with this address.")

/* The root of the badge addresses of the organisation REQ works in: named
 * by its slug wherever it has one (a site, or serve --org of one of its
 * organisations), so that a badge's address is the same however the site
 * is served. */
static const char *root_url(request *req)
{
    const char *root = badge_root_url(req->db, req->a, req->org, served_address(req));
    return root ? root : "";
}

/* The verification URL of badge B, in the request's arena. */
static const char *verify_url(request *req, const badge *b)
{
    str s = STR_INIT;
    str_printf(&s, "%s/%s", root_url(req), b->public_id);
    const char *out = str_ok(&s) ? arena_strdup(req->a, str_cstr(&s)) : "";
    str_free(&s);
    return out ? out : "";
}

/* The badge among BADGES issued for claim CLAIM_ID and not revoked, or NULL. */
static const badge *badge_for(const badge *badges, size_t n, int64_t claim_id)
{
    for (size_t i = 0; i < n; i++)
        if (badges[i].claim_id == claim_id && !badges[i].revoked_at)
            return &badges[i];
    return NULL;
}

/* The badge among BADGES issued for source KIND/ID and not revoked, or NULL. */
static const badge *badge_of(const badge *badges, size_t n, const char *kind, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(badges[i].source_kind, kind) == 0 && badges[i].source_id == id &&
            !badges[i].revoked_at)
            return &badges[i];
    return NULL;
}

/* The cell of a source: its badge's links, the button asking for one (a
 * form posting FIELDS, already escaped), or why not (HINT). */
static void source_cell(request *req, response *resp, const badge *b, const char *fields,
                        const char *hint)
{
    if (b)
        html_printf(&resp->body, "<a href=\"/my/badges/%s\" download>%s</a> · "
                                 "<a href=\"%s\">%s</a>",
                    b->public_id, _("Download the badge"), verify_url(req, b),
                    _("Verification page"));
    else if (!hint) {
        form_open(req, resp, "action=\"/my/badges\" class=\"inline\"");
        html_raw(&resp->body, fields);
        html_printf(&resp->body, "<button>%s</button></form>", _("Get my badge"));
    } else
        html_printf(&resp->body, "<span class=\"hint\">%s</span>", hint);
}

/* The employee's onboarding trajectory and certifications, each with its
 * badge or the button asking for one. */
static int other_sources_render(request *req, response *resp, const badge *badges, size_t nb)
{
    trajectory t;
    int rc = trajectory_get(req->db, req->a, req->user.employee_row, &t);
    if (rc != STORE_ROW && rc != STORE_DONE)
        return STORE_ERROR;
    cert_query q = {date_today(), ROLE_EMPLOYEE, req->user.employee_row, -1, NULL, NULL, false};
    cert_view v;
    str err = STR_INIT;
    int built = cert_view_build(req->db, req->a, &q, false, &v, &err);
    str_free(&err);
    if (built != CERT_OK)
        return STORE_ERROR;
    str_free(&v.json);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table id=\"my-other-badges\"><caption>%s"
                             "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
                             "%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Onboarding and certifications"), _("What"), _("Valid until"), _("Badge"));
    size_t rows = 0;
    if (rc == STORE_ROW) {
        bool complete = t.nmodules > 0;
        for (size_t i = 0; i < t.nmodules; i++)
            if (t.modules[i].mentor_signed == DATE_NONE || t.modules[i].newcomer_signed == DATE_NONE)
                complete = false;
        html_printf(&resp->body, "<tr data-source=\"trajectory\"><td>%s: %s</td><td></td><td>",
                    _("Onboarding"), t.function ? t.function : "");
        source_cell(req, resp, badge_of(badges, nb, "trajectory", t.id),
                    "<input type=\"hidden\" name=\"source\" value=\"trajectory\">",
                    complete ? NULL : _("not complete yet"));
        html_raw(&resp->body, "</td></tr>");
        rows++;
    }
    for (size_t i = 0; i < v.r.nlines; i++) {
        const cert_line *l = &v.r.lines[i];
        const activity *x = &v.f.acts[l->activity];
        if (x->validity_months <= 0 || l->status == CERT_MISSING)
            continue;
        html_printf(&resp->body, "<tr data-source=\"certification\" data-activity=\"%s\">"
                                 "<td>%s</td><td>%s</td><td>", x->code, x->title,
                    show_date(req, l->valid_until));
        str fields = STR_INIT;
        html_printf(&fields, "<input type=\"hidden\" name=\"source\" value=\"certification\">"
                             "<input type=\"hidden\" name=\"activity\" value=\"%s\">", x->code);
        bool valid = l->status == CERT_VALID || l->status == CERT_EXPIRING;
        source_cell(req, resp, badge_of(badges, nb, "certification", x->id), str_cstr(&fields),
                    valid ? NULL : _("not valid"));
        str_free(&fields);
        html_raw(&resp->body, "</td></tr>");
        rows++;
    }
    if (rows == 0)
        html_printf(&resp->body, "<tr><td colspan=\"3\">%s</td></tr>",
                    _("No onboarding trajectory or certification yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    return STORE_OK;
}

static void my_badges_render(request *req, response *resp, const char *problem)
{
    learning_claim *claims;
    badge *badges;
    size_t nclaims, nbadges;
    if (claims_list(req->db, req->a, req->user.employee_row, 0, false, &claims, &nclaims) !=
            STORE_OK ||
        badges_list(req->db, req->a, req->user.employee_row, &badges, &nbadges) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("My badges"));
    if (problem) {
        resp->status = 422;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", problem);
    }
    html_printf(&resp->body, "<p>%s</p>",
                _("Learning at work that your manager confirmed can become an Open Badge: a "
                  "signed credential you can show elsewhere, with a link where anyone can check "
                  "it."));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table id=\"my-badges\"><caption>%s</caption>"
                             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("My workplace learning"), _("What"), _("Date"), _("Hours"), _("Badge"));
    for (size_t i = 0; i < nclaims; i++) {
        const learning_claim *c = &claims[i];
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>",
                    c->title, show_date(req, c->start_date), show_decimal(req, c->hours, 2, 2));
        const badge *b = badge_for(badges, nbadges, c->id);
        if (b) {
            html_printf(&resp->body, "<a href=\"/my/badges/%s\" download>%s</a> · "
                                     "<a href=\"%s\">%s</a>",
                        b->public_id, _("Download the badge"), verify_url(req, b),
                        _("Verification page"));
        } else if (strcmp(c->status, "confirmed") == 0) {
            form_open(req, resp, "action=\"/my/badges\" class=\"inline\"");
            html_printf(&resp->body, "<input type=\"hidden\" name=\"claim\" value=\"%lld\">"
                                     "<button>%s</button></form>",
                        (long long)c->id, _("Get my badge"));
        } else {
            html_printf(&resp->body, "<span class=\"hint\">%s</span>",
                        strcmp(c->status, "pending") == 0 ? _("waiting for confirmation")
                                                          : _("not confirmed"));
        }
        html_raw(&resp->body, "</td></tr>");
    }
    if (nclaims == 0)
        html_printf(&resp->body, "<tr><td colspan=\"4\">%s <a href=\"/my/log\">%s</a></td></tr>",
                    _("Nothing logged yet."), _("Log what I learned"));
    html_raw(&resp->body, "</tbody></table></div>");
    if (other_sources_render(req, resp, badges, nbadges) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_end(req, resp);
}

void page_my_badges(request *req, response *resp)
{
    if (req->user.employee_row <= 0) {
        respond_error(req, resp, 403, _("Your account is not linked to an employee."));
        return;
    }
    my_badges_render(req, resp, NULL);
}

void page_my_badges_issue(request *req, response *resp)
{
    if (req->user.employee_row <= 0) {
        respond_error(req, resp, 403, _("Your account is not linked to an employee."));
        return;
    }
    const char *claim = request_form(req, "claim");
    const char *source = request_form(req, "source");
    const char *code = request_form(req, "activity");
    const char *base = root_url(req);
    badge b;
    int problem;
    int rc;
    if (source && strcmp(source, "trajectory") == 0)
        rc = badge_issue_trajectory(req->db, req->a, req->user.login, req->user.employee_row,
                                    base, &b, &problem);
    else if (source && strcmp(source, "certification") == 0)
        rc = badge_issue_certification(req->db, req->a, req->user.login, req->user.employee_row,
                                       code ? code : "", date_today(), base, &b, &problem);
    else
        rc = badge_issue(req->db, req->a, req->user.login, req->user.employee_row,
                         claim ? atoll(claim) : 0, base, &b, &problem);
    if (rc == STORE_CONSTRAINT && problem >= BADGE_NO_SOURCE) {
        my_badges_render(req, resp,
                         problem == BADGE_INCOMPLETE
                             ? _("A badge is only for an onboarding trajectory whose modules are "
                                 "all signed by you and your mentor.")
                         : problem == BADGE_NOT_VALID
                             ? _("A badge is only for a certification that is valid today.")
                             : _("You have no such trajectory or certification."));
        return;
    }
    if (rc == STORE_CONSTRAINT && problem == BADGE_ALREADY && source) {
        my_badges_render(req, resp, _("It has its badge already."));
        return;
    }
    if (rc == STORE_CONSTRAINT) {
        my_badges_render(req, resp,
                         problem == BADGE_UNCONFIRMED
                             ? _("A badge is only for learning your manager confirmed.")
                         : problem == BADGE_ALREADY ? _("This learning has its badge already.")
                                                    : _("There is no such learning of yours."));
        return;
    }
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/my/badges");
}

void page_my_badge_download(request *req, response *resp)
{
    badge b;
    int rc = badge_find(req->db, req->a, req->arg, &b);
    bool mine = rc == STORE_ROW && (req->user.role == ROLE_ADMIN ||
                                    (req->user.employee_row > 0 &&
                                     b.employee_row == req->user.employee_row));
    if (!mine) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
        return;
    }
    resp->content_type = "application/vc+jwt";
    str name = STR_INIT;
    str_printf(&name, "badge-%s.jwt", b.public_id);
    respond_attachment(req, resp, str_ok(&name) ? str_cstr(&name) : "badge.jwt");
    str_free(&name);
    str_clear(&resp->body);
    str_puts(&resp->body, b.jwt);
}

/* The name the organisation REQ works in issues badges under. */
static void issuer_name(request *req, str *name)
{
    const char *shown = org_display_name(req);
    str_clear(name);
    str_puts(name, shown ? shown : "groeipad");
}

/* True for what a badge's public id looks like: 32 hex digits. */
static bool public_id_like(const char *id)
{
    return strlen(id) == 32 && strspn(id, "0123456789abcdef") == 32;
}

/* What find_on_site asks each organisation for. */
typedef struct badge_search {
    const char *id;
    badge *b;
} badge_search;

static int holds_badge(request *req, void *ctx)
{
    badge_search *s = ctx;
    return badge_find(req->db, req->a, s->id, s->b);
}

/* Badge ID of a site's organisation, addressed without its organisation
 * (/badges/<id>, as badges issued on serve --org or on a site before the
 * address named the organisation are): the organisation holding it,
 * whoever asks, with REQ pointed at it. */
static int find_on_site(request *req, const char *id, badge *b)
{
    if (!public_id_like(id))
        return STORE_DONE; /* no badge's: not worth a read */
    badge_search s = {id, b};
    return site_find_org(req, "badge", id, holds_badge, &s);
}

/* The verification page of badge ID of the organisation REQ works in (on a
 * site without an organisation named: of the one that holds it). */
/* BACK: where REQ was before the address named its organisation (NULL when
 * it named none), for a miss that looks like one of an unknown
 * organisation. */
static void badge_verify(request *req, response *resp, const char *id, const site_place *back)
{
    badge b;
    int rc = req->site && !back ? find_on_site(req, id, &b)
                                : badge_find(req->db, req->a, id, &b);
    /* A badge that could not be looked up just now (a restore holding its
     * tables, a damaged schema) is not called one groeipad never issued:
     * a verifier would take it for a forgery. The cause goes to the log. */
    if (rc == STORE_ERROR) {
        server_log(N_("a badge of %s: %s"), req->org ? req->org : "-",
                store_error(req->db));
        respond_unavailable(req, resp);
        return;
    }
    if (rc != STORE_ROW) {
        bool back_ok = !back || site_serve_back(req, *back);
        respond_error(req, resp, back_ok ? 404 : 500, _(NO_SUCH_BADGE));
        return;
    }
    char public_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    json_t *payload = NULL;
    bool signed_ok = signing_key_public(req->db, b.key_id, public_hex) == STORE_ROW &&
                     badge_jwt_verify(b.jwt, public_hex, &payload);
    const char *format = request_query(req, "format");
    if (format && strcmp(format, "json") == 0) {
        json_t *j = json_pack("{s:s, s:b, s:b, s:s?, s:s}", "id", verify_url(req, &b),
                              "valid", signed_ok && !b.revoked_at, "revoked", b.revoked_at != NULL,
                              "revoked_at", b.revoked_at, "jwt", b.jwt);
        json_decref(payload);
        respond_json(req, resp, 200, j);
        return;
    }
    page_begin(req, resp, _("Badge verification"));
    if (b.revoked_at)
        html_printf(&resp->body, "<p class=\"error\" id=\"badge-status\" data-status=\"revoked\">"
                                 "%s %s</p>",
                    _("This badge was revoked on"), show_timestamp(req, b.revoked_at));
    else if (signed_ok)
        html_printf(&resp->body, "<p id=\"badge-status\" data-status=\"valid\"><strong>%s</strong>"
                                 "</p>",
                    _("This badge is valid: its signature holds and it was not revoked."));
    else
        html_printf(&resp->body, "<p class=\"error\" id=\"badge-status\" data-status=\"invalid\">"
                                 "%s</p>",
                    _("This badge's signature does not hold."));
    str org = STR_INIT;
    issuer_name(req, &org);
    html_printf(&resp->body, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                             "<dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                _("Achievement"), b.title, _("Awarded to"), b.employee_name, _("Issued by"),
                str_cstr(&org), _("Issued on"), show_timestamp(req, b.issued_at));
    str_free(&org);
    json_decref(payload);
    page_end(req, resp);
}

/* Public: what anyone who follows a badge's link learns about it. */
void page_badge_verify(request *req, response *resp)
{
    badge_verify(req, resp, req->arg, NULL);
}

/* Public: the issuer's profile of the organisation REQ works in, with
 * every public key it signed with, as JWKs (what a verifier needs besides
 * the credential). Its id is the address it was asked at (ORG_NAMED: the
 * one naming the organisation), which is the issuer a badge names. */
static void badge_issuer(request *req, response *resp, bool org_named)
{
    str org = STR_INIT;
    issuer_name(req, &org);
    str id = STR_INIT;
    str_printf(&id, "%s/issuer",
               org_named ? root_url(req)
                         : badge_root_url(req->db, req->a, NULL, served_address(req)));
    json_t *keys = json_array();
    char public_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    for (int64_t k = 1; keys && signing_key_public(req->db, k, public_hex) == STORE_ROW; k++) {
        unsigned char pk[crypto_sign_PUBLICKEYBYTES];
        char x[sodium_base64_ENCODED_LEN(crypto_sign_PUBLICKEYBYTES,
                                         sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
        char kid[32];
        if (sodium_hex2bin(pk, sizeof pk, public_hex, strlen(public_hex), NULL, NULL, NULL) != 0)
            break;
        sodium_bin2base64(x, sizeof x, pk, sizeof pk, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        snprintf(kid, sizeof kid, "key-%lld", (long long)k);
        json_array_append_new(keys, json_pack("{s:s, s:s, s:s, s:s}", "kid", kid, "kty", "OKP",
                                              "crv", "Ed25519", "x", x));
    }
    json_t *j = json_pack("{s:s, s:[s], s:s, s:o?}", "id", str_cstr(&id), "type", "Profile",
                          "name", str_cstr(&org), "keys", keys);
    str_free(&org);
    str_free(&id);
    respond_json(req, resp, 200, j);
}

/* /badges/issuer: on a site no organisation is named, and the caller's
 * cookie must not choose the issuer (each organisation signs with keys of
 * its own; a list of them all would tell anyone the site's customers); a
 * site's profiles are at /badges/<org>/issuer. */
void page_badge_issuer(request *req, response *resp)
{
    if (req->site) {
        respond_error(req, resp, 404, _("On this site, an issuer's address names its "
                                        "organisation: /badges/<organisation>/issuer."));
        return;
    }
    badge_issuer(req, resp, false);
}

/* /badges/<org>/<id> and /badges/<org>/issuer: badge addresses that name
 * their organisation, so that they work for anyone (no login) and always
 * show the issuing organisation's data; on serve --org, those of its own
 * organisation. */
void page_badge_site(request *req, response *resp)
{
    const char *arg = req->arg ? req->arg : "", *slash = strchr(arg, '/');
    const char *org = slash ? arena_strndup(req->a, arg, (size_t)(slash - arg)) : NULL;
    const char *rest = slash ? slash + 1 : "";
    site_place was = site_place_of(req);
    int found = org && *rest && !strchr(rest, '/') ? site_serve_org(req, org) : 0;
    char public_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    bool issuer = strcmp(rest, "issuer") == 0;
    if (found <= 0)
        respond_error(req, resp, found < 0 ? 500 : 404, issuer ? NULL : _(NO_SUCH_BADGE));
    else if (!issuer)
        badge_verify(req, resp, rest, &was);
    /* An organisation that has issued no badge is no issuer: its profile
     * would tell anyone who asks that it is on the site, and its name. */
    else if (signing_key_public(req->db, 1, public_hex) != STORE_ROW)
        respond_error(req, resp, site_serve_back(req, was) ? 404 : 500, NULL);
    else
        badge_issuer(req, resp, true);
}

/* The question before badge ?revoke= (a public id among BADGES) is revoked:
 * a revocation cannot be undone and its verification page says so. */
static void revoke_question(request *req, response *resp, const badge *badges, size_t n)
{
    const char *asked = request_query(req, "revoke");
    for (size_t i = 0; asked && i < n; i++) {
        const badge *b = &badges[i];
        if (strcmp(b->public_id, asked) != 0 || b->revoked_at)
            continue;
        str question = STR_INIT, action = STR_INIT;
        str_printf(&question, _("Revoke the badge \"%s\" of %s? Its verification page will "
                                "say so from now on; this cannot be undone."),
                   b->title, b->employee_name);
        str_printf(&action, "/badges/%s/revoke", b->public_id);
        if (str_ok(&question) && str_ok(&action))
            confirm_box(req, resp, question.p, action.p, NULL, NULL, _("Yes, revoke it"),
                        "/badges", _("No, keep it"));
        str_free(&question);
        str_free(&action);
    }
}

/* HR: every badge, with revocation. */
void page_badges(request *req, response *resp)
{
    badge *badges;
    size_t n;
    if (badges_list(req->db, req->a, 0, &badges, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Badges issued"));
    revoke_question(req, resp, badges, n);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table id=\"badges\"><caption>%s</caption>"
                             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Open Badges issued to employees"), _("Employee"), _("Achievement"),
                _("Issued on"), _("Status"));
    for (size_t i = 0; i < n; i++) {
        const badge *b = &badges[i];
        html_printf(&resp->body, "<tr><td>%s</td><td><a href=\"%s\">%s</a></td><td>%s</td><td>",
                    b->employee_name, verify_url(req, b), b->title,
                    show_timestamp(req, b->issued_at));
        if (b->revoked_at) {
            html_printf(&resp->body, "%s %s", _("revoked on"), show_timestamp(req, b->revoked_at));
        } else {
            form_open(req, resp, "action=\"/badges/%s/revoke\" class=\"inline\"", b->public_id);
            html_printf(&resp->body, "<button aria-label=\"%s, %s\">%s</button></form>",
                        _("Revoke"), b->title, _("Revoke"));
        }
        html_raw(&resp->body, "</td></tr>");
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"4\">%s</td></tr>", _("No badges yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    page_end(req, resp);
}

void page_badge_revoke(request *req, response *resp)
{
    badge b;
    int rc = badge_find(req->db, req->a, req->arg, &b);
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
        return;
    }
    const char *confirmed = request_form(req, "confirm");
    if (!confirmed || strcmp(confirmed, "yes") != 0) { /* ask first */
        /* the header keeps its value's pointer: the arena outlives the answer */
        str to = STR_INIT;
        str_printf(&to, "/badges?revoke=%s#confirm", b.public_id);
        const char *location = str_ok(&to) ? arena_strdup(req->a, to.p) : NULL;
        str_free(&to);
        response_redirect(req, resp, location ? location : "/badges");
        return;
    }
    rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = badge_revoke(req->db, req->user.login, b.id);
    rc = store_end(req->db, rc);
    if (rc != STORE_OK && rc != STORE_DONE) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/badges");
}
