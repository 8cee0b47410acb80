# script: Rhai scripts (scorers and trigger conditions), compiled and run.

## Checks of a script when it is loaded.
script-compile = the script does not compile: { $error }
script-no-entry = the script has no `fn { $entry }(ctx)`
script-no-entry-help = a script used here must define `fn { $entry }(ctx) {"{"} … {"}"}`
script-redefines-api = the script defines `fn { $name }`, which is a function scripts are given
script-redefines-api-help = give the function another name: a script may not replace the API it is given
script-unknown-property = the script reads `ctx.{ $property }`, which is not something the context has
script-context-has = the context has: { $properties }
script-unknown-call = the script calls `{ $call }`, which is not a function scripts may use
script-unknown-call-help = scripts may call their own functions, Rhai's standard ones and the context's: fact, previous_fact, evidence, count, rate, param, num
script-max-points = `fn { $name }()` must return a number above 0
script-max-points-help = it says the most points the scorer gives, e.g. `fn max_points() {"{"} 7.0 {"}"}`
script-doing-max-points = reading `fn { $name }()`

## A script that fails while it runs: what went wrong, and what the script was doing.
script-while = { $what }, while { $doing }
script-too-long = the script ran too long and was stopped (it may loop forever)
script-too-large = the script built a value too large ({ $what }) and was stopped
script-too-deep = the script called functions too deeply and was stopped
script-failed = the script failed: { $cause }

## What a scorer returns.
script-scorer-returns = a scorer returns #{"{"} points: <number>, reasons: ["…"] {"}"}
script-scorer-not-map = the scorer did not return a map
script-scorer-no-points = the scorer returned no `points`
script-scorer-points-type = `points` must be a number, found { $found }
script-scorer-points-range = the scorer gave { $points } points, outside 0 to { $max }
script-scorer-reasons-list = `reasons` must be a list
script-scorer-reason-type = each reason must be a string or #{"{"} zh, en {"}"}
script-scorer-no-reason = the scorer gave { $points } points without a reason

## Errors raised by the script API itself.
script-comparer-inconsistent = the comparer does not order the items consistently
script-comparer-result = the comparer must return a number or true/false, found { $found }
script-undeclared = the { $what ->
        [fact] fact
        [parameter] parameter
       *[evidence] evidence kind
    } `{ $key }` is not in this script's `{ $list }` list in the policy

## Rhai's runtime errors, in Rhai's words.
script-thrown = `{ $text }`
script-thrown-nothing = Runtime error
script-syntax = Syntax error: { $error }
script-variable-exists = Variable already defined: { $name }
script-forbidden-variable = Forbidden variable name: { $name }
script-variable-not-found = Variable not found: { $name }
script-property-not-found = Property not found: { $name }
script-index-not-found = Invalid index: { $index }
script-function-not-found = Function not found: { $signature }
script-module-not-found = Module not found: { $name }
script-unbound-this = 'this' not bound
script-data-type = { $form ->
        [both] Data type incorrect: { $actual } (expecting { $expected })
        [expected] Data type incorrect, expecting { $expected }
       *[actual] Data type incorrect: { $actual }
    }
script-output-type = { $form ->
        [both] Output type incorrect: { $actual } (expecting { $expected })
        [expected] Output type incorrect, expecting { $expected }
       *[actual] Output type incorrect: { $actual }
    }
script-indexing-type = Indexer unavailable: { $type }
script-array-bounds = { $max ->
        [0] Array index { $index } out of bounds: array is empty
        [1] Array index { $index } out of bounds: only 1 element in array
       *[other] Array index { $index } out of bounds: only { $max } elements in array
    }
script-string-bounds = { $max ->
        [0] String index { $index } out of bounds: string is empty
        [1] String index { $index } out of bounds: only 1 character in string
       *[other] String index { $index } out of bounds: only { $max } characters in string
    }
script-bit-field-bounds = Bit-field index { $index } out of bounds: only { $max } bits in bit-field
script-for-not-iterable = For loop expects iterable type
script-constant-method = Non-pure method '{ $name }' cannot be called on constant
script-assign-constant = Cannot modify constant { $name }
script-division-by-zero = Division by zero: { $expr }
script-modulo-by-zero = Modulo division by zero or overflow: { $expr }
script-negative-power = Integer raised to a negative power: { $expr }
script-overflow = { $op ->
        [addition] Addition
        [subtraction] Subtraction
        [multiplication] Multiplication
        [division] Division
        [negation] Negation
       *[power] Exponential
    } overflow: { $expr }
script-integer-overflow = integer overflow
script-arithmetic = { $text }
script-too-many-variables = Too many variables defined
script-terminated = Script terminated
script-rhai-error = { $text }

## Rhai's syntax errors, in Rhai's words.
script-parse-incomplete = Script is incomplete
script-parse-unexpected = Unexpected '{ $token }'
script-parse-unterminated-string = Open string is not terminated
script-parse-string-too-long = String is too long (max { $max })
script-parse-bad-escape = Invalid escape sequence: '{ $text }'
script-parse-bad-number = Invalid number: '{ $text }'
script-parse-bad-char = Invalid character: '{ $text }'
script-parse-bad-identifier = Variable name is not proper: '{ $text }'
script-parse-invalid-symbol = Invalid symbol encountered: '{ $token }'
script-parse-disabled = reserved { $what ->
        [keyword] keyword
       *[symbol] symbol
    } '{ $token }' is disabled
script-parse-improper-symbol = { $text }
script-parse-improper-symbol-instead = { $text }
script-parse-other = { $text }
script-parse-unknown-operator = Unknown operator: '{ $token }'
script-parse-missing-token = Expecting '{ $token }' { $context }
script-parse-missing-symbol = Expecting a symbol
script-parse-expect-integer = Expecting an integer number
script-parse-expect-float = Expecting a floating-point number
script-parse-expect-string = Expecting a string
script-parse-expect-bool = Expecting 'true' or 'false'
script-parse-bad-index = Invalid index in indexing expression
script-parse-bad-capture = Invalid capturing
script-parse-duplicated-property = Duplicated property for object map literal: { $name }
script-parse-duplicated-variable = Duplicated variable name: { $name }
script-parse-switch-integer-case = Numeric switch case cannot follow a range case
script-parse-switch-default-case = Default switch case must be the last
script-parse-switch-case-condition = This switch case cannot have a condition
script-parse-property-expected = Expecting name of a property
script-parse-variable-expected = Expecting name of a variable
script-parse-reserved = '{ $name }' is a reserved { $what ->
        [keyword] keyword
       *[symbol] symbol
    }
script-parse-mismatched-type = Expecting { $expected }, not { $actual }
script-parse-expr-expected = Expecting { $what } expression
script-parse-doc-comment = Doc-comment must be followed immediately by a function definition
script-parse-fn-not-global = Function definitions must be at global level and cannot be inside a block or another function
script-parse-fn-duplicated = Function { $name } with { $n ->
        [0] no parameters already exists
        [1] 1 parameter already exists
       *[other] { $n } parameters already exists
    }
script-parse-fn-missing-name = Expecting function name in function declaration
script-parse-fn-missing-params = Expecting parameters for function { $name }
script-parse-fn-duplicated-param = Duplicated parameter { $param } for function { $name }
script-parse-closure-missing-body = Expecting body statement block for anonymous function
script-parse-fn-missing-body = Expecting body statement block for function { $name }
script-parse-export = Export statement can only appear at global level
script-parse-assign-constant-value = Cannot assign to a constant value
script-parse-assign-constant = Cannot assign to constant { $name }
script-parse-not-assignable = Expression cannot be assigned to
script-parse-variable-undefined = Undefined variable: { $name }
script-parse-module-undefined = Undefined module: { $name }
script-parse-too-deep = Expression exceeds maximum complexity
script-parse-too-many-functions = Number of functions defined exceeds maximum limit
script-parse-literal-too-large = { $what } exceeds the maximum limit ({ $max })
script-parse-loop-break = Break statement should only be used inside a loop

## What a missing token was expected for.
script-token-close-call = { $text }
script-token-separate-arguments = { $text }
script-token-close-params = { $text }
script-token-end-statement = { $text }
script-token-start-block = { $text }
script-token-end-block = { $text }
script-token-match-paren = { $text }
script-token-match-bracket = { $text }
script-token-array-items = { $text }
script-token-map-items = { $text }
script-token-start-call = { $text }
script-token-other = { $text }
script-doing-probe = checking criterion { $criterion } on data that reports nothing
script-doing-example = checking example { $n } of criterion { $criterion }
script-doing-scoring = scoring { $indicator } (criterion { $criterion })
script-doing-trigger = checking trigger `{ $trigger }` on { $indicator }
