"""Display names shared by every output: roles in Korean, the no-area block, group names.

Lives below everything that shows a label (plots, report, Jupyter views, exports), so no layer
has to reach up for them.

    >>> role_label("academic"), area_label(""), group_label("industry")
    ('학계', '포럼·기타', '산업계 (industry)')
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["ROLE_LABELS", "NO_AREA", "role_label", "area_label", "group_label"]

#: Korean display names of the roles (산·학·연·관).
ROLE_LABELS = {
    "academic": "학계",
    "industry": "산업계",
    "research": "연구계",
    "government": "정부·공공",
    "law": "법조계",
    "union": "노동계",
    "civil_society": "시민사회",
    "student": "학생",
    "legislator": "의원",
    "unknown": "미상",
}

#: The name shown for records without an area (forum talks, general sections).
NO_AREA = "포럼·기타"


def role_label(role: str) -> str:
    """``academic`` → ``학계``; other values unchanged."""
    return ROLE_LABELS.get(str(role), str(role))


def area_label(area: Any) -> str:
    """Empty area → ``포럼·기타``."""
    missing = area is None or (isinstance(area, float) and math.isnan(area)) or str(area) == ""
    return NO_AREA if missing else str(area)


def group_label(group: str) -> str:
    """``academic`` → ``학계 (academic)``; other group names unchanged."""
    g = str(group)
    return f"{ROLE_LABELS[g]} ({g})" if g in ROLE_LABELS else g
