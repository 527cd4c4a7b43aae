-- Reading the agenda of a big book.
--
-- Each index answers one of the agenda's questions without reading the table's rows: a customer's latest fact (a
-- talking point for every reason); the purchases of a customer (to find their included services); the purchases
-- since a day and their services' schedules (which services can be due).
CREATE INDEX facts_latest ON facts (customer_id, learned_on);
DROP INDEX purchases_by_customer;
CREATE INDEX purchases_by_customer ON purchases (customer_id, id);
CREATE INDEX purchases_by_date ON purchases (purchased_on, customer_id, id);
CREATE INDEX included_services_schedule ON included_services (purchase_id, used, total, every_months);

-- What the reason engine reads of a customer (their record but for statements, contact points and notes; their
-- interactions from `since` on), kept ready in one row (store/agenda_inputs.rs): the agenda reads one row per
-- customer instead of a dozen tables. Any change to what a row was made of removes it (the triggers below), and
-- the agenda makes it again the next time it needs it.
CREATE TABLE agenda_inputs (
    customer_id  TEXT NOT NULL UNIQUE REFERENCES customers (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    since        TEXT NOT NULL,
    data         BLOB NOT NULL
);

CREATE TRIGGER agenda_inputs_customer_added AFTER INSERT ON customers BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.id;
END;
CREATE TRIGGER agenda_inputs_customer_changed AFTER UPDATE ON customers BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER agenda_inputs_customer_removed AFTER DELETE ON customers BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.id;
END;
CREATE TRIGGER agenda_inputs_tags_added AFTER INSERT ON tags BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_tags_changed AFTER UPDATE ON tags BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_tags_removed AFTER DELETE ON tags BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_facts_added AFTER INSERT ON facts BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_facts_changed AFTER UPDATE ON facts BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_facts_removed AFTER DELETE ON facts BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_goals_added AFTER INSERT ON goals BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_goals_changed AFTER UPDATE ON goals BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_goals_removed AFTER DELETE ON goals BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_purchases_added AFTER INSERT ON purchases BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_purchases_changed AFTER UPDATE ON purchases BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_purchases_removed AFTER DELETE ON purchases BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_promises_added AFTER INSERT ON promises BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_promises_changed AFTER UPDATE ON promises BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_promises_removed AFTER DELETE ON promises BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_issues_added AFTER INSERT ON issues BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_issues_changed AFTER UPDATE ON issues BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_issues_removed AFTER DELETE ON issues BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_interactions_added AFTER INSERT ON interactions BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_interactions_changed AFTER UPDATE ON interactions BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_interactions_removed AFTER DELETE ON interactions BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_reminders_added AFTER INSERT ON reminders BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_reminders_changed AFTER UPDATE ON reminders BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_reminders_removed AFTER DELETE ON reminders BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_reason_states_added AFTER INSERT ON reason_states BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_reason_states_changed AFTER UPDATE ON reason_states BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_reason_states_removed AFTER DELETE ON reason_states BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_notified_added AFTER INSERT ON notified BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER agenda_inputs_notified_changed AFTER UPDATE ON notified BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER agenda_inputs_notified_removed AFTER DELETE ON notified BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = OLD.customer_id;
END;
CREATE TRIGGER agenda_inputs_included_services_added AFTER INSERT ON included_services BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = (SELECT customer_id FROM purchases WHERE id = NEW.purchase_id);
END;
CREATE TRIGGER agenda_inputs_included_services_changed AFTER UPDATE ON included_services BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN ((SELECT customer_id FROM purchases WHERE id = OLD.purchase_id), (SELECT customer_id FROM purchases WHERE id = NEW.purchase_id));
END;
CREATE TRIGGER agenda_inputs_included_services_removed AFTER DELETE ON included_services BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = (SELECT customer_id FROM purchases WHERE id = OLD.purchase_id);
END;
CREATE TRIGGER agenda_inputs_deliverables_added AFTER INSERT ON deliverables BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = (SELECT customer_id FROM purchases WHERE id = NEW.purchase_id);
END;
CREATE TRIGGER agenda_inputs_deliverables_changed AFTER UPDATE ON deliverables BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN ((SELECT customer_id FROM purchases WHERE id = OLD.purchase_id), (SELECT customer_id FROM purchases WHERE id = NEW.purchase_id));
END;
CREATE TRIGGER agenda_inputs_deliverables_removed AFTER DELETE ON deliverables BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = (SELECT customer_id FROM purchases WHERE id = OLD.purchase_id);
END;
CREATE TRIGGER agenda_inputs_issue_updates_added AFTER INSERT ON issue_updates BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = (SELECT customer_id FROM issues WHERE id = NEW.issue_id);
END;
CREATE TRIGGER agenda_inputs_issue_updates_changed AFTER UPDATE ON issue_updates BEGIN
    DELETE FROM agenda_inputs WHERE customer_id IN ((SELECT customer_id FROM issues WHERE id = OLD.issue_id), (SELECT customer_id FROM issues WHERE id = NEW.issue_id));
END;
CREATE TRIGGER agenda_inputs_issue_updates_removed AFTER DELETE ON issue_updates BEGIN
    DELETE FROM agenda_inputs WHERE customer_id = (SELECT customer_id FROM issues WHERE id = OLD.issue_id);
END;

-- The Notes place: notes to customers across the book, newest first.
CREATE INDEX notes_to_customers ON notes (created_at) WHERE kind IN ('thank_you', 'card_prompt');
