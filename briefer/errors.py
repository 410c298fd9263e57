"""One error hierarchy; each error carries the exit code the CLI returns for it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes (README, shared/CONTRACTS.md)."""

    OK = 0
    ERROR = 1  # nothing written
    USAGE = 2  # unknown option, method or format
    PARTIAL = 3  # brief written, some sources failed
    DELIVERY = 4  # brief written, email not delivered
    LOCKED = 5  # another run holds the lock


class BrieferError(Exception):
    """Base class of expected failures: one line of message, one exit code."""

    exit_code: ExitCode = ExitCode.ERROR


class UsageError(BrieferError):
    """A bad name or value on the command line (unknown method, format, language...)."""

    exit_code = ExitCode.USAGE


class ProfileError(BrieferError):
    """A profile file that cannot be read or does not validate."""


class ConfigError(BrieferError):
    """A job config that cannot be read or does not validate."""


class SourceError(BrieferError):
    """A source that cannot be read (the message names it and says why)."""


class NoInputError(BrieferError):
    """Nothing readable was given: no brief can be made."""


class OutputError(BrieferError):
    """The output cannot be written (folder not writable, disk full...)."""


class DeliveryError(BrieferError):
    """The email could not be delivered (the brief is on disk)."""

    exit_code = ExitCode.DELIVERY


class LockedError(BrieferError):
    """Another run holds the job's lock."""

    exit_code = ExitCode.LOCKED


class LimitError(BrieferError):
    """A run went over one of briefer's limits (sources, time): nothing written."""


class TimeLimitError(LimitError):
    """The run took longer than its time limit (checked between stages)."""
