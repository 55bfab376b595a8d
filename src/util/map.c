/* map.c - see map.h. Linear probing, kept under half full. */
#include "util/map.h"
#include <stdlib.h>
#include <string.h>

/* Hashes eight bytes at a time (ids such as E0012345 are one step), then
 * mixes every bit into the low ones the table's index takes (MurmurHash3's
 * finaliser). */
static uint64_t hash_of(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 32;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static const char *slot_key(const map_slot *s)
{
    return s->len <= sizeof s->key.small ? s->key.small : s->key.p;
}

static bool grow(map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    map_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].used)
            continue;
        size_t j = m->slots[i].hash & (cap - 1);
        while (slots[j].used)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return true;
}

/* The slot of KEY (hash H), or the empty slot where it would go. */
static map_slot *find(const map *m, const char *key, size_t n, uint64_t h)
{
    size_t i = h & (m->cap - 1);
    while (m->slots[i].used) {
        const map_slot *s = &m->slots[i];
        if (s->hash == h && s->len == n && memcmp(slot_key(s), key, n) == 0)
            break;
        i = (i + 1) & (m->cap - 1);
    }
    return &m->slots[i];
}

bool map_put(map *m, const char *key, size_t n, int64_t value)
{
    if (n > UINT32_MAX || ((m->count + 1) * 2 > m->cap && !grow(m)))
        return false;
    uint64_t h = hash_of(key, n);
    map_slot *s = find(m, key, n, h);
    if (s->used) {
        s->value = value;
        return true;
    }
    map_slot fresh = {h, value, (uint32_t)n, true, {NULL}};
    if (n <= sizeof fresh.key.small) {
        memcpy(fresh.key.small, key, n);
    } else if (!(fresh.key.p = arena_strndup(&m->keys, key, n))) {
        return false;
    }
    *s = fresh;
    m->count++;
    return true;
}

bool map_get(const map *m, const char *key, size_t n, int64_t *value)
{
    if (!m->cap)
        return false;
    const map_slot *s = find(m, key, n, hash_of(key, n));
    if (!s->used)
        return false;
    *value = s->value;
    return true;
}

void map_free(map *m)
{
    free(m->slots);
    arena_free(&m->keys);
    m->slots = NULL;
    m->cap = m->count = 0;
}
