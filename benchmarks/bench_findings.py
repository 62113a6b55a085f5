"""Score the findings against hand readings of the same minutes.

    python benchmarks/bench_findings.py [MINUTES] [GOLD.toml ...]

Default: the bundled sample and both hand readings of it — ``tests/fixtures/gold/
sample_findings.toml`` (the first reading, kinds consensus / divergence / one_side / not_asked)
and ``sample_findings_second.toml`` (written later without seeing the tool's output; kinds
consensus / contrast / split / one_side / not_asked / not_comparable).

A gold finding is *found* when a tool finding of the same area rests on a question the gold
finding rests on and shares its evidence (a point id) or names one of its keywords (in the
thing, topic, what each side named or the quotes). Reported per reading:

- found, and of those with the kind right (the kinds of the two vocabularies are mapped:
  the first reading's "divergence" — opposite stances or different priorities — is the tool's
  divergence, contrast or split);
- false consensus: a tool consensus matching a gold finding that is not a consensus, or
  contradicted by a dissent the gold reading lists (the number that must be 0);
- the tool's comparative claims, and how many a reading confirms (same finding, kind right).
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
_P = re.compile(r"T\d+\.Q\d+\.P\d+")
#: gold kind → tool kinds that say the same
_SAME = {
    "consensus": {"consensus"},
    "divergence": {"divergence", "contrast", "split"},
    "contrast": {"contrast", "divergence"},
    "split": {"split"},
    "one_side": {"one_side", "contrast"},
    "not_asked": {"not_asked", "not_comparable"},
    "not_comparable": {"not_comparable", "not_asked"},
}
COMPARATIVE = ("consensus", "divergence", "split", "contrast", "one_side")


def _ids(values, pattern) -> set[str]:
    return {m.group(0) for v in values for m in pattern.finditer(str(v))}


def _gold(path: Path) -> list[dict]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for g in data["finding"]:
        named = [n for side in ("academic_named", "industry_named") for n in g.get(side, [])]
        evidence = (g.get("academic_evidence", []) + g.get("industry_evidence", [])
                    + [e for n in named for e in n.get("evidence", [])])
        basis = g.get("basis") or g.get("asked_in") or evidence
        out.append({"area": g["area"], "topic": g["topic"], "kind": g["kind"],
                    "questions": _ids(basis, _Q), "points": _ids(evidence, _P),
                    "dissent": _ids(g.get("dissent", []), _P),
                    "keywords": [k for k in g.get("keywords", []) if k]})
    return out


def score(table, gold: list[dict]) -> dict:
    """Match each gold finding to the tool findings that say the same, then count."""
    tool = table.to_dict("records")
    for r in tool:
        r["_q"] = _ids(str(r["question_ids"]).split(";"), _Q)
        r["_p"] = _ids(f"{r['a_evidence']};{r['b_evidence']}".split(";"), _P)
        r["_text"] = " ".join(str(r[c]) for c in ("thing", "topic", "question_topic", "a_named",
                                                  "b_named", "a_position", "b_position"))
    rows, confirmed = [], set()
    matches: dict[int, list[dict]] = {}
    for g in gold:
        cands = [i for i, r in enumerate(tool) if r["within"] == g["area"] and (
            (r["_q"] & g["questions"] and (r["_p"] & g["points"]
                                           or any(k in r["_text"] for k in g["keywords"])))
            or (r["kind"] == "not_comparable" and g["kind"] in ("not_asked", "not_comparable")))]
        right = [i for i in cands if tool[i]["kind"] in _SAME.get(g["kind"], {g["kind"]})]
        verdict = "found, kind right" if right else (
            f"found as {tool[cands[0]]['kind']}" if cands else "missed")
        confirmed.update(right)
        for i in cands:
            matches.setdefault(i, []).append(g)
        rows.append((g["area"], g["kind"], verdict, g["topic"]))
    false_consensus = []
    for i, r in enumerate(tool):
        if r["kind"] != "consensus":
            continue
        # the gold findings about the same thing: a keyword of theirs in the tool's thing
        thing = f"{r['thing']} {r['a_named']} {r['b_named']}".strip() or r["topic"]
        head = thing.split()[0]
        same = [g for g in matches.get(i, []) if any(k in thing or head in k
                                                     for k in g["keywords"])] or matches.get(i, [])
        if not any(g["kind"] == "consensus" for g in same) and any(
                g["kind"] in ("split", "contrast", "divergence") for g in same):
            false_consensus.append((r["within"], r["finding_id"], r["thing"] or r["topic"],
                                    "; ".join(f"{g['kind']}: {g['topic']}" for g in same)))
        elif r["_p"] & {d for g in same for d in g["dissent"]}:
            false_consensus.append((r["within"], r["finding_id"], r["thing"], "a gold dissent"))
    claims = [i for i, r in enumerate(tool) if r["kind"] in COMPARATIVE]
    return {"rows": rows, "n_tool": len(tool), "claims": len(claims),
            "confirmed": len(set(claims) & confirmed),
            "unconfirmed": [(tool[i]["within"], tool[i]["kind"], tool[i]["sentence"])
                            for i in claims if i not in confirmed],
            "false_consensus": sorted(set(false_consensus))}


def report(name: str, res: dict) -> None:
    comparative = [r for r in res["rows"] if r[1] in COMPARATIVE]
    c = Counter(v.split(" as ")[0] if v.startswith("found as") else v for _, _, v, _ in comparative)
    print(f"\n== {name}: {len(res['rows'])} gold findings ({len(comparative)} comparative)")
    for area, kind, verdict, topic in res["rows"]:
        print(f"  {area:6} {kind:14} {verdict:22} — {topic}")
    print(f"  comparative gold findings: {dict(c)}")
    print(f"  tool comparative claims: {res['claims']}, confirmed by this reading: {res['confirmed']}")
    print(f"  FALSE CONSENSUS: {len(res['false_consensus'])}")
    for fc in res["false_consensus"]:
        print("    ", fc)


def main(argv: list[str]) -> None:
    minutes = argv[1] if len(argv) > 1 else str(ROOT / "examples/data/kaist_2023_annual_report.txt")
    golds = [Path(p) for p in argv[2:]] or [ROOT / "tests/fixtures/gold/sample_findings.toml",
                                             ROOT / "tests/fixtures/gold/sample_findings_second.toml"]
    import consult
    from consult.findings import build_claims

    t0 = time.perf_counter()
    claims = build_claims(consult.load(minutes))
    took = time.perf_counter() - t0
    print(f"{len(claims.table)} tool findings ({dict(Counter(claims.table['kind']))}); {took:.1f} s")
    for path in golds:
        report(path.name, score(claims.table, _gold(path)))
    print("\ntool claims no reading confirms:")
    confirmed_any = None
    for path in golds:
        un = {u[2] for u in score(claims.table, _gold(path))["unconfirmed"]}
        confirmed_any = un if confirmed_any is None else confirmed_any & un
    for s in sorted(confirmed_any or ()):
        print("  ", s)


if __name__ == "__main__":
    main(sys.argv)
