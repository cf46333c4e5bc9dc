//! Every label and message exists in Chinese and in English (issue 12 item 13).
//!
//! outlay has no message catalogue: a label is a `pick("中文", "English")`
//! call site, a message an error value rendered by `Lang`. So this walks
//! both: (a) every `pick`, `noun` and `Refusal::field_in` call in `src/`
//! whose texts are literals (or `format!` of one), (b) every variant of the
//! error types a user can see, every action label and every vocabulary
//! word, in both languages.

use std::path::{Path, PathBuf};

use outlay::i18n::Lang;

// ---- (a) the call sites --------------------------------------------------------

/// Chinese script and the full-width punctuation that goes with it: an
/// English label holds none of them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // 、。「」【】
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}') // ：（），
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// Chinese labels that are language-neutral on purpose: no words to
/// translate, the same in both languages.
fn neutral(zh: &str, en: &str) -> bool {
    zh == en || zh.chars().all(|c| !c.is_alphabetic())
}

/// The English text without what the user may type in either language: an
/// amount in 万 (`129.5万`, `1000万`), which the amount parser reads
/// whatever the language, so the English hints show it too.
fn without_terms(en: &str) -> String {
    let mut text = String::new();
    let mut after_digit = false;
    for c in en.chars() {
        if !(c == '万' && after_digit) {
            text.push(c);
        }
        after_digit = c.is_ascii_digit();
    }
    text
}

/// A format string without its `{placeholders}`, which are filled in
/// with values, not words.
fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// A Rust string literal at the start of `text` ("…" with escapes, or
/// r"…"/r#"…"#): its value and the length it takes in the source.
fn literal(text: &str) -> Option<(String, usize)> {
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = body.find(&close)?;
        return Some((body[..end].to_string(), 1 + hashes + 1 + end + close.len()));
    }
    let body = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, i + 2)),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                '\n' => {
                    // a continued line: the next line's indent is not in the value
                    while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                }
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

/// A call's arguments, `(` already read, as source text: split at the
/// commas outside brackets and string literals, up to the closing `)`.
fn arguments(text: &str) -> Vec<&str> {
    let (mut args, mut depth, mut start) = (Vec::new(), 0, 0);
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let quoted = rest.starts_with('"') || rest.starts_with("r\"") || rest.starts_with("r#\"");
        if let Some((_, len)) = literal(rest).filter(|_| quoted) {
            at += len;
            continue;
        }
        if rest.starts_with("'\"'") {
            at += 3; // the character '"'
            continue;
        }
        let c = rest.chars().next().unwrap();
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                args.push(text[start..at].trim());
                return args;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    args
}

/// An argument's text when it is a literal or `format!` of one.
fn text_of(argument: &str) -> Option<String> {
    let argument = argument
        .strip_prefix("format!(")
        .map_or(argument, str::trim_start);
    literal(argument).map(|(value, _)| value)
}

/// A labelling call: its name, and which arguments hold the Chinese and
/// which the English.
struct Labelling {
    call: &'static str,
    zh: usize,
    en: &'static [usize],
}

const LABELLING: &[Labelling] = &[
    // lang.pick("中文", "English")
    Labelling {
        call: "pick(",
        zh: 0,
        en: &[1],
    },
    // lang.noun(n, "笔", "entry", "entries")
    Labelling {
        call: "noun(",
        zh: 1,
        en: &[2, 3],
    },
    // Refusal::field_in("amount", format!("…"), format!("…"))
    Labelling {
        call: "field_in(",
        zh: 2,
        en: &[1],
    },
];

/// One call site: where, and its Chinese and English texts.
struct Site {
    at: String,
    zh: String,
    en: Vec<String>,
}

/// Every labelling call in `src/` whose texts are literals (or `format!`
/// of them), and the number of calls with a text that is not (a variable).
fn call_sites() -> (Vec<Site>, usize) {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    let (mut sites, mut other) = (Vec::new(), 0);
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        for labelling in LABELLING {
            for (at, _) in source.match_indices(labelling.call) {
                // a call (`.pick(`, `Refusal::field_in(`), not a definition (`fn pick(`)
                let before = source[..at].trim_end();
                if !(before.ends_with('.') || before.ends_with("::")) {
                    continue;
                }
                let args = arguments(&source[at + labelling.call.len()..]);
                let line = source[..at].matches('\n').count() + 1;
                let text = |i: usize| args.get(i).and_then(|a| text_of(a));
                let en: Option<Vec<String>> = labelling.en.iter().map(|i| text(*i)).collect();
                match (text(labelling.zh), en) {
                    (Some(zh), Some(en)) => sites.push(Site {
                        at: format!("{name}:{line}"),
                        zh,
                        en,
                    }),
                    _ => other += 1,
                }
            }
        }
    }
    (sites, other)
}

/// What is wrong with a call site's texts, if anything.
fn offence(zh: &str, en: &str) -> Option<&'static str> {
    let (zh, en) = (&without_placeholders(zh), &without_placeholders(en));
    if has_cjk(&without_terms(en)) {
        return Some("Chinese in the English text");
    }
    if !has_cjk(zh) && !neutral(zh, en) {
        return Some("no Chinese in the Chinese text");
    }
    None
}

#[test]
fn every_label_call_site_has_chinese_first_and_english_second() {
    let (sites, other) = call_sites();
    // The walk finds what it should: if this fails, the scanner is broken,
    // not the labels (there are some seven hundred call sites).
    assert!(sites.len() > 600, "only {} call sites found", sites.len());
    assert!(
        other < sites.len() / 10,
        "{other} calls not read as literals"
    );
    println!(
        "{} call sites read, {other} with a text that is not a literal",
        sites.len()
    );
    let offenders: Vec<String> = sites
        .iter()
        .flat_map(|site| {
            site.en.iter().filter_map(|en| {
                offence(&site.zh, en)
                    .map(|why| format!("{}: {why}: {:?} / {en:?}", site.at, site.zh))
            })
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "{} of {} call sites:\n{}",
        offenders.len(),
        sites.len(),
        offenders.join("\n")
    );
}

#[test]
fn the_scanner_catches_a_label_in_the_wrong_order() {
    // the checks the walk applies, on texts that must fail them
    assert_eq!(
        offence("Journal", "支付流水"),
        Some("Chinese in the English text")
    );
    assert_eq!(
        offence("Journal", "Payments"),
        Some("no Chinese in the Chinese text")
    );
    assert_eq!(offence("支付流水", "Journal"), None);
    assert_eq!(offence("：", ": "), None);
    assert_eq!(offence("{label} {zh}", "{label} {en}"), None);
    assert_eq!(offence("{n} 万元", "{n} 10k yuan (1万)"), None);
    assert_eq!(
        offence("{n} 万元", "{n} 万 yuan"),
        Some("Chinese in the English text")
    );
    let args = arguments(
        r#" "中文，(", format!("English \
             continued {}", f(a, b)), ')') + 1"#,
    );
    assert_eq!(args.len(), 3, "{args:?}");
    assert_eq!(text_of(args[0]).unwrap(), "中文，(");
    assert_eq!(text_of(args[1]).unwrap(), "English continued {}");
    assert_eq!(text_of(args[2]), None);
}

// ---- (b) the messages ----------------------------------------------------------

/// User data in the samples below: left out before the texts are judged, as
/// a path or a name is the same in both languages.
const DATA: &[&str] = &[
    "/srv/outlay/ledger.redb",
    "/srv/outlay",
    "/run/outlay/ledger.sock",
    "/run/outlay",
    "/home/u/keymap.toml",
    "/home/u/config.toml",
    "~/.config/outlay/config.toml",
    "alice",
    "E42",
];

/// Words a Chinese sentence may hold in Latin letters: what the user types
/// (commands, flags, settings and TOML names are in backticks or listed
/// here) and names that have no Chinese form.
const LATIN_IN_CHINESE: &[&str] = &[
    // names without a Chinese form
    "outlay",
    "Unix",
    "root",
    "uid",
    "setgid",
    "TOML",
    "JSON",
    "UTF",
    "GBK",
    "redb",
    // what the user writes: settings, their values, keymap sections and keys
    "server_user",
    "socket",
    "lang",
    "unit",
    "keymap",
    "db",
    "zh",
    "en",
    "yuan",
    "wan",
    "base",
    "default",
    "vim",
    "global",
    "list",
    "form",
    "input",
    "editor",
    "ctrl",
    "pagedown",
    "shift",
    // commands and paths quoted without backticks, and sample values
    "OUTLAY_SOCKET",
    "chmod",
    "chown",
    "go",
    "run",
    "srv",
    "colour",
    "fr",
    "nope",
];

/// Asserts the Chinese reads in Chinese (no English word outside the
/// allowed ones) and the English holds no Chinese.
fn bilingual(what: &str, zh: &str, en: &str) {
    let strip = |text: &str| {
        let mut text = text.to_string();
        for data in DATA {
            text = text.replace(data, " ");
        }
        // what the user types, quoted as code
        let parts: Vec<&str> = text.split('`').collect();
        parts
            .iter()
            .step_by(2)
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (zh_text, en_text) = (strip(zh), strip(&without_terms(en)));
    assert!(has_cjk(&zh_text), "{what}: no Chinese in {zh:?}");
    assert!(!has_cjk(&en_text), "{what}: Chinese in the English {en:?}");
    // an action's name is what the keymap file says
    let typed = |w: &str| {
        LATIN_IN_CHINESE.contains(&w)
            || outlay::tui::keymap::Action::ALL
                .iter()
                .any(|a| a.name() == w)
    };
    let english: Vec<&str> = zh_text
        .split(|c: char| !c.is_ascii_alphabetic() && c != '_')
        .filter(|w| w.len() > 1 && !typed(w))
        .collect();
    assert!(english.is_empty(), "{what}: English {english:?} in {zh:?}");
}

/// The index of the first pattern `value` matches, and how many there are.
/// The patterns are also matched together, exhaustively: a variant added to
/// the type and not listed here does not compile.
macro_rules! variant {
    ($value:expr, $($pat:pat),+ $(,)?) => {{
        let value = $value;
        #[allow(unreachable_patterns)]
        match value {
            $($pat)|+ => {}
        }
        let mut index = None;
        let mut count = 0;
        $(
            if index.is_none() && matches!(value, $pat) {
                index = Some(count);
            }
            count += 1;
        )+
        (index.unwrap(), count)
    }};
}

/// Asserts the samples reach every variant `variant_of` counts.
fn all_reached<T>(what: &str, samples: &[T], variant_of: impl Fn(&T) -> (usize, usize)) {
    let mut reached = std::collections::BTreeSet::new();
    let mut count = 0;
    for sample in samples {
        let (index, n) = variant_of(sample);
        reached.insert(index);
        count = n;
    }
    let missing: Vec<usize> = (0..count).filter(|i| !reached.contains(i)).collect();
    assert!(
        missing.is_empty(),
        "{what}: no sample of variants {missing:?}"
    );
}

fn path(p: &str) -> PathBuf {
    PathBuf::from(p)
}

mod server {
    use super::*;
    use outlay::remote::{Damage, Exposed as X, Holds, ServerError as S};

    fn exposures() -> Vec<X> {
        let mut all = vec![
            X::LedgerOwned {
                file: path("/srv/outlay/ledger.redb"),
                owner: "alice".into(),
                server: "alice".into(),
            },
            X::LedgerWritable {
                file: path("/srv/outlay/ledger.redb"),
            },
            X::LedgerReadable {
                file: path("/srv/outlay/ledger.redb"),
            },
        ];
        for holds in [Holds::Ledger, Holds::Socket] {
            all.extend([
                X::DirectoryOwned {
                    dir: path("/srv/outlay"),
                    holds,
                    owner: "alice".into(),
                    server: "alice".into(),
                },
                X::DirectoryShared {
                    dir: path("/srv/outlay"),
                    holds,
                },
                X::DirectoryWritable {
                    dir: path("/srv/outlay"),
                    holds,
                },
                X::AncestorChangeable {
                    above: path("/srv/outlay"),
                    holds,
                    owner: "alice".into(),
                    server: "alice".into(),
                },
            ]);
        }
        all
    }

    pub fn samples() -> Vec<S> {
        let socket = || path("/run/outlay/ledger.sock");
        let cause = || "E42".to_string();
        let mut all: Vec<S> = exposures().into_iter().map(S::Exposed).collect();
        all.extend([
            S::AlreadyListening { socket: socket() },
            S::StaleSocket {
                socket: socket(),
                cause: cause(),
            },
            S::Listen {
                socket: socket(),
                cause: cause(),
            },
            S::Permissions {
                socket: socket(),
                cause: cause(),
            },
            S::Socket { cause: cause() },
            S::Signals { cause: cause() },
            S::Scratch { cause: cause() },
            S::Served {
                db: path("/srv/outlay/ledger.redb"),
                socket: socket(),
            },
            S::CallTooLarge {
                bytes: 300_000_000,
                limit: 268_435_456,
            },
            S::CallNotEncoded { cause: cause() },
            // a server of this version sends both; an older one English only
            S::Remote {
                message: "the server failed".into(),
                zh: Some("服务器出错".into()),
            },
        ]);
        for why in [Damage::TooLong, Damage::Differs, Damage::EndMissing] {
            all.push(S::BackupDamaged {
                received: 10,
                announced: 12,
                why,
            });
        }
        all
    }

    #[test]
    fn every_server_error_reads_in_both_languages() {
        let samples = samples();
        all_reached("ServerError", &samples, |e| {
            variant!(
                e,
                S::Exposed(_),
                S::AlreadyListening { .. },
                S::StaleSocket { .. },
                S::Listen { .. },
                S::Permissions { .. },
                S::Socket { .. },
                S::Signals { .. },
                S::Scratch { .. },
                S::BackupDamaged { .. },
                S::Served { .. },
                S::CallTooLarge { .. },
                S::CallNotEncoded { .. },
                S::Remote { .. },
            )
        });
        all_reached("Exposed", &exposures(), |u| {
            variant!(
                u,
                X::LedgerOwned { .. },
                X::LedgerWritable { .. },
                X::LedgerReadable { .. },
                X::DirectoryOwned { .. },
                X::DirectoryShared { .. },
                X::DirectoryWritable { .. },
                X::AncestorChangeable { .. },
            )
        });
        for e in samples {
            let error = outlay::Error::from(e.clone());
            let (zh, en) = (Lang::Zh.error(&error), Lang::En.error(&error));
            bilingual(&format!("{e:?}"), &zh, &en);
            assert_eq!(en, e.to_string());
        }
    }
}

mod serve_log {
    use super::*;
    use outlay::remote::ServeLog as L;

    #[test]
    fn every_line_of_the_server_log_reads_in_both_languages() {
        let cause = || "E42".to_string();
        let samples = vec![
            L::GroupNotTaken {
                socket: path("/run/outlay/ledger.sock"),
                dir: path("/run/outlay"),
                had: "alice".into(),
                wanted: "alice".into(),
                server: "alice".into(),
                cause: cause(),
            },
            L::GroupUnreadable {
                path: path("/run/outlay"),
                cause: cause(),
            },
            L::NoteNotWritten {
                path: path("/srv/outlay"),
                cause: cause(),
            },
            L::FileLimit {
                soft: 1024,
                hard: 4096,
                cause: cause(),
            },
            L::PollFailed { cause: cause() },
            L::AcceptFailed { cause: cause() },
            L::SetupFailed { cause: cause() },
            L::ConnectionEnded {
                user: "alice".into(),
                cause: cause(),
            },
            L::NoThread { cause: cause() },
        ];
        all_reached("ServeLog", &samples, |l| {
            variant!(
                l,
                L::GroupNotTaken { .. },
                L::GroupUnreadable { .. },
                L::NoteNotWritten { .. },
                L::FileLimit { .. },
                L::PollFailed { .. },
                L::AcceptFailed { .. },
                L::SetupFailed { .. },
                L::ConnectionEnded { .. },
                L::NoThread { .. },
            )
        });
        for l in &samples {
            bilingual(
                &format!("{l:?}"),
                &Lang::Zh.serve_log(l),
                &Lang::En.serve_log(l),
            );
        }
    }
}

mod connection {
    use super::*;
    use outlay::remote::{Cause, ConnectionError as C, Expected};

    fn samples() -> Vec<C> {
        let socket = || path("/run/outlay/ledger.sock");
        let io = |kind| Cause::Io {
            kind,
            text: "E42".into(),
        };
        let mut all = Vec::new();
        for cause in [
            Cause::Closed,
            io(std::io::ErrorKind::NotFound),
            io(std::io::ErrorKind::ConnectionRefused),
            io(std::io::ErrorKind::PermissionDenied),
            io(std::io::ErrorKind::BrokenPipe),
            io(std::io::ErrorKind::TimedOut),
        ] {
            all.extend([
                C::Unreachable {
                    socket: socket(),
                    cause: cause.clone(),
                },
                C::Lost {
                    socket: socket(),
                    cause: cause.clone(),
                },
                C::NotSaved {
                    socket: socket(),
                    cause,
                },
            ]);
        }
        for why in [
            Expected::DirectoryOwner(path("/run/outlay")),
            Expected::Configured,
        ] {
            all.push(C::WrongServer {
                socket: socket(),
                answered: "alice".into(),
                expected: "alice".into(),
                why,
            });
        }
        all.extend([
            C::UnsafePath {
                socket: socket(),
                directory: path("/run/outlay"),
                owner: "alice".into(),
            },
            C::UnknownServerUser {
                name: "alice".into(),
            },
            C::Unexpected {
                socket: socket(),
                what: "E42".into(),
            },
        ]);
        all
    }

    #[test]
    fn every_connection_error_reads_in_both_languages() {
        let samples = samples();
        all_reached("ConnectionError", &samples, |e| {
            variant!(
                e,
                C::Unreachable { .. },
                C::WrongServer { .. },
                C::UnsafePath { .. },
                C::UnknownServerUser { .. },
                C::Lost { .. },
                C::NotSaved { .. },
                C::Unexpected { .. },
            )
        });
        for e in &samples {
            bilingual(
                &format!("{e:?}"),
                &Lang::Zh.connection_error(e),
                &Lang::En.connection_error(e),
            );
        }
    }
}

mod store {
    use super::*;
    use outlay::store::StoreError as S;

    fn samples() -> Vec<S> {
        let ledger = || path("/srv/outlay/ledger.redb");
        vec![
            S::Busy { path: ledger() },
            S::NotFound { path: ledger() },
            S::AlreadyExists { path: ledger() },
            S::NotYours {
                path: ledger(),
                owner: "alice".into(),
            },
            S::NotALedger {
                path: ledger(),
                reason: "E42".into(),
            },
            S::NewerSchema {
                found: 9,
                supported: 8,
            },
            // what is damaged is told in both languages where it is found
            S::Corrupt(outlay::store::Damage::new(
                "the ledger's year 99999 is out of range",
                "账本年度 99999 超出范围",
            )),
            S::OutOfBound(outlay::store::Damage::new(
                "the running totals of line B01",
                "指标 B01 的累计数",
            )),
            S::Io {
                path: ledger(),
                source: std::io::Error::other("E42"),
            },
            S::Database(redb::Error::DatabaseAlreadyOpen),
        ]
    }

    #[test]
    fn every_store_error_reads_in_both_languages() {
        let samples = samples();
        all_reached("StoreError", &samples, |e| {
            variant!(
                e,
                S::Busy { .. },
                S::NotFound { .. },
                S::AlreadyExists { .. },
                S::NotYours { .. },
                S::NotALedger { .. },
                S::NewerSchema { .. },
                S::Corrupt(_),
                S::OutOfBound(_),
                S::Io { .. },
                S::Database(_),
            )
        });
        for e in samples {
            let what = format!("{e:?}");
            let (zh, en) = match e {
                // redb's own words follow the Chinese
                S::Database(_) => {
                    let error = outlay::Error::from(e);
                    let zh = Lang::Zh.error(&error);
                    assert!(zh.starts_with("数据库错误："), "{zh}");
                    continue;
                }
                e => {
                    let error = outlay::Error::from(e);
                    (Lang::Zh.error(&error), Lang::En.error(&error))
                }
            };
            bilingual(&what, &zh, &en);
        }
    }
}

mod refusal {
    use super::*;
    use outlay::domain::Refusal as R;

    fn samples() -> Vec<R> {
        vec![
            R::field_in("amount", "must be more than zero", "须大于零"),
            R::UnknownLine("X9".into()),
            R::DuplicateLine("X9".into()),
            R::DuplicateVoucher {
                line: "X9".into(),
                voucher: "V1".into(),
                id: 3,
                reversed_by: None,
            },
            R::DuplicateVoucher {
                line: "X9".into(),
                voucher: "V1".into(),
                id: 3,
                reversed_by: Some(4),
            },
            R::UnknownDisbursement(3),
            R::AlreadyReversed { id: 3, by: 4 },
            R::ReversingAReversal(3),
            R::UnknownRecord {
                what: "indicator",
                id: 3,
            },
            R::NoRole {
                user: "alice".into(),
            },
            R::NeedsRole {
                user: "alice".into(),
                has: "viewer".into(),
                needs: "clerk".into(),
            },
            R::Remote {
                field: "amount".into(),
                message: "amount: must be more than zero".into(),
                zh: Some("金额：须大于零".into()),
            },
        ]
    }

    #[test]
    fn every_refusal_reads_in_both_languages() {
        let samples = samples();
        all_reached("Refusal", &samples, |r| {
            variant!(
                r,
                R::Field { .. },
                R::UnknownLine(_),
                R::DuplicateLine(_),
                R::DuplicateVoucher { .. },
                R::UnknownDisbursement(_),
                R::AlreadyReversed { .. },
                R::ReversingAReversal(_),
                R::UnknownRecord { .. },
                R::NoRole { .. },
                R::NeedsRole { .. },
                R::Remote { .. },
            )
        });
        for r in &samples {
            let what = format!("{r:?}");
            bilingual(&what, &Lang::Zh.refusal(r), &Lang::En.refusal(r));
            let row = outlay::Error::ImportRow {
                row: 7,
                refusal: r.clone(),
            };
            bilingual(&what, &Lang::Zh.error(&row), &Lang::En.error(&row));
        }
    }
}

mod keymap {
    use super::*;
    use outlay::tui::keymap::{
        Action, Context, Entry, KeyBinding, KeyHint, KeymapError, ParseKeyError, Problem as P,
    };

    fn problems() -> Vec<P> {
        let key = |hint| ParseKeyError {
            text: "nope".into(),
            hint,
        };
        vec![
            P::Unreadable("E42".into()),
            P::Syntax("E42".into()),
            P::NotABase("E42".into()),
            P::OutsideSection(Context::Global),
            P::NoSuchSection,
            P::NoSuchSetting,
            P::NotASection("global".into()),
            P::WrongSection {
                belongs: Context::List,
                found: Context::Global,
            },
            P::NoSuchAction(Context::Editor),
            P::KeysNotText,
            P::NotAKeyList,
            P::Key(key(KeyHint::Unknown)),
            P::Key(key(KeyHint::ShiftSymbol)),
            P::BothBound("s".parse::<KeyBinding>().unwrap()),
        ]
    }

    #[test]
    fn every_keymap_error_reads_in_both_languages() {
        let problems = problems();
        all_reached("keymap Problem", &problems, |p| {
            variant!(
                p,
                P::Unreadable(_),
                P::Syntax(_),
                P::NotABase(_),
                P::OutsideSection(_),
                P::NoSuchSection,
                P::NoSuchSetting,
                P::NotASection(_),
                P::WrongSection { .. },
                P::NoSuchAction(_),
                P::KeysNotText,
                P::NotAKeyList,
                P::Key(_),
                P::BothBound(_),
            )
        });
        let entries = [
            Entry::Named("[global] quit".into()),
            Entry::Line(Some(3)),
            Entry::Line(None),
            Entry::File,
            Entry::Both(Action::Sort, Action::Filter),
        ];
        all_reached("keymap Entry", &entries, |e| {
            variant!(
                e,
                Entry::Named(_),
                Entry::Line(_),
                Entry::File,
                Entry::Both(..),
            )
        });
        for problem in problems {
            for entry in &entries {
                let e = KeymapError {
                    origin: "/home/u/keymap.toml".into(),
                    entry: entry.clone(),
                    problem: problem.clone(),
                };
                bilingual(
                    &format!("{e:?}"),
                    &Lang::Zh.keymap_error(&e),
                    &Lang::En.keymap_error(&e),
                );
            }
        }
    }

    #[test]
    fn every_action_has_both_labels() {
        for action in Action::ALL {
            let (zh, en) = (action.describe(Lang::Zh), action.describe(Lang::En));
            assert!(has_cjk(zh), "{action}: {zh:?}");
            assert!(!has_cjk(en), "{action}: {en:?}");
        }
    }
}

mod settings {
    use super::*;
    use outlay::config::{ConfigError, Problem as P};

    fn samples() -> Vec<P> {
        vec![
            P::Unreadable("E42".into()),
            P::Syntax {
                line: Some(2),
                message: "E42".into(),
            },
            P::Syntax {
                line: None,
                message: "E42".into(),
            },
            P::Unknown {
                name: "colour".into(),
                line: 2,
            },
            P::NotText {
                name: "keymap",
                line: 2,
            },
            P::NotAChoice {
                name: "lang",
                value: "fr".into(),
                choices: &["zh", "en"],
                line: 1,
            },
        ]
    }

    #[test]
    fn every_settings_error_reads_in_both_languages() {
        let samples = samples();
        all_reached("settings Problem", &samples, |p| {
            variant!(
                p,
                P::Unreadable(_),
                P::Syntax { .. },
                P::Unknown { .. },
                P::NotText { .. },
                P::NotAChoice { .. },
            )
        });
        for problem in samples {
            let error = outlay::Error::Settings(ConfigError {
                path: "/home/u/config.toml".into(),
                problem,
            });
            bilingual(
                &format!("{error:?}"),
                &Lang::Zh.error(&error),
                &Lang::En.error(&error),
            );
        }
    }
}

mod output {
    use super::*;
    use outlay::error::{Encoded, OutputError as O};

    fn samples() -> Vec<O> {
        let cause = || "E42".to_string();
        let mut all = vec![
            O::Stdout { cause: cause() },
            O::Workbook { cause: cause() },
            O::TempDir { cause: cause() },
            O::StartTerminal { cause: cause() },
            O::Terminal { cause: cause() },
            O::Signal {
                signal: 15,
                cause: cause(),
            },
        ];
        for what in [
            Encoded::Json,
            Encoded::ScoringRules,
            Encoded::MonitoringRules,
            Encoded::Answer,
        ] {
            all.push(O::Encode {
                what,
                cause: cause(),
            });
        }
        all
    }

    #[test]
    fn every_output_error_reads_in_both_languages() {
        let samples = samples();
        all_reached("OutputError", &samples, |e| {
            variant!(
                e,
                O::Stdout { .. },
                O::Encode { .. },
                O::Workbook { .. },
                O::TempDir { .. },
                O::StartTerminal { .. },
                O::Terminal { .. },
                O::Signal { .. },
            )
        });
        for e in samples {
            let error = outlay::Error::from(e);
            bilingual(
                &format!("{error:?}"),
                &Lang::Zh.error(&error),
                &Lang::En.error(&error),
            );
        }
    }
}

#[test]
fn every_error_kind_reads_in_both_languages() {
    use outlay::Error as E;
    let io = || std::io::Error::other("E42");
    let samples = vec![
        E::Read {
            path: "/home/u/config.toml".into(),
            source: io(),
        },
        E::Write {
            path: "/home/u/config.toml".into(),
            source: io(),
        },
        E::Import {
            file: "/home/u/config.toml".into(),
            error: Box::new(outlay::import::ImportError {
                row: Some(3),
                column: Some("amount".into()),
                problem: outlay::import::Problem::FieldCount {
                    expected: 4,
                    found: 3,
                },
            }),
        },
    ];
    // the other kinds (Refused, ImportRow, Store, Server, Connection,
    // Settings, Output) have their own tests above
    for e in &samples {
        bilingual(&format!("{e:?}"), &Lang::Zh.error(e), &Lang::En.error(e));
    }
}

#[test]
fn every_word_of_every_vocabulary_has_both_labels() {
    use outlay::domain::Vocabulary;
    fn words<W: Vocabulary>() {
        for word in W::ALL {
            let (zh, en) = (word.zh(), word.en());
            assert!(has_cjk(zh), "{} {}: {zh:?}", W::FIELD, word.code());
            assert!(!has_cjk(en), "{} {}: {en:?}", W::FIELD, word.code());
        }
    }
    use outlay::domain::*;
    words::<Kind>();
    words::<Source>();
    words::<Level>();
    words::<EconClass>();
    words::<Category>();
    words::<indicator::Tier>();
    words::<role::Role>();
    words::<progress::Cause>();
    words::<progress::Likelihood>();
    words::<department::RatioKey>();
    words::<form::Layout>();
    words::<form::Blank>();
    words::<rules::EqualRule>();
    words::<settings::NoteSection>();
    words::<spend_tag::SpendTag>();
    words::<monitoring::light::Light>();
}

#[test]
fn warnings_and_parse_errors_read_in_both_languages() {
    use outlay::domain::calendar::DateError;
    use outlay::domain::money::MoneyError;
    use outlay::ledger::Warning;
    let warnings = [
        Warning::Overspent {
            line: "X9".into(),
            spent: "12.00".into(),
            budget: "10.00".into(),
        },
        Warning::BeforeAllocation {
            line: "X9".into(),
            allocated_on: "2021-03-01".parse().unwrap(),
            date: "2021-02-01".parse().unwrap(),
        },
    ];
    for w in &warnings {
        bilingual(
            &format!("{w:?}"),
            &Lang::Zh.warning(w),
            &Lang::En.warning(w),
        );
    }
    for e in [
        MoneyError::Empty,
        MoneyError::Malformed("x".into()),
        MoneyError::TooPrecise("0.001".into()),
        MoneyError::TooLarge("1e99".into()),
    ] {
        bilingual(
            &format!("{e:?}"),
            &Lang::Zh.money_error(&e),
            &Lang::En.money_error(&e),
        );
    }
    for e in [DateError::Empty, DateError::Malformed("x".into())] {
        bilingual(
            &format!("{e:?}"),
            &Lang::Zh.date_error(&e),
            &Lang::En.date_error(&e),
        );
    }
}
