"""The normaliser's alternation grouped by first character (a speed-up) finds exactly what
the plain alternation of the rules in priority order finds."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from broadcast.text import normalize as N
from broadcast.text.dispatch import ALL, BLANK, DIGIT, LOWER, OTHER, WORD, alternation, first_classes, needs_digit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_first_classes() -> None:
    assert first_classes(r"\b\d{1,3}/\d+") == {DIGIT}
    assert first_classes(r"(?:[ \t]?x)") == {BLANK, LOWER}
    assert first_classes(r"(?i:ab)") >= {LOWER, WORD, OTHER}  # 'A', and case variants such as the Kelvin sign
    assert first_classes(r"[^a]") == ALL
    assert first_classes(r"x?") == ALL  # may match the empty string


def test_dispatched_alternation_finds_the_same_spans() -> None:
    plain = "|".join(f"(?P<{r.name}>{r.pattern})" for r in N._ORDERED if not r.anywhere)
    anywhere = "|".join(f"(?P<{r.name}>{r.pattern})" for r in N._ORDERED if r.anywhere)
    static = N._STATIC.replace(N._WORD_START, plain, 1).replace(N._ANYWHERE, anywhere, 1)
    assert plain in static and anywhere in static and N._WORD_START not in static
    reference = re.compile(static, re.MULTILINE)
    dispatched = re.compile(N._STATIC, re.MULTILINE)
    with (FIXTURES / "corpus" / "sentences.tsv").open(encoding="utf-8", newline="") as f:
        texts = [row["sentence"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    texts += ["KHÓA XIII ſư đoàn ٣/٤ Km12 (+84) 28 3865 _x ＵＢＮＤ\n- 1. TM. Ủy ban", "İ ı K ſ ... … 5g 10h30"]
    for text in texts + [t.upper() for t in texts]:
        assert [(m.span(), N._ALIASES[m.lastgroup or ""]) for m in dispatched.finditer(text)] == [
            (m.span(), m.lastgroup) for m in reference.finditer(text)
        ], text


def test_rules_with_named_groups_of_their_own_fall_back_to_runs() -> None:
    rules = [("one", r"\d+"), ("two", r"(?P<x>[a-z\d])(?P=x)"), ("three", r"[a-z]+\d"), ("four", r"x?")]
    aliases: dict[str, str] = {}
    pattern = re.compile(alternation(rules, aliases))
    assert not aliases
    reference = re.compile("|".join(f"(?P<{name}>{p})" for name, p in rules))
    for text in ("aa1 b2 33 x", "", "x", "9 ab ccc4"):
        assert [(m.span(), m.lastgroup) for m in pattern.finditer(text)] == [
            (m.span(), m.lastgroup) for m in reference.finditer(text)
        ]


def test_dispatch_keeps_the_priority_order_and_empty_matches() -> None:
    rules = [("one", r"\d+"), ("two", r"[a-z]\d"), ("three", r"\w+"), ("four", r" ?x?"), ("five", r"\W")]
    aliases: dict[str, str] = {}
    pattern = re.compile(alternation(rules, aliases))
    assert aliases["three__digit"] == "three"
    reference = re.compile("|".join(f"(?P<{name}>{p})" for name, p in rules))
    for text in ("aa1 b2 33 x", "", "x", "9 ab ccc4 ,.", "É_ ٣ "):
        assert [(m.span(), aliases[m.lastgroup or ""]) for m in pattern.finditer(text)] == [
            (m.span(), m.lastgroup) for m in reference.finditer(text)
        ]


def test_a_leading_word_boundary_is_left_out_only_where_it_holds() -> None:
    rules = [("one", r"\b\d+"), ("two", r"\b[a-z]\b"), ("three", r"\b\W|\bx"), ("four", r"\b\w+")]
    aliases: dict[str, str] = {}
    pattern = re.compile(rf"(?<![\w])(?:{alternation(rules, aliases, word_start=True)})")
    reference = re.compile(r"(?<![\w])(?:" + "|".join(f"(?P<{name}>{p})" for name, p in rules) + ")")
    for text in ("a1 b 22 x.y , -z", "", " x", "_a ٣b é"):
        assert [(m.span(), aliases[m.lastgroup or ""]) for m in pattern.finditer(text)] == [
            (m.span(), m.lastgroup) for m in reference.finditer(text)
        ]


def test_needs_digit() -> None:
    assert needs_digit(r"\b\d{1,3}/\d+") and needs_digit(r"[Tt]háng[ \t]+(?:0?[1-9]|1[0-2])")
    assert needs_digit(r"Km(?=[ \t]?[0-9])") and needs_digit(r"(?:a|\d)(?:b|[0-9])\d")
    assert not needs_digit(r"\d*x") and not needs_digit(r"(?:a|\d)x") and not needs_digit(r"x(?!\d)")
    assert not needs_digit(r"[\d.]+") and not needs_digit(r"\w+")


def test_a_text_without_digits_is_scanned_the_same_without_the_rules_that_need_one() -> None:
    with (FIXTURES / "corpus" / "sentences.tsv").open(encoding="utf-8", newline="") as f:
        texts = [row["sentence"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    # digits taken out of real sentences leave their dates', symbols' and units' other characters
    texts = [re.sub(r"\d", "", t) for t in texts] + ["Tháng Giêng, UBND xã (CCHC) - Km / h: ... @ % ½"]
    full, digitless = N._master((), True), N._master((), False)
    assert full.pattern != digitless.pattern
    for text in texts + [t.upper() for t in texts]:
        assert [(m.span(), N._ALIASES[m.lastgroup or ""]) for m in digitless.finditer(text)] == [
            (m.span(), N._ALIASES[m.lastgroup or ""]) for m in full.finditer(text)
        ], text
