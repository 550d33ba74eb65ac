"""Translate Telegram updates into engine calls and replies; nothing else lives here.

A gate in handler group -1 runs first for every update: it counts it, ignores group chatter
not addressed to the bot, refuses strangers once, and applies the per-user rate limit.
Engine calls and audit writes run in worker threads so the event loop keeps serving while
a question is answered or a reload compiles.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape
from typing import Any, TypeVar

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.errors import BriefbotError
from bot.render_html import citations, paginate, render_citation, render_html
from bot.reply import Reply
from bot.telegram import ingest
from bot.telegram.access import REFUSAL
from bot.telegram.services import Services

log = logging.getLogger("briefbot.telegram")
T = TypeVar("T")

Context = ContextTypes.DEFAULT_TYPE
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
EXCERPT_BUTTONS = 8
INLINE_RESULTS = 10

TEAM_COMMANDS = (
    ("brief", "Briefing on a topic: /brief TOPIC"),
    ("who", "Profile of a person or group: /who NAME"),
    ("timeline", "Dated facts in order: /timeline [TOPIC|YEAR]"),
    ("quote", "What someone said: /quote NAME"),
    ("search", "Excerpts matching words: /search TEXT"),
    ("sources", "The documents I know"),
    ("help", "What I know and how to ask"),
)
ADMIN_COMMANDS = (
    ("reload", "Recompile the seeds and swap the fact base in"),
    ("stats", "Usage statistics"),
)


def register(application: Application, services: Services) -> None:
    application.bot_data["services"] = services
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handler(CommandHandler(["start", "help"], on_help))
    application.add_handler(CommandHandler("reload", on_reload))
    application.add_handler(CommandHandler("stats", on_stats))
    application.add_handler(MessageHandler(filters.Document.ALL, on_document))
    application.add_handler(MessageHandler(filters.TEXT, on_text))
    application.add_handler(MessageHandler(filters.ALL, on_other))
    application.add_handler(CallbackQueryHandler(on_callback))
    application.add_handler(InlineQueryHandler(on_inline))
    application.add_error_handler(on_error)


async def publish_commands(application: Application) -> None:
    """The command menu: team commands for everyone, plus admin ones in each admin's chat."""
    bot = application.bot
    team = [BotCommand(name, text) for name, text in TEAM_COMMANDS]
    await bot.set_my_commands(team, scope=BotCommandScopeDefault())
    admin = team + [BotCommand(name, text) for name, text in ADMIN_COMMANDS]
    for admin_id in sorted(services_of(application).settings.admins):
        try:
            await bot.set_my_commands(admin, scope=BotCommandScopeChat(admin_id))
        except BadRequest as exc:  # the admin has not opened a chat with the bot yet
            log.info("admin menu for %s not set: %s", admin_id, exc)


def services_of(holder: Context | Application) -> Services:
    services: Services = holder.bot_data["services"]
    return services


# --- the gate ----------------------------------------------------------------------------


async def gate(update: Update, context: Context) -> None:
    services = services_of(context)
    services.metrics.updates[_kind(update)] += 1
    user = update.effective_user
    chat = update.effective_chat
    message = update.message
    if message is not None and not addressed(message, context.bot.id, context.bot.username):
        raise ApplicationHandlerStop
    if message is None and update.callback_query is None and update.inline_query is None:
        raise ApplicationHandlerStop  # edits, channel posts, joins: nothing to answer
    user_id = user.id if user else None
    if not services.access.allowed(user_id, chat.id if chat else None):
        await _refuse(update, services, user_id)
        raise ApplicationHandlerStop
    if update.callback_query is None and user_id is not None:
        wait = services.limiter.take(user_id)
        if wait:
            services.metrics.rate_limited += 1
            await asyncio.to_thread(
                services.audit.record,
                "rate_limited",
                user_id=user_id,
                chat_id=chat.id if chat else None,
                text=_text_of(update),
            )
            if message is not None and services.limiter.should_warn(user_id):
                await _reply(message, services.limiter.message(wait))
            elif update.inline_query is not None:
                await update.inline_query.answer([], cache_time=0, is_personal=True)
            raise ApplicationHandlerStop


def addressed(message: Message, bot_id: int, username: str | None) -> bool:
    """In a private chat, everything; in a group, commands, mentions and replies to the bot."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    name = (username or "").lower()
    entities = {**message.parse_entities(), **message.parse_caption_entities()}
    for entity, text in entities.items():
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            _, _, target = text.partition("@")
            return not target or target.lower() == name
        if entity.type == MessageEntity.MENTION and text[1:].lower() == name:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


async def _refuse(update: Update, services: Services, user_id: int | None) -> None:
    if update.inline_query is not None:
        await update.inline_query.answer([], cache_time=0, is_personal=True)
        return
    if update.callback_query is not None:
        await update.callback_query.answer("This bot answers its team only.")
        return
    if update.message is None or not services.access.first_refusal(user_id):
        return
    services.metrics.refusals += 1
    chat = update.effective_chat
    await asyncio.to_thread(
        services.audit.record,
        "refused",
        user_id=user_id,
        chat_id=chat.id if chat else None,
        chat_type=chat.type if chat else None,
        text=_text_of(update),
    )
    await _reply(update.message, REFUSAL.format(user_id=user_id))


# --- questions and commands --------------------------------------------------------------


async def on_text(update: Update, context: Context) -> None:
    message = update.message
    if message is None or message.text is None:
        return
    text = _strip_mention(message, context.bot.username)
    if text.startswith("/"):
        command, _, rest = text.partition(" ")
        name, _, target = command.partition("@")
        if target and target.lower() != (context.bot.username or "").lower():
            return  # a command for another bot
        text = f"{name} {rest}".strip()
    await answer(update, context, text, "command" if text.startswith("/") else "question")


async def on_other(update: Update, context: Context) -> None:
    """Photos, stickers, voice...: say what the bot reads instead of staying silent."""
    if update.message is not None:
        await _reply(
            update.message, "I read questions as text, and documents from admins. Try /help."
        )


async def answer(update: Update, context: Context, text: str, event: str) -> None:
    services = services_of(context)
    message = update.message
    assert message is not None
    started = time.perf_counter()
    reply = await _in_engine(services, _answer_and_audit, services, update, text, event)
    await send_reply(message, services, reply)
    _delivered(services, started)


def _answer_and_audit(services: Services, update: Update, text: str, event: str) -> Reply:
    started = time.perf_counter()
    reply = services.knowledge.answer(text)
    elapsed_ms = (time.perf_counter() - started) * 1000
    chat = update.effective_chat
    user = update.effective_user
    services.audit.record(
        event,
        user_id=user.id if user else None,
        chat_id=chat.id if chat else None,
        chat_type=chat.type if chat else None,
        text=text,
        reply_kind=reply.kind,
        fact_ids=[c.fact_id for c in citations(reply)],
        elapsed_ms=elapsed_ms,
    )
    return reply


async def send_reply(message: Message, services: Services, reply: Reply) -> Message:
    pages = render_html(reply)
    shown = citations(reply)
    key = services.pages.put(pages, shown) if len(pages) > 1 or shown else ""
    return await _reply(
        message,
        pages[0],
        parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW,
        reply_markup=keyboard(key, 0, len(pages), len(shown)),
    )


def keyboard(key: str, page: int, pages: int, shown: int) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(InlineKeyboardButton("‹ Back", callback_data=f"p:{key}:{page - 1}"))
        nav.append(InlineKeyboardButton(f"{page + 1}/{pages}", callback_data="noop"))
        if page < pages - 1:
            nav.append(InlineKeyboardButton("More ›", callback_data=f"p:{key}:{page + 1}"))
        rows.append(nav)
    buttons = [
        InlineKeyboardButton(f"Excerpt {i + 1}", callback_data=f"x:{key}:{i}")
        for i in range(min(shown, EXCERPT_BUTTONS))
    ]
    rows += [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    return InlineKeyboardMarkup(rows) if rows else None


async def on_help(update: Update, context: Context) -> None:
    services = services_of(context)
    message = update.message
    if message is None:
        return
    started = time.perf_counter()
    reply = await _in_engine(services, _help_reply, services, update)
    await send_reply(message, services, reply)
    _delivered(services, started)


def _help_reply(services: Services, update: Update) -> Reply:
    """What the bot knows (sources, counts) and how to ask (the engine's own examples)."""
    knowledge = services.knowledge
    help_reply = _answer_and_audit(services, update, "/help", "command")
    if not knowledge.loaded:
        return help_reply
    counts = knowledge.counts()
    sources = knowledge.answer("/sources")
    notice = (
        f"I brief the team from {counts['sources']} sources: {counts['facts']} facts about "
        f"{counts['entities']} people, groups and places, each quoted word for word "
        "with its source."
    )
    # The engine's own notice restates the counts; ours says the same with the sources named.
    rows = tuple(f"Source: {row}" for row in sources.rows) + help_reply.rows
    return replace(help_reply, title=help_reply.title or "What I know", notice=notice, rows=rows)


# --- admin -------------------------------------------------------------------------------


async def on_reload(update: Update, context: Context) -> None:
    services = services_of(context)
    message = update.message
    if message is None or not await _require_admin(update, services):
        return
    started = time.perf_counter()
    try:
        result = await asyncio.to_thread(services.knowledge.reload)
    except Exception:
        services.metrics.reloads["failed"] += 1
        raise
    services.metrics.reloads["ok" if result.ok else "refused"] += 1
    await asyncio.to_thread(
        services.audit.record,
        "reload",
        user_id=_user_id(update),
        chat_id=message.chat.id,
        text=result.summary,
        reply_kind="ok" if result.ok else "refused",
    )
    await _reply_lines(message, result.lines())
    _delivered(services, started)


async def on_stats(update: Update, context: Context) -> None:
    services = services_of(context)
    message = update.message
    if message is None or not await _require_admin(update, services):
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
    await _reply_lines(message, lines)


async def on_document(update: Update, context: Context) -> None:
    services = services_of(context)
    message = update.message
    if message is None or message.document is None or not await _require_admin(update, services):
        return
    document = message.document
    settings = services.settings
    started = time.perf_counter()
    try:
        ingest.safe_name(document.file_name)
        ingest.check_size(document.file_size, settings.max_upload_bytes)
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
        outcome = await asyncio.to_thread(
            ingest.ingest,
            services.knowledge,
            document.file_name,
            data,
            max_bytes=settings.max_upload_bytes,
        )
    except BriefbotError as exc:
        await _reply(message, f"Document refused: {exc}")
        return
    if outcome.reload is not None:
        services.metrics.reloads["ok" if outcome.reload.ok else "refused"] += 1
    await asyncio.to_thread(
        services.audit.record,
        "upload",
        user_id=_user_id(update),
        chat_id=message.chat.id,
        text=outcome.saved.path.name,
        reply_kind="quarantined" if outcome.quarantined else "saved",
    )
    await _reply_lines(message, outcome.lines(settings.seeds))
    _delivered(services, started)


async def _require_admin(update: Update, services: Services) -> bool:
    if services.access.is_admin(_user_id(update)):
        return True
    if update.message is not None:
        await _reply(update.message, "Only admins can do that.")
    return False


async def _reply_lines(message: Message, lines: Sequence[str]) -> None:
    blocks = [escape(line) for line in lines]
    for page in paginate(blocks):
        await _reply(message, page, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW)


# --- buttons and inline mode -------------------------------------------------------------


async def on_callback(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    services = services_of(context)
    kind, _, rest = (query.data or "").partition(":")
    key, _, number = rest.partition(":")
    paged = services.pages.get(key) if key else None
    if kind not in ("p", "x") or not number.isdigit():
        await query.answer()
        return
    if paged is None:
        await query.answer("This answer has expired; please ask again.", show_alert=True)
        return
    index = int(number)
    if kind == "p" and index < len(paged.pages):
        await query.answer()
        try:
            await query.edit_message_text(
                paged.pages[index],
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=keyboard(key, index, len(paged.pages), len(paged.citations)),
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():  # a double tap on the same page
                raise
        return
    if kind == "x" and index < len(paged.citations):
        await query.answer()
        started = time.perf_counter()
        target = query.message
        for page in render_citation(paged.citations[index], index + 1):
            if isinstance(target, Message):
                await _reply(
                    target, page, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                )
            elif query.from_user:
                await context.bot.send_message(query.from_user.id, page, parse_mode=ParseMode.HTML)
        _delivered(services, started)
        return
    await query.answer()


async def on_inline(update: Update, context: Context) -> None:
    inline = update.inline_query
    if inline is None:
        return
    services = services_of(context)
    text = inline.query.strip()
    if not text:
        await inline.answer([], cache_time=0, is_personal=True)
        return
    started = time.perf_counter()
    reply = await _in_engine(services, _answer_and_audit, services, update, text, "inline")
    results = []
    unique = {c.fact_id: c for c in citations(reply)}  # Telegram refuses repeated result ids
    for citation in list(unique.values())[:INLINE_RESULTS]:
        page = render_citation(citation)[0]
        results.append(
            InlineQueryResultArticle(
                id=hashlib.sha1(citation.fact_id.encode()).hexdigest()[:32],
                title=_clip(" ".join(citation.excerpt.split()), 100),
                description=citation.source_title,
                input_message_content=InputTextMessageContent(
                    page, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                ),
            )
        )
    await inline.answer(results, cache_time=0, is_personal=True)
    _delivered(services, started)


# --- errors ------------------------------------------------------------------------------


async def on_error(update: object, context: Context) -> None:
    """Log each failure once, with the update it broke; apologise when we still can."""
    services = services_of(context)
    services.metrics.errors += 1
    error = context.error
    log.error("handling %s failed: %s", describe(update), _describe_error(error), exc_info=error)
    if (
        isinstance(update, Update)
        and update.message is not None
        and not isinstance(error, TelegramError)
    ):
        with contextlib.suppress(TelegramError):  # already logged above; do not fail twice
            await _reply(
                update.message, "Sorry, something went wrong on my side; it has been logged."
            )


def describe(update: object) -> str:
    if not isinstance(update, Update):
        return "a background task" if update is None else type(update).__name__
    chat = update.effective_chat
    user = update.effective_user
    return (
        f"update {update.update_id} ({_kind(update)}, chat {chat.id if chat else '-'}, "
        f"user {user.id if user else '-'})"
    )


def _describe_error(error: BaseException | None) -> str:
    return "unknown error" if error is None else f"{type(error).__name__}: {error}"


# --- small helpers -----------------------------------------------------------------------


async def _in_engine(services: Services, function: Callable[..., T], *args: Any) -> T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(services.engine_pool, function, *args)


def _delivered(services: Services, started: float) -> None:
    services.metrics.replies += 1
    services.metrics.reply_latency.observe(time.perf_counter() - started)


def _kind(update: Update) -> str:
    if update.message is not None:
        return "document" if update.message.document else "message"
    if update.callback_query is not None:
        return "callback_query"
    if update.inline_query is not None:
        return "inline_query"
    return "other"


def _user_id(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def _text_of(update: Update) -> str:
    if update.message is not None:
        return update.message.text or update.message.caption or ""
    if update.inline_query is not None:
        return update.inline_query.query
    return ""


def _strip_mention(message: Message, username: str | None) -> str:
    """The question without the @botname that addressed it."""
    text = message.text or ""
    if username:
        for value in message.parse_entities([MessageEntity.MENTION]).values():
            if value[1:].lower() == username.lower():
                text = text.replace(value, " ", 1)
    return " ".join(text.split())


async def _reply(message: Message, text: str, **kwargs: Any) -> Message:
    """Answer as a reply to the message asked, so concurrent answers stay attributable."""
    return await message.reply_text(
        text,
        reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
        **kwargs,
    )


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
