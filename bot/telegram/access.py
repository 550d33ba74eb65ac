"""Who may ask: the team allowlist (user or chat ids) and the admins (user ids)."""

from __future__ import annotations

MAX_REMEMBERED = 100_000
REFUSAL = (
    "Sorry, this bot only answers members of its team. "
    "If you should have access, ask an admin to add your Telegram id ({user_id})."
)


class Access:
    def __init__(self, team: frozenset[int], admins: frozenset[int]) -> None:
        self.team = team
        self.admins = admins
        self._refused: set[int] = set()

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins

    def allowed(self, user_id: int | None, chat_id: int | None = None) -> bool:
        """A team member, an admin, or anyone inside a chat that is on the team list."""
        if user_id is not None and (user_id in self.team or user_id in self.admins):
            return True
        return chat_id is not None and chat_id in self.team

    def first_refusal(self, user_id: int | None) -> bool:
        """True once per stranger: they get one polite refusal, then silence."""
        if user_id is None or user_id in self._refused:
            return False
        if len(self._refused) >= MAX_REMEMBERED:  # a flood of strangers must not grow memory
            self._refused.clear()
        self._refused.add(user_id)
        return True
