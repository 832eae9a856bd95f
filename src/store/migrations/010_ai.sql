-- The local AI: an account's own intents, its training examples (phrases
-- written for a custom intent, and agents' corrections of a message's
-- intent) and the annotation of each customer message.
--
-- Intents are named by id string ("track_order", or a custom name), not by
-- a foreign key, so that built-in intents need no rows here.

CREATE TABLE ai_intents (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ai_intents_name ON ai_intents (account_id, name);

CREATE TABLE ai_examples (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    intent TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('correction', 'custom')),
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX ai_examples_account ON ai_examples (account_id, intent, id);

-- One row per annotated message. message_id names a row of the messages
-- table, which lives in another migration; the row goes when its account
-- does.
CREATE TABLE ai_annotations (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id BIGINT NOT NULL,
    language TEXT NOT NULL,
    intent TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    sentiment TEXT NOT NULL
        CHECK (sentiment IN ('negative', 'neutral', 'positive')),
    score DOUBLE PRECISION NOT NULL,
    custom INTEGER NOT NULL DEFAULT 0,
    corrected_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, message_id)
);
CREATE INDEX ai_annotations_intent ON ai_annotations (account_id, intent);
