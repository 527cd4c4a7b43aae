-- Reading the agenda of a big book: a customer's latest fact in one index step (a talking point for every
-- reason), and purchases by date, so that the included services that can be due in a window are found without
-- reading every purchase of the book.
CREATE INDEX facts_latest ON facts (customer_id, learned_on);
CREATE INDEX purchases_by_date ON purchases (purchased_on);
