"""Reading an OAI-PMH request: the verb, its arguments and their values, or the protocol
error that answers it. Nothing here reads the database.

Errors are the protocol's own (``badVerb``, ``badArgument``, ``badResumptionToken``,
``cannotDisseminateFormat``, ``idDoesNotExist``, ``noRecordsMatch``), with English texts: the
protocol is English, and harvesters log these messages for their operators.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.http import QueryDict


class OaiError(Exception):
    """A protocol error: ``code`` is the OAI-PMH error code, ``message`` says what is wrong."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Verb:
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str | None = None


VERBS: dict[str, Verb] = {
    "Identify": Verb(),
    "ListMetadataFormats": Verb(optional=("identifier",)),
    "ListSets": Verb(exclusive="resumptionToken"),
    "GetRecord": Verb(required=("identifier", "metadataPrefix")),
    "ListIdentifiers": Verb(
        required=("metadataPrefix",), optional=("from", "until", "set"), exclusive="resumptionToken"
    ),
    "ListRecords": Verb(
        required=("metadataPrefix",), optional=("from", "until", "set"), exclusive="resumptionToken"
    ),
}

DAY_FORMAT = "%Y-%m-%d"
SECONDS_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


@dataclass(frozen=True)
class OaiRequest:
    verb: str
    arguments: dict[str, str]


def request_parse(params: QueryDict) -> OaiRequest:
    """The verb and its arguments, checked against the verb's list; ``OaiError`` otherwise."""
    verbs = params.getlist("verb")
    if not verbs:
        raise OaiError("badVerb", "The verb argument is missing.")
    if len(verbs) > 1:
        raise OaiError("badVerb", "The verb argument is repeated.")
    verb = VERBS.get(verbs[0])
    if verb is None:
        raise OaiError("badVerb", f"Illegal OAI verb: {verbs[0]!r}.")
    arguments: dict[str, str] = {}
    for name, values in params.lists():
        if name == "verb":
            continue
        if len(values) > 1:
            raise OaiError("badArgument", f"The argument {name!r} is repeated.")
        if name not in (*verb.required, *verb.optional, verb.exclusive):
            raise OaiError("badArgument", f"Illegal argument for {verbs[0]}: {name!r}.")
        arguments[name] = values[0]
    if verb.exclusive and verb.exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError(
                "badArgument", f"{verb.exclusive} is an exclusive argument: give it alone."
            )
        return OaiRequest(verbs[0], arguments)
    missing = [name for name in verb.required if name not in arguments]
    if missing:
        raise OaiError("badArgument", f"Missing required argument: {', '.join(missing)}.")
    return OaiRequest(verbs[0], arguments)


@dataclass(frozen=True)
class DateRange:
    """``start <= datestamp < end`` (either bound may be open)."""

    start: datetime | None = None
    end: datetime | None = None


def _parse_datestamp(name: str, value: str) -> tuple[datetime, str]:
    try:
        if _DAY.fullmatch(value):
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=UTC), "day"
        if _SECONDS.fullmatch(value):
            return datetime.strptime(value, SECONDS_FORMAT).replace(tzinfo=UTC), "seconds"
    except ValueError:
        pass
    raise OaiError(
        "badArgument",
        f"Illegal {name} date {value!r}: use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC).",
    )


def date_range_parse(from_value: str | None, until_value: str | None) -> DateRange:
    """The ``from`` and ``until`` arguments as a half-open range; ``until`` is inclusive (to
    the end of its day or second), both must have the same granularity."""
    start = end = None
    granularities = set()
    if from_value is not None:
        start, granularity = _parse_datestamp("from", from_value)
        granularities.add(granularity)
    if until_value is not None:
        until, granularity = _parse_datestamp("until", until_value)
        granularities.add(granularity)
        try:
            end = until + (timedelta(days=1) if granularity == "day" else timedelta(seconds=1))
        except OverflowError:  # until 9999-12-31: no upper bound
            end = None
    if len(granularities) > 1:
        raise OaiError("badArgument", "The from and until arguments have different granularities.")
    if start is not None and end is not None and start >= end:
        raise OaiError("badArgument", "The from date is later than the until date.")
    return DateRange(start, end)


def datestamp_format(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(SECONDS_FORMAT)
