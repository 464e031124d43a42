//! What serve is serving right now: the last good site, the diagnostics of the last failed
//! build (if the last build failed), and a version that changes with every rebuild.

use crate::diagnostic::Diagnostic;
use crate::site::Site;
use std::sync::{Arc, RwLock};
use tokio::sync::watch;

/// One consistent state, swapped in whole when a rebuild finishes.
#[derive(Default)]
pub struct Snapshot {
    /// The last site that built without errors.
    pub site: Option<Arc<Site>>,
    /// The overlay HTML when the last build failed.
    pub overlay: Option<Arc<String>>,
    pub version: u64,
}

/// Shared between the HTTP handlers and the rebuild loop.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    versions: watch::Sender<u64>,
    stopping: watch::Sender<bool>,
    /// URL path the site is served under (`/` or e.g. `/repo/`).
    pub prefix: String,
}

impl Shared {
    pub fn new(prefix: String) -> Shared {
        let (versions, _) = watch::channel(0);
        let (stopping, _) = watch::channel(false);
        Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            versions,
            stopping,
            prefix,
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Swaps in a successful build (clearing any overlay), then announces it.
    pub fn publish_site(&self, site: Site) {
        self.swap(|old| Snapshot {
            site: Some(Arc::new(site)),
            overlay: None,
            version: old.version + 1,
        });
    }

    /// Keeps the last good site and shows `diagnostics` over it.
    pub fn publish_failure(&self, diagnostics: &[Diagnostic]) {
        self.swap(|old| Snapshot {
            site: old.site.clone(),
            overlay: Some(Arc::new(super::inject::overlay(diagnostics, old.site.is_some()))),
            version: old.version + 1,
        });
    }

    fn swap(&self, next: impl FnOnce(&Snapshot) -> Snapshot) {
        let version = {
            let mut guard = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
            let new = next(&guard);
            let v = new.version;
            *guard = Arc::new(new);
            v
        };
        // Only now, with the new state in place, are the browsers told to reload.
        self.versions.send_replace(version);
    }

    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.versions.subscribe()
    }

    /// Tells every open reload stream to end (the server is stopping).
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Resolves once [`Shared::stop`] was called.
    pub fn stopped(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.stopping.subscribe();
        async move {
            let _ = rx.wait_for(|stopping| *stopping).await;
        }
    }
}
