//! Panic isolation: run the engine so that a panic on one page becomes an
//! error for that page, not a crashed run or a lost record.
//!
//! The engine promises never to panic; this is the shell's second line of
//! defence. While a guarded call runs, the panic hook records where the panic
//! happened instead of printing it (which would garble the progress bar);
//! panics anywhere else still go to the default hook.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|slot| *slot.borrow_mut() = at);
            } else {
                default(info);
            }
        }));
    });
}

/// Run `f`; a panic inside it is returned as a message.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    GUARDED.with(|g| g.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(false));
    result.map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let at = LOCATION
            .with(|slot| slot.borrow_mut().take())
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        format!(
            "the extraction engine panicked: {msg}{at} — this is a bug in klartext; please report it with this page"
        )
    })
}

/// Extract one page with the engine, panics caught.
pub fn extract(html: &[u8], options: &klartext::Options) -> Result<klartext::Document, String> {
    guarded(|| klartext::extract(html, options))
}

/// Extract one page of the given kind, panics caught.
pub fn extract_kind(
    bytes: &[u8],
    kind: crate::args::InputKind,
    options: &klartext::Options,
) -> Result<klartext::Document, String> {
    match kind {
        crate::args::InputKind::Html => extract(bytes, options),
        crate::args::InputKind::Text => guarded(|| klartext::extract_text_bytes(bytes, options)),
    }
}

/// Explain one page of the given kind, panics caught.
pub fn explain_kind(
    bytes: &[u8],
    kind: crate::args::InputKind,
    options: &klartext::Options,
) -> Result<klartext::Explanation, String> {
    match kind {
        crate::args::InputKind::Html => guarded(|| klartext::explain(bytes, options)),
        crate::args::InputKind::Text => guarded(|| klartext::explain_text(bytes, options)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        let err = guarded(|| -> u32 { panic!("boom {}", 42) }).unwrap_err();
        assert!(err.contains("boom 42"), "{err}");
        assert!(err.contains("guard.rs"), "{err}");
        assert_eq!(guarded(|| 7).unwrap(), 7);
    }

    #[test]
    fn extraction_runs() {
        assert!(extract(b"<html><title>T</title></html>", &Default::default()).is_ok());
    }
}
