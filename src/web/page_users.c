/* page_users.c - /users: HR creates the logins of colleagues and resets
 * passwords; /account: everyone changes their own password. */
#include "web/auth.h"
#include "web/pages.h"
#include "store/site.h"
#include "core/labels.h"
#include "util/crypto.h"
#include "util/i18n.h"
#include <string.h>

#define MIN_PASSWORD 8

static void users_table(request *req, response *resp)
{
    user *list;
    size_t n;
    if (users_list(req->db, req->a, &list, &n) != STORE_OK)
        return;
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Login name"), _("Role"), _("Employee"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<tr><td translate=\"no\">%s</td><td>%s</td><td>%s</td></tr>",
                    list[i].login,
                    _(role_label(list[i].role)), list[i].employee_id ? list[i].employee_id : "—");
    html_raw(&resp->body, "</tbody></table></div>");
}

static void users_page(request *req, response *resp, const char *message, bool error)
{
    page_begin(req, resp, _("Users"));
    if (message)
        html_printf(&resp->body, "<p class=\"%s\" role=\"%s\">%s</p>", error ? "error" : "",
                    error ? "alert" : "status", message);
    users_table(req, resp);
    html_printf(&resp->body, "<h2>%s</h2>", _("A new login"));
    form_open(req, resp, "action=\"/users\" class=\"narrow\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"add\">");
    /* A refused form comes back as it was typed (the password excepted). */
    bool again = error && request_form(req, "action") &&
                 strcmp(request_form(req, "action"), "add") == 0;
    const char *login = again ? request_form(req, "login") : NULL;
    const char *employee_id = again ? request_form(req, "employee_id") : NULL;
    html_printf(&resp->body, "<label for=\"u-login\">%s</label><input id=\"u-login\" "
                             "name=\"login\" value=\"%s\" required autocomplete=\"off\">"
                             "<label for=\"u-role\">%s</label><select id=\"u-role\" name=\"role\">",
                _("Login name"), login ? login : "", _("Role"));
    /* The least access is the default: an admin login is chosen on purpose.
     * A refused form keeps the role that was chosen. */
    const char *chosen = error ? request_form(req, "role") : NULL;
    if (!chosen || role_from_name(chosen) == 0)
        chosen = "employee";
    for (int i = 0; i < vocab_role.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_role.names[i],
                    strcmp(chosen, vocab_role.names[i]) == 0 ? " selected" : "",
                    show_code(&vocab_role, i));
    html_printf(&resp->body, "</select><label for=\"u-emp\">%s</label><input id=\"u-emp\" "
                             "name=\"employee_id\" value=\"%s\"><label for=\"u-pw\">%s</label><input "
                             "id=\"u-pw\" name=\"password\" type=\"password\" required "
                             "minlength=\"8\" autocomplete=\"new-password\"><button>%s</button>"
                             "</form>",
                _("Employee number (optional)"), employee_id ? employee_id : "",
                _("First password (at least 8 characters)"),
                _("Create"));
    html_printf(&resp->body, "<h2>%s</h2>", _("A new password for someone"));
    form_open(req, resp, "action=\"/users\" class=\"narrow\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"password\">");
    /* a refused new password keeps whose it was */
    bool again_pw = error && request_form(req, "action") &&
                    strcmp(request_form(req, "action"), "password") == 0;
    const char *pw_login = again_pw ? request_form(req, "login") : NULL;
    html_printf(&resp->body, "<label for=\"p-login\">%s</label><input id=\"p-login\" "
                             "name=\"login\" required value=\"%s\"><label for=\"p-pw\">%s"
                             "</label><input "
                             "id=\"p-pw\" name=\"password\" type=\"password\" required "
                             "minlength=\"8\" autocomplete=\"new-password\"><button>%s</button>"
                             "</form>",
                _("Login name"), pw_login ? pw_login : "",
                _("New password (at least 8 characters)"), _("Save"));
    page_end(req, resp);
}

void page_users(request *req, response *resp)
{
    /* after a change, said on the page it redirected to (a reload does
     * not post the form again) */
    const char *done = request_query(req, "done");
    users_page(req, resp, !done                              ? NULL
                          : strcmp(done, "created") == 0     ? _("The login was created.")
                          : strcmp(done, "password") == 0   ? _("The password was changed.")
                                                             : NULL,
               false);
}

/* Hashes PASSWORD into HASH; a message when it is too short. */
static const char *hash_password(const char *password, char *hash, size_t n)
{
    if (!password || strlen(password) < MIN_PASSWORD)
        return _("A password needs at least 8 characters.");
    if (!password_hash(password, hash, n))
        return _("Something went wrong on our side");
    return NULL;
}

void page_users_post(request *req, response *resp)
{
    const char *action = request_form(req, "action"), *login = request_form(req, "login");
    const char *role = request_form(req, "role"), *employee_id = request_form(req, "employee_id");
    char hash[256];
    const char *problem = !login || !*login ? _("Give a login name.")
                        : hash_password(request_form(req, "password"), hash, sizeof hash);
    bool add = action && strcmp(action, "add") == 0;
    int r = add && role ? role_from_name(role) : 0;
    if (!problem && add && !r)
        problem = _("Choose a role.");
    if (problem) {
        resp->status = 400;
        users_page(req, resp, problem, true);
        return;
    }
    /* A login shared with another organisation is the person's on the whole
     * site: one organisation's admin does not set what the others' use. */
    int shared = add ? 0 : site_login_shared(req->db, login);
    if (shared > 0) {
        resp->status = 409;
        users_page(req, resp, _("This login also belongs to another organisation: only its "
                                "owner can change its password, on My account."), true);
        return;
    }
    if (shared < 0 || store_begin(req->db) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    int rc = add ? users_add(req->db, req->user.login, login, hash, r,
                             employee_id && *employee_id ? employee_id : NULL)
                 : users_set_password(req->db, req->user.login, login, hash, false);
    if ((rc = store_end(req->db, rc)) == STORE_OK) {
        response_redirect(req, resp, add ? "/users?done=created" : "/users?done=password");
        return;
    }
    if (rc == STORE_ERROR) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    resp->status = rc == STORE_DONE ? 404 : 409;
    /* On a site a login is the person's everywhere, so one taken only in
     * another organisation is taken here too: said as such, naming none,
     * with the way to add a person who already has it. */
    const char *why = rc == STORE_DONE ? _("There is no user with that login name.")
                    : add && employee_id && *employee_id && employees_row(req->db, employee_id) == 0
                        ? _("There is no employee with that number.")
                    : req->org ? _("That login name is already in use on this site, where a login "
                                   "counts for every organisation: choose another. If the person "
                                   "already has it for another organisation here, the site's "
                                   "administrator can give it a role in yours too.")
                               : _("That login name is taken: choose another.");
    users_page(req, resp, why, true);
}

static void account_page(request *req, response *resp, const char *message, bool error)
{
    page_begin(req, resp, _("My account"));
    if (message)
        html_printf(&resp->body, "<p class=\"%s\" role=\"%s\">%s</p>", error ? "error" : "",
                    error ? "alert" : "status", message);
    form_open(req, resp, "action=\"/account\" class=\"narrow\"");
    html_printf(&resp->body, "<label for=\"old\">%s</label><input id=\"old\" name=\"old\" "
                             "type=\"password\" required autocomplete=\"current-password\">"
                             "<label for=\"new\">%s</label><input id=\"new\" name=\"new\" "
                             "type=\"password\" required minlength=\"8\" "
                             "autocomplete=\"new-password\"><button>%s</button></form>",
                _("Current password"), _("New password (at least 8 characters)"),
                _("Change my password"));
    page_end(req, resp);
}

void page_account(request *req, response *resp)
{
    account_page(req, resp, NULL, false);
}

void page_account_post(request *req, response *resp)
{
    user u;
    str old_hash = STR_INIT;
    int found = users_find(req->db, req->a, req->user.login, &u, &old_hash);
    const char *old = request_form(req, "old");
    bool right = found == STORE_ROW && old && password_verify(str_cstr(&old_hash), old);
    str_free(&old_hash);
    char hash[256];
    const char *problem = !right ? _("Your current password is not right.")
                                 : hash_password(request_form(req, "new"), hash, sizeof hash);
    if (problem) {
        resp->status = 400;
        account_page(req, resp, problem, true);
        return;
    }
    /* A login of several organisations: the person's own password, set on
     * the whole site (the organisation's view of users refuses it). */
    int shared = site_login_shared(req->db, req->user.login);
    int rc = shared < 0 ? STORE_ERROR : store_begin(req->db);
    if (rc == STORE_OK)
        rc = users_set_password(req->db, req->user.login, req->user.login, hash, shared == 1);
    if (store_end(req->db, rc) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* Every session ended with the old password: log in again. */
    auth_logout(req, resp);
    response_redirect(req, resp, "/login");
}
