"""Speed: the rules' alternation grouped by the character a match can start with.

The regex engine tries the alternatives of one big alternation one after another at every
position. Most rules can only start with a digit, or only with a capital, so at a lower-case
word the engine need not try them at all. Each rule's possible first characters are read
from its parsed pattern (conservatively: anything not understood may start with any
character) and sorted into a few classes (digit, a-z, other word characters, blank, other);
each class gets one branch behind a look-ahead, holding the rules that can start with it in
priority order. A position's character is in exactly one class, so the rules that can match
there are still tried in the same order: same results.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from functools import lru_cache
from re import _parser as sre  # type: ignore[attr-defined]
from typing import Any

# The character classes a position is dispatched on; together they cover every character.
# Lower case is ASCII only: the rules' capitals 'À-Ỹ' take in 'đ', 'ấ'… too.
_LOWER = "a-z"
_LOWER_SET = frozenset(string.ascii_lowercase)
DIGIT, LOWER, WORD, BLANK, OTHER = "digit", "lower", "word", "blank", "other"
ALL = frozenset((DIGIT, LOWER, WORD, BLANK, OTHER))
_ORDER = (LOWER, WORD, BLANK, OTHER, DIGIT)  # the most frequent word starts first
_GUARD = {
    DIGIT: r"\d",
    LOWER: f"[{_LOWER}]",
    WORD: rf"(?![{_LOWER}])[^\W\d]",  # capitals, other letters, '_'
    BLANK: r"[ \t]",
    OTHER: r"[^\w \t]",
}
_DIGIT_RE, _WORD_RE = re.compile(r"\d"), re.compile(r"\w")


def char_class(c: str) -> str:
    """The dispatch class of one character, exactly as the guards above see it."""
    if _DIGIT_RE.match(c):
        return DIGIT
    if c in _LOWER_SET:
        return LOWER
    if _WORD_RE.match(c):
        return WORD
    return BLANK if c in " \t" else OTHER


def _chars(codes: Iterable[int], ignore_case: bool) -> set[str]:
    out = set()
    for code in codes:
        c = chr(code)
        out.add(char_class(c))
        if ignore_case:  # case variants are letters; OTHER too, to stay on the safe side
            out |= {char_class(c.lower()[:1] or c), char_class(c.upper()[:1] or c), WORD, OTHER}
    return out


_CATEGORIES = {
    sre.CATEGORY_DIGIT: {DIGIT},
    sre.CATEGORY_WORD: {DIGIT, LOWER, WORD},
    sre.CATEGORY_NOT_WORD: {BLANK, OTHER},
    sre.CATEGORY_SPACE: {BLANK, OTHER},
}


Leaf = Callable[[Any, Any, int], tuple[set[str] | None, bool]]


def _first(items: Iterable[tuple[Any, Any]], flags: int, leaf: Leaf) -> tuple[set[str] | None, bool]:
    """(what the first character can be, as `leaf` reads a character item, None for anything;
    whether the sequence can match the empty string). Groups, choices and repeats are walked here."""
    found: set[str] = set()
    for op, av in items:
        first, nullable = _first_item(op, av, flags, leaf)
        if first is None:
            return None, False
        found |= first
        if not nullable:
            return found, False
    return found, True


def _first_item(op: Any, av: Any, flags: int, leaf: Leaf) -> tuple[set[str] | None, bool]:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # zero width
    if op is sre.SUBPATTERN:
        _, add, remove, sub = av
        return _first(sub, (flags | add) & ~remove, leaf)
    if op is sre.ATOMIC_GROUP:
        return _first(av, flags, leaf)
    if op is sre.BRANCH:
        found: set[str] = set()
        nullable = False
        for alternative in av[1]:
            first, empty = _first(alternative, flags, leaf)
            if first is None:
                return None, False
            found |= first
            nullable = nullable or empty
        return found, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, sub = av
        first, empty = _first(sub, flags, leaf)
        return first, empty or low == 0
    return leaf(op, av, flags)


def _class_leaf(op: Any, av: Any, flags: int) -> tuple[set[str] | None, bool]:
    """The dispatch classes a character item can match."""
    ignore_case = bool(flags & re.IGNORECASE)
    if op is sre.LITERAL:
        return _chars([av], ignore_case), False
    if op is sre.IN:
        found: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                found |= _chars([value], ignore_case)
            elif kind is sre.RANGE and value[1] - value[0] < 20_000:  # wider: any (keeps the import quick)
                found |= _chars(range(value[0], value[1] + 1), ignore_case)
            elif kind is sre.CATEGORY and value in _CATEGORIES:
                found |= _CATEGORIES[value]
            else:  # NEGATE and anything else: any character
                return set(ALL), False
        return found, False
    return set(ALL), True  # NOT_LITERAL, ANY, back-references…: anything


def _char_leaf(op: Any, av: Any, flags: int) -> tuple[set[str] | None, bool]:
    """The very characters a character item can match; None when not a short list (a category…)."""
    if flags & re.IGNORECASE or op not in (sre.LITERAL, sre.IN):
        return None, False
    if op is sre.LITERAL:
        return {chr(av)}, False
    found: set[str] = set()
    for kind, value in av:
        if kind is sre.LITERAL:
            found.add(chr(value))
        elif kind is sre.RANGE and value[1] - value[0] < 20_000:
            found |= {chr(c) for c in range(value[0], value[1] + 1)}
        else:
            return None, False
    return found, False


@lru_cache(maxsize=512)
def first_classes(pattern: str) -> frozenset[str]:
    """Classes of the characters a match of `pattern` can start with (all if it may be empty)."""
    parsed = sre.parse(pattern)
    classes, nullable = _first(parsed, parsed.state.flags, _class_leaf)
    return ALL if nullable or classes is None else frozenset(classes)


# Within the two busiest classes the rules are grouped once more, by the letter a word starts with:
# most rules start with one word or a few ('tháng', 'Thứ', 'cấp'…), so at a word starting with 'v'
# the engine need not try the rules for 'c' and 't'. Groups of about equal traffic in Vietnamese text.
_GROUPS = {
    LOWER: ("c", "t", "n", "h", "vx", "lkq", "dsbgp", "aefijmoruwyz"),
    WORD: ("T", "CK", "NHB", "Đđ", "ADEFGIJLMOPQRSUVWXYZ_"),
}
_WORD_REST = r"[^\W\d_a-zA-ZĐđ]"  # a word's first letter past ASCII other than 'đ': its own group


@lru_cache(maxsize=2048)
def _starts(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with; None when it may start with any (or be empty)."""
    parsed = sre.parse(pattern)
    chars, nullable = _first(parsed, parsed.state.flags, _char_leaf)
    return None if chars is None or nullable else frozenset(chars)


def _group_fits(pattern: str, group: str) -> bool:
    """Whether a match of `pattern` may start with a character of `group` (with any other character,
    for the empty group: the word characters past ASCII letters)."""
    chars = _starts(pattern)
    if chars is None:
        return True
    if not group:
        return any(c not in _LISTED for c in chars)
    return any(c in chars for c in group)


_LISTED = frozenset("".join(_GROUPS[WORD]))


def _top_level(pattern: str) -> list[str]:
    """The pattern's alternatives at its top level (outside groups and character classes)."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":  # '[]…]', '[^]…]': a ']' first is a member
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


@lru_cache(maxsize=512)
def gather_anchors(pattern: str) -> str:
    """'^A|^B|C' -> '^(?:A|B)|C': alternatives that only match at a line's start, when they follow
    one another, share one '^', so elsewhere the engine fails them with one test instead of one
    each (the many page-furniture lines). Same matches, same order."""
    parts = _top_level(pattern)
    if sum(p.startswith("^") for p in parts) < 2:
        return pattern
    out: list[str] = []
    run: list[str] = []
    for part in parts:
        if part.startswith("^"):
            run.append(part[1:])
            continue
        if run:
            out.append("^(?:" + "|".join(run) + ")")
            run = []
        out.append(part)
    if run:
        out.append("^(?:" + "|".join(run) + ")")
    return "|".join(out)


def alternation(
    named: Iterable[tuple[str, str]],
    aliases: dict[str, str],
    *,
    word_start: bool = False,
    guards: dict[str, str] | None = None,
) -> str:
    """'(?:pattern)(?P<name>)|…' for (name, pattern) in priority order, dispatched on the first character.

    The empty group closing each rule names it in `Match.lastgroup` (the spans are group 0's);
    a group opened at the end costs nothing in the many attempts that fail (a named group
    opened first costs more the later it stands in the pattern).

    One branch per class, holding the rules that can start with it in priority order; a rule
    found in several branches is named 'name__class' in all but the first, and `aliases`
    maps that name back. A rule with named groups of its own cannot be written twice: then
    the rules are gathered into guarded runs instead (slower, the same matches).

    `word_start`: the alternation only runs where no word character precedes, so before a
    word character a leading r"\b" always holds and is left out (the engine then checks the
    rule's first character before entering it).

    `guards`: a sharper guard for a class, when the caller knows more of what its rules need
    (e.g. the character after a blank); it must hold wherever one of the class's rules matches.
    """
    guard_of = {**_GUARD, **(guards or {})}
    rules = [(name, gather_anchors(pattern), first_classes(pattern)) for name, pattern in named]
    if any(len(classes) > 1 and re.compile(pattern).groupindex for _, pattern, classes in rules):
        return _runs(rules)
    parts = {name: _top_level(pattern) for name, pattern, _ in rules}
    seen: set[str] = set()
    branches = []
    for cls in _ORDER:
        alternatives = []
        for name, pattern, classes in rules:
            if cls in classes:
                alias = name if name not in seen else f"{name}__{cls}"
                seen.add(name)
                aliases[alias] = name
                # only the rule's own alternatives that can start here ('^' lines, a digit…)
                kept = [p for p in parts[name] if cls in first_classes(p)] if len(parts[name]) > 1 else [pattern]
                if not kept:
                    continue
                if word_start and cls in (LOWER, WORD, DIGIT):
                    kept = [p[2:] if p.startswith(r"\b") else p for p in kept]
                alternatives.append((f"(?:{'|'.join(kept)})(?P<{alias}>)", kept, alias, name))
        if alternatives and cls in _GROUPS:
            branches.append(f"(?={guard_of[cls]})(?:{_grouped(cls, alternatives, aliases)})")
        elif alternatives:
            branches.append(f"(?={guard_of[cls]})(?:{'|'.join(alt for alt, _, _, _ in alternatives)})")
    # End of text has no first character: a rule that may match the empty string is tried there too.
    at_end = [(name, pattern) for name, pattern, classes in rules if classes == ALL]
    for name, _ in at_end:
        aliases[f"{name}__end"] = name
    if at_end:
        branches.append(
            r"(?![\s\S])(?:" + "|".join(f"(?:{pattern})(?P<{name}__end>)" for name, pattern in at_end) + ")"
        )
    return "|".join(branches)


def _grouped(cls: str, alternatives: list[tuple[str, list[str], str, str]], aliases: dict[str, str]) -> str:
    """The class's rules once more behind a guard per group of first letters (see _GROUPS); in each
    group, the same rules in the same order less those that cannot start with its letters."""
    groups = [*_GROUPS[cls], ""] if cls == WORD else list(_GROUPS[cls])
    out = []
    for index, group in enumerate(groups):
        kept_alternatives = []
        for _, kept, alias, name in alternatives:
            parts = [p for p in kept if _group_fits(p, group)]
            if not parts:
                continue
            grouped_alias = f"{alias}_{index}" if "__" in alias else f"{alias}__{cls}{index}"
            aliases[grouped_alias] = name
            kept_alternatives.append(f"(?:{'|'.join(parts)})(?P<{grouped_alias}>)")
        guard = f"[{re.escape(group)}]" if group else _WORD_REST
        if kept_alternatives:
            out.append(f"(?={guard})(?:{'|'.join(kept_alternatives)})")
    return "|".join(out)


def _runs(rules: list[tuple[str, str, frozenset[str]]]) -> str:
    """Consecutive rules gathered behind one guard; a rule moves ahead only of rules it never competes with."""
    runs: list[tuple[frozenset[str], list[str]]] = []
    for name, pattern, classes in rules:
        target = None
        for j in range(len(runs) - 1, -1, -1):
            if runs[j][0] == classes:
                target = j
                break
            if runs[j][0] & classes:
                break  # a rule it may compete with stands after that run: keep the order
        if target is None:
            runs.append((classes, []))
            target = len(runs) - 1
        runs[target][1].append(f"(?:{pattern})(?P<{name}>)")
    parts = []
    for classes, alternatives in runs:
        body = "|".join(alternatives)
        if classes == ALL:
            parts.append(body)
        else:
            guard = "|".join(_GUARD[c] for c in _ORDER if c in classes)
            parts.append(f"(?={guard})(?:{body})")
    return "|".join(parts)


# Speed: most sentences of a script hold no digit at all, and two rules in three need one (a date,
# a measure, a document's number). Such rules are left out of the pass over a text with no digit.
def _digit_leaf(op: Any, av: Any) -> bool:
    """Whether a character item matches digits only."""
    if op is sre.LITERAL:
        return "0" <= chr(av) <= "9"
    if op is not sre.IN:
        return False
    return all(
        (kind is sre.LITERAL and "0" <= chr(value) <= "9")
        or (kind is sre.RANGE and value[0] >= 0x30 and value[1] <= 0x39)
        or (kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT)
        for kind, value in av
    )


def _needs_digit(items: Iterable[tuple[Any, Any]], flags: int) -> bool:
    for op, av in items:
        if op is sre.SUBPATTERN:
            found = _needs_digit(av[3], (flags | av[1]) & ~av[2])
        elif op is sre.ATOMIC_GROUP:
            found = _needs_digit(av, flags)
        elif op is sre.ASSERT:  # a digit the look-around asks for is in the text too
            found = _needs_digit(av[1], flags)
        elif op is sre.BRANCH:
            found = all(_needs_digit(alternative, flags) for alternative in av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            found = av[0] >= 1 and _needs_digit(av[2], flags)
        else:
            found = _digit_leaf(op, av)
        if found:
            return True
    return False


@lru_cache(maxsize=512)
def needs_digit(pattern: str) -> bool:
    """Whether every match of `pattern` holds a digit (r'\\d' sense) or needs one around it."""
    parsed = sre.parse(pattern)
    return _needs_digit(parsed, parsed.state.flags)
