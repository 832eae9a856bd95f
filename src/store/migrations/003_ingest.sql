-- The inbound processor's bookkeeping: which account an inbound log entry
-- turned out to belong to (so that administrators see their own), and the
-- items inside an otherwise good entry that could not be applied.

-- NULL until the processor resolves an inbox of the entry; stays NULL for
-- an entry it could not attribute (bad JSON, unknown phone-number id).
ALTER TABLE wa_inbound ADD COLUMN account_id BIGINT;
CREATE INDEX wa_inbound_account ON wa_inbound (account_id, state, id);

-- One row per item of an entry that was not applied: an item the codec
-- could not parse, one for a number no inbox has, an error Meta reported.
-- Rewritten each time the entry is applied (a replay starts afresh).
CREATE TABLE wa_inbound_items (
    id @PK@,
    inbound_id BIGINT NOT NULL REFERENCES wa_inbound(id) ON DELETE CASCADE,
    account_id BIGINT,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    raw TEXT NOT NULL DEFAULT 'null',
    created_at BIGINT NOT NULL
);
CREATE INDEX wa_inbound_items_entry ON wa_inbound_items (inbound_id, id);
