-- The Guard: the salesperson's contact policy, persona playbooks, why an outreach happened, and what was held back.

-- Default window for calls and texts when a customer stated none; the calling-hours rule; default spacing.
ALTER TABLE profile ADD COLUMN contact_start TEXT NOT NULL DEFAULT '09:00:00';
ALTER TABLE profile ADD COLUMN contact_end TEXT NOT NULL DEFAULT '19:00:00';
ALTER TABLE profile ADD COLUMN calling_rule TEXT NOT NULL DEFAULT 'standard' CHECK (calling_rule IN ('standard', 'strict'));
ALTER TABLE profile ADD COLUMN min_days_between INTEGER NOT NULL DEFAULT 14 CHECK (min_days_between BETWEEN 1 AND 3650);

-- Why an outbound contact happened: proactive, the customer was waiting on it, or a reply to them.
ALTER TABLE interactions ADD COLUMN purpose TEXT CHECK (purpose IN ('proactive', 'waiting', 'reply'));

-- Per persona tag: topics never to raise, what to offer instead, a phone script to pivot to.
CREATE TABLE playbooks (
    tag           TEXT PRIMARY KEY COLLATE NOCASE,
    never_topics  TEXT NOT NULL DEFAULT '[]',  -- JSON array
    offer         TEXT NOT NULL DEFAULT '[]',  -- JSON array
    script        TEXT NOT NULL DEFAULT ''
);
INSERT INTO playbooks (tag, never_topics, offer, script) VALUES
 ('BuyAndHold', '["buy-back"]', '["A longevity service plan for the miles ahead", "Winterizing each autumn: battery, tires, coolant"]',
  'They keep their cars for the long haul. Never offer to buy it back or trade it in. Ask how the car is running, and offer what keeps it going: the longevity plan, winterizing before the first frost.'),
 ('Fleet', '[]', '["Fleet maintenance schedule review", "Uptime: loaner vehicles during service"]',
  'They run vehicles as tools. Talk uptime and total cost, not features.'),
 ('FirstCar', '["extended warranty"]', '["A walk-through of the maintenance schedule", "A reminder before the first service"]',
  'A first car: explain, do not sell. Offer help with what comes next.');

-- What the Guard stopped, and why: shown to the salesperson as "held back".
CREATE TABLE held_back (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,        -- when it was attempted
    planned_for  TEXT NOT NULL,        -- the moment the contact was for
    channel      TEXT NOT NULL,
    topic        TEXT,
    text         TEXT,
    rule         TEXT NOT NULL,
    message      TEXT NOT NULL,
    quote        TEXT,
    source       TEXT NOT NULL         -- 'log' (a logged contact refused), 'agenda', 'notification'
);
CREATE INDEX held_back_by_customer ON held_back (customer_id, at);
