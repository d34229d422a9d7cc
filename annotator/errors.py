"""Errors that reach the user.

Every error raised for bad input says, in plain words, which file, document or
field is wrong and what is wrong with it. The CLI prints the message on one
line and exits with the error's ``exit_code``; the app shows it in a dialog.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base class for errors whose message is meant for the user."""

    exit_code = 1


class InputError(AnnotatorError):
    """A file, folder or record the user gave us cannot be used."""

    exit_code = 3


class SchemaError(InputError):
    """The label schema is malformed, or data uses a label it does not define."""


class DatabaseError(AnnotatorError):
    """The database cannot be opened, is locked, corrupt or from a newer version."""

    exit_code = 4


class VerificationError(AnnotatorError):
    """An export or import failed its offset and reference checks; nothing was written."""

    exit_code = 5


class NotFoundError(AnnotatorError):
    """A document, entity or relation the caller named does not exist."""

    exit_code = 6
