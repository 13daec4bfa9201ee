#!/usr/bin/env python3
"""No secrets in the repository: scans every file git tracks (or the folder given) for private keys, cloud and
forge tokens, JWTs, passwords in connection strings and URLs, and long literal values given to secret-like names.
Placeholders (change-me, example, PASSWORD, ${VAR}, <...>) and test-only values (named test-…) are allowed, and
so are the passwords tests give the accounts they create (literals under tests/ and web/test/; keys, tokens and
passwords in URLs or connection strings are still looked for there).
A line that must hold such a value on purpose says `secrets-scan: allow`.

    ./sipas secrets              scan the repository's tracked files
    deploy/secrets-scan.py DIR   scan the tracked files of another git work tree
Exit status 1 when anything is found, each finding printed as path:line: kind.
"""
import re
import subprocess
import sys
from pathlib import Path

PATTERNS = [
    ("private key", re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----")),
    ("AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{50,}\b")),
    ("GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}\b")),
    ("Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("Stripe key", re.compile(r"\b[sr]k_live_[0-9A-Za-z]{20,}\b")),
    ("JWT", re.compile(r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}")),
    ("password in a URL", re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s:/@'\"]+:(?P<value>[^\s@/'\"]{8,})@")),
    ("password in a connection string", re.compile(r"(?i)(?:^|[;\"'])\s*(?:password|pwd)\s*=\s*(?P<value>[^;'\"\s]{4,})")),
    ("secret-like assignment", re.compile(
        r"(?i)\b[\w.\-]*(?:secret|password|passwd|api[_\-]?key|access[_\-]?key|private[_\-]?key|token|hash[_\-]?key)[\w.\-]*"
        r"[\"']?\s*[:=]\s*[\"'](?P<value>[^\"'\s]{12,})[\"']")),
]

PLACEHOLDER = re.compile(
    r"(?i)^(?:\$\{.*\}|\$\(.*\)|\$[A-Z_]+|<[^>]*>|\{[^}]*\}|\*+|x+|\.+)$|change[-_]?me|example|placeholder|dummy|redacted|"
    r"^password$|^secret$|^pass(word)?[-_]?here|your[-_]|^test[-_]|[-_]test[-_]|^\w*[-_]?password[-_]?\d*$|^env:|secretKeyRef|"
    r"^:?\?set ")
SKIP_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf", ".woff", ".woff2", ".ttf", ".otf", ".zip", ".gz", ".xlsx"}
SKIP_NAMES = {"package-lock.json"}  # integrity hashes, not secrets


def tracked_files(root: Path) -> list[Path]:
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True, capture_output=True).stdout
    return [root / name for name in out.decode("utf-8").split("\0") if name]


def scan(root: Path) -> list[str]:
    findings = []
    for path in tracked_files(root):
        if path.suffix.lower() in SKIP_SUFFIXES or path.name in SKIP_NAMES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        relative = path.relative_to(root).as_posix()
        test_fixture = relative.startswith(("tests/", "web/test/"))
        for number, line in enumerate(text.splitlines(), 1):
            if "secrets-scan: allow" in line or len(line) > 5000:
                continue
            for kind, pattern in PATTERNS:
                for match in pattern.finditer(line):
                    value = match.groupdict().get("value")
                    if value is not None and PLACEHOLDER.search(value.strip("'\"`")):
                        continue
                    if kind == "secret-like assignment" and re.fullmatch(r"[a-z][a-z.:_/\-]*", value):
                        continue  # words, a name (sipas:must-change-password), not a key
                    if kind == "secret-like assignment" and test_fixture:
                        continue  # a password a test gives the account it creates; keys and tokens are still looked for
                    findings.append(f"{path.relative_to(root)}:{number}: {kind}")
                    break
    return findings


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent).resolve()
    files = tracked_files(root)
    findings = scan(root)
    for finding in findings:
        print(finding)
    print(f"secrets: {len(files)} tracked files scanned, {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
