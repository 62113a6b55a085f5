"""Make the SYNTHETIC multi-year demo corpus from the bundled 2023 sample.

The institute's real minutes exist for 2023 only (examples/data/kaist_2023_annual_report.txt).
To show consult's year view, this script re-lays out a few of its consultations as three
made-up annual reports, 2021, 2022 and 2023, each marked as synthetic in its title and first
lines: every transcript is rebuilt from the parsed records (area line, header, speaker,
numbered questions, ● points) and the years in the text are rewritten to the file's year.
Which areas go into which year is chosen so that some concerns are new in a year and some
vanish. Nothing here is a real record of 2021 or 2022.

    python examples/data/synthetic_years/make_synthetic_years.py
"""

from __future__ import annotations

import re
from pathlib import Path

import consult

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "kaist_2023_annual_report.txt"
#: year → (area, how many of its consultations)
PLAN = {
    2021: [("반도체", 2), ("이차전지", 2)],
    2022: [("이차전지", 2), ("양자", 2)],
    2023: [("양자", 1), ("사이버보안", 2), ("차세대통신", 2)],
}


def _transcript_text(corpus, tid: str, no: int, year: int) -> list[str]:
    t = corpus.transcripts.set_index("transcript_id").loc[tid]
    lines = [f" {t['area']}", f"전문가 자문 회의록 ({no})", f"<{t['speaker']}>"]  # area title
    qs = corpus.questions[corpus.questions["transcript_id"] == tid]
    pts = corpus.points
    for q in qs.itertuples():
        lines.append(f"{q.question_no}. {q.question}")
        for p in pts[pts["question_id"] == q.question_id].itertuples():
            lines.append(f"● {p.text}")
    return [re.sub(r"(?<!\d)2023(?!\d)", str(year), ln) for ln in lines]


def main() -> None:
    corpus = consult.load(SAMPLE).select(transcript_kind="consultation")
    tr = corpus.transcripts
    used: dict[str, int] = {}  # an area in two years gets different experts each year
    for year, plan in PLAN.items():
        out = [f"국가미래전략기술 정책연구소 연차보고서 {year} (합성 예시 · SYNTHETIC DEMO)",
               f"국가미래전략기술 정책연구소({year}.12.20.)",
               "※ 합성 자료: 2023년 실제 회의록을 재구성·편집해 만든 시연용 파일이며 실제 기록이 아님",
               ""]
        no = 0
        for area, n in plan:
            ids = tr[tr["area"] == area]["transcript_id"].tolist()
            start = used.get(area, 0)
            used[area] = start + n
            for tid in ids[start:start + n]:
                no += 1
                out += _transcript_text(corpus, tid, no, year) + [""]
        (HERE / f"synthetic_minutes_{year}.txt").write_text("\n".join(out), encoding="utf-8")
        print(f"wrote synthetic_minutes_{year}.txt: {no} consultations")


if __name__ == "__main__":
    main()
