//! The one normalisation for comparing names: every name, alias and title lookup uses it,
//! and so will duplicate detection.
//!
//! Two names are the same when their keys are equal. A key is the text under
//! Unicode compatibility normalisation (NFKC) and full case folding, with runs
//! of whitespace collapsed to one space: "Élysée" = "ÉLYSÉE" = "élysée",
//! "Straße" = "STRASSE", "ＡＦＰ" (full-width) = "AFP". Accents count:
//! "Élysée" ≠ "Elysee" — they tell names apart ("Salé" is not "Sale"); add an
//! alias when a source is also written without them.

use unicode_normalization::UnicodeNormalization;

/// The comparison key of a name.
pub fn key(text: &str) -> String {
    // Plain ASCII is already in normal form and folds to lower case: the common case
    // (imports, extraction) takes this path, at a tenth of the cost.
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        }
        return out;
    }
    full_key(text)
}

/// [`key`] for any text: NFKC, case-folded, whitespace collapsed.
fn full_key(text: &str) -> String {
    let compatible: String = text.nfkc().collect();
    let folded = caseless::default_case_fold_str(&compatible);
    // Folding can undo the normal form (it expands some characters); normalise again.
    let normal: String = folded.nfkc().collect();
    normal.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two names are the same name.
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::{full_key, key, same};

    #[test]
    fn ascii_shortcut_agrees_with_the_full_normalisation() {
        // Every printable and whitespace ASCII character, alone and in runs.
        let chars: Vec<char> = (0u8..128).map(char::from).collect();
        for &c in &chars {
            let text = format!("Ab{c}{c}Cd {c}");
            assert_eq!(key(&text), full_key(&text), "{:?}", text);
        }
        for text in ["", "   ", "\u{b}VT\u{c}FF", "Middle  East\tEye", "AL-QAEDA in the ISLAMIC Maghreb"] {
            assert_eq!(key(text), full_key(text), "{text:?}");
        }
    }

    #[test]
    fn case_folds_beyond_ascii() {
        assert!(same("Élysée", "élysée"));
        assert!(same("ÉLYSÉE", "élysée"));
        assert!(same("Straße", "STRASSE"));
        assert!(same("Middle  East\tEye", "middle east eye"));
    }

    #[test]
    fn compatibility_forms_are_the_same_name() {
        assert!(same("ＡＦＰ", "AFP"), "full-width letters");
        assert!(same("e\u{301}lyse\u{301}e", "Élysée"), "combining accents");
        assert!(same("ﬁnancial", "financial"), "ligature");
    }

    #[test]
    fn accents_count() {
        assert!(!same("Élysée", "Elysee"));
        assert!(!same("Salé", "Sale"));
        assert_eq!(key("  Niamey "), "niamey");
    }
}
