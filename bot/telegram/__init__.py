"""The Telegram shell: python-telegram-bot handlers, delivery, access, audit and the aiohttp server.

Everything here translates between Telegram and the core (bot.knowledge, bot.render_html);
no answer logic lives in this package.
"""
