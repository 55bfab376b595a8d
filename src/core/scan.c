/* scan.c - see scan.h. */
#include "core/scan.h"
#include <jansson.h>
#include <string.h>

const char *const scan_ids[SCAN_COUNT] = {"readiness", "policy", "potential"};

static const char *copy(arena *a, json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? arena_strdup(a, s) : NULL;
}

bool scan_parse(arena *a, const char *json, size_t len, scan_def *d)
{
    memset(d, 0, sizeof *d);
    json_error_t err;
    json_t *doc = json_loadb(json, len, 0, &err);
    json_t *aspects = json_object_get(doc, "aspects");
    bool ok = doc && json_is_array(aspects);
    if (ok) {
        d->id = copy(a, doc, "id");
        d->title = copy(a, doc, "title");
        d->intro = copy(a, doc, "intro");
        d->per_function = json_is_true(json_object_get(doc, "per_function"));
        d->naspects = json_array_size(aspects);
        d->aspects = arena_alloc(a, (d->naspects + 1) * sizeof *d->aspects);
        ok = d->id && d->title && d->aspects;
    }
    for (size_t i = 0; ok && i < d->naspects; i++) {
        json_t *asp = json_array_get(aspects, i), *sts = json_object_get(asp, "statements");
        scan_aspect *x = &d->aspects[i];
        x->id = copy(a, asp, "id");
        x->title = copy(a, asp, "title");
        x->separate = json_is_true(json_object_get(asp, "separate"));
        x->question = copy(a, asp, "question");
        x->suggestion = copy(a, asp, "suggestion");
        x->n = json_array_size(sts);
        x->statements = arena_alloc(a, (x->n + 1) * sizeof *x->statements);
        ok = x->id && x->title && x->statements && x->n > 0 && (!x->separate || x->question);
        for (size_t k = 0; ok && k < x->n; k++) {
            x->statements[k].id = copy(a, json_array_get(sts, k), "id");
            x->statements[k].text = copy(a, json_array_get(sts, k), "text");
            ok = x->statements[k].id && x->statements[k].text;
        }
    }
    json_decref(doc);
    return ok;
}

void scan_score(const scan_def *d, bool (*applies)(void *ctx, const char *statement), void *ctx,
                aspect_score *out)
{
    for (size_t i = 0; i < d->naspects; i++) {
        out[i] = (aspect_score){0, (int)d->aspects[i].n};
        for (size_t k = 0; k < d->aspects[i].n; k++)
            out[i].applies += applies(ctx, d->aspects[i].statements[k].id);
    }
}

bool scan_suggests(const aspect_score *s)
{
    return s->total > 0 && s->applies * 100 < s->total * SCAN_SUGGEST_BELOW_PERCENT;
}
