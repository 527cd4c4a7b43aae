//! What a customer bought: the vehicle or product, its features, what came included, what is still owed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::words::vocabulary;
use super::{clean, required};
use crate::{Error, Result};

vocabulary! {
    /// How the purchase was paid for.
    Ownership { Cash => "cash", Finance => "finance", Lease => "lease" }
}

/// Vehicle details, when the purchase is a vehicle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Vehicle {
    pub year: Option<i32>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub trim: Option<String>,
    pub vin: Option<String>,
}

/// A service that came with the purchase ("three free oil changes, one every 6 months").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncludedService {
    pub id: String,
    pub name: String,
    /// Months between services; the first falls this long after the purchase.
    pub every_months: u32,
    /// How many are included.
    pub total: u32,
    /// How many the customer has had.
    pub used: u32,
}

/// Something still owed to the customer after the sale (plates, second key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deliverable {
    pub id: String,
    pub what: String,
    pub due_on: Option<NaiveDate>,
    pub delivered_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Purchase {
    pub id: String,
    pub customer_id: String,
    pub purchased_on: NaiveDate,
    /// "2024 Subaru Outback Touring" or "Hydraulic press HP-40 with safety light curtain".
    pub description: String,
    pub vehicle: Option<Vehicle>,
    /// Features the customer has ("SYNC 4", "heated seats"): known, never hedged about.
    pub features: Vec<String>,
    pub ownership: Ownership,
    /// When the lease or finance term ends.
    pub term_ends_on: Option<NaiveDate>,
    pub warranty_ends_on: Option<NaiveDate>,
    pub warranty_terms: Option<String>,
    pub included_services: Vec<IncludedService>,
    pub deliverables: Vec<Deliverable>,
}

/// An included service as the form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewIncludedService {
    pub name: String,
    pub every_months: u32,
    pub total: u32,
    #[serde(default)]
    pub used: u32,
}

/// A deliverable as the form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewDeliverable {
    pub what: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPurchase {
    /// Defaults to today.
    #[serde(default)]
    pub purchased_on: Option<NaiveDate>,
    pub description: String,
    #[serde(default)]
    pub vehicle: Option<Vehicle>,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default = "cash")]
    pub ownership: Ownership,
    #[serde(default)]
    pub term_ends_on: Option<NaiveDate>,
    #[serde(default)]
    pub warranty_ends_on: Option<NaiveDate>,
    #[serde(default)]
    pub warranty_terms: Option<String>,
    #[serde(default)]
    pub included_services: Vec<NewIncludedService>,
    #[serde(default)]
    pub deliverables: Vec<NewDeliverable>,
}

fn cash() -> Ownership {
    Ownership::Cash
}

impl NewPurchase {
    pub fn validated(self) -> Result<Self> {
        for d in [self.purchased_on, self.term_ends_on, self.warranty_ends_on].into_iter().flatten() {
            crate::time::date_in_range(d).map_err(|m| Error::invalid("date", m))?;
        }
        if let Some(v) = &self.vehicle {
            if let Some(year) = v.year {
                if !(1900..=2100).contains(&year) {
                    return Err(Error::invalid("year", format!("{year} is not a model year")));
                }
            }
            if let Some(vin) = v.vin.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                if vin.len() != 17 || !vin.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(Error::invalid("VIN", format!("'{vin}' is not 17 letters and digits")));
                }
            }
        }
        if self.ownership != Ownership::Cash && self.term_ends_on.is_none() {
            // Allowed, but the lease/finance end reason needs the date; nothing to refuse.
        }
        for s in &self.included_services {
            required("included service", &s.name)?;
            if s.every_months == 0 || s.total == 0 {
                return Err(Error::invalid(
                    "included service",
                    format!("'{}' needs how often (months) and how many, both above zero", s.name),
                ));
            }
            if s.used > s.total {
                return Err(Error::invalid("included service", format!("'{}': used is more than included", s.name)));
            }
            // A schedule past ten years or a hundred visits is a typing mistake; unbounded, one once stopped every
            // customer's agenda (the months overflowed).
            if s.every_months > MAX_SERVICE_MONTHS || s.total > MAX_SERVICES {
                return Err(Error::invalid(
                    "included service",
                    format!("'{}': at most one every {MAX_SERVICE_MONTHS} months and {MAX_SERVICES} in all", s.name),
                ));
            }
        }
        for d in &self.deliverables {
            required("deliverable", &d.what)?;
        }
        let vehicle = self.vehicle.map(|v| Vehicle {
            year: v.year,
            make: clean(v.make),
            model: clean(v.model),
            trim: clean(v.trim),
            vin: clean(v.vin).map(|s| s.to_ascii_uppercase()),
        });
        Ok(NewPurchase {
            description: required("what was bought", &self.description)?,
            vehicle: vehicle.filter(|v| *v != Vehicle::default()),
            features: self.features.into_iter().map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).collect(),
            warranty_terms: clean(self.warranty_terms),
            ..self
        })
    }
}

/// The longest gap between two included services, in months (ten years).
pub const MAX_SERVICE_MONTHS: u32 = 120;
/// The most included services one purchase has.
pub const MAX_SERVICES: u32 = 100;
