//! A workbook a test fills in as staff would: the template `cogov template` writes, read back
//! with calamine, cells placed under the headers they belong to, and written again with
//! rust_xlsxwriter.

use std::path::Path;
use std::process::Output;

use calamine::{Data, Reader, Xlsx};
use jiff::civil::Date;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{cogov_command, root, stderr};

/// A cell of a workbook the test fills in.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum V {
    Text(String),
    Num(f64),
    Date(Date),
    Empty,
}

pub(super) fn text(s: impl Into<String>) -> V {
    V::Text(s.into())
}

/// A workbook as rows of cells per sheet, in sheet order.
pub(super) struct Book {
    pub(super) sheets: Vec<(String, Vec<Vec<V>>)>,
}

impl Book {
    /// The template `cogov template` writes for a sector (`base` for none), read back.
    pub(super) fn template(dir: &Path, sector: &str) -> Book {
        let path = dir.join(format!("模板-{sector}.xlsx"));
        let out = cogov_in(
            dir,
            &["template", "--sector", sector, "-o", path.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        Book::open(&path)
    }

    pub(super) fn open(path: &Path) -> Book {
        let mut xlsx: Xlsx<_> = calamine::open_workbook(path).unwrap();
        let sheets = xlsx
            .sheet_names()
            .into_iter()
            .map(|name| {
                let range = xlsx.worksheet_range(&name).unwrap();
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let mut rows = vec![Vec::new(); r0 as usize];
                for row in range.rows() {
                    let mut cells = vec![V::Empty; c0 as usize];
                    cells.extend(row.iter().map(value));
                    rows.push(cells);
                }
                (name, rows)
            })
            .collect();
        Book { sheets }
    }

    pub(super) fn names(&self) -> Vec<&str> {
        self.sheets.iter().map(|(n, _)| n.as_str()).collect()
    }

    pub(super) fn rows(&self, sheet: &str) -> &Vec<Vec<V>> {
        &self
            .sheets
            .iter()
            .find(|(n, _)| n == sheet)
            .unwrap_or_else(|| panic!("no sheet {sheet}"))
            .1
    }

    fn rows_mut(&mut self, sheet: &str) -> &mut Vec<Vec<V>> {
        &mut self
            .sheets
            .iter_mut()
            .find(|(n, _)| n == sheet)
            .unwrap_or_else(|| panic!("no sheet {sheet}"))
            .1
    }

    /// The header row of a sheet, as text.
    pub(super) fn headers(&self, sheet: &str) -> Vec<String> {
        self.rows(sheet)[0]
            .iter()
            .map(|c| match c {
                V::Text(t) => t.clone(),
                _ => String::new(),
            })
            .collect()
    }

    pub(super) fn column(&self, sheet: &str, header: &str) -> usize {
        self.headers(sheet)
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("{sheet} has no header {header}"))
    }

    /// Adds a row with these cells under their headers.
    pub(super) fn push(&mut self, sheet: &str, cells: &[(&str, V)]) {
        let placed: Vec<(usize, V)> = cells
            .iter()
            .map(|(h, v)| (self.column(sheet, h), v.clone()))
            .collect();
        let mut row = Vec::new();
        for (c, v) in placed {
            if row.len() <= c {
                row.resize(c + 1, V::Empty);
            }
            row[c] = v;
        }
        self.rows_mut(sheet).push(row);
    }

    /// Sets the cell under `header` of the row whose first cell is `key`.
    pub(super) fn set(&mut self, sheet: &str, key: &str, header: &str, v: V) {
        let c = self.column(sheet, header);
        let rows = self.rows_mut(sheet);
        let row = rows
            .iter_mut()
            .find(|r| r.first() == Some(&text(key)))
            .unwrap_or_else(|| panic!("{sheet} has no row {key}"));
        if row.len() <= c {
            row.resize(c + 1, V::Empty);
        }
        row[c] = v;
    }

    /// The values listed under a heading of the instructions sheet's drop-down lists.
    pub(super) fn list(&self, heading: &str) -> Vec<String> {
        let rows = self.rows(&self.sheets[0].0);
        let c = self.column(&self.sheets[0].0, heading);
        rows[1..]
            .iter()
            .filter_map(|r| match r.get(c) {
                Some(V::Text(t)) => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    pub(super) fn save(&self, path: &Path) {
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (name, rows) in &self.sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    match cell {
                        V::Text(t) => {
                            sheet.write_string(r, c, t).unwrap();
                        }
                        V::Num(n) => {
                            sheet.write_number(r, c, *n).unwrap();
                        }
                        V::Date(d) => {
                            let d = ExcelDateTime::from_ymd(
                                d.year() as u16,
                                d.month() as u8,
                                d.day() as u8,
                            )
                            .unwrap();
                            sheet.write_datetime_with_format(r, c, d, &date).unwrap();
                        }
                        V::Empty => {}
                    }
                }
            }
        }
        book.save(path).unwrap();
    }
}

fn value(d: &Data) -> V {
    match d {
        Data::String(s) => text(s.clone()),
        Data::Float(f) => V::Num(*f),
        Data::Int(i) => V::Num(*i as f64),
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            V::Date(Date::new(y as i16, m as i8, day as i8).unwrap())
        }
        Data::Empty => V::Empty,
        other => text(other.to_string()),
    }
}

/// cogov run in a folder.
pub(super) fn cogov_in(dir: &Path, args: &[&str]) -> Output {
    cogov_command()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run cogov")
}

/// The Chinese names of the evidence kinds of the base catalogue and a sector's overlay, by id.
fn kind_names(sector: &str) -> Vec<(String, String)> {
    let mut files = vec![root().join("policies/base/catalogue.ron")];
    files.push(root().join(format!("policies/sectors/{sector}/sector.ron")));
    let mut names = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for line in text.lines().map(str::trim) {
            let Some(rest) = line.strip_prefix('"') else {
                continue;
            };
            let (Some(id), Some(zh)) = (
                rest.split('"').next(),
                line.split("zh: \"")
                    .nth(1)
                    .and_then(|z| z.split('"').next()),
            ) else {
                continue;
            };
            names.push((id.to_string(), zh.to_string()));
        }
    }
    names
}

/// Fills a template with an association file's data, as staff would: indicators written by
/// id, by id and name, or by name; evidence kinds by id or name; some dates as text.
pub(super) fn fill(book: &mut Book, data: &cogov::Dataset) {
    let profile = "基本信息";
    book.set(profile, "协会名称", "填写内容", text(&data.profile.name));
    book.set(
        profile,
        "统一社会信用代码",
        "填写内容",
        text(&data.profile.credit_code),
    );
    book.set(profile, "评估期", "填写内容", text(&data.period.id));
    book.set(profile, "开始日期", "填写内容", V::Date(data.period.start));
    book.set(profile, "结束日期", "填写内容", V::Date(data.period.end));
    for (key, value) in &data.facts {
        let v = match value {
            cogov::FactValue::YesNo(true) => text("是"),
            cogov::FactValue::YesNo(false) => text("否"),
            cogov::FactValue::Number(n) => V::Num(*n),
        };
        book.set("指标数据", key, "填写值", v);
    }
    let indicators = book.list("下拉选项：指标");
    let kinds = kind_names(&data.profile.sector);
    for (n, e) in data.evidence.iter().enumerate() {
        let listed = indicators
            .iter()
            .find(|i| i.split(' ').next() == Some(e.indicator.as_str()))
            .unwrap();
        let indicator = match n % 3 {
            0 => e.indicator.clone(),
            1 => listed.clone(),
            _ => listed.split_once(' ').unwrap().1.to_string(),
        };
        let kind = match kinds.iter().find(|(id, _)| *id == e.kind) {
            Some((_, zh)) if n % 2 == 1 => zh.clone(),
            _ => e.kind.clone(),
        };
        let date = if n % 5 == 4 {
            text(e.date.strftime("%Y/%m/%d").to_string())
        } else {
            V::Date(e.date)
        };
        book.push(
            "工作台账",
            &[
                ("编号", text(&e.id)),
                ("指标", text(indicator)),
                ("类型", text(kind)),
                ("日期", date),
                ("标题", text(&e.title)),
            ],
        );
    }
    let Some(members) = &data.members else {
        return;
    };
    for m in &members.list {
        let mut cells = vec![
            ("企业名称", text(&m.name)),
            ("统一社会信用代码", text(&m.code)),
        ];
        if let Some(d) = m.archive_updated {
            cells.push(("信用档案更新日期", V::Date(d)));
        }
        if !m.applied.is_empty() {
            cells.push(("已落实措施", text(m.applied.join("、"))));
        }
        book.push("会员名录", &cells);
    }
    let s = &members.strings;
    for e in &members.events {
        let mut cells = vec![
            ("编号", text(s.get(e.id))),
            ("统一社会信用代码", text(s.get(e.member))),
            ("日期", V::Date(e.date)),
            ("类型", text(s.get(e.kind))),
        ];
        if let Some(level) = e.level {
            cells.push(("级别", text(s.get(level))));
        }
        if let Some(product) = e.product {
            cells.push(("产品", text(s.get(product))));
        }
        if !e.items.is_empty() {
            let items: Vec<String> = e
                .items
                .iter()
                .map(|i| format!("{}（{}）", s.get(i.name), s.get(i.class)))
                .collect();
            cells.push(("不合格项目", text(items.join("；"))));
        }
        if let Some(on_time) = e.on_time {
            cells.push(("按时办结", text(if on_time { "是" } else { "否" })));
        }
        if let Some(detail) = e.detail {
            cells.push(("说明", text(s.get(detail))));
        }
        book.push("信用事件", &cells);
    }
}
