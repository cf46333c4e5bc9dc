//! A Markdown table, its columns padded so it also reads in a terminal.

pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: Vec<String>) -> Table {
        Table { rows: vec![header] }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn markdown(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let width = |c: usize| {
            self.rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
                .max(3)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        let padded = |row: &Vec<String>| {
            line(
                widths
                    .iter()
                    .enumerate()
                    .map(|(c, w)| {
                        let cell = row.get(c).map_or("", String::as_str);
                        format!("{cell}{}", " ".repeat(w - cell.chars().count()))
                    })
                    .collect(),
            )
        };
        let mut out = padded(&self.rows[0]);
        out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
        for row in &self.rows[1..] {
            out.push_str(&padded(row));
        }
        out
    }
}

/// 1234567 as "1,234,567".
pub fn grouped(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Bytes as megabytes (10^6 B), as the targets are written.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
