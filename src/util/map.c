/* map.c - see map.h. FNV-1a hashing, linear probing, kept under half full. */
#include "util/map.h"
#include <stdlib.h>
#include <string.h>

static uint64_t hash_of(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static bool grow(map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    map_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = m->slots[i].hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return true;
}

bool map_put(map *m, const char *key, size_t n, int64_t value)
{
    if ((m->count + 1) * 2 > m->cap && !grow(m))
        return false;
    uint64_t h = hash_of(key, n);
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key) {
        if (m->slots[i].hash == h && m->slots[i].len == n && memcmp(m->slots[i].key, key, n) == 0) {
            m->slots[i].value = value;
            return true;
        }
        i = (i + 1) & (m->cap - 1);
    }
    char *copy = arena_strndup(&m->keys, key, n);
    if (!copy)
        return false;
    m->slots[i] = (map_slot){copy, n, h, value};
    m->count++;
    return true;
}

bool map_get(const map *m, const char *key, size_t n, int64_t *value)
{
    if (!m->cap)
        return false;
    uint64_t h = hash_of(key, n);
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key) {
        if (m->slots[i].hash == h && m->slots[i].len == n && memcmp(m->slots[i].key, key, n) == 0) {
            *value = m->slots[i].value;
            return true;
        }
        i = (i + 1) & (m->cap - 1);
    }
    return false;
}

void map_free(map *m)
{
    free(m->slots);
    arena_free(&m->keys);
    m->slots = NULL;
    m->cap = m->count = 0;
}
