"""What a REFI-QDA project read back holds: :class:`Project`, its :class:`Source` texts and their
coded :class:`Selection` spans (the values :mod:`.qde` and :mod:`.project` make).

    >>> Selection(3, 9, "인력", (("code-guid", "user-guid"),)).end
    9
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Selection", "Source", "Project"]


@dataclass(frozen=True)
class Selection:
    """One coded span of a source: ``[start, end)`` as written in the file, its name (tools
    often store the selected text there) and its codings ``[(code_guid, user_guid), …]``."""

    start: int
    end: int
    name: str
    codings: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Source:
    """A text source: its GUID, name, plain text (``None`` when not in the file, or not read
    yet: see ``member``) and selections; ``variables`` are its attribute values by variable
    name; ``member`` is the zip member holding its text."""

    guid: str
    name: str
    text: str | None
    selections: tuple[Selection, ...]
    description: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    member: str | None = None


@dataclass(frozen=True)
class Project:
    """Users (GUID → name), codes (GUID → ``(name, path)``) and text sources."""

    users: dict[str, str]
    codes: dict[str, tuple[str, str]]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...] = ()
