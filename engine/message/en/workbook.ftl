# workbook: `cogov eval --format xlsx`

workbook-needs-output = `--format xlsx` needs an output file: `-o FILE.xlsx`
workbook-cannot-make = Cannot make the Excel workbook: { $error }
cli-help-eval-format = Output format (xlsx needs `-o`)

## Sheets
workbook-sheet-summary = Summary
workbook-sheet-indicators = Indicators
workbook-sheet-criteria = Criteria
workbook-sheet-actions = Actions
workbook-sheet-follow-ups = Follow-ups
workbook-sheet-members = Members
workbook-sheet-warnings = Sector warnings

## The summary
workbook-field = Field
workbook-value = Value
workbook-association = Association
workbook-period-end = Period end
workbook-sector = Sector
workbook-sector-base = General
workbook-policy-digest = Policy digest
workbook-data-digest = Data digest
workbook-version = cogov version

## Columns
workbook-col-id = Id
workbook-col-parent = Parent
workbook-col-share = Share
workbook-col-indicator = Indicator
workbook-col-indicator-name = Indicator name
workbook-col-criterion = Criterion
workbook-col-rule = Rule kind
workbook-col-reason = Reason
workbook-col-credit-score = Credit score
workbook-col-grade-id = Grade id
workbook-col-grade-name = Grade name
workbook-col-warnings = Member warnings
workbook-rule-kind = { $rule ->
    [evidence] evidence
    [fact] yes-no fact
    [at_least] at least
    [steps] steps
   *[script] script
}
