"""Errors meant for people: one line naming what is wrong and what would be right."""


class UserError(Exception):
    """Bad input from a user (a path, a manifest field, a section id). The CLI prints it as one line."""
