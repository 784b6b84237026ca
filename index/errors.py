"""Expected failures, with messages a user can act on.

The library raises these; the CLI and the bot turn them into user-facing text.
"""

from __future__ import annotations


class DocbotError(Exception):
    """Base class for every expected docbot failure."""


class CorpusMissingError(DocbotError):
    """The corpus folder does not exist or is not a folder."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"Corpus folder {path} does not exist. Create it and put .txt, .md, .html or .pdf "
            "files in it, or point DOCBOT_CORPUS at the right folder."
        )


class NoIndexError(DocbotError):
    """No index has been built yet."""

    def __init__(self, path: object) -> None:
        super().__init__(f"No index at {path}: run `docbot index` to build one.")


class RebuildRequiredError(DocbotError):
    """The index was built with another model, dimension or chunker version."""

    def __init__(self, differences: list[str]) -> None:
        self.differences = differences
        super().__init__(
            "The index was built with different settings ("
            + "; ".join(differences)
            + "). A full rebuild is needed: run `docbot index --rebuild`."
        )


class IndexLockedError(DocbotError):
    """Another index run holds the lock."""

    def __init__(self, lock_path: object, holder: str | None = None) -> None:
        who = f" (held by {holder})" if holder else ""
        super().__init__(
            f"Another `docbot index` run holds the lock {lock_path}{who}. "
            "Wait for it to finish, or run again with --wait."
        )


class ModelLoadError(DocbotError):
    """The embedding model could not be loaded."""


class DocumentError(DocbotError):
    """A single file could not be turned into a document; the reason is user-readable."""


class UploadError(DocbotError):
    """A document sent to the bot cannot be accepted (type, size, name)."""
