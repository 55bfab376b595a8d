/* arena.h - bump allocation for one request or one command, freed at once. */
#ifndef GP_ARENA_H
#define GP_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
} arena;

#define ARENA_INIT {NULL}

/* Zeroed memory that lives until arena_free(); NULL when out of memory. */
void *arena_alloc(arena *a, size_t n);
/* A copy of N bytes of S with a NUL after them; NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
void arena_free(arena *a);
/* Room for one more element of SIZE bytes at the end of the arena array
 * *ITEMS, which holds *N of *CAP (doubling it when full): returns the new
 * (zeroed) element and counts it in *N, or NULL when out of memory. */
void *arena_push(arena *a, void *items, size_t *n, size_t *cap, size_t size);
/* An array of unknown final size that A owns, grown in place where it can:
 * returns ITEMS (the array's present address, NULL for a new one) grown to
 * N bytes with its contents kept and any new bytes zeroed, or NULL when out
 * of memory (ITEMS then stays, still owned by A). ITEMS must come from
 * arena_grow on A (not arena_alloc) and not be used again after it moved.
 * It lives in a block of its own, grown by realloc: the C library moves a
 * large one without copying it (mremap). */
void *arena_grow(arena *a, void *items, size_t old_n, size_t n);
/* Forgets everything allocated but keeps one block for reuse. */
void arena_reset(arena *a);

#endif
