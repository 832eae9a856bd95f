-- The WhatsApp channel and the inbox: numbers (inboxes), contacts,
-- conversations, messages, media, templates, the durable inbound log, and
-- what agents organise conversations with (labels, notes, canned replies,
-- custom attributes).

-- One WhatsApp business number. Tokens and secrets are sealed with a key
-- derived from the master key (AES-256-GCM, bound to the row id), never
-- stored or returned in clear.
CREATE TABLE inboxes (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    phone_number_id TEXT NOT NULL,
    waba_id TEXT NOT NULL,
    display_phone_number TEXT NOT NULL,
    graph_base_url TEXT NOT NULL,
    graph_version TEXT NOT NULL,
    access_token @BLOB@,
    app_secret @BLOB@,
    verify_token @BLOB@,
    throughput_mps BIGINT NOT NULL DEFAULT 80,
    team_id BIGINT REFERENCES teams(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX inboxes_phone ON inboxes (phone_number_id);
CREATE INDEX inboxes_account ON inboxes (account_id, id);

-- A customer. WhatsApp identifies people by wa_id (their number) and, since
-- 2026, by a business-scoped user id (bsuid); either may be missing.
CREATE TABLE contacts (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    wa_id TEXT,
    bsuid TEXT,
    name TEXT NOT NULL DEFAULT '',
    profile_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    attributes TEXT NOT NULL DEFAULT '{}',
    language TEXT NOT NULL DEFAULT '',
    marketing_opt_out INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0,
    merged_into BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_seen_at BIGINT
);
CREATE UNIQUE INDEX contacts_wa_id ON contacts (account_id, wa_id);
CREATE UNIQUE INDEX contacts_bsuid ON contacts (account_id, bsuid);
CREATE INDEX contacts_account ON contacts (account_id, id);

-- The 24-hour customer-service window (and the 72-hour free entry point
-- window) per contact and inbox.
CREATE TABLE contact_windows (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    inbox_id BIGINT NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
    last_inbound_at BIGINT NOT NULL,
    window_expires_at BIGINT NOT NULL,
    free_entry_expires_at BIGINT,
    PRIMARY KEY (contact_id, inbox_id)
);

-- Priority: 0 none, 1 low, 2 medium, 3 high, 4 urgent.
CREATE TABLE conversations (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    inbox_id BIGINT NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
    priority BIGINT NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 4),
    assignee_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    team_id BIGINT REFERENCES teams(id) ON DELETE SET NULL,
    snoozed_until BIGINT,
    unread_count BIGINT NOT NULL DEFAULT 0,
    last_message_id BIGINT,
    last_message_at BIGINT NOT NULL,
    last_customer_message_at BIGINT,
    last_agent_reply_at BIGINT,
    first_reply_at BIGINT,
    waiting_since BIGINT,
    attributes TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX conversations_list
    ON conversations (account_id, status, last_message_at, id);
CREATE INDEX conversations_assignee
    ON conversations (account_id, assignee_id, status, last_message_at);
CREATE INDEX conversations_contact
    ON conversations (contact_id, inbox_id, status);

-- Every message in and out, and private notes and activity lines.
-- direction: 'in' (from the customer) or 'out'. sender_type: contact, user,
-- automation or system. content is the normalised JSON of the type; text
-- is its searchable plain text. Statuses only move forward (rank order).
CREATE TABLE messages (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL
        REFERENCES conversations(id) ON DELETE CASCADE,
    inbox_id BIGINT NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    sender_type TEXT NOT NULL,
    sender_id BIGINT,
    type TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL DEFAULT '',
    private INTEGER NOT NULL DEFAULT 0,
    wamid TEXT,
    status TEXT NOT NULL,
    error_code BIGINT,
    error_title TEXT,
    reply_to_wamid TEXT,
    pricing_category TEXT,
    pricing_type TEXT,
    send_after BIGINT,
    idempotency_key TEXT,
    wa_timestamp BIGINT,
    sent_at BIGINT,
    delivered_at BIGINT,
    read_at BIGINT,
    failed_at BIGINT,
    edited_at BIGINT,
    revoked_at BIGINT,
    ai_language TEXT,
    ai_intent TEXT,
    ai_confidence DOUBLE PRECISION,
    ai_sentiment TEXT,
    ai_score DOUBLE PRECISION,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX messages_wamid ON messages (inbox_id, wamid);
CREATE INDEX messages_thread ON messages (conversation_id, id);
CREATE INDEX messages_outbox ON messages (status, send_after);
CREATE UNIQUE INDEX messages_idempotency
    ON messages (account_id, sender_id, idempotency_key);

-- Media of a message, downloaded from the Graph API (inbound) or uploaded
-- by an agent (outbound). The file itself is sealed on disk under
-- <data>/media/ (path relative to the data directory).
CREATE TABLE media (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id BIGINT REFERENCES messages(id) ON DELETE CASCADE,
    inbox_id BIGINT NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    wa_media_id TEXT,
    mime_type TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    size BIGINT NOT NULL DEFAULT 0,
    filename TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'stored', 'failed', 'expired')),
    path TEXT,
    error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX media_message ON media (message_id);
CREATE INDEX media_account ON media (account_id, id);

-- Message templates of a WhatsApp Business Account, synced from the Graph
-- API and kept current by template webhooks.
CREATE TABLE templates (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    inbox_id BIGINT NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
    wa_template_id TEXT,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'PENDING',
    quality TEXT NOT NULL DEFAULT 'UNKNOWN',
    parameter_format TEXT NOT NULL DEFAULT 'POSITIONAL',
    components TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX templates_name ON templates (inbox_id, name, language);

-- The durable inbound log: every signed webhook body, exactly as received,
-- written before Meta gets its 200. The processor applies entries in id
-- order; an entry it cannot apply stays here with the reason.
CREATE TABLE wa_inbound (
    id @PK@,
    received_at BIGINT NOT NULL,
    body @BLOB@ NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'done', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    processed_at BIGINT
);
CREATE INDEX wa_inbound_state ON wa_inbound (state, id);

-- Named leases: at most one node at a time runs a singleton worker (the
-- inbound processor, the outbound dispatcher).
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE labels (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    color TEXT NOT NULL DEFAULT '#6b7280',
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX labels_name ON labels (account_id, name);

CREATE TABLE conversation_labels (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL
        REFERENCES conversations(id) ON DELETE CASCADE,
    label_id BIGINT NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_label ON conversation_labels (label_id);

CREATE TABLE contact_labels (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    label_id BIGINT NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, label_id)
);

-- CRM notes about a contact (private notes inside a conversation are
-- messages with private = 1).
CREATE TABLE contact_notes (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contact_notes_contact ON contact_notes (contact_id, id);

CREATE TABLE canned_replies (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    shortcut TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    intent TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX canned_replies_shortcut
    ON canned_replies (account_id, shortcut);

-- Definitions of custom attributes shown and edited in the contact pane.
CREATE TABLE attribute_definitions (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    applies_to TEXT NOT NULL CHECK (applies_to IN ('contact',
                                                   'conversation')),
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'list',
                                       'boolean', 'link')),
    options TEXT NOT NULL DEFAULT '[]',
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX attribute_definitions_key
    ON attribute_definitions (account_id, applies_to, key);

-- Per-user keyboard shortcuts that insert a canned reply (e.g. Ctrl+B).
CREATE TABLE user_shortcuts (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    keys TEXT NOT NULL,
    canned_reply_id BIGINT NOT NULL
        REFERENCES canned_replies(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, keys)
);
