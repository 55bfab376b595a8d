/* page_scans.c - /scans: the policy scans, filled in by the employer side
 * (admin) and the representatives separately, compared side by side with the
 * differences highlighted, the unchecked statements as priorities, and the
 * scores kept per year so progress shows. */
#include "web/pages.h"
#include "util/locale_fmt.h"
#include "core/scan.h"
#include "store/plans.h"
#include "util/embed.h"
#include "util/i18n.h"
#include <stdlib.h>
#include <string.h>

static const char *side_of(const request *req)
{
    return req->user.role == ROLE_REPRESENTATIVE ? "representatives" : "employer";
}

/* The definition of scan ID in the request's language; false when unknown. */
static bool load_scan(request *req, const char *id, scan_def *d)
{
    bool known = false;
    for (int i = 0; i < SCAN_COUNT; i++)
        known |= strcmp(scan_ids[i], id) == 0;
    if (!known)
        return false;
    char name[64];
    snprintf(name, sizeof name, "%s.%s.json", id, req->lang);
    const struct embedded_file *f = embed_find(embedded_scans, name);
    if (!f) {
        snprintf(name, sizeof name, "%s.en.json", id);
        f = embed_find(embedded_scans, name);
    }
    return f && scan_parse(req->a, (const char *)f->data, f->len, d);
}

typedef struct answers {
    scan_answer *list;
    size_t n;
} answers;

static bool applies(void *ctx, const char *statement)
{
    const answers *a = ctx;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->list[i].statement, statement) == 0)
            return a->list[i].applies;
    return false;
}

static int64_t query_function(request *req)
{
    const char *f = request_query(req, "function");
    if (!f)
        f = request_form(req, "function");
    return f ? atoll(f) : 0;
}

/* The function choice of the per-function scan. */
static void function_select(request *req, response *resp, int64_t current)
{
    group_count *functions;
    size_t n;
    html_printf(&resp->body, "<label>%s <select name=\"function\">", _("Function"));
    if (functions_list(req->db, req->a, &functions, &n) == STORE_OK)
        for (size_t i = 0; i < n; i++)
            html_printf(&resp->body, "<option value=\"%lld\"%s>%s</option>",
                        (long long)functions[i].count,
                        functions[i].count == current ? " selected" : "", functions[i].name);
    html_raw(&resp->body, "</select></label>");
}

/* The side's name, in words. */
static const char *side_label(const char *side)
{
    return strcmp(side, "employer") == 0 ? _("the employer") : _("the representatives");
}

void page_scans(request *req, response *resp)
{
    page_begin(req, resp, _("Policy scans"));
    html_printf(&resp->body, "<p>%s</p><ul class=\"cards\">",
                _("Each side answers on its own: the employer side here as HR, the "
                  "representatives from their own login. Then compare."));
    for (int i = 0; i < SCAN_COUNT; i++) {
        scan_def d;
        if (!load_scan(req, scan_ids[i], &d))
            continue;
        html_printf(&resp->body, "<li><strong>%s</strong><p>%s</p><a href=\"/scans/%s\">%s</a> · "
                                 "<a href=\"/scans/%s/compare\">%s</a></li>",
                    d.title, d.intro ? d.intro : "", d.id, _("Answer"), d.id, _("Compare"));
    }
    html_raw(&resp->body, "</ul>");
    page_end(req, resp);
}

void page_scan(request *req, response *resp)
{
    scan_def d;
    if (!load_scan(req, req->arg, &d)) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    int year = page_year(req, date_year(date_today()));
    int64_t function = d.per_function ? query_function(req) : 0;
    answers mine = {NULL, 0};
    if (scan_answers_get(req->db, req->a, d.id, year, side_of(req), function, &mine.list,
                         &mine.n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, d.title);
    html_printf(&resp->body, "<p>%s</p><form method=\"get\" action=\"/scans/%s\" "
                             "class=\"filters\"><label>%s <input name=\"year\" type=\"number\" "
                             "value=\"%d\"></label>",
                d.intro ? d.intro : "", d.id, _("Year"), year);
    if (d.per_function)
        function_select(req, resp, function);
    html_printf(&resp->body, "<button>%s</button></form>", _("Show"));
    if (d.per_function && function <= 0) {
        html_printf(&resp->body, "<p>%s</p>", _("Choose a function first."));
        page_end(req, resp);
        return;
    }
    form_open(req, resp, "action=\"/scans/%s\"", d.id);
    html_printf(&resp->body, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
                             "<input type=\"hidden\" name=\"function\" value=\"%lld\">",
                year, (long long)function);
    html_printf(&resp->body, "<p>%s: <strong>%s</strong></p>", _("You answer for"),
                side_label(side_of(req)));
    for (size_t i = 0; i < d.naspects; i++) {
        /* A block apart gets its own heading; its statements answer its question. */
        if (d.aspects[i].separate)
            html_printf(&resp->body, "<h2>%s</h2><fieldset><legend>%s</legend>",
                        d.aspects[i].title, d.aspects[i].question);
        else
            html_printf(&resp->body, "<fieldset><legend>%s</legend>", d.aspects[i].title);
        for (size_t k = 0; k < d.aspects[i].n; k++) {
            const scan_statement *st = &d.aspects[i].statements[k];
            html_printf(&resp->body, "<label class=\"check\"><input type=\"checkbox\" "
                                     "name=\"s_%s\" value=\"1\"%s> %s</label>",
                        st->id, applies(&mine, st->id) ? " checked" : "", st->text);
        }
        html_raw(&resp->body, "</fieldset>");
    }
    html_printf(&resp->body, "<button>%s</button></form>", _("Save"));
    page_end(req, resp);
}

void page_scan_post(request *req, response *resp)
{
    scan_def d;
    if (!load_scan(req, req->arg, &d)) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    const char *y = request_form(req, "year");
    int year = y ? atoi(y) : 0;
    int64_t function = d.per_function ? query_function(req) : 0;
    if (year < 1990 || year > 2199 || (d.per_function && function <= 0)) {
        respond_error(req, resp, 400, NULL);
        return;
    }
    size_t total = 0;
    for (size_t i = 0; i < d.naspects; i++)
        total += d.aspects[i].n;
    scan_answer *list = arena_alloc(req->a, (total + 1) * sizeof *list);
    size_t n = 0;
    for (size_t i = 0; list && i < d.naspects; i++)
        for (size_t k = 0; k < d.aspects[i].n; k++) {
            str name = STR_INIT;
            str_printf(&name, "s_%s", d.aspects[i].statements[k].id);
            list[n++] = (scan_answer){d.aspects[i].statements[k].id,
                                      str_ok(&name) && request_form(req, name.p) != NULL};
            str_free(&name);
        }
    int rc = list ? store_begin(req->db) : STORE_ERROR;
    if (rc == STORE_OK)
        rc = scan_answers_save(req->db, req->user.login, d.id, year, side_of(req), function, list,
                               n);
    if (store_end(req->db, rc) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str to = STR_INIT;
    str_printf(&to, "/scans/%s/compare?year=%d&function=%lld", d.id, year, (long long)function);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
    str_free(&to);
}

/* A share as a whole percentage. */
static int percent(const aspect_score *s)
{
    return s->total ? (int)((s->applies * 200 + s->total) / (2 * s->total)) : 0;
}

/* One side's share for an aspect, or that the side has not answered. */
static const char *share_text(request *req, bool answered, int share)
{
    if (!answered)
        return _("not answered yet");
    char text[FMT_SIZE]; /* whole percentages, written the reader's way */
    if (!fmt_percent(req->lang, share, 100, 0, text, sizeof text))
        return "?";
    const char *copy = arena_strdup(req->a, text);
    return copy ? copy : "?";
}

/* What the scan suggests for the function: each aspect's improvement when
 * a side that answered (EMP, REP: its scores, or NULL) sees too little of
 * it apply (scan_suggests). */
static void suggestions(response *resp, const scan_def *d, const aspect_score *emp,
                        const aspect_score *rep)
{
    bool any = false;
    for (size_t i = 0; i < d->naspects; i++) {
        const scan_aspect *x = &d->aspects[i];
        if (!x->suggestion || !((emp && scan_suggests(&emp[i])) || (rep && scan_suggests(&rep[i]))))
            continue;
        if (!any)
            html_printf(&resp->body, "<h2>%s</h2><ul>", _("Suggested improvements for this "
                                                          "function"));
        any = true;
        html_printf(&resp->body, "<li><strong>%s</strong> — %s</li>", x->title, x->suggestion);
    }
    if (any)
        html_raw(&resp->body, "</ul>");
}

void page_scan_compare(request *req, response *resp)
{
    scan_def d;
    if (!load_scan(req, req->arg, &d)) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    int year = page_year(req, date_year(date_today()));
    int64_t function = d.per_function ? query_function(req) : 0;
    answers emp = {NULL, 0}, rep = {NULL, 0};
    aspect_score *se = arena_alloc(req->a, (d.naspects + 1) * sizeof *se);
    aspect_score *sr = arena_alloc(req->a, (d.naspects + 1) * sizeof *sr);
    if (!se || !sr ||
        scan_answers_get(req->db, req->a, d.id, year, "employer", function, &emp.list, &emp.n) !=
            STORE_OK ||
        scan_answers_get(req->db, req->a, d.id, year, "representatives", function, &rep.list,
                         &rep.n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    scan_score(&d, applies, &emp, se);
    scan_score(&d, applies, &rep, sr);
    page_begin(req, resp, d.title);
    html_printf(&resp->body, "<form method=\"get\" action=\"/scans/%s/compare\" "
                             "class=\"filters\"><label>%s <input name=\"year\" type=\"number\" "
                             "value=\"%d\"></label>",
                d.id, _("Year"), year);
    if (d.per_function)
        function_select(req, resp, function);
    html_printf(&resp->body, "<button>%s</button></form><p><a href=\"/scans/%s?year=%d&amp;"
                             "function=%lld\">%s</a></p>",
                _("Show"), d.id, year, (long long)function, _("Answer or change our answers"));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s %d</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("Share of statements that apply,"), year, _("Aspect"), _("Employer"),
                _("Representatives"), _("Difference"));
    bool both = emp.n && rep.n;
    for (size_t i = 0; i < d.naspects; i++) {
        int e = percent(&se[i]), r = percent(&sr[i]);
        bool differ = both && abs(e - r) >= SCAN_DIFFERENCE_POINTS;
        html_printf(&resp->body, "<tr class=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%s"
                                 "</td><td class=\"num\">%s</td><td>%s</td></tr>",
                    differ ? "warning" : "", d.aspects[i].title, share_text(req, emp.n > 0, e),
                    share_text(req, rep.n > 0, r),
                    differ ? _("you see this differently: talk about it") : "");
    }
    html_raw(&resp->body, "</tbody></table></div>");
    if (!emp.n && !rep.n)
        html_printf(&resp->body, "<p role=\"status\">%s</p>",
                    _("Neither side has answered yet for this year."));
    else if (!both)
        html_printf(&resp->body, "<p role=\"status\">%s</p>",
                    emp.n ? _("The representatives have not answered yet for this year: the "
                              "priorities below are the employer's alone.")
                          : _("The employer has not answered yet for this year: the priorities "
                              "below are the representatives' alone."));
    /* Priorities: what does not apply according to a side that answered, and
     * where the sides disagree; a side that did not answer says nothing. */
    if (emp.n || rep.n)
        html_printf(&resp->body, "<h2>%s</h2><ul>",
                    _("Priorities: statements that do not apply yet"));
    for (size_t i = 0; (emp.n || rep.n) && i < d.naspects; i++)
        for (size_t k = 0; k < d.aspects[i].n; k++) {
            const scan_statement *st = &d.aspects[i].statements[k];
            bool e = !emp.n || applies(&emp, st->id), r = !rep.n || applies(&rep, st->id);
            if (e && r)
                continue;
            const char *who = !e && !r ? _("according to both sides")
                            : !e ? _("according to the employer")
                                 : _("according to the representatives");
            html_printf(&resp->body, "<li class=\"%s\"><strong>%s</strong> — %s (%s)</li>",
                        both && e != r ? "warning" : "", d.aspects[i].title, st->text, who);
        }
    if (emp.n || rep.n)
        html_raw(&resp->body, "</ul>");
    if (d.per_function)
        suggestions(resp, &d, emp.n ? se : NULL, rep.n ? sr : NULL);
    /* Progress over the years. */
    int *years;
    size_t ny;
    if (scan_years(req->db, req->a, d.id, &years, &ny) == STORE_OK && ny > 1) {
        html_printf(&resp->body, "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><thead><tr>"
                                 "<th scope=\"col\">%s</th>", _("Progress"), _("Aspect"));
        for (size_t y = ny; y-- > 0;)
            html_printf(&resp->body, "<th scope=\"col\" class=\"num\">%d</th>", years[y]);
        html_raw(&resp->body, "</tr></thead><tbody>");
        aspect_score **per = arena_alloc(req->a, ny * sizeof *per);
        for (size_t y = 0; per && y < ny; y++) {
            /* NULL: this side did not answer that year (or it could not be read) */
            answers a = {NULL, 0};
            per[y] = arena_alloc(req->a, (d.naspects + 1) * sizeof **per);
            if (per[y] && scan_answers_get(req->db, req->a, d.id, years[y], side_of(req), function,
                                           &a.list, &a.n) == STORE_OK && a.n)
                scan_score(&d, applies, &a, per[y]);
            else
                per[y] = NULL;
        }
        for (size_t i = 0; per && i < d.naspects; i++) {
            html_printf(&resp->body, "<tr><th scope=\"row\">%s</th>", d.aspects[i].title);
            for (size_t y = ny; y-- > 0;)
                html_printf(&resp->body, "<td class=\"num\">%s</td>",
                            share_text(req, per[y] != NULL,
                                       per[y] ? percent(&per[y][i]) : 0));
            html_raw(&resp->body, "</tr>");
        }
        html_printf(&resp->body, "</tbody></table></div><p>%s: %s</p>", _("Shown for"),
                    side_label(side_of(req)));
    }
    page_end(req, resp);
}
