"""Resumption tokens: where a list stopped, with the list's original arguments, signed.

A token is a cursor, not an offset: it holds the last record id sent, and the next page
starts after it in record-id order. A record edited during a harvest keeps its place in that
order (only its datestamp moves), so a harvest that follows its tokens sees every record
exactly once, however the data changes between the pages. Tokens carry no server state and do
not expire; a token that was altered, or made for another verb, is a ``badResumptionToken``.
"""

from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from django.core import signing

from kozkincs.opendata.oai.protocol import DateRange, OaiError

SALT = "kozkincs.opendata.oai.resumption-token"


@dataclass(frozen=True)
class ListState:
    """The arguments of a ListIdentifiers / ListRecords harvest and how far it got."""

    verb: str
    metadata_prefix: str
    set_spec: str | None
    dates: DateRange
    after_id: int = 0
    cursor: int = 0
    complete_size: int | None = None


def _epoch(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp())


def _moment(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def token_encode(state: ListState) -> str:
    payload = asdict(state) | {
        "dates": [_epoch(state.dates.start), _epoch(state.dates.end)],
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def token_decode(token: str, *, verb: str) -> ListState:
    """The state in ``token``; ``OaiError("badResumptionToken")`` when it is not one of ours
    or was issued for another verb."""
    try:
        payload = signing.loads(token, salt=SALT)
        start, end = payload.pop("dates")
        state = ListState(**payload, dates=DateRange(_moment(start), _moment(end)))
        valid = (
            isinstance(state.after_id, int)
            and isinstance(state.cursor, int)
            and isinstance(state.metadata_prefix, str)
        )
    except (signing.BadSignature, TypeError, ValueError, AttributeError, OverflowError):
        valid = False
    if not valid:
        raise OaiError("badResumptionToken", "The resumption token is invalid.")
    if state.verb != verb:
        raise OaiError(
            "badResumptionToken", f"The resumption token was issued for {state.verb}, not {verb}."
        )
    return state
