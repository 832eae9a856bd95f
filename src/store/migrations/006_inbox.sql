-- The agent inbox: indexes behind the conversation list's sorts and
-- filters, and full-text search over contacts and message text.
--
-- Search is the one place the engines differ. SQLite keeps FTS5 tables
-- (trigram tokenizer: it matches any substring of three or more
-- characters, which also covers Korean and other unsegmented scripts)
-- in sync with triggers; PostgreSQL uses GIN indexes over
-- to_tsvector('simple', ...). Blocks between "-- @sqlite" / "-- @postgres"
-- and "-- @end" run only on that engine.

-- The list over every status, newest activity first.
CREATE INDEX conversations_activity
    ON conversations (account_id, last_message_at, id);
-- "Longest waiting first": conversations nobody waits on sort last.
CREATE INDEX conversations_waiting
    ON conversations (account_id, status,
                      (COALESCE(waiting_since, 9223372036854775807)), id);
-- "Highest priority first, then longest waiting", as one key so that a
-- page deep inside one priority seeks instead of scanning: priority 4
-- sorts first, then by waiting_since (2^42 ms is past the year 2100).
CREATE INDEX conversations_priority
    ON conversations (account_id, status,
                      ((4 - priority) * 4398046511104 +
                       COALESCE(waiting_since, 4398046511103)), id);
-- The same two orders over every status ("status=all").
CREATE INDEX conversations_waiting_all
    ON conversations (account_id,
                      (COALESCE(waiting_since, 9223372036854775807)), id);
CREATE INDEX conversations_priority_all
    ON conversations (account_id,
                      ((4 - priority) * 4398046511104 +
                       COALESCE(waiting_since, 4398046511103)), id);
-- The tab counts read only this index (covering).
CREATE INDEX conversations_counts
    ON conversations (account_id, status, assignee_id, unread_count);
CREATE INDEX conversations_team
    ON conversations (account_id, team_id, status, last_message_at);
CREATE INDEX conversations_inbox
    ON conversations (account_id, inbox_id, status, last_message_at);
CREATE INDEX conversation_labels_conv
    ON conversation_labels (label_id, conversation_id);
CREATE INDEX contact_labels_label ON contact_labels (label_id, contact_id);
CREATE INDEX contacts_phone ON contacts (account_id, phone);
CREATE INDEX messages_conversation_intent
    ON messages (conversation_id, direction, id);

-- @sqlite
CREATE VIRTUAL TABLE messages_fts USING fts5(
    text, content='messages', content_rowid='id', tokenize='trigram');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE contacts_fts USING fts5(
    name, profile_name, phone, email, wa_id,
    content='contacts', content_rowid='id', tokenize='trigram');
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, name, profile_name, phone, email, wa_id)
        VALUES (new.id, new.name, new.profile_name, new.phone, new.email,
                new.wa_id);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, profile_name, phone,
                              email, wa_id)
        VALUES ('delete', old.id, old.name, old.profile_name, old.phone,
                old.email, old.wa_id);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name, profile_name, phone,
    email, wa_id ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, profile_name, phone,
                              email, wa_id)
        VALUES ('delete', old.id, old.name, old.profile_name, old.phone,
                old.email, old.wa_id);
    INSERT INTO contacts_fts (rowid, name, profile_name, phone, email, wa_id)
        VALUES (new.id, new.name, new.profile_name, new.phone, new.email,
                new.wa_id);
END;
INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');
-- @end

-- @postgres
CREATE INDEX messages_text_fts
    ON messages USING GIN (to_tsvector('simple', text));
CREATE INDEX contacts_fts
    ON contacts USING GIN (to_tsvector('simple',
        name || ' ' || profile_name || ' ' || phone || ' ' || email || ' ' ||
        COALESCE(wa_id, '')));
-- @end
