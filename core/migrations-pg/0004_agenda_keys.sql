-- What the agenda asks of each customer (issue 17's next step): a small object the server keeps beside the record on
-- every write, so a Today reads a few hundred bytes per customer to find who may have a reason, instead of taking
-- the whole record document apart again for each kind of reason: open issues, issues' resolved dates, warranties'
-- ends, financed or leased terms' ends, deliverables not yet delivered, personal dates, birthdays' and anniversaries'
-- dates, tags, reminders, and the purchase dates of purchases with an included service left. Built with
-- `jsonb_set` (immutable, as a stored column's expression must be). `dealership/agenda.rs` reads it.
ALTER TABLE customers ADD COLUMN agenda_keys JSONB GENERATED ALWAYS AS (
    jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set('{}'::jsonb,
        '{open_issues}', jsonb_path_query_array(record, '$.issues[*] ? (@.status == "open").id')),
        '{resolved_on}', jsonb_path_query_array(record, '$.issues[*].resolved_on')),
        '{warranty_ends}', jsonb_path_query_array(record, '$.purchases[*].warranty_ends_on')),
        '{term_ends}', jsonb_path_query_array(record, '$.purchases[*] ? (@.ownership != "cash").term_ends_on')),
        '{undelivered}', jsonb_path_query_array(record, '$.purchases[*].deliverables[*] ? (@.delivered_on == null).id')),
        '{dates}', jsonb_path_query_array(record, '$.facts[*].date')),
        '{yearly}', jsonb_path_query_array(record, '$.facts[*] ? (@.text like_regex "birthday|anniversary" flag "i").date')),
        '{tags}', jsonb_path_query_array(record, '$.tags[*].tag')),
        '{reminders}', jsonb_path_query_array(record, '$.reminders[*].id')),
        '{services_since}', jsonb_path_query_array(record, '$.purchases[*] ? (exists (@.included_services[*] ? (@.used < @.total))).purchased_on'))
) STORED;

-- The contacts the agenda asks about: those asking for something, and praise (read from their time on).
CREATE INDEX interactions_agenda ON interactions (at)
    WHERE interaction->>'asked_for' IS NOT NULL
       OR (interaction->>'direction' = 'in' AND interaction->>'sentiment' = 'positive');
