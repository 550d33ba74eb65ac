"""Inline buttons (pages, full excerpts) and inline mode (`@bot words` in any chat)."""

from __future__ import annotations

import hashlib
import time

from telegram import InlineQueryResultArticle, InputTextMessageContent, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.render_html import citations, render_citation
from bot.telegram.replying import (
    NO_PREVIEW,
    Context,
    answer_and_audit,
    clip,
    delivered,
    in_engine,
    keyboard,
    reply_to,
    services_of,
)

INLINE_RESULTS = 10


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
                await reply_to(
                    target, page, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                )
            elif query.from_user:
                await context.bot.send_message(query.from_user.id, page, parse_mode=ParseMode.HTML)
        delivered(services, started)
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
    reply = await in_engine(services, answer_and_audit, services, update, text, "inline")
    results = []
    unique = {c.fact_id: c for c in citations(reply)}  # Telegram refuses repeated result ids
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
