//! Rhai scripts: the one place the sandboxed engine is built, scripts are compiled, and called.
//!
//! A script sees a read-only [`ScriptContext`] and nothing else: no file or network access, no
//! `eval`, no imports, and bounded operations, call depth, expression depth, string, array and
//! map sizes. A script that runs away is stopped and reported with its file and the indicator
//! it was scoring; the evaluation then fails rather than scoring zero.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use rhai::{AST, Array, Dynamic, Engine, EvalAltResult, Map, Position, Scope};

use crate::diagnostic::{Problem, SourceFile};
use crate::message::Msg;
use crate::text::Text;
use crate::value::FactValue;

/// Operations one call may take before it is stopped (a scorer needs a few hundred).
const MAX_OPERATIONS: u64 = 200_000;
/// Nested function calls.
const MAX_CALL_LEVELS: usize = 16;
/// Expression nesting, at the top level and inside functions.
const MAX_EXPR_DEPTH: (usize, usize) = (64, 32);
/// Characters in one string.
const MAX_STRING: usize = 4_096;
/// Items in one array or map.
const MAX_COLLECTION: usize = 1_024;

/// The sandboxed engine, built once per process and shared by every policy set: it holds no
/// policy's state, only the limits and the script API.
pub fn engine() -> Arc<Engine> {
    static ENGINE: std::sync::OnceLock<Arc<Engine>> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Arc::new(build())).clone()
}

/// Builds the engine with every limit set and only the script API registered.
fn build() -> Engine {
    let mut engine = Engine::new();
    engine
        .set_max_operations(MAX_OPERATIONS)
        .set_max_call_levels(MAX_CALL_LEVELS)
        .set_max_expr_depths(MAX_EXPR_DEPTH.0, MAX_EXPR_DEPTH.1)
        .set_max_string_size(MAX_STRING)
        .set_max_array_size(MAX_COLLECTION)
        .set_max_map_size(MAX_COLLECTION)
        .set_max_modules(0)
        .set_max_variables(256)
        .set_max_functions(64)
        .set_strict_variables(true)
        .set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new())
        .on_print(|_| {})
        .on_debug(|_, _, _| {});
    for symbol in ["eval", "import", "export"] {
        engine.disable_symbol(symbol);
    }
    engine
        .register_type_with_name::<ScriptContext>("Context")
        .register_get("indicator", |c: &mut ScriptContext| {
            c.data.indicator.clone()
        })
        .register_get("max", |c: &mut ScriptContext| c.data.max)
        .register_get("score", |c: &mut ScriptContext| opt(c.data.score))
        .register_get("previous_score", |c: &mut ScriptContext| {
            opt(c.data.previous_score)
        })
        .register_get("listed_facts", |c: &mut ScriptContext| {
            c.data
                .fact_order
                .iter()
                .map(|k| Dynamic::from(k.clone()))
                .collect::<Array>()
        })
        .register_fn("param", |c: &mut ScriptContext, name: &str| c.param(name))
        .register_fn("fact", |c: &mut ScriptContext, key: &str| {
            c.fact(key, false)
        })
        .register_fn("previous_fact", |c: &mut ScriptContext, key: &str| {
            c.fact(key, true)
        })
        .register_fn("evidence", |c: &mut ScriptContext, kind: &str| {
            c.evidence(kind)
        })
        .register_fn("count", |c: &mut ScriptContext, kind: &str| {
            c.evidence(kind).map(|a| a.len() as rhai::INT)
        })
        .register_fn("rate", |c: &mut ScriptContext, num: &str, den: &str| {
            c.rate(num, den)
        })
        .register_fn("num", crate::value::num)
        .register_fn("num", |x: rhai::INT| x.to_string());
    // Rhai's own comparer-taking functions drop an error raised inside the comparer and go
    // on; these replace them and stop the script with the error instead.
    engine
        .register_fn("sort", sort_by)
        .register_fn("sort_by", sort_by)
        .register_fn("dedup", dedup_by);
    engine
}

type Fallible<T> = Result<T, Box<EvalAltResult>>;

/// `array.sort(|a, b| …)`: the comparer returns a number (or a bool, "a comes first").
fn sort_by(ctx: rhai::NativeCallContext, array: &mut Array, comparer: rhai::FnPtr) -> Fallible<()> {
    let failed: std::cell::RefCell<Option<Box<EvalAltResult>>> = std::cell::RefCell::new(None);
    let compare = |x: &Dynamic, y: &Dynamic| -> std::cmp::Ordering {
        if failed.borrow().is_some() {
            return std::cmp::Ordering::Equal;
        }
        let outcome = comparer
            .call_raw(&ctx, None, [x.clone(), y.clone()])
            .and_then(|v| {
                v.as_int()
                    .or_else(|_| v.as_bool().map(|first| if first { -1 } else { 1 }))
                    .map_err(|t| comparer_result(t, ctx.call_position()))
            });
        match outcome {
            Ok(n) => n.cmp(&0),
            Err(e) => {
                *failed.borrow_mut() = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    };
    let sorted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| array.sort_by(compare)));
    if let Some(e) = failed.into_inner() {
        return Err(e);
    }
    sorted.map_err(|_| {
        let message = Msg::new("script-comparer-inconsistent");
        Box::new(EvalAltResult::ErrorRuntime(
            Dynamic::from(message),
            ctx.call_position(),
        ))
    })
}

/// `array.dedup(|a, b| …)`: the comparer returns true for duplicates.
fn dedup_by(
    ctx: rhai::NativeCallContext,
    array: &mut Array,
    comparer: rhai::FnPtr,
) -> Fallible<()> {
    let mut kept: Array = Vec::with_capacity(array.len());
    for item in array.drain(..) {
        let duplicate = match kept.last() {
            None => false,
            Some(last) => {
                let v = comparer.call_raw(&ctx, None, [last.clone(), item.clone()])?;
                v.as_bool()
                    .map_err(|t| comparer_result(t, ctx.call_position()))?
            }
        };
        if !duplicate {
            kept.push(item);
        }
    }
    *array = kept;
    Ok(())
}

fn comparer_result(found: &str, at: Position) -> Box<EvalAltResult> {
    let message = Msg::new("script-comparer-result").arg("found", found);
    Box::new(EvalAltResult::ErrorRuntime(Dynamic::from(message), at))
}

fn opt(value: Option<f64>) -> Dynamic {
    value.map_or(Dynamic::UNIT, Dynamic::from_float)
}

/// A script compiled once per process for each text it has had: every policy set that names
/// the same file with the same text (the sectors of one `check`, the reloads of `watch`)
/// shares the compiled script, as it shares the engine.
pub fn compiled(
    engine: &Engine,
    file: Arc<SourceFile>,
    entry: &'static str,
) -> Result<Script, Problem> {
    type Compiled = std::collections::HashMap<(std::path::PathBuf, &'static str), Script>;
    static COMPILED: std::sync::OnceLock<Mutex<Compiled>> = std::sync::OnceLock::new();
    let cache = COMPILED.get_or_init(Mutex::default);
    let key = (file.path.clone(), entry);
    let earlier = cache
        .lock()
        .ok()
        .and_then(|c| c.get(&key).filter(|s| s.file.text == file.text).cloned());
    if let Some(script) = earlier {
        return Ok(script);
    }
    let script = Script::compile(engine, file, entry)?;
    if let Ok(mut c) = cache.lock() {
        // One entry per file: an edited script replaces its earlier text.
        c.insert(key, script.clone());
    }
    Ok(script)
}

/// A compiled script, kept with its source for error reports.
#[derive(Clone, Debug)]
pub struct Script {
    /// The source, for error snippets.
    pub(crate) file: Arc<SourceFile>,
    /// The most points a scorer gives, when it says so with `fn max_points()`: its results
    /// are then scaled to the criterion's points. Without it a scorer works in `ctx.max`.
    pub(crate) scale: Option<f64>,
    ast: AST,
}

impl Script {
    /// Compiles a script and checks that it defines `entry(ctx)`.
    pub fn compile(engine: &Engine, file: Arc<SourceFile>, entry: &str) -> Result<Self, Problem> {
        let ast = engine.compile(&*file.text).map_err(|e| {
            let (line, col) = position(e.position());
            file.problem_at_line(
                line,
                col,
                Msg::new("script-compile").arg("error", parse_error(e.err_type())),
            )
        })?;
        let has_entry = ast
            .iter_functions()
            .any(|f| f.name == entry && f.params.len() == 1);
        if !has_entry {
            return Err(Problem::in_file(
                &file.path,
                Msg::new("script-no-entry").arg("entry", entry),
            )
            .with_help(Msg::new("script-no-entry-help").arg("entry", entry)));
        }
        if let Some(name) = redefined_api(engine, &ast, entry) {
            let at = definition(&file.text, &name).unwrap_or(0);
            return Err(file
                .problem_at(
                    at,
                    name.len() + 3,
                    Msg::new("script-redefines-api").arg("name", &name),
                )
                .with_help(Msg::new("script-redefines-api-help")));
        }
        if let Some((property, pos)) = unknown_property(engine, &ast) {
            let (line, col) = position(pos);
            return Err(file
                .problem_at_line(
                    line,
                    col,
                    Msg::new("script-unknown-property").arg("property", property),
                )
                .with_help(
                    Msg::new("script-context-has").arg("properties", context_properties(engine)),
                ));
        }
        if let Some((call, pos)) = unknown_call(engine, &ast) {
            let (line, col) = position(pos);
            return Err(file
                .problem_at_line(line, col, Msg::new("script-unknown-call").arg("call", call))
                .with_help(Msg::new("script-unknown-call-help")));
        }
        let declares_max = ast
            .iter_functions()
            .any(|f| f.name == super::SCORER_MAX && f.params.is_empty());
        let mut script = Self {
            file,
            scale: None,
            ast,
        };
        if declares_max {
            let doing = Msg::new("script-doing-max-points").arg("name", super::SCORER_MAX);
            let mut scope = Scope::new();
            let value = engine
                .call_fn::<Dynamic>(&mut scope, &script.ast, super::SCORER_MAX, ())
                .map_err(|e| script.runtime_problem(&e, doing))?;
            let max = value
                .as_float()
                .or_else(|_| value.as_int().map(|i| i as f64));
            match max {
                Ok(m) if m.is_finite() && m > 0.0 => script.scale = Some(m),
                _ => {
                    let at = definition(&script.file.text, super::SCORER_MAX).unwrap_or(0);
                    let message = Msg::new("script-max-points").arg("name", super::SCORER_MAX);
                    return Err(script
                        .file
                        .problem_at(at, super::SCORER_MAX.len() + 3, message)
                        .with_help(Msg::new("script-max-points-help")));
                }
            }
        }
        Ok(script)
    }

    /// Calls `entry(ctx)`; a runtime error names the file, line and what the script was doing
    /// (`doing` is worded as "checking …", "scoring …": what was under way when it failed).
    pub fn call(
        &self,
        engine: &Engine,
        entry: &str,
        ctx: ScriptContext,
        doing: impl Into<Msg>,
    ) -> Result<Dynamic, Problem> {
        let mut scope = Scope::new();
        engine
            .call_fn::<Dynamic>(&mut scope, &self.ast, entry, (ctx,))
            .map_err(|e| self.runtime_problem(&e, doing.into()))
    }

    fn runtime_problem(&self, err: &EvalAltResult, doing: Msg) -> Problem {
        let what = match innermost(err) {
            EvalAltResult::ErrorTooManyOperations(_) => Msg::new("script-too-long"),
            EvalAltResult::ErrorDataTooLarge(what, _) => {
                let lower = what.to_lowercase();
                let kind = if lower.contains("string") {
                    "string"
                } else if lower.contains("map") {
                    "map"
                } else if lower.contains("array") || lower.contains("blob") {
                    "array"
                } else {
                    "other"
                };
                Msg::new("script-too-large")
                    .arg("what", what)
                    .arg("kind", kind)
            }
            EvalAltResult::ErrorStackOverflow(_) | EvalAltResult::ErrorTooManyModules(_) => {
                Msg::new("script-too-deep")
            }
            other => Msg::new("script-failed").arg("cause", eval_error(other)),
        };
        let (line, col) = position(err.position());
        let message = Msg::new("script-while")
            .arg("what", what)
            .arg("doing", doing);
        if line == 0 {
            Problem::in_file(&self.file.path, message)
        } else {
            self.file.problem_at_line(line, col, message)
        }
    }
}

/// The functions the engine provides (its own, its packages' and the context API).
fn provided(engine: &Engine) -> &'static BTreeSet<String> {
    // Every engine comes from `engine()`, so the functions it provides are listed once.
    static PROVIDED: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    PROVIDED.get_or_init(|| {
        let mut names: BTreeSet<String> = engine
            .gen_fn_signatures(true)
            .iter()
            .filter_map(|sig| sig.split('(').next())
            .map(|name| name.trim_start_matches("fn ").to_string())
            .collect();
        // Keywords the language resolves itself.
        let keywords = [
            "print",
            "debug",
            "type_of",
            "Fn",
            "call",
            "curry",
            "is_def_var",
            "is_def_fn",
            "is_shared",
        ];
        names.extend(keywords.map(String::from));
        names
    })
}

/// The properties a script may read from `ctx`, as the engine registers them.
fn context_properties(engine: &Engine) -> Vec<String> {
    engine
        .gen_fn_signatures(true)
        .iter()
        .filter(|sig| sig.contains("Context"))
        .filter_map(|sig| Some(sig.strip_prefix("get$")?.split('(').next()?.to_string()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The byte offset of `fn name(` in a script's text (spaces allowed before the parenthesis).
fn definition(text: &str, name: &str) -> Option<usize> {
    let needle = format!("fn {name}");
    text.match_indices(&needle)
        .find(|(at, _)| text[at + needle.len()..].trim_start().starts_with('('))
        .map(|(at, _)| at)
}

/// A function the script defines under the name of one it is given (other than its entry).
fn redefined_api(engine: &Engine, ast: &AST, entry: &str) -> Option<String> {
    let provided = provided(engine);
    ast.iter_functions()
        .map(|f| f.name.to_string())
        .find(|name| name != entry && provided.contains(name))
}

/// The first `ctx.<name>` that is not a property of the context.
fn unknown_property(engine: &Engine, ast: &AST) -> Option<(String, Position)> {
    use rhai::{ASTNode, Expr};
    let provided = provided(engine);
    let mut found = None;
    ast.walk(&mut |path: &[ASTNode]| {
        if let Some(ASTNode::Expr(Expr::Dot(dot, _, _))) = path.last()
            && let Expr::Variable(var, _, _) = &dot.lhs
            && var.1.as_str() == "ctx"
            && let Expr::Property(property, pos) = &dot.rhs
            && !provided.contains(&format!("get${}", property.2))
        {
            found = Some((property.2.to_string(), *pos));
            return false;
        }
        true
    });
    found
}

/// The first call to a function that neither the script defines nor the engine provides, so a
/// misspelt name is caught by `cogov check` instead of failing an evaluation later.
fn unknown_call(engine: &Engine, ast: &AST) -> Option<(String, Position)> {
    use rhai::{ASTNode, Expr};
    let provided = provided(engine);
    let own: BTreeSet<String> = ast.iter_functions().map(|f| f.name.to_string()).collect();
    let known = |name: &str| provided.contains(name) || own.contains(name);
    let mut found = None;
    ast.walk(&mut |path: &[ASTNode]| {
        if let Some(ASTNode::Expr(Expr::FnCall(call, pos) | Expr::MethodCall(call, pos))) =
            path.last()
            && call.op_token.is_none()
            && !known(call.name.as_str())
        {
            found = Some((call.name.to_string(), *pos));
            return false;
        }
        true
    });
    found
}

/// The error inside the calls it was raised through.
fn innermost(err: &EvalAltResult) -> &EvalAltResult {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, _) => innermost(inner),
        other => other,
    }
}

/// Rhai's text of an error, without the position it appends (the problem points there).
fn rhai_text(err: &EvalAltResult) -> String {
    let text = err.to_string();
    text.split(" (line").next().unwrap_or_default().to_string()
}

/// A runtime error as a message: Rhai's errors that a script can run into have their own
/// wording; the rest carry Rhai's (English) text, quoted.
fn eval_error(err: &EvalAltResult) -> Msg {
    use EvalAltResult as E;
    match err {
        E::ErrorInFunctionCall(_, _, inner, _) => eval_error(inner),
        E::ErrorRuntime(value, _) => {
            if let Some(msg) = value.clone().try_cast::<Msg>() {
                msg
            } else if value.is_unit() || value.to_string().is_empty() {
                Msg::new("script-thrown-nothing")
            } else {
                Msg::new("script-thrown").arg("text", value.to_string())
            }
        }
        E::ErrorParsing(p, _) => Msg::new("script-syntax").arg("error", parse_error(p)),
        E::ErrorVariableExists(name, _) => Msg::new("script-variable-exists").arg("name", name),
        E::ErrorForbiddenVariable(name, _) => {
            Msg::new("script-forbidden-variable").arg("name", name)
        }
        E::ErrorVariableNotFound(name, _) => {
            Msg::new("script-variable-not-found").arg("name", name)
        }
        E::ErrorPropertyNotFound(name, _) => {
            Msg::new("script-property-not-found").arg("name", name)
        }
        E::ErrorIndexNotFound(index, _) => {
            Msg::new("script-index-not-found").arg("index", index.to_string())
        }
        E::ErrorFunctionNotFound(signature, _) => {
            Msg::new("script-function-not-found").arg("signature", signature)
        }
        E::ErrorModuleNotFound(name, _) => Msg::new("script-module-not-found").arg("name", name),
        E::ErrorUnboundThis(_) => Msg::new("script-unbound-this"),
        E::ErrorMismatchDataType(expected, actual, _) => {
            type_mismatch(Msg::new("script-data-type"), expected, actual)
        }
        E::ErrorMismatchOutputType(expected, actual, _) => {
            type_mismatch(Msg::new("script-output-type"), expected, actual)
        }
        E::ErrorIndexingType(name, _) => Msg::new("script-indexing-type").arg("type", name),
        E::ErrorArrayBounds(max, index, _) => Msg::new("script-array-bounds")
            .arg("max", *max)
            .arg("index", *index),
        E::ErrorStringBounds(max, index, _) => Msg::new("script-string-bounds")
            .arg("max", *max)
            .arg("index", *index),
        E::ErrorBitFieldBounds(max, index, _) => Msg::new("script-bit-field-bounds")
            .arg("max", *max)
            .arg("index", *index),
        E::ErrorFor(_) => Msg::new("script-for-not-iterable"),
        E::ErrorNonPureMethodCallOnConstant(name, _) if rhai::is_valid_identifier(name) => {
            Msg::new("script-constant-method").arg("name", name)
        }
        E::ErrorAssignmentToConstant(name, _) => {
            Msg::new("script-assign-constant").arg("name", name)
        }
        E::ErrorArithmetic(text, _) => arithmetic(text),
        E::ErrorTooManyOperations(_) => Msg::new("script-too-long"),
        E::ErrorTooManyVariables(_) => Msg::new("script-too-many-variables"),
        E::ErrorStackOverflow(_) | E::ErrorTooManyModules(_) => Msg::new("script-too-deep"),
        E::ErrorTerminated(..) => Msg::new("script-terminated"),
        other => Msg::new("script-rhai-error").arg("text", rhai_text(other)),
    }
}

/// Rhai's "Data type incorrect: a (expecting e)" and its forms with one side unknown.
fn type_mismatch(msg: Msg, expected: &str, actual: &str) -> Msg {
    let form = match (expected.is_empty(), actual.is_empty()) {
        (false, false) => "both",
        (false, true) => "expected",
        _ => "actual",
    };
    msg.arg("form", form)
        .arg("expected", expected)
        .arg("actual", actual)
}

/// Rhai's arithmetic errors are sentences such as `Division by zero: 1 / 0`.
fn arithmetic(text: &str) -> Msg {
    let (head, expr) = text.split_once(": ").unwrap_or((text, ""));
    let overflow = [
        ("Addition overflow", "addition"),
        ("Subtraction overflow", "subtraction"),
        ("Multiplication overflow", "multiplication"),
        ("Division overflow", "division"),
        ("Negation overflow", "negation"),
        ("Exponential overflow", "power"),
    ];
    if head == "Division by zero" {
        Msg::new("script-division-by-zero").arg("expr", expr)
    } else if head == "Modulo division by zero or overflow" {
        Msg::new("script-modulo-by-zero").arg("expr", expr)
    } else if head == "Integer raised to a negative power" {
        Msg::new("script-negative-power").arg("expr", expr)
    } else if let Some((_, op)) = overflow.iter().find(|(h, _)| *h == head) {
        Msg::new("script-overflow").arg("op", *op).arg("expr", expr)
    } else if text == "integer overflow" {
        Msg::new("script-integer-overflow")
    } else {
        Msg::new("script-arithmetic").arg("text", text)
    }
}

/// A syntax error as a message, with the token or name it concerns.
fn parse_error(err: &rhai::ParseErrorType) -> Msg {
    use rhai::{LexError as L, ParseErrorType as P};
    match err {
        P::UnexpectedEOF => Msg::new("script-parse-incomplete"),
        P::BadInput(lex) => match lex {
            L::UnexpectedInput(token) => Msg::new("script-parse-unexpected").arg("token", token),
            L::UnterminatedString => Msg::new("script-parse-unterminated-string"),
            L::StringTooLong(max) => Msg::new("script-parse-string-too-long").arg("max", *max),
            L::MalformedEscapeSequence(text) => {
                Msg::new("script-parse-bad-escape").arg("text", text)
            }
            L::MalformedNumber(text) => Msg::new("script-parse-bad-number").arg("text", text),
            L::MalformedChar(text) => Msg::new("script-parse-bad-char").arg("text", text),
            L::MalformedIdentifier(text) => {
                Msg::new("script-parse-bad-identifier").arg("text", text)
            }
            L::ImproperSymbol(token, text) if text.is_empty() => {
                Msg::new("script-parse-invalid-symbol").arg("token", token)
            }
            L::ImproperSymbol(token, text)
                if text.starts_with("reserved ") && text.ends_with(" is disabled") =>
            {
                let what = if rhai::is_valid_identifier(token) {
                    "keyword"
                } else {
                    "symbol"
                };
                Msg::new("script-parse-disabled")
                    .arg("token", token)
                    .arg("what", what)
            }
            L::ImproperSymbol(token, text) => {
                let instead = [
                    ("===", "=="),
                    ("!==", "!="),
                    ("<-", "<="),
                    (":=", "="),
                    (":;", "::"),
                    ("::<", "::"),
                    ("(*", "/* .. */"),
                    ("*)", "/* .. */"),
                    ("# {", "#{"),
                ];
                match instead.iter().find(|(t, _)| t == token) {
                    Some((_, instead)) => Msg::new("script-parse-improper-symbol-instead")
                        .arg("token", token)
                        .arg("instead", *instead)
                        .arg("text", text),
                    None => Msg::new("script-parse-improper-symbol")
                        .arg("token", token)
                        .arg("text", text),
                }
            }
            other => Msg::new("script-parse-other").arg("text", other.to_string()),
        },
        P::UnknownOperator(token) => Msg::new("script-parse-unknown-operator").arg("token", token),
        P::MissingToken(token, context) => Msg::new("script-parse-missing-token")
            .arg("token", token)
            .arg("context", missing_token_context(context)),
        P::MissingSymbol(text) => match text.as_str() {
            "" => Msg::new("script-parse-missing-symbol"),
            "Expecting an integer number" => Msg::new("script-parse-expect-integer"),
            "Expecting a floating-point number" => Msg::new("script-parse-expect-float"),
            "Expecting a string" => Msg::new("script-parse-expect-string"),
            "Expecting 'true' or 'false'" => Msg::new("script-parse-expect-bool"),
            _ => Msg::new("script-parse-other").arg("text", text),
        },
        P::MalformedIndexExpr(text) if text.is_empty() => Msg::new("script-parse-bad-index"),
        P::MalformedCapture(text) if text.is_empty() => Msg::new("script-parse-bad-capture"),
        P::DuplicatedProperty(name) => {
            Msg::new("script-parse-duplicated-property").arg("name", name)
        }
        P::DuplicatedVariable(name) => {
            Msg::new("script-parse-duplicated-variable").arg("name", name)
        }
        P::WrongSwitchIntegerCase => Msg::new("script-parse-switch-integer-case"),
        P::WrongSwitchDefaultCase => Msg::new("script-parse-switch-default-case"),
        P::WrongSwitchCaseCondition => Msg::new("script-parse-switch-case-condition"),
        P::PropertyExpected => Msg::new("script-parse-property-expected"),
        P::VariableExpected => Msg::new("script-parse-variable-expected"),
        P::ForbiddenVariable(name) => Msg::new("script-forbidden-variable").arg("name", name),
        P::Reserved(name) => {
            let what = if rhai::is_valid_identifier(name) {
                "keyword"
            } else {
                "symbol"
            };
            Msg::new("script-parse-reserved")
                .arg("name", name)
                .arg("what", what)
        }
        P::MismatchedType(expected, actual) => Msg::new("script-parse-mismatched-type")
            .arg("expected", expected)
            .arg("actual", actual),
        P::ExprExpected(what) => Msg::new("script-parse-expr-expected").arg("what", what),
        P::WrongDocComment => Msg::new("script-parse-doc-comment"),
        P::WrongFnDefinition => Msg::new("script-parse-fn-not-global"),
        P::FnDuplicatedDefinition(name, n) => Msg::new("script-parse-fn-duplicated")
            .arg("name", name)
            .arg("n", *n),
        P::FnMissingName => Msg::new("script-parse-fn-missing-name"),
        P::FnMissingParams(name) => Msg::new("script-parse-fn-missing-params").arg("name", name),
        P::FnDuplicatedParam(name, param) => Msg::new("script-parse-fn-duplicated-param")
            .arg("name", name)
            .arg("param", param),
        P::FnMissingBody(name) if name.is_empty() => Msg::new("script-parse-closure-missing-body"),
        P::FnMissingBody(name) => Msg::new("script-parse-fn-missing-body").arg("name", name),
        P::WrongExport => Msg::new("script-parse-export"),
        P::AssignmentToConstant(name) if name.is_empty() => {
            Msg::new("script-parse-assign-constant-value")
        }
        P::AssignmentToConstant(name) => Msg::new("script-parse-assign-constant").arg("name", name),
        P::AssignmentToInvalidLHS(text) if text.is_empty() => {
            Msg::new("script-parse-not-assignable")
        }
        P::VariableExists(name) => Msg::new("script-variable-exists").arg("name", name),
        P::VariableUndefined(name) => Msg::new("script-parse-variable-undefined").arg("name", name),
        P::ModuleUndefined(name) => Msg::new("script-parse-module-undefined").arg("name", name),
        P::ExprTooDeep => Msg::new("script-parse-too-deep"),
        P::TooManyFunctions => Msg::new("script-parse-too-many-functions"),
        P::LiteralTooLarge(what, max) => Msg::new("script-parse-literal-too-large")
            .arg("what", what)
            .arg("max", *max),
        P::LoopBreak => Msg::new("script-parse-loop-break"),
        other => Msg::new("script-parse-other").arg("text", other.to_string()),
    }
}

/// What a missing token was expected for (Rhai's words after `Expecting ')'`).
fn missing_token_context(context: &str) -> Msg {
    let quoted = |prefix: &str| {
        context
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('\''))
            .map(str::to_string)
    };
    let code = if let Some(name) = quoted("to close the arguments list of this function call '") {
        Msg::new("script-token-close-call").arg("name", name)
    } else if let Some(name) = quoted("to separate the arguments to function call '") {
        Msg::new("script-token-separate-arguments").arg("name", name)
    } else if let Some(name) = quoted("to close the parameters list of function '") {
        Msg::new("script-token-close-params").arg("name", name)
    } else {
        match context {
            "to terminate this statement" => Msg::new("script-token-end-statement"),
            "to start a statement block" => Msg::new("script-token-start-block"),
            "to terminate this block" => Msg::new("script-token-end-block"),
            "for a matching ( in this expression" => Msg::new("script-token-match-paren"),
            "for a matching [ in this index expression" => Msg::new("script-token-match-bracket"),
            "to separate the items of this array literal" => Msg::new("script-token-array-items"),
            "to separate the items of this object map literal" => {
                Msg::new("script-token-map-items")
            }
            "to start arguments list of function call" => Msg::new("script-token-start-call"),
            _ => Msg::new("script-token-other"),
        }
    };
    code.arg("text", context)
}

fn position(pos: Position) -> (usize, usize) {
    (pos.line().unwrap_or(0), pos.position().unwrap_or(1))
}

/// What a script may read: the declared facts and evidence of one indicator, and its scores.
#[derive(Clone)]
pub struct ScriptContext {
    data: Arc<ContextData>,
}

/// The values behind a [`ScriptContext`].
#[derive(Debug, Default)]
pub struct ContextData {
    /// The indicator being scored or checked.
    pub(crate) indicator: String,
    /// Most points available.
    pub(crate) max: f64,
    /// Its score this period (triggers only).
    pub(crate) score: Option<f64>,
    /// Its score in the previous outcome, if any.
    pub(crate) previous_score: Option<f64>,
    /// The declared facts in the order the policy lists them.
    pub(crate) fact_order: Vec<String>,
    /// Named numbers from the policy.
    pub(crate) params: BTreeMap<String, f64>,
    /// Declared facts this period (`None`: not reported).
    pub(crate) facts: BTreeMap<String, Option<FactValue>>,
    /// Declared facts in the previous outcome.
    pub(crate) previous_facts: BTreeMap<String, Option<FactValue>>,
    /// Declared evidence kinds and the ids of the records filed for the indicator.
    pub(crate) evidence: BTreeMap<String, Vec<String>>,
    /// Facts and evidence kinds the script actually read, for the reasons.
    pub(crate) read: Mutex<BTreeSet<String>>,
}

impl ScriptContext {
    /// Wraps context data for one call.
    pub fn new(data: ContextData) -> Self {
        Self {
            data: Arc::new(data),
        }
    }

    /// The facts and evidence kinds the script read.
    pub fn read(&self) -> BTreeSet<String> {
        self.data.read.lock().map(|r| r.clone()).unwrap_or_default()
    }

    fn note(&self, key: &str) {
        if let Ok(mut read) = self.data.read.lock() {
            read.insert(key.to_string());
        }
    }

    fn fact(&mut self, key: &str, previous: bool) -> Result<Dynamic, Box<EvalAltResult>> {
        let facts = if previous {
            &self.data.previous_facts
        } else {
            &self.data.facts
        };
        let value = match facts.get(key) {
            Some(v) => v,
            None if self.data.facts.contains_key(key) => &None,
            None => return Err(undeclared("fact", key, "facts")),
        };
        self.note(key);
        Ok(match value {
            None => Dynamic::UNIT,
            Some(FactValue::YesNo(b)) => Dynamic::from_bool(*b),
            Some(FactValue::Number(n)) => Dynamic::from_float(*n),
        })
    }

    fn param(&mut self, name: &str) -> Result<f64, Box<EvalAltResult>> {
        self.data
            .params
            .get(name)
            .copied()
            .ok_or_else(|| undeclared("parameter", name, "params"))
    }

    fn evidence(&mut self, kind: &str) -> Result<Array, Box<EvalAltResult>> {
        let ids = self
            .data
            .evidence
            .get(kind)
            .ok_or_else(|| undeclared("evidence", kind, "evidence"))?;
        self.note(kind);
        Ok(ids.iter().map(|id| Dynamic::from(id.clone())).collect())
    }

    fn rate(&mut self, num: &str, den: &str) -> Result<Dynamic, Box<EvalAltResult>> {
        let n = self.fact(num, false)?;
        let d = self.fact(den, false)?;
        match (n.as_float(), d.as_float()) {
            (Ok(n), Ok(d)) if d > 0.0 => Ok(Dynamic::from_float(n / d)),
            _ => Ok(Dynamic::UNIT),
        }
    }
}

/// `what` is `fact`, `parameter` or `evidence` (kind).
fn undeclared(what: &'static str, key: &str, list: &'static str) -> Box<EvalAltResult> {
    let message = Msg::new("script-undeclared")
        .arg("what", what)
        .arg("key", key)
        .arg("list", list);
    Box::new(EvalAltResult::ErrorRuntime(
        Dynamic::from(message),
        Position::NONE,
    ))
}

/// What a scorer returned: points and the reasons it gave.
#[derive(Clone, Debug)]
pub struct Scored {
    /// Points earned.
    pub(crate) points: f64,
    /// Reasons in the script's words.
    pub(crate) reasons: Vec<Text>,
}

/// Reads a scorer's `#{ points: …, reasons: [...] }`; anything else is a problem in the script.
pub fn scored(
    script: &Script,
    value: Dynamic,
    max: f64,
    doing: impl Into<Msg>,
) -> Result<Scored, Problem> {
    let doing = doing.into();
    let bad = |what: Msg| {
        let message = Msg::new("script-while")
            .arg("what", what)
            .arg("doing", doing.clone());
        Problem::in_file(&script.file.path, message).with_help(Msg::new("script-scorer-returns"))
    };
    let map = value
        .try_cast::<Map>()
        .ok_or_else(|| bad(Msg::new("script-scorer-not-map")))?;
    let points = map
        .get("points")
        .ok_or_else(|| bad(Msg::new("script-scorer-no-points")))?;
    let points = points
        .as_float()
        .or_else(|_| points.as_int().map(|i| i as f64))
        .map_err(|t| bad(Msg::new("script-scorer-points-type").arg("found", t)))?;
    if !points.is_finite() || !(0.0..=max + 1e-9).contains(&points) {
        return Err(bad(Msg::new("script-scorer-points-range")
            .arg("points", points)
            .arg("max", max)));
    }
    let reasons = match map.get("reasons") {
        None => Vec::new(),
        Some(r) => r
            .clone()
            .try_cast::<Array>()
            .ok_or_else(|| bad(Msg::new("script-scorer-reasons-list")))?
            .into_iter()
            .map(|r| reason_text(r).ok_or_else(|| bad(Msg::new("script-scorer-reason-type"))))
            .collect::<Result<_, _>>()?,
    };
    if points > 0.0 && reasons.is_empty() {
        return Err(bad(
            Msg::new("script-scorer-no-reason").arg("points", points)
        ));
    }
    Ok(Scored { points, reasons })
}

/// A reason written as `"…"` or `#{ zh: "…", en: "…" }`.
pub fn reason_text(value: Dynamic) -> Option<Text> {
    if value.is_string() {
        let s = value.into_string().ok()?;
        return Some(Text::new(s.clone(), s));
    }
    let map = value.try_cast::<Map>()?;
    let zh = map.get("zh")?.clone().into_string().ok()?;
    let en = map
        .get("en")
        .and_then(|e| e.clone().into_string().ok())
        .unwrap_or_else(|| zh.clone());
    Some(Text::new(zh, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn compile(text: &str) -> Result<Script, Problem> {
        let file = Arc::new(SourceFile::new(std::path::Path::new("s.rhai"), text));
        Script::compile(&engine(), file, "score")
    }

    fn run(text: &str) -> Problem {
        let script = compile(text).unwrap_or_else(|p| panic!("{}", p.text(Lang::En)));
        let mut data = ContextData::default();
        data.facts.insert("rate".into(), None);
        let doing = Msg::new("script-doing-max-points").arg("name", "score");
        script
            .call(&engine(), "score", ScriptContext::new(data), doing)
            .expect_err("the script fails")
    }

    /// Chinese text with what is quoted in backticks taken out has no English word left.
    fn assert_chinese(text: &str) {
        let outside: String = text.split('`').step_by(2).collect();
        let english = outside
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| w.len() > 1);
        assert!(english.is_none(), "English {english:?} in {text}");
    }

    #[test]
    fn syntax_errors_are_worded_in_chinese_and_in_rhai_s_english() {
        let broken = [
            "fn score(ctx) { let rate = ctx.fact(\"rate\"; }",
            "fn score(ctx) { x }",
            "fn score(ctx) { \"abc }",
            "fn score(ctx) { let a = 1; a === 1 }",
            "fn score(ctx) { eval(\"1\") }",
            "fn score(ctx) {",
            "fn score(ctx, ctx) { 1 }",
            "fn score(ctx) { 1 } fn score(ctx) { 2 }",
            "fn score(ctx) { #{ a: 1, a: 2 } }",
            "fn score(ctx) { break; }",
            "fn score(ctx) { const x = 1; x = 2; }",
            "fn score(ctx) { let x = [1, 2; }",
            "fn score(ctx) { 1 @ 2 }",
            "fn score(ctx) { let x = 1 let y = 2; }",
            "fn score(ctx) { fn inner() { 1 } }",
        ];
        for text in broken {
            let p = compile(text).expect_err(text);
            let file = SourceFile::new(std::path::Path::new("s.rhai"), text);
            let rhai = engine().compile(&*file.text).expect_err(text);
            assert_eq!(
                p.text(Lang::En),
                format!("the script does not compile: {}", rhai.err_type()),
                "{text}"
            );
            assert_chinese(&p.text(Lang::Zh));
        }
    }

    #[test]
    fn runtime_errors_are_worded_in_chinese_and_in_english() {
        let cases = [
            (
                "fn score(ctx) { 1 / 0 }",
                "the script failed: Division by zero: 1 / 0",
            ),
            (
                "fn score(ctx) { let a = [1]; a[5] }",
                "the script failed: Array index 5 out of bounds: only 1 element in array",
            ),
            (
                "fn score(ctx) { throw \"not ready\"; }",
                "the script failed: `not ready`",
            ),
            (
                "fn score(ctx) { let x = 1; x.len() }",
                "the script failed: Function not found: len (i64)",
            ),
            (
                "fn score(ctx) { ctx.fact(\"nope\") }",
                "the script failed: the fact `nope` is not in this script's `facts` list in the policy",
            ),
            (
                "fn score(ctx) { ctx.param(\"k\") }",
                "the script failed: the parameter `k` is not in this script's `params` list in the policy",
            ),
            (
                "fn score(ctx) { ctx.count(\"docs\") }",
                "the script failed: the evidence kind `docs` is not in this script's `evidence` list in the policy",
            ),
            (
                "fn score(ctx) { let x = 9223372036854775807; x + 1 }",
                "the script failed: Addition overflow: 9223372036854775807 + 1",
            ),
            (
                "fn score(ctx) { let a = [3, 1]; a.sort(|x, y| \"z\"); a }",
                "the script failed: the comparer must return a number or true/false, found string",
            ),
            (
                "fn score(ctx) { let s = \"ab\"; s[9] }",
                "the script failed: String index 9 out of bounds: only 2 characters in string",
            ),
            (
                "fn score(ctx) { let n = 5; for x in n { } }",
                "the script failed: For loop expects iterable type",
            ),
            (
                "fn score(ctx) { let n = 0; loop { n += 1; } }",
                "the script ran too long and was stopped (it may loop forever)",
            ),
            (
                "fn dig(n) { dig(n + 1) } fn score(ctx) { dig(0) }",
                "the script called functions too deeply and was stopped",
            ),
            (
                "fn score(ctx) { let s = \"质量\"; loop { s += s; } }",
                "the script built a value too large (Length of string) and was stopped",
            ),
        ];
        for (text, english) in cases {
            let p = run(text);
            assert_eq!(
                p.text(Lang::En),
                format!("{english}, while reading `fn score()`"),
                "{text}"
            );
            assert_chinese(&p.text(Lang::Zh));
        }
    }
}
