"""Score the findings table against a hand reading of the same minutes.

    python benchmarks/bench_findings.py [GOLD.toml] [MINUTES]

Gold: ``tests/fixtures/gold/sample_findings.toml`` (``[[finding]]`` with area, topic, kind,
academic_evidence / industry_evidence as question or point ids, keywords). A gold finding is
*matched* by a tool finding of the same area whose evidence shares a question with the gold
evidence (or whose topic/quotes contain a gold keyword). Reported per gold kind:

- found: matched with the same kind;
- mislabelled as consensus: gold says divergence / one_side, the tool says consensus;
- other kind: matched with another kind;
- missed: no tool finding matches;
and the tool's comparative claims (divergence, one_side, emphasis, consensus) that match no gold
finding ("claimed, not in the reading": not necessarily wrong, but unconfirmed).
"""

from __future__ import annotations

import re
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_Q = re.compile(r"T\d+\.Q\d+")


def _questions(ids) -> set[str]:
    return {m.group(0) for i in ids for m in [_Q.search(str(i))] if m}


def _agrees(tool_kind: str, gold_kind: str) -> bool:
    # an area with no expert of one side: the reader says "not asked", the tool "not comparable"
    return tool_kind == gold_kind or {tool_kind, gold_kind} == {"not_asked", "not_comparable"}


def score(findings, gold: list[dict]) -> dict:
    """Match gold to tool findings one to one (same kind first), then count the verdicts."""
    tool = findings.to_dict("records")
    for r in tool:
        r["_q"] = _questions(str(r["a_evidence"]).split(";") + str(r["b_evidence"]).split(";"))
        r["_text"] = " ".join(str(r[c]) for c in ("topic", "a_position", "b_position", "note"))
    cands = []
    for g in gold:
        gq = _questions(g.get("academic_evidence", []) + g.get("industry_evidence", []))
        cands.append([i for i, r in enumerate(tool) if r["within"] == g["area"] and (
            r["_q"] & gq or any(k in r["_text"] for k in g.get("keywords", []))
            or r["kind"] == "not_comparable")])
    used: set[int] = set()
    pick: dict[int, int] = {}
    for same_kind in (True, False):
        for gi, g in enumerate(gold):
            if gi in pick:
                continue
            for i in cands[gi]:
                shared_ok = tool[i]["kind"] == "not_comparable"  # one per area, may serve all
                if (i in used and not shared_ok) or _agrees(tool[i]["kind"], g["kind"]) != same_kind:
                    continue
                pick[gi] = i
                used.add(i)
                break
    rows = []
    for gi, g in enumerate(gold):
        i = pick.get(gi)
        if i is None:
            verdict = "missed"
        elif _agrees(tool[i]["kind"], g["kind"]):
            verdict = "found"
        elif tool[i]["kind"] == "consensus" and g["kind"] in ("divergence", "one_side"):
            verdict = "mislabelled as consensus"
        else:
            verdict = f"other kind ({tool[i]['kind']})"
        rows.append((g["area"], g["topic"], g["kind"], verdict))
    comparative = ("divergence", "one_side", "emphasis", "consensus")
    claims = [r for i, r in enumerate(tool) if i not in used and r["kind"] in comparative]
    n_claims = sum(r["kind"] in comparative for r in tool)
    confirmed = sum(tool[i]["kind"] in comparative and _agrees(tool[i]["kind"], gold[gi]["kind"])
                    for gi, i in pick.items())
    return {"rows": rows, "unconfirmed_claims": len(claims), "n_tool": len(tool),
            "n_claims": n_claims, "confirmed_claims": confirmed,
            "claims": [(r["within"], r["kind"], r["topic"]) for r in claims]}


def main(argv: list[str]) -> None:
    gold_path = Path(argv[1]) if len(argv) > 1 else ROOT / "tests/fixtures/gold/sample_findings.toml"
    minutes = argv[2] if len(argv) > 2 else str(ROOT / "examples/data/kaist_2023_annual_report.txt")
    import consult

    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))["finding"]
    t0 = time.perf_counter()
    analysis = consult.analyze(consult.load(minutes), random_state=0)
    took = time.perf_counter() - t0
    res = score(analysis.findings, gold)
    print(f"{len(gold)} gold findings; {res['n_tool']} tool findings; analyze {took:.1f} s")
    print(f"{'area':8} {'gold kind':12} verdict  — topic")
    for area, topic, kind, verdict in res["rows"]:
        print(f"{area:8} {kind:12} {verdict}  — {topic}")
    c = Counter(v.split(" (")[0] for *_, v in res["rows"])
    print("summary:", dict(c), f"unconfirmed claims: {res['unconfirmed_claims']}")
    print(f"comparative claims (consensus, divergence, one_side, emphasis): {res['n_claims']}; "
          f"the reading has the same finding for {res['confirmed_claims']}")
    for area, kind, topic in res["claims"]:
        print(f"  unconfirmed: {area} {kind} — {topic}")


if __name__ == "__main__":
    main(sys.argv)
