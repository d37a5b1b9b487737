//! Rendering of header values to RFC 3261 §25 text: the one trait every value type implements, and the
//! helpers for lists and comments.

/// Appends a value in its wire syntax. Values are validated when made, so rendering cannot fail and never
/// writes CR, LF or NUL.
pub(crate) trait Render {
    /// Appends the value to `out`.
    fn render(&self, out: &mut String);
}

/// Writes `items` separated by `", "` (RFC 3261 §7.3.1 `COMMA`).
pub(crate) fn render_list<T: Render>(out: &mut String, items: &[T]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item.render(out);
    }
}

/// Writes `text` (checked with [`crate::syntax::check_text`]) as a `comment` (RFC 3261 §25.1):
/// parentheses around it, with `(`, `)` and `\` escaped as `quoted-pair`s.
pub(crate) fn write_comment(out: &mut String, text: &str) {
    out.push('(');
    for c in text.chars() {
        if matches!(c, '(' | ')' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_escapes() {
        let mut out = String::new();
        write_comment(&mut out, r"I'm (away) \o/");
        assert_eq!(out, r"(I'm \(away\) \\o/)");
    }
}
