-- The foundation: tenants, people, sign-in, live events and background jobs.
--
-- Written once for both engines. Two tokens are replaced per backend:
-- @PK@ is an auto-assigned int64 primary key, @BLOB@ a byte string.
-- Times are UTC milliseconds; flags are 0/1 integers.

CREATE TABLE accounts (
    id @PK@,
    name TEXT NOT NULL,
    undo_send_ms BIGINT NOT NULL DEFAULT 5000,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    created_at BIGINT NOT NULL
);

-- A user belongs to one account; the e-mail address is the sign-in name,
-- stored lowercased, and unique across the installation.
CREATE TABLE users (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('administrator', 'supervisor', 'agent')),
    password_hash TEXT,
    locale TEXT NOT NULL DEFAULT 'en',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_account ON users (account_id, id);

CREATE TABLE teams (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX teams_name ON teams (account_id, name);

CREATE TABLE team_members (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

-- Sessions are kept server-side so that they survive a restart and work on
-- every node. Only the SHA-256 of the cookie value is stored.
CREATE TABLE sessions (
    id @PK@,
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- API tokens act as the user who made them, with at most that user's role.
-- Shown once; only the SHA-256 is kept, plus a short prefix to recognise it.
CREATE TABLE api_tokens (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_account ON api_tokens (account_id, id);

-- Failed sign-ins per key ("ip:1.2.3.4" or "email:a@b.c") in fixed windows,
-- shared by all nodes.
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    failures BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Domain events, written in the same transaction as the change they
-- describe. The id orders them; SSE clients resume from Last-Event-ID.
-- user_id, when set, limits the event to that user; min_role to a role.
CREATE TABLE events (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    user_id BIGINT,
    min_role TEXT NOT NULL DEFAULT 'agent',
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX events_account ON events (account_id, id);
CREATE INDEX events_created ON events (created_at);

-- The durable job queue. A job is claimed by setting a lease; if the
-- worker dies the lease runs out and another worker takes it.
CREATE TABLE jobs (
    id @PK@,
    account_id BIGINT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    unique_key TEXT,
    state TEXT NOT NULL DEFAULT 'ready'
        CHECK (state IN ('ready', 'running', 'done', 'failed')),
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL DEFAULT 10,
    lease_until BIGINT,
    locked_by TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX jobs_ready ON jobs (state, run_at);
CREATE UNIQUE INDEX jobs_unique ON jobs (unique_key);

-- Append-only record of who did what, for administrators.
CREATE TABLE audit_log (
    id @PK@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    user_id BIGINT,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL DEFAULT '',
    target_id BIGINT,
    detail TEXT NOT NULL DEFAULT '{}',
    address TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_account ON audit_log (account_id, id);
