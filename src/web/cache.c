/* cache.c - see cache.h. A list in order of use, searched linearly: it holds
 * tens of entries, not thousands, so a hash would buy nothing. */
#include "web/cache.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cache_entry {
    cache_entry *prev, *next; /* in order of use, most recent first */
    char *key, *token;
    const char *content_type;
    char *body;
    size_t len;
    int fd; /* a file holding BODY too (large answers), or -1 */
    int refs; /* the list's own (while listed) and every sender's */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static cache_entry *head, *tail;
static size_t bytes;

static void entry_free(cache_entry *e)
{
    if (e->fd >= 0)
        close(e->fd);
    free(e->key);
    free(e->token);
    free(e->body);
    free(e);
}

/* Takes E off the list and drops the list's reference (under the lock);
 * true when that was the last one, so the caller frees E. */
static bool unlist(cache_entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        tail = e->prev;
    e->prev = e->next = NULL;
    bytes -= e->len;
    return --e->refs == 0;
}

static void push_front(cache_entry *e)
{
    e->prev = NULL;
    e->next = head;
    if (head)
        head->prev = e;
    head = e;
    if (!tail)
        tail = e;
}

static cache_entry *find(const char *key)
{
    for (cache_entry *e = head; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

cache_entry *cache_get(const char *key)
{
    pthread_mutex_lock(&lock);
    cache_entry *e = find(key);
    if (e) {
        if (e != head) {
            /* move to the front: unlink by hand, keeping the reference */
            e->prev->next = e->next;
            if (e->next)
                e->next->prev = e->prev;
            else
                tail = e->prev;
            push_front(e);
        }
        e->refs++;
    }
    pthread_mutex_unlock(&lock);
    return e;
}

/* An unnamed temporary file holding BODY, or -1 when none can be made. */
static int body_file(const char *body, size_t len)
{
    int fd = open(P_tmpdir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, body + done, len - done);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    return fd;
}

cache_entry *cache_put(const char *key, const char *body, size_t len, const char *content_type,
                       const char *token)
{
    if (len > CACHE_MAX_ENTRY)
        return NULL;
    cache_entry *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->fd = -1;
    e->key = strdup(key);
    e->token = token ? strdup(token) : NULL;
    e->body = malloc(len + 1);
    if (!e->key || !e->body || (token && !e->token)) {
        entry_free(e);
        return NULL;
    }
    memcpy(e->body, body, len);
    e->body[len] = '\0';
    e->len = len;
    e->fd = len >= CACHE_FILE_BYTES ? body_file(body, len) : -1;
    e->content_type = content_type;
    e->refs = 2; /* the list's and the caller's */
    cache_entry *dead = NULL;
    pthread_mutex_lock(&lock);
    cache_entry *old = find(key);
    if (old && unlist(old)) {
        old->next = dead;
        dead = old;
    }
    while (tail && bytes + len > CACHE_MAX_BYTES) {
        cache_entry *t = tail;
        if (unlist(t)) {
            t->next = dead;
            dead = t;
        }
    }
    push_front(e);
    bytes += len;
    pthread_mutex_unlock(&lock);
    while (dead) {
        cache_entry *next = dead->next;
        entry_free(dead);
        dead = next;
    }
    return e;
}

void cache_release(cache_entry *e)
{
    if (!e)
        return;
    pthread_mutex_lock(&lock);
    bool last = --e->refs == 0;
    pthread_mutex_unlock(&lock);
    if (last)
        entry_free(e);
}

const char *cache_body(const cache_entry *e)
{
    return e->body;
}

size_t cache_len(const cache_entry *e)
{
    return e->len;
}

const char *cache_content_type(const cache_entry *e)
{
    return e->content_type;
}

int cache_fd(const cache_entry *e)
{
    return e->fd;
}

const char *cache_token(const cache_entry *e)
{
    return e->token;
}

/* Unlists every entry (ALL) or those whose key does not start with PREFIX,
 * freeing those no one is sending. */
/* Drops the entries whose key starts with SCOPE (every entry when NULL) and
 * not with KEEP (when KEEP is not NULL). */
static void drop_where(const char *scope, const char *keep)
{
    pthread_mutex_lock(&lock);
    cache_entry *dead = NULL;
    size_t n = scope ? strlen(scope) : 0, k = keep ? strlen(keep) : 0;
    for (cache_entry *e = head, *next; e; e = next) {
        next = e->next;
        bool in_scope = !scope || strncmp(e->key, scope, n) == 0;
        bool kept = keep && strncmp(e->key, keep, k) == 0;
        if (in_scope && !kept && unlist(e)) {
            e->next = dead;
            dead = e;
        }
    }
    pthread_mutex_unlock(&lock);
    while (dead) {
        cache_entry *next = dead->next;
        entry_free(dead);
        dead = next;
    }
}

void cache_drop_stale(const char *scope, const char *keep)
{
    drop_where(scope, keep);
}

void cache_clear(void)
{
    drop_where(NULL, NULL);
}

size_t cache_bytes(void)
{
    pthread_mutex_lock(&lock);
    size_t n = bytes;
    pthread_mutex_unlock(&lock);
    return n;
}
