"""Job config: validation with key names and lines, paths relative to the file, init, schedule."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefer.config import check_config, load_config
from briefer.config_example import EXAMPLE_CONFIG, write_example
from briefer.errors import ConfigError, UsageError
from briefer.schedule import cron_line, parse_time

MINIMAL = """\
[brief]
sources = ["articles/", "https://news.example.org/feed.rss", "more/*.txt"]
output_dir = "out"
formats = ["json"]
"""

EMAIL = """
[email]
to = ["a@example.org"]
from = "Briefer <b@example.org>"
host = "smtp.example.org"
"""


def _write(folder: Path, text: str, name: str = "job.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, text))
    return str(caught.value)


def test_paths_are_relative_to_the_config_file(tmp_path, monkeypatch) -> None:
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    path = _write(jobs, MINIMAL + '[log]\nfile = "logs/run.log"\n')
    monkeypatch.chdir("/")
    config = load_config(path)
    assert config.path == path
    assert config.brief.sources == (
        str(jobs / "articles"),
        "https://news.example.org/feed.rss",
        str(jobs / "more/*.txt"),
    )
    assert config.brief.output_dir == jobs / "out"
    assert config.log_file == jobs / "logs/run.log"
    assert config.state_path.parent == config.lock_path.parent == jobs / "out"
    assert config.email is None and config.brief.only_new is False


def test_relative_config_path_is_made_absolute(tmp_path, monkeypatch) -> None:
    _write(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    config = load_config("job.toml")
    assert config.path.is_absolute() and config.brief.output_dir == tmp_path / "out"


def test_email_defaults_and_attachments_are_written_too(tmp_path) -> None:
    config = load_config(_write(tmp_path, MINIMAL + EMAIL + 'attach = ["pdf", "docx"]\n'))
    assert config.email is not None
    assert (config.email.port, config.email.starttls, config.email.ssl) == (587, True, False)
    assert config.brief.options.formats == ("json", "pdf", "docx")
    ssl_config = load_config(_write(tmp_path, MINIMAL + EMAIL + "ssl = true\n"))
    assert ssl_config.email and (ssl_config.email.port, ssl_config.email.starttls) == (465, False)


def test_example_config_is_valid(tmp_path) -> None:
    path = write_example(tmp_path / "briefer.toml")
    config = load_config(path)
    assert config.email is not None and config.email.password_env == "BRIEFER_SMTP_PASSWORD"
    assert config.brief.only_new and config.brief.keep_days == 30
    assert path.read_text(encoding="utf-8") == EXAMPLE_CONFIG
    with pytest.raises(ConfigError, match="already exists"):
        write_example(path)
    write_example(path, force=True)


def test_unknown_key_names_key_and_line(tmp_path) -> None:
    message = _error(tmp_path, MINIMAL + EMAIL + "hots = 'typo'\n")
    assert "job.toml:10: [email] hots: unknown key" in message
    assert "host" in message  # the allowed keys are listed
    assert "job.toml:2: [brief] titel: unknown key" in _error(
        tmp_path, "[brief]\ntitel = 'x'\nsources=['a']"
    )
    assert "unknown key" in _error(tmp_path, MINIMAL + "[extra]\nx = 1\n")


@pytest.mark.parametrize(
    ("addition", "expected"),
    [
        ('port = "587"', ":10: [email] port: must be a whole number, not a string"),
        ("port = 70000", "[email] port: must be at most 65535"),
        ("ssl = true\nstarttls = true", "choose starttls or ssl"),
        ('subject = "{title} {when}"', "[email] subject: unknown field {when}"),
        ('password_env = "hunter2!"', "must be the NAME of an environment variable"),
        ('username_env = "U"', "username_env and password_env go together"),
        (
            'username_env = "U"\npassword_env = "P"\nstarttls = false',
            "credentials need starttls or ssl",
        ),
        ('attach = ["pdf", "odt"]', "[email] attach: unknown format 'odt'"),
        ('ca_file = "nope.pem"', "[email] ca_file: file not found"),
        ("timeout = 0", "[email] timeout: must be at least 0.1"),
    ],
)
def test_bad_email_values(tmp_path, addition, expected) -> None:
    assert expected in _error(tmp_path, MINIMAL + EMAIL + addition + "\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[brief]\noutput_dir = 'x'\n", "[brief] sources is required"),
        ("[brief]\nsources = []\n", "[brief] sources: must not be empty"),
        ("[brief]\nsources = ['-']\n", "standard input"),
        ("[brief]\nsources = ['a']\nsentences = 0\n", ":3: [brief] sentences: must be at least 1"),
        ("[brief]\nsources = ['a']\nsentences = 2\nwords = 50\n", "not both"),
        ("[brief]\nsources = ['a']\nformats = ['pdf', 'odt']\n", "[brief] formats: unknown format"),
        ("[brief]\nsources = ['a']\nmethod = 'magic'\n", "[brief] method: unknown method 'magic'"),
        ("[brief]\nsources = ['a']\nonly_new = 'yes'\n", "[brief] only_new: must be true or false"),
        ("[brief]\nsources = ['a']\nname = '../x'\n", "[brief] name: must be a plain file stem"),
        ("[brief]\nsources = ['a']\n[log]\nlevel = 'loud'\n", "[log] level: must be one of"),
        ("[email]\nto = ['a@b.org']\n", "[brief] is required"),
        ("[brief]\nsources = ['a'\n", "invalid TOML"),
    ],
)
def test_bad_brief_values(tmp_path, text, expected) -> None:
    assert expected in _error(tmp_path, text)


def test_bad_address_and_missing_file(tmp_path) -> None:
    assert "[email] to: not an email address: 'nobody'" in _error(
        tmp_path, MINIMAL + EMAIL.replace("a@example.org", "nobody")
    )
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "missing.toml")


def test_check_warns_about_missing_sources_and_variables(tmp_path) -> None:
    (tmp_path / "articles").mkdir()
    text = (
        MINIMAL + EMAIL + 'username_env = "BRIEFER_TEST_NO_USER"\n'
        'password_env = "BRIEFER_TEST_NO_PASS"\n'
    )
    warnings = check_config(load_config(_write(tmp_path, text)))
    assert any("more/*.txt" in w for w in warnings)
    assert not any(w.endswith("articles") for w in warnings)
    assert any("BRIEFER_TEST_NO_PASS" in w for w in warnings)


def test_cron_line_uses_absolute_paths(tmp_path) -> None:
    config = load_config(_write(tmp_path, MINIMAL))
    line = cron_line(config, "06:05", "1-5")
    fields = line.split()
    assert fields[:5] == ["5", "6", "*", "*", "1-5"]
    assert Path(fields[5]).is_absolute() and fields[5].startswith(str(Path(sys.executable).parent))
    assert f"run --config {tmp_path / 'job.toml'}" in line
    assert line.endswith(f">> {tmp_path / 'out' / 'briefer.log'} 2>&1")


def test_cron_line_escapes_percent_and_uses_the_log_folder(tmp_path) -> None:
    folder = tmp_path / "100%"
    folder.mkdir()
    config = load_config(_write(folder, MINIMAL + '[log]\nfile = "logs/job.log"\n'))
    line = cron_line(config, "23:59")
    assert "100\\%" in line and "100%" not in line.replace("100\\%", "")
    assert " -q run " in line and "briefer-cron.log" in line


@pytest.mark.parametrize("bad", ["6", "24:00", "06:60", "six", "06:00:00"])
def test_bad_times(bad) -> None:
    with pytest.raises(UsageError, match="--at"):
        parse_time(bad)
