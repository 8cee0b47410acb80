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
        let message = "the comparer does not order the items consistently";
        Box::new(EvalAltResult::ErrorRuntime(
            message.into(),
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
    let message = format!("the comparer must return a number or true/false, found {found}");
    Box::new(EvalAltResult::ErrorRuntime(message.into(), at))
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
                format!("the script does not compile: {}", e.err_type()),
            )
        })?;
        let has_entry = ast
            .iter_functions()
            .any(|f| f.name == entry && f.params.len() == 1);
        if !has_entry {
            return Err(Problem::in_file(
                &file.path,
                format!("the script has no `fn {entry}(ctx)`"),
            )
            .with_help(format!(
                "a script used here must define `fn {entry}(ctx) {{ … }}`"
            )));
        }
        if let Some(name) = redefined_api(engine, &ast, entry) {
            let at = definition(&file.text, &name).unwrap_or(0);
            return Err(file
                .problem_at(
                    at,
                    name.len() + 3,
                    format!(
                        "the script defines `fn {name}`, which is a function scripts are given"
                    ),
                )
                .with_help(
                    "give the function another name: a script may not replace the API it is given",
                ));
        }
        if let Some((property, pos)) = unknown_property(engine, &ast) {
            let (line, col) = position(pos);
            return Err(file
                .problem_at_line(
                    line,
                    col,
                    format!(
                        "the script reads `ctx.{property}`, which is not something the context has"
                    ),
                )
                .with_help(format!(
                    "the context has: {}",
                    context_properties(engine).join(", ")
                )));
        }
        if let Some((call, pos)) = unknown_call(engine, &ast) {
            let (line, col) = position(pos);
            return Err(file
                .problem_at_line(line, col, format!("the script calls `{call}`, which is not a function scripts may use"))
                .with_help("scripts may call their own functions, Rhai's standard ones and the context's: fact, previous_fact, evidence, count, rate, param, num"));
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
            let doing = format!("reading `fn {}()`", super::SCORER_MAX);
            let mut scope = Scope::new();
            let value = engine
                .call_fn::<Dynamic>(&mut scope, &script.ast, super::SCORER_MAX, ())
                .map_err(|e| script.runtime_problem(&e, &doing))?;
            let max = value
                .as_float()
                .or_else(|_| value.as_int().map(|i| i as f64));
            match max {
                Ok(m) if m.is_finite() && m > 0.0 => script.scale = Some(m),
                _ => {
                    let at = definition(&script.file.text, super::SCORER_MAX).unwrap_or(0);
                    let message =
                        format!("`fn {}()` must return a number above 0", super::SCORER_MAX);
                    return Err(script
                        .file
                        .problem_at(at, super::SCORER_MAX.len() + 3, message)
                        .with_help("it says the most points the scorer gives, e.g. `fn max_points() { 7.0 }`"));
                }
            }
        }
        Ok(script)
    }

    /// Calls `entry(ctx)`; a runtime error names the file, line and what the script was doing.
    pub fn call(
        &self,
        engine: &Engine,
        entry: &str,
        ctx: ScriptContext,
        doing: &str,
    ) -> Result<Dynamic, Problem> {
        let mut scope = Scope::new();
        engine
            .call_fn::<Dynamic>(&mut scope, &self.ast, entry, (ctx,))
            .map_err(|e| self.runtime_problem(&e, doing))
    }

    fn runtime_problem(&self, err: &EvalAltResult, doing: &str) -> Problem {
        let what = match err {
            EvalAltResult::ErrorTooManyOperations(_) => {
                "the script ran too long and was stopped (it may loop forever)".to_string()
            }
            EvalAltResult::ErrorDataTooLarge(what, _) => {
                format!("the script built a value too large ({what}) and was stopped")
            }
            EvalAltResult::ErrorStackOverflow(_) | EvalAltResult::ErrorTooManyModules(_) => {
                "the script called functions too deeply and was stopped".to_string()
            }
            other => format!("the script failed: {}", root_cause(other)),
        };
        let (line, col) = position(err.position());
        let message = format!("{what}, while {doing}");
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

fn root_cause(err: &EvalAltResult) -> String {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, _) => root_cause(inner),
        EvalAltResult::ErrorRuntime(value, _) => value.to_string(),
        other => other
            .to_string()
            .split(" (line")
            .next()
            .unwrap_or_default()
            .to_string(),
    }
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
            .ok_or_else(|| undeclared("evidence kind", kind, "evidence"))?;
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

fn undeclared(what: &str, key: &str, list: &str) -> Box<EvalAltResult> {
    let message = format!("the {what} `{key}` is not in this script's `{list}` list in the policy");
    Box::new(EvalAltResult::ErrorRuntime(message.into(), Position::NONE))
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
pub fn scored(script: &Script, value: Dynamic, max: f64, doing: &str) -> Result<Scored, Problem> {
    let bad = |what: String| {
        Problem::in_file(&script.file.path, format!("{what}, while {doing}"))
            .with_help("a scorer returns #{ points: <number>, reasons: [\"…\"] }")
    };
    let map = value
        .try_cast::<Map>()
        .ok_or_else(|| bad("the scorer did not return a map".into()))?;
    let points = map
        .get("points")
        .ok_or_else(|| bad("the scorer returned no `points`".into()))?;
    let points = points
        .as_float()
        .or_else(|_| points.as_int().map(|i| i as f64))
        .map_err(|t| bad(format!("`points` must be a number, found {t}")))?;
    if !points.is_finite() || !(0.0..=max + 1e-9).contains(&points) {
        return Err(bad(format!(
            "the scorer gave {points} points, outside 0 to {max}"
        )));
    }
    let reasons = match map.get("reasons") {
        None => Vec::new(),
        Some(r) => r
            .clone()
            .try_cast::<Array>()
            .ok_or_else(|| bad("`reasons` must be a list".into()))?
            .into_iter()
            .map(|r| {
                reason_text(r)
                    .ok_or_else(|| bad("each reason must be a string or #{ zh, en }".into()))
            })
            .collect::<Result<_, _>>()?,
    };
    if points > 0.0 && reasons.is_empty() {
        return Err(bad(format!(
            "the scorer gave {points} points without a reason"
        )));
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
