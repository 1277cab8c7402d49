"""The exception tree of the indexer; every error names the path or value and the reason.

ReportSearchError
├── SourceError            a file could not be read or decoded (path, reason)
│   └── ParseError         a decoded file yielded no readable document
├── GazetteerError         a gazetteer file that cannot be read or has the wrong shape
├── ConfigurationError     settings that name no engine, or an engine without what it needs
├── IndexUnavailableError  no index, or one that cannot be opened
│   └── BackendUnavailableError  a search server that does not answer
├── IndexWriteError        disk full or an I/O error while writing a new index generation
├── ManifestError          a generation's manifest that cannot be read
├── ReindexBusyError       another reindex holds the lock
└── QueryError             a query the parser or the limits reject (message, hint)
"""

from __future__ import annotations


class ReportSearchError(Exception):
    """Base of every error this project raises on purpose."""


class SourceError(ReportSearchError):
    """A source file that cannot be turned into a document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ParseError(SourceError):
    """A decoded file from which no readable content could be parsed."""


class GazetteerError(ReportSearchError):
    """A gazetteer file that cannot be read or has the wrong shape."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexUnavailableError(ReportSearchError):
    """The index is missing, damaged or being created for the first time."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"index at {location} is unavailable: {reason}")
        self.location = location
        self.reason = reason


class ConfigurationError(ReportSearchError):
    """Settings the library cannot work with: an unknown engine, a server engine without nodes."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class BackendUnavailableError(IndexUnavailableError):
    """A search server (every node of a cluster) does not answer, or answers with errors."""


class IndexWriteError(ReportSearchError):
    """A new generation could not be written; the generation being served is untouched."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"could not write the index at {location}: {reason}")
        self.location = location
        self.reason = reason


class ManifestError(ReportSearchError):
    """A generation's manifest (the content hash of every indexed file) cannot be read."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ReindexBusyError(ReportSearchError):
    """Another reindex is running against the same index."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(f"reindex already running (pid {pid if pid else 'unknown'})")
        self.pid = pid


class QueryError(ReportSearchError):
    """A query that cannot be run, with a message saying what to write instead."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
