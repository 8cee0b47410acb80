# cli
cli-error = error: { $message }
cli-check-ok = ok: { $root } ({ $scope }): { $indicators } indicators, { $triggers } triggers, { $scripts } scripts, digest { $digest } ({ $ms } ms)
cli-check-scope-all = base and { $n } sectors
cli-progress-reading = reading the data
cli-progress-checking = checking members and credit events
cli-progress-evaluating = evaluating
cli-progress-done = done
cli-needs-policy-folder = this command needs a policy folder: give --policies DIR or set { $env }
cli-cannot-write = cannot write the output: { $error }
cli-cannot-write-stdout = cannot write to standard output: { $error }
cli-man-failed = cannot render the manual page: { $error }
cli-replay-failed = { $n ->
    [one] 1 expectation not met
   *[other] { $n } expectations not met
}
cli-init-bad-sector = `{ $name }` is not a sector id: use lower-case letters, digits and hyphens, e.g. `furniture`
cli-init-exists = { $folder } already exists
cli-init-cannot-create = cannot create the overlay: { $error }
cli-init-created = created { $file } (digest { $digest }); edit it, then run `cogov check --sector { $name }`

# Usage errors (the parser's own).
cli-usage-unknown-argument = unexpected argument `{ $arg }` found
cli-usage-unknown-command = unrecognized subcommand `{ $name }`
cli-usage-value-missing = a value is required for `{ $arg }` but none was supplied
cli-usage-invalid-value = invalid value `{ $value }` for `{ $arg }`
cli-usage-invalid-value-because = invalid value `{ $value }` for `{ $arg }`: { $reason }
cli-notice-date-invalid = `--notice-date` must be a date written YYYY-MM-DD, not `{ $value }`
cli-usage-possible-values = [possible values: { $values }]
cli-usage-missing = the following required arguments were not provided: { $args }
cli-usage-missing-command = `{ $name }` requires a subcommand but one was not provided
cli-usage-commands = [subcommands: { $names }]
cli-usage-repeated = the argument `{ $arg }` cannot be used multiple times
cli-usage-conflict = the argument `{ $arg }` cannot be used with { $others }
cli-usage-conflict-others = the argument `{ $arg }` cannot be used with one or more of the other specified arguments
cli-usage-no-equals = equal sign is needed when assigning values to `{ $arg }`
cli-usage-too-many = unexpected value `{ $value }` for `{ $arg }` found; no more were expected
cli-usage-too-few = { $min } values required by `{ $arg }`; only { $actual ->
    [one] 1 was provided
   *[other] { $actual } were provided
}
cli-usage-wrong-number = { $expected } values required for `{ $arg }` but { $actual ->
    [one] 1 was provided
   *[other] { $actual } were provided
}
cli-usage-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
cli-usage-failed = the command line could not be read: { $reason }
cli-usage-similar-argument = tip: a similar argument exists: { $names }
cli-usage-similar-command = tip: a similar subcommand exists: { $names }
cli-usage-similar-value = tip: a similar value exists: { $names }
cli-usage-tip-as-value = tip: to pass `{ $arg }` as a value, use `{ $use }`
cli-usage-tip-exists = tip: `{ $what }` exists
cli-usage-tip-remove-dashes = tip: subcommand `{ $name }` exists; to use it, remove the `--` before it
cli-usage-tip = tip: { $text }
cli-usage-usage = Usage: { $usage }
cli-usage-more = For more information, try `{ $flag }`.

# Help: headings.
cli-heading-commands = Commands:
cli-heading-arguments = Arguments:
cli-heading-options = Options:
cli-placeholder-options = [OPTIONS]
cli-placeholder-command = COMMAND
cli-help-possible-values = [possible values: { $values }]
cli-help-value = { $name }: { $text }
cli-help-default = [default: { $value }]
cli-man-name = NAME
cli-man-synopsis = SYNOPSIS
cli-man-description = DESCRIPTION
cli-man-options = OPTIONS
cli-man-commands = SUBCOMMANDS
cli-man-version = VERSION

# Help: what each command does.
cli-about = Rules engine for industry quality co-governance (行业质量共治, DB4406/T)
cli-about-check = Validate the policies and print every problem (校验政策文件)
cli-about-eval = Evaluate an association's data for one period (评估)
cli-about-explain = Explain an indicator's score or a member's credit (解释得分)
cli-about-replay = Replay a scenario's steps (回放情景)
cli-about-test = Run scenarios' expectations and report what passed (运行情景测试)
cli-about-watch = Re-evaluate on every save and print what changed (编辑时热重载)
cli-long-about-watch = Re-evaluate on every save and print what changed (编辑时热重载)

    Watches the policy folder (followed when it is replaced) and the folders of the data files and tables. After each burst of saves the whole policy set is rebuilt: a valid set that evaluates every data file replaces the one in use; an invalid one, or one that fails while evaluating, is refused with its problems while the last valid set keeps serving. Invalid data keeps its last good result. Invalid policies or data at the start are waited for. Stop with Ctrl-C.
cli-about-diff = What a rubric revision changes, before it is published (修订影响对比)
cli-long-about-diff = What a rubric revision changes, before it is published (修订影响对比)

    Evaluates every dataset under both policy folders and reports what moves, then how many associations and members change grade. A scenario contributes the data of its `Eval` steps (its edits are not applied). Exits 1 when either policy set, or a dataset under either, is invalid.
cli-about-show = Print the effective rules, marking what a sector changed (查看生效规则)
cli-about-init = Create a new sector overlay that changes nothing yet, or with --test a scenario (新建行业规则包或情景)
cli-about-archive = Keep associations' and members' credit in the archive and read it back (质量信用档案)
cli-about-archive-record = Evaluate the data and append the result as one run; a run already archived is not written again (追加记录)
cli-about-archive-history = A member's credit, or an association's runs, in every period archived (信用档案)
cli-about-archive-list = The associations and members of one period (期间信用)
cli-about-archive-verify = Recompute the hash chain and report every run that no longer matches (校验档案)
cli-about-completions = Print the shell completion script for bash, zsh, fish or powershell (命令补全脚本)
cli-long-about-completions = Print the shell completion script for bash, zsh, fish or powershell (命令补全脚本)

    bash: `cogov completions bash > /etc/bash_completion.d/cogov`; zsh: save it as `_cogov` in a folder on `$fpath`; fish: `cogov completions fish > ~/.config/fish/completions/cogov.fish`.
cli-about-man = Print the manual page, in roff (使用手册): `cogov man > cogov.1; man ./cogov.1`
cli-about-help = Print this message or the help of the given subcommand(s)

# Help: each argument.
cli-help-lang = Language of every message and report: zh (中文, the default) or en; else $COGOV_LANG, else the locale
cli-help-help = Print help
cli-help-help-more = Print help (see more with '--help')
cli-help-help-summary = Print help (see a summary with '-h')
cli-help-version = Print version
cli-help-policies = Policy folder (default: the shipped `policies/`)
cli-help-sector = Sector overlay (default: the sector the data declares)
cli-help-format = Output format
cli-help-db = The archive file (default: cogov-archive.sqlite in the current folder)
cli-help-max-rows = Rows a worksheet of a table workbook may have; a workbook beyond it is refused unread
cli-help-max-columns = Columns a worksheet of a table workbook may have
cli-help-max-cells = Cells a table workbook may hold, all sheets together, each row counted to its last filled cell
cli-help-max-inflated-mb = Megabytes a table workbook's parts may inflate to, together (a zip bomb is refused unread)
cli-help-check-deny-warnings = Treat warnings (valid but probably not meant) as errors
cli-help-eval-data = The association's data file (.ron or .json, or the filled-in data template .xlsx), then any member roster, sampling result or credit event tables (.csv or .xlsx) to merge into it
cli-help-eval-previous = The previous period's outcome (JSON from `eval --format json`)
cli-help-eval-archive = The credit archive to take the previous outcome from (unless --previous gives it) and members' earlier grades: the latest run of this association that ended before this period
cli-help-eval-output = Write to a file instead of the terminal
cli-help-eval-all = List every member warning and action in the table (without it, the first 12 are listed and the rest counted)
cli-help-notice-date = The date of the sampling notice the tables come from: the date of rows the import policy dates by the notice (`date_from`)
cli-help-show-all = Print a sector's changed values whole (without it, long values are cut at 60 characters)
cli-help-explain-data = The association's data file (.ron or .json, or the filled-in data template .xlsx), then any tables (.csv or .xlsx)
cli-help-explain-previous = The previous period's outcome
cli-help-explain-indicator = Indicator to explain, e.g. C17
cli-help-explain-member = Member to explain, by unified social credit code
cli-help-replay-scenario = The scenario file (scenarios/<name>/scenario.ron) or its folder
cli-help-watch-data = Association data files (.ron or .json, or filled-in data templates .xlsx), each followed by any member roster, sampling result or credit event tables (.csv or .xlsx) to merge into it; their folders are watched too
cli-help-diff-from = The policy folder in force
cli-help-diff-to = The revised policy folder
cli-help-diff-sector = Sector overlay (default: the scenario's, else the sector the data declares)
cli-help-diff-inputs = Data files, and scenarios (every `Eval` step's data)
cli-value-diff-format-table = Aligned text for a terminal
cli-value-diff-format-json = JSON (`cogov.diff/1`)
cli-help-init-target = Sector id: lower-case letters, digits and hyphens, e.g. `furniture`; with --test, the data file the scenario evaluates
cli-help-init-test = Make a scenario `scenarios/NAME/` instead: the data file copied, its expectations filled from the current outcome
cli-help-archive-record-data = The association's data file (.ron or .json, or the filled-in data template .xlsx), then any tables (.csv or .xlsx)
cli-help-archive-record-previous = The previous period's outcome (default: the archive's latest earlier run of the association)
cli-help-archive-record-outcome = An outcome file (`cogov eval --format json`) to archive only if it equals the re-evaluation
cli-help-archive-record-supersedes = Record a correction (更正) of this current run
cli-help-archive-record-reason = Why the correction is made
cli-help-archive-history-code = A member's or an association's unified social credit code
cli-help-archive-list-period = Period label, e.g. 2024
cli-help-completions-shell = The shell
cli-help-test-paths = Scenario folders or files, or folders holding scenario folders (default: ./scenarios)
cli-help-test-coverage = Report which rules the scenarios exercised, per rule kind, policy file and sector set
cli-help-test-annotate = Write a copy of each policy file into DIR with each rule's line marked ✓ (exercised) or ✗ (not)
cli-help-test-threshold = Fail when less than N % of the rules are exercised
cli-help-test-output = Write the report to a file instead of the terminal
cli-value-test-format-table = A line per scenario, then each expectation not met
cli-value-test-format-junit = JUnit XML for CI systems (the text report goes to standard error)
cli-value-test-format-json = Coverage as JSON (`cogov.coverage/1`; the text report goes to standard error)
