-- Reasons and the Today agenda: what the salesperson did with each reason, which were notified, their own reminders.

-- A reason's id is derived from its source (e.g. 'promise_due:<promise id>', 'service_due:<service id>:2'),
-- so the same reason keeps its state across runs.
CREATE TABLE reason_states (
    reason_id    TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    state        TEXT NOT NULL CHECK (state IN ('done', 'snoozed', 'dismissed')),
    until        TEXT,              -- snoozed until this date (inclusive of the day it comes back)
    note         TEXT,              -- why dismissed, or a note for the snooze
    at           TEXT NOT NULL
);
CREATE INDEX reason_states_by_customer ON reason_states (customer_id);

-- Each reason is notified once, ever.
CREATE TABLE notified (
    reason_id    TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at           TEXT NOT NULL
);

-- The salesperson's own reminders: only with a value for the customer.
CREATE TABLE reminders (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    value        TEXT NOT NULL CHECK (value <> ''),
    due_on       TEXT NOT NULL,
    channel      TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX reminders_by_customer ON reminders (customer_id);

ALTER TABLE profile ADD COLUMN notifications INTEGER NOT NULL DEFAULT 1 CHECK (notifications IN (0, 1));
ALTER TABLE profile ADD COLUMN start_at_login INTEGER NOT NULL DEFAULT 0 CHECK (start_at_login IN (0, 1));

-- When the customer said the words a held-back outreach quotes.
ALTER TABLE held_back ADD COLUMN said_on TEXT;
