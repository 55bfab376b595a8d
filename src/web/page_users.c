/* page_users.c - /users: HR creates the logins of colleagues, resets
 * passwords, changes their roles and removes them (after a confirmation,
 * /users/remove); /account: everyone changes their own password. */
#include "web/auth.h"
#include "web/pages.h"
#include "store/site.h"
#include "core/labels.h"
#include "util/crypto.h"
#include "util/i18n.h"
#include <string.h>

#define MIN_PASSWORD 8

/* The options of a role select, ROLE's chosen. */
static void role_options(response *resp, const char *chosen)
{
    for (int i = 0; i < vocab_role.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_role.names[i],
                    strcmp(chosen, vocab_role.names[i]) == 0 ? " selected" : "",
                    show_code(&vocab_role, i));
}

/* The row of user U (the Nth): its role to change, a way to remove it. */
static void user_row(request *req, response *resp, const user *u, size_t n)
{
    html_printf(&resp->body, "<tr><td translate=\"no\">%s</td><td>%s</td><td>",
                u->login, _(role_label(u->role)));
    if (u->employee_id) {
        html_printf(&resp->body, "%s", u->employee_id);
    } else {
        /* a login made without its employee has no team and no pages of
         * its own: it is linked here, not made again */
        form_open(req, resp, "action=\"/users\" class=\"inline\"");
        html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"link\">"
                                 "<input type=\"hidden\" name=\"login\" value=\"%s\">"
                                 "<label class=\"sr\" for=\"e-%zu\">%s %s</label>"
                                 "<input id=\"e-%zu\" name=\"employee_id\" size=\"8\" required> "
                                 "<button>%s</button></form>",
                    u->login, n, _("Employee number of"), u->login, n, _("Link"));
    }
    html_raw(&resp->body, "</td><td>");
    form_open(req, resp, "action=\"/users\" class=\"inline\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"role\">"
                             "<input type=\"hidden\" name=\"login\" value=\"%s\">"
                             "<label class=\"sr\" for=\"r-%zu\">%s %s</label>"
                             "<select id=\"r-%zu\" name=\"role\">",
                u->login, n, _("New role of"), u->login, n);
    role_options(resp, role_name(u->role));
    html_printf(&resp->body, "</select> <button>%s</button></form>", _("Change role"));
    /* Removing asks first, on a page of its own: a GET that changes nothing. */
    html_printf(&resp->body, "<form method=\"get\" action=\"/users/remove\" class=\"inline\">"
                             "<input type=\"hidden\" name=\"login\" value=\"%s\">"
                             "<button class=\"secondary\">%s</button></form></td></tr>",
                u->login, _("Remove…"));
}

static void users_table(request *req, response *resp)
{
    user *list;
    size_t n;
    if (users_list(req->db, req->a, &list, &n) != STORE_OK)
        return;
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Login name"), _("Role"), _("Employee"), _("Change"));
    for (size_t i = 0; i < n; i++)
        user_row(req, resp, &list[i], i);
    html_raw(&resp->body, "</tbody></table></div>");
}

static void users_page(request *req, response *resp, const char *message, bool error)
{
    page_begin(req, resp, _("Users"));
    /* A change refused for what it would do (422) says so as every form's
     * refusal does; a form that could not be read, as before. */
    if (message && error && resp->status == 422)
        form_refused(resp, message, NULL);
    else if (message)
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
    role_options(resp, chosen);
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
                          : strcmp(done, "role") == 0       ? _("The role was changed.")
                          : strcmp(done, "linked") == 0     ? _("The login is now linked to "
                                                                "the employee.")
                          : strcmp(done, "same") == 0       ? _("Nothing changed: that is "
                                                                "your role already.")
                          : strcmp(done, "removed") == 0    ? _("The user was removed.")
                          : strcmp(done, "removed_login") == 0
                              ? _("The user was removed; it was their only organisation on this "
                                  "site, so their login is gone from the site too.")
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

/* The refusal of a change that would leave the organisation without an
 * admin, as the page says it (422). */
static void only_admin(request *req, response *resp, const char *login)
{
    str why = STR_INIT;
    str_printf(&why, _("%s is the only admin of this organisation, which would have nobody left "
                       "to manage its users: make someone else admin first."), login);
    resp->status = 422;
    users_page(req, resp, str_ok(&why) ? str_cstr(&why) : _("Something went wrong on our side"),
               true);
    str_free(&why);
}

/* After a change to LOGIN's role or membership (done DONE), or the answer
 * to its refusal RC. A person who took away their own admin role, or
 * themselves, goes where they may still go. */
static void user_changed(request *req, response *resp, int rc, const char *login,
                         const char *done)
{
    bool self = strcmp(login, req->user.login) == 0;
    if (rc == STORE_OK && self && strncmp(done, "removed", 7) == 0) {
        auth_logout(req, resp); /* their session here has ended */
        response_redirect(req, resp, "/login");
    } else if (rc == STORE_OK && self && strcmp(done, "role") == 0)
        response_redirect(req, resp, "/");
    else if (rc == STORE_OK)
        response_redirect(req, resp, strcmp(done, "role") == 0      ? "/users?done=role"
                                     : strcmp(done, "removed") == 0 ? "/users?done=removed"
                                                                    : "/users?done=removed_login");
    else if (rc == STORE_CONSTRAINT)
        only_admin(req, resp, login);
    else if (rc == STORE_DONE) {
        resp->status = 404;
        users_page(req, resp, _("There is no user with that login name."), true);
    } else
        respond_error(req, resp, 500, NULL);
}

/* POST /users action=role: LOGIN gets another role here. */
static void role_post(request *req, response *resp, const char *login)
{
    const char *role = request_form(req, "role");
    int r = role ? role_from_name(role) : 0;
    if (!r) {
        resp->status = 422;
        users_page(req, resp, _("Choose a role."), true);
        return;
    }
    /* one's own role as it is: nothing to do, and no reason to leave the page */
    if (strcmp(login, req->user.login) == 0 && r == req->user.role) {
        response_redirect(req, resp, "/users?done=same");
        return;
    }
    int rc = store_begin(req->db);
    rc = store_end(req->db, rc == STORE_OK ? users_set_role(req->db, req->user.login, login, r)
                                           : rc);
    user_changed(req, resp, rc, login, "role");
}

/* POST /users action=link: LOGIN becomes the login of employee
 * EMPLOYEE_ID. */
static void link_post(request *req, response *resp, const char *login, const char *employee_id)
{
    int64_t row = employee_id && *employee_id ? employees_row(req->db, employee_id) : 0;
    if (row < 0) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *has = NULL;
    if (row > 0 && users_of_employee(req->db, req->a, employee_id, &has) == STORE_ROW &&
        strcmp(has, login) != 0) {
        resp->status = 422;
        users_page(req, resp, text_of(req, _("Employee %s already has the login name %s: an "
                                             "employee has one login. Change its role in the "
                                             "list above, or remove it first."),
                                      employee_id, has),
                   true);
        return;
    }
    if (row == 0) {
        resp->status = 422;
        users_page(req, resp, _("There is no employee with that number."), true);
        return;
    }
    int rc = store_begin(req->db);
    rc = store_end(req->db, rc == STORE_OK ? users_set_employee(req->db, req->user.login, login,
                                                                row)
                                           : rc);
    if (rc == STORE_OK)
        response_redirect(req, resp, "/users?done=linked");
    else if (rc == STORE_CONSTRAINT) /* the employee got a login meanwhile */
        respond_error(req, resp, 409, NULL);
    else
        user_changed(req, resp, rc, login, "link");
}

/* POST /users action=remove (from the confirmation page): LOGIN leaves. */
static void remove_post(request *req, response *resp, const char *login)
{
    int64_t others = -1;
    int rc = store_begin(req->db);
    rc = store_end(req->db, rc == STORE_OK ? users_remove(req->db, req->user.login, login,
                                                          &others)
                                           : rc);
    user_changed(req, resp, rc, login, others == 0 ? "removed_login" : "removed");
}

/* GET /users/remove?login=L: who would be removed and what follows, with
 * the button that does it; nothing changes until it is pressed. */
void page_users_remove(request *req, response *resp)
{
    const char *login = request_query(req, "login");
    user *list;
    size_t n;
    if (users_list(req->db, req->a, &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const user *u = NULL;
    size_t admins = 0;
    for (size_t i = 0; i < n; i++) {
        admins += list[i].role == ROLE_ADMIN;
        if (login && strcmp(list[i].login, login) == 0)
            u = &list[i];
    }
    if (!u) {
        resp->status = 404;
        users_page(req, resp, _("There is no user with that login name."), true);
        return;
    }
    if (u->role == ROLE_ADMIN && admins == 1) {
        only_admin(req, resp, u->login);
        return;
    }
    page_begin(req, resp, _("Remove a user"));
    html_printf(&resp->body, "<dl class=\"facts\"><dt>%s</dt><dd translate=\"no\">%s</dd>"
                             "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                _("Login name"), u->login, _("Role"), _(role_label(u->role)), _("Employee"),
                u->employee_id ? show_person(req, u->employee_id) : "—");
    html_printf(&resp->body, "<p>%s</p>",
                _("They can no longer log in to this organisation: their sessions and API "
                  "tokens here end at once. Their employee record and learning stay. This "
                  "cannot be undone; a new login can be made for them later."));
    int64_t others = -1;
    if (req->org && users_elsewhere(req->db, u->login, &others) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (others > 0)
        html_printf(&resp->body, "<p>%s</p>",
                    _("On this site the login stays theirs in the other organisations they "
                      "belong to."));
    else if (others == 0)
        html_printf(&resp->body, "<p><strong>%s</strong></p>",
                    _("This is their only organisation on this site: their login is deleted "
                      "from the site too (the name can later be given to someone else)."));
    form_open(req, resp, "action=\"/users\" class=\"inline\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"remove\">"
                             "<input type=\"hidden\" name=\"login\" value=\"%s\">"
                             "<button>%s</button></form><a href=\"/users\">%s</a>",
                u->login, _("Yes, remove this user"), _("Back to the users"));
    page_end(req, resp);
}

void page_users_post(request *req, response *resp)
{
    const char *action = request_form(req, "action"), *login = request_form(req, "login");
    const char *role = request_form(req, "role"), *employee_id = request_form(req, "employee_id");
    if (action && login && *login && strcmp(action, "role") == 0) {
        role_post(req, resp, login);
        return;
    }
    if (action && login && *login && strcmp(action, "remove") == 0) {
        remove_post(req, resp, login);
        return;
    }
    if (action && login && *login && strcmp(action, "link") == 0) {
        link_post(req, resp, login, employee_id);
        return;
    }
    /* every mistake at once: the login, the password, the role */
    char hash[256];
    bool add = action && strcmp(action, "add") == 0;
    int r = add && role ? role_from_name(role) : 0;
    const char *wrong[3] = {!login || !*login ? _("Give a login name.") : NULL,
                            hash_password(request_form(req, "password"), hash, sizeof hash),
                            add && !r ? _("Choose a role.") : NULL};
    const char *problem = NULL;
    for (size_t i = 0; i < 3; i++)
        if (wrong[i])
            problem = problem ? text_of(req, "%s %s", problem, wrong[i]) : wrong[i];
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
    /* One login per employee: the one they have is named, for HR to use */
    const char *has = NULL;
    if (add && employee_id && *employee_id &&
        users_of_employee(req->db, req->a, employee_id, &has) == STORE_ROW) {
        str why = STR_INIT;
        str_printf(&why, _("Employee %s already has the login name %s: an employee has one login. "
                           "Change its role in the list above, or remove it first."),
                   employee_id, has);
        users_page(req, resp, str_ok(&why) ? str_cstr(&why) : _("Something went wrong on our side"),
                   true);
        str_free(&why);
        return;
    }
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
    if (req->site && !req->sector) /* one password for all the person's organisations */
        html_printf(&resp->body, "<p>%s</p>",
                    _("Your password is the same for every organisation of this site you "
                      "belong to: changing it here changes it for all of them, and your "
                      "sessions there end."));
    form_open(req, resp, "action=\"/account\" class=\"narrow\"");
    html_printf(&resp->body, "<label for=\"old\">%s</label><input id=\"old\" name=\"old\" "
                             "type=\"password\" required autocomplete=\"current-password\">"
                             "<label for=\"new\">%s</label><input id=\"new\" name=\"new\" "
                             "type=\"password\" required minlength=\"8\" "
                             "autocomplete=\"new-password\"><label for=\"again\">%s</label>"
                             "<input id=\"again\" name=\"again\" type=\"password\" required "
                             "minlength=\"8\" autocomplete=\"new-password\"><button>%s</button>"
                             "</form>",
                _("Current password"), _("New password (at least 8 characters)"),
                _("The new password again"), _("Change my password"));
    page_end(req, resp);
}

void page_account(request *req, response *resp)
{
    account_page(req, resp, NULL, false);
}

/* The stored hash of the caller's password into HASH: their user's in the
 * organisation, or a sector account's in the site's registry (it belongs
 * to no organisation). STORE_ROW when found. */
static int own_password_hash(request *req, str *hash)
{
    if (req->sector) {
        const char *h;
        int rc = site_account_hash(req->db, req->a, req->user.login, &h);
        if (rc == STORE_ROW)
            str_puts(hash, h);
        return rc;
    }
    user u;
    return users_find(req->db, req->a, req->user.login, &u, hash);
}

void page_account_post(request *req, response *resp)
{
    str old_hash = STR_INIT;
    int found = own_password_hash(req, &old_hash);
    const char *old = request_form(req, "old");
    bool right = found == STORE_ROW && old && password_verify(str_cstr(&old_hash), old);
    str_free(&old_hash);
    char hash[256];
    /* the form asks twice, so that a typo does not lock the person out;
     * a script may send it once */
    const char *fresh = request_form(req, "new"), *again = request_form(req, "again");
    const char *problem =
        !right                                          ? _("Your current password is not right.")
        : again && (!fresh || strcmp(fresh, again) != 0) ? _("The two new passwords differ.")
                                                        : hash_password(fresh, hash, sizeof hash);
    if (problem) {
        resp->status = 400;
        account_page(req, resp, problem, true);
        return;
    }
    /* A login of several organisations: the person's own password, set on
     * the whole site (the organisation's view of users refuses it); a
     * sector account's is the site's too. */
    int shared = req->sector ? 1 : site_login_shared(req->db, req->user.login);
    int rc = shared < 0 ? STORE_ERROR : store_begin(req->db);
    if (rc == STORE_OK)
        rc = users_set_password(req->db, req->user.login, req->user.login, hash, shared == 1);
    if (store_end(req->db, rc) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* Every session ended with the old password: log in again, told why. */
    auth_logout(req, resp);
    response_redirect(req, resp, "/login?changed=password");
}
