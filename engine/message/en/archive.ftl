# archive
archive-recorded = recorded run #{ $run }{ $corrects ->
    [0] {""}
   *[other] {" "}(a correction of run #{ $corrects })
}: { $name } { $period }, { $members } members, in { $db } ({ $ms } ms)
archive-already = already archived as run #{ $run } (recorded { $at }): { $name } { $period }; nothing written
archive-not-a-credit-code = `{ $code }` is not a unified social credit code: { $reason }
archive-no-history = no records of `{ $code }` in { $db }
archive-no-period = no records for period `{ $period }` in { $db }; periods archived: { $known }
archive-no-periods = none
archive-missing = there is no credit archive here
archive-missing-help = record a run first: `cogov archive record DATA [TABLE…] --db FILE`
archive-cannot-open = cannot open the credit archive: { $error }
archive-cannot-read = cannot read the credit archive: { $error }
archive-cannot-create = cannot create the credit archive: { $error }
archive-cannot-write = cannot write to the credit archive: { $error }
archive-cannot-migrate = cannot migrate the credit archive to schema version { $version }: { $error }
archive-not-migrated = this credit archive (schema version { $version }) does not verify, so it was not migrated: { $finding }{ $more ->
    [0] {""}
    [one] {" "}(and one more place that no longer matches)
   *[other] {" "}(and { $more } more places that no longer match)
}
archive-not-migrated-help = a migration computes the hash chain anew, after which a changed record could no longer be found; run `cogov archive verify` with the version of cogov that wrote this archive to see what no longer matches
archive-not-sqlite = this file is not a credit archive (not an SQLite database)
archive-no-schema-table = this SQLite database is not a credit archive (it has no `schema_version`)
archive-newer-schema = the credit archive has schema version { $version }; this cogov reads version { $ours }
archive-newer-schema-help = use a newer cogov for this archive
archive-unknown-schema = the credit archive has an unknown schema version { $version }
archive-no-schema-version = the credit archive has no schema version
archive-conflict = run { $run } already archives { $name } for { $period } from the same policies, data and previous outcome, with other results (outcome digest { $archived }, now { $now }); the archive keeps records as first written
archive-conflict-help = the same inputs evaluated by another version of cogov give other results; run `cogov archive verify` to check the archive
archive-accounts-omitted = the outcome of { $name } for { $period } has no credit account for member `{ $member }`; only complete accounts are archived
archive-period-taken = run { $run } is already the current run of { $name } for { $period }, evaluated from other inputs: { $differs }
archive-period-taken-help = to replace it, record a correction (更正): `--supersedes { $run } --reason "…"`; the run stays in the archive, marked as superseded
archive-differs-policies = policies { $archived } then, { $now } now
archive-differs-data = data { $archived } then, { $now } now
archive-differs-previous = previous outcome { $archived } then, { $now } now
archive-no-previous = none
archive-no-current-run = none
archive-supersedes-not-current = `--supersedes { $run }`: run { $run } is not the current run of { $name } for { $period } (the current run: { $current })
archive-correction-no-reason = a correction needs a reason: `--reason "…"`
archive-rebuilt-mismatch = the outcome of run { $run } rebuilt from the archive does not match its digest (archived { $archived }, rebuilt { $rebuilt })
archive-verify-help = run `cogov archive verify` to see what no longer matches
archive-verify-row-changed = run { $run }: the record of member `{ $member }` was changed after it was archived
archive-verify-row-count = run { $run }: { $recorded } member records were archived, { $found } are there (records were deleted or added)
archive-verify-run-changed = run { $run }: the run was changed after it was archived
archive-verify-wording-changed = run { $run }: the wording its member records share (event descriptions, account lines, warnings) was changed, deleted or added to after it was archived
archive-verify-runs-missing = { $n ->
    [one] run { $from } was
   *[other] runs { $from }–{ $to } were
} deleted (the chain goes on at run { $run })
archive-verify-chain = run { $run }: its link in the hash chain no longer follows run { $previous } (a run was changed, deleted or inserted)
archive-verify-orphans = { $n } member records of run { $run }, which is not in the archive
archive-verify-wording-orphans = { $n } shared wording entries of run { $run }, which is not in the archive
archive-verified = the credit archive { $db } is intact: { $runs } runs, { $records } member records checked; last hash { $head }
archive-outcome-differs = { $part } (outcome digest { $given }, re-evaluation { $evaluated })
archive-differs-part-policies = the policy digest differs: { $given } in the file, { $evaluated } evaluated
archive-differs-part-data = the data digest differs: { $given } in the file, { $evaluated } evaluated
archive-differs-part-period = the period differs: { $given } in the file, { $evaluated } evaluated
archive-differs-part-total = the association total differs: { $given } in the file, { $evaluated } evaluated
archive-differs-part-indicator = indicator { $name } ({ $id }) differs: { $given } points in the file, { $evaluated } evaluated
archive-differs-part-member = member `{ $id }` ({ $name }) differs: { $given } in the file, { $evaluated } evaluated
archive-differs-part-members = the members differ: { $given } in the file, { $evaluated } evaluated
archive-differs-part-triggers = the improvement actions differ: { $given } in the file, { $evaluated } evaluated
archive-differs-part-other = the outcomes differ in their details
archive-outcome-refused = this outcome is not what its data gives: { $difference }; nothing was written
archive-outcome-refused-help = an outcome file edited by hand, or evaluated from other inputs, is not archived; record the data itself
archive-record-outcome-given = this file is an outcome, not data: an outcome alone cannot be trusted
archive-record-outcome-given-help = record the data it was evaluated from, which is evaluated again: `cogov archive record DATA [TABLE…] [--previous OUTCOME.json] [--outcome OUTCOME.json]`
archive-run-corrects = #{ $run } (corrects #{ $old })
archive-run-superseded = #{ $run } ({ $by ->
    [0] superseded
   *[other] superseded by #{ $by }
})
archive-correction-line = a correction of run #{ $old }: { $reason }
archive-superseded-line = superseded by run #{ $by }: { $reason }
archive-shadowed-line = superseded by a later run of the period
archive-word-total = Total
archive-word-raised = Actions
archive-word-members = Members
archive-association-heading = { $name } ({ $code }): association runs
archive-association-run = { $period } #{ $run }, recorded { $at }: policies { $policy }, data { $data }, previous outcome { $previous }, outcome { $outcome }, hash { $hash }
archive-association-action = · { $clause }: { $action } (due { $due })
archive-damaged = a record of the credit archive is damaged: { $error }
archive-row-damaged = the record of member `{ $member }` in run { $run } is damaged: { $error }
