"""How much of a damaged text does the repair recover? A generality benchmark on real articles.

The 24 Wikinews articles of the GUM corpus (CC BY, read from their CoNLL-U
sources: sentences from ``# text =``, paragraphs from ``# newpar``, headings
from ``newpar_block = head``, figure captions dropped) are laid out as clean
text: title, blank line, one line per paragraph or heading. Each is then
damaged the way PDF extraction damages text, with a seeded random generator:

* every block wrapped at about 90 characters (hyphenated compounds may break at their hyphen);
* some words hyphenated across a line end ("strat-" / "egy");
* one paragraph split by a blank line in mid-sentence;
* one or two lines (or the tail of a line, cut at a word) displaced after the
  title, before their paragraph, or to the top of their paragraph;
* one heading glued to the paragraph before or after it (the title to the first
  paragraph when the article has no section heading).

``repair_text`` then runs on the damaged text and we measure what came back:
character similarity to the clean text (difflib ratio, before and after
repair), paragraphs recovered exactly, and how many of each damage were
undone exactly in place. A control runs the repair on the clean text, which
must come back unchanged.

Run:  .venv/bin/python bench/repair_damage.py [--seed N] [--no-lexicon] [--no-scorer] [--verbose]
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import random
import re
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.repair import repair_text, spacy_lexicon  # noqa: E402
from communique.repair.joins import cannot_start_sentence, ends_sentence  # noqa: E402
from communique.repair.parsefit import tagger_scorer  # noqa: E402

SOURCES = ROOT.parent / "shared" / "data" / "dev" / "gum_news" / "original" / "sources"
WIDTH = 90  # wrap width of the damaged layout
HYPHENATE_SHARE = 0.15  # share of line ends where the next word is hyphenated across the break
SPLIT_MARK = "\u0000"  # marks a line after which the damage puts a blank line


@dataclass
class Article:
    name: str
    title: str
    blocks: list[tuple[str, str]]  # (kind: "head" | "p", text), title excluded

    @property
    def clean(self) -> str:
        return "\n\n".join([self.title] + [text for _, text in self.blocks])


@dataclass
class Damage:
    text: str
    checks: dict[str, list[str]] = field(default_factory=dict)  # damage kind -> clean windows that must reappear


def read_article(path: Path) -> Article:
    blocks: list[tuple[str, list[str]]] = []
    title = ""
    kind = "p"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::title = "):
            title = line.split("= ", 1)[1].strip()
        elif line.startswith("# newpar_block = "):
            kind = line.split("= ", 1)[1].split()[0]
            blocks[-1] = (kind, blocks[-1][1])
        elif line.startswith("# newpar"):
            blocks.append(("p", []))
        elif line.startswith("# text = "):
            if not blocks:
                blocks.append(("p", []))
            blocks[-1][1].append(line.split("= ", 1)[1].strip())
    joined = [(k, " ".join(s)) for k, s in blocks if s and k != "figure"]
    if joined and joined[0][0] == "head":
        title = joined[0][1]
        joined = joined[1:]
    return Article(path.stem.replace("GUM_news_", ""), title, [("head" if k == "head" else "p", t) for k, t in joined])


def _edge(line: str, n: int, last: bool) -> str:
    parts = line.split()
    return " ".join(parts[-n:] if last else parts[:n])


def damage(article: Article, rng: random.Random) -> Damage:
    """Damage the clean layout of ``article``; return the damaged text and what must come back."""
    checks: dict[str, list[str]] = {}
    clean = article.clean

    def expect(kind: str, window: str) -> None:
        if window in clean:  # a window that the damage itself garbled is not a fair check
            checks.setdefault(kind, []).append(window)

    wrap = textwrap.TextWrapper(width=WIDTH, break_long_words=False, break_on_hyphens=True)
    blocks = [[article.title]] + [[t] if k == "head" else wrap.wrap(t) for k, t in article.blocks]
    kinds = ["title"] + [k for k, _ in article.blocks]
    para = [b for b, k in enumerate(kinds) if k == "p"]
    # Compounds that the wrap broke at their own hyphen must keep it.
    for b in para:
        for line, nxt in itertools.pairwise(blocks[b]):
            if line.endswith("-") and line[-2:-1].isalpha() and nxt[:1].isalpha():
                expect("compound hyphen kept", _edge(line, 2, True) + _edge(nxt, 1, False))
    # Hyphenate: part of the first word of a line goes to the end of the line before.
    for b in para:
        lines = blocks[b]
        for i in range(len(lines) - 1):
            word, _, rest = lines[i + 1].partition(" ")
            if rng.random() < HYPHENATE_SHARE and re.fullmatch(r"[a-z]{7,}", word) and not lines[i].endswith("-"):
                cut = rng.randint(3, len(word) - 3)
                expect("hyphenation undone", _edge(lines[i], 1, True) + " " + word)
                lines[i] = lines[i] + " " + word[:cut] + "-"
                lines[i + 1] = (word[cut:] + " " + rest).strip()
    # Split one paragraph by a blank line where a sentence continues on a lowercase line.
    splits = [(b, i) for b in para for i in range(len(blocks[b]) - 1)
              if not ends_sentence(blocks[b][i]) and not blocks[b][i].endswith("-")
              and blocks[b][i + 1][:1].islower()]
    split_at = rng.choice(splits) if splits else None
    if split_at is not None:
        b, i = split_at
        expect("paragraph split rejoined", _edge(blocks[b][i], 3, True) + " " + _edge(blocks[b][i + 1], 3, False))
        blocks[b][i] += SPLIT_MARK
    # Displace one or two lines (or line tails, cut at a word) that cannot start a sentence.
    movable = [(b, i) for b in para for i in range(1, len(blocks[b]) - 1)
               if cannot_start_sentence(blocks[b][i]) and not blocks[b][i - 1].endswith(("-", SPLIT_MARK))
               and not blocks[b][i].endswith(("-", SPLIT_MARK))]
    placed: dict[int, list[tuple[str, str]]] = {}  # block -> [(where, fragment)]
    for b, i in sorted(rng.sample(movable, min(len(movable), rng.choice([1, 2]))), reverse=True):
        line = blocks[b][i]
        cuts = [m.start() + 1 for m in re.finditer(r" (?=[a-z0-9])", line) if 15 < m.start() < len(line) - 15]
        if cuts and rng.random() < 0.5:  # the tail of a line, as in the seed
            cut = rng.choice(cuts)
            fragment, blocks[b][i] = line[cut:], line[:cut - 1]
            before = blocks[b][i]
        else:
            fragment = blocks[b].pop(i)
            before = blocks[b][i - 1]
        after = blocks[b][i] if i < len(blocks[b]) else ""
        if after == before:  # tail cut: the next line is i + 1
            after = blocks[b][i + 1]
        expect("displaced line put back", _edge(before, 2, True) + " " + fragment + " " + _edge(after, 2, False))
        where = rng.choice(["after title", "own block", "top of paragraph"])
        placed.setdefault(0 if where == "after title" else b, []).append((where, fragment))
    # Glue one heading to a neighbouring paragraph (the title when there is no section heading).
    heads = [b for b, k in enumerate(kinds) if k == "head" and b + 1 < len(blocks)]
    glue = rng.choice(heads) if heads else 0
    glue_down = glue == 0 or glue - 1 not in para or rng.random() < 0.5
    checks["heading unglued"] = [blocks[glue][0]]
    # Lay out: blocks joined by blank lines, except where the damage says otherwise.
    out: list[str] = []
    for b, lines in enumerate(blocks):
        text = "\n".join(lines).replace(SPLIT_MARK + "\n", "\n\n")
        for where, fragment in placed.get(b, []):
            if where == "after title":
                text = text + "\n" + fragment
            elif where == "own block":
                text = fragment + "\n\n" + text
            else:
                text = fragment + "\n" + text
        out.append(text)
    layout = out[0]
    for b, text in enumerate(out[1:], start=1):
        glued = (b == glue + 1 and glue_down) or (b == glue and not glue_down)
        layout += ("\n" if glued else "\n\n") + text
    return Damage(layout, checks)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--no-lexicon", action="store_true", help="undo hyphenation without spaCy's word list")
    parser.add_argument("--no-scorer", action="store_true", help="place displaced lines without the tagger's reading")
    parser.add_argument("--time", action="store_true", help="CPU time of the repair against spaCy's parse")
    parser.add_argument("--verbose", action="store_true", help="print every damage that was not undone")
    parser.add_argument("--show", help="print the damaged and repaired text of this article")
    args = parser.parse_args()
    from communique.config import DEFAULT_MODEL
    from communique.resources import load_model

    nlp = load_model(DEFAULT_MODEL)
    lexicon = None if args.no_lexicon else spacy_lexicon(nlp)
    scorer = None if args.no_scorer else tagger_scorer(nlp)
    articles = [read_article(p) for p in sorted(SOURCES.glob("*.conllu"))]
    totals: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    sums = Counter[str]()
    print(f"{'article':<14}{'sim dmg':>8}{'sim rep':>8}{'paras':>9}  damage undone (done/total)")
    for n, article in enumerate(articles):
        rng = random.Random(args.seed * 1000 + n)
        clean = article.clean
        dmg = damage(article, rng)
        started = time.process_time()
        result = repair_text(dmg.text, (), lexicon, scorer)
        sums["repair s"] += time.process_time() - started
        if args.time:
            started = time.process_time()
            nlp(result.text)
            sums["parse s"] += time.process_time() - started
        control = repair_text(clean, (), lexicon, scorer).text == clean
        if args.show == article.name:
            print(dmg.text, "\n=========\n", result.text, "\n=========\n", result.headings)
        sim_before, sim_after = similarity(clean, dmg.text), similarity(clean, result.text)
        clean_paras = Counter(clean.split("\n\n"))
        got = sum((clean_paras & Counter(result.text.split("\n\n"))).values())
        title_ok = any(h.level == 0 and h.text == article.title for h in result.headings)
        row = []
        for kind, windows in dmg.checks.items():
            done = sum(1 for w in windows if w in result.text)
            if kind == "heading unglued":
                done = sum(1 for w in windows if w in result.text.split("\n\n"))
            totals[kind] += len(windows)
            fixed[kind] += done
            row.append(f"{kind.split()[0]} {done}/{len(windows)}")
            if args.verbose:
                for w in windows:
                    if w not in (result.text.split("\n\n") if kind == "heading unglued" else result.text):
                        print(f"    missed {kind}: {w!r}")
        totals["title found"] += 1
        fixed["title found"] += title_ok
        totals["clean text unchanged"] += 1
        fixed["clean text unchanged"] += control
        sums["sim dmg"] += sim_before
        sums["sim rep"] += sim_after
        sums["paras"] += got
        sums["paras total"] += sum(clean_paras.values())
        print(f"{article.name:<14}{sim_before:>8.3f}{sim_after:>8.3f}{got:>4}/{sum(clean_paras.values()):<4}  "
              + ", ".join(row))
    count = len(articles)
    print()
    print(f"articles: {count}   mean similarity to the clean text: damaged {sums['sim dmg'] / count:.3f}, "
          f"repaired {sums['sim rep'] / count:.3f}")
    print(f"paragraphs recovered exactly: {sums['paras']:.0f}/{sums['paras total']:.0f} "
          f"({100 * sums['paras'] / sums['paras total']:.1f}%)")
    if args.time:
        print(f"CPU time: repair {sums['repair s']:.2f} s, spaCy parse of the repaired texts {sums['parse s']:.2f} s "
              f"(repair = {100 * sums['repair s'] / sums['parse s']:.0f}% of parse)")
    print(f"{'damage':<28}{'undone':>8}{'total':>8}{'%':>8}")
    for kind in sorted(totals):
        print(f"{kind:<28}{fixed[kind]:>8}{totals[kind]:>8}{100 * fixed[kind] / totals[kind]:>7.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
