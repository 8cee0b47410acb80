# replay
replay-no-policies = the scenario names no `policies` folder, and there is no ./policies here
replay-no-policies-help = run it from the project folder, or set { $env }
replay-step-eval = eval { $data }
replay-step-edit = edit { $file }: `{ $replace }` → `{ $with }`
replay-step-check = check
replay-check-ok = ok: { $n } indicators
replay-against-before = Against the evaluation before the edit
replay-stands = the last valid policies (digest { $digest }) stand
replay-stands-with-result = the last valid policies (digest { $digest }) stand; the last result stands: { $name } { $period } total { $score }, grade { $grade }
replay-cannot-read = cannot read: { $error }
replay-edit-not-found = the edit looks for `{ $text }`, which the file does not contain
replay-cannot-write = cannot write: { $error }
replay-cannot-copy = cannot copy the policies: { $error }
replay-step-expect = expect
replay-expect-summary = { $met } of { $n } expectations met
