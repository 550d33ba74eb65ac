"""Inline buttons (pages, full excerpts) and inline mode (`@bot words` in any chat)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from telegram import InlineQueryResultArticle, InputTextMessageContent, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.render_html import citations, render_citation
from bot.telegram.replying import (
    NO_PREVIEW,
    Context,
    Paged,
    answer_and_audit,
    clip,
    delivered,
    in_engine,
    keyboard,
    make_answer,
    paged,
    question_of,
    readable,
    reply_to,
    services_of,
)
from bot.telegram.services import Services

INLINE_RESULTS = 10
STALE = "This answer was made from an older fact base; ask again."
GONE = "The question this answered is gone; ask again."


@dataclass(frozen=True)
class Press:
    kind: str  # "p" page, "x" excerpt
    tag: str  # version tag : question digest
    index: int


def parse_press(data: str) -> Press | None:
    """`p:<version8>:<question6>:<n>` or `x:...`; None for anything else (old or foreign)."""
    parts = data.split(":")
    if len(parts) != 4 or parts[0] not in ("p", "x") or not parts[3].isdigit():
        return None
    return Press(parts[0], f"{parts[1]}:{parts[2]}", int(parts[3]))


async def on_callback(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    data = query.data or ""
    if data == "noop":
        await query.answer()
        return
    press = parse_press(data)
    if press is None:  # a button from before this format, or not ours
        await query.answer(STALE, show_alert=True)
        return
    message = query.message if isinstance(query.message, Message) else None
    original = message.reply_to_message if message is not None else None
    question = (
        question_of(original, context.bot.username)
        if original is not None and original.text
        else None
    )
    if message is None or not question:
        await query.answer(GONE, show_alert=True)
        return
    services = services_of(context)
    page = await in_engine(services, _again, services, question)
    if page.tag != press.tag:
        await query.answer(STALE, show_alert=True)
        return
    if press.kind == "p" and press.index < len(page.pages):
        await query.answer()
        try:
            await query.edit_message_text(
                page.pages[press.index],
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=keyboard(page.tag, press.index, page),
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():  # a double tap on the same page
                raise
        return
    if press.kind == "x" and press.index < len(page.shown):
        await query.answer()
        started = time.perf_counter()
        for text in render_citation(page.shown[press.index], press.index + 1):
            await reply_to(
                message, text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
            )
        delivered(services, started)
        return
    await query.answer(STALE, show_alert=True)


def _again(services: Services, question: str) -> Paged:
    """The answer the button was drawn under, as the serving fact base gives it now."""
    return paged(make_answer(services, question), question)


async def on_inline(update: Update, context: Context) -> None:
    inline = update.inline_query
    if inline is None:
        return
    services = services_of(context)
    text = readable(inline.query.strip())
    if not text:
        await inline.answer([], cache_time=0, is_personal=True)
        return
    started = time.perf_counter()
    made = await in_engine(services, answer_and_audit, services, update, text, "inline")
    results = []
    # Results carry no buttons: a message sent from inline mode is not a reply to a question
    # a button could answer again, and each result already holds its whole excerpt.
    unique = {c.fact_id: c for c in citations(made.reply)}  # Telegram refuses repeated result ids
    for citation in list(unique.values())[:INLINE_RESULTS]:
        page = render_citation(citation)[0]
        results.append(
            InlineQueryResultArticle(
                id=hashlib.sha1(citation.fact_id.encode()).hexdigest()[:32],
                title=clip(" ".join(citation.excerpt.split()), 100),
                description=citation.source_title,
                input_message_content=InputTextMessageContent(
                    page, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                ),
            )
        )
    await inline.answer(results, cache_time=0, is_personal=True)
    delivered(services, started)
