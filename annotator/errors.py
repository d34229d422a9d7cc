"""Errors that reach the user.

Every error raised for bad input says, in plain words, which file, document or
field is wrong and what is wrong with it. The CLI prints the message on one
line and exits with the error's ``exit_code``; the app shows it in a dialog.
"""

from __future__ import annotations

import errno


class AnnotatorError(Exception):
    """Base class for errors whose message is meant for the user."""

    exit_code = 1


class InputError(AnnotatorError):
    """A file, folder or record the user gave us cannot be used."""

    exit_code = 3


class SchemaError(InputError):
    """The label schema is malformed, or data uses a label it does not define."""


class OutputError(InputError):
    """An output file or folder cannot be written: no permission, the disk is full, a read-only place."""


class DatabaseError(AnnotatorError):
    """The database cannot be opened, is locked, corrupt or from a newer version."""

    exit_code = 4


class NotAProjectError(DatabaseError):
    """The file is not an Annotator project: empty, some other kind of file, another program's database."""


class NewerProjectError(DatabaseError):
    """The project was written by a newer version of Annotator; this one must not change it."""


class DamagedProjectError(DatabaseError):
    """The project file is damaged: SQLite's checks or Annotator's own found it broken."""


class ReadOnlyProjectError(DatabaseError):
    """The project cannot be written (the file or its folder is read-only); it can still be read."""


class VerificationError(AnnotatorError):
    """An export or import failed its offset and reference checks; nothing was written."""

    exit_code = 5


class NotFoundError(AnnotatorError):
    """A document, entity or relation the caller named does not exist."""

    exit_code = 6


def describe_os_error(exc: OSError) -> str:
    """What went wrong writing or reading a file, in plain words (disk full, no permission...)."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if exc.errno == errno.EFBIG:
        return "the file would be larger than the disk or a size limit allows"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "no permission to write there"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or str(exc)
