"""What other apps keep about an account, for its owner's data download and for deleting it.

The privacy app assembles the download and deletes accounts, but cannot import the apps beside
it (the API's tokens, for one). Each app that keeps something per account registers an
:class:`AccountData` from its ``AppConfig.ready()``: the rows it shows in the download and how
it erases them when the account is deleted.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AccountData:
    section: str
    """Name of the table in the download (``personal-data.json`` key and CSV file name)."""
    rows: Callable[..., list[dict]]
    """``rows(user=)``: what the app keeps about the account, as plain rows."""
    erase: Callable[..., int]
    """``erase(user=)``: remove or anonymise it when the account is deleted; how many rows."""


_registered: dict[str, AccountData] = {}


def account_data_register(data: AccountData) -> None:
    _registered[data.section] = data


def account_data_sections(*, user) -> dict[str, list[dict]]:
    return {section: data.rows(user=user) for section, data in _registered.items()}


def account_data_erase(*, user) -> dict[str, int]:
    return {section: data.erase(user=user) for section, data in _registered.items()}
