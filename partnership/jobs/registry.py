"""The kinds of job: each sub-domain that offers a large document or export declares how to make
it here (in its ``tasks`` module, which the web app and the worker both import), so this package
runs them without knowing any of them."""

from collections.abc import Callable
from dataclasses import dataclass

# How far a job has come, 0.0 to 1.0; a kind calls it as often as it likes.
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Output:
    content: bytes
    filename: str
    mimetype: str


class Unavailable(Exception):
    """The job's subject is no longer there for its owner (deleted, or access withdrawn)."""


@dataclass(frozen=True)
class Kind:
    name: str
    # Makes the file in the worker, as ``owner`` may see it now (raises Unavailable if they may not).
    build: Callable[..., Output]  # (owner, params, progress) -> Output
    # Records the download of the finished file (who took which personal data), at download.
    downloaded: Callable[..., None]  # (owner, params) -> None


KINDS: dict[str, Kind] = {}


def register(name: str, *, build: Callable[..., Output], downloaded: Callable[..., None]) -> Kind:
    kind = Kind(name, build, downloaded)
    KINDS[name] = kind
    return kind


def get(name: str) -> Kind:
    return KINDS[name]
