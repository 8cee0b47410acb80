# report

## The association report
report-period = Period
report-total = Total
report-grade = Grade
report-indicator = Id
report-name = Name
report-score = Score
report-max = Max
report-triggers = Improvement actions (7.4)
report-clause = Clause
report-action = Action
report-owner = Owner
report-due = Due
report-why = Why
report-none = none

## Member credit in the report
report-credit-heading = Member quality credit
report-credit-members = Members
report-credit-share = Share
report-credit-actions = Actions
report-sector-warnings = Sector credit warnings
report-member-warnings = Member credit warnings ({ $n })
report-credit-code = Credit code
report-company = Company
report-warning = Warning
report-warning-date = As of
report-warning-subject = Over the line
report-warning-line = Line
report-semicolon = {"; "}
report-cut-members = … and { $n } more; add `--all` to list them all
report-no-roster = the data has no member roster
report-no-member = there is no member `{ $code }` in the roster
report-member-score = Credit score { $score }  grade { $grade } ({ $name })
report-event = Event
report-points = Points
report-why-line = Why
report-account-total = Total { $sum }
report-member-actions = Actions: { $actions }
report-member-warning = Warning: { $text }
report-event-expired-days = older than the { $days }-day validity window, not counted
report-event-repaired = cleared by credit repair, not counted
report-event-duplicate = counts once; repeat not counted
report-event-not-counted = { $event }: { $why }
report-listing-heading = { $association }: member quality credit, { $period }
report-listing-grade = Grade { $grade } ({ $name }): { $n }

## explain --indicator
report-no-indicator = there is no indicator `{ $id }`; indicators are { $known }
report-explain-score = score { $score } / { $max }
report-explain-expected = expected outcome (工作成果): { $text }
report-criterion = Criterion
report-rule = Rule
report-rule-kind-heading = Kind
report-evidence = Evidence
report-facts = Facts
report-not-reported = not reported
report-explain-rule = rule: { $source } ({ $rule })
report-explain-evidence = evidence: { $list }
report-explain-facts = facts: { $list }

## show
report-show-sector = Sector { $id } ({ $name })  digest { $digest }
report-show-base = Base policies  digest { $digest }
report-show-marks = * marks what the sector changed
report-show-indicators = Indicators
report-show-name-criterion = Name / criterion
report-show-grades = Grades: { $list }
report-show-triggers = Improvement triggers (7.4)
report-show-when = When
report-show-targets = Targets
report-show-due-days = Due (days)
report-show-declined = fell by > { $by }
report-show-below-twice = twice < { $share }%
report-show-all-targets = all
report-show-changes = Changes by { $file }
report-show-fact-yes = { $fact }: yes
report-show-credit = Member credit
report-show-credit-base = Base { $base }  range { $min }–{ $max }  valid for (days) { $days }
report-show-cap = Cap
report-show-once = once
report-show-late = late { $points }
report-show-repeat = Repeat: { $name } ≥{ $n } → { $points }
report-show-veto = Veto: { $why }
report-show-change-added = added { $path }: { $to }
report-show-change-changed = changed { $path }: { $from } → { $to }
report-show-change-removed = removed { $path }, because: { $why }
report-show-change-line = line { $line }  { $what }

## The credit archive
report-archive-period = Period
report-archive-association = Association
report-archive-score = Score
report-archive-actions = Rewards and penalties
report-archive-warnings = Warnings
report-archive-run = Run
report-archive-history-heading = { $name } ({ $code }) credit archive
report-archive-history-run = { $period } #{ $run } credit account (policies { $policy }, data { $data })
report-archive-event-expired = older than the validity window, not counted
report-archive-list-summary = Member credit { $period }: { $associations } association(s), { $members } member(s)

## Change reports
report-change-who = { $name } ({ $association }) { $period }
report-change-unchanged = no result changed
report-change-changed = results changed
report-change-policies = policies
report-change-data = data
report-change-same = unchanged
report-change-up = up
report-change-down = down
report-change-actions = Improvement actions
report-change-action = Action
report-change-raised = raised
report-change-withdrawn = withdrawn
report-change-code = Credit code
report-change-credit = Credit
report-change-warnings = Member warnings
report-change-lifted = lifted
report-change-change = Change
report-change-colon = {": "}
report-change-comma = {", "}
report-change-open = {" ("}
report-change-close = )
report-change-member-counts = Member credit grades: { $changed } of { $compared } changed ({ $up } up, { $down } down); { $joined } joined, { $left } left
report-change-more-members = ({ $n } more not listed)
report-change-more-warnings = ({ $n } more not listed)

## diff
report-diff-from = policies in force
report-diff-to = revised policies
report-diff-side = { $label }: { $policies } ({ $digests })
report-diff-summary = Summary: { $changed } of { $n } association evaluations change grade ({ $up } up, { $down } down)
report-diff-summary-members = ; { $changed } of { $n } member evaluations change credit grade ({ $up } up, { $down } down)
report-change-grade-renamed = renamed only, the grade is the same
report-rule-kind = { $rule ->
    [evidence] evidence
    [fact] yes-no fact
    [at_least] at least
    [steps] steps
   *[script] script
}
report-explain-fact = { $name } (`{ $key }`) = { $value }
report-follow-ups = Follow-up of earlier improvement actions (7.4 d)
report-action-id = Action id
report-raised-in = Raised in
report-status = Status
report-status-closed-improvement = closed (improved)
report-status-closed-measure = closed (measure completed)
report-status-open = open
report-status-overdue = overdue
report-status-escalated = escalated
report-change-follow-ups = { $n ->
    [one] Follow-up of one earlier action moved
   *[other] Follow-up of { $n } earlier actions moved
}
