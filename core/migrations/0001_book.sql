-- The whole book, version 1. Ids are UUIDv7 text; times are RFC 3339 UTC text; dates are YYYY-MM-DD.
-- Searchable tables carry `n INTEGER PRIMARY KEY` (a stable rowid) so the full-text index can point at them.

CREATE TABLE profile (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL DEFAULT '',
    dealership  TEXT NOT NULL DEFAULT '',
    time_zone   TEXT NOT NULL DEFAULT 'UTC',
    work_start  TEXT NOT NULL DEFAULT '09:00:00',
    work_end    TEXT NOT NULL DEFAULT '17:30:00',
    work_days   TEXT NOT NULL DEFAULT 'Mon,Tue,Wed,Thu,Fri',
    signature   TEXT NOT NULL DEFAULT '',
    voice       TEXT
);
INSERT INTO profile (id) VALUES (1);

CREATE TABLE customers (
    n               INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL CHECK (name <> ''),
    preferred_name  TEXT,
    time_zone       TEXT,
    how_we_met      TEXT,
    company         TEXT,
    household       TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);

CREATE TABLE contact_points (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'address')),
    label        TEXT,
    value        TEXT NOT NULL CHECK (value <> ''),
    preferred    INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1))
);
CREATE INDEX contact_points_by_customer ON contact_points (customer_id);
CREATE INDEX contact_points_by_value ON contact_points (value COLLATE NOCASE);

CREATE TABLE tags (
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag          TEXT NOT NULL COLLATE NOCASE,
    origin       TEXT NOT NULL CHECK (origin IN ('manual', 'text')),
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_by_tag ON tags (tag);

CREATE TABLE facts (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    text         TEXT NOT NULL CHECK (text <> ''),
    learned_on   TEXT NOT NULL,
    source       TEXT,
    date         TEXT
);
CREATE INDEX facts_by_customer ON facts (customer_id);

CREATE TABLE goals (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    text         TEXT NOT NULL CHECK (text <> ''),
    stated_on    TEXT NOT NULL,
    source       TEXT,
    achieved_on  TEXT
);
CREATE INDEX goals_by_customer ON goals (customer_id);

CREATE TABLE interactions (
    n              INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    customer_id    TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    channel        TEXT NOT NULL,
    direction      TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    summary        TEXT NOT NULL CHECK (summary <> ''),
    quotes         TEXT NOT NULL DEFAULT '[]',  -- JSON array of the customer's words
    sentiment      TEXT CHECK (sentiment IN ('positive', 'neutral', 'negative')),
    reason         TEXT,
    topic          TEXT,
    asked_for      TEXT,
    justification  TEXT
);
CREATE INDEX interactions_by_customer ON interactions (customer_id, at);

-- What customers said about being contacted. Append-only: a change of mind is a new row.
CREATE TABLE preferences (
    n                      INTEGER PRIMARY KEY,
    id                     TEXT NOT NULL UNIQUE,
    customer_id            TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    said_at                TEXT NOT NULL,
    words                  TEXT NOT NULL CHECK (words <> ''),
    kind                   TEXT NOT NULL,
    channel                TEXT,
    topic                  TEXT,
    start_time             TEXT,
    end_time               TEXT,
    days                   INTEGER,
    source_interaction_id  TEXT REFERENCES interactions (id) ON DELETE SET NULL,
    recorded_at            TEXT NOT NULL
);
CREATE INDEX preferences_by_customer ON preferences (customer_id, said_at);
CREATE TRIGGER preferences_are_never_rewritten
BEFORE UPDATE OF customer_id, said_at, words, kind, channel, topic, start_time, end_time, days, recorded_at
ON preferences
BEGIN
    SELECT RAISE(ABORT, 'a statement of the customer is never changed; record a new one');
END;

CREATE TABLE purchases (
    n                 INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    customer_id       TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    purchased_on      TEXT NOT NULL,
    description       TEXT NOT NULL CHECK (description <> ''),
    vehicle_year      INTEGER,
    vehicle_make      TEXT,
    vehicle_model     TEXT,
    vehicle_trim      TEXT,
    vehicle_vin       TEXT,
    features          TEXT NOT NULL DEFAULT '[]',  -- JSON array
    ownership         TEXT NOT NULL CHECK (ownership IN ('cash', 'finance', 'lease')),
    term_ends_on      TEXT,
    warranty_ends_on  TEXT,
    warranty_terms    TEXT
);
CREATE INDEX purchases_by_customer ON purchases (customer_id);
CREATE INDEX purchases_by_vin ON purchases (vehicle_vin);

CREATE TABLE included_services (
    n             INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    purchase_id   TEXT NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (name <> ''),
    every_months  INTEGER NOT NULL CHECK (every_months > 0),
    total         INTEGER NOT NULL CHECK (total > 0),
    used          INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= total)
);
CREATE INDEX included_services_by_purchase ON included_services (purchase_id);

CREATE TABLE deliverables (
    n             INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    purchase_id   TEXT NOT NULL REFERENCES purchases (id) ON DELETE CASCADE,
    what          TEXT NOT NULL CHECK (what <> ''),
    due_on        TEXT,
    delivered_on  TEXT
);
CREATE INDEX deliverables_by_purchase ON deliverables (purchase_id);

CREATE TABLE promises (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    what         TEXT NOT NULL CHECK (what <> ''),
    made_on      TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'kept', 'cancelled')),
    closed_on    TEXT
);
CREATE INDEX promises_by_customer ON promises (customer_id);
CREATE INDEX promises_open_by_due ON promises (due_on) WHERE status = 'open';

CREATE TABLE issues (
    n               INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    customer_id     TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    title           TEXT NOT NULL CHECK (title <> ''),
    opened_on       TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    next_update_on  TEXT,
    resolved_on     TEXT,
    resolution      TEXT
);
CREATE INDEX issues_by_customer ON issues (customer_id);

CREATE TABLE issue_updates (
    n         INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    issue_id  TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    text      TEXT NOT NULL CHECK (text <> '')
);
CREATE INDEX issue_updates_by_issue ON issue_updates (issue_id);

CREATE TABLE notes (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('note', 'thank_you', 'card_prompt')),
    format       TEXT,
    text         TEXT NOT NULL CHECK (text <> ''),
    status       TEXT CHECK (status IN ('draft', 'written', 'sent')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX notes_by_customer ON notes (customer_id);

-- One full-text index over every searchable text. Contentless (the text lives in its own table); the rowid
-- encodes the source: rowid = n * 8 + kind, kind 0 customer, 1 contact point, 2 fact, 3 goal, 4 note, 5 interaction.
-- The prefix index makes search-as-you-type prefix queries fast on big books.
CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER customers_indexed AFTER INSERT ON customers BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 0,
        concat_ws(' ', new.name, new.preferred_name, new.company, new.household, new.how_we_met));
END;
CREATE TRIGGER customers_reindexed AFTER UPDATE ON customers BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 0;
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 0,
        concat_ws(' ', new.name, new.preferred_name, new.company, new.household, new.how_we_met));
END;
CREATE TRIGGER customers_unindexed AFTER DELETE ON customers BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 0;
END;

CREATE TRIGGER contact_points_indexed AFTER INSERT ON contact_points BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 1, new.value);
END;
CREATE TRIGGER contact_points_reindexed AFTER UPDATE OF value ON contact_points BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 1;
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 1, new.value);
END;
CREATE TRIGGER contact_points_unindexed AFTER DELETE ON contact_points BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 1;
END;

CREATE TRIGGER facts_indexed AFTER INSERT ON facts BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 2, new.text);
END;
CREATE TRIGGER facts_reindexed AFTER UPDATE OF text ON facts BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 2;
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 2, new.text);
END;
CREATE TRIGGER facts_unindexed AFTER DELETE ON facts BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 2;
END;

CREATE TRIGGER goals_indexed AFTER INSERT ON goals BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 3, new.text);
END;
CREATE TRIGGER goals_reindexed AFTER UPDATE OF text ON goals BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 3;
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 3, new.text);
END;
CREATE TRIGGER goals_unindexed AFTER DELETE ON goals BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 3;
END;

CREATE TRIGGER notes_indexed AFTER INSERT ON notes BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 4, new.text);
END;
CREATE TRIGGER notes_reindexed AFTER UPDATE OF text ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 4;
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 4, new.text);
END;
CREATE TRIGGER notes_unindexed AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 4;
END;

CREATE TRIGGER interactions_indexed AFTER INSERT ON interactions BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 5,
        concat_ws(' ', new.summary, (SELECT group_concat(value, ' ') FROM json_each(new.quotes)), new.asked_for));
END;
CREATE TRIGGER interactions_reindexed AFTER UPDATE OF summary, quotes, asked_for ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 5;
    INSERT INTO search_index (rowid, body) VALUES (new.n * 8 + 5,
        concat_ws(' ', new.summary, (SELECT group_concat(value, ' ') FROM json_each(new.quotes)), new.asked_for));
END;
CREATE TRIGGER interactions_unindexed AFTER DELETE ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.n * 8 + 5;
END;
