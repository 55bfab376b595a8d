/* pages.h - the shared layout, error answers, and every route's handler.
 * Each page or resource lives in its own file: page_<name>.c, api_<name>.c. */
#ifndef GP_PAGES_H
#define GP_PAGES_H
#include <jansson.h>
#include "app/html.h"
#include "web/http.h"
#include "core/labels.h" /* dimension_label */

/* ---- layout.c ---- */

/* Opens the page: head, header with the navigation for the caller's role,
 * and the <main> element with TITLE as its heading. */
void page_begin(request *req, response *resp, const char *title);
/* The name of the organisation REQ works in, as the header, a badge's
 * issuer, a calendar's organiser and /api/v1/me show it, whether a site or
 * one organisation is served: its "name" setting when set, else the name
 * the site's registry gives it; NULL when there is neither (a site's caller
 * who has not chosen an organisation yet, a file without a name). */
const char *org_display_name(request *req);
void page_end(request *req, response *resp);
/* Opens a POST form with the hidden CSRF field every form carries. ATTRS is
 * the rest of the <form> tag, an html_printf format ("action=\"%s\""). */
void form_open(request *req, response *resp, const char *attrs, ...) GP_PRINTF(3, 4);
/* Replaces the response with a localized error (HTML or JSON by path). */
void respond_error(request *req, response *resp, int status, const char *detail);
/* 503 with Retry-After: what a caller asked could not be read just now (a
 * storage error), for the public addresses that must not call it gone. */
void respond_unavailable(request *req, response *resp);
/* Replaces the response with J as JSON (takes the reference). */
void respond_json(request *req, response *resp, int status, json_t *j);
/* FMT formatted into the request's arena (for a %s of html_printf, which
 * escapes it, or a message); "?" when out of memory. */
const char *text_of(request *req, const char *fmt, ...) GP_PRINTF(2, 3);
/* The bytes of a value of the address a message quotes back ("year=abc in
 * the address ..."); a longer one is cut (utf8_prefix) and marked "…". */
enum { ADDRESS_VALUE_SHOWN = 24 };
/* The way every form marks a field: field_described writes, inside its
 * input or select tag, the attributes that tie field NAME to its hint
 * (id "h-NAME", when HINTED) and, when PROBLEM, mark it invalid and tie it
 * to the message field_problem writes under its label (id "e-NAME"). */
void field_described(response *resp, const char *name, bool hinted, const char *problem);
void field_problem(response *resp, const char *name, const char *problem);
/* Marks RESP as a file to save, named FILENAME (after the organisation's
 * slug on a site: "acme-social-balance-2025.csv"). */
void respond_attachment(request *req, response *resp, const char *filename);
/* Sends the contents of FILE as a download named FILENAME; the response owns
 * FILE from here on. */
void respond_download(request *req, response *resp, const char *content_type,
                      const char *filename, FILE *file);
/* A file download made by an app/export.h writer, in three steps: FILE =
 * download_open() (an unlinked temporary file: exports can be hundreds of
 * megabytes, which must not sit in memory), the writer with download_write
 * and FILE, then download_send with whether the writer succeeded. It answers
 * 500 when the file could not be made or written, else the download named
 * BASE plus the extension of FORMAT (an enum export_format), with its
 * content type; it owns FILE from there on. */
FILE *download_open(void);
bool download_write(void *file, const char *data, size_t n);
void download_send(request *req, response *resp, FILE *file, bool written, int format,
                   const char *base);
/* The show_ functions write a value for a page in the request's language,
 * with the conventions of util/locale_fmt.h, into the request's arena. */
/* An FTE, hours or money value (scaled by 10^scale) with PLACES decimals and
 * thousands grouped: "1.234,56". */
const char *show_decimal(request *req, int64_t value, int scale, int places);
/* CENTS as an amount in euro as the language writes it: "€ 1.234,56",
 * "1 234,56 €", "€ 1,234.56". */
const char *show_euro(request *req, int64_t cents);
/* The same for an input's value, which must read back through the import's
 * number parser: the decimal mark only ("1234,56"). */
const char *show_input_decimal(request *req, int64_t value, int scale, int places);
/* NUM/DEN as a percentage with one decimal: "51,4 %". */
const char *show_percent(request *req, int64_t num, int64_t den);
/* A count, thousands grouped: "1.234". */
const char *show_count(request *req, int64_t n);
/* A date as the language writes it: "5/03/2026" (nl), "05/03/2026" (fr). */
const char *show_date(request *req, date_t d);
/* A stored moment ("2026-03-05 14:07:00") as the language writes it. */
const char *show_timestamp(request *req, const char *stamp);
/* The label of group NAME of participation dimension DIM ("F + X" is
 * labelled part by part); the organisation's own names stay as they are. */
const char *show_group(request *req, int dim, const char *name);
/* The name ("An Peeters") of the employee numbered EMPLOYEE_ID, for a page
 * that would otherwise show the number; the number when there is no such
 * employee. One lookup each: for short lists. */
const char *show_person(request *req, const char *employee_id);
/* The absolute address of PATH ("/calendar/T.ics") that people can paste
 * elsewhere: under the public_url setting when it is set, else under serve's
 * --public-url, else the scheme and host the request came to, else the
 * setting's default. */
const char *public_address(request *req, const char *path);
/* Where this server is reached when no public_url setting says: serve
 * --public-url, else the address it listens on (http://localhost:8080),
 * else NULL. What a badge names, which must not come from a request's
 * Host header. */
const char *served_address(const request *req);
/* The translated label of code I of V (core/labels.h). */
struct vocab;
const char *show_code(const struct vocab *v, int i);
/* The step before a destructive or binding action: QUESTION (plain text) in
 * a box with id "confirm", the form that POSTs to ACTION with NAME=VALUE
 * (none when NAME is NULL) and confirm=yes behind the button YES, and the
 * link NO back to BACK that changes nothing. A handler asked without
 * confirm=yes redirects to its page with the question open (#confirm). */
void confirm_box(request *req, response *resp, const char *question, const char *action,
                 const char *name, const char *value, const char *yes, const char *back,
                 const char *no);
/* How a page names the person behind LOGIN (an author, a signer, who
 * recorded something): the name of the employee the login is linked to,
 * else the login itself. The audit log keeps logins. */
const char *person_of_login(request *req, const char *login);
/* What a refused form had in field NAME when AGAIN (the form is shown
 * again as typed), else "": the value of a form's input after a refusal. */
const char *form_again(request *req, bool again, const char *name);
/* The type of a date field that shows VALUE: "date" (with the browser's
 * picker) for a day written as a date field holds it (YYYY-MM-DD) or for
 * nothing; "text" for what a refused form sent otherwise (31/02/2026),
 * which a date field would drop instead of showing it to be corrected. */
const char *form_date_type(const char *value);
/* " checked" when the refused form (AGAIN) sent VALUE for NAME (a checkbox
 * or radio button; NAME may come more than once), else "". */
const char *form_checked(request *req, bool again, const char *name, const char *value);
/* The alert at the top of a page whose form was refused for PROBLEM (a
 * sentence saying what is expected): nothing was saved, and a link down to
 * the form (its id ANCHOR; NULL: none), shown again as typed. Sets the
 * status 422. */
void form_refused(response *resp, const char *problem, const char *anchor);
/* PROBLEM said again inside the refused form, above its fields; nothing
 * when PROBLEM is NULL. */
void form_refused_note(response *resp, const char *problem);

/* ---- page_reports.c: shared by the report pages ---- */
/* The ?year= asked for, or FALLBACK. */
int page_year(request *req, int fallback);
/* A small form to choose the year of ACTION. */
void year_form(request *req, response *resp, const char *action, int year);
/* Social balance B's training section laid out like the National Bank form
 * (gender X noted under the privacy rule with MIN_GROUP), INTRO its first
 * paragraph (NULL: one employer's, ready for its filing). */
struct social_balance;
void social_balance_section(request *req, response *resp, const struct social_balance *b,
                            int min_group, const char *intro);

/* ---- api_data.c ---- */
/* Reads ?offset= and ?limit= (defaults 0 and 100; limit at most 1000). */
void api_paging(request *req, int *offset, int *limit);
struct import_log;
/* The problems of a rejected import, as JSON; ITEMS numbers them as items of
 * a JSON body (line - 1) rather than lines of a file. */
json_t *import_problems_json(const struct import_log *log, bool items);

/* ---- form_import.c ---- */
/* Saves the request's form as a one-row file of KIND (its COLUMNS taken from
 * the form fields of the same names; column FIXED set to FIXED_VALUE when
 * FIXED >= 0), so that a form meets exactly the checks of an import.
 * REPLACE: the learning record the row corrects (0: none). An IMPORT_ code;
 * the problems in LOG. */
int import_form_row(request *req, int kind, const char *const *columns, int fixed,
                    const char *fixed_value, int64_t replace, struct import_log *log);
/* The checks of import_form_row alone: nothing is written. IMPORT_DONE when
 * the form would be saved, IMPORT_REJECTED with LOG's problems added to
 * those already there, IMPORT_FAILED when the store failed. */
int import_form_check(request *req, int kind, const char *const *columns, int fixed,
                      const char *fixed_value, struct import_log *log);
/* Lists the problems of a rejected form. */
void form_problems(response *resp, const struct import_log *log);
/* What a form expected for the import problem P, in the form's words (its
 * fields' labels, a coded field's choices by their labels), in the
 * request's arena. */
struct import_problem;
const char *form_expected(request *req, const struct import_problem *p);
/* The label a form gives import column COLUMN ("working_time": "During
 * working time"), translated, or NULL when no form has it. */
const char *form_column_label(const char *column);

/* ---- page_import.c ---- */
/* Warns of each function named by a certification that no employee has. */
void unknown_targets_warn(request *req, response *resp);

/* ---- page_learning.c ---- */
/* True when the caller may write, correct or delete learning of the
 * employee at ROW: HR, or a manager for their team but not for themselves
 * (nobody confirms their own learning). */
bool may_write_learning(request *req, int64_t row);

/* ---- handlers ---- */
void page_login(request *req, response *resp);
/* /sector: a sector account's page on a site (page_sector.c). */
void page_sector(request *req, response *resp);
/* NEXT when it is a path of this site to go to after a login or a choice
 * ("/reports?year=2025"), checked as given and with its %-escapes decoded;
 * "/" for anything else ("//evil.example", "/\\evil.example", NULL). */
const char *safe_next(request *req, const char *next);
/* TO ("/login?next=") followed by REQ's path and query ("/reports?year=2026"),
 * %-encoded as one value, so that a login or a choice of organisation comes
 * back to the same page; in REQ's arena, NULL when out of memory. */
const char *next_address(request *req, const char *to);
void page_login_post(request *req, response *resp);
void page_logout(request *req, response *resp);
void page_language(request *req, response *resp);
void page_home(request *req, response *resp);
void page_employees(request *req, response *resp);
void page_employee(request *req, response *resp);
void page_employee_new(request *req, response *resp);
void page_employee_edit(request *req, response *resp);
void page_my_learning(request *req, response *resp);
void page_catalogue(request *req, response *resp);
void page_static(request *req, response *resp);
void page_favicon(request *req, response *resp);
void page_health(request *req, response *resp);
void api_me(request *req, response *resp);
void api_employees(request *req, response *resp);
void api_openapi(request *req, response *resp);
void api_report(request *req, response *resp);
void api_post_employees(request *req, response *resp);
void api_post_activities(request *req, response *resp);
void api_post_learning(request *req, response *resp);
void api_activities(request *req, response *resp);
void api_learning(request *req, response *resp);
void page_reports(request *req, response *resp);
void page_report_download(request *req, response *resp);
void page_import(request *req, response *resp);
void page_import_post(request *req, response *resp);
void page_import_template(request *req, response *resp);
void page_record_new(request *req, response *resp);
void page_record_edit(request *req, response *resp);
void page_record_delete(request *req, response *resp);
void page_log_learning(request *req, response *resp);
void page_team_claims(request *req, response *resp);
void page_claim_decide(request *req, response *resp);
void page_export(request *req, response *resp);
void page_activity_edit(request *req, response *resp);
void page_users(request *req, response *resp);
void page_users_post(request *req, response *resp);
void page_users_remove(request *req, response *resp);
/* /settings: the organisation's settings, HR only (page_settings.c) */
void page_settings(request *req, response *resp);
void page_account(request *req, response *resp);
void page_account_post(request *req, response *resp);
void page_plans(request *req, response *resp);
void page_plans_post(request *req, response *resp);
void page_plan(request *req, response *resp);
void page_plan_texts(request *req, response *resp);
void page_plan_initiative(request *req, response *resp);
/* GET /plans/:year/<form>: redirects to the plan (page_plan.c). */
void page_plan_form_get(request *req, response *resp);
void page_plan_budget(request *req, response *resp);
void page_plan_state(request *req, response *resp);
void page_plan_comment(request *req, response *resp);
void page_plan_evaluation(request *req, response *resp);
void page_plan_package(request *req, response *resp);
void page_scans(request *req, response *resp);
void page_scan(request *req, response *resp);
void page_scan_post(request *req, response *resp);
void page_scan_compare(request *req, response *resp);
void page_my_right(request *req, response *resp);
void page_team_right(request *req, response *resp);
void page_all_right(request *req, response *resp);
/* Competences, gaps, needs and development plans (page_competences.c,
 * api_competences.c). */
void api_report_gaps(request *req, response *resp);
void page_competences(request *req, response *resp);
void page_competences_post(request *req, response *resp);
void page_profiles_post(request *req, response *resp);
void page_competence(request *req, response *resp);
void page_gaps(request *req, response *resp);
void page_gaps_organisation(request *req, response *resp);
void page_person_competences(request *req, response *resp);
void page_my_competences(request *req, response *resp);
/* Links from a person's page to their competences and development plan. */
void person_competence_links(request *req, response *resp, const employee *e);
void page_needs(request *req, response *resp);
void page_needs_post(request *req, response *resp);
void page_need_status(request *req, response *resp);
void page_development(request *req, response *resp);
void page_my_development(request *req, response *resp);
/* The open needs of the register, for the annual plan's page. */
void plan_needs_section(request *req, response *resp);
void page_plan_needs_text(request *req, response *resp);
/* ---- page_onboarding.c: onboarding and workplace learning ---- */
void api_onboarding_report(request *req, response *resp);
void page_onboarding(request *req, response *resp);
void page_mentor_post(request *req, response *resp);
void page_mentor_update(request *req, response *resp);
void page_trajectory(request *req, response *resp);
void page_trajectory_post(request *req, response *resp);
void page_onboarding_document(request *req, response *resp);
void page_review_post(request *req, response *resp);
void page_module_sign(request *req, response *resp);
void page_templates(request *req, response *resp);
void page_templates_post(request *req, response *resp);
void page_communities(request *req, response *resp);
void page_communities_post(request *req, response *resp);
void page_community(request *req, response *resp);
void page_community_post(request *req, response *resp);
void page_rotations(request *req, response *resp);
void page_rotations_post(request *req, response *resp);
void page_rotation_complete(request *req, response *resp);
/* The home page's part: a newcomer's trajectory, a mentor's link. */
void onboarding_home(request *req, response *resp);
/* page_certifications.c (issue 13) */
void page_certifications(request *req, response *resp);
void api_certifications(request *req, response *resp);
void page_certifications_renew(request *req, response *resp);
/* The certification reminders on the overview (and the day's sending). */
void home_certifications(request *req, response *resp);
/* page_evaluation.c (issue 13) */
void page_evaluation(request *req, response *resp);
void page_my_evaluations(request *req, response *resp);
void page_my_evaluation_post(request *req, response *resp);
void page_record_tests(request *req, response *resp);
void page_team_followups(request *req, response *resp);
void page_followup_post(request *req, response *resp);
void page_plan_indicators(request *req, response *resp);
void page_plan_remarks(request *req, response *resp);
/* page_eval_raise.c (issue 13): an evaluation raises a need or a remark
 * for next year's plan, in one click. */
void page_evaluation_need(request *req, response *resp);
void page_evaluation_remark(request *req, response *resp);
/* What the last click did (the page's ?raised=), as a notice. */
void eval_raised_notice(request *req, response *resp);
/* The button that raises an open need for the person of RECORD_ID (its
 * follow-up was judged "not applied", or FROM_TEST: its test failed). */
void eval_raise_record_button(request *req, response *resp, int64_t record_id, bool from_test);
/* HR: for each of the N activities of SUMS whose results of YEAR are low,
 * the buttons that raise a need or a remark for next year's plan. */
struct eval_activity_summary;
void eval_raise_activity_section(request *req, response *resp, int year,
                                 const struct eval_activity_summary *sums, size_t n);
/* The four levels on the plan's evaluation page, and the overview's tasks.
 * REFUSED ("indicator", "remark" or NULL) is the id of HR's form below them
 * that was refused for PROBLEM, shown again as typed. */
struct plan_view;
void plan_evaluation_levels(request *req, response *resp, const struct plan_view *v,
                            const char *refused, const char *problem);
/* page_plan.c: the evaluation page of the path's plan, its form REFUSED of
 * the four levels refused for PROBLEM (status 422). */
void plan_evaluation_refused(request *req, response *resp, const char *refused,
                             const char *problem);
void home_evaluation(request *req, response *resp);
/* On the overview of a manager or HR: how many enrolments wait for their
 * approval, with the way to them; nothing when none does. */
void home_enrolments(request *req, response *resp);
/* On a plan: the remarks the evaluation of the year before left for it. */
void plan_lessons_from_last_year(request *req, response *resp, const struct plan_view *v);
/* page_sessions.c: organising training */
void page_sessions(request *req, response *resp);
void page_session(request *req, response *resp);
void page_session_new(request *req, response *resp);
void page_session_edit(request *req, response *resp);
void page_session_cancel(request *req, response *resp);
void page_session_enrol(request *req, response *resp);
void page_session_group(request *req, response *resp);
void page_session_ics(request *req, response *resp);
void page_session_attendance(request *req, response *resp);
void page_session_close(request *req, response *resp);
void page_session_figures(request *req, response *resp);
void page_enrolment_cancel(request *req, response *resp);
void page_enrolment_decide(request *req, response *resp);
void page_enrolment_agreement(request *req, response *resp);
void page_team_enrolments(request *req, response *resp);
void page_my_sessions(request *req, response *resp);
void page_my_calendar_renew(request *req, response *resp);
void page_calendar_feed(request *req, response *resp);
void page_outbox(request *req, response *resp);
void api_sessions(request *req, response *resp);
/* page_incentives.c, for the plan's budget: the subsidies expected for
 * YEAR and the planned cost PLANNED (cents) net of them. */
void plan_expected_subsidies(request *req, response *resp, int year, int64_t planned);
void page_incentives(request *req, response *resp);
void page_incentive_claim_new(request *req, response *resp);
void page_incentive_claim_move(request *req, response *resp);
void page_incentive_schemes(request *req, response *resp);
void page_incentive_params_add(request *req, response *resp);
void page_incentive_scheme_add(request *req, response *resp);
void api_incentives(request *req, response *resp);
void page_my_badges(request *req, response *resp);
void page_my_badges_issue(request *req, response *resp);
void page_my_badge_download(request *req, response *resp);
void page_badges(request *req, response *resp);
void page_badge_issuer(request *req, response *resp);
void page_badge_verify(request *req, response *resp);
void page_badge_site(request *req, response *resp);
void page_badge_revoke(request *req, response *resp);

#endif
