/* cache.h - answers kept in memory, keyed by the data's version.
 *
 * A key names everything an answer depends on (the data version, the path
 * and its parameters, the caller's scope, the language, the day); an answer
 * asked again under the same key is served from here. The cache is bounded
 * by bytes: the least recently used answers go first. Entries are counted
 * references, so an answer can be sent from the cache without a copy while a
 * newer one replaces it. */
#ifndef GP_WEB_CACHE_H
#define GP_WEB_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many bytes of answers are kept; a larger single answer is
 * not kept at all. Bounded so that the idle server stays under 64 MB. */
#define CACHE_MAX_BYTES (32u * 1024 * 1024)
#define CACHE_MAX_ENTRY (24u * 1024 * 1024)
/* Answers this large are also kept in a temporary file, so that they can go
 * out as nginx sends a static file (sendfile) rather than copied from memory
 * to the socket by the server. */
#define CACHE_FILE_BYTES (1024u * 1024)

typedef struct cache_entry cache_entry;

/* The entry for KEY, with a reference the caller must release, or NULL. */
cache_entry *cache_get(const char *key);
/* Keeps a copy of BODY (LEN bytes) under KEY, tagged with CONTENT_TYPE (a
 * literal) and TOKEN (a text inside BODY that differs per session, copied;
 * NULL for none); replaces what KEY had. Returns a reference to the new
 * entry, or NULL when it is not kept (too large, or out of memory). */
cache_entry *cache_put(const char *key, const char *body, size_t len, const char *content_type,
                       const char *token);
void cache_release(cache_entry *e);
/* An entry's body, its length, content type and session token. */
const char *cache_body(const cache_entry *e);
size_t cache_len(const cache_entry *e);
const char *cache_content_type(const cache_entry *e);
const char *cache_token(const cache_entry *e);
/* A descriptor of a file holding the body (owned by the entry), or -1. */
int cache_fd(const cache_entry *e);
/* Drops the entries whose key starts with SCOPE but not with KEEP (an
 * organisation's answers of other data versions than KEEP names), leaving
 * every other entry as it is; entries still being sent live on until
 * released. */
void cache_drop_stale(const char *scope, const char *keep);
/* The bytes held by the cache's entries. */
size_t cache_bytes(void);
/* Empties the cache (tests, shutdown). */
void cache_clear(void);

#endif
