//! Columns that line up whatever their contents: each as wide as its widest cell (a long
//! account name, a longer word in another language), counted in characters as a terminal
//! shows them.

/// The rows laid out, two spaces between columns; `right[i]` aligns column `i` to the right
/// (numbers). The last column is not padded.
pub fn lay_out(rows: &[Vec<String>], right: &[bool]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |i: usize| {
        rows.iter()
            .filter_map(|r| r.get(i))
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let pad = widths[i].saturating_sub(cell.chars().count());
                    let spaces = " ".repeat(pad);
                    match right.get(i).copied().unwrap_or(false) {
                        true => format!("{spaces}{cell}"),
                        false if i + 1 == row.len() => cell.clone(),
                        false => format!("{cell}{spaces}"),
                    }
                })
                .collect();
            cells.join("  ")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_with_long_and_accented_cells() {
        let rows = vec![
            vec!["Tên".to_string(), "Số".into(), "x".into()],
            vec![
                "a-very-long-account-name".to_string(),
                "12".into(),
                "y".into(),
            ],
        ];
        let lines = lay_out(&rows, &[false, true, false]);
        // The last column starts at the same place on both lines.
        let last = |l: &str| l.chars().count();
        assert_eq!(last(&lines[0]), last(&lines[1]), "{lines:?}");
        assert!(lines[0].starts_with("Tên "), "{lines:?}");
        assert!(lines[1].contains("  12  y"), "{lines:?}");
    }
}
