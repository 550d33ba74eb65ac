"""Admin commands: /reload, /stats, and documents sent to the bot."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from html import escape

from telegram import Document, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.errors import BriefbotError, IngestError
from bot.knowledge import Knowledge, ReloadResult
from bot.render_html import MESSAGE_LIMIT, line_blocks, paginate
from bot.telegram import ingest
from bot.telegram.replying import (
    NO_PREVIEW,
    Context,
    delivered,
    reply_to,
    services_of,
    user_id_of,
)
from bot.telegram.services import Services

log = logging.getLogger("briefbot.telegram")


async def on_reload(update: Update, context: Context) -> None:
    services = services_of(context)
    message = update.message
    if message is None or not await require_admin(update, services):
        return
    started = time.perf_counter()
    try:
        result = await asyncio.to_thread(_reload_between_uploads, services.knowledge)
    except Exception:
        services.metrics.reloads["failed"] += 1
        raise
    services.metrics.reloads["ok" if result.ok else "refused"] += 1
    await asyncio.to_thread(
        services.audit.record,
        "reload",
        user_id=user_id_of(update),
        chat_id=message.chat.id,
        text=result.summary,
        reply_kind="ok" if result.ok else "refused",
    )
    await reply_lines(message, result.lines())
    delivered(services, started)


def _reload_between_uploads(knowledge: Knowledge) -> ReloadResult:
    """Not while an upload is saved and checked: its document, quarantined a moment later,
    would have this reload refused."""
    with knowledge.uploads:
        return knowledge.reload()


async def on_stats(update: Update, context: Context) -> None:
    services = services_of(context)
    message = update.message
    if message is None or not await require_admin(update, services):
        return
    stats = await asyncio.to_thread(services.audit.stats)
    knowledge = services.knowledge
    counts = knowledge.counts()
    state = f"version {knowledge.version}" if knowledge.loaded else "NOT LOADED"
    lines = [
        f"Fact base: {state}; " + ", ".join(f"{v} {k}" for k, v in counts.items()),
        *stats.lines(),
        f"Since start: {sum(services.metrics.updates.values())} updates, "
        f"{services.metrics.replies} replies, {services.metrics.errors} errors",
    ]
    await reply_lines(message, lines)


async def on_document(update: Update, context: Context) -> None:
    services = services_of(context)
    message = update.message
    if message is None or message.document is None or not await require_admin(update, services):
        return
    document = message.document
    settings = services.settings
    started = time.perf_counter()
    try:
        ingest.safe_name(document.file_name)
        ingest.check_size(document.file_size, settings.max_upload_bytes)
        data = await _download(document)
        outcome = await asyncio.to_thread(
            ingest.ingest,
            services.knowledge,
            document.file_name,
            data,
            max_bytes=settings.max_upload_bytes,
        )
    except BriefbotError as exc:
        await reply_to(message, f"Document refused: {exc}")
        return
    if outcome.reload is not None:
        services.metrics.reloads["ok" if outcome.reload.ok else "refused"] += 1
    await asyncio.to_thread(
        services.audit.record,
        "upload",
        user_id=user_id_of(update),
        chat_id=message.chat.id,
        text=outcome.saved.path.name,
        reply_kind=outcome.kind,
    )
    await reply_lines(message, outcome.lines(settings.seeds))
    delivered(services, started)


async def _download(document: Document) -> bytes:
    """The document's bytes; Telegram's refusal (over 20 MB, a file gone) as an IngestError."""
    try:
        file = await document.get_file()
        return bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("downloading %r failed: %s", document.file_name, exc)
        raise IngestError(f"Telegram did not hand the file over ({exc})") from None


async def require_admin(update: Update, services: Services) -> bool:
    if services.access.is_admin(user_id_of(update)):
        return True
    if update.message is not None:
        await reply_to(update.message, "Only admins can do that.")
    return False


async def reply_lines(message: Message, lines: Sequence[str]) -> None:
    """Plain report lines, escaped, one message per 4,096 units."""
    blocks = line_blocks([escape(line) for line in lines], MESSAGE_LIMIT)
    for page in paginate(blocks):
        await reply_to(message, page, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW)
