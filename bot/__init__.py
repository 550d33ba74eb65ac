"""briefbot: briefs a team from the team's own documents, quoting every fact verbatim."""

__version__ = "0.1.0"
