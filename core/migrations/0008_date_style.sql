-- How the salesperson reads dates and clock times (issue 15): 'day_first' | 'month_first' | 'year_first' and
-- '24h' | '12h'. NULL follows the system locale, which is what a book made before this migration keeps doing.
ALTER TABLE profile ADD COLUMN date_order TEXT;
ALTER TABLE profile ADD COLUMN clock TEXT;
