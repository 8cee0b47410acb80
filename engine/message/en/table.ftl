# table
# Reading a workbook within limits (--max-rows, --max-columns, --max-cells, --max-inflated-mb).
table-dimension-too-large = the sheet declares that its cells span `{ $span }`, beyond the { $rows } rows and { $columns } columns a sheet may have
table-dimension-too-large-help = the file is damaged, or made to exhaust memory; if the sheet really is this large, raise the limits with `--max-rows` and `--max-columns`
table-row-beyond = cell `{ $cell }` is beyond the { $limit } rows a sheet may have
table-row-beyond-help = the file is damaged, or made to exhaust memory; if the sheet really is this long, raise the limit with `--max-rows`
table-column-beyond = cell `{ $cell }` is beyond the { $limit } columns a sheet may have
table-column-beyond-help = the file is damaged, or made to exhaust memory; if the sheet really is this wide, raise the limit with `--max-columns`
table-too-many-cells = the workbook holds more than the { $limit } cells allowed (this sheet reaches them at row { $row })
table-too-many-cells-help = each row counts up to its last filled cell; if the workbook really holds this much, raise the limit with `--max-cells`, or split it into several workbooks
table-too-many-strings = `{ $part }` declares { $n } shared strings, more than the { $limit } cells a workbook may hold
table-inflates-too-much = the workbook's parts inflate to { $mb } MB (`{ $part }` alone to { $part_mb } MB), more than the { $limit } MB allowed
table-inflates-too-much-help = a zip of a few megabytes that inflates to gigabytes is a zip bomb; if the workbook really is this large, raise the limit with `--max-inflated-mb`
table-part-overruns = `{ $part }` inflates to more than the { $declared } bytes the workbook declares for it: the file is damaged, or made to exhaust memory
# Cells that hold no value of their kind.
table-number-not-finite = the cell is a number, but its value { $value } is not a finite number
table-number-not-finite-help = type the number again, or clear the cell
table-date-not-a-day = the cell is an Excel date, but its value { $value } is no day from 1900-01-01 to 9999-12-31
table-date-not-a-day-help = type the date again, e.g. 2024-03-15, or clear the cell
# Rows that repeat another.
table-row-repeats = this row says what { $first } says (the same member, date, verdict or kind, product, items and other cells): one record written twice is not counted twice
table-row-repeats-help = delete one of the two rows; if they are two records (two samples of one product on one day), give each its own id in a `{ $id_header }` column
table-row-same = row { $row }
table-row-sheet = row { $row } of sheet `{ $sheet }`
table-row-file = row { $row } of `{ $file }`
table-row-file-sheet = row { $row } of sheet `{ $sheet }` in `{ $file }`
table-text-too-large = the sheet's text passes 4 GiB at cell { $cell }, more than one table can hold
table-text-too-large-help = split the sheet into several workbooks, each with less text
