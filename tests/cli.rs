//! Golden command-line cases: every command in every format, in both
//! languages. Each `tests/cmd/*.toml` names the arguments and the exit code;
//! the expected output sits beside it in `.stdout`/`.stderr`. After an
//! intended change of output, regenerate with `TRYCMD=overwrite cargo test --test cli`
//! and review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "gridctl",
            trycmd::schema::Bin::Path(env!("CARGO_BIN_EXE_gridctl").into()),
        )
        .env("NO_COLOR", "1")
        .env("GRIDCTL_LANG", "en")
        .case("tests/cmd/*.toml")
        .case("README.md");
}
