"""Settings come only from the environment, and .env.example lists every variable."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_CALL = re.compile(
    r"""(?:os\.environ\.get|os\.environ\[|env_bool|env_list|os\.getenv)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def _variables_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in [*ROOT.joinpath("thanthien").rglob("*.py"), ROOT / "deploy" / "gunicorn.conf.py"]:
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names.update(ENV_CALL.findall(path.read_text(encoding="utf-8")))
    return names - {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_env_example_lists_every_variable_the_code_reads():
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    missing = _variables_read_by_code() - listed
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_production_mode_passes_check_deploy():
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "DJANGO_PRODUCTION": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 30 + "-production-secret-" + "y" * 30,
        "DJANGO_ALLOWED_HOSTS": "thanthien.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_refuses_the_development_secret():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update({"DJANGO_PRODUCTION": "1", "DJANGO_ALLOWED_HOSTS": "thanthien.example.vn"})
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
