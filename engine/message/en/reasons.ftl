# Problems of the policy's message catalogue (messages/*.ftl).
messages-syntax = this Fluent message is not written correctly
messages-syntax-help = write each message as `id = sentence` on one line, with values as { "{" } $name { "}" }; continuation lines start with a space
messages-missing = the message `{ $id }` is missing (the values it is given: { $args })
messages-bad-argument = the message `{ $id }` uses a value evaluation does not give; the values it has: { $args }
messages-unknown = evaluation does not use the message `{ $id }`: rewording it changes no report
messages-unknown-help = check the spelling; the messages evaluation uses are: { $known }
trigger-fires-result = `fires` must return () or a reason, while checking trigger `{ $trigger }` on { $indicator }
trigger-due-outside-calendar = the due date falls outside the calendar
credit-level-unnamed = the level `{ $level }` of the event kind `{ $kind }` has no name
credit-level-unnamed-help = give it a Chinese and an English name under `levels` in credit.ron, e.g. "{ $level }": (zh: "…", en: "…")
credit-warning-min-members = `min_members` of the sector warning `{ $id }` ({ $name }) must be 1 or more
