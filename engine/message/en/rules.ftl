# rules: the rubric, the credit policy, the improvement triggers and the import policy, checked
# against each other and the catalogue.

## The rubric (rubric.ron).
rules-non-negative = `{ $field }` must be 0 or more, found { $found }
rules-grades-order = the grade bands are not written from the highest to the lowest
rules-grades-order-help = write them best first, as readers expect; the order does not change grading
rules-evidence-at-least = `at_least` must be 1 or more
rules-criterion-always-met = criterion `{ $criterion }` is always met: any reported fact reaches `value` { $value }
rules-criterion-always-met-help = give a threshold above 0
rules-criterion-steps-rise = the steps of criterion `{ $criterion }` must rise: thresholds and points ascending
rules-example-unlisted = an example of criterion `{ $criterion }` gives `{ $name }`, which the criterion does not list
rules-criterion-never-met = criterion `{ $criterion }` can never be met: `{ $fact }` is a share of at most 1, and the threshold is { $threshold }
rules-catalogue-range-yes-no = fact `{ $fact }` ({ $name }) is a yes/no fact and cannot have a `{ $field }`
rules-catalogue-range-outside-kind = the `{ $field }` of fact `{ $fact }` ({ $name }) is { $value }, outside what its kind allows: it must be { $kind }
rules-catalogue-range-reversed = fact `{ $fact }` ({ $name }) has a `min` of { $min } above its `max` of { $max }
rules-catalogue-relation-unknown = the `at_most` of fact `{ $fact }` ({ $name }) names `{ $other }`, which the catalogue does not declare
rules-catalogue-relation-self = the `at_most` of fact `{ $fact }` ({ $name }) names the fact itself
rules-catalogue-relation-yes-no = fact `{ $fact }` ({ $name }) and `{ $other }` ({ $other_name }) cannot be compared: a yes/no fact has no size
rules-catalogue-valid-for = the validity `valid_for` of evidence kind `{ $kind }` ({ $name }) is `{ $found }`, which is no length of time
rules-catalogue-valid-for-help = write years or months, such as `"3y"` (three years) or `"18m"` (eighteen months)
rules-rate-as-share = write rates as shares: 0.9 for 90 %
rules-criterion-unknown-evidence = criterion `{ $criterion }` names the evidence kind `{ $kind }`, which the catalogue does not declare
rules-criterion-unknown-fact = criterion `{ $criterion }` names the fact `{ $fact }`, which the catalogue does not declare
rules-criterion-fact-kind = criterion `{ $criterion }` needs a { $want ->
        [yes-no] yes/no
       *[numeric] numeric
    } fact, but `{ $fact }` is { $kind ->
        [yes-no] true or false
        [count] a whole number, 0 or more
        [rate] a share between 0 and 1
       *[amount] a number, 0 or more
    }
rules-id-twice = the id `{ $id }` is used twice
rules-id-twice-help = every level and indicator needs its own id; the first `{ $id }` is on line { $line }
rules-top-levels-sum = the top levels add up to { $top }, but `total` is { $total }
rules-top-levels-list = top levels: { $list }
rules-grades-empty = `grades` is empty: every total needs a grade
rules-grades-below = no grade covers totals below { $min }
rules-grades-below-help = give the lowest grade band `min: 0`
rules-grades-same-min = grades `{ $first }` and `{ $second }` start at the same total
rules-grade-id-twice = the grade id `{ $id }` is used twice
rules-grade-unreachable = grade `{ $grade }` starts at { $min }, above the total of { $total }: no association can reach it
rules-level-no-children = level `{ $id }` has no children
rules-level-no-children-help = add indicators under it, or remove it
rules-children-sum = the children of `{ $id }` add up to { $sum }, but `{ $id }` has { $points } points
rules-children-list = children: { $list }
rules-indicator-no-criteria = indicator `{ $id }` has no criteria
rules-indicator-no-criteria-help = every indicator must be scored from data: add at least one criterion
rules-criteria-sum = the criteria of `{ $id }` add up to { $sum }, but `{ $id }` has { $points } points
rules-criteria-list = criteria: { $list }
rules-criterion-id-twice = criterion id `{ $id }` is used twice

## The credit policy (credit.ron).
rules-credit-base-range = the base score { $base } must lie between `min` { $min } and `max` { $max }
rules-credit-validity-days = `validity_days` must be from 1 to { $max }, found { $found }
rules-credit-validity-days-help = leave it out for events that count forever
rules-credit-too-many-item-classes = at most { $max } item classes, found { $found }
rules-credit-too-many-kinds = at most { $max } event kinds, found { $found }
rules-credit-grades-order = the credit grades are not written from the highest to the lowest
rules-credit-grades-cover = the grade bands must cover every score down to `min` { $min }: give the lowest band `min: { $min }`
rules-credit-grades-same-min = grades `{ $first }` and `{ $second }` start at the same score
rules-credit-grade-unreachable = grade `{ $grade }` starts at { $min }, above the highest score { $max }: no member can reach it
rules-credit-unknown-kind = `{ $kind }` is not an event kind of the credit policy
rules-credit-unknown-grade = `{ $grade }` is not a credit grade
rules-credit-repeat-at-least = repeat `{ $id }`: `at_least` must be 2 or more, found { $found }
rules-credit-unknown-item-class = `{ $class }` is not one of the `item_classes`
rules-credit-unknown-action = `{ $action }` is not listed under `actions`
rules-credit-warning-share = warning `{ $id }`: `above` must be a share between 0 and 1, found { $found }
rules-credit-fact-not-from-members = `{ $fact }` is counted from members here, but the catalogue does not mark it `from_members: true`
rules-credit-unknown-fact = `{ $fact }` is not a fact the catalogue declares
rules-credit-too-many-levels = `{ $kind }` has { $n } levels; at most { $max }
rules-credit-cap-sign = `{ $kind }`: the cap { $cap } has the opposite sign of the kind's points
rules-credit-points-finite = the points of `{ $kind }` must be finite numbers, found { $found }

## The improvement triggers (triggers.ron).
rules-trigger-id-twice = the trigger id `{ $trigger }` is used twice
rules-trigger-due-days = `due_days` must be from 1 to { $max } (ten years), found { $found }
rules-trigger-unknown-target = trigger `{ $trigger }` targets `{ $target }`, which is not an indicator
rules-trigger-share = trigger `{ $trigger }`: `share` must be between 0 and 1, found { $found }
rules-trigger-by = trigger `{ $trigger }`: `by` must be a finite number, 0 or more, found { $found }
rules-trigger-params = trigger `{ $trigger }`: every `params` value must be a finite number
rules-trigger-unknown-fact = trigger `{ $trigger }` names the fact `{ $fact }`, which the catalogue does not declare

## The import policy (import.ron).
rules-import-unknown-class = `{ $written }` stands for class `{ $class }`, which is not one of the credit policy's `item_classes`
rules-import-items-list = `items.{ $what }` needs at least one string, and no empty one
rules-import-lists-empty = `lists` may not hold an empty string
rules-import-no-dates = `dates` needs at least one date format, e.g. `%Y-%m-%d`
rules-import-bad-date-format = `{ $format }` is not a date format that writes and reads back a day
rules-import-date-format-help = use %Y for the year, %m for the month and %d for the day, e.g. `%Y年%m月%d日`
rules-import-on-time-both = `{ $word }` is listed under both `yes` and `no` of `on_time`
rules-import-no-field = a { $table } table has no field `{ $field }`
rules-import-no-spellings = `{ $field }` needs at least one header spelling
rules-import-empty-spelling = `{ $field }` has an empty header spelling
rules-import-header-twice = the header `{ $header }` is given for both `{ $first }` and `{ $second }`
rules-import-needs-spellings = the { $table } table needs header spellings for { $fields } under `columns`
rules-import-field = `{ $field }`
rules-import-field-or = { $either } or `{ $field }`
rules-import-ignored-and-read = the header `{ $header }` is both ignored and read as `{ $field }`
rules-import-identify-unspelt = `{ $field }` identifies the { $table } table but has no header spellings under `columns`
rules-import-no-identify = the { $table } table needs at least one field under `identify`
rules-import-kind-has-no-levels = `{ $word }` stands for level `{ $level }`, but `{ $kind }` has no levels
rules-import-unknown-level = `{ $word }` stands for level `{ $level }`, which is not a level of `{ $kind }`
rules-import-level-class = `{ $class }` is not one of the credit policy's `item_classes`
rules-import-verdict-kind = the verdict `{ $verdict }` stands for `{ $kind }`, which is not an event kind of the credit policy
rules-import-verdict-level = `{ $level }` is not a level of `{ $kind }`, the kind of verdict `{ $verdict }`
rules-import-class-without-level = items of class `{ $class }` can fail, but no rule under `levels` gives their level
rules-import-dictionary-class = the item dictionary gives `{ $item }` class `{ $class }`, which is not one of the credit policy's `item_classes`
rules-import-dictionary-empty = the item dictionary has an empty spelling of `{ $item }`
rules-import-dictionary-twice = the spelling `{ $spelling }` stands for both `{ $first }` and `{ $second }` in the item dictionary
rules-import-date-from-empty = `date_from` needs at least one source of the date: `Column` (the date column), `Title` (a date in the title) or `NoticeDate` (`--notice-date`)
rules-import-date-from-twice = the date source `{ $source }` is listed twice under `date_from`
rules-import-date-column-unread = the `date` column has header spellings, but `date_from` has no `Column`, so the column would never be read: add `Column` to `date_from`, or move the headers under `ignore`
