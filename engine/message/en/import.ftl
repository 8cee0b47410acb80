# import
# Importing tables: where (sheet, row, column).
import-at-sheet = sheet `{ $sheet }`: { $message }
import-at-sheet-row = sheet `{ $sheet }`, { $row }: { $message }
import-at-sheet-row-column = sheet `{ $sheet }`, { $row }, { $column }: { $message }
import-at-row = { $row }: { $message }
import-at-row-column = { $row }, { $column }: { $message }
import-row = row { $n }
import-row-serial = row { $n } (`序号` { $serial })
import-column-header = column `{ $header }`
import-column-letter = column { $letter }
# Reading table files.
import-cannot-read = cannot read the file: { $error }
import-xls = an Excel 97–2003 workbook (`.xls`) cannot be read
import-xls-help = open it in Excel or WPS and save it as `.xlsx`, or as CSV
import-not-a-table = a table must be a `.csv` file or an Excel `.xlsx` workbook
import-not-text = the file is neither UTF-8 nor GB18030 (GBK) text
import-not-text-help = save it again as CSV (UTF-8)
import-csv-file-too-large = the file is { $size } bytes long; a CSV table can hold at most 2 GiB
import-csv-too-large = the file holds { $size } bytes of text; a CSV table can hold at most 2 GiB
import-csv-too-large-help = split the table into several files, each under 2 GiB, and give them all
import-not-a-workbook = cannot read the file as an Excel workbook: { $error }
import-sheet-unreadable = cannot read it: { $error }
import-workbook-empty = the workbook has no sheet with any cell
import-no-shapes = tables cannot be imported: the policies declare no table shapes
import-no-shapes-help = add { $path } (the shipped policies have one)
import-events-need-roster = these credit events need a member roster: give a { $roster } table or `members: [...]` in the association file
# Headers.
import-shape-headers = { $shape } ({ $headers })
import-unknown-shape = cannot tell what this table holds: no row has the headers of { $shapes }
import-unknown-shape-help = { $seen }; the header spellings are listed in import.ron
import-table-empty = the table is empty
import-first-row = its first row has { $cells }
import-row-above-header = this row is above the header row (row { $header }) but is not a title
import-row-above-header-help = a title row has one cell; move the row below the header, or delete it
import-value-without-header = the column has a value here but no header
import-value-without-header-help = give the column a header, or clear its cells
import-column-twice = `{ $header }` and `{ $first }` are both the `{ $field }` column; keep one
import-unknown-header = `{ $header }` is not a header of a { $shape } table
import-unknown-header-help = add `{ $header }` under `ignore` in import.ron if the column is not needed, or under the field it holds in `columns`
import-near-or = { $near } or { $add }
import-needs-column = a { $shape } table needs a `{ $header }` column
import-accepted-headers = headers accepted for it: { $headers }
import-no-date-source = the rows of this { $shape } table have no date to take: { $sources }
import-no-date-source-help = a date comes from the sources under `date_from` in import.ron: a date column ({ $headers }), a date in the title (as in `…监督抽查结果（2024年6月18日）`) or `--notice-date YYYY-MM-DD`
import-title-dates = the title rows give two different dates, { $first } and { $second }: which one is the notice's cannot be told
import-title-dates-help = keep only the notice's date in the title, or give it with `--notice-date YYYY-MM-DD`
import-needs-member-column = { $n ->
    [one] a { $shape } table needs a { $headers } column to tell which member each row concerns
   *[other] a { $shape } table needs one of the columns { $headers } to tell which member each row concerns
}
# Data rows.
import-cell-empty = the cell is empty
import-code-invalid = `{ $code }` is invalid: { $why }
import-code-name-mismatch = `{ $code_header }` `{ $code }` is `{ $name }` on the roster, but this cell is `{ $company }`
import-company-ambiguous = `{ $company }` names { $n } members on the roster ({ $codes }); give the `{ $code_header }`
import-company-unknown = `{ $company }` is not on the member roster
import-names-exact = names are matched exactly; { $suggestion }
import-no-member = the row names no member: `{ $header }` is empty
import-no-member-two = the row names no member: `{ $first }` and `{ $second }` are empty
import-not-a-date = `{ $text }` is not a date
import-date-forms = write a date like { $forms }
import-item-no-class = `{ $item }` has no class
import-item-no-name = `{ $item }` has no item name before its class
import-item-class-unknown = `{ $item }` has class `{ $class }`, which the import policy does not know
import-items-help = write each item with its class, e.g. `吸水率（A类）`; classes: { $classes }
import-no-date = the row has no date: { $sources }
import-date-from-column = the date cell is empty
import-date-from-title = the title gives no date
import-date-from-notice = no `--notice-date` was given
import-items-brackets = the brackets in `{ $cell }` do not pair up, so its items cannot be told apart
import-items-dictionary-help = write the item with its class, e.g. `吸水率（A类）` (classes: { $classes }), or add it to the item dictionary `items.dictionary` in import.ron
import-left-out = { $firms ->
    [one] { $n ->
        [one] { $n } row counted for no member: the firm { $names } is not on the member roster
       *[other] { $n } rows counted for no member: the firm { $names } is not on the member roster
    }
   *[other] { $n } rows counted for no member: these { $firms } firms are not on the member roster: { $names }
}
import-left-out-help = `unlisted: Report` in import.ron leaves out the rows of firms not on the roster; if one of them is a member, check its name or credit code
import-word-unexpected = { $n ->
    [one] the cell is `{ $word }`; expected { $words }
   *[other] the cell is `{ $word }`; expected one of { $words }
}
import-verdict-needs-items = `{ $header }` is `{ $word }`, but the cell is empty: list the failed items with their classes
import-verdict-lists-items = `{ $header }` is `{ $word }`, but the cell lists `{ $cell }`
import-level-none = the cell is `{ $written }`, but { $kind } has no levels
import-level-unknown = `{ $written }` is not a level of { $kind }
import-level-help = write one of { $levels }
import-kind-unknown = `{ $written }` is not an event kind of the credit policy
import-action-unknown = `{ $written }` is not a reward or restriction of the credit policy
