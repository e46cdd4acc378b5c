//! Where each kind of ccr's data lives. Everything is under the data root,
//! except what holds plaintext of encrypted images: decrypted layer
//! snapshots, containers (their writable layers, logs and state) and build
//! scratch. Those live under the plaintext root, which is the data root
//! unless a caller (CVM mode) puts it on memory-backed storage. Call sites
//! ask the layout; none of them joins paths onto a root itself.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    root: PathBuf,
    plaintext: PathBuf,
}

impl Layout {
    /// Everything under `root`.
    pub fn new(root: &Path) -> Layout {
        Layout {
            root: root.to_path_buf(),
            plaintext: root.to_path_buf(),
        }
    }

    /// Plaintext of encrypted images (snapshots, containers, build scratch)
    /// under `dir` instead of the data root.
    pub fn with_plaintext(mut self, dir: &Path) -> Layout {
        self.plaintext = dir.to_path_buf();
        self
    }

    /// Makes the data root (and the plaintext root) reachable by their
    /// owner only (mode 0700; docker keeps its root at 0710, containerd its
    /// snapshots at 0700): an image's setuid file must not be runnable by
    /// another local user straight out of a snapshot. Roots that exist
    /// with looser modes are tightened; what was tightened is returned, to
    /// be said once.
    pub fn make_private(&self) -> std::io::Result<Vec<String>> {
        let mut tightened = Vec::new();
        for dir in [&self.root, &self.plaintext] {
            match std::fs::metadata(dir) {
                Ok(m) => {
                    let mode = m.permissions().mode() & 0o7777;
                    if mode & 0o077 != 0 {
                        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
                        tightened.push(format!(
                            "{} was mode {mode:04o}, reachable by other users; it is 0700 now",
                            dir.display()
                        ));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if let Some(parent) = dir.parent() {
                        std::fs::create_dir_all(parent)?;
                    }
                    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
                        // The umask may narrow the mode; it never widens it.
                        Ok(()) => {
                            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?
                        }
                        // Another ccr made it between our look and our
                        // create: it made it 0700 too.
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                        Err(e) => return Err(e),
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Ok(tightened)
    }

    /// The data root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where plaintext lives (the data root unless moved).
    pub fn plaintext(&self) -> &Path {
        &self.plaintext
    }

    /// The OCI image layout of blobs, as pulled (ciphertext stays ciphertext).
    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    /// Extracted (and decrypted) layers.
    pub fn snapshots(&self) -> PathBuf {
        self.plaintext.join("snapshots")
    }

    /// One directory per container: state, spec, writable layer, logs.
    pub fn containers(&self) -> PathBuf {
        self.plaintext.join("containers")
    }

    pub fn container(&self, id: &str) -> PathBuf {
        self.containers().join(id)
    }

    /// Held while a container's name moves to another container.
    pub fn names_lock(&self) -> PathBuf {
        self.plaintext.join("containers.lock")
    }

    /// libcontainer's state directory.
    pub fn runtime_state(&self) -> PathBuf {
        self.plaintext.join("run")
    }

    /// Named volumes: what containers write, so with the plaintext.
    pub fn volumes(&self) -> PathBuf {
        self.plaintext.join("volumes")
    }

    /// The address allocations of the CNI `host-local` plugin.
    pub fn cni_ipam(&self) -> PathBuf {
        self.root.join("cni/ipam")
    }

    /// Build cache entries (which layer each step made).
    pub fn build_cache(&self) -> PathBuf {
        self.root.join("build-cache")
    }

    /// `RUN --mount=type=cache` directories.
    pub fn build_cache_mounts(&self) -> PathBuf {
        self.root.join("build-cache-mounts")
    }

    /// SBOMs `build --sbom` recorded, by image manifest digest.
    pub fn sboms(&self) -> PathBuf {
        self.root.join("sboms")
    }

    /// A build's scratch directories (overlays, secrets' memory file systems).
    pub fn build_scratch(&self) -> PathBuf {
        self.plaintext.join("build")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_made_owner_only_and_loose_ones_tightened() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = Layout::new(&dir.path().join("a/b"));
        assert!(fresh.make_private().unwrap().is_empty());
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(fresh.root()), 0o700);
        let loose = dir.path().join("loose");
        std::fs::create_dir(&loose).unwrap();
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o755)).unwrap();
        let said = Layout::new(&loose).make_private().unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("0755"), "{said:?}");
        assert_eq!(mode(&loose), 0o700);
        assert!(
            Layout::new(&loose).make_private().unwrap().is_empty(),
            "said once"
        );
    }

    #[test]
    fn concurrent_first_uses_of_one_root_all_succeed() {
        for round in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join(format!("root{round}"));
            let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let (root, barrier) = (root.clone(), barrier.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        Layout::new(&root).make_private()
                    })
                })
                .collect();
            for h in handles {
                h.join().unwrap().unwrap();
            }
        }
    }

    #[test]
    fn plaintext_moves_apart_from_content() {
        let l = Layout::new(Path::new("/var/lib/ccr")).with_plaintext(Path::new("/run/ccr"));
        assert_eq!(l.content(), Path::new("/var/lib/ccr/content"));
        assert_eq!(l.build_cache(), Path::new("/var/lib/ccr/build-cache"));
        // Named volumes hold what containers write: plaintext.
        for p in [
            l.snapshots(),
            l.container("x"),
            l.runtime_state(),
            l.build_scratch(),
            l.volumes(),
            l.names_lock(),
        ] {
            assert!(p.starts_with("/run/ccr"), "{}", p.display());
        }
        let same = Layout::new(Path::new("/d"));
        assert_eq!(same.snapshots(), Path::new("/d/snapshots"));
        assert_eq!(same.plaintext(), same.root());
    }
}
