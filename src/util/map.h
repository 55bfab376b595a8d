/* map.h - a hash map from text keys to 64-bit values (open addressing).
 * Keys are copied into the map's own arena. */
#ifndef GP_MAP_H
#define GP_MAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

typedef struct map_slot {
    uint64_t hash;
    int64_t value;
    uint32_t len;
    bool used;
    union {
        const char *p;  /* in the arena */
        char small[8];  /* a key of up to 8 bytes, kept here: one cache miss less */
    } key;
} map_slot;

typedef struct map {
    map_slot *slots;
    size_t cap, count;
    arena keys;
} map;

#define MAP_INIT {NULL, 0, 0, ARENA_INIT}

/* Sets KEY (N bytes) to VALUE; false when out of memory. */
bool map_put(map *m, const char *key, size_t n, int64_t value);
/* The value of KEY in *value; false when absent. */
bool map_get(const map *m, const char *key, size_t n, int64_t *value);
void map_free(map *m);

#endif
