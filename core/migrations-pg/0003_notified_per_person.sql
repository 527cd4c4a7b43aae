-- Which reasons each person was notified of on their desktop: once per person, so a restart or their second
-- computer never repeats one, and a colleague's notification never silences theirs. (One's own book keeps one
-- `notified` list: it has one reader.)
CREATE TABLE notified (
    user_id TEXT NOT NULL REFERENCES users (id),
    reason_id TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, reason_id)
);
CREATE INDEX notified_customer ON notified (customer_id);
