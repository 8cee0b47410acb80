# Common messages.
problems-found = { $n ->
    [one] 1 problem found
   *[other] { $n } problems found
}
warnings-found = { $n ->
    [one] 1 warning
   *[other] { $n } warnings
}

## Reading files.
file-cannot-read = cannot read the file: { $why }
file-io-reason = { $detail }
file-utf16 = the file is UTF-16 text
file-gbk = the file is GBK (GB18030) text, not UTF-8
file-not-utf8 = the file is not UTF-8 text
file-first-bad-byte = save it as UTF-8 (the first bad byte is at offset { $offset })
file-save-as-utf8 = save it as UTF-8 (in Notepad or WPS: `另存为`, encoding UTF-8); cogov reads UTF-8 with or without a byte-order mark
file-see-comments = see the comments at the top of the file, or the README, for the expected form

## Syntax and shape errors of RON and JSON files.
syntax-detail = { $detail }
json-syntax = { $what ->
    [eof-list] EOF while parsing a list
    [eof-object] EOF while parsing an object
    [eof-string] EOF while parsing a string
    [eof-value] EOF while parsing a value
    [colon] expected `:`
    [comma-list] expected `,` or `]`
    [comma-object] expected `,` or `{"}"}`
    [ident] expected ident
    [value] expected value
    [quote] expected `"`
    [escape] invalid escape
    [number] invalid number
    [range] number out of range
    [code-point] invalid unicode code point
    [control] control character (\u0000-\u001F) found while parsing a string
    [key-string] key must be a string
    [key-number] invalid value: expected key to be a number in quotes
    [key-finite] float key must be finite (got NaN or +/-inf)
    [surrogate] lone leading surrogate in hex escape
    [trailing-comma] trailing comma
    [trailing] trailing characters
    [hex-end] unexpected end of hex escape
   *[recursion] recursion limit exceeded
}
shape-one-of = { $n ->
    [1] { $list }
    [2] { $first } or { $second }
   *[other] one of { $list }
}
shape-unknown-field = { $n ->
    [0] unknown field `{ $found }`, there are no fields
   *[other] unknown field `{ $found }`, expected { $expected }
}
shape-unknown-variant = { $n ->
    [0] unknown variant `{ $found }`, there are no variants
   *[other] unknown variant `{ $found }`, expected { $expected }
}
shape-missing-field = missing field `{ $field }`
shape-duplicate-field = duplicate field `{ $field }`
shape-invalid-type = invalid type: { $found }, expected { $expected }
shape-invalid-value = invalid value: { $found }, expected { $expected }
shape-invalid-length = invalid length { $n }, expected { $expected }
shape-expected = { $kind ->
    [record] { $name }
    [variant] { $name }
    [tuple] a tuple of size { $n }
    [number] a number
    [whole] a whole number
    [unsigned] a whole number
    [string] a string
    [bool] a boolean
    [list] a sequence
    [map] a map
    [name] name
    [field] field name
    [option] option
    [unit] unit
    [char] a character
    [fact-value] true, false or a number
    [value] a value
   *[other] { $text }
}
shape-found = { $kind ->
    [bool] boolean `{ $value }`
    [integer] integer `{ $value }`
    [float] floating point `{ $value }`
    [char] character `{ $value }`
    [string] string { $value }
    [bytes] byte array
    [unit] unit value
    [option] Option value
    [newtype] newtype struct
    [list] sequence
    [map] map
    [enum] enum
    [unit-variant] unit variant
    [newtype-variant] newtype variant
    [tuple-variant] tuple variant
    [struct-variant] struct variant
   *[other] { $text }
}
ron-eof = Unexpected end of RON
ron-expected-opening = Expected opening `{ $token }`
ron-expected-closing = Expected closing `{ $token }`
ron-expected = Expected { $what ->
    [boolean] boolean
    [comma] comma
    [char] char
    [float] float
    [integer] integer
    [option] option
    [colon] colon
    [unit] unit
    [string] string
    [string-end] end of string
   *[identifier] identifier
}
ron-other-record-name = Expected `{ $expected }` but found `{ $found }`
ron-expected-record = Expected opening `(` for `{ $name }`
ron-expected-record-name = Expected the explicit name `{ $name }`, but none was found
ron-invalid-escape = { $detail }
ron-integer-out-of-bounds = Integer is out of bounds
ron-unexpected-char = Unexpected char { $char }
ron-trailing = Non-whitespace trailing characters
ron-unclosed-comment = Unclosed block comment
ron-invalid-value = Expected { $expected } but found { $found } instead
ron-invalid-length = Expected { $expected } but found { $n ->
    [0] zero elements
    [1] one element
   *[other] { $n } elements
} instead
ron-none = there are no { $what ->
    [fields] fields
   *[variants] variants
}
ron-one-of = { $n ->
    [1] expected { $last } instead
    [2] expected either { $list } or { $last } instead
   *[other] expected one of { $list }, or { $last } instead
}
ron-unknown-variant = Unexpected variant named `{ $found }`, { $alternatives }
ron-unknown-variant-in = Unexpected variant named `{ $found }` in `{ $outer }`, { $alternatives }
ron-unknown-field = Unexpected field named `{ $found }`, { $alternatives }
ron-unknown-field-in = Unexpected field named `{ $found }` in `{ $outer }`, { $alternatives }
ron-missing-field = Unexpected missing field named `{ $field }`
ron-missing-field-in = Unexpected missing field named `{ $field }` in `{ $outer }`
ron-duplicate-field = Unexpected duplicate field named `{ $field }`
ron-duplicate-field-in = Unexpected duplicate field named `{ $field }` in `{ $outer }`
ron-found = { $kind ->
    [bool] the boolean `{ $value }`
    [integer] the unsigned integer `{ $value }`
    [signed] the signed integer `{ $value }`
    [float] the floating point number `{ $value }`
    [char] the UTF-8 character `{ $value }`
    [string] the string { $value }
    [unit] a unit value
    [option] an optional value
    [list] a sequence
    [map] a map
    [enum] { $text }
   *[other] { $text }
}
