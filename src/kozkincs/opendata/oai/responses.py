"""The OAI-PMH envelope around a verb's answer or around protocol errors."""

from datetime import UTC, datetime

from kozkincs.opendata.oai.protocol import OaiError, OaiRequest, datestamp_format
from kozkincs.opendata.oai.xml import attribute, text

_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ '
    'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
)
ECHOLESS_ERRORS = {"badVerb", "badArgument"}
"""After these errors the request element carries no attributes (the request was not valid)."""


def _request_element(base_url: str, request: OaiRequest | None) -> str:
    attributes = ""
    if request is not None:
        arguments = {"verb": request.verb, **request.arguments}
        attributes = "".join(f" {name}={attribute(value)}" for name, value in arguments.items())
    return f"<request{attributes}>{text(base_url)}</request>"


def _document(base_url: str, request: OaiRequest | None, body: str) -> bytes:
    now = datestamp_format(datetime.now(UTC))
    return "".join(
        [
            _OPEN,
            f"<responseDate>{now}</responseDate>",
            _request_element(base_url, request),
            body,
            "</OAI-PMH>",
        ]
    ).encode("utf-8")


def answer_document(base_url: str, request: OaiRequest, body: str) -> bytes:
    return _document(base_url, request, f"<{request.verb}>{body}</{request.verb}>")


def error_document(base_url: str, request: OaiRequest | None, error: OaiError) -> bytes:
    echoed = None if error.code in ECHOLESS_ERRORS else request
    body = f"<error code={attribute(error.code)}>{text(error.message)}</error>"
    return _document(base_url, echoed, body)
