/* arena.c - see arena.h. Blocks of at least 16 KiB, each a linked list node. */
#include "util/arena.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void *arena_grow(arena *a, void *items, size_t old_n, size_t n)
{
    arena_block *old = items ? (arena_block *)((unsigned char *)items -
                                               offsetof(arena_block, data))
                             : NULL;
    /* The link that points at OLD, found before it may move. */
    arena_block **link = &a->head;
    while (old && *link && *link != old)
        link = &(*link)->next;
    if (old && !*link)
        return NULL; /* not an array of this arena */
    if (n > SIZE_MAX - sizeof *old)
        return NULL;
    arena_block *b = realloc(old, sizeof *b + n);
    if (!b)
        return NULL;
    if (!old) {
        b->next = a->head;
        link = &a->head;
        old_n = 0;
    }
    *link = b;
    /* Full, so that arena_alloc never puts anything else in it. */
    b->used = b->cap = n;
    if (n > old_n)
        memset(b->data + old_n, 0, n - old_n);
    return b->data;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void arena_reset(arena *a)
{
    if (!a->head)
        return;
    arena_block *keep = a->head, *b = keep->next;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
}

void *arena_push(arena *a, void *items, size_t *n, size_t *cap, size_t size)
{
    void **array = items;
    if (*n == *cap) {
        size_t more = *cap ? *cap * 2 : 16;
        unsigned char *grown = arena_alloc(a, more * size);
        if (!grown)
            return NULL;
        if (*n)
            memcpy(grown, *array, *n * size);
        *array = grown;
        *cap = more;
    }
    return (unsigned char *)*array + (*n)++ * size;
}
