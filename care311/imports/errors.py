class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was written. The message says why."""


class RowError(ValueError):
    """One record cannot be imported; the message is the quarantine reason."""
