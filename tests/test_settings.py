from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.errors import ConfigError
from bot.settings import Settings, read_dotenv


def test_defaults_need_no_environment():
    settings = Settings.from_env({})
    assert settings.mode == "polling"
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.api_base_url == "https://api.telegram.org/bot"


def test_ids_and_paths_are_parsed(tmp_path):
    settings = Settings.from_env(
        {"BRIEFBOT_TEAM": "1, 2,-100123", "BRIEFBOT_ADMINS": "1", "BRIEFBOT_SEEDS": str(tmp_path)}
    )
    assert settings.team == {1, 2, -100123}
    assert settings.admins == {1}
    assert settings.seeds == tmp_path


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"BRIEFBOT_TEAM": "alice"}, "BRIEFBOT_TEAM"),
        ({"BRIEFBOT_PORT": "http"}, "BRIEFBOT_PORT"),
        ({"BRIEFBOT_PORT": "70000"}, "BRIEFBOT_PORT"),
        ({"BRIEFBOT_MODE": "push"}, "BRIEFBOT_MODE"),
        ({"BRIEFBOT_WATCH_SECONDS": "5s"}, "BRIEFBOT_WATCH_SECONDS"),
        ({"BRIEFBOT_WATCH_SECONDS": "-1"}, "BRIEFBOT_WATCH_SECONDS"),
        ({"BRIEFBOT_CONFLICT_WAIT": "soon"}, "BRIEFBOT_CONFLICT_WAIT"),
    ],
)
def test_malformed_setting_is_named(env, named):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(env)


@pytest.mark.parametrize("name", ["BRIEFBOT_SEEDS", "BRIEFBOT_KNOWLEDGE"])
def test_a_folder_setting_that_names_a_file_is_named(tmp_path, name):
    file = tmp_path / "facts.yaml"
    file.write_text("schema: 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"^{name}: {file} is a file, not a folder$"):
        Settings.from_env({name: str(file)})
    assert Settings.from_env({name: str(tmp_path / "not yet made")})  # compile creates it


def test_the_cli_reads_folder_settings_through_settings_only(tmp_path):
    file = tmp_path / "facts.yaml"
    file.write_text("schema: 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check"], env={"BRIEFBOT_KNOWLEDGE": str(file)})
    assert result.exit_code == 1
    assert result.stderr == f"briefbot: BRIEFBOT_KNOWLEDGE: {file} is a file, not a folder\n"


def test_watch_interval_defaults_to_five_seconds_and_zero_disables():
    assert Settings.from_env({}).watch_seconds == 5
    assert Settings.from_env({"BRIEFBOT_WATCH_SECONDS": "0"}).watch_seconds == 0
    assert Settings.from_env({"BRIEFBOT_WATCH_SECONDS": " 12 "}).watch_seconds == 12
    assert Settings.from_env({}).conflict_wait == 30
    assert Settings.from_env({"BRIEFBOT_CONFLICT_WAIT": "0"}).conflict_wait == 0


def test_bot_requirements_name_the_missing_setting():
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        Settings.from_env({}).require_bot()
    webhook = Settings.from_env(
        {"TELEGRAM_BOT_TOKEN": "1:abc", "BRIEFBOT_TEAM": "1", "BRIEFBOT_MODE": "webhook"}
    )
    with pytest.raises(ConfigError, match="BRIEFBOT_WEBHOOK_URL"):
        webhook.require_bot()


def test_token_is_not_in_repr():
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:secret-token"})
    assert "secret-token" not in repr(settings)


def test_dotenv_is_read_and_environment_wins(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("# comment\nBRIEFBOT_PORT=9000\nexport BRIEFBOT_MODE='webhook'\n")
    assert read_dotenv(dotenv) == {"BRIEFBOT_PORT": "9000", "BRIEFBOT_MODE": "webhook"}
    settings = Settings.from_env({"BRIEFBOT_PORT": "9001"}, dotenv=dotenv)
    assert (settings.port, settings.mode) == (9001, "webhook")


def test_dotenv_inline_comments_read_as_docker_compose_reads_them(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        'TELEGRAM_BOT_TOKEN="12:abc" # from BotFather\n'
        "BRIEFBOT_TEAM=1,2 # the team\n"
        "BRIEFBOT_WEBHOOK_URL=https://example.org/hook#frag\n"
        "BRIEFBOT_MODE='polling'\n"
    )
    assert read_dotenv(dotenv) == {
        "TELEGRAM_BOT_TOKEN": "12:abc",
        "BRIEFBOT_TEAM": "1,2",
        "BRIEFBOT_WEBHOOK_URL": "https://example.org/hook#frag",
        "BRIEFBOT_MODE": "polling",
    }


def test_dotenv_saved_by_notepad_reads_its_first_variable(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_bytes(b"\xef\xbb\xbfTELEGRAM_BOT_TOKEN=12:abc\r\nBRIEFBOT_TEAM=1\r\n")
    assert read_dotenv(dotenv) == {"TELEGRAM_BOT_TOKEN": "12:abc", "BRIEFBOT_TEAM": "1"}


@pytest.mark.parametrize("content", [b"BRIEFBOT_TEAM=caf\xe9\n", None])
def test_unreadable_dotenv_is_one_config_error(tmp_path: Path, content):
    dotenv = tmp_path / ".env"
    if content is None:
        dotenv.mkdir()  # a volume mounted at the wrong place
    else:
        dotenv.write_bytes(content)
    with pytest.raises(ConfigError, match=r"\.env: (not UTF-8|cannot read)"):
        read_dotenv(dotenv)


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"TELEGRAM_API_BASE_URL": "api.telegram.org/bot"}, "TELEGRAM_API_BASE_URL"),
        (
            {
                "BRIEFBOT_MODE": "webhook",
                "BRIEFBOT_WEBHOOK_URL": "https://example.org/hook",
                "BRIEFBOT_WEBHOOK_SECRET": "has spaces and a $",
            },
            "BRIEFBOT_WEBHOOK_SECRET",
        ),
    ],
)
def test_bot_settings_telegram_would_refuse_are_named(env, named):
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "1:abc", "BRIEFBOT_TEAM": "1", **env})
    with pytest.raises(ConfigError, match=named):
        settings.require_bot()


def test_a_final_newline_from_a_secret_file_is_not_part_of_the_value():
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": "123:abc\n",
            "BRIEFBOT_TEAM": "1",
            "BRIEFBOT_MODE": "webhook",
            "BRIEFBOT_WEBHOOK_URL": " https://example.org/hook\n",
            "BRIEFBOT_WEBHOOK_SECRET": "s3cret\n",
        }
    )
    settings.require_bot()
    assert (settings.token, settings.webhook_secret) == ("123:abc", "s3cret")
    assert settings.webhook_url == "https://example.org/hook"


def test_the_host_is_read_without_the_whitespace_around_it():
    assert Settings.from_env({"BRIEFBOT_HOST": "0.0.0.0\n"}).host == "0.0.0.0"  # a ConfigMap file
    assert Settings.from_env({"BRIEFBOT_HOST": " "}).host == "127.0.0.1"
