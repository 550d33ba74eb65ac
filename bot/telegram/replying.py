"""What every handler shares: reaching the engine off the loop, replying, buttons, counting."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes

from bot.render_html import citations, render_html
from bot.reply import Reply
from bot.telegram.services import Services

T = TypeVar("T")
Context = ContextTypes.DEFAULT_TYPE
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
EXCERPT_BUTTONS = 8


def services_of(holder: Context | Application) -> Services:
    services: Services = holder.bot_data["services"]
    return services


def answer_and_audit(services: Services, update: Update, text: str, event: str) -> Reply:
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
    return await reply_to(
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


async def in_engine(services: Services, function: Callable[..., T], *args: Any) -> T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(services.engine_pool, function, *args)


def delivered(services: Services, started: float) -> None:
    services.metrics.replies += 1
    services.metrics.reply_latency.observe(time.perf_counter() - started)


def kind_of(update: Update) -> str:
    if update.message is not None:
        return "document" if update.message.document else "message"
    if update.callback_query is not None:
        return "callback_query"
    if update.inline_query is not None:
        return "inline_query"
    return "other"


def user_id_of(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def text_of(update: Update) -> str:
    if update.message is not None:
        return update.message.text or update.message.caption or ""
    if update.inline_query is not None:
        return update.inline_query.query
    return ""


async def reply_to(message: Message, text: str, **kwargs: Any) -> Message:
    """Answer as a reply to the message asked, so concurrent answers stay attributable."""
    return await message.reply_text(
        text,
        reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
        **kwargs,
    )


def clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
