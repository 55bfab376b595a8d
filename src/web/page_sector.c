/* page_sector.c - /sector: the page of a sector account on a site (DESIGN
 * §6), for the people of a sector fund or a social secretariat who log in
 * rather than call the API. It shows what /api/v1/sector/... answers: the
 * figures of every organisation together, then by organisation, the privacy
 * rule applied in app/sector.c (small organisations combined or hidden like
 * any small group). This file only lays them out. */
#include "web/pages.h"
#include "app/sector.h"
#include "core/reports.h"
#include "util/i18n.h"
#include "util/map.h"
#include <stdlib.h>
#include <string.h>

/* What the page shows, and the organisations' names by slug. */
typedef struct sector_page {
    request *req;
    response *resp;
    const organisation *orgs; /* the report's, while it shows */
    map names;                /* slug -> index in orgs */
} sector_page;

/* The form: the year, which report, and participation's dimension. */
static void sector_form(response *resp, const sector_query *q)
{
    bool balance = q->kind == REPORT_SOCIAL_BALANCE;
    html_printf(&resp->body,
                "<form method=\"get\" action=\"/sector\" class=\"filters\">"
                "<label for=\"year\">%s</label><input id=\"year\" name=\"year\" type=\"number\" "
                "min=\"1990\" max=\"2199\" value=\"%d\">"
                "<label for=\"report\">%s</label><select id=\"report\" name=\"report\">"
                "<option value=\"participation\"%s>%s</option>"
                "<option value=\"social-balance\"%s>%s</option></select>"
                "<label for=\"by\">%s</label><select id=\"by\" name=\"by\">",
                _("Year"), q->year, _("Report"), balance ? "" : " selected",
                _("Who takes part in learning"), balance ? " selected" : "",
                _("Social balance sheet: training"), _("Participation grouped by"));
    for (int dim = 0; dim < DIM_COUNT; dim++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", dimension_names[dim],
                    dim == q->dimension ? " selected" : "", dimension_label(dim));
    html_printf(&resp->body, "</select><button>%s</button></form>", _("Show"));
}

/* The name of organisation SLUG (its slug when not found). */
static const char *org_name(const sector_page *pg, const char *slug)
{
    int64_t at;
    return map_get(&pg->names, slug, strlen(slug), &at) ? pg->orgs[at].name : slug;
}

/* Line G's organisations by name: one, or a combined line's members
 * joined by " + " as the privacy rule names them. */
static const char *line_name(const sector_page *pg, const participation_group *g)
{
    if (!g->nmembers)
        return org_name(pg, g->name);
    str all = STR_INIT;
    for (size_t m = 0; m < g->nmembers; m++) {
        if (m)
            str_puts(&all, " + ");
        str_puts(&all, org_name(pg, g->members[m]));
    }
    const char *name = str_ok(&all) ? arena_strdup(pg->req->a, str_cstr(&all)) : NULL;
    str_free(&all);
    return name ? name : g->name;
}

static bool show_participation(sector_page *pg, const sector_view *v)
{
    request *req = pg->req;
    str *body = &pg->resp->body;
    report_table t;
    html_printf(body, "<section><h2>%s</h2>", _("All organisations together"));
    if (!participation_table(&v->part, req->a, &t) ||
        !html_table(body, &t, dimension_label(v->dimension), req->lang))
        return false;
    /* By organisation: the groups are organisations, shown by name. */
    participation by = v->part_by_org;
    by.groups = arena_alloc(req->a, (by.ngroups + 1) * sizeof *by.groups);
    for (size_t i = 0; by.groups && i < by.ngroups; i++) {
        by.groups[i] = v->part_by_org.groups[i];
        by.groups[i].name = line_name(pg, &by.groups[i]);
    }
    html_printf(body, "</section><section><h2>%s</h2>", _("By organisation"));
    if (!by.groups || !participation_table(&by, req->a, &t))
        return false;
    /* its groups are organisations: the first column says so */
    const char **columns = arena_alloc(req->a, (t.ncols + 1) * sizeof *columns);
    if (!columns)
        return false;
    for (size_t k = 0; k < t.ncols; k++)
        columns[k] = t.columns[k];
    columns[0] = N_("organisation");
    t.columns = columns;
    return html_table(body, &t, _("Organisations"), req->lang) &&
           html_raw(body, "</section>");
}

/* V's social balance by organisation: per line, the men's and women's
 * figures of the form added up (the form's own columns; X is not there). */
static bool balance_table(sector_page *pg, const sector_view *v, report_table *t)
{
    static const char *const columns[] = {
        N_("organisation"), N_("headcount"), N_("formal_participants"), N_("formal_hours"),
        N_("formal_net_cost"), N_("informal_participants"), N_("informal_hours"),
        N_("initial_participants"), N_("initial_hours"), N_("suppressed"), N_("combined"),
        NULL};
    if (!table_new(pg->req->a, columns, v->nlines, t))
        return false;
    for (size_t l = 0; l < v->nlines; l++) {
        const participation_group *g = &v->lines[l];
        cell *c = &t->cells[l * t->ncols];
        c[0] = cell_text(line_name(pg, g));
        for (size_t k = 1; k < t->ncols; k++)
            c[k] = cell_empty();
        /* as the participation table says it, so that a blank line reads as
         * hidden, not as missing */
        c[9] = cell_code(g->suppressed ? "yes" : "no");
        c[10] = cell_code(g->combined ? "yes" : "no");
        if (g->suppressed)
            continue;
        c[1] = cell_number(g->headcount, 0);
        const balance_cell (*cells)[3] = v->line_balances[l].cells;
        for (int type = 0; type < 3; type++) {
            const balance_cell *m = &cells[type][GENDER_M], *f = &cells[type][GENDER_F];
            size_t at = type == 0 ? 2 : type == 1 ? 5 : 7;
            c[at] = cell_number(m->participants + f->participants, 0);
            c[at + 1] = cell_number(m->hours + f->hours, 2);
            if (type == 0)
                c[4] = cell_money(m->net_cost + f->net_cost);
        }
    }
    return true;
}

static bool show_balance(sector_page *pg, const sector_view *v)
{
    request *req = pg->req;
    str *body = &pg->resp->body;
    social_balance shown = v->balance;
    if (v->hide_x) /* the section notes X only when there are X participants */
        shown.x_participants = 0;
    /* a sector total is filed by nobody: each employer files its own */
    social_balance_section(req, pg->resp, &shown, v->min_group,
                           _("Every organisation of the site added up, laid out like the "
                             "National Bank form. Each employer files its own figures. "
                             "Amounts in euro."));
    report_table t;
    html_printf(body, "<section><h2>%s</h2>", _("By organisation"));
    return balance_table(pg, v, &t) && html_table(body, &t, _("Organisations"), req->lang) &&
           html_raw(body, "</section>");
}

/* Lays out V (sector_show). */
static bool show_sector(const sector_view *v, void *ctx)
{
    sector_page *pg = ctx;
    pg->orgs = v->orgs;
    for (size_t i = 0; i < v->organisations; i++)
        if (!map_put(&pg->names, v->orgs[i].slug, strlen(v->orgs[i].slug), (int64_t)i))
            return false;
    html_printf(&pg->resp->body, "<p>%s</p>",
                _("The figures of every organisation of the site together, then by "
                  "organisation. An organisation with fewer people than the minimum group "
                  "is counted together with the smallest one that is large enough, or "
                  "hidden when the small ones together are large enough themselves."));
    html_printf(&pg->resp->body, "<p>%s %zu · %s %d</p>", _("Organisations:"), v->organisations,
                _("Minimum group:"), v->min_group);
    bool nobody = v->kind == REPORT_SOCIAL_BALANCE
                      ? v->nlines == 0
                      : v->part.overall.headcount == 0;
    if (nobody) { /* a table of zeros would look like figures */
        html_printf(&pg->resp->body, "<p>%s</p>",
                    _("Nobody was employed in any organisation of the site that year."));
        return true;
    }
    if (v->too_small) {
        html_printf(&pg->resp->body, "<p>%s</p>",
                    _("All organisations of the site together had fewer people that year "
                      "than the minimum group: no figure is shown, so that nobody can be "
                      "recognised."));
        return true;
    }
    return v->kind == REPORT_SOCIAL_BALANCE ? show_balance(pg, v) : show_participation(pg, v);
}

void page_sector(request *req, response *resp)
{
    const char *report = request_query(req, "report"), *by = request_query(req, "by");
    int dim = by ? dimension_find(by) : DIM_GENDER;
    sector_query q = {.kind = report && strcmp(report, "social-balance") == 0
                                  ? REPORT_SOCIAL_BALANCE : REPORT_PARTICIPATION,
                      .year = page_year(req, date_year(date_today()) - 1),
                      .dimension = dim < 0 ? DIM_GENDER : dim};
    sector_page pg = {req, resp, NULL, MAP_INIT};
    page_begin(req, resp, _("Sector figures"));
    const char *asked = request_query(req, "year");
    if (asked && atoi(asked) != q.year) /* page_year fell back: say so */
        html_printf(&resp->body, "<p class=\"warning\">%s</p>",
                    _("That is not a year the figures can be made for (1990 to 2199): "
                      "these are last year's."));
    sector_form(resp, &q);
    str err = STR_INIT;
    if (sector_report_show(req->db, &q, show_sector, &pg, &err) != REPORT_OK)
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>",
                    _("The figures could not be made just now. Please try again later."));
    page_end(req, resp);
    str_free(&err);
    map_free(&pg.names);
}
