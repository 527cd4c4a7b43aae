pub fn book(_now: chrono::DateTime<chrono::Utc>) -> crate::model::Book { crate::model::Book::new(Default::default(), Vec::new()) }
