"""One exception tree. Every message is Vietnamese and says what is wrong and what to do.

    BroadcastError                    base; .message is shown to the user
    ├── InputError                    bad input from the user (exit code 2, HTTP 422)
    │   ├── UnsupportedFileError      unknown file type
    │   ├── EmptyInputError           nothing to read
    │   ├── TooLargeError             over the size limit
    │   ├── BrokenFileError           a .docx that cannot be opened
    │   ├── UndecodableError          bytes in no encoding we know
    │   └── MissingToneMarksError     Vietnamese without its tone marks
    ├── NotFoundError                 no such commune/script (exit 4, HTTP 404)
    ├── StateError                    action not allowed in this state (exit 3, HTTP 409)
    ├── IntegrityError                text differs from what was approved (exit 3, HTTP 409)
    ├── AuthError                     not logged in, or not allowed (exit 7, HTTP 401/403)
    │   └── TooManyAttemptsError      log-in limited for a while (HTTP 429)
    ├── EngineError                   a speech engine failed or is unreachable (exit 5, HTTP 503)
    │   ├── EngineKeyError            the provider refused the API key (bad or missing key)
    │   ├── EngineQuotaError          the provider's quota or credit is used up
    │   ├── EngineRefusedError        the provider refused this text (too long, invalid)
    │   └── EngineTimeoutError        the provider did not answer in time
    └── AudioError                    ffmpeg failed or an audio file is unusable (exit 6, HTTP 422)

Faces (CLI, web) turn these into exit codes or HTTP codes; the core only raises them.
"""

from __future__ import annotations

from typing import Any


class BroadcastError(Exception):
    """Base of every error the product reports to a user."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = context

    def __str__(self) -> str:
        return self.message


class InputError(BroadcastError):
    exit_code = 2
    http_status = 422


class UnsupportedFileError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class TooLargeError(InputError):
    http_status = 413


class BrokenFileError(InputError):
    pass


class UndecodableError(InputError):
    pass


class MissingToneMarksError(InputError):
    pass


class NotFoundError(BroadcastError):
    exit_code = 4
    http_status = 404


class StateError(BroadcastError):
    exit_code = 3
    http_status = 409


class IntegrityError(BroadcastError):
    exit_code = 3
    http_status = 409


class EngineError(BroadcastError):
    exit_code = 5
    http_status = 503


class EngineKeyError(EngineError):
    pass


class EngineQuotaError(EngineError):
    pass


class EngineRefusedError(EngineError):
    pass


class EngineTimeoutError(EngineError):
    pass


class AudioError(BroadcastError):
    exit_code = 6
    http_status = 422


class AuthError(BroadcastError):
    exit_code = 7
    http_status = 401


class ForbiddenError(AuthError):
    http_status = 403


class TooManyAttemptsError(AuthError):
    http_status = 429
