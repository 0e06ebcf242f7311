"""The one error of the backup app: its message is translated and meant for the administrator."""


class BackupError(Exception):
    """A backup cannot be made, checked or restored; nothing was changed (the message says why
    and, where it can, what to do)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
