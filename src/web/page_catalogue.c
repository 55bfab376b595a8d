/* page_catalogue.c - /catalogue: the training offer, for everyone. */
#include "web/pages.h"
#include "util/i18n.h"
#include <string.h>

void page_catalogue(request *req, response *resp)
{
    activity *list;
    size_t n;
    if (activities_list(req->db, req->a, &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *type = request_query(req, "type"), *form = request_query(req, "form");
    page_begin(req, resp, _("Training offer"));
    html_printf(&resp->body, "<form method=\"get\" action=\"/catalogue\" class=\"filters\">"
                             "<label>%s <select name=\"type\"><option value=\"\">%s</option>",
                _("Type"), _("all"));
    for (int i = 0; i < vocab_type.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_type.names[i],
                    type && strcmp(type, vocab_type.names[i]) == 0 ? " selected" : "",
                    _(vocab_type.names[i]));
    html_printf(&resp->body, "</select></label><label>%s <select name=\"form\">"
                             "<option value=\"\">%s</option>", _("Form"), _("all"));
    for (int i = 0; i < vocab_form.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_form.names[i],
                    form && strcmp(form, vocab_form.names[i]) == 0 ? " selected" : "",
                    _(vocab_form.names[i]));
    html_printf(&resp->body, "</select></label><button>%s</button></form>", _("Show"));
    html_printf(&resp->body,
                "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Code"), _("Title"), _("Type"), _("Form"), _("Hours"));
    for (size_t i = 0; i < n; i++)
        if ((!type || !*type || strcmp(type, vocab_name(&vocab_type, list[i].type)) == 0) &&
            (!form || !*form || strcmp(form, vocab_name(&vocab_form, list[i].form)) == 0))
            html_printf(&resp->body,
                    "<tr><td>%s</td><td>%s%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                    "</tr>",
                    list[i].code, list[i].title, list[i].mandatory ? " *" : "",
                    _(vocab_name(&vocab_type, list[i].type)),
                    _(vocab_name(&vocab_form, list[i].form)),
                    list[i].hours >= 0 ? show_decimal(req, list[i].hours, 2, 2) : "");
    html_printf(&resp->body, "</tbody></table></div><p>* %s</p>", _("mandatory"));
    page_end(req, resp);
}
