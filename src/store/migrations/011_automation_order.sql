-- The order in which automation evaluates the events of one conversation.
-- Each event to evaluate gets a row when its job is queued; an evaluation
-- waits while an earlier event of the same conversation is not done, so
-- two quick customer messages into a menu flow are taken one after the
-- other, on any node.
CREATE TABLE automation_pending (
    conversation_id BIGINT NOT NULL
        REFERENCES conversations(id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, event_id)
);
CREATE INDEX automation_pending_created ON automation_pending (created_at);
