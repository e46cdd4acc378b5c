//! Where each kind of ccr's data lives. Everything is under the data root,
//! except what holds plaintext of encrypted images: decrypted layer
//! snapshots, containers (their writable layers, logs and state) and build
//! scratch. Those live under the plaintext root, which is the data root
//! unless a caller (CVM mode) puts it on memory-backed storage. Call sites
//! ask the layout; none of them joins paths onto a root itself.

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

    /// libcontainer's state directory.
    pub fn runtime_state(&self) -> PathBuf {
        self.plaintext.join("run")
    }

    /// Named volumes.
    pub fn volumes(&self) -> PathBuf {
        self.root.join("volumes")
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

    /// A build's scratch directories (overlays, secrets' memory file systems).
    pub fn build_scratch(&self) -> PathBuf {
        self.plaintext.join("build")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plaintext_moves_apart_from_content() {
        let l = Layout::new(Path::new("/var/lib/ccr")).with_plaintext(Path::new("/run/ccr"));
        assert_eq!(l.content(), Path::new("/var/lib/ccr/content"));
        assert_eq!(l.volumes(), Path::new("/var/lib/ccr/volumes"));
        for p in [
            l.snapshots(),
            l.container("x"),
            l.runtime_state(),
            l.build_scratch(),
        ] {
            assert!(p.starts_with("/run/ccr"), "{}", p.display());
        }
        let same = Layout::new(Path::new("/d"));
        assert_eq!(same.snapshots(), Path::new("/d/snapshots"));
        assert_eq!(same.plaintext(), same.root());
    }
}
