-- Automation: rules, what they remember about each conversation (flow
-- step, queue place, SLA, last replies), routing policies and agents'
-- skills, business hours, SLA policies and CSAT answers.

-- A rule: event -> conditions -> actions, evaluated per account in
-- position order. conditions and actions are JSON documents (see
-- src/automation/engine.h); event_minutes is the X of a time event.
CREATE TABLE rules (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    event TEXT NOT NULL,
    event_minutes BIGINT NOT NULL DEFAULT 0,
    conditions TEXT NOT NULL DEFAULT '{}',
    actions TEXT NOT NULL DEFAULT '[]',
    stop INTEGER NOT NULL DEFAULT 0,
    reply_period_s BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX rules_account ON rules (account_id, position, id);

-- Bumped on every change to an account's rules, so that every node knows
-- when its compiled copy is stale.
CREATE TABLE rules_versions (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    version BIGINT NOT NULL
);

-- The flood guard: when a rule last replied in a conversation.
CREATE TABLE rule_replies (
    rule_id BIGINT NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL
        REFERENCES conversations(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    last_reply_at BIGINT NOT NULL,
    PRIMARY KEY (rule_id, conversation_id)
);

-- What automation keeps per conversation: the last state it saw (to
-- turn conversation.updated into opened/resolved/assigned/priority
-- events, and to ignore its own changes), the menu-flow step, the queue
-- place and the wait last told, and the SLA policy applied.
CREATE TABLE automation_conversations (
    conversation_id BIGINT PRIMARY KEY
        REFERENCES conversations(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    seen_status TEXT NOT NULL DEFAULT '',
    seen_assignee_id BIGINT NOT NULL DEFAULT 0,
    seen_priority BIGINT NOT NULL DEFAULT 0,
    flow_step TEXT NOT NULL DEFAULT '',
    queued_at BIGINT,
    queue_team_id BIGINT NOT NULL DEFAULT 0,
    told_wait_ms BIGINT,
    sla_policy_id BIGINT,
    sla_started_at BIGINT,
    sla_state TEXT NOT NULL DEFAULT 'none',
    assigned_at BIGINT
);
CREATE INDEX automation_conversations_queue
    ON automation_conversations (account_id, queued_at);

-- How conversations of an inbox or a team are handed out. Required
-- skills are names an agent must all have ("lang:ko" for a language).
CREATE TABLE assignment_policies (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    inbox_id BIGINT REFERENCES inboxes(id) ON DELETE CASCADE,
    team_id BIGINT REFERENCES teams(id) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('round_robin', 'least_loaded')),
    capacity BIGINT NOT NULL DEFAULT 10,
    skills TEXT NOT NULL DEFAULT '[]',
    reassign_after_min BIGINT NOT NULL DEFAULT 0,
    last_user_id BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX assignment_policies_account
    ON assignment_policies (account_id, id);

CREATE TABLE agent_skills (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    PRIMARY KEY (user_id, skill)
);

-- Business hours of an inbox (see src/automation/hours.h for the
-- document). What to say outside them is a rule on "business_hours".
CREATE TABLE business_hours (
    inbox_id BIGINT PRIMARY KEY REFERENCES inboxes(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    hours TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Targets in seconds; 0 means no such target.
CREATE TABLE sla_policies (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    first_response_s BIGINT NOT NULL DEFAULT 0,
    next_response_s BIGINT NOT NULL DEFAULT 0,
    resolution_s BIGINT NOT NULL DEFAULT 0,
    business_hours_only INTEGER NOT NULL DEFAULT 0,
    at_risk_pct BIGINT NOT NULL DEFAULT 80,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX sla_policies_name ON sla_policies (account_id, name);

-- Account-wide automation settings: auto-resolve of idle conversations.
CREATE TABLE automation_settings (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    idle_resolve_min BIGINT NOT NULL DEFAULT 0,
    closing_message TEXT NOT NULL DEFAULT '',
    closing_csat INTEGER NOT NULL DEFAULT 0,
    csat_template TEXT NOT NULL DEFAULT '',
    queue_wait_change_pct BIGINT NOT NULL DEFAULT 25,
    updated_at BIGINT NOT NULL
);

CREATE TABLE csat_responses (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL
        REFERENCES conversations(id) ON DELETE CASCADE,
    message_id BIGINT,
    rating BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX csat_responses_message ON csat_responses (message_id);
CREATE INDEX csat_responses_conv ON csat_responses (account_id,
                                                    conversation_id);
