# template
# The association data template (`cogov template`), reading it filled in, and the ledger
# policy (ledgers.ron).

## Command line
cli-about-template = Write the data template an association fills in (an Excel workbook)
cli-long-about-template = One workbook holds all of one association's data for one period: the profile, every fact, the evidence register, the member roster, credit events and the complaint ledger, with drop-down lists from the policies. Evaluate it filled in with `cogov eval FILE.xlsx`.
cli-help-template-sector = The sector overlay to write it for (default: the base)
cli-help-template-output = The workbook to write (default: 协会数据模板.xlsx in the current folder, association-data-template.xlsx in English)
cli-help-template-force = Replace the file if it exists
template-default-file = association-data-template.xlsx
template-written = Wrote the data template { $file } ({ $sector }: { $facts } facts, { $kinds } evidence kinds)
template-exists = `{ $file }` exists and was left alone: it may be a template someone filled in; add `--force` to replace it, or name another file with `-o`
template-not-xlsx = the data template is an `.xlsx` file, not `{ $file }`
template-cannot-make = cannot make the data template: { $error }
template-sector-base = the base

## Sheets
template-sheet-instructions = Instructions
template-sheet-profile = Profile
template-sheet-facts = Facts
template-sheet-evidence = Evidence
template-sheet-members = Members
template-sheet-events = Events
template-sheet-complaints = Complaints

## Headers
template-col-item = Item
template-col-value = Value
template-col-notes = Notes
template-col-id = Id
template-col-fact-name = Name
template-col-kind = Kind
template-col-range = Range
template-col-indicators = Indicators
template-col-fact-value = Value
template-col-indicator = Indicator
template-col-date = Date
template-col-title = Title
template-col-file = File or link
template-col-valid-until = Valid until
template-col-received = Accepted
template-col-closed = Closed
template-col-verified = Verified
template-col-member = Member
template-col-complaint-notes = Complaint

## Profile
template-profile-name = Association name
template-profile-sector = Sector
template-profile-credit-code = Credit code
template-profile-period = Period
template-profile-start = Start date
template-profile-end = End date
template-note-name = The name registered with the registration authority
template-note-sector = { $name }: written by the template, do not change it (make a new template for another sector)
template-note-sector-base = The base policies (no sector overlay): written by the template, do not change it
template-note-credit-code = The association's 18-character unified social credit code
template-note-period = The period's name, e.g. 2024
template-note-start = The period's first day, e.g. 2024-01-01
template-note-end = The period's last day, e.g. 2024-12-31

## Instructions
template-title = Co-governance evaluation data template ({ $sector })
template-intro = Written by cogov { $version } from the policies (digest { $digest }) for an association to fill in with one period's data.
template-rules = How to fill it in
template-rule-names = 1. Keep the sheet names and each sheet's header row as they are; add rows as needed, wholly empty rows are not read.
template-rule-rows = 2. One record per row: a document or activity in Evidence, a member company in Members, an event in Events, a complaint in Complaints.
template-rule-dates = 3. Dates as Excel dates, or written { $forms }.
template-rule-lists = 4. Indicators, evidence kinds, event kinds and levels come from drop-down lists (listed on the right of this sheet); ids are read too. Yes/no cells take 是 (yes) or 否 (no).
template-rule-given = 5. Facts shaded grey in Facts are counted from the roster or the complaint ledger: leave them empty when that sheet has entries. Leave a fact you do not know empty: it is reported as not reported.
template-rule-run = 6. When done, run `cogov eval THIS-FILE.xlsx`; every problem it finds names the sheet, the row and the column.
template-sheets-heading = The sheets
template-about-profile = The association's name, sector (written in, do not change), credit code and the period.
template-about-facts = One fact per row, with its kind, range and the indicators it feeds; fill in the Value column.
template-about-evidence = The evidence register: rules, plans, meetings, trainings, publicity, service cases, one per row, filed under the indicator it counts for.
template-about-members = Member companies, one per row; the headers are those of an imported roster.
template-about-events = Members' credit events: supervision sampling, penalties, honours, certifications, commitments, one per row.
template-about-complaints = Consumer complaints accepted, one per row: closed within { $limit } counts as on time; a verified complaint is a credit event of the member it concerns.
template-no-limit = the policy's time limit
template-list-indicators = Drop-down: indicators
template-list-evidence-kinds = Drop-down: evidence kinds
template-list-event-kinds = Drop-down: event kinds
template-list-levels = Drop-down: levels
template-list-yes-no = Drop-down: yes/no
template-list-on-time = Drop-down: closed in time

## Facts
template-kind-yes-no = yes/no
template-kind-count = count
template-kind-rate = share
template-kind-amount = amount
template-range-yes-no = 是 (yes) or 否 (no)
template-range-count = a whole number, 0 or more
template-range-rate = 0 to 1 (or a per cent, e.g. 93%)
template-range-amount = a number, 0 or more
template-fed = { $indicators }
template-given-members = Counted from the roster and credit events: leave it empty when Members has entries
template-given-ledger = Counted from the { $ledger }: leave it empty when the { $ledger } has entries

## Input hints
template-hint-fact-value = Range: { $range }. Leave it empty if not known (not reported).
template-hint-indicator = The indicator the record counts for: pick one, or write its id (e.g. C1)
template-hint-evidence-kind = The evidence kind: pick one, or write its id; the indicator must count it
template-hint-evidence-date = The date of the document or activity, within the period
template-hint-valid-until = For a standing document (a three-year plan), the last day it is valid; may be empty
template-hint-evidence-id = The record's id, used once, e.g. E001
template-hint-title = The document's or activity's title
template-hint-file = The file name or a link, to find it (not scored)
template-hint-archive-updated = The day the member's credit archive was last updated (evaluated and recorded)
template-hint-applied = Measures applied to the member, separated by 、: { $actions }
template-hint-code = The member's 18-character unified social credit code
template-hint-member-name = The member company's registered name
template-hint-event-kind = The event kind: pick one, or write its id
template-hint-level = The level: needed for failed sampling, honours and standards led
template-hint-on-time = Whether the complaint was closed within the time limit
template-hint-event-date = The day of the event, not after the period's last day
template-hint-event-id = The event's id, used once
template-hint-event-code = The member's credit code (it must be on the roster)
template-hint-event-company = The member's name (found on the roster when no credit code is given)
template-hint-product = The product concerned (needed for sampling)
template-hint-items = Failed items with their classes, e.g. { $example }
template-items-example = 吸水率{ $open }A类{ $close }{ $separator }破坏强度{ $open }B类{ $close }
template-hint-detail = A note (may be empty)
template-hint-received = The day the complaint was accepted, within the period
template-hint-closed = The day it was closed; empty while open. Time limit: { $limit }
template-hint-verified = 是 (yes) when the complaint was verified
template-hint-complaint-member = The credit code of the member concerned; a verified complaint is a credit event of that member
template-hint-complaint-id = The complaint's number, used once
template-hint-complaint-notes = What the complaint was about (may be empty)
template-error-date = Write a date, e.g. 2024-03-15

## Reading a filled-in template
template-sheet-unknown = not a sheet of the data template
template-sheets = the template's sheets: { $sheets }
template-sheet-twice = the same sheet as `{ $first }`: keep one of them
template-no-profile = the workbook has no { $sheet } sheet: it is not an association data template
template-no-profile-help = `cogov template` writes one; tables such as rosters and sampling results go after the association's data file
template-sector-empty = the sector is empty: write the sector the template was made for (`base` for the base)
template-profile-unknown = `{ $label }` is not an item of the profile
template-profile-labels = the profile's items: { $labels }
template-profile-twice = { $label } is given twice
template-profile-missing = the { $label } row is missing
template-header-unknown = `{ $header }` is not a header of { $sheet }
template-headers = this sheet's headers: { $headers }
template-header-twice = `{ $header }` is a column twice: keep one
template-header-missing = the { $header } column is missing
template-not-yes-no = `{ $text }` must be { $yes } (yes) or { $no } (no)
template-not-a-number = `{ $text }` is not a number
template-fact-range = { $name }: { $range }
template-fact-twice = { $name } ({ $id }) is given in row { $first } already
template-fact-from-members = { $name } ({ $id }) is counted from the roster and credit events: clear this cell while Members has entries
template-fact-from-ledger = { $name } ({ $id }) is counted from the { $ledger }: clear this cell while the { $ledger } has entries
template-kind-unknown = `{ $written }` is not an evidence kind
template-kind-ambiguous = several evidence kinds are named `{ $written }`
template-kind-ids = write the kind's id instead: { $ids }
template-valid-until-before = valid until { $until }, before the record's date { $date }
template-complaint-outside-period = accepted on { $date }, outside the period { $start } to { $end }
template-complaint-closed-before = closed on { $closed }, before it was accepted on { $received }
template-complaint-twice = complaint `{ $id }` is used in row { $first } already
template-complaint-needs-roster = a verified complaint about member `{ $code }` goes into its credit archive, which needs the roster: fill in the { $roster } sheet
template-no-complaint-ledger = the policies keep no complaint ledger (policies/base/ledgers.ron): these complaints cannot be counted

## The ledger policy (ledgers.ron)
ledger-time-limit = a time limit must be 1 to { $max } days, found { $found }
ledger-fact-unknown = the catalogue has no fact `{ $fact }`
ledger-fact-not-count = { $name } ({ $fact }) is not a count: a ledger counts
ledger-facts-same = received and on time cannot be the same fact, { $name } ({ $fact })
ledger-kind-unknown = the credit policy has no event kind `{ $kind }`
ledger-kind-unfit = { $name } ({ $kind }) is scored by level or needs a product: a complaint ledger cannot give it
ledger-limit-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
ledger-limit-working-days = { $n ->
    [one] 1 working day
   *[other] { $n } working days
}
ledger-overlay-no-base = the base has no `ledgers.ron` for this section to extend
ledger-overlay-no-base-help = add policies/base/ledgers.ron first
