# Wording of reasons, of why improvement actions were raised and of credit warnings (English).
# Reword a sentence to change the reports without rebuilding cogov; { $name } marks a value cogov
# fills in: keep its name. A sector pack may reword any of them in sectors/<sector>/messages/en.ftl.

## Why an indicator scored what it did (one line per criterion)

# Enough work records (evidence): $kind the kind, $n how many, $at_least how many are needed.
reason-evidence-met = { $kind }: { $n } (needs ≥ { $at_least })
reason-evidence-short = { $kind }: { $n }, fewer than { $at_least }
# A plan or rule adopted before the period and still in force: $reason is the reason above, $documents names each.
reason-evidence-standing = { $reason }; { $documents }
reason-standing-document = { $id } adopted { $date }, in force until { $until }
reason-fact-yes = { $fact }: yes
reason-fact-no = { $fact }: no
reason-not-reported = { $fact }: not reported
reason-at-least = { $fact } = { $value } (needs ≥ { $want })
reason-step-reached = { $fact } = { $value }, reaches the ≥ { $at_least } step
reason-step-below = { $fact } = { $value }, below the lowest step ≥ { $lowest }
# A scorer script's reasons (the script writes both languages).
reason-script = { $reasons }
# The facts were counted from a ledger, not entered: $reason the reason, $ledger the ledger's
# name, $n how many entries it holds.
reason-counted-from-ledger = { $reason } (counted from the { $ledger }, { $n ->
    [one] 1 entry
   *[other] { $n } entries
})

## Why an improvement action was raised (7.4)

trigger-below = scored { $score }/{ $max }, below { $percent }% of its points
trigger-declined = score fell from { $before } last period to { $score }
trigger-below-twice = below { $percent }% of its points two periods running ({ $before } then { $score })
trigger-script = { $reason }

## A member's credit account

credit-base = base score { $base }
credit-cap = { $kind } total { $total } capped at { $cap }
credit-repeat = { $rule }: { $name } ({ $count } times)
credit-clamp = score { $from } outside { $min }–{ $max }, set to { $to }
credit-veto = veto: { $why } (grade { $from } lowered to { $to })
credit-grade = credit score { $score }, grade { $grade } ({ $name })

## Member credit warnings

note-grade-drop = credit grade fell from { $from } to { $to }
note-repeated-failure = { $rule }: { $name } ({ $count } times)

## Sector credit warnings (8.1.2.3 b)

warning-grade-share = { $warning }: { $n } of { $total } members ({ $percent }%) graded { $grades }, above { $threshold }%
warning-item-share = { $warning }: { $item } failed at { $n } of { $total } members ({ $percent }%), above { $threshold }%

## An event described (explaining a member's credit)

# Absent parts are none and left out; late is yes for a complaint handled late.
event-described = { $date } { $kind }{ $level ->
    [none] {""}
   *[other] {" "}({ $level })
}{ $product ->
    [none] {""}
   *[other] {" "}({ $product })
}{ $items ->
    [none] {""}
   *[other] {" "}failed: { $items }
}{ $late ->
    [yes] {" "}handled late
   *[no] {""}
}
event-failed-item = { $item } [{ $class }]

## Follow-up of earlier improvement actions (7.4 d)

followup-closed-improved = scores { $score }/{ $max } this period: the condition of "{ $trigger }" no longer holds
followup-closed-measure = measure { $measure } ({ $date }) completed it: { $note }
followup-escalated = still no better this period ({ $reason }); escalated to "{ $to }"
followup-overdue = past its due date { $due } and still no better this period ({ $reason }){ $measures ->
    [none] {""}
   *[other] ; measures recorded: { $measures }, not yet completed
}
followup-open = due { $due }, not yet reached; still no better this period ({ $reason }){ $measures ->
    [none] {""}
   *[other] ; measures recorded: { $measures }, not yet completed
}
followup-indicator-gone = the rubric no longer has "{ $indicator }": check the improvement by hand
followup-trigger-gone = the rules no longer check this action's condition ({ $action }): check the improvement by hand
publish-valid-months = valid for { $months } months from publication (until { $until }); results published by the next evaluation replace it
publish-valid-until-next = valid until the next credit evaluation is published
publish-objection = A member that objects to its result may write to the secretariat of { $association } within { $days } days of publication (by { $deadline }), with supporting documents; the association checks the objection and answers in writing, and a result found wrong is corrected and published again.
publish-repair = A member with poor credit that has corrected the causes and removed their effects may apply to { $association } for credit repair with its correction report and evidence; once the repair is confirmed, the events it clears no longer count, and its grade at the next evaluation reflects the repair.
publish-warning-advice = Every member should check itself against this warning: examine the products and inspection items it concerns, correct the causes of failures and strengthen outgoing inspection, and report in writing to the secretariat of { $association } within 30 days. The association will follow up with more sampling and credit management of the members concerned.
