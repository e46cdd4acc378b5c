//! `stats`: a container's resource use from its cgroups (v1 or v2) and
//! its network namespace: CPU time, memory and its limit, block I/O,
//! processes, network bytes.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Runtime, RuntimeError};

/// One reading of a container's counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sample {
    /// CPU time used, nanoseconds.
    pub cpu_ns: u64,
    pub memory: u64,
    /// None: no limit.
    pub memory_limit: Option<u64>,
    pub pids: u64,
    pub block_read: u64,
    pub block_write: u64,
    pub net_rx: u64,
    pub net_tx: u64,
}

fn read_u64(p: &Path) -> Option<u64> {
    fs::read_to_string(p).ok()?.trim().parse().ok()
}

/// The container's directory in a cgroup hierarchy (`ccr/<id>` under the
/// controller, or under the unified root).
fn cgroup(controller: &str, id: &str) -> Option<PathBuf> {
    let base = Path::new("/sys/fs/cgroup");
    [
        base.join(controller).join("ccr").join(id),
        base.join("unified/ccr").join(id),
        base.join("ccr").join(id),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

impl Runtime {
    /// A reading of container `key`'s counters (it must be running).
    pub fn sample(&self, key: &str) -> Result<(super::ContainerState, Sample), RuntimeError> {
        let st = self.find(key)?;
        if !st.status.is_running() {
            return Err(RuntimeError::Config(format!(
                "container {} is not running",
                st.name
            )));
        }
        let id = st.id.as_str();
        let mut s = Sample::default();
        // cgroup v1 first, then v2's files.
        if let Some(d) = cgroup("cpuacct", id).or_else(|| cgroup("cpu,cpuacct", id)) {
            s.cpu_ns = read_u64(&d.join("cpuacct.usage")).unwrap_or(0);
        }
        if s.cpu_ns == 0
            && let Some(d) = cgroup("", id)
        {
            s.cpu_ns = fs::read_to_string(d.join("cpu.stat"))
                .ok()
                .and_then(|t| {
                    t.lines().find_map(|l| {
                        l.strip_prefix("usage_usec ")
                            .and_then(|v| v.trim().parse::<u64>().ok())
                    })
                })
                .map(|us| us * 1000)
                .unwrap_or(0);
        }
        if let Some(d) = cgroup("memory", id) {
            let usage = read_u64(&d.join("memory.usage_in_bytes"))
                .or_else(|| read_u64(&d.join("memory.current")));
            // Page cache is not the container's working set (docker subtracts it).
            let cache = fs::read_to_string(d.join("memory.stat"))
                .ok()
                .and_then(|t| {
                    t.lines().find_map(|l| {
                        l.strip_prefix("total_inactive_file ")
                            .or_else(|| l.strip_prefix("inactive_file "))
                            .and_then(|v| v.trim().parse::<u64>().ok())
                    })
                });
            s.memory = usage.unwrap_or(0).saturating_sub(cache.unwrap_or(0));
            let limit = read_u64(&d.join("memory.limit_in_bytes"))
                .or_else(|| read_u64(&d.join("memory.max")));
            s.memory_limit = limit.filter(|l| *l < (1u64 << 62));
        }
        if let Some(d) = cgroup("pids", id) {
            s.pids = read_u64(&d.join("pids.current")).unwrap_or(0);
        }
        if let Some(d) = cgroup("blkio", id) {
            let text =
                fs::read_to_string(d.join("blkio.throttle.io_service_bytes")).unwrap_or_default();
            for l in text.lines() {
                let f: Vec<&str> = l.split_whitespace().collect();
                if let [_, op, n] = f.as_slice() {
                    let n: u64 = n.parse().unwrap_or(0);
                    match *op {
                        "Read" => s.block_read += n,
                        "Write" => s.block_write += n,
                        _ => {}
                    }
                }
            }
        }
        if let Some(pid) = st.pid {
            // The container's own network namespace, as its init sees it.
            let dev = fs::read_to_string(format!("/proc/{pid}/net/dev")).unwrap_or_default();
            for l in dev.lines().skip(2) {
                let Some((iface, rest)) = l.split_once(':') else {
                    continue;
                };
                if iface.trim() == "lo" {
                    continue;
                }
                let f: Vec<u64> = rest
                    .split_whitespace()
                    .filter_map(|v| v.parse().ok())
                    .collect();
                if f.len() >= 9 {
                    s.net_rx += f[0];
                    s.net_tx += f[8];
                }
            }
        }
        Ok((st, s))
    }
}
