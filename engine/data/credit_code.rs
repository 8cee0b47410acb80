//! The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
//! 31-character alphabet, the last a check character computed from the first 17.

use crate::message::Msg;

/// The code's alphabet; a character's value is its position.
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1 to 17.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a code is not a valid unified social credit code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Not 18 characters.
    Length(usize),
    /// A character outside the alphabet (I, O, Z, S, V and lower case are not used), with its
    /// position (1 to 18).
    Character(usize, char),
    /// The check character does not match.
    Check {
        /// What the first 17 characters call for (kept for callers that compute codes; never
        /// shown to an editor: a suggested check character makes a mistyped code look valid).
        expected: char,
        /// What the code has.
        found: char,
    },
}

impl CodeError {
    /// Why the code is invalid, as a message: which character is wrong and where, never what
    /// the check character "should" be.
    pub fn msg(&self) -> Msg {
        match self {
            CodeError::Length(n) => Msg::new("data-code-length").arg("n", *n),
            CodeError::Character(position, c) => Msg::new("data-code-character")
                .arg("position", *position)
                .arg("char", c.to_string()),
            CodeError::Check { found, .. } => Msg::new("data-code-check")
                .arg("position", 18)
                .arg("char", found.to_string()),
        }
    }
}

impl From<&CodeError> for Msg {
    fn from(e: &CodeError) -> Msg {
        e.msg()
    }
}

/// In English (the wording of [`CodeError::msg`]).
impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().word(crate::text::Lang::En))
    }
}

/// Each ASCII character's value in the alphabet, or `NONE`.
const VALUES: [u8; 128] = {
    let mut values = [NONE; 128];
    let alphabet = ALPHABET.as_bytes();
    let mut i = 0;
    while i < alphabet.len() {
        values[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    values
};
const NONE: u8 = u8::MAX;

/// A character's value in the alphabet.
fn value(c: char) -> Option<u32> {
    let v = *VALUES.get(c as usize)?;
    (v != NONE).then_some(u32::from(v))
}

/// Checks a code's length, alphabet and check character. (Rosters list a code per member and
/// archives name one per event, so this does not allocate.)
pub fn validate(code: &str) -> Result<(), CodeError> {
    let count = code.chars().count();
    if count != 18 {
        return Err(CodeError::Length(count));
    }
    let mut sum = 0;
    for (i, (c, w)) in code.chars().zip(WEIGHTS).enumerate() {
        sum += w * value(c).ok_or(CodeError::Character(i + 1, c))?;
    }
    let found = code.chars().last().expect("18 characters");
    value(found).ok_or(CodeError::Character(18, found))?;
    let check = (31 - sum % 31) % 31;
    let expected = ALPHABET.as_bytes()[check as usize] as char;
    if found != expected {
        return Err(CodeError::Check { expected, found });
    }
    Ok(())
}

/// Completes 17 characters with their check character (for generating sample data).
pub fn with_check(first17: &str) -> String {
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| w * ALPHABET.find(c).unwrap_or(0) as u32)
        .sum();
    let check = (31 - sum % 31) % 31;
    format!("{first17}{}", ALPHABET.as_bytes()[check as usize] as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_code_of_the_standard_is_valid() {
        // The sample code printed in guidance on GB 32100-2015.
        assert_eq!(validate("91350100M000100Y43"), Ok(()));
        assert_eq!(with_check("91350100M000100Y4"), "91350100M000100Y43");
    }

    #[test]
    fn a_wrong_check_character_is_named() {
        let good = with_check("91440606MA4UJ8XK3");
        let last = good.chars().last().unwrap();
        let wrong = if last == '0' { '1' } else { '0' };
        let bad = format!("{}{wrong}", &good[..17]);
        assert_eq!(
            validate(&bad),
            Err(CodeError::Check {
                expected: last,
                found: wrong
            })
        );
    }

    #[test]
    fn letters_outside_the_alphabet_are_refused() {
        assert_eq!(
            validate("91440606MA4UJ8XKIT"),
            Err(CodeError::Character(17, 'I'))
        );
        assert_eq!(validate("9144"), Err(CodeError::Length(4)));
        assert_eq!(
            validate("９1440606MA4UJ8XK3T"),
            Err(CodeError::Character(1, '９'))
        );
        assert_eq!(
            validate("91440606MA4UJ8XK3i"),
            Err(CodeError::Character(18, 'i'))
        );
    }
}
