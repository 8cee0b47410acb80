# data
# The association file: file, period, facts, evidence, members and credit events.
data-file-extension = an association file must end in `.ron`, `.json` or (a filled-in data template) `.xlsx`
data-association-code-invalid = the association's credit code is invalid: { $why }
data-period-reversed = the period ends ({ $end }) before it starts ({ $start })
data-fact-from-roster = `{ $key }` is counted from the member roster in this file; remove it from `facts`
data-fact-unknown = `{ $key }` is not a fact the policies know
data-fact-out-of-range = `{ $key }` ({ $name }) must be { $kind }, found `{ $value }`
data-fact-not-finite = `{ $key }` ({ $name }) is `{ $value }`, not a finite number
data-fact-not-finite-help = `inf`, `NaN` and numbers too large to hold (such as `1e400`) cannot be a fact's value; write the actual number
data-fact-above-max = `{ $key }` ({ $name }) is `{ $value }`, above its maximum of { $max }
data-fact-below-min = `{ $key }` ({ $name }) is `{ $value }`, below its minimum of { $min }
data-fact-exceeds = `{ $key }` ({ $name }) is `{ $value }`, more than the { $bound } of `{ $other }` ({ $other_name })
data-fact-other-at = `{ $other }` is written on line { $line }, column { $col }
data-fact-exceeds-counted = `{ $key }` ({ $name }) is `{ $value }`, more than the { $bound } of `{ $other }` ({ $other_name }) counted from the member roster
data-fact-counted-exceeds = `{ $key }` ({ $name }), counted from the member roster, is { $value }, more than the `{ $bound }` of `{ $other }` ({ $other_name })
data-fact-twice = `{ $key }` ({ $name }) is written twice in `facts`
data-key-twice = the key `{ $key }` is written twice in `facts`
data-key-first = the first is on line { $line }, column { $col }; keep one of them
data-kind-yes-no = true or false
data-kind-count = a whole number, 0 or more
data-kind-rate = a share between 0 and 1
data-kind-amount = a number, 0 or more
data-did-you-mean = { $n ->
    [one] did you mean { $names }?
   *[other] did you mean one of { $names }?
}
data-known = known: { $names }{ $more ->
    [yes] , …
   *[no] { "" }
}
data-evidence-id-twice = the evidence id `{ $id }` is used twice
data-evidence-under-level = evidence `{ $id }` is filed under `{ $indicator }`, a level; file it under one of its indicators
data-evidence-not-indicator = evidence `{ $id }` is filed under `{ $indicator }`, which is not an indicator
data-evidence-indicators-help = indicators are C1 to C22 (and any a sector adds)
data-evidence-kind-not-counted = evidence `{ $id }` is of kind `{ $kind }`, which `{ $indicator }` does not count
data-evidence-kinds-counted = { $indicator } counts: { $kinds }
data-evidence-outside-period = evidence `{ $id }` is dated { $date }, outside the period { $start } to { $end }
data-evidence-outside-period-help = a plan or rule adopted before the period and still in force counts when its evidence kind has a validity (`valid_for` in catalogue.ron) or the record says how long it is valid (`valid_until` in a data file, the 有效期至 (valid until) column of the workbook's 工作台账 (work records) sheet)
data-evidence-expired = evidence `{ $id }` ({ $kind }) was adopted on { $date } and in force until { $until }: it had expired when the period began on { $start }
data-evidence-valid-until-before-date = evidence `{ $id }` is valid until { $until }, before its own date { $date }
data-events-need-roster = credit events need a member roster: add `members: [...]`
data-member-twice = member `{ $code }` (`{ $name }`) is listed twice
data-member-archive-after-period = member `{ $code }` ({ $name }) has its credit archive updated on { $date }, after the period ends on { $end }
data-member-applied-unknown = member { $name } lists `{ $action }` as applied, which is not an action of the credit policy (`actions`)
data-member-code-invalid = member `{ $name }` has an invalid credit code: { $why }
data-event-id-twice = the event id `{ $id }` is used twice
data-event-member-unknown = event `{ $id }` names member `{ $code }`, who is not on the roster
data-event-after-period = event `{ $id }` is dated { $date }, after the period ends on { $end }
data-event-kind-unknown = event `{ $id }` is of kind `{ $kind }`, which the credit policy does not define
data-event-needs-level = event `{ $id }` ({ $kind }) needs a `level`: one of { $levels }
data-event-level-unknown = event `{ $id }`: `{ $level }` is not a level of `{ $kind }`
data-event-needs-product = event `{ $id }` ({ $kind }) needs a `product`
data-event-product-empty = event `{ $id }` ({ $name }, `{ $kind }`) has an empty `product`: it holds only spaces, and this kind of event must name the product
data-event-item-class-unknown = event `{ $id }`: item `{ $item }` has class `{ $class }`, not one of the policy's item classes
# The unified social credit code (GB 32100-2015).
data-code-length = a unified social credit code has 18 characters, this one has { $n }
data-code-character = character { $position }, `{ $char }`, cannot appear in a unified social credit code
data-code-check = the check character (character { $position }) is `{ $char }`, which does not match the first 17 characters; check the whole code against the business licence
# The previous outcome.
data-previous-other-association = the previous outcome is for association `{ $previous }`, not `{ $here }`
data-previous-not-before = the previous outcome is for period `{ $previous }` (ending { $previous_end }), which does not end before period `{ $period }` (starting { $start })
data-previous-not-before-help = `--previous` takes the outcome of a period that ended before this one
data-outcome-schema = this is a `{ $schema }` file; a previous outcome must be `{ $expected }`
data-not-a-date = `{ $found }` is not a date: write dates as `YYYY-MM-DD`, e.g. `2024-03-15`
data-measure-id-twice = improvement measure id `{ $id }` is used twice
data-measure-action-shape = improvement measure `{ $id }` follows up action `{ $action }`, which is not written as "indicator/trigger"
data-measure-action-indicator = improvement measure `{ $id }` follows up action `{ $action }`, whose indicator `{ $indicator }` is not in the rubric
data-measure-action-trigger = improvement measure `{ $id }` follows up action `{ $action }`, whose trigger `{ $trigger }` does not exist
data-measure-action-help = action ids are those of the previous outcome's improvement actions (`action_id`), e.g. `C11/unmet`
data-measure-outside-period = improvement measure `{ $id }` is dated { $date }, outside the period { $start } to { $end }
data-measure-evidence-unknown = improvement measure `{ $id }` cites evidence `{ $evidence }`, which is not among this period's evidence
data-measure-note-empty = improvement measure `{ $id }` does not say what was done (`note` is empty)
data-measure-action-not-raised = improvement measure `{ $id }` follows up action `{ $action }`, which the previous period ({ $previous }) neither raised nor left open
data-measure-action-not-raised-help = only the previous outcome's improvement actions and its follow-ups still open can be followed up
data-measure-no-previous = improvement measure `{ $id }` follows up action `{ $action }`, but there is no previous outcome to follow up
data-measure-no-previous-help = give the previous outcome with `--previous PREVIOUS.json` or `--archive ARCHIVE`
