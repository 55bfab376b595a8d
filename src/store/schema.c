/* schema.c - see schema.h. Reads the migrations' SQL as words: it skips
 * comments, string literals and PostgreSQL's dollar-quoted bodies (a
 * function's body is no statement of the migration), and looks at the
 * first words of each statement. */
#include "store/schema.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* One word of SQL: an identifier (lower case unless it was quoted) or one
 * character of punctuation. */
typedef struct sql_word {
    const char *text;
    bool punct;
} sql_word;

typedef struct word_list {
    sql_word *items;
    size_t n, cap;
} word_list;

/* The end of the comment, string or dollar-quoted body that starts at P, or
 * P itself when none starts there. */
static const char *skip_quoted(const char *p)
{
    if (p[0] == '-' && p[1] == '-') {
        const char *nl = strchr(p, '\n');
        return nl ? nl + 1 : p + strlen(p);
    }
    if (p[0] == '/' && p[1] == '*') {
        const char *end = strstr(p + 2, "*/");
        return end ? end + 2 : p + strlen(p);
    }
    if (p[0] == '\'') {
        for (p++; *p; p++)
            if (*p == '\'' && *++p != '\'')
                return p;
        return p;
    }
    if (p[0] == '$') { /* $tag$ ... $tag$, the tag possibly empty */
        const char *t = p + 1;
        while (isalnum((unsigned char)*t) || *t == '_')
            t++;
        if (*t != '$' || isdigit((unsigned char)p[1]))
            return p;
        size_t tag = (size_t)(t - p) + 1;
        for (const char *q = t + 1; (q = strchr(q, '$')) != NULL; q++)
            if (strncmp(q, p, tag) == 0)
                return q + tag;
        return p + strlen(p);
    }
    return p;
}

/* Appends word TEXT[0..LEN) to WORDS (folded to lower case when FOLD). */
static bool add_word(arena *a, word_list *words, const char *text, size_t len, bool fold,
                     bool punct)
{
    sql_word *w = arena_push(a, &words->items, &words->n, &words->cap, sizeof *w);
    char *copy = w ? arena_strndup(a, text, len) : NULL;
    if (!copy)
        return false;
    for (char *c = copy; fold && *c; c++)
        *c = (char)tolower((unsigned char)*c);
    w->text = copy;
    w->punct = punct;
    return true;
}

/* Splits SQL into words; false when out of memory. */
static bool split_words(const char *sql, arena *a, word_list *words)
{
    const char *p = sql;
    while (*p) {
        const char *after = skip_quoted(p);
        if (after != p) {
            p = after;
            continue;
        }
        if (isspace((unsigned char)*p)) {
            p++;
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            const char *start = p;
            while (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
                p++;
            if (!add_word(a, words, start, (size_t)(p - start), true, false))
                return false;
        } else if (*p == '"' || *p == '`' || *p == '[') {
            char close = *p == '[' ? ']' : *p;
            const char *start = ++p;
            while (*p && *p != close)
                p++;
            if (!add_word(a, words, start, (size_t)(p - start), false, false))
                return false;
            if (*p)
                p++;
        } else {
            if (!add_word(a, words, p, 1, false, true))
                return false;
            p++;
        }
    }
    return true;
}

/* True when word I of W is the keyword KW. */
static bool is_kw(const word_list *w, size_t i, const char *kw)
{
    return i < w->n && !w->items[i].punct && strcmp(w->items[i].text, kw) == 0;
}

/* Reads a table's name at word *I ("name" or "schema.name": the last part)
 * and moves *I past it; NULL when there is none. */
static const char *table_name(const word_list *w, size_t *i)
{
    if (*i >= w->n || w->items[*i].punct)
        return NULL;
    const char *name = w->items[(*i)++].text;
    while (*i + 1 < w->n && w->items[*i].punct && strcmp(w->items[*i].text, ".") == 0 &&
           !w->items[*i + 1].punct) {
        name = w->items[*i + 1].text;
        *i += 2;
    }
    return name;
}

typedef struct table_list {
    const char **names;
    size_t n, cap;
} table_list;

/* The index of NAME in T, or T->n. */
static size_t table_find(const table_list *t, const char *name)
{
    size_t i = 0;
    while (i < t->n && !(t->names[i] && strcmp(t->names[i], name) == 0))
        i++;
    return i;
}

/* Applies the statement whose first word is W[I] to TABLES; false when out
 * of memory. */
static bool apply_statement(const word_list *w, size_t i, arena *a, table_list *tables)
{
    if (is_kw(w, i, "create")) {
        bool temporary = false;
        for (i++; is_kw(w, i, "temp") || is_kw(w, i, "temporary") || is_kw(w, i, "unlogged") ||
                  is_kw(w, i, "global") || is_kw(w, i, "local");
             i++)
            temporary |= is_kw(w, i, "temp") || is_kw(w, i, "temporary");
        if (!is_kw(w, i++, "table") || temporary)
            return true;
        if (is_kw(w, i, "if") && is_kw(w, i + 1, "not") && is_kw(w, i + 2, "exists"))
            i += 3;
        const char *name = table_name(w, &i);
        if (!name || table_find(tables, name) < tables->n)
            return true;
        const char **slot = arena_push(a, &tables->names, &tables->n, &tables->cap,
                                       sizeof *slot);
        if (!slot)
            return false;
        *slot = name;
    } else if (is_kw(w, i, "drop") && is_kw(w, i + 1, "table")) {
        i += 2;
        if (is_kw(w, i, "if") && is_kw(w, i + 1, "exists"))
            i += 2;
        for (const char *name; (name = table_name(w, &i)) != NULL; i++) {
            size_t at = table_find(tables, name);
            if (at < tables->n)
                tables->names[at] = NULL;
            if (i >= w->n || strcmp(w->items[i].text, ",") != 0)
                break;
        }
    } else if (is_kw(w, i, "alter") && is_kw(w, i + 1, "table")) {
        i += 2;
        if (is_kw(w, i, "if") && is_kw(w, i + 1, "exists"))
            i += 2;
        if (is_kw(w, i, "only"))
            i++;
        const char *name = table_name(w, &i);
        if (name && is_kw(w, i, "rename") && is_kw(w, i + 1, "to")) {
            i += 2;
            const char *to = table_name(w, &i);
            size_t at = table_find(tables, name);
            if (to && at < tables->n)
                tables->names[at] = to;
        }
    }
    return true;
}

/* True when migration number VERSION is among APPLIED. */
static bool is_applied(int64_t version, const int64_t *applied, size_t n_applied)
{
    for (size_t i = 0; i < n_applied; i++)
        if (applied[i] == version)
            return true;
    return false;
}

bool schema_tables(const struct embedded_file *migrations, const int64_t *applied,
                   size_t n_applied, arena *a, const char ***names, size_t *n)
{
    table_list tables = {0};
    for (const struct embedded_file *m = migrations; m->name; m++) {
        if (!is_applied(atoi(m->name), applied, n_applied))
            continue;
        word_list words = {0};
        if (!split_words((const char *)m->data, a, &words))
            return false;
        bool statement_start = true;
        for (size_t i = 0; i < words.n; i++) {
            if (statement_start && !apply_statement(&words, i, a, &tables))
                return false;
            statement_start = words.items[i].punct && strcmp(words.items[i].text, ";") == 0;
        }
    }
    *n = 0;
    for (size_t i = 0; i < tables.n; i++) /* the dropped ones leave a hole */
        if (tables.names[i])
            tables.names[(*n)++] = tables.names[i];
    *names = tables.names;
    return true;
}

int schema_missing_table(const struct embedded_file *migrations, const int64_t *applied,
                         size_t n_applied, const char *const *present, size_t n_present,
                         str *missing)
{
    arena a = ARENA_INIT;
    const char **expected;
    size_t n;
    if (!schema_tables(migrations, applied, n_applied, &a, &expected, &n)) {
        arena_free(&a);
        return -1;
    }
    int complete = 1;
    for (size_t i = 0; i < n && complete; i++) {
        size_t k = 0;
        while (k < n_present && strcmp(present[k], expected[i]) != 0)
            k++;
        if (k == n_present) {
            complete = 0;
            str_clear(missing);
            if (!str_puts(missing, expected[i]))
                complete = -1;
        }
    }
    arena_free(&a);
    return complete;
}

int schema_newest(const struct embedded_file *migrations)
{
    int newest = 0;
    for (const struct embedded_file *m = migrations; m->name; m++)
        if (atoi(m->name) > newest)
            newest = atoi(m->name);
    return newest;
}

bool schema_too_new(const struct embedded_file *migrations, int applied, const char *what,
                    str *msg)
{
    int newest = schema_newest(migrations);
    if (applied <= newest)
        return false;
    str_printf(msg, "%s is at schema %d, brought there by a newer groeipad (this one knows up "
                    "to %d): use that version or a newer one", what, applied, newest);
    return true;
}
