"""deploy/compose.yaml and its example env file."""

from __future__ import annotations

import re

import yaml
from deploy_support import COMPOSE, DEPLOY, ENV_EXAMPLE, REPO, TOKEN_PATTERN, read_dockerfile

import bot
from bot.settings import Settings, read_dotenv

SETTINGS_SOURCE = REPO / "bot" / "settings.py"


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def service() -> dict:
    return compose()["services"]["briefbot"]


def test_compose_builds_this_repository_with_the_deploy_dockerfile():
    build = service()["build"]
    context = (DEPLOY / build["context"]).resolve()
    assert context == REPO
    assert (context / build["dockerfile"]).resolve() == DEPLOY / "Dockerfile"


def test_named_volume_holds_data_where_the_image_declares_it():
    assert set(compose()["volumes"]) == {"briefbot-data"}
    assert "briefbot-data:/data" in service()["volumes"]
    assert read_dockerfile().final.last("VOLUME").exec_form() == ["/data"]


def test_settings_come_from_a_git_ignored_env_file_and_no_secret_is_inline():
    assert service()["env_file"] == "briefbot.env"
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "deploy/briefbot.env" in ignored
    inline = service().get("environment", {})
    assert not {name for name in inline if re.search(r"TOKEN|SECRET", name)}
    assert not TOKEN_PATTERN.search(COMPOSE.read_text(encoding="utf-8"))


def test_compose_runs_one_hardened_polling_instance():
    svc = service()
    assert svc.get("deploy", {}).get("replicas", 1) == 1, "polling allows one instance per token"
    assert svc["read_only"] is True and "/tmp" in svc["tmpfs"]
    assert svc["image"].endswith(":" + bot.__version__)
    # Published only on loopback: /metrics is not for the internet.
    assert all(port.startswith("127.0.0.1:") for port in svc["ports"])


def known_settings() -> set[str]:
    return set(re.findall(r"\"((?:TELEGRAM|BRIEFBOT)_[A-Z_]+)\"", SETTINGS_SOURCE.read_text()))


def test_example_env_file_names_real_settings_and_holds_no_secret():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    active = read_dotenv(ENV_EXAMPLE)
    commented = set(re.findall(r"^#\s*([A-Z_]+)=", text, flags=re.MULTILINE))
    assert set(active) | commented <= known_settings()
    assert {"TELEGRAM_BOT_TOKEN", "BRIEFBOT_TEAM", "BRIEFBOT_ADMINS", "BRIEFBOT_MODE"} <= set(
        active
    )
    assert active["TELEGRAM_BOT_TOKEN"] == ""
    assert not TOKEN_PATTERN.search(text)
    # The filled-in file must parse into settings, so only the blanks are left to fill.
    settings = Settings.from_env({}, dotenv=ENV_EXAMPLE)
    assert settings.mode == "polling"
