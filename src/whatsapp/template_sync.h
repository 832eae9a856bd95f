/*
 * Template sync: read every page of a WhatsApp Business Account's
 * template list from the Graph API and store each template for an inbox.
 * Knows the Graph list shape so that the API and core do not.
 */
#ifndef PARLEY_WHATSAPP_TEMPLATE_SYNC_H
#define PARLEY_WHATSAPP_TEMPLATE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "whatsapp/dispatch.h"

/* At most this many pages of 100 are read in one sync. */
#define WA_TEMPLATE_SYNC_MAX_PAGES 50

/*
 * Fetch the list of t's WABA page by page (following paging.cursors.after
 * on t's own host, never a URL from the answer) and upsert each template
 * for inbox_id of account_id, one transaction per page. Sets *count to the
 * templates stored. Returns 0, or -1 with a sentence for the client in err
 * and *upstream saying whether the Graph API (true) or storage (false)
 * failed; pages stored before the failure stay.
 */
int wa_templates_sync(struct db *db, struct wa_graph *g,
                      const struct wa_graph_target *t, int64_t account_id,
                      int64_t inbox_id, int *count, bool *upstream, char *err,
                      size_t errlen);

#endif
