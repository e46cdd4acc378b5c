//! What ELF executables and libraries say about how they were built: Go's
//! build information (the main module, every dependency, the toolchain as
//! `stdlib`) and cargo-auditable's dependency list (the `.dep-v0` section,
//! zlib-compressed JSON). Every visible regular file is looked at; only its
//! first bytes are read unless it is ELF.

use std::io::Read;

use object::read::elf::{ElfFile32, ElfFile64, FileHeader, ProgramHeader};
use object::{Endianness, Object, ObjectSection, ObjectSegment, ReadCache, ReadRef};
use serde::Deserialize;
use serde_json::json;

use super::purl::Purl;
use super::tree::Tree;
use super::{Finder, Location, Package, PkgType};

pub const GO_CATALOGER: &str = "go-module-binary-cataloger";
pub const RUST_CATALOGER: &str = "cargo-auditable-binary-cataloger";
const BUILDINFO_MAGIC: &[u8] = b"\xff Go buildinf:";
/// Go reads at most this much of the data segment looking for the header.
const BUILDINFO_SCAN: u64 = 64 << 10;
/// cargo-auditable's own cap on the decompressed list.
const AUDIT_LIMIT: u64 = 8 << 20;
const STRING_LIMIT: u64 = 16 << 20;

pub fn catalog(tree: &Tree, found: &Finder) -> Vec<Package> {
    // Read from streams: every file was looked at as it went past.
    if let Some(p) = &tree.prescanned {
        return p.clone();
    }
    // ELF detection opens every file: two threads share the list.
    let files = &found.files;
    let half = files.len() / 2;
    let (a, b) = files.split_at(half);
    let mut out: Vec<Package> = std::thread::scope(|s| {
        let h = s.spawn(|| scan(tree, a));
        let mut mine = scan(tree, b);
        let mut theirs = h.join().unwrap_or_default();
        theirs.append(&mut mine);
        theirs
    });
    out.sort_by(|x, y| x.locations.cmp(&y.locations));
    out
}

fn scan(tree: &Tree, files: &[String]) -> Vec<Package> {
    let mut out = Vec::new();
    for path in files {
        let Ok(mut f) = tree.open(path) else { continue };
        let mut head = [0u8; 18];
        if f.read_exact(&mut head).is_err() || !is_executable_elf(&head) {
            continue;
        }
        let Some(loc) = Location::at(tree, path) else {
            continue;
        };
        let cache = ReadCache::new(f);
        out.extend(packages_of(&cache, &loc));
    }
    out
}

/// What the ELF file `data` (at `loc`) was built from: Go modules, Rust crates.
fn packages_of<'a, R: ReadRef<'a>>(data: R, loc: &Location) -> Vec<Package> {
    let mut out = Vec::new();
    let Some(elf) = Elf::parse(data) else {
        return out;
    };
    if let Some(info) = elf.go_buildinfo() {
        out.extend(go_packages(&info, loc, data));
    }
    if let Some(list) = elf.section(".dep-v0") {
        out.extend(rust_packages(&list, loc));
    }
    out
}

/// Whether these first bytes start an ELF executable or shared object
/// (`ET_EXEC`, `ET_DYN`), the files mime sniffing calls executable.
pub fn is_executable_elf(head: &[u8]) -> bool {
    if head.len() < 18 || &head[..4] != b"\x7fELF" {
        return false;
    }
    let e_type = if head[5] == 2 {
        u16::from_be_bytes([head[16], head[17]])
    } else {
        u16::from_le_bytes([head[16], head[17]])
    };
    e_type == 2 || e_type == 3
}

/// [`packages_of`] for a file held in memory (a layer read as a stream).
pub fn packages_in(data: &[u8], loc: &Location) -> Vec<Package> {
    packages_of(data, loc)
}

enum Elf<'a, R: ReadRef<'a>> {
    E32(ElfFile32<'a, Endianness, R>),
    E64(ElfFile64<'a, Endianness, R>),
}

impl<'a, R: ReadRef<'a>> Elf<'a, R> {
    fn parse(data: R) -> Option<Elf<'a, R>> {
        if let Ok(e) = ElfFile64::<Endianness, _>::parse(data) {
            return Some(Elf::E64(e));
        }
        ElfFile32::<Endianness, _>::parse(data).ok().map(Elf::E32)
    }

    fn section(&self, name: &str) -> Option<Vec<u8>> {
        match self {
            Elf::E32(e) => e.section_by_name(name)?.data().ok().map(<[u8]>::to_vec),
            Elf::E64(e) => e.section_by_name(name)?.data().ok().map(<[u8]>::to_vec),
        }
    }

    fn big_endian(&self) -> bool {
        match self {
            Elf::E32(e) => !e.is_little_endian(),
            Elf::E64(e) => !e.is_little_endian(),
        }
    }

    fn machine(&self) -> u16 {
        match self {
            Elf::E32(e) => e.elf_header().e_machine(e.endian()).0,
            Elf::E64(e) => e.elf_header().e_machine(e.endian()).0,
        }
    }

    /// Bytes at a virtual address, from the segment that maps it.
    fn read_at(&self, addr: u64, len: u64) -> Option<Vec<u8>> {
        fn find<'d, S: ObjectSegment<'d>>(
            mut segs: impl Iterator<Item = S>,
            addr: u64,
            len: u64,
        ) -> Option<Vec<u8>> {
            segs.find_map(|s| {
                let start = s.address();
                if addr < start || addr.checked_add(len)? > start + s.size() {
                    return None;
                }
                let data = s.data_range(addr, len).ok()??;
                Some(data.to_vec())
            })
        }
        match self {
            Elf::E32(e) => find(e.segments(), addr, len),
            Elf::E64(e) => find(e.segments(), addr, len),
        }
    }

    /// Where Go's build information starts: its section, or else the first
    /// writable, non-executable loaded segment (as `debug/buildinfo` looks).
    fn data_start(&self) -> Option<(u64, Vec<u8>)> {
        if let Some(d) = self.section(".go.buildinfo") {
            let addr = match self {
                Elf::E32(e) => e.section_by_name(".go.buildinfo")?.address(),
                Elf::E64(e) => e.section_by_name(".go.buildinfo")?.address(),
            };
            return Some((addr, d));
        }
        const PT_LOAD: u32 = 1;
        const PF_X: u32 = 1;
        const PF_W: u32 = 2;
        let vaddr = match self {
            Elf::E32(e) => e
                .elf_program_headers()
                .iter()
                .find(|p| {
                    p.p_type(e.endian()).0 == PT_LOAD
                        && p.p_flags(e.endian()).0 & (PF_X | PF_W) == PF_W
                })
                .map(|p| u64::from(p.p_vaddr(e.endian())))?,
            Elf::E64(e) => e
                .elf_program_headers()
                .iter()
                .find(|p| {
                    p.p_type(e.endian()).0 == PT_LOAD
                        && p.p_flags(e.endian()).0 & (PF_X | PF_W) == PF_W
                })
                .map(|p| p.p_vaddr(e.endian()))?,
        };
        let data = (1..=BUILDINFO_SCAN / 4096)
            .rev()
            .find_map(|pages| self.read_at(vaddr, pages * 4096))?;
        Some((vaddr, data))
    }

    fn go_buildinfo(&self) -> Option<BuildInfo> {
        let (_, data) = self.data_start()?;
        // The header is 16-byte aligned.
        let at = (0..data.len().saturating_sub(32))
            .step_by(16)
            .find(|&i| data[i..].starts_with(BUILDINFO_MAGIC))?;
        let hdr = &data[at..];
        let ptr_size = hdr[14] as usize;
        let flags = hdr[15];
        let (version, modinfo) = if flags & 2 != 0 {
            // Go ≥ 1.18: two varint-prefixed strings after the 32-byte header.
            let mut rest = hdr.get(32..)?;
            let v = take_varint_string(&mut rest)?;
            let m = take_varint_bytes(&mut rest)?;
            (v, m)
        } else {
            // Older: pointers to Go string headers.
            let big = flags & 1 != 0 || self.big_endian();
            let word = |b: &[u8]| -> Option<u64> {
                Some(match (ptr_size, big) {
                    (4, false) => u64::from(u32::from_le_bytes(b.get(..4)?.try_into().ok()?)),
                    (4, true) => u64::from(u32::from_be_bytes(b.get(..4)?.try_into().ok()?)),
                    (8, false) => u64::from_le_bytes(b.get(..8)?.try_into().ok()?),
                    (8, true) => u64::from_be_bytes(b.get(..8)?.try_into().ok()?),
                    _ => return None,
                })
            };
            let read_string = |addr: u64| -> Option<Vec<u8>> {
                let hdr = self.read_at(addr, 2 * ptr_size as u64)?;
                let data_addr = word(&hdr)?;
                let len = word(&hdr[ptr_size..])?;
                if len > STRING_LIMIT {
                    return None;
                }
                self.read_at(data_addr, len)
            };
            let v_ptr = word(hdr.get(16..)?)?;
            let m_ptr = word(hdr.get(16 + ptr_size..)?)?;
            let v = String::from_utf8_lossy(&read_string(v_ptr)?).into_owned();
            (v, read_string(m_ptr).unwrap_or_default())
        };
        if version.is_empty() {
            return None;
        }
        // The module information is framed by 16 sentinel bytes each side.
        let modinfo: &[u8] = if modinfo.len() >= 33 && modinfo[modinfo.len() - 17] == b'\n' {
            &modinfo[16..modinfo.len() - 16]
        } else {
            &modinfo
        };
        let mut info = BuildInfo::parse(&String::from_utf8_lossy(modinfo));
        info.go_version = version;
        info.machine = self.machine();
        Some(info)
    }
}

fn take_varint_string(rest: &mut &[u8]) -> Option<String> {
    take_varint_bytes(rest).map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn take_varint_bytes(rest: &mut &[u8]) -> Option<Vec<u8>> {
    let mut n: u64 = 0;
    let mut shift = 0;
    loop {
        let (&b, tail) = rest.split_first()?;
        *rest = tail;
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
    let n = usize::try_from(n).ok()?;
    let s = rest.get(..n)?.to_vec();
    *rest = &rest[n..];
    Some(s)
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    pub path: String,
    pub version: String,
    pub sum: String,
    pub replace: Option<Box<Module>>,
}

/// Go's `runtime/debug.BuildInfo`, as its text form says.
#[derive(Debug, Default)]
pub struct BuildInfo {
    pub go_version: String,
    pub path: String,
    pub main: Module,
    pub deps: Vec<Module>,
    pub settings: Vec<(String, String)>,
    pub machine: u16,
}

impl BuildInfo {
    pub fn parse(text: &str) -> BuildInfo {
        let mut bi = BuildInfo::default();
        let mut last_is_main = true;
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            let module = |f: &[&str]| Module {
                path: f.get(1).copied().unwrap_or("").to_string(),
                version: f.get(2).copied().unwrap_or("").to_string(),
                sum: f.get(3).copied().unwrap_or("").to_string(),
                replace: None,
            };
            match fields[0] {
                "path" => bi.path = fields.get(1).copied().unwrap_or("").to_string(),
                "mod" => {
                    bi.main = module(&fields);
                    last_is_main = true;
                }
                "dep" => {
                    bi.deps.push(module(&fields));
                    last_is_main = false;
                }
                "=>" => {
                    let r = Some(Box::new(module(&fields)));
                    if last_is_main {
                        bi.main.replace = r;
                    } else if let Some(d) = bi.deps.last_mut() {
                        d.replace = r;
                    }
                }
                "build" => {
                    let kv = fields[1..].join("\t");
                    if let Some((k, v)) = kv.split_once('=') {
                        let unquote = |s: &str| {
                            if s.starts_with('"') {
                                serde_json::from_str::<String>(s).unwrap_or_else(|_| s.to_string())
                            } else {
                                s.to_string()
                            }
                        };
                        bi.settings.push((unquote(k), unquote(v)));
                    }
                }
                _ => {}
            }
        }
        bi
    }

    fn setting(&self, key: &str) -> Option<&str> {
        self.settings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A Go module's PURL: the first two path elements are the namespace,
/// the third the name, the rest the subpath.
pub fn go_purl(module: &str, version: &str) -> String {
    let f: Vec<&str> = module.split('/').collect();
    let (ns, name, sub) = match f.len() {
        1 => (String::new(), f[0], String::new()),
        2 => (f[0].to_string(), f[1], String::new()),
        _ => (f[..2].join("/"), f[2], f[3..].join("/")),
    };
    let mut p = Purl::new("golang", &ns, name, version);
    p.subpath = &sub;
    p.to_string()
}

fn goarch(machine: u16) -> &'static str {
    match machine {
        62 => "amd64",
        183 => "arm64",
        3 => "386",
        40 => "arm",
        243 => "riscv64",
        21 => "ppc64",
        22 => "s390x",
        _ => "",
    }
}

fn go_package(m: &Module, info: &BuildInfo, loc: &Location, main: bool) -> Package {
    let m = m.replace.as_deref().unwrap_or(m);
    let arch = info
        .setting("GOARCH")
        .map(String::from)
        .unwrap_or_else(|| goarch(info.machine).to_string());
    let go_version = info.go_version.split(' ').next().unwrap_or("").to_string();
    let mut meta = json!({
        "goCompiledVersion": go_version,
        "architecture": arch,
        "mainModule": info.main.path,
    });
    if !m.sum.is_empty() {
        meta["h1Digest"] = json!(m.sum);
    }
    if main {
        meta["goBuildSettings"] = info
            .settings
            .iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect();
    }
    Package {
        name: m.path.clone(),
        version: m.version.clone(),
        kind: PkgType::GoModule,
        found_by: GO_CATALOGER,
        locations: vec![loc.clone()],
        licenses: Vec::new(),
        language: "go",
        cpes: Vec::new(),
        purl: go_purl(&m.path, &m.version),
        owned: Vec::new(),
        metadata_type: "go-module-buildinfo-entry",
        metadata: meta,
    }
}

fn go_packages<'a, R: ReadRef<'a>>(info: &BuildInfo, loc: &Location, file: R) -> Vec<Package> {
    let mut out: Vec<Package> = info
        .deps
        .iter()
        .map(|d| go_package(d, info, loc, false))
        .filter(|p| !p.name.is_empty())
        .collect();
    let mut main = info.main.clone();
    // A binary built from files rather than a module names only its path.
    if (main == Module::default() && !info.path.is_empty()) || main.path == "command-line-arguments"
    {
        main = Module {
            path: info.path.clone(),
            version: "(devel)".into(),
            ..Module::default()
        };
    }
    if main != Module::default() {
        let mut p = go_package(&main, info, loc, true);
        if p.version == "(devel)"
            && let Some(v) = main_version(info, file)
        {
            p.version = if v.starts_with('v') {
                v
            } else {
                format!("v{v}")
            };
            p.purl = go_purl(&p.name, &p.version);
        }
        out.insert(0, p);
    }
    if !out.is_empty() {
        let v = info.go_version.split(' ').next().unwrap_or("");
        let bare = v.strip_prefix("go").unwrap_or(v);
        static CPE_VERSION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"^(\d+(\.\d+)?(\.\d+)?)(\w*)").expect("valid")
        });
        let cpe_version = CPE_VERSION.captures(bare);
        if let Some(c) = cpe_version {
            let candidate = c.get(4).map_or("", |m| m.as_str());
            let cpe = format!(
                "cpe:2.3:a:golang:go:{}:{}:*:*:*:*:*:*",
                &c[1],
                if candidate.is_empty() { "-" } else { candidate }
            );
            out.push(Package {
                name: "stdlib".into(),
                version: v.to_string(),
                kind: PkgType::GoModule,
                found_by: GO_CATALOGER,
                locations: vec![loc.clone()],
                licenses: vec!["BSD-3-Clause".into()],
                language: "go",
                cpes: vec![cpe],
                purl: go_purl("stdlib", bare),
                owned: Vec::new(),
                metadata_type: "go-module-buildinfo-entry",
                metadata: json!({"goCompiledVersion": v}),
            });
        }
    }
    out
}

/// A `(devel)` main module's version: from `-ldflags -X ...version=`, a
/// semver string in the binary, or a pseudo-version from the VCS stamp.
fn main_version<'a, R: ReadRef<'a>>(info: &BuildInfo, file: R) -> Option<String> {
    if let Some(ldflags) = info.setting("-ldflags") {
        let main = regex::escape(&info.main.path).replace('/', "\\/");
        for pat in [
            r"\.[a-zA-Z0-9]*([rR]elease)?([gG]it)?([bB]uild)?[vV]er(sion)?=(\S+/)*(?P<version>v?\d+.\d+.\d+[-\w]*)",
            r"\.[a-zA-Z0-9]*([tT]ag)=(\S+/)*(?P<version>v?\d+.\d+.\d+[-\w]*)",
        ] {
            let re = regex::Regex::new(&format!(r"(?m)(main|{main}\/[^\s]*){pat}")).ok()?;
            if let Some(v) = re.captures(ldflags).and_then(|c| c.name("version")) {
                let v = v.as_str();
                return Some(if v.starts_with('v') {
                    v.to_string()
                } else {
                    format!("v{v}")
                });
            }
        }
    }
    let len = file.len().ok()?;
    if len <= 1 << 30 {
        let data = file.read_bytes_at(0, len).ok()?;
        let re = regex::bytes::Regex::new(
            r"(?-u)(?:\x00|[\x80-\xff])(.L)?(?P<version>v?(\d+\.\d+\.\d+[-\w]*[+\w]*))\x00",
        )
        .expect("valid");
        if let Some(v) = re.captures(data).and_then(|c| c.name("version")) {
            return Some(String::from_utf8_lossy(v.as_bytes()).into_owned());
        }
    }
    let rev = info.setting("vcs.revision")?;
    let time = info.setting("vcs.time")?;
    let t = chrono::DateTime::parse_from_rfc3339(time)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    let rev = &rev[..rev.len().min(12)];
    Some(format!("v0.0.0-{}-{rev}", t.format("%Y%m%d%H%M%S")))
}

#[derive(Deserialize)]
struct AuditList {
    packages: Vec<AuditPackage>,
}

#[derive(Deserialize)]
struct AuditPackage {
    name: String,
    version: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    kind: Option<String>,
}

fn rust_packages(section: &[u8], loc: &Location) -> Vec<Package> {
    let mut json_bytes = Vec::new();
    let decoder = flate2::read::ZlibDecoder::new(section);
    if decoder
        .take(AUDIT_LIMIT + 1)
        .read_to_end(&mut json_bytes)
        .is_err()
        || json_bytes.len() as u64 > AUDIT_LIMIT
    {
        return Vec::new();
    }
    let Ok(list) = serde_json::from_slice::<AuditList>(&json_bytes) else {
        return Vec::new();
    };
    list.packages
        .into_iter()
        // Build-time dependencies are not in the binary.
        .filter(|p| !p.name.is_empty() && p.kind.as_deref().unwrap_or("runtime") == "runtime")
        .map(|p| Package {
            purl: Purl::new("cargo", "", &p.name, &p.version).to_string(),
            metadata: json!({"name": p.name, "version": p.version, "source": p.source}),
            name: p.name,
            version: p.version,
            kind: PkgType::RustCrate,
            found_by: RUST_CATALOGER,
            locations: vec![loc.clone()],
            licenses: Vec::new(),
            language: "rust",
            cpes: Vec::new(),
            owned: Vec::new(),
            metadata_type: "rust-cargo-audit-entry",
        })
        .collect()
}

/// The shared libraries an ELF file names as needed (`DT_NEEDED`).
pub fn needed_libraries(data: &[u8]) -> Vec<String> {
    fn needed<H: FileHeader<Endian = Endianness>>(data: &[u8]) -> Option<Vec<String>> {
        let header = H::parse(data).ok()?;
        let endian = header.endian().ok()?;
        let sections = header.sections(endian, data).ok()?;
        let mut out = Vec::new();
        for section in sections.iter() {
            let Some((entries, link)) = section.dynamic(endian, data).ok().flatten() else {
                continue;
            };
            let strings = sections.strings(endian, data, link).ok()?;
            for d in entries {
                if d.tag(endian) == object::elf::DT_NEEDED
                    && let Ok(name) = d.string(endian, strings)
                {
                    out.push(String::from_utf8_lossy(name).into_owned());
                }
            }
        }
        Some(out)
    }
    use object::read::elf::{Dyn, SectionHeader};
    match data.get(4) {
        Some(2) => needed::<object::elf::FileHeader64<Endianness>>(data),
        Some(1) => needed::<object::elf::FileHeader32<Endianness>>(data),
        _ => None,
    }
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_info_text() {
        let bi = BuildInfo::parse(
            "path\tgithub.com/x/cmd\nmod\tgithub.com/x\t(devel)\t\ndep\tgolang.org/x/sys\tv0.1.0\th1:abc=\n=>\tgolang.org/x/sys\tv0.2.0\th1:def=\nbuild\t-ldflags=\"-X main.version=1.2.3\"\nbuild\tGOARCH=amd64\n",
        );
        assert_eq!(bi.main.version, "(devel)");
        assert_eq!(bi.deps[0].replace.as_ref().unwrap().version, "v0.2.0");
        assert_eq!(bi.setting("-ldflags"), Some("-X main.version=1.2.3"));
    }

    #[test]
    fn go_purls() {
        assert_eq!(go_purl("stdlib", "1.19.8"), "pkg:golang/stdlib@1.19.8");
        assert_eq!(
            go_purl(
                "github.com/docker/distribution/registry/api",
                "v2.8.2+incompatible"
            ),
            "pkg:golang/github.com/docker/distribution@v2.8.2%2Bincompatible#registry/api"
        );
    }

    #[test]
    fn varint_strings_are_bounded() {
        let mut s: &[u8] = b"\x03go1rest";
        assert_eq!(take_varint_string(&mut s).as_deref(), Some("go1"));
        let mut bad: &[u8] = b"\xff\x01ab";
        assert_eq!(take_varint_string(&mut bad), None);
    }
}

#[cfg(test)]
mod real_binaries {
    use super::*;
    use std::fs::File;

    /// Debian's registry is a Go binary (tests/setup.sh installs it).
    #[test]
    fn debian_registry_has_build_info() {
        let path = "/usr/bin/docker-registry";
        let Ok(f) = File::open(path) else { return };
        let cache = ReadCache::new(f);
        let elf = Elf::parse(&cache).expect("an ELF file");
        let info = elf.go_buildinfo().expect("Go build information");
        assert!(info.go_version.starts_with("go1."), "{}", info.go_version);
        assert!(info.path.contains("registry"), "{}", info.path);
    }
}
