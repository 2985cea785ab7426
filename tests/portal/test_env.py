from pathlib import Path

import pytest

from portal.env import ImproperlyConfiguredEnv, database_from_url, email_from_url, env_bool, env_int, env_list


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_env_bool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfiguredEnv, match="FLAG"):
        env_bool("FLAG", False)


def test_env_int_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(ImproperlyConfiguredEnv, match="COUNT"):
        env_int("COUNT", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_database_url_for_postgres():
    config = database_from_url("postgres://user:p%40ss@db.example:5433/portal", base_dir=Path("/app"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "portal",
        "user",
        "p@ss",
        "db.example",
        "5433",
    )


def test_database_url_for_a_relative_sqlite_file():
    config = database_from_url("sqlite:///db.sqlite3", base_dir=Path("/app"))
    assert config["NAME"] == "/app/db.sqlite3"


def test_database_url_with_an_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfiguredEnv, match="mysql"):
        database_from_url("mysql://x/y", base_dir=Path("/app"))


def test_email_url_for_smtp_with_tls():
    config = email_from_url("smtp+tls://mailer:secret@smtp.example:2525")
    assert config["EMAIL_HOST"] == "smtp.example"
    assert config["EMAIL_PORT"] == 2525
    assert config["EMAIL_USE_TLS"] is True
    assert config["EMAIL_HOST_USER"] == "mailer"


def test_production_settings_refuse_a_missing_secret(tmp_path):
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "portal.settings", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "command, succeeds",
    [
        (["makemigrations", "--check", "--dry-run"], True),  # reads the code only: no secret needed
        (["migrate", "--plan"], False),  # touches data: production settings refuse a missing secret
    ],
)
def test_only_commands_that_read_the_code_run_without_a_secret(tmp_path, command, succeeds):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/db"}
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode == 0) is succeeds, result.stderr[-2000:]
    if not succeeds:
        assert "SECRET_KEY must be set" in result.stderr


def test_the_commands_without_secrets_are_recognised_only_through_manage_py():
    from portal.env import running_command_without_secrets

    assert running_command_without_secrets(["/srv/portal/manage.py", "makemigrations"])
    assert not running_command_without_secrets(["/srv/portal/manage.py", "runserver"])
    assert not running_command_without_secrets(["gunicorn", "makemigrations"])
    assert not running_command_without_secrets(["manage.py"])
