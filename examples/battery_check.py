# %% [markdown]
# # Battery check: do the minutes back the report's own summary?
#
# The battery (이차전지) appendix of the sample report ends with a summary table written by the
# report's authors. Its last row, *추가 제안사항*, reads:
#
# > (학계) 전고체 등 차세대 전지 R&D 중요 — (산업계) 스마트팩토리 등 무인공정을 위한 제조 향상 R&D 필요
#
# i.e. academia stresses next-generation cells (all-solid-state), industry asks for
# manufacturing improvement (smart factories, unmanned processes). This script takes that claim
# **from the parsed summary table** (nothing below is hard-coded to the answer), compares what
# the professors and the company experts actually said in the battery minutes, and shows where
# the minutes support the claim and where they do not — with the record ids to check by hand.
#
# Run it as a script (`python examples/battery_check.py`) or cell by cell (`# %%`).

# %%
import re
import warnings
from pathlib import Path

import pandas as pd

import consult
from consult.comparison import compare
from consult.themes import ThemeModel
from consult.tokens import point_tokens, tokenize_texts

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path("examples")
SAMPLE = HERE / "data" / "kaist_2023_annual_report.txt"
AREA = "이차전지"
GROUP_WORDS = {"academic": "학계", "industry": "산업계"}  # how the summary tables name the roles
Z_CRIT = 1.96

pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 80)

corpus = consult.load(SAMPLE)

# %% [markdown]
# ## 1. The claim, as the report's authors wrote it

# %%
summary = corpus.summaries[corpus.summaries["area"] == AREA]
claims = []  # (group, claim text, summary row id)
for _, row in summary.iterrows():
    for line in str(row["opinion"]).splitlines():
        for group, word in GROUP_WORDS.items():
            m = re.match(rf"\s*\({word}\)\s*(.+)", line)
            if m:
                claims.append((group, m.group(1).rstrip("-").strip(),
                               f"{row['doc']}:{row['line_start']}-{row['line_end']}"))
claims = pd.DataFrame(claims, columns=["group", "claim", "source"])
print(claims.to_string(index=False))

# Content nouns of each claim (Kiwi, as everywhere in consult); words in both claims (R&D) and
# verb/adjective lemmas (…다) say nothing about the difference.
claim_tokens = {
    g: [t for t in toks if not t.endswith("다")]
    for g, toks in zip(claims["group"], tokenize_texts(claims["claim"].tolist()), strict=True)
}
shared = set.intersection(*(set(v) for v in claim_tokens.values())) if claim_tokens else set()
claim_tokens = {g: [t for t in v if t not in shared] for g, v in claim_tokens.items()}
print(claim_tokens)

# %% [markdown]
# ## 2. Academic vs industry, per area
#
# Themes come from the theme model; terms are the weighted log-odds z of the experts' answers
# (z > 0: academic, z < 0: industry). `min_count=1` keeps rare claim words in the table.

# %%
model = ThemeModel(random_state=0).fit(corpus)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", consult.SmallSampleWarning)
    cmp = compare(corpus, by="role", groups=("academic", "industry"), within="area",
                  themes=model, min_count=1)
for w in caught:
    print("warning:", w.message)

groups = cmp.groups_summary[cmp.groups_summary["within"] == AREA]
print(groups[["group", "n_transcripts", "n_questions", "n_tokens", "speakers"]].to_string(index=False))

# %% [markdown]
# ## 3. The claim's words in the minutes
#
# For each word of a claim: how many experts of each side use it in the battery answers (the
# same Kiwi tokens the statistics count). With fewer than 3 experts on a side there is no z
# (`cmp.terms` gives counts only there), so the word is judged by the shares of experts: a word
# used by a larger share of the side the claim names "leans as claimed" — a pointer to the
# quotes below, never a test.

# %%
points = corpus.points[corpus.points["area"] == AREA]
p_tokens = point_tokens(corpus)  # the same Kiwi tokens the statistics counted (cached)
experts = points.groupby("role")["transcript_id"].nunique()
terms = cmp.terms[cmp.terms["within"] == AREA].set_index("term")


def verdict(share_claimed: float, share_other: float, z: float) -> str:
    """How a word leans, by z where there is one, else by the shares of experts using it."""
    if share_claimed == 0 and share_other == 0:
        return "not in the answers"
    if z == z:  # a z-score (≥ 3 experts a side)
        return "supported" if z >= Z_CRIT else "leans as claimed, not significant" if z > 0 else \
            "leans the other way, not significant" if z > -Z_CRIT else "contradicted"
    if share_claimed > share_other:
        return "leans as claimed (counts only)"
    if share_claimed < share_other:
        return "leans the other way (counts only)"
    return "used alike (counts only)"


rows = []
for group, words in claim_tokens.items():
    other = [g for g in GROUP_WORDS if g != group][0]
    for w in words:
        users = points[points["point_id"].map(lambda pid, w=w: w in p_tokens.get(pid, ()))]
        k = users.groupby("role")["transcript_id"].nunique()
        share = {g: k.get(g, 0) / max(experts.get(g, 0), 1) for g in GROUP_WORDS}
        z = float(terms.loc[w, "z"]) if w in terms.index else float("nan")
        z = z if group == cmp.groups[0] else -z
        rows.append(dict(claimed_for=group, term=w,
                         experts_academic=f"{k.get('academic', 0)}/{experts.get('academic', 0)}",
                         experts_industry=f"{k.get('industry', 0)}/{experts.get('industry', 0)}",
                         z=round(z, 2), verdict=verdict(share[group], share[other], z)))
check = pd.DataFrame(rows)
print(check.to_string(index=False))

# %% [markdown]
# ## 4. Who said it — the answer points, with their ids
#
# Token counts can hide the context (a professor saying "공정은 산업체가 잘하는 영역" counts as an
# academic use of 공정). Here are the points of the battery minutes whose tokens include each
# claim word.

# %%
evidence = []
for group, words in claim_tokens.items():
    for w in words:
        hit = points[points["point_id"].map(lambda pid, w=w: w in p_tokens.get(pid, ()))]
        for _, p in hit.iterrows():
            text = " ".join(p["text"].split())
            i = max(text.find(w), 0)
            evidence.append(dict(term=w, claimed_for=group, role=p["role"], speaker=p["speaker"],
                                 point_id=p["point_id"],
                                 excerpt=text[max(0, i - 30): i + 50]))
evidence = pd.DataFrame(evidence, columns=["term", "claimed_for", "role", "speaker", "point_id",
                                           "excerpt"])
print(evidence.groupby(["term", "role"]).size().unstack(fill_value=0).to_string())
print(evidence.drop_duplicates("point_id").to_string(index=False))

# %% [markdown]
# ## 5. The same question, both sides
#
# The summary row condenses the answers to the closing question ("추가적으로 제안해주시거나…").
# `cmp.pairs` puts each professor's answer next to the company expert's.

# %%
pairs = cmp.pairs[cmp.pairs["area"] == AREA]
row_topic = summary[summary["opinion"].str.contains(f"({GROUP_WORDS['academic']})", regex=False)]
closing = pairs[pairs["question"].str.contains("추가", regex=False)]
for _, p in closing.iterrows():
    print(f"Q: {p['question']}")
    print(f"  [{p['question_id_a']}] {p['speaker_a']}: {' '.join(p['answer_a'].split())[:220]}")
    print(f"  [{p['question_id_b']}] {p['speaker_b']}: {' '.join(p['answer_b'].split())[:220]}")

# %% [markdown]
# ## 6. The findings of the battery area, and the authors' claims checked
#
# `consult.findings` compares the two sides on each question both were asked (never across
# different questions): what each side named, who agrees, who says otherwise. `check_summaries`
# looks for each claim of the authors' table in the minutes.

# %%
from consult.findings import build_claims, check_summaries  # noqa: E402

findings = build_claims(corpus).table
battery = findings[findings["within"] == AREA]
print(battery[["finding_id", "kind", "sentence"]].to_string(index=False))
checks = check_summaries(corpus)
side_claims = checks[(checks["area"] == AREA) & (checks["claimed_role"] != "")]
print(side_claims[["claimed_role", "claim", "verdict", "note"]].to_string(index=False))

# %% [markdown]
# ## 7. What the minutes say about the claim

# %%
n = groups.set_index("group")["n_transcripts"]
lines = [f"Battery minutes: {n.get('academic', 0)} academic and {n.get('industry', 0)} industry "
         "transcripts (small samples: read the counts as a pointer to the quotes above, not a test)."]
for group, sub in check.groupby("claimed_for", sort=False):
    found = sub[sub["verdict"] != "not in the answers"]
    lines.append(
        f"Claim for {group}: " + "; ".join(f"{r.term} {r.verdict} (experts {r.experts_academic} "
                                            f"academic, {r.experts_industry} industry)"
                                            for r in found.itertuples())
        + (f"; not in the answers: {', '.join(sub.loc[sub['verdict'] == 'not in the answers', 'term'])}"
           if len(found) < len(sub) else "")
    )
    who = evidence[evidence["claimed_for"] == group].drop_duplicates("point_id")
    by_role = who.groupby("role")["speaker"].nunique()
    lines.append(
        f"  points using these words: {len(who)} ({', '.join(f'{r}: {k} expert(s)' for r, k in by_role.items())})"
    )
for r in side_claims.itertuples():
    lines.append(f"Authors' claim for {r.claimed_role} ({r.claim}): {r.verdict_label} — {r.note}")
for r in battery[battery["kind"].isin(["divergence", "split", "contrast"])].itertuples():
    lines.append(f"{r.finding_id}: {r.sentence}")
conclusion = "\n".join(lines)
print(conclusion)
