"""People in minutes: names, roles, attendees, and who speaks each line.

* :mod:`~consult.people.roles` — :class:`RoleLexicon` (titles, organization words, side words:
  ``consult/data/roles.toml``), :class:`SpeakerInfo`, :func:`load_roles`;
* :mod:`~consult.people.names` — a designation's name, title and organization;
* :mod:`~consult.people.attendees` — attendee lists (:class:`Participant`);
* :mod:`~consult.people.book` — :class:`SpeakerBook`, a label resolved against the attendees;
* :mod:`~consult.people.speakers` — **who speaks a line of a meeting** (inline, trailing, speaker
  blocks, the chair);
* :mod:`~consult.people.experts` — a meeting's speakers as experts (``expert_view``; imported
  on its own, since it needs pandas);
* :mod:`~consult.people.hearing` and :mod:`~consult.people.addressing` — in a verbatim record,
  who a turn's label, an introduction or a self-introduction names, and whom a questioner addresses.

    >>> load_roles().infer("삼성전자 관계자").role
    'industry'
"""

from .attendees import Participant, lists_people, parse_participants
from .book import SpeakerBook
from .names import identifies_someone, names_a_person_by_title, split_person
from .roles import NO_SPEAKER, RoleLexicon, SpeakerInfo, load_roles
from .speakers import (
    bare_speaker,
    is_chair_prompt,
    numbered_designation,
    speaker_block,
    split_statement,
    trailing_speaker,
)

__all__ = [
    "RoleLexicon", "SpeakerInfo", "NO_SPEAKER", "load_roles",
    "split_person", "names_a_person_by_title", "identifies_someone",
    "Participant", "parse_participants", "lists_people",
    "SpeakerBook",
    "split_statement", "trailing_speaker", "speaker_block", "bare_speaker", "is_chair_prompt",
    "numbered_designation",
]
