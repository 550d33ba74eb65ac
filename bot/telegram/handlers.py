"""Translate Telegram updates into engine calls and replies; nothing else lives here.

This module registers every handler and holds the gate, questions, /start and /help, and
the error handler; admin commands live in bot.telegram.admin, buttons and inline mode in
bot.telegram.buttons, and what they share in bot.telegram.replying.

A gate in handler group -1 runs first for every update: it counts it, ignores group chatter
not addressed to the bot, refuses strangers once, and applies the per-user rate limit.
Engine calls and audit writes run in worker threads so the event loop keeps serving while
a question is answered or a reload compiles.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.telegram.access import REFUSAL
from bot.telegram.admin import on_document, on_reload, on_stats
from bot.telegram.buttons import on_callback, on_inline
from bot.telegram.replying import (
    Context,
    answer_and_audit,
    delivered,
    in_engine,
    kind_of,
    question_of,
    reply_to,
    send_reply,
    services_of,
    text_of,
)
from bot.telegram.services import Services

log = logging.getLogger("briefbot.telegram")

TEAM_COMMANDS = (
    ("brief", "Briefing on a topic: /brief TOPIC"),
    ("who", "Profile of a person or group: /who NAME"),
    ("timeline", "Dated facts in order: /timeline [TOPIC|YEAR]"),
    ("quote", "What someone said: /quote NAME"),
    ("search", "Excerpts matching words: /search TEXT"),
    ("sources", "The documents I know"),
    ("help", "What I know and how to ask"),
)
SORRY = "Sorry, something went wrong on my side; it has been logged."
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


async def gate(update: Update, context: Context) -> None:
    services = services_of(context)
    services.metrics.updates[kind_of(update)] += 1
    user = update.effective_user
    chat = update.effective_chat
    message = update.message
    if message is not None and message.migrate_to_chat_id:
        note_migration(services, message.chat.id, message.migrate_to_chat_id)
        raise ApplicationHandlerStop
    if message is not None and not addressed(message, context.bot.id, context.bot.username):
        raise ApplicationHandlerStop
    if message is None and update.callback_query is None and update.inline_query is None:
        raise ApplicationHandlerStop  # edits, channel posts, joins: nothing to answer
    user_id = user.id if user else None
    if not services.access.allowed(user_id, chat.id if chat else None):
        await _refuse(update, services, user_id)
        raise ApplicationHandlerStop
    if user_id is not None and await _over_limit(update, services, user_id):
        raise ApplicationHandlerStop


async def _over_limit(update: Update, services: Services, user_id: int) -> bool:
    """Take one from the user's bucket for this kind of update; say so when it is empty."""
    if update.inline_query is not None:
        limiter = services.inline_limiter
    elif update.callback_query is not None:
        limiter = services.press_limiter
    else:
        limiter = services.limiter
    wait = limiter.take(user_id)
    if not wait:
        return False
    services.metrics.rate_limited += 1
    await _audit_turned_away(services, update, "rate_limited", user_id)
    if update.message is not None and limiter.should_warn(user_id):
        await reply_to(update.message, limiter.message(wait))
    elif update.inline_query is not None:
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    elif update.callback_query is not None:  # a toast; the button must not spin
        await update.callback_query.answer(limiter.message(wait))
    return True


async def _audit_turned_away(
    services: Services, update: Update, event: str, user_id: int | None
) -> None:
    """Record an update the bot did not answer (refused, rate limited), off the event loop:
    the audit is SQLite, and a slow disk must not stall other chats."""
    chat = update.effective_chat
    await asyncio.to_thread(
        services.audit.record,
        event,
        user_id=user_id,
        chat_id=chat.id if chat else None,
        chat_type=chat.type if chat else None,
        text=text_of(update),
    )


def note_migration(services: Services, old: int, new: int) -> None:
    """A team group upgraded to a supergroup gets a new id, which the team list lacks: from
    now on its members who are not listed one by one would be refused. Tell the operator."""
    team = services.settings.team
    if old in team and new not in team:
        log.warning(
            "team chat %s became supergroup %s: add %s to BRIEFBOT_TEAM, or members of that "
            "chat not listed by user id are refused",
            old,
            new,
            new,
        )


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
    await _audit_turned_away(services, update, "refused", user_id)
    await reply_to(update.message, REFUSAL.format(user_id=user_id))


async def on_text(update: Update, context: Context) -> None:
    message = update.message
    if message is None or message.text is None:
        return
    text = question_of(message, context.bot.username)
    if text is None:
        return  # a command for another bot
    await answer(update, context, text, "command" if text.startswith("/") else "question")


async def on_other(update: Update, context: Context) -> None:
    """Photos, stickers, voice...: say what the bot reads instead of staying silent."""
    if update.message is not None:
        await reply_to(
            update.message, "I read questions as text, and documents from admins. Try /help."
        )


async def answer(update: Update, context: Context, text: str, event: str) -> None:
    services = services_of(context)
    message = update.message
    assert message is not None
    started = time.perf_counter()
    made = await in_engine(services, answer_and_audit, services, update, text, event)
    await send_reply(message, made, text)
    delivered(services, started)


async def on_help(update: Update, context: Context) -> None:
    """/start and /help: what the bot knows (sources, counts) and how to ask."""
    message = update.message
    if message is None:
        return
    text = question_of(message, context.bot.username) or "/help"
    await answer(update, context, text, "command")


async def on_error(update: object, context: Context) -> None:
    """Log each failure once, with the update it broke; apologise when we still can."""
    services = services_of(context)
    services.metrics.errors += 1
    error = context.error
    log.error("handling %s failed: %s", describe(update), _describe_error(error), exc_info=error)
    if not isinstance(update, Update) or isinstance(error, TelegramError):
        return
    with contextlib.suppress(TelegramError):  # already logged above; do not fail twice
        if update.message is not None:
            await reply_to(update.message, SORRY)
        elif update.callback_query is not None:  # else the button spins until the client gives up
            await update.callback_query.answer(SORRY, show_alert=True)


def describe(update: object) -> str:
    if not isinstance(update, Update):
        return "a background task" if update is None else type(update).__name__
    chat = update.effective_chat
    user = update.effective_user
    return (
        f"update {update.update_id} ({kind_of(update)}, chat {chat.id if chat else '-'}, "
        f"user {user.id if user else '-'})"
    )


def _describe_error(error: BaseException | None) -> str:
    return "unknown error" if error is None else f"{type(error).__name__}: {error}"
