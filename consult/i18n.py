"""What a reader sees, in Korean (the default) or English: one catalogue, one translator.

Every page, chart and workbook consult writes for people takes ``lang="ko"`` (default) or
``lang="en"``. Messages are written in English where they are used and looked up here
(:data:`KO`; the report adds its own sentences in :mod:`consult.report.i18n`, read through the
same :class:`Translator`). Placeholders are ``str.format`` fields filled after the lookup.

    >>> t = Translator("ko")
    >>> t("reset"), t("{hits} / {total} points", hits=3, total=9), Translator("en")("reset")
    ('초기화', '답변 3 / 9건', 'reset')
    >>> t.role("academic"), Translator("en").role("academic"), t.role("KAIST")
    ('학계', 'academia', 'KAIST')

Workbooks: :data:`SHEETS`, :data:`COLUMNS` and :data:`VALUES` give a Korean workbook its sheet
names, headers and categorical values (``one_person`` → ``한쪽이 1명``); the data's own names stay
in CSV, Parquet and JSON and in the DataFrames of the API (see ``docs/schema.md``). Document
text (quotes, area names, theme labels, speakers) is never translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import UsageError
from .labels import ROLE_LABELS
from .workbook import SheetWords

__all__ = ["LANGS", "KO", "Translator", "check_lang", "ROLE_NAMES", "SHEETS", "COLUMNS",
           "VALUES", "PATTERNS", "KO_DROPPED", "pick", "workbook_words"]

#: the languages of what consult writes for people; the first is the default
LANGS = ("ko", "en")

#: a role (or comparison group) as a reader names it: (Korean, English)
_ROLE_EN = {"academic": "academia", "industry": "industry", "research": "research institutes",
            "government": "government", "law": "legal profession", "union": "labour unions",
            "civil_society": "civil society", "student": "students", "legislator": "legislators",
            "unknown": "unknown"}
ROLE_NAMES: dict[str, tuple[str, str]] = {role: (ko, _ROLE_EN.get(role, role)) for role, ko in ROLE_LABELS.items()}

#: English message → Korean: every page, chart and workbook note outside the report's prose
KO: dict[str, str] = {
    # -- the evidence browser
    "Evidence browser": "증거 탐색기",
    "search": "검색",
    "area": "분야",
    "role": "소속 구분",
    "theme": "주제",
    "finding": "발견",
    "all areas": "모든 분야",
    "all roles": "모든 소속",
    "all themes": "모든 주제",
    "all findings": "모든 발견",
    "reset": "초기화",
    "more": "더 보기",
    "{hits} / {total} points": "답변 {hits} / {total}건",
    " (first {n} shown)": " (처음 {n}건 표시)",
    # -- keyword in context
    "KWIC: {term}": "검색어 문맥: {term}",
    "{n} hits": "{n}건",
    "no hits: the term occurs in no answer point": "찾은 곳 없음: 어느 답변에도 이 말이 나오지 않음",
    # -- co-occurrence
    "Words used together: {groups}": "함께 쓰인 낱말: {groups}",
    "Words used together in the same answer": "같은 답변에 함께 나오는 말",
    "{group} — {n} words, {m} links": "{group} — 낱말 {n}개, 연결 {m}개",
    "no links": "연결 없음",
    "No co-occurrence links in {area}": "{area}: 함께 나오는 낱말 없음",
    "All areas": "모든 분야",
    "Node size = answer points using the word, colour = community, line width = {measure}; "
    "the most frequent words are labelled where their labels do not overlap.":
        "원 크기 = 그 낱말이 나온 답변 수, 색 = 묶음(커뮤니티), 선 굵기 = {measure}. 라벨이 겹치지 "
        "않는 범위에서 자주 나온 낱말부터 이름을 붙였습니다.",
    "Words of {group}": "{group}의 낱말",
    "Strongest links of {group}": "{group}의 강한 연결",
    "{n} words, {m} links; words in at least {k} answer points, the {top} strongest links of "
    "each group": "낱말 {n}개, 연결 {m}개. {k}개 이상의 답변에 나온 낱말, 집단마다 가장 강한 연결 {top}개",
    # -- charts
    "No transcripts": "회의록 없음",
    "Experts (transcripts)": "전문가(회의록) 수",
    "Experts by area and role": "분야·소속별 전문가 수",
    "No themes": "주제 없음",
    "Theme × {what} (number = experts)": "주제 × {what} (숫자 = 전문가 수)",
    "Share of the group's experts": "집단 전문가 중 비율",
    "No distinctive terms": "구별되는 용어 없음",
    "Fewer than 3 experts on a side: counts only, no z": "한쪽 전문가가 3명 미만: z 없이 수만 봄",
    "|z| · labels = token counts {a}:{b}": "|z| · 라벨 = 출현 횟수 {a}:{b}",
    "Leans to {g}": "{g} 쪽으로 기운 말",
    "none": "없음",
    "Distinctive terms": "집단별 특징어",
    "No theme shares": "주제 비율 없음",
    "theme {id}": "주제 {id}",
    "Mean share of an expert's answers": "전문가별 답변 비율의 평균",
    "Difference {a} − {b} (no interval)": "차이 {a} − {b} (구간 없음)",
    "Difference {a} − {b} ({ci} interval)": "차이 {a} − {b} ({ci} 구간)",
    "A side has fewer than 3 experts: counts only": "한쪽 전문가가 3명 미만: 구간 없이 수만 봄",
    "Grey: interval includes 0; open circle: no interval": "회색 = 구간이 0을 포함, 빈 원 = 구간 없음",
    "Theme prevalence": "주제별 언급 비중",
    # -- workbooks
    "charts": "차트",
    "go to {sheet} row {row}": "{sheet} 시트 {row}행으로 이동",
}

#: sheet name → its Korean name in a Korean workbook
SHEETS: dict[str, str] = {
    "transcripts": "회의록", "questions": "질문", "points": "답변 항목", "themes": "주제",
    "assignments": "주제 배정", "groups": "집단", "terms": "특징어", "prevalence": "주제 비중",
    "pairs": "같은 질문 답변", "summaries": "저자 요약표", "findings": "발견", "positions": "질문별 든 것",
    "questionnaire": "질문지", "summary_checks": "요약표 검증", "by_year": "연도별", "data": "자료",
    "edges": "연결", "nodes": "낱말", "theme_x_theme_points": "주제×주제(답변)",
    "theme_x_theme_experts": "주제×주제(전문가)", "theme_x_expert": "주제×전문가",
}


def _ab(pairs: Mapping[str, str]) -> dict[str, str]:
    """``{"count": "출현 횟수"}`` → ``count_a`` / ``count_b`` / ``a_count`` / ``b_count`` headers."""
    out = {}
    for base, ko in pairs.items():
        for side in ("a", "b"):
            out[f"{base}_{side}"] = f"{ko}({side})"
            out[f"{side}_{base}"] = f"{ko}({side})"
    return out


#: column → its Korean header in a Korean workbook (the data's name everywhere else)
COLUMNS: dict[str, str] = {
    # records (docs/schema.md)
    "doc": "문서", "area": "분야", "report": "보고서 제목", "transcript_id": "회의록 ID",
    "transcript_kind": "회의록 유형", "transcript_no": "회의록 번호", "speaker": "전문가",
    "organization": "기관", "role": "소속 구분", "department": "부서", "role_evidence": "소속 판단 근거",
    "n_questions": "질문 수", "n_points": "답변 항목 수", "page": "쪽", "line_start": "시작 줄",
    "line_end": "끝 줄", "year": "연도", "question_id": "질문 ID", "question_no": "질문 번호",
    "question_label": "질문 표시", "question_kind": "질문 유형", "question_topic": "질문 주제",
    "question": "질문", "question_line": "질문 줄", "answer": "답변", "point_id": "답변 항목 ID",
    "point_no": "항목 번호", "point_label": "항목 표시", "text": "내용", "speaker_source": "발언자 출처",
    "table_no": "표 번호", "row_no": "행 번호", "opinion": "전문가 의견",
    # themes
    "theme_id": "주제 번호", "label": "주제 이름", "keywords": "핵심어", "size": "질문 수",
    "n_transcripts": "전문가 수", "areas": "분야별 전문가 수", "roles": "소속별 전문가 수",
    "quotes": "인용", "seed": "시드 주제", "concern_id": "관심사 번호", "stability": "재현성",
    "reappears": "다시 나타난 비율", "monologue": "한 전문가 위주", "theme_label": "주제 이름",
    "score": "점수", "question_theme_id": "질문의 주제 번호",
    # comparison
    "within": "비교 단위", "group": "집단", "n_tokens": "낱말 수", "small_sample": "표본 적음",
    "speakers": "전문가 목록", "term": "용어", "z": "z", "delta": "로그 오즈비 차이", "se": "표준오차",
    "statistic": "통계", "diff": "차이(a−b)", "ci_low": "구간 하한", "ci_high": "구간 상한",
    "question_group": "질문 묶음", "similarity": "유사도",
    **_ab({"count": "출현 횟수", "freq": "상대 빈도", "group": "집단", "docs": "쓴 전문가 수",
           "n": "전문가 수", "share": "비중", "k": "언급 전문가 수", "transcript_id": "회의록 ID",
           "speaker": "전문가", "question_id": "질문 ID", "answer": "답변", "question": "질문",
           "theme": "주제", "asked": "질문받은 전문가 수", "named": "든 것", "stance": "입장",
           "position": "입장 요약", "quote_id": "인용 ID", "evidence": "근거 답변 항목",
           "dissent": "다르게 말함", "dissent_ids": "다르게 말한 답변 항목", "experts": "전문가 수"}),
    # findings (docs/findings.md)
    "finding_id": "발견 ID", "topic": "논점", "kind": "유형", "thing": "든 것", "basis": "근거 질문",
    "basis_kind": "근거 유형", "judgement": "판단 질문", "question_ids": "질문 ID",
    "strength": "근거의 크기", "rule": "적용 규칙", "headline": "첫 장에 실림", "sentence": "문장",
    "asked": "질문받은 전문가 수", "answered": "답한 전문가 수", "k": "든 전문가 수", "experts": "전문가",
    "point_ids": "답변 항목 ID", "quote": "인용", "quote_id": "인용 ID", "aligned_id": "질문 묶음 ID",
    "generic": "일반 질문", "n_asked": "질문받은 전문가 수", "transcript_ids": "회의록 ID",
    **{f"asked_{r}": f"질문받은 {ko}" for r, (ko, _) in ROLE_NAMES.items()},
    "asked_both": "양쪽에 물은 질문", "similar_pairs": "비슷한 질문 묶음", "asked_one_side": "한쪽에만 물은 질문",
    "both_named": "양쪽 모두 든 것", "a_per_question": "질문마다 a 전문가 수", "b_per_question": "질문마다 b 전문가 수",
    # the authors' summary tables, checked
    "summary_id": "요약표 행 ID", "row_topic": "행 주제", "claim": "주장", "line": "줄",
    "claimed_n": "주장한 인원", "claimed_role": "주장한 소속", "n_supporters": "같은 내용 전문가 수",
    "supporters": "같은 내용 전문가", "supporter_roles": "같은 내용 소속", "evidence": "근거",
    "dissenters": "다르게 말한 전문가", "dissent_evidence": "다르게 말한 근거", "coverage": "일치도",
    "verdict": "판정", "note": "설명",
    # by year
    "n_experts": "전문가 수", "n_year": "그해 전문가 수", "share": "비중", "status": "추이",
    # keyword in context, co-occurrence
    "left": "앞 문맥", "match": "찾은 말", "right": "뒤 문맥", "source": "낱말 1", "target": "낱말 2",
    "n_both": "함께 나온 답변 수", "n_source": "낱말 1 답변 수", "n_target": "낱말 2 답변 수",
    "jaccard": "자카드 계수", "pmi": "PMI", "weight": "가중치", "n_points_term": "답변 수",
    "degree": "연결 수", "degree_centrality": "연결 중심성", "betweenness": "매개 중심성",
    "community": "묶음", "index": "주제",
}

_ROLES_KO = {role: ko for role, (ko, _) in ROLE_NAMES.items()}
_STANCES = {"for": "긍정", "against": "부정", "mixed": "엇갈림"}

#: column → value → its Korean in a Korean workbook (kinds and verdicts come from the findings'
#: own names: ``consult.findings.KIND_NAMES``, ``VERDICT_LABELS``, passed by the writer)
VALUES: dict[str, dict[str, str]] = {
    **{c: _ROLES_KO for c in ("role", "group", "a_group", "b_group", "group_a", "group_b",
                              "supporter_roles", "roles")},
    "within": {"(all)": "전체(분야 통합)"},
    "transcript_kind": {"consultation": "자문", "forum": "포럼", "meeting": "회의"},
    "question_kind": {"prompt": "질문", "section": "발표 절", "floor": "청중 질문", "topic": "안건"},
    "role_evidence": {"title": "직함", "organization": "기관", "firm": "기업 표시",
                      "company lab": "기업 연구소", "group": "소속 구분"},
    "speaker_source": {"transcript": "회의록", "participants": "참석자 명단", "statement": "발언",
                       "speaker block": "발언자 블록", "group": "집단", "unattributed": "발언자 없음"},
    "statistic": {"counts only": "수만 셈", "log-odds z over experts": "전문가 단위 로그 오즈 z"},
    "basis_kind": {"same": "같은 질문", "similar": "비슷한 질문", "one_side": "한쪽만 물음", "area": "분야"},
    "judgement": {"priority": "우선순위", "urgency": "시급성", "necessity": "필요성",
                  "feasibility": "실현 가능성", "effectiveness": "효과성"},
    "a_stance": _STANCES, "b_stance": _STANCES,
    "strength": {"one_person": "한쪽이 1명", "anecdotal": "한쪽이 2명", "counts only": "수만 셈",
                 "no comparison": "비교하지 않음"},
    "status": {"present": "있음", "new": "새로 나옴", "continuing": "계속", "vanished": "사라짐",
               "absent": "없음"},
}

#: column → (pattern, Korean template) for values written as sentences: the findings' ``rule``
#: (``{0}`` … are the pattern's groups, group names in Korean); a value no pattern matches stays
PATTERNS: dict[str, list[tuple[str, str]]] = {
    "rule": [
        (r"judgement: the two sides' majorities take opposite stances, nobody on either side holds the other side's",
         "판단 질문: 양쪽 다수가 서로 반대 입장, 상대 쪽 입장을 가진 사람 없음"),
        (r"judgement: the majorities are opposite, but the stances cut across the two sides",
         "판단 질문: 양쪽 다수는 반대이나 입장이 두 집단에 걸쳐 갈림"),
        (r"judgement: opposite stances inside (.+)", "판단 질문: {0} 안에서 입장이 갈림"),
        (r"judgement: the same stance on both sides, nobody opposite",
         "판단 질문: 양쪽이 같은 입장, 반대 입장 없음"),
        (r"judgement: only the (.+) side takes a stance; the other side does not say",
         "판단 질문: {0}만 입장을 밝힘, 다른 쪽은 말하지 않음"),
        (r"thing named by at least half of each side, nobody contradicting it",
         "양쪽 각각 절반 이상이 같은 것을 듦, 다르게 말한 사람 없음"),
        (r"thing named by at least half of each side; contradicted by (.+)",
         "양쪽 각각 절반 이상이 같은 것을 듦, 다르게 말함: {0}"),
        (r"each side names things the other side does not", "양쪽이 각각 다른 쪽이 들지 않은 것을 듦"),
        (r"only the (.+) side names things the other side, asked the same, does not",
         "{0}만 듦(같은 질문을 받은 다른 쪽은 들지 않음)"),
        (r"asked of one side only: nothing is compared", "한쪽에만 물은 질문: 비교하지 않음"),
        (r"no (.+) expert in this area", "이 분야에 {0} 전문가 없음"),
    ],
}

#: columns a Korean workbook leaves out: English twins of Korean columns, labels of values
#: it already shows in Korean
KO_DROPPED = frozenset({"sentence_en", "note_en", "verdict_label"})


def check_lang(lang: str) -> str:
    """``lang`` when consult speaks it, else a :class:`~consult.errors.UsageError`."""
    if lang not in LANGS:
        raise UsageError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def pick(names: tuple[str, str] | str, lang: str) -> str:
    """One language of a ``(Korean, English)`` pair (a plain string is both).

        >>> pick(("공통", "Agreement"), "en")
        'Agreement'
    """
    if isinstance(names, str):
        return names
    return names[0] if lang == "ko" else names[1]


class Translator:
    """``t("English message", **fields)`` in one language; ``t.role(group)`` names a group
    (``학계``, ``academia``; other groups, such as organizations, as they are). Areas are the
    minutes' own names in both languages (records without one: ``포럼·기타``,
    :func:`consult.labels.area_label`).

    ``catalogue``: English → Korean (default :data:`KO`; the report passes its own on top)."""

    def __init__(self, lang: str = "ko", catalogue: Mapping[str, str] | None = None):
        self.lang = check_lang(lang)
        self.catalogue = KO if catalogue is None else catalogue

    def raw(self, message: str) -> str:
        """The message in this language, fields not filled."""
        return self.catalogue.get(message, message) if self.lang == "ko" else message

    def __call__(self, message: str, /, **fields: Any) -> str:
        text = self.raw(message)
        return text.format(**fields) if fields else text

    def role(self, group: Any) -> str:
        g = str(group)
        return pick(ROLE_NAMES[g], self.lang) if g in ROLE_NAMES else g


def workbook_words(lang: str | None,
                   values: Mapping[str, Mapping[str, tuple[str, str] | str]] | None = None,
                   ) -> SheetWords | None:
    """How a workbook in ``lang`` names its sheets, headers and values: Korean words for
    ``"ko"``; ``None`` (the data's own names) for ``"en"`` and ``None``. ``values``: more
    column → value → ``(Korean, English)`` names (the findings' kinds and verdicts).

        >>> words = workbook_words("ko", {"kind": {"consensus": ("공통", "Agreement")}})
        >>> words.sheet("findings"), words.header(["kind", "strength"]), words.values["kind"]
        ('발견', ['유형', '근거의 크기'], {'consensus': '공통'})
        >>> workbook_words("en") is None
        True
    """
    if lang is None or check_lang(lang) == "en":
        return None
    more = {col: {k: pick(v, lang) for k, v in names.items()} for col, names in (values or {}).items()}
    return SheetWords(SHEETS, COLUMNS, {**VALUES, **more}, KO_DROPPED, KO["charts"],
                      KO["go to {sheet} row {row}"], PATTERNS)
