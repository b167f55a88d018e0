#!/bin/sh
# gridctl-audit.sh — morning audit of a school's safety grid, mailed only when
# there is something to act on.
# 每个上学日早晨运行巡查闭环审计：有漏检或隐患超期时发邮件给安全办，无问题不发。
#
# Runs `gridctl --lang zh audit "$SCHOOL" -q` and looks at its exit code:
#   0  nothing at error severity  -> no mail, silent
#   1  missed inspections / overdue hazards -> mail the findings
#   2  audit could not run (bad grid, unreadable log, bad arguments), or any
#      other failure (binary missing, crash) -> mail an alert with its stderr
#
# Environment (set in the crontab, see ./crontab):
#   SCHOOL         school folder or grid.toml (default: ./grid.toml's folder)
#   MAILTO_SAFETY  address(es) that get the mail — required
#   GRIDCTL        the gridctl binary (default: gridctl on PATH)
#   MAIL           the mail command (default: mail, from mailutils/bsd-mailx)

set -u

SCHOOL="${SCHOOL:-.}"
GRIDCTL="${GRIDCTL:-gridctl}"
MAIL="${MAIL:-mail}"

if [ -z "${MAILTO_SAFETY:-}" ]; then
    # No address: say so on stderr; cron mails that to the crontab's owner.
    echo "gridctl-audit.sh: MAILTO_SAFETY is not set; nobody to mail" >&2
    exit 2
fi

out=$(mktemp) || exit 2
err=$(mktemp) || { rm -f "$out"; exit 2; }
trap 'rm -f "$out" "$err"' EXIT HUP INT TERM

"$GRIDCTL" --lang zh audit "$SCHOOL" -q >"$out" 2>"$err"
rc=$?

today=$(date +%Y-%m-%d)

case "$rc" in
    0)
        # Clean: never mail.
        exit 0
        ;;
    1)
        # Findings at error severity: mail what audit printed (and any
        # warnings it wrote on stderr, after the findings).
        {
            cat "$out"
            if [ -s "$err" ]; then
                echo
                cat "$err"
            fi
        } | "$MAIL" -s "[安全网格] $today 巡查漏检/隐患超期 — $SCHOOL" "$MAILTO_SAFETY"
        exit $?
        ;;
    *)
        # Could not run (2) or failed some other way: an alert, with stderr.
        {
            echo "gridctl audit could not run (exit $rc) on $(hostname) at $(date '+%Y-%m-%d %H:%M')."
            echo "安全网格审计未能运行（退出码 $rc），请检查 grid.toml 和台账文件。"
            echo
            echo "command: $GRIDCTL --lang zh audit $SCHOOL -q"
            echo
            echo "--- stderr ---"
            cat "$err"
            if [ -s "$out" ]; then
                echo
                echo "--- stdout ---"
                cat "$out"
            fi
        } | "$MAIL" -s "[安全网格] ALERT 审计未运行 $today (exit $rc) — $SCHOOL" "$MAILTO_SAFETY"
        exit 2
        ;;
esac
