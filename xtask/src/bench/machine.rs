//! What the benchmark figures were measured on: CPU, memory, OS,
//! toolchain, browser, date and load.

use std::fs;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::process;

/// What the figures were measured on.
pub struct Machine {
    /// The CPU's model name.
    pub cpu: String,
    /// Logical cores.
    pub cores: usize,
    /// Total RAM, e.g. `24 GiB`.
    pub memory: String,
    /// The OS's pretty name.
    pub os: String,
    /// `rustc -V`.
    pub rustc: String,
    /// `node --version`.
    pub node: String,
    /// Chromium's version, when the browser stage ran.
    pub chromium: Option<String>,
    /// `YYYY-MM-DD` (UTC).
    pub date: String,
    /// The 1-minute load average when the run started.
    pub load: String,
}

impl Machine {
    /// Reads this machine's facts; `chromium` and `load` come from the caller.
    pub fn probe(chromium: Option<String>, load: String) -> Machine {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_string())
            .unwrap_or_else(|| "unknown CPU".into());
        let memory = fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| {
                m.lines()
                    .find_map(|l| l.strip_prefix("MemTotal:"))
                    .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            })
            .map_or("?".into(), |kb| format!("{:.0} GiB", kb / 1_048_576.0));
        let os = fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                    .map(|v| v.trim_matches('"').to_string())
            })
            .unwrap_or_else(|| std::env::consts::OS.into());
        let version = |cmd: &mut Command| {
            process::output(cmd)
                .map(|s| s.trim().to_string())
                .unwrap_or_else(|_| "?".into())
        };
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            memory,
            os,
            rustc: version(Command::new("rustc").arg("-V")),
            node: version(Command::new("node").arg("--version")),
            chromium,
            date: utc_date(SystemTime::now()),
            load,
        }
    }

    /// The machine as one console line.
    pub fn summary(&self) -> String {
        format!(
            "machine: {}, {} cores, {}; {}; {}; node {}; Chromium {}; {} (load average {} at start)",
            self.cpu,
            self.cores,
            self.memory,
            self.os,
            self.rustc,
            self.node,
            self.chromium.as_deref().unwrap_or("–"),
            self.date,
            self.load
        )
    }
}

/// `YYYY-MM-DD` (UTC) of `t`.
fn utc_date(t: SystemTime) -> String {
    let days = t
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(utc_date(UNIX_EPOCH), "1970-01-01");
        let t = UNIX_EPOCH + std::time::Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(utc_date(t), "2000-02-29");
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600); // 2026-01-01
        assert_eq!(utc_date(t), "2026-01-01");
    }
}
