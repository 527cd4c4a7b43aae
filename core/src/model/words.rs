//! The small vocabularies (channel, direction, status …) as enums that read and write the same words in the
//! database, the export format and the command line.

/// A word that is not one of a vocabulary's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{word}' is not one of: {}", allowed.join(", "))]
pub struct ParseWordError {
    pub word: String,
    pub allowed: Vec<&'static str>,
}

/// Defines an enum whose variants are written as fixed snake_case words.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::ParseWordError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let w = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                match w.as_str() {
                    $($word => Ok($name::$variant),)+
                    _ => Err($crate::model::ParseWordError { word: s.to_string(), allowed: vec![$($word),+] }),
                }
            }
        }
    };
}
pub(crate) use vocabulary;
