# cogov compare: the regulator's comparison of associations in one period.

compare-title = Associations compared, period { $period }: { $n ->
    [one] 1 association
   *[other] { $n } associations
} in { $sectors ->
    [one] 1 sector
   *[other] { $sectors } sectors
} (ranked by points as a share of the maximum)
compare-ranking = Ranking
compare-by-sector = By sector
compare-matrix = Indicator matrix (associations by rank; points as a share of the maximum, blank: not in the association's sector)
compare-col-rank = Rank
compare-col-association = Association
compare-col-code = Credit code
compare-col-sector = Sector
compare-col-sector-id = Sector id
compare-col-points = Points
compare-col-score = Score
compare-col-max = Max
compare-col-share = Share
compare-col-share-pct = Share (%)
compare-col-grade = Grade
compare-col-mover = Change
compare-mover-legend = Change: of the share in percentage points and of the rank, against the association's previous period among the inputs; new: none
compare-col-previous = Previous period
compare-col-previous-rank = Previous rank
compare-col-change = Share change (pp)
compare-col-rank-change = Rank change
compare-col-count = Count
compare-col-mean = Mean share
compare-col-members = Associations (rank)
compare-col-indicator = Indicator
compare-col-name = Name
compare-col-rank-n = #{ $rank }
compare-col-row-share = { $id } { $name } (%)
compare-member-rank = { $name } ({ $rank })
compare-list = { $items }
compare-new = new
compare-mover = { $pp }, { $rank }
compare-rank-up = up { $n }
compare-rank-down = down { $n }
compare-rank-same = same rank
compare-cut-columns = … and { $n ->
    [one] 1 more association
   *[other] { $n } more associations
} not in the matrix; add `--all` to list them all
compare-absent = { $n ->
    [one] 1 association has
   *[other] { $n } associations have
} no outcome for { $period } and { $n ->
    [one] is
   *[other] are
} not ranked: { $names }
compare-absent-one = { $name } (has { $periods })
compare-single = Only 1 association has an outcome for { $period }: this is its ranking, with no other association to compare
compare-sector-base = General
compare-sheet-ranking = Ranking
compare-sheet-matrix = Indicator matrix
compare-duplicate = { $name } ({ $code }) has two outcomes for { $period }: this file and { $first }
compare-duplicate-help = An association has one outcome per period: leave one of the inputs out
compare-no-period = No input has an outcome for { $period }; the inputs have { $known }
compare-not-input = Neither association data (.ron, .json or a filled-in data template .xlsx), nor an outcome (`cogov.outcome/1`), nor a scenario folder
compare-not-input-help = Tables such as member rosters and sampling results are merged into an association's data: run `cogov eval DATA TABLE… --format json -o OUTCOME.json`, then compare the outcome
compare-xlsx-needs-output = `--format xlsx` needs an output file: `-o FILE.xlsx`
compare-cannot-write-xlsx = Cannot make the Excel workbook: { $error }

cli-about-compare = Rank associations by their total as a share of the maximum, with movers, sectors and the indicator matrix (协会比较)
cli-long-about-compare = Each input is an association's data file (evaluated under its sector's policies; an earlier period of the same association among the inputs is fed forward as the previous one), an outcome (`cogov.outcome/1`) or a scenario folder (each of its data files). The period compared is `--period`, else the latest among the inputs; each association (by credit code) enters with its outcome for that period. Movers: the change of share in percentage points and of rank against the association's previous period; "new" when it has none.
cli-help-compare-inputs = Association data files (.ron, .json), outcomes (JSON) and scenario folders
cli-help-compare-period = The period to compare, e.g. 2024 (default: the latest among the inputs)
cli-help-compare-archive = The credit archive: compare the current run of every association and period archived in it, with the inputs if any
cli-help-compare-format = Output format (xlsx needs `-o`)
cli-help-compare-output = Write to a file instead of the terminal
cli-help-compare-all = List every association in the indicator matrix, not only the first 6
