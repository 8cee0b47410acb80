//! One page loaded in the browser and what it did: its console errors and uncaught exceptions,
//! every request it made, its rendered text, the fonts that drew its Chinese characters, and
//! the page printed to an A4 PDF and captured as a PNG.

use std::path::Path;

use serde_json::{Value, json};

use super::chromium::{Chromium, base64};

/// The viewport of the screenshots, in CSS pixels.
const VIEWPORT: (u32, u32) = (1280, 900);

/// Patterns of `Network.setBlockedURLs`: every scheme that leaves the machine.
const BLOCKED: [&str; 4] = ["http://*", "https://*", "ws://*", "wss://*"];

/// What the page did and how it looks.
pub struct Rendered {
    /// The page's own `file://` address, percent-encoded as the browser writes it.
    pub url: String,
    /// Console errors and failed assertions, and errors the browser logged for the page.
    pub console_errors: Vec<String>,
    /// Uncaught exceptions.
    pub exceptions: Vec<String>,
    /// Every request, the page's own included.
    pub requests: Vec<Request>,
    /// `document.body.innerText` with each run of white space made one space.
    pub text: String,
    /// The first element whose own text has Chinese characters: how many it has and the
    /// fonts that drew its text, by family and glyph count; `None` when the page has none.
    pub han: Option<HanText>,
    /// The page printed on A4.
    pub pdf: Vec<u8>,
    /// The whole page as a PNG.
    pub png: Vec<u8>,
}

/// A request the page made.
pub struct Request {
    /// Its address.
    pub url: String,
    /// Why it failed, when it did: the error and who blocked it (`inspector`: the tab's
    /// blocked addresses).
    pub failed: Option<String>,
    id: String,
}

/// An element's own text with Chinese characters, and the platform fonts that drew it.
pub struct HanText {
    /// The text, Latin letters and digits included.
    pub text: String,
    /// How many of its characters are CJK ideographs.
    pub han_characters: usize,
    /// Each font family that drew glyphs of the text, with how many.
    pub fonts: Vec<(String, u64)>,
}

/// A tab of the browser, attached to with its own protocol session, that loads one page after
/// another.
pub struct Tab {
    session: String,
}

impl Tab {
    /// Opens a blank tab with the domains the checks listen to enabled, outside addresses
    /// blocked, and the screenshots' viewport.
    pub fn open(browser: &mut Chromium) -> Result<Tab, String> {
        let target = browser.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let s = Some(session.as_str());
        for domain in ["Runtime", "Log", "Network", "Page", "DOM", "CSS"] {
            browser.call(s, &format!("{domain}.enable"), json!({}))?;
        }
        browser.call(s, "Network.setBlockedURLs", json!({"urls": BLOCKED}))?;
        browser.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({"width": VIEWPORT.0, "height": VIEWPORT.1, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(Tab { session })
    }

    /// Loads `file`, waits for it and its fonts, and records what it did and how it looks.
    pub fn render(&self, browser: &mut Chromium, file: &Path) -> Result<Rendered, String> {
        let (session, s) = (self.session.as_str(), Some(self.session.as_str()));
        let url = file_url(file);
        let mark = browser.mark();
        let navigated = browser.call(s, "Page.navigate", json!({"url": url}))?;
        if let Some(error) = navigated["errorText"].as_str() {
            return Err(format!("{url} did not load: {error}"));
        }
        browser.wait_for(session, "Page.loadEventFired", mark)?;
        evaluate(browser, session, "document.fonts.ready.then(() => true)")?;
        let text = evaluate(browser, session, "document.body.innerText")?;
        let text = text.as_str().unwrap_or_default().split_whitespace();
        let text = text.collect::<Vec<_>>().join(" ");
        let han = han_text(browser, session)?;
        let pdf = browser.call(
            s,
            "Page.printToPDF",
            json!({"paperWidth": 210.0 / 25.4, "paperHeight": 297.0 / 25.4, "printBackground": true}),
        )?;
        let pdf = base64(pdf["data"].as_str().unwrap_or_default())?;
        let metrics = browser.call(s, "Page.getLayoutMetrics", json!({}))?;
        let size = &metrics["cssContentSize"];
        let png = browser.call(
            s,
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true, "clip": {
                "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}}),
        )?;
        let png = base64(png["data"].as_str().unwrap_or_default())?;
        let mut rendered = Rendered {
            url,
            console_errors: Vec::new(),
            exceptions: Vec::new(),
            requests: Vec::new(),
            text,
            han,
            pdf,
            png,
        };
        for (method, params) in browser.events_of(session, mark) {
            observe(&mut rendered, method, params);
        }
        Ok(rendered)
    }
}

/// Files an event under what the page did.
fn observe(rendered: &mut Rendered, method: &str, params: &Value) {
    match method {
        "Runtime.consoleAPICalled"
            if matches!(params["type"].as_str(), Some("error" | "assert")) =>
        {
            let words: Vec<String> = params["args"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| match &a["value"] {
                    Value::String(s) => s.clone(),
                    Value::Null => a["description"].as_str().unwrap_or_default().to_owned(),
                    other => other.to_string(),
                })
                .collect();
            rendered.console_errors.push(format!(
                "console.{}: {}",
                params["type"].as_str().unwrap_or_default(),
                words.join(" ")
            ));
        }
        "Log.entryAdded" if params["entry"]["level"] == "error" => {
            let entry = &params["entry"];
            rendered.console_errors.push(format!(
                "{}: {} {}",
                entry["source"].as_str().unwrap_or_default(),
                entry["text"].as_str().unwrap_or_default(),
                entry["url"].as_str().unwrap_or_default()
            ));
        }
        "Runtime.exceptionThrown" => {
            let details = &params["exceptionDetails"];
            let description = details["exception"]["description"]
                .as_str()
                .or(details["text"].as_str())
                .unwrap_or_default();
            rendered.exceptions.push(description.to_owned());
        }
        "Network.requestWillBeSent" => rendered.requests.push(Request {
            url: params["request"]["url"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            failed: None,
            id: params["requestId"].as_str().unwrap_or_default().to_owned(),
        }),
        "Network.loadingFailed" => {
            let id = params["requestId"].as_str().unwrap_or_default();
            if let Some(request) = rendered.requests.iter_mut().rev().find(|r| r.id == id) {
                let error = params["errorText"].as_str().filter(|e| !e.is_empty());
                let blocked = params["blockedReason"]
                    .as_str()
                    .map(|r| format!("blocked by {r}"));
                let why: Vec<String> = error
                    .map(str::to_owned)
                    .into_iter()
                    .chain(blocked)
                    .collect();
                request.failed = Some(why.join(", "));
            }
        }
        _ => {}
    }
}

/// Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value.
fn evaluate(browser: &mut Chromium, session: &str, expression: &str) -> Result<Value, String> {
    let mut result = browser.call(
        Some(session),
        "Runtime.evaluate",
        json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
    )?;
    if let Some(exception) = result.get("exceptionDetails") {
        return Err(format!("{expression}: {exception}"));
    }
    Ok(result["result"]["value"].take())
}

/// The first element whose own text has Chinese characters, with the fonts that drew it
/// (`CSS.getPlatformFontsForNode`: the fonts the layout used, fallbacks included).
fn han_text(browser: &mut Chromium, session: &str) -> Result<Option<HanText>, String> {
    const FIRST: &str = r"(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (/\p{Script=Han}/u.test(node.data)) return node.parentElement;
        }
        return null;
    })()";
    let s = Some(session);
    let found = browser.call(s, "Runtime.evaluate", json!({"expression": FIRST}))?;
    let Some(object) = found["result"]["objectId"].as_str() else {
        return Ok(None);
    };
    let object = object.to_owned();
    let own_text = browser.call(
        s,
        "Runtime.callFunctionOn",
        json!({"objectId": object, "returnByValue": true, "functionDeclaration":
            "function() { return [...this.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join(''); }"}),
    )?;
    let text = own_text["result"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    browser.call(s, "DOM.getDocument", json!({"depth": 0}))?;
    let node = browser.call(s, "DOM.requestNode", json!({"objectId": object}))?;
    let fonts = browser.call(
        s,
        "CSS.getPlatformFontsForNode",
        json!({"nodeId": node["nodeId"]}),
    )?;
    let fonts = fonts["fonts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let family = f["familyName"].as_str().unwrap_or_default().to_owned();
            (family, f["glyphCount"].as_u64().unwrap_or_default())
        })
        .collect();
    let han_characters = text.chars().filter(|&c| is_han(c)).count();
    Ok(Some(HanText {
        text,
        han_characters,
        fonts,
    }))
}

/// A CJK unified ideograph (the basic block and extension A, where the report's names are).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The `file://` address of an absolute path, as the browser writes it: bytes other than
/// unreserved ones and `/` are percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}
