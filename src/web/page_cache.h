/* page_cache.h - logged-in pages and reports answered from the cache when
 * the data has not changed since they were made (web/cache.h). */
#ifndef GP_WEB_PAGE_CACHE_H
#define GP_WEB_PAGE_CACHE_H
#include "web/router.h"

/* Runs HANDLER for REQ, the route's roles ROLES, through the cache: a GET
 * for a logged-in page or a report whose key (data version, path and
 * parameters, the caller, language and day) is cached is answered from it,
 * otherwise HANDLER runs and its answer is kept. Every cached answer carries
 * an ETag (a matching If-None-Match gets 304, see compress.h) and, when the
 * client accepts it, a gzip body kept alongside. */
void page_cache_run(request *req, response *resp, handler_fn handler, int roles);

#endif
