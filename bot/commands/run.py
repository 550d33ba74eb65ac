"""`briefbot run`: serve the fact base on Telegram until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging

from bot.cli import State, cli, fail, pass_state, path_options
from bot.errors import BriefbotError
from bot.telegram.redact import TokenRedactor, install_token_redaction

log = logging.getLogger("briefbot.run")


@cli.command("run")
@path_options
@pass_state
def command(state: State) -> None:
    """Serve the team on Telegram (polling, or webhook with BRIEFBOT_MODE=webhook).

    Configuration comes from the environment and an optional .env: TELEGRAM_BOT_TOKEN,
    BRIEFBOT_TEAM, BRIEFBOT_ADMINS, BRIEFBOT_MODE, BRIEFBOT_HOST/PORT, BRIEFBOT_WEBHOOK_URL/SECRET.
    Exit status 3: another instance polls with this token (after BRIEFBOT_CONFLICT_WAIT s).
    """
    try:
        settings = state.settings
        settings.require_bot()
    except BriefbotError as err:
        fail(err)
    install_token_redaction(settings.token, settings.webhook_secret)
    from bot.telegram.runner import serve  # noqa: PLC0415 - Telegram's imports only to serve

    try:
        asyncio.run(serve(settings))
    except BriefbotError as err:
        # Messages come from Telegram and httpx too; never let one carry the token out.
        redacted = TokenRedactor(settings.token, settings.webhook_secret).redact(str(err))
        fail(BriefbotError(redacted), getattr(err, "exit_status", 1))
    except Exception:
        # A bug: log it through logging, whose filter masks the token, rather than letting
        # Python print a raw traceback that could carry it.
        log.exception("briefbot run stopped by an unexpected error")
        fail(BriefbotError("stopped by an unexpected error (logged above)"))
