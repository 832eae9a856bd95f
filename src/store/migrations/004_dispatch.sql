-- The outbound dispatcher: when a queued message may next be tried (a
-- retryable Graph error pushes it back) and how many attempts it took, so
-- the retry schedule survives a restart. A message in 'sending' with a
-- wamid was accepted by the Graph API and waits for its status webhook.
ALTER TABLE messages ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE messages ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
CREATE INDEX messages_dispatch
    ON messages (status, direction, next_attempt_at);
