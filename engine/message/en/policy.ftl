# policy

## Policy files as written: syntax.
policy-syntax-after-end = unexpected `{ $char }` after the end of the document
policy-syntax-comment-unclosed = this comment is never closed with `*/`
policy-syntax-too-deep = values nest more than { $n } levels deep
policy-syntax-value-missing = a value is missing: the file ends here
policy-syntax-found = `{ $text }`
policy-syntax-found-end = the end of the file
policy-syntax-expected-value = expected a value, found { $found }
policy-syntax-not-number = `{ $written }` is not a number
policy-syntax-string-unclosed = this string is never closed with `"`
policy-syntax-escape-at-end = the string ends inside an escape
policy-syntax-bad-escape = this escape is not valid: use \" \\ \n \t \r or \u{"{"}…{"}"}
policy-syntax-raw-open = expected `"` to open a raw string
policy-syntax-raw-unclosed = this raw string is never closed
policy-syntax-expected-separator = expected `,` or `{ $close }`, found { $found }
policy-syntax-comma-missing = expected `,` or `{ $close }`, found { $found } (is a `,` missing before it?)
policy-syntax-key-colon = expected `:` after the key, found { $found }
policy-syntax-key-twice = the key `{ $key }` is written twice in this map
policy-syntax-this-key-twice = this key is written twice in this map
policy-syntax-field-name = expected a field name, found { $found }
policy-syntax-field-colon = expected `:` after `{ $field }`, found { $found }
policy-syntax-field-twice = the field `{ $field }` is written twice
policy-duplicate-first = the first is on line { $line }, column { $col }; keep one of them

## Policy files as written: shapes.
policy-kind = { $kind ->
    [bool] true or false
    [number] a number
    [string] a string
    [name] a name
    [list] a list `[…]`
    [map] a map `{"{"}…{"}"}`
    [record] a record `(…: …)`
   *[tuple] a tuple `(…)`
}
policy-want = { $what ->
    [bool] `true` or `false`
    [number] a number
    [whole] a whole number
    [string] a string in quotes
    [name] a name
    [unit] `()`
    [list] a list `[…]`
    [tuple] a tuple `(…)`
    [map] a map `{"{"}…{"}"}`
    [record] a record `(field: value, …)`
    [one-of] one of { $names }
    [bare-name] a bare name
    [one-value] one value in parentheses, as in `Each(-2)`
    [values] values in parentheses
   *[fields] fields in parentheses, as in `Below(share: 0.6)`
}
policy-shape-wrong = expected { $expected }, found { $found }
policy-shape-whole-range = expected a whole number from 0 to { $max }, found { $found }
policy-shape-record-name = expected `{ $expected }(…)`, found `{ $found }(…)`

## Sector overlays.
policy-merge-exists = `{ $id }` already exists, so it cannot be added
policy-merge-exists-help = to change it, write it under `change`
policy-merge-no-such-change = there is no `{ $id }` to change
policy-merge-no-such-removal = there is no `{ $id }` to remove
policy-merge-remove-shape = `remove` here must be a list of (id, why)
policy-merge-map-shape = `{ $op }` here must be a map `{"{"}"key": …{"}"}`
policy-merge-add-shape = `add` here must be a list `[…]` of new items
policy-merge-change-shape = `change` here must be a map `{"{"}"id": (…){"}"}`
policy-merge-removal-why = a removal needs a reason: write it in `why`
policy-merge-removal-shape = a removal is written `("id", "why")`
policy-merge-removal-shape-help = say which item goes and why, e.g. ("C16.3", "不适用于本行业")
policy-overlay-no-import = the base has no `import.ron` for this section to extend
policy-overlay-no-import-help = add policies/base/import.ron first
policy-overlay-unchanged = this sets `{ $path }` to the value it already has in the base
policy-overlay-unchanged-help = remove it from the overlay: it changes nothing
policy-not-sector-id = `{ $sector }` is not a sector id
policy-sector-id-help = a sector id is lower-case letters, digits and hyphens, the name of its folder under sectors/, e.g. `gas-appliances`
policy-no-sector = there is no sector `{ $sector }`
policy-known-sectors = known sectors: { $sectors }; `cogov init { $sector }` creates a new one
policy-no-sectors-yet = known sectors: none yet; `cogov init { $sector }` creates a new one
policy-found-in-sector = found when the sector `{ $sector }` ({ $overlay }) is applied to the base ({ $base })

## Names and suggestions.
policy-did-you-mean = did you mean { $n ->
    [1] { $first }
    [2] { $first } or { $second }
   *[other] { $first } or { $second } or { $third }
}?
policy-known-names = known: { $names }{ $more ->
    [yes] , …
   *[no] {""}
}
policy-name-empty = this name is empty in { $lang ->
    [zh] Chinese
   *[en] English
}
policy-name-empty-help = give every name both `zh` and `en`: reports are read in both
policy-not-finite = `{ $field }` must be a finite number, found { $found }
policy-not-finite-help = write an ordinary number such as 10 or -2.5

## The catalogue.
policy-unused-entry = the { $what ->
    [evidence] evidence kind
   *[fact] fact
} `{ $id }` is declared, but nothing in the policies names it
policy-unused-entry-help = name it in a criterion, or remove it from the catalogue

## Policy files and scripts read.
policy-embedded-missing = the embedded policies have no such file
policy-file-not-regular = it is not a regular file
policy-file-too-large = it is over the { $limit }-byte limit
policy-script-outside = a script path must stay inside the policy folder (no `..`, no absolute path)
policy-script-missing = it does not exist
policy-script-dangling = it is a link to nothing
policy-script-link-out = it is a link out of the policy folder (to { $target })
policy-script-not-file = it is not a regular file (a folder, device or pipe)
policy-script-too-large = it is { $size } bytes, over the { $limit }-byte limit for a script
policy-script-undecodable = { $why }; { $help }
policy-script-unusable = the script `{ $script }` cannot be used: { $why }
policy-script-help = a script is a UTF-8 text file inside the policy folder, such as scorers/rate.rhai
policy-criterion-at = the criterion is at { $at }
policy-example-points = example { $n } of criterion `{ $criterion }` expects { $expected } points, but the scorer gives { $got }
