//! What the integration tests share: running the built binary the way a
//! user would, from the repository root, with a clean environment.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a run of gridctl gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run gridctl with `args` from the repository root, in English unless the
/// arguments say otherwise, without colour; a panic fails the test.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<std::ffi::OsString> = args
        .into_iter()
        .map(|a| a.as_ref().to_os_string())
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_gridctl"))
        .args(&args)
        .current_dir(root())
        .env_remove("GRIDCTL_LANG")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .output()
        .expect("run gridctl");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "gridctl {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

impl Run {
    /// stdout as the JSON document it must be.
    #[allow(dead_code)] // not every test binary reads JSON
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}
