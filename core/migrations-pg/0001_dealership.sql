-- The dealership book (issue 17): one book on a PostgreSQL server that every salesperson, the service desk and the
-- manager work on. What each customer said is one set of rows every user reads fresh.
--
-- A customer's record is one `customers` row: its own fields and what only changes with an edit of that customer
-- (contact points, tags, facts, goals, purchases, issues, reminders, the agenda's marks) are its `record` document,
-- guarded by `version` so two people editing the same customer never overwrite each other unseen. What many people
-- add at once and what must say who entered it — statements, interactions, promises, notes, outreach held back —
-- are rows of their own, each with `entered_by`.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (btrim(name) <> ''),
    email TEXT NOT NULL CHECK (position('@' IN email) > 1),
    role TEXT NOT NULL CHECK (role IN ('salesperson', 'manager', 'service')),
    -- Argon2id, in the PHC string format (algorithm, parameters and salt with the hash): never the password.
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- The dealership's settings: its name, hours, calling rule, rhythm between contacts (one row).
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    profile JSONB NOT NULL
);

CREATE TABLE playbooks (
    tag TEXT PRIMARY KEY,
    playbook JSONB NOT NULL
);

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    -- The order rows were added in, for ties (as the SQLite book's `n`).
    n BIGSERIAL NOT NULL,
    owner_id TEXT REFERENCES users (id),
    name TEXT NOT NULL CHECK (btrim(name) <> ''),
    record JSONB NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    -- What search reads: words for `@@`, and the lower-cased text for prefixes and parts of words (pg_trgm).
    search_words TSVECTOR NOT NULL,
    search_text TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT REFERENCES users (id)
);
CREATE INDEX customers_owner ON customers (owner_id);
CREATE INDEX customers_name ON customers ((lower(name) COLLATE "C"), n);
CREATE INDEX customers_search_words ON customers USING gin (search_words);
CREATE INDEX customers_search_text ON customers USING gin (search_text gin_trgm_ops);
-- A customer issue is found by its id (its customer's record holds it).
CREATE INDEX customers_issue_ids ON customers USING gin (jsonb_path_query_array(record, '$.issues[*].id'));
-- Undoing what was done with a reason finds its customer by the reason's id.
CREATE INDEX customers_reason_states ON customers USING gin ((record->'reason_states') jsonb_path_ops);

CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    n BIGSERIAL NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    said_at TIMESTAMPTZ NOT NULL,
    statement JSONB NOT NULL,
    entered_by TEXT REFERENCES users (id),
    entered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX statements_customer ON statements (customer_id, said_at);

CREATE TABLE interactions (
    id TEXT PRIMARY KEY,
    n BIGSERIAL NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at TIMESTAMPTZ NOT NULL,
    interaction JSONB NOT NULL,
    entered_by TEXT REFERENCES users (id),
    entered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX interactions_customer ON interactions (customer_id, at);

CREATE TABLE promises (
    id TEXT PRIMARY KEY,
    n BIGSERIAL NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    due_on DATE NOT NULL,
    promise JSONB NOT NULL,
    entered_by TEXT REFERENCES users (id),
    entered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX promises_customer ON promises (customer_id, due_on);

CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    n BIGSERIAL NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    note JSONB NOT NULL,
    entered_by TEXT REFERENCES users (id),
    entered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notes_customer ON notes (customer_id);

CREATE TABLE held_back (
    id TEXT PRIMARY KEY,
    n BIGSERIAL NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at TIMESTAMPTZ NOT NULL,
    held JSONB NOT NULL,
    entered_by TEXT REFERENCES users (id)
);
CREATE INDEX held_back_customer ON held_back (customer_id, at);
