//! RPM packages from the sqlite database rpm ≥ 4.16 keeps
//! (`rpmdb.sqlite`, Fedora 33+, RHEL 9, CBL-Mariner): each row of its
//! `Packages` table is one package's header blob, read here. The older
//! Berkeley DB (`Packages`) and SUSE's NDB (`Packages.db`) are not read: no
//! maintained crate reads them, and they are skipped with nothing found.

use serde_json::json;

use super::distro::Release;
use super::purl::{Purl, distro_qualifier};
use super::tree::Tree;
use super::{Finder, Location, Package, PkgType};

pub const CATALOGER: &str = "rpm-db-cataloger";
pub const GLOBS: [&str; 1] =
    ["**/{var/lib,usr/share,usr/lib/sysimage}/rpm/{Packages,Packages.db,rpmdb.sqlite}"];
/// rpm's own bound on one header (headerMaxbytes).
const MAX_HEADER: usize = 256 << 20;

const TAG_NAME: i32 = 1000;
const TAG_VERSION: i32 = 1001;
const TAG_RELEASE: i32 = 1002;
const TAG_EPOCH: i32 = 1003;
const TAG_SIZE: i32 = 1009;
const TAG_VENDOR: i32 = 1011;
const TAG_LICENSE: i32 = 1014;
const TAG_ARCH: i32 = 1022;
const TAG_SOURCERPM: i32 = 1044;
const TAG_DIRINDEXES: i32 = 1116;
const TAG_BASENAMES: i32 = 1117;
const TAG_DIRNAMES: i32 = 1118;
const TAG_MODULARITYLABEL: i32 = 5096;

pub fn catalog(tree: &Tree, found: &Finder, release: Option<&Release>) -> Vec<Package> {
    let mut out = Vec::new();
    for db in found.files(&GLOBS) {
        if !db.path.ends_with("/rpmdb.sqlite") {
            continue;
        }
        let Ok((disk, _guard)) = tree.local_file(&db.path) else {
            continue;
        };
        for h in headers(&disk).unwrap_or_default() {
            if let Some(p) = package(&db, &h, release) {
                out.push(p);
            }
        }
    }
    out
}

/// Every header blob in the database, opened read-only and immutable (no
/// journal is written next to a layer's file).
fn headers(path: &std::path::Path) -> rusqlite::Result<Vec<Header>> {
    use rusqlite::OpenFlags;
    let uri = format!("file:{}?immutable=1", path.display());
    let conn = rusqlite::Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut stmt = conn.prepare("SELECT blob FROM Packages")?;
    let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = Vec::new();
    for blob in rows.flatten() {
        if let Some(h) = Header::parse(&blob) {
            out.push(h);
        }
    }
    Ok(out)
}

/// One rpm header: index entries (tag, type, offset, count), big-endian,
/// over a data store.
pub struct Header {
    entries: Vec<(i32, u32, usize, usize)>,
    data: Vec<u8>,
}

const TYPE_INT32: u32 = 4;
const TYPE_STRING: u32 = 6;
const TYPE_STRING_ARRAY: u32 = 8;
const TYPE_I18NSTRING: u32 = 9;

impl Header {
    pub fn parse(blob: &[u8]) -> Option<Header> {
        let be = |i: usize| -> Option<u32> {
            Some(u32::from_be_bytes(blob.get(i..i + 4)?.try_into().ok()?))
        };
        let il = be(0)? as usize;
        let dl = be(4)? as usize;
        let start = 8usize.checked_add(il.checked_mul(16)?)?;
        if il == 0 || start.checked_add(dl)? > blob.len() || start + dl > MAX_HEADER {
            return None;
        }
        let mut entries = Vec::with_capacity(il);
        for i in 0..il {
            let o = 8 + i * 16;
            entries.push((
                be(o)? as i32,
                be(o + 4)?,
                be(o + 8)? as usize,
                be(o + 12)? as usize,
            ));
        }
        Some(Header {
            entries,
            data: blob[start..start + dl].to_vec(),
        })
    }

    fn entry(&self, tag: i32) -> Option<(u32, usize, usize)> {
        self.entries
            .iter()
            .find(|e| e.0 == tag)
            .map(|&(_, t, o, c)| (t, o, c))
    }

    fn strings(&self, tag: i32) -> Vec<String> {
        let Some((t, off, count)) = self.entry(tag) else {
            return Vec::new();
        };
        if !matches!(t, TYPE_STRING | TYPE_STRING_ARRAY | TYPE_I18NSTRING) {
            return Vec::new();
        }
        let n = if t == TYPE_STRING { 1 } else { count };
        let mut out = Vec::new();
        let mut pos = off;
        for _ in 0..n {
            let Some(rest) = self.data.get(pos..) else {
                break;
            };
            let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            out.push(String::from_utf8_lossy(&rest[..end]).into_owned());
            pos += end + 1;
        }
        out
    }

    fn string(&self, tag: i32) -> String {
        self.strings(tag).into_iter().next().unwrap_or_default()
    }

    fn ints(&self, tag: i32) -> Vec<i32> {
        let Some((TYPE_INT32, off, count)) = self.entry(tag) else {
            return Vec::new();
        };
        (0..count)
            .map_while(|i| {
                let b = self.data.get(off + i * 4..off + i * 4 + 4)?;
                Some(i32::from_be_bytes(b.try_into().ok()?))
            })
            .collect()
    }
}

fn package(db: &Location, h: &Header, release: Option<&Release>) -> Option<Package> {
    let name = h.string(TAG_NAME);
    if name.is_empty() {
        return None;
    }
    let version = h.string(TAG_VERSION);
    let rel = h.string(TAG_RELEASE);
    let epoch = h.ints(TAG_EPOCH).first().copied();
    let arch = h.string(TAG_ARCH);
    let srpm = h.string(TAG_SOURCERPM);
    let license = h.string(TAG_LICENSE);
    let dirs = h.strings(TAG_DIRNAMES);
    let owned: Vec<String> = h
        .strings(TAG_BASENAMES)
        .into_iter()
        .zip(h.ints(TAG_DIRINDEXES))
        .filter_map(|(base, i)| Some(format!("{}{base}", dirs.get(usize::try_from(i).ok()?)?)))
        .collect();
    let full_version = match epoch {
        Some(e) => format!("{e}:{version}-{rel}"),
        None => format!("{version}-{rel}"),
    };
    let mut namespace = release.map(|r| r.id.clone()).unwrap_or_default();
    if namespace == "rhel" {
        namespace = "redhat".into();
    }
    let vr = format!("{version}-{rel}");
    let mut purl = Purl::new("rpm", &namespace, &name, &vr)
        .qualifier("arch", arch.clone())
        .qualifier("epoch", epoch.map(|e| e.to_string()).unwrap_or_default())
        .qualifier("upstream", srpm.clone());
    if let Some(r) = release {
        purl = purl.qualifier("distro", distro_qualifier(r));
    }
    let purl = purl.to_string();
    Some(Package {
        metadata: json!({
            "name": name,
            "version": version,
            "epoch": epoch,
            "architecture": arch,
            "release": rel,
            "sourceRpm": srpm,
            "size": h.ints(TAG_SIZE).first().copied().unwrap_or(0),
            "vendor": h.string(TAG_VENDOR),
            "modularityLabel": h.string(TAG_MODULARITYLABEL),
        }),
        name,
        version: full_version,
        kind: PkgType::Rpm,
        found_by: CATALOGER,
        locations: vec![db.clone()],
        licenses: if license.is_empty() {
            Vec::new()
        } else {
            vec![license]
        },
        language: "",
        cpes: Vec::new(),
        purl,
        owned,
        metadata_type: "rpm-db-entry",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(entries: &[(i32, u32, &[u8], usize)]) -> Vec<u8> {
        let mut data = Vec::new();
        let mut index = Vec::new();
        for (tag, t, bytes, count) in entries {
            while *t == TYPE_INT32 && data.len() % 4 != 0 {
                data.push(0);
            }
            index.push((*tag, *t, data.len(), *count));
            data.extend_from_slice(bytes);
        }
        let mut out = Vec::new();
        out.extend((index.len() as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        for (tag, t, off, count) in index {
            out.extend((tag as u32).to_be_bytes());
            out.extend(t.to_be_bytes());
            out.extend((off as u32).to_be_bytes());
            out.extend((count as u32).to_be_bytes());
        }
        out.extend(data);
        out
    }

    #[test]
    fn a_header_becomes_syfts_package() {
        let b = blob(&[
            (TAG_NAME, TYPE_STRING, b"bash\0", 1),
            (TAG_VERSION, TYPE_STRING, b"5.1.8\0", 1),
            (TAG_RELEASE, TYPE_STRING, b"6.el9\0", 1),
            (TAG_EPOCH, TYPE_INT32, &1i32.to_be_bytes(), 1),
            (TAG_ARCH, TYPE_STRING, b"x86_64\0", 1),
            (TAG_SOURCERPM, TYPE_STRING, b"bash-5.1.8-6.el9.src.rpm\0", 1),
            (TAG_DIRNAMES, TYPE_STRING_ARRAY, b"/usr/bin/\0", 1),
            (TAG_BASENAMES, TYPE_STRING_ARRAY, b"bash\0sh\0", 2),
            (TAG_DIRINDEXES, TYPE_INT32, &[0, 0, 0, 0, 0, 0, 0, 0], 2),
        ]);
        let h = Header::parse(&b).unwrap();
        let rel = Release {
            id: "rhel".into(),
            version_id: "9.3".into(),
            ..Release::default()
        };
        let db = Location {
            path: "/var/lib/rpm/rpmdb.sqlite".into(),
            access: None,
            layer: None,
        };
        let p = package(&db, &h, Some(&rel)).unwrap();
        assert_eq!(p.version, "1:5.1.8-6.el9");
        assert_eq!(
            p.purl,
            "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=bash-5.1.8-6.el9.src.rpm"
        );
        assert_eq!(p.owned, ["/usr/bin/bash", "/usr/bin/sh"]);
        // Truncated or absurd blobs are refused, not read past.
        assert!(Header::parse(&b[..20]).is_none());
        assert!(Header::parse(&[0xff; 16]).is_none());
    }
}
